"""Pelican plugin: writes the data pages from the site bundle (the only module importing pelican).

Settings: SHAFAF_BUNDLE (path of the bundle JSON), SHAFAF_DATASETS (the datasets it must match),
SITE_LANGUAGES (languages to write, the default first), LANG_PREFIX (URL prefix per language),
ROWS_PER_PAGE (rows of a long table per page, so every page stays light).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from pipeline import bundle

log = logging.getLogger(__name__)


class DataPages(Generator):
    """Writes, in every language, the councils index and each council's and supplier's pages."""

    def generate_context(self) -> None:
        path = Path(self.settings.get("SHAFAF_BUNDLE", bundle.DEFAULT_PATH))
        datasets = Path(self.settings.get("SHAFAF_DATASETS", "datasets"))
        try:
            self.bundle: dict[str, Any] | None = bundle.read(path, datasets)
        except bundle.BundleError as error:
            log.error("%s", error)  # with --fatal errors, the build stops here
            self.bundle = None
            return
        self.context["local_governments"] = self.bundle["local_governments"]
        self.context["charts"] = self.bundle.get("charts", {})
        self.context["headlines"] = self.bundle.get("headlines", [])
        self.context["DATA_NAV"] = {
            lang: self.settings["LANG_PREFIX"][lang] + "councils/"
            for lang in self.settings["SITE_LANGUAGES"]
        }

    def _write(self, writer: Any, lang: str, path: str, template: str, **context: Any) -> None:
        """Write ``path`` (a folder URL such as 'sbz-mc/budget/') in ``lang``."""
        prefix = self.settings["LANG_PREFIX"]
        other = next(code for code in self.settings["SITE_LANGUAGES"] if code != lang)
        writer.write_file(
            prefix[lang] + path + "index.html",
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            lang=lang,
            page_url=prefix[lang] + path,
            lang_switch_url=prefix[other] + path,
            **context,
        )

    def generate_output(self, writer: Any) -> None:
        if self.bundle is None:
            return
        data = self.bundle
        councils = data["local_governments"]
        names = {c["code"]: c for c in councils}
        per_page = int(self.settings.get("ROWS_PER_PAGE", 50))
        # The files people download (exact copies of the datasets) and the chart files.
        made = Path(self.settings.get("SHAFAF_BUNDLE", bundle.DEFAULT_PATH)).parent
        output = Path(self.output_path)
        shutil.copytree(made / "downloads", output / "data", dirs_exist_ok=True)
        shutil.copytree(made / "charts", output / "charts", dirs_exist_ok=True)
        for lang in self.settings["SITE_LANGUAGES"]:
            self._write(writer, lang, "councils/", "councils", councils=councils)
            self._write(writer, lang, "data/", "datasets", datasets=data["datasets"])
            for dataset in data["datasets"]:
                self._write(writer, lang, f"data/{dataset['name']}/", "dataset", dataset=dataset)
            for council in councils:
                code = council["code"]
                base = f"{code.lower()}/"
                self._write(
                    writer, lang, base + "budget/", "budget",
                    council=council, years=data["budget"].get(code, {}),
                )  # fmt: skip
                self._write(
                    writer, lang, base + "spending/", "spending",
                    council=council, years=data["spending"].get(code, {}),
                )  # fmt: skip
                self._write(
                    writer, lang, base + "complaints/", "complaints",
                    council=council, years=data["complaints"].get(code, {}),
                )  # fmt: skip
            for supplier in data["suppliers"].values():
                rows = supplier["payments"]
                pages = max(1, -(-len(rows) // per_page))
                for number in range(1, pages + 1):
                    path = f"suppliers/{supplier['id'].lower()}/"
                    path += "" if number == 1 else f"page-{number}/"
                    self._write(
                        writer, lang, path, "supplier",
                        supplier=supplier, councils_by_code=names,
                        rows=rows[(number - 1) * per_page : number * per_page],
                        page_number=number, page_count=pages,
                    )  # fmt: skip


def get_generators(_pelican: Any) -> type[Generator]:
    return DataPages


def register() -> None:
    signals.get_generators.connect(get_generators)
