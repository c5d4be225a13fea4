"""Atom feeds: the releases of the datasets, and each council's red flags, in English and Urdu.

A feed reader (or a newsroom's monitoring script) learns of new data and new flags without anyone
watching the site. Entry ids are the entries' page addresses, which never change, and dates come
from the data (a release's commit date, a flag's newest record), so an unchanged entry never looks
new again.
"""

from __future__ import annotations

from datetime import date, datetime, time
from html import escape
from io import StringIO
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from feedgenerator import Atom1Feed

from pipeline.i18n import N_, gettext
from pipeline.releases.history import PKT

LIMIT = 50  # newest entries per feed
_LOCALES = {"en": Locale.parse("en_PK"), "ur": Locale.parse("ur_PK")}
LRI, PDI = "\u2066", "\u2069"  # keep codes and file names left to right inside Urdu text

TEXT = {
    "releases_title": N_("Releases of the data: %(site)s"),
    "dataset_title": N_("Releases of %(dataset)s"),
    "dataset_subtitle": N_(
        "Each time this dataset is published again: what was added, changed or removed."
    ),
    "release_entry": N_("%(dataset)s: release of %(date)s"),
    "unnamed_release": N_("Release of %(date)s"),
    "file_added": N_("%(file)s: new file"),
    "file_removed": N_("%(file)s: file removed"),
    "file_changed": N_("%(file)s: changed"),
    "flags_title": N_("Red flags: %(council)s"),
    "flags_subtitle": N_(
        "New red flags raised on this council's payments, budget and complaints. "
        "A flag is a reason to look, never proof of wrongdoing."
    ),
    "amount": N_("Amount involved: %(amount)s"),
}


def _rows(lang: str, table: dict[str, Any]) -> str:
    parts = []
    for key, text in (
        ("rows_added", N_("rows added: %(num)s")),
        ("rows_changed", N_("rows changed: %(num)s")),
        ("rows_removed", N_("rows removed: %(num)s")),
    ):
        if table[key]:
            parts.append(gettext(lang, text, num=format_decimal(table[key], locale=_LOCALES[lang])))
    return "، ".join(parts) if lang == "ur" else ", ".join(parts)


def _isolate(text: str) -> str:
    return f"{LRI}{text}{PDI}"


def release_summary(lang: str, dataset: dict[str, Any]) -> list[str]:
    """One line per file of ``dataset`` that changed in a release (plain text)."""
    lines = []
    tables = {t["path"]: t for t in dataset["tables"]}
    for path in dataset["files_changed"]:
        name = _isolate(path)
        if path in dataset["files_added"]:
            line = gettext(lang, TEXT["file_added"], file=name)
        elif path in dataset["files_removed"]:
            line = gettext(lang, TEXT["file_removed"], file=name)
        else:
            line = gettext(lang, TEXT["file_changed"], file=name)
        if path in tables and _rows(lang, tables[path]):
            line += f" ({_rows(lang, tables[path])})"
        lines.append(line)
    return lines


def _html(paragraphs: list[list[str]]) -> str:
    """Paragraphs of plain-text lines as the little HTML an Atom summary carries."""
    return "".join(
        "<p>" + "<br>".join(escape(line) for line in lines) + "</p>"
        for lines in paragraphs
        if lines
    )


class _Feed(Atom1Feed):
    """An Atom feed whose date, when it has no entry, is a fixed one (reproducible builds)."""

    def __init__(self, *args: Any, empty_date: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.empty_date = empty_date

    def latest_post_date(self) -> datetime:
        return super().latest_post_date() if self.items else self.empty_date


def _write(feed: Atom1Feed) -> str:
    out = StringIO()
    feed.write(out, "utf-8")
    return out.getvalue()


def _day(text: str) -> datetime:
    return datetime.combine(date.fromisoformat(text[:10]), time(), PKT)


def releases_feed(
    lang: str, releases: list[dict[str, Any]], *, title: str, link: str, feed_url: str,
    release_url: Any, dataset: str | None = None, empty_date: datetime,
) -> str:  # fmt: skip
    """Atom feed of the committed releases (all, or those that changed ``dataset``), newest first.

    ``release_url(release_id)`` gives a release page's absolute address in ``lang``.
    """
    feed = _Feed(
        title=title, link=link, feed_url=feed_url, feed_guid=feed_url, language=lang,
        description=gettext(lang, TEXT["dataset_subtitle"]) if dataset else "",
        empty_date=empty_date,
    )  # fmt: skip
    entries = [
        r for r in releases
        if r["commit"] and (dataset is None or dataset in r["changed"])
    ][:LIMIT]  # fmt: skip
    for release in entries:
        when = datetime.fromisoformat(release["date"])
        day = format_date(when, "d MMMM y", locale=_LOCALES[lang])
        changed = [d for d in release["datasets"] if d["files_changed"]]
        if dataset is not None:
            changed = [d for d in changed if d["name"] == dataset]
        names = [d["title_ur"] if lang == "ur" and d["title_ur"] else d["title"] for d in changed]
        if len(names) == 1:
            heading = gettext(lang, TEXT["release_entry"], dataset=names[0], date=day)
        else:
            heading = gettext(lang, TEXT["unnamed_release"], date=day)
        url = release_url(release["id"]) + (f"#{dataset}" if dataset else "")
        summary = _html(
            [
                ([name] if len(changed) > 1 else []) + release_summary(lang, d)
                for name, d in zip(names, changed, strict=True)
            ]
        )
        feed.add_item(
            title=heading, link=url, unique_id=url, description=summary,
            pubdate=when, updateddate=when,
        )  # fmt: skip
    return _write(feed)


def flags_feed(
    lang: str, council: dict[str, Any], findings: list[dict[str, Any]],
    indicators: dict[str, dict[str, Any]], *, link: str, feed_url: str, rupees: Any,
    empty_date: datetime,
) -> str:  # fmt: skip
    """Atom feed of a council's red flags, newest evidence first.

    ``rupees(paisa, lang)`` formats amounts as the pages do.
    """
    name = council["name_ur"] if lang == "ur" else council["name_en"]
    feed = _Feed(
        title=gettext(lang, TEXT["flags_title"], council=name), link=link, feed_url=feed_url,
        feed_guid=feed_url, language=lang, description=gettext(lang, TEXT["flags_subtitle"]),
        empty_date=empty_date,
    )  # fmt: skip
    dated = sorted(
        findings, key=lambda f: (f.get("evidence_date") or "", f["anchor"]), reverse=True
    )[:LIMIT]
    for finding in dated:
        indicator = indicators[finding["code"]]
        parts = [indicator[f"title_{lang}"]]
        if finding["fiscal_year"]:
            parts.append(_isolate(finding["fiscal_year"]))
        if finding["subject"]:
            parts.append(_isolate(finding["subject"]))
        paragraphs = [[finding[f"explanation_{lang}"]]]
        if finding.get("amount") is not None:
            amount = rupees(finding["amount"], lang)
            paragraphs.append([gettext(lang, TEXT["amount"], amount=amount)])
        when = _day(finding["evidence_date"]) if finding.get("evidence_date") else empty_date
        url = f"{link}#{finding['anchor']}"
        feed.add_item(
            title=" · ".join(parts), link=url, unique_id=url, description=_html(paragraphs),
            pubdate=when, updateddate=when,
        )  # fmt: skip
    return _write(feed)
