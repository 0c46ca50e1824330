"""Generate large guides for the benchmark from the MLOps guide's own text (output not committed).

`python benchmarks/generate.py 1000` writes benchmarks/generated/bench-1000.yaml:
N technical questions (the MLOps guide's ten, cycled, each with its own id), the guide's own stages,
behavioural questions, red flags and resources.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "content" / "mlops-engineer-uk.yaml"
GENERATED = HERE / "generated"


class _NoAliases(yaml.SafeDumper):
    """Guides may not use YAML aliases, so repeated lists are written out in full."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def guide_text(questions: int, guide_id: str) -> str:
    """A valid guide with `questions` technical questions, as YAML text."""
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))  # our own file: plain safe_load is fine
    base = data["technical"]["questions"]
    data["guide"]["id"] = guide_id
    data["guide"]["title"] = f"{data['guide']['title']} ({questions} questions)"
    data["technical"]["questions"] = [
        {**base[i % len(base)], "id": f"{base[i % len(base)]['id']}-{i + 1}"} for i in range(questions)
    ]
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100)


def write_guide(questions: int, guide_id: str | None = None, directory: Path = GENERATED) -> Path:
    """Write a generated guide file (built with the repository's templates and styles)."""
    guide_id = guide_id or f"bench-{questions}"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{guide_id}.yaml"
    path.write_text(guide_text(questions, guide_id), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=int)
    args = parser.parse_args()
    print(write_guide(args.questions))
    return 0


if __name__ == "__main__":
    sys.exit(main())
