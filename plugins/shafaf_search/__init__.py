"""Pelican plugin: the search page in every language, and the site's search index (Pagefind).

The search page (`search/`, `ur/search/`, template search.html) is the only page with a script;
it loads the index only when someone searches. Once every page is written (Pelican's `finalized`
signal), Pagefind indexes the output into `pagefind/`, one index per language; if it cannot, the
build stops with one sentence saying why, and `make html` keeps the last complete site.

Settings: SITE_LANGUAGES and LANG_PREFIX (as for plugins/shafaf_data), SEARCH_EXCLUDE_SELECTORS
(CSS selectors of the parts of an indexed page left out of the index: tables of figures, menus).
Templates choose what is indexed: base.html marks `<main>` with `data-pagefind-body` on pages that
set `search_kind`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from . import indexer

log = logging.getLogger(__name__)
PATH = "search/"  # under each language's prefix


class SearchPages(Generator):
    """Writes the search page in each language and gives every page the link to it."""

    def generate_context(self) -> None:
        prefix = self.settings["LANG_PREFIX"]
        self.context["SEARCH_URLS"] = {
            lang: prefix[lang] + PATH for lang in self.settings["SITE_LANGUAGES"]
        }

    def generate_output(self, writer: Any) -> None:
        prefix = self.settings["LANG_PREFIX"]
        languages = self.settings["SITE_LANGUAGES"]
        for lang in languages:
            other = next(code for code in languages if code != lang)
            writer.write_file(
                prefix[lang] + PATH + "index.html",
                self.get_template("search"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                lang=lang,
                page_url=prefix[lang] + PATH,
                lang_switch_url=prefix[other] + PATH,
                councils=self.context.get("local_governments", []),
            )


def index_site(pelican: Any) -> None:
    """Index the written site; stop the build with a plain message if that fails."""
    settings = pelican.settings
    try:
        made = indexer.build(
            Path(pelican.output_path),
            settings["SITE_LANGUAGES"],
            settings.get("SEARCH_EXCLUDE_SELECTORS", ()),
        )
    except indexer.SearchIndexError as error:
        # SystemExit, not an exception Pelican would log with a traceback: the message is all.
        raise SystemExit(f"The search index could not be made. {error}") from None
    pages = ", ".join(f"{count} in {lang}" for lang, count in sorted(made.pages.items()))
    log.info("Search index: %s pages (%s), %.1f MB", sum(made.pages.values()), pages,
             made.size / 1e6)  # fmt: skip


def get_generators(_pelican: Any) -> type[Generator]:
    return SearchPages


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_site)
