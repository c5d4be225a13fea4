"""Publishing tests against a real CKAN 2.12 started on loopback (see server.py)."""
