"""The Open311 GeoReport v2 intake service: citizens report problems, staff update their status.

``python -m publish.feedback serve`` runs it; ``export`` writes the public records for
``python -m pipeline import-complaints``. See docs/feedback.md.
"""
