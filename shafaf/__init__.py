"""Shafaf, the engine: the ``shafaf`` command, the Pelican settings every site starts from, and
the scaffold of a new council's site. The work itself is done by ``pipeline`` (validate,
analyse) and ``publish`` (CKAN, the intake service)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("shafaf")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
