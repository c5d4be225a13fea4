"""Pelican settings for the published site: the development settings plus the public address."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

# The public address (no trailing slash); GitHub Pages sets SHAFAF_SITEURL in publish.yml.
SITEURL = os.environ.get("SHAFAF_SITEURL", "[[ site.url ]]")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
