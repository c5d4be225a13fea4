"""Shafaf's data pipeline: validate the data packages, analyse them, chart them."""
