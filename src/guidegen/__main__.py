"""`python -m guidegen`, the same as the `guidegen` command."""

import sys

from .cli.entry import main

if __name__ == "__main__":  # not when a spawned worker process imports this module
    sys.exit(main())
