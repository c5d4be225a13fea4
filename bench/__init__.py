"""Benchmarks behind ``make bench``: they print figures and never fail a build."""
