"""The engine's Pelican settings, which every site's pelicanconf.py starts from.

A site's ``pelicanconf.py`` is ``from shafaf.pelican_settings import *`` followed by whatever it
changes. The theme and the plugins come from the installed engine, so a site repository holds
only its data, its pages and its settings. The site's name and the demo notice come from the
data (``datasets/settings.toml`` and the packages), through the site bundle.
"""

from datetime import date, datetime
from importlib.resources import files

from babel import Locale
from babel.dates import format_date

import shafaf
from pipeline import formats, i18n

# --- Site -------------------------------------------------------------------

SITENAME = "Shafaf"  # for Pelican (feeds); pages show the names in datasets/settings.toml
SHAFAF_VERSION = shafaf.__version__  # each page names the engine that built it
SITEURL = ""
AUTHOR = SITENAME  # Atom entries need an author name; author pages stay off
RELATIVE_URLS = True  # dev builds open from any folder; publishconf.py turns this off

PATH = "content"
OUTPUT_PATH = "output"
THEME = str(files("shafaf.theme"))  # the engine's theme, wherever the engine is installed
THEME_STATIC_DIR = "theme"  # theme/static/* is copied to output/theme/*
STATIC_PATHS: list[str] = []  # content/ holds text only for now

TIMEZONE = "Asia/Karachi"
DEFAULT_LANG = "en"
DEFAULT_DATE = None  # an article without a Date is an error, never "now"
DEFAULT_PAGINATION = False

# Markdown as people write it; smarty turns "quotes" into typographic ones.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

# Every content file sets an explicit Slug; a translation shares its original's
# slug and sets `Lang: ur`, which is how Pelican links the two. The basename
# fallback keeps URLs stable when a title is edited.
SLUGIFY_SOURCE = "basename"
PAGE_ORDER_BY = "basename"

# --- URLs: English at /…, Urdu under /ur/… ----------------------------------

PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"

ARTICLE_PATHS = ["news"]
ARTICLE_URL = "news/{slug}/"
ARTICLE_SAVE_AS = "news/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/news/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/news/{slug}/index.html"

DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_LANG_URL = "drafts/{lang}/{slug}/"
DRAFT_LANG_SAVE_AS = "drafts/{lang}/{slug}/index.html"

# Home and news list per language. Pelican renders each direct template once,
# so the Urdu versions are thin templates (index_ur.html, archives_ur.html).
DIRECT_TEMPLATES = ["index", "archives", "index_ur", "archives_ur"]
INDEX_URL = ""
INDEX_SAVE_AS = "index.html"
INDEX_UR_URL = "ur/"
INDEX_UR_SAVE_AS = "ur/index.html"
ARCHIVES_URL = "news/"
ARCHIVES_SAVE_AS = "news/index.html"
ARCHIVES_UR_URL = "ur/news/"
ARCHIVES_UR_SAVE_AS = "ur/news/index.html"
OTHER_LANG = {"en": "ur", "ur": "en"}  # target of the language switch
HOME_URLS = {"en": INDEX_URL, "ur": INDEX_UR_URL}
NEWS_URLS = {"en": ARCHIVES_URL, "ur": ARCHIVES_UR_URL}

# Category, tag and author pages are not useful yet: don't write them.
CATEGORY_URL = CATEGORY_SAVE_AS = ""
TAG_URL = TAG_SAVE_AS = ""
AUTHOR_URL = AUTHOR_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DEFAULT_CATEGORY = "news"

# --- Feeds -------------------------------------------------------------------
# News: one Atom feed per language, each holding only that language: en/news/feed.atom.xml and
# ur/news/feed.atom.xml (FEED_ATOM would also hold articles that exist only in Urdu, and Pelican
# writes a translation feed for the default language too, so this is the one rule that gives clean
# feeds). The data feeds (releases, red flags) are written by plugins/shafaf_data. Feeds need
# absolute addresses: here those of `make serve`; publishconf.py gives the public one.
FEED_DOMAIN = "http://localhost:8000"

FEED_ATOM = None
FEED_RSS = None
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = "{lang}/news/feed.atom.xml"
TRANSLATION_FEED_RSS = None

# --- Data pages, written by plugins/shafaf_data from the site bundle --------

PLUGIN_PATHS: list[str] = []  # the plugins are modules of the installed engine
PLUGINS = ["shafaf_data", "shafaf_search"]  # shafaf_search: the search page and index
SHAFAF_BUNDLE = "build/bundle/bundle.json"  # made by `make analyse`
SHAFAF_DATASETS = "datasets"  # the bundle must match these files
SITE_LANGUAGES = ["en", "ur"]
LANG_PREFIX = {"en": "", "ur": "ur/"}

# --- Search, by plugins/shafaf_search: Pagefind indexes the written site ----------------
# Pages that set `search_kind` (templates) are indexed, one index per language. These parts of
# them are left out, to keep the index small and the results clear: tables and lists of figures,
# charts, menus, page numbers, and red-flag findings (each rule has its own page, and so has
# each supplier and department a flag names).

SEARCH_EXCLUDE_SELECTORS = [
    ".table-scroll",
    ".facts",
    ".chart",
    ".chart-data",
    ".council-nav",
    ".pagination",
    ".flag",
]

# --- Data shown in the footer -----------------------------------------------

DATA_LICENCE_NAME = "CC BY 4.0"
DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

# --- Interface text ---------------------------------------------------------
# Every piece of interface text is English in the templates, `_("Budget")`, translated
# through theme/translations/<lang>/LC_MESSAGES/messages.po into the page's `lang`
# (pipeline/i18n.py; how to translate: theme/translations/README.md).

LANGUAGE_NAMES = {"en": "English", "ur": "اردو"}  # each in itself, for the language switch

_BABEL_LOCALES = {"en": Locale.parse("en_PK"), "ur": Locale.parse("ur_PK")}  # parsed once


def _locale(lang: str) -> Locale:
    return _BABEL_LOCALES.get(lang, _BABEL_LOCALES["en"])


def month_name(value: str, lang: str) -> str:
    """'2024-07' as 'July 2024' / 'جولائی 2024'."""
    year, month = (int(part) for part in value.split("-"))
    return format_date(date(year, month, 1), "MMMM y", locale=_locale(lang))


def local_date(value: date | datetime, lang: str) -> str:
    """Format a date for people reading `lang`, independent of the system locale."""
    return format_date(value, "d MMMM y", locale=_locale(lang))


# Escape every {{ value }}: council, supplier and field names come from spreadsheets.
# i18n.Extension: _(), ngettext() and {% trans %} (jinja2.ext.i18n, newstyle) in the page's `lang`.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": [i18n.Extension],
}

JINJA_FILTERS = {
    "local_date": local_date,
    "rupees": formats.rupees,
    "rupees_exact": formats.rupees_exact,
    "millions": formats.millions,
    "share": formats.share,
    "month_name": month_name,
    "percent": formats.percent,
    "number": formats.number,
    "file_size": formats.file_size,
    "days": formats.days,
    "iso_date": lambda value, lang: format_date(
        date.fromisoformat(value), "d MMM y", locale=_locale(lang)
    ),
}
ROWS_PER_PAGE = 50  # long tables (a supplier's payments) are split into pages this long
