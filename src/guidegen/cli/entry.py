"""The `guidegen` command's entry point, the first of guidegen to run: Ctrl-C while Python is still
importing the rest of the command exits quietly with status 130, as it does later on."""

from __future__ import annotations

import sys


def main() -> int:
    try:
        from .main import main as run

        return run()
    except KeyboardInterrupt:
        print("guidegen: interrupted", file=sys.stderr)
        return 130
