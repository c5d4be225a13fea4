"""Pelican plugin: writes the data pages from the site bundle (the only module importing pelican).

Settings: SHAFAF_BUNDLE (path of the bundle JSON), SHAFAF_DATASETS (the datasets it must match),
SITE_LANGUAGES (languages to write, the default first), LANG_PREFIX (URL prefix per language),
ROWS_PER_PAGE (rows of a long table per page, so every page stays light).
"""

from __future__ import annotations

import json
import logging
import shutil
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from pelican import signals
from pelican.generators import Generator

from pipeline import bundle, feeds, formats, i18n, metadata

from . import track

log = logging.getLogger(__name__)
DEV_URL = "http://localhost:8000"  # `make serve`


def _years(entries: dict[str, Any]) -> list[str]:
    """Every fiscal year any of ``entries`` (departments, wards) has figures for, newest first."""
    return sorted({year for entry in entries.values() for year in entry["years"]}, reverse=True)


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
        self.context["SHAFAF_CURRENCY"] = self.bundle["currency"]  # read by the money filters
        self.context["coverage"] = self.bundle["coverage"]  # what each council has published
        self.context["clock"] = self.bundle["clock"]  # today and this fiscal year
        self.context["GUIDE_URLS"] = guide_urls(self.context.get("pages", []))
        site = self.bundle.get("site") or {}
        self.context["SITE_NAMES"] = site.get("names") or {}  # every page's header and title
        self.context["DEMO_DATA"] = bool(site.get("demo"))  # the footer's demo notice
        self.context["local_governments"] = self.bundle["local_governments"]
        self.context["charts"] = self.bundle.get("charts", {})
        self.context["headlines"] = self.bundle.get("headlines", [])
        self.context["offline"] = self.bundle.get("offline", {})  # {lg_code: its zip}
        self.context["indicators_by_code"] = {i["code"]: i for i in self.bundle["indicators"]}
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
        if (made / "releases").is_dir():  # every release's files, kept so citations stay valid
            shutil.copytree(made / "releases", output / "releases", dirs_exist_ok=True)
        if (made / "offline").is_dir():  # one zip per council, served at data/offline/
            shutil.copytree(made / "offline", output / "data" / "offline", dirs_exist_ok=True)
        # The DCAT catalogue of every dataset and its files, for portals and harvesters.
        datasets = data["datasets"]
        base = public_url(self.settings)
        publisher = next((d["publisher"] for d in datasets if d.get("publisher")), "")
        catalogue = metadata.dcat(
            datasets, base, {"en": self.settings["SITENAME"], "ur": self.settings.get(
                "SITENAME_UR", self.settings["SITENAME"])}, publisher or self.settings["SITENAME"],
            offline=data.get("offline", {}).values(),
        )  # fmt: skip
        (output / "catalog.jsonld").write_text(
            json.dumps(catalogue, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        history = data.get("releases") or {"releases": [], "note": None}
        self._write_releases(writer, history)
        indicators = data["indicators"]
        flags = data["flags"]
        by_supplier: dict[str, list[dict[str, Any]]] = {}
        for finding in (f for found in flags.values() for f in found):
            if finding["subject_kind"] == "supplier":
                by_supplier.setdefault(finding["subject"], []).append(finding)
        for lang in self.settings["SITE_LANGUAGES"]:
            self._write(writer, lang, "methodology/red-flags/", "indicators", indicators=indicators)
            for indicator in indicators:
                counts = {
                    lg: sum(f["code"] == indicator["code"] for f in found)
                    for lg, found in flags.items()
                }
                self._write(
                    writer, lang, f"methodology/red-flags/{indicator['code'].replace('_', '-')}/",
                    "indicator", indicator=indicator, counts=counts,
                )  # fmt: skip
        track.write(self, writer, output, data)
        for lang in self.settings["SITE_LANGUAGES"]:
            self._write(writer, lang, "councils/", "councils", councils=councils)
            self._write(writer, lang, "data/", "datasets", datasets=data["datasets"])
            for dataset in data["datasets"]:
                self._write(
                    writer, lang, f"data/{dataset['name']}/", "dataset", dataset=dataset,
                    json_ld=script_json(metadata.schema_org(dataset, base, lang)),
                    releases=[r for r in history["releases"] if dataset["name"] in r["changed"]],
                )  # fmt: skip
            for council in councils:
                code = council["code"]
                base = f"{code.lower()}/"
                found = flags.get(code, [])
                self._write(
                    writer, lang, base + "report/", "report", council=council,
                    report=data["report"], wards=data["wards"].get(code, {}),
                    departments=data["departments"].get(code, {}),
                )  # fmt: skip
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
                departments = data["departments"].get(code, {})
                self._write(
                    writer, lang, base + "departments/", "departments",
                    council=council, departments=departments, years=_years(departments),
                )  # fmt: skip
                for dept in departments.values():
                    self._write(
                        writer, lang, f"{base}departments/{dept['code'].lower()}/", "department",
                        council=council, department=dept,
                        flags=[f for f in found if f["dept_code"] == dept["code"]],
                    )  # fmt: skip
                self._write(
                    writer, lang, base + "flags/", "flags", council=council,
                    groups=[(i, [f for f in found if f["code"] == i["code"]]) for i in indicators],
                    feed_path=self.settings["LANG_PREFIX"][lang] + base + "flags/" + FEED,
                )  # fmt: skip
                self._feed(
                    lang, base + "flags/" + FEED,
                    feeds.flags_feed(
                        lang, council, found, self.context["indicators_by_code"],
                        link=self._url(lang, base + "flags/"),
                        feed_url=self._url(lang, base + "flags/" + FEED),
                        rupees=partial(formats.money, currency=data["currency"]),
                        empty_date=self._quiet_date(history),
                    ),
                )  # fmt: skip
                self._write(
                    writer, lang, base + "forecasts/", "forecasts",
                    council=council, series=data["forecasts"].get(code, {}),
                )  # fmt: skip
                wards = data["wards"].get(code, {})
                self._write(
                    writer, lang, base + "wards/", "wards",
                    council=council, wards=wards, years=_years(wards),
                )  # fmt: skip
                for ward in wards.values():
                    self._write(
                        writer, lang, f"{base}wards/{ward['code'].lower()}/", "ward",
                        council=council, ward=ward,
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
                        flags=by_supplier.get(supplier["id"], []),
                        rows=rows[(number - 1) * per_page : number * per_page],
                        page_number=number, page_count=pages,
                    )  # fmt: skip

    # --- Releases and feeds ------------------------------------------------------------------

    def _url(self, lang: str, path: str) -> str:
        """The absolute address of ``path`` in ``lang`` (feeds need absolute addresses)."""
        return (
            public_url(self.settings).rstrip("/") + "/" + self.settings["LANG_PREFIX"][lang] + path
        )

    def _feed(self, lang: str, path: str, text: str) -> None:
        target = Path(self.output_path) / (self.settings["LANG_PREFIX"][lang] + path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def _quiet_date(self, history: dict[str, Any]) -> datetime:
        """The date a feed with no entry carries: the newest release's, so builds reproduce."""
        dated = [r["date"] for r in history["releases"] if r["date"]]
        return datetime.fromisoformat(max(dated)) if dated else datetime(2020, 1, 1, tzinfo=UTC)

    def _write_releases(self, writer: Any, history: dict[str, Any]) -> None:
        """The releases index and one page per release, in every language, and their feeds."""
        releases = history["releases"]
        quiet = self._quiet_date(history)
        names = {d["name"] for r in releases for d in r["datasets"]}
        for lang in self.settings["SITE_LANGUAGES"]:
            feed = "releases/" + FEED
            self._write(
                writer, lang, "releases/", "releases", releases=releases,
                note=history["note"], feed_path=self.settings["LANG_PREFIX"][lang] + feed,
            )  # fmt: skip
            for release in releases:
                self._write(
                    writer, lang, f"releases/{release['id']}/", "release", release=release,
                    feed_path=self.settings["LANG_PREFIX"][lang] + feed,
                )  # fmt: skip
            self._feed(
                lang, feed,
                feeds.releases_feed(
                    lang, releases,
                    title=i18n.gettext(
                        lang, feeds.TEXT["releases_title"], site=i18n.gettext(lang, "Shafaf")
                    ),
                    link=self._url(lang, "releases/"), feed_url=self._url(lang, feed),
                    release_url=lambda ident, lang=lang: self._url(lang, f"releases/{ident}/"),
                    empty_date=quiet,
                ),
            )  # fmt: skip
            for dataset in self.bundle["datasets"] if self.bundle else []:
                if dataset["name"] not in names:
                    continue
                title = dataset["title_ur"] if lang == "ur" else dataset["title"]
                path = f"data/{dataset['name']}/{RELEASES_FEED}"
                self._feed(
                    lang, path,
                    feeds.releases_feed(
                        lang, releases, dataset=dataset["name"],
                        title=i18n.gettext(lang, feeds.TEXT["dataset_title"], dataset=title),
                        link=self._url(lang, f"data/{dataset['name']}/"),
                        feed_url=self._url(lang, path),
                        release_url=lambda ident, lang=lang: self._url(lang, f"releases/{ident}/"),
                        empty_date=quiet,
                    ),
                )  # fmt: skip


FEED = "feed.atom.xml"
RELEASES_FEED = "releases.atom.xml"


def script_json(value: Any) -> str:
    """JSON safe inside an HTML <script> element: no '<', '>' or '&' that could end it."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def public_url(settings: dict[str, Any]) -> str:
    """The site's absolute address: SITEURL when it is one (publishconf.py), else FEED_DOMAIN
    (pelicanconf.py: where `make serve` serves the development build)."""
    for key in ("SITEURL", "FEED_DOMAIN"):
        url = str(settings.get(key) or "")
        if url.startswith(("http://", "https://")):
            return url
    return DEV_URL


def write_sitemap(pelican: Any) -> None:
    """sitemap.xml of every page written, each with its translation, and a robots.txt naming it."""
    output = Path(pelican.output_path)
    base = public_url(pelican.settings)
    paths = []
    for page in output.rglob("index.html"):
        folder = page.parent.relative_to(output).as_posix()
        path = "" if folder == "." else folder + "/"
        if not path.startswith(("drafts/", "theme/")):
            paths.append(path)
    prefixes = pelican.settings.get("LANG_PREFIX", {"en": ""})
    (output / "sitemap.xml").write_text(metadata.sitemap(paths, base, prefixes), encoding="utf-8")
    (output / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nSitemap: {base.rstrip('/')}/sitemap.xml\n", encoding="utf-8"
    )


GUIDE_SLUG = "publishing-guide"  # the content page that tells council staff how to publish


def guide_urls(pages: Any) -> dict[str, str]:
    """{lang: URL} of the publishing guide page in each language it is written in (none when
    the site has no such page: the notices then name the guide in Shafaf's documentation)."""
    found: dict[str, str] = {}
    for page in pages:
        if getattr(page, "slug", None) == GUIDE_SLUG:
            for item in (page, *getattr(page, "translations", [])):
                found.setdefault(item.lang, item.url)
    return found


@pass_context
def _money(context: Context, paisa: int | None, lang: str = "en") -> str:
    return formats.money(paisa, lang, context.get("SHAFAF_CURRENCY", formats.PKR))


@pass_context
def _money_exact(context: Context, paisa: int | None, lang: str = "en") -> str:
    return formats.money_exact(paisa, lang, context.get("SHAFAF_CURRENCY", formats.PKR))


@pass_context
def _currency_name(context: Context, lang: str = "en") -> str:
    return formats.currency_name(context.get("SHAFAF_CURRENCY", formats.PKR), lang)


def add_filters(generator: Any) -> None:
    """Money filters in every generator's templates (the home page's headlines too), in the
    currency of the bundle (SHAFAF_CURRENCY, set from the bundle once it is read)."""
    generator.env.filters.update(
        money=_money, money_exact=_money_exact, currency_name=_currency_name
    )


def get_generators(_pelican: Any) -> type[Generator]:
    return DataPages


def register() -> None:
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_sitemap)
