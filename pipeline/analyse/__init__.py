"""Analyses of validated data: plain functions from tables to summaries the site shows."""
