"""Tests of the Open311 intake service (publish.feedback) and of its import into the datasets."""
