"""The JSON Schema of the guide format, generated from the model the loader validates with.

Editors that speak the YAML language server's protocol (VS Code's YAML extension, Neovim, Helix,
Sublime, Emacs with yamlls) read it through the `# yaml-language-server: $schema=...` line that
`guidegen new` and `guidegen import` write at the top of a guide: they complete field names, show
each field's description and flag a mistake as one types. It is written for JSON Schema draft-07,
the draft those editors support in full.

What a schema cannot say stays the loader's alone: that ids are unique across the guide, that a
logo exists, every rule of Markdown links. `guidegen check` remains the authority.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .guide import Guide

DRAFT = "http://json-schema.org/draft-07/schema#"
#: Where `new`, `import` and `schema --write` put the schema: beside the guides, so the modeline is
#: a bare file name, which every editor resolves offline and on every platform.
SCHEMA_FILE = "guide.schema.json"
MODELINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"


def guide_schema() -> dict[str, Any]:
    """The schema of a guide file, as a JSON-ready dict."""
    schema = Guide.model_json_schema(ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", {})
    return {
        "$schema": DRAFT,
        "title": "guidegen guide",
        "description": "An interview-prep guide for guidegen: one YAML file in a project's content/.",
        **{key: value for key, value in schema.items() if key not in {"title", "description"}},
        "definitions": definitions,
    }


def schema_text() -> str:
    """The schema as the file `guidegen schema` prints and writes: stable, readable JSON."""
    return json.dumps(guide_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(folder: Path) -> Path:
    """Write (or refresh) the schema file in `folder`; return its path."""
    from ..base.writing import write_atomic

    target = folder / SCHEMA_FILE
    data = schema_text().encode("utf-8")
    if not target.is_file() or target.read_bytes() != data:
        write_atomic(target, data)
    return target
