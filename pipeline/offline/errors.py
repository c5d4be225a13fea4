"""The error an offline download stops with."""

from __future__ import annotations


class OfflineError(Exception):
    """An offline download could not be made; the message says why and what to do."""
