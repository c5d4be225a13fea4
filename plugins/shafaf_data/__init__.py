"""Pelican plugin: writes the data pages from the site bundle (the only module importing pelican).

Settings: SHAFAF_BUNDLE (path of the bundle JSON), SHAFAF_DATASETS (the datasets it must match),
SITE_LANGUAGES (languages to write, the default first), LANG_PREFIX (URL prefix per language).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from pipeline import bundle

log = logging.getLogger(__name__)


class DataPages(Generator):
    """Writes, in every language, a page per local government and an index of them."""

    def generate_context(self) -> None:
        path = Path(self.settings.get("SHAFAF_BUNDLE", bundle.DEFAULT_PATH))
        datasets = Path(self.settings.get("SHAFAF_DATASETS", "datasets"))
        try:
            self.bundle: dict[str, Any] | None = bundle.read(path, datasets)
        except bundle.BundleError as error:
            log.error("%s", error)  # with --fatal errors, the build stops here
            self.bundle = None
            return
        councils = self.bundle["local_governments"]
        self.context["local_governments"] = councils
        self.context["DATA_NAV"] = {
            lang: self.url(lang, "councils/") for lang in self.settings["SITE_LANGUAGES"]
        }

    def url(self, lang: str, path: str) -> str:
        return self.settings["LANG_PREFIX"][lang] + path

    def generate_output(self, writer: Any) -> None:
        if self.bundle is None:
            return
        languages = self.settings["SITE_LANGUAGES"]
        councils = self.bundle["local_governments"]
        for lang in languages:
            other = next(code for code in languages if code != lang)
            index = self.url(lang, "councils/")
            writer.write_file(
                index + "index.html",
                self.get_template("councils"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                lang=lang,
                page_url=index,
                lang_switch_url=self.url(other, "councils/"),
                councils=councils,
            )
            for council in councils:
                slug = f"{council['code'].lower()}/budget/"
                writer.write_file(
                    self.url(lang, slug) + "index.html",
                    self.get_template("budget"),
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    lang=lang,
                    page_url=self.url(lang, slug),
                    lang_switch_url=self.url(other, slug),
                    council=council,
                    years=self.bundle["budget"].get(council["code"], {}),
                )


def get_generators(_pelican: Any) -> type[Generator]:
    return DataPages


def register() -> None:
    signals.get_generators.connect(get_generators)
