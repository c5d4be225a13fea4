"""Pelican settings for the published site: development settings plus absolute URLs and feeds."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

# The public address, e.g. https://shafaf.example.pk (no trailing slash).
# Feeds need it; Pelican warns when it is empty.
SITEURL = os.environ.get("SHAFAF_SITEURL", "")
RELATIVE_URLS = False

DELETE_OUTPUT_DIRECTORY = True

# Atom feeds for news only, one per language, each holding only that language:
# en/news/feed.atom.xml and ur/news/feed.atom.xml. (FEED_ATOM would also hold
# articles that exist only in Urdu, and Pelican writes a translation feed for
# the default language too, so this is the one rule that gives clean feeds.)
TRANSLATION_FEED_ATOM = "{lang}/news/feed.atom.xml"
