"""`python -m guidegen`, the same as the `guidegen` command."""

import sys

from .cli import main

sys.exit(main())
