"""``python -m shafaf``: the same as the ``shafaf`` command."""

import sys

from shafaf.cli import main

sys.exit(main())
