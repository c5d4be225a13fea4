"""Pelican settings for the published site: development settings plus the public address."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

# The public address, e.g. https://shafaf.example.pk (no trailing slash).
# Feeds and the sitemap need it; Pelican warns when it is empty.
SITEURL = os.environ.get("SHAFAF_SITEURL", "")
FEED_DOMAIN = SITEURL  # Pelican warns when it is empty
RELATIVE_URLS = False

DELETE_OUTPUT_DIRECTORY = True
