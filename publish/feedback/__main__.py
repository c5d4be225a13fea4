"""Entry point for ``python -m publish.feedback``."""

import sys

from publish.feedback.cli import main

sys.exit(main())
