"""`guidegen schema`: the JSON Schema generated from the model the loader uses. It accepts every
valid guide the suite has and rejects every invalid fixture that YAML itself accepts, read as an
editor's YAML language server reads it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from guidegen.load import load_guide
from guidegen.load.guides import read_yaml
from guidegen.model.schema import SCHEMA_FILE
from helpers import FIXTURES, GUIDES, MINIMAL, ROOT, run_cli

VALID = sorted({*GUIDES, MINIMAL, *(FIXTURES / "valid").glob("*.yaml"), *(FIXTURES / "print").glob("*.yaml"),
                *(FIXTURES / "cards").glob("*.yaml"), *(FIXTURES / "hostile").glob("*.yaml"),
                *(FIXTURES / "warnings").glob("*.yaml")})
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
#: Rules no JSON Schema can state: ids unique across three lists. The loader alone enforces them.
BEYOND_A_SCHEMA = {"duplicate-id"}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    result = run_cli("schema")
    assert result.code == 0, result.err
    schema = json.loads(result.out)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _as_an_editor_reads(path: Path) -> Any:
    """The file's data with YAML's own types (numbers, booleans; a date as the text it is in YAML
    1.2), which is what an editor checks against the schema."""
    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list):
            return [plain(item) for item in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    return plain(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_the_schema_accepts_every_valid_guide(validator: jsonschema.Draft7Validator, path: Path) -> None:
    load_guide(path, project=ROOT)  # valid for guidegen
    assert [error.message for error in validator.iter_errors(_as_an_editor_reads(path))] == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_the_schema_rejects_every_invalid_guide(validator: jsonschema.Draft7Validator, path: Path) -> None:
    tree, problems = read_yaml(path)
    if tree is None or problems:  # not a guide's YAML at all: tags, aliases, duplicate keys, bad bytes
        assert problems
        return
    errors = list(validator.iter_errors(_as_an_editor_reads(path)))
    if path.stem in BEYOND_A_SCHEMA:
        assert errors == []
    else:
        assert errors, f"{path.name} passes the schema"


def test_the_schema_describes_every_field(validator: jsonschema.Draft7Validator) -> None:
    schema = validator.schema
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    for name, definition in [("Guide", schema), *schema["definitions"].items()]:
        for field, spec in definition.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field} has no description"
        assert definition.get("additionalProperties") is False, name


def test_schema_write_refreshes_the_projects_copy(tmp_path: Path) -> None:
    result = run_cli("schema", "--write", "--project", tmp_path)
    assert result.code == 0, result.err
    written = tmp_path / "content" / SCHEMA_FILE
    assert written.read_text(encoding="utf-8") == run_cli("schema").out


WRITING_GUIDE = ROOT / "docs" / "writing-guides.md"


def test_the_writing_guide_documents_every_field_and_its_example_builds(
        validator: jsonschema.Draft7Validator, tmp_path: Path) -> None:
    """docs/writing-guides.md names every field of the schema, and its example guide is valid."""
    text = WRITING_GUIDE.read_text(encoding="utf-8")
    schema = validator.schema
    for definition in [schema, *schema["definitions"].values()]:
        for field in definition.get("properties", {}):
            assert re.search(rf"`[^`\n]*\b{field}\b[^`\n]*`", text), f"{field} is not in {WRITING_GUIDE.name}"
    example = text.split("## The format", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "content").mkdir()
    guide = tmp_path / "content" / "example.yaml"
    guide.write_text(example, encoding="utf-8")
    (tmp_path / "content" / SCHEMA_FILE).write_text(run_cli("schema").out, encoding="utf-8")
    result = run_cli("check", guide, "--project", tmp_path, "--strict")
    assert result.code == 0, result.err
    assert [error.message for error in validator.iter_errors(_as_an_editor_reads(guide))] == []
