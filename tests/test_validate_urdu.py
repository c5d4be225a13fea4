"""The validator's report in Urdu: the same catalogue as the site, every form, chosen by setting
or flag. Data (files, columns, rows, values) stays as it is, isolated left to right."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from pipeline import cli, i18n, settings
from pipeline.personal_data import PATTERNS
from pipeline.validate import codes, render, validate
from pipeline.validate.findings import Report
from pipeline.validate.rules import personal_data

from conftest import ROOT, write_rows
from test_validate import CASES

URDU_PO = ROOT / "theme/translations/ur/LC_MESSAGES/messages.po"
LRI, PDI = "\u2066", "\u2069"
# As tests/test_i18n.py finds English left on Urdu pages: a msgid, whatever fills its places.
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


def pattern(text: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in PLACEHOLDER.split(text)[::2]]
    return re.compile(r"(?<!\w)" + ".+?".join(parts) + r"(?!\w)")


def ltr(text: str) -> str:
    """``text`` as the Urdu report shows data: isolated left to right."""
    return f"{LRI}{text}{PDI}"


# --- a small council of the test's own -----------------------------------------------------

FIELDS = [
    {"name": "payment_date", "type": "date", "title": "Payment date",
     "title_ur": "ادائیگی کی تاریخ", "constraints": {"required": True}},
    {"name": "method", "type": "string", "title": "Procurement method",
     "constraints": {"enum": ["quotations", "open_tender"]}},
    {"name": "purpose", "type": "string", "title": "Purpose", "title_ur": "مقصد",
     "example": "Desilting of main drain", "constraints": {"required": True}},
    {"name": "supplier_id", "type": "string", "title": "Supplier"},
    {"name": "amount", "type": "number", "title": "Amount"},
]  # fmt: skip
GOOD = ["2024-12-31", "quotations", "Road repairs", "SUP-00441", "1200"]


def council(root: Path, *broken: tuple[int, str, str]) -> Path:
    """A data package ``council`` under ``root``: suppliers, and payments with one good row
    (row 2) and a row for each (row, column, value) in ``broken``."""
    folder = root / "council"
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = {
        "name": "council",
        "resources": [
            {
                "name": "suppliers",
                "path": "suppliers.csv",
                "schema": {
                    "fields": [{"name": "supplier_id", "type": "string"}],
                    "primaryKey": ["supplier_id"],
                },
            },
            {
                "name": "payments",
                "path": "payments.csv",
                "schema": {
                    "fields": FIELDS,
                    "foreignKeys": [
                        {
                            "fields": ["supplier_id"],
                            "reference": {"resource": "suppliers", "fields": ["supplier_id"]},
                        }
                    ],
                },
            },
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    write_rows(folder / "suppliers.csv", [["supplier_id"], ["SUP-00441"], ["SUP-00512"]])
    header = [f["name"] for f in FIELDS]
    rows = [header, list(GOOD)]
    for row, column, value in broken:
        while len(rows) < row:
            rows.append(list(GOOD))
        rows[row - 1][header.index(column)] = value
    write_rows(folder / "payments.csv", rows)
    return folder


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    """The council with four problems, checked from its parent folder (file names as a clerk
    sees them: council/payments.csv)."""
    monkeypatch.chdir(tmp_path)
    folder = council(
        tmp_path,
        (3, "payment_date", "31/12/2024"),
        (4, "method", "Open Tender"),
        (5, "purpose", ""),
        (6, "supplier_id", "SUP-0041"),
    )
    return validate([Path(folder.name)], settings.load(None))


def first(report: Report, code: str, lang: str = "ur") -> tuple[str, str]:
    [finding] = [f for f in report.findings if f.code == code]
    occurrence = finding.occurrences(1, lang)[0]
    return occurrence.message, occurrence.fix


# --- the words of key messages, pinned -----------------------------------------------------


def test_a_type_error_in_urdu(broken: Report) -> None:
    assert first(broken, "bad-date") == (
        f"'{ltr('31/12/2024')}' ایسی تاریخ نہیں جو {ltr('YYYY-MM-DD')} کی صورت میں لکھی ہو۔",
        f"'{ltr('31/12/2024')}' کی جگہ {ltr('2024-12-31')} لکھیں۔ تاریخیں سال-مہینہ-دن کی ترتیب "
        f"میں لکھیں، مثلاً {ltr('2024-12-31')}۔ ایکسل میں: "
        f"{ltr('Format Cells → Custom → yyyy-mm-dd')}۔",
    )


def test_a_missing_required_value_names_the_column_by_its_urdu_title(broken: Report) -> None:
    assert first(broken, "missing-value") == (
        f"'{ltr('purpose')}' خالی ہے یا درج نہیں، لیکن یہ ہر قطار میں ضروری ہے۔",
        f"اس قطار میں مقصد کونسل کے ریکارڈ سے بھریں، مثلاً '{ltr('Desilting of main drain')}'۔",
    )


def test_a_value_not_in_the_list_with_its_suggestion(broken: Report) -> None:
    assert first(broken, "not-in-list") == (
        f"'{ltr('Open Tender')}' کالم '{ltr('method')}' کی جائز قدروں میں سے نہیں۔",
        f"کیا آپ کا مطلب '{ltr('open_tender')}' ہے؟ قدریں بالکل اسی طرح، چھوٹے حروف میں لکھی "
        f"جائیں۔ ان میں سے ایک لکھیں: {ltr('quotations, open_tender')}۔",
    )


def test_an_unknown_reference_with_its_suggestion(broken: Report) -> None:
    suppliers = ltr("council/suppliers.csv")
    assert first(broken, "unknown-reference") == (
        f"کالم '{ltr('supplier_id')}' میں '{ltr('SUP-0041')}' فائل {suppliers} کے کسی "
        f"{ltr('supplier_id')} سے نہیں ملتا۔",
        f"کیا آپ کا مطلب '{ltr('SUP-00441')}' ہے؟ وہ {ltr('supplier_id')} لکھیں جو {suppliers} "
        "میں درج ہو، یا پہلے اسے وہاں شامل کریں۔",
    )


def test_the_english_of_the_same_findings_is_unchanged(broken: Report) -> None:
    assert first(broken, "not-in-list", "en") == (
        "'Open Tender' is not one of the allowed values for 'method'.",
        "Did you mean 'open_tender'? Values must be written exactly, in lowercase. Use one of: "
        "quotations, open_tender.",
    )
    assert first(broken, "missing-value", "en")[1] == (
        "Fill in Purpose for this row from the council's records, for example 'Desilting of "
        "main drain'."
    )


def test_the_terminal_report_in_urdu(broken: Report) -> None:
    text = render.text(broken, lang="ur")
    assert text.startswith(
        f"1 فائل(وں) میں 4 مسائل ملے (7 قطاروں کی جانچ ہوئی)۔ جب تک یہ درست نہ ہوں، کچھ شائع "
        "نہیں ہوگا۔\n\n"
        f"[غلطی] تاریخ نہیں ({ltr('bad-date')})\n"
        f"  {ltr('council/payments.csv')}، کالم {ltr('A')} '{ltr('payment_date')}'، قطار 3: "
    )
    assert "\n    درست کرنے کا طریقہ: " in text


def test_all_good_in_urdu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = validate([council(tmp_path) / "payments.csv"], settings.load(None))
    assert report.valid
    assert render.text(report, lang="ur") == (
        "سب ٹھیک ہے: 1 فائل اور 1 قطار جانچی گئیں، کوئی مسئلہ نہیں ملا۔\n"
    )
    assert render.text(report) == "All good: 1 file and 1 row checked, no problems found.\n"


def test_repeats_are_grouped_in_urdu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = council(tmp_path, *[(row, "amount", "Rs. 500") for row in range(2, 14)])
    [finding] = validate([folder], settings.load(None)).findings
    summary = finding.summary(rows_shown=3, lang="ur")
    rows = ltr("2, 3, 4")
    assert summary.startswith(
        f"{ltr('council/payments.csv')}، کالم {ltr('E')} '{ltr('amount')}': 12 بار "
        f"(قطاریں {rows} … اور 9 مزید)۔ پہلی بار: '{ltr('Rs. 500')}' عدد نہیں۔"
    )


# --- no English left in an Urdu report -----------------------------------------------------


@pytest.fixture(scope="module")
def every_code(mini_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Report:
    """One report with every problem code, each found by the validator in broken data."""
    report = Report()
    for code, mutate in CASES:
        root = tmp_path_factory.mktemp(code) / "datasets"
        shutil.copytree(mini_source, root)
        file, _, _ = mutate(root)
        part = validate([root / file.split("/")[0]], settings.load(None))
        assert any(f.code == code for f in part.findings), code
        report.extend(part.findings)
    root = tmp_path_factory.mktemp("generic")
    folder = root / "things"
    folder.mkdir()
    fields = [
        {"name": "id", "type": "integer", "constraints": {"unique": True}},
        {"name": "score", "type": "integer", "constraints": {"maximum": 10}},
        {"name": "share", "type": "number", "constraints": {"minimum": 0}},
        {"name": "code", "type": "string", "constraints": {"minLength": 3}},
        {"name": "link", "type": "string", "format": "uri"},
        {"name": "done", "type": "boolean"},
    ]
    resource = {"name": "things", "path": "things.csv", "schema": {"fields": fields}}
    descriptor = {"name": "things", "resources": [resource]}
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    write_rows(
        folder / "things.csv",
        [[f["name"] for f in fields], ["1", "5", "1", "abc", "https://a.pk", "true"],
         ["1", "11", "-1", "ab", "no link", "maybe"]],
    )  # fmt: skip
    (folder / "stray.csv").write_text("a\n1\n", encoding="utf-8")
    report.extend(validate([folder], settings.load(None)).findings)
    assert {f.code for f in report.findings} == set(codes.CODES)
    return report


class _Shown(HTMLParser):
    """The text of a report page, leaving out what is marked as data (code, bdi) and style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "bdi", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "bdi", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.texts.append(data)


def _shown_html(page: str) -> str:
    parser = _Shown()
    parser.feed(page)
    return "\n".join(parser.texts)


def _annotation_text(line: str) -> str:
    """The title and message of a GitHub annotation, unescaped."""
    props, message = line.split("::", 2)[1:]
    title = props.split("title=", 1)[1]
    unescape = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}
    text = title + "\n" + message
    return re.sub("%25|%0D|%0A|%3A|%2C", lambda m: unescape[m.group(0)], text)


def urdu_reports(report: Report) -> Iterator[tuple[str, str]]:
    """Every form of the report in Urdu, as a clerk reads it (markup of the form left out)."""
    yield "text", render.text(report, lang="ur")
    yield "html", _shown_html(render.as_html(report, lang="ur"))
    summary = render.summary_markdown(report, lang="ur", max_findings=1000)
    yield "summary", re.sub(r"\\(.)", r"\1", html.unescape(summary.replace("<br>", "\n")))
    for line in render.github_annotations(report, per_severity=1000, lang="ur"):
        yield "annotation", _annotation_text(line)
    for item in json.loads(render.as_json(report, lang="ur")):
        yield "json", "\n".join((item["title"], item["message"], item["fix"]))


@pytest.fixture(scope="module")
def clerk_messages() -> Catalog:
    """The catalogue's messages the validator, the import and their command line use."""
    with URDU_PO.open("rb") as handle:
        urdu = read_po(handle)
    own = Catalog()
    for message in urdu:
        if message.id and any(
            path.startswith(("pipeline/validate/", "pipeline/intake/", "pipeline/cli.py"))
            for path, _ in message.locations
        ):
            own[message.id] = message
    assert len(own) > 150
    return own


def untranslated_latin(runs: Iterable[tuple[str, str]], messages: Iterable[Message]) -> list:
    """(name, word) for each Latin word of the Urdu ``runs`` (name, text) that is neither
    isolated data nor a word the Urdu ``messages`` themselves use: text left untranslated."""
    latin = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*")
    allowed = set()
    for message in messages:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            allowed.update(latin.findall(PLACEHOLDER.sub(" ", text)))
    return sorted(
        {(name, word) for name, text in runs for word in latin.findall(_without_data(text))
         if word not in allowed}
    )  # fmt: skip


def _without_data(text: str) -> str:
    return re.sub(f"{LRI}[^{PDI}]*{PDI}", " ", text)


def test_an_urdu_report_has_no_english_sentence(every_code: Report, clerk_messages) -> None:
    english = {
        m.id: pattern(m.id)
        for m in clerk_messages
        if isinstance(m.id, str) and m.string != m.id and PLACEHOLDER.sub("", m.id).strip(" .:")
    }
    found = []
    for form, text in urdu_reports(every_code):
        shown = _without_data(text)
        found += [(form, msgid) for msgid, seen in english.items() if seen.search(shown)]
    assert sorted(set(found)) == []


def test_the_only_latin_words_in_an_urdu_report_are_data_or_the_translators_own(
    every_code: Report, clerk_messages
) -> None:
    """Left to right data is isolated; any other Latin word must be one the Urdu translations
    themselves use (CSV, GitHub, fiscal_year …), so none comes from text left untranslated."""
    assert untranslated_latin(urdu_reports(every_code), clerk_messages) == []


def test_every_kind_of_personal_detail_has_words() -> None:
    assert {kind for kind, _ in PATTERNS} == set(personal_data.KINDS)


# --- the page, CI and JSON -----------------------------------------------------------------


def test_the_report_page_is_urdu_right_to_left(broken: Report) -> None:
    page = render.as_html(broken, lang="ur")
    assert page.startswith('<!DOCTYPE html><html lang="ur" dir="rtl">')
    assert "<title>شفاف: ڈیٹا کی جانچ</title>" in page and "<h1>ڈیٹا کی جانچ</h1>" in page
    assert "<th>قطار</th><th>کالم</th><th>قدر</th><th>کیا غلط ہے</th>" in page
    assert '<bdi dir="ltr">council/payments.csv</bdi>' in page
    assert '<code dir="auto">31/12/2024</code>' in page
    assert render.as_html(broken).startswith('<!DOCTYPE html><html lang="en" dir="ltr">')


def test_json_keeps_its_fields_and_says_the_message_in_urdu(broken: Report) -> None:
    english = json.loads(render.as_json(broken))
    urdu = json.loads(render.as_json(broken, lang="ur"))
    words = ("title", "message", "fix")
    assert [{k: v for k, v in i.items() if k not in words} for i in urdu] == [
        {k: v for k, v in i.items() if k not in words} for i in english
    ]
    assert [i["code"] for i in urdu] == [
        "bad-date",
        "not-in-list",
        "missing-value",
        "unknown-reference",
    ]
    assert urdu[0]["title"] == "تاریخ نہیں" and english[0]["title"] == "Not a date"
    assert urdu[0]["value"] == "31/12/2024" and urdu[0]["file"] == "council/payments.csv"


def test_github_annotations_and_summary_in_urdu(broken: Report) -> None:
    [first_line, *_] = render.github_annotations(broken, {}, lang="ur")
    assert first_line.startswith(
        f"::error file=council/payments.csv,line=3,col=1,title=تاریخ نہیں ({ltr('bad-date')})::"
        f"قطار 3، کالم {ltr('A')} '{ltr('payment_date')}': '{ltr('31/12/2024')}' ایسی تاریخ نہیں"
    )
    assert "%0Aدرست کرنے کا طریقہ: " in first_line
    summary = render.summary_markdown(broken, lang="ur")
    assert summary.startswith("## ❌ ڈیٹا کی جانچ: 4 مسائل (1 فائل)\n\n2 فائلیں اور 7 قطاریں")
    assert "| فائل | قطار | کالم | مسئلہ | درست کرنے کا طریقہ |" in summary
    assert "| **تاریخ نہیں**: '" in summary


# --- choosing the language: the setting, the flag, and what is refused ----------------------


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site folder holding datasets/council with one bad date, as the clerk runs it."""
    monkeypatch.chdir(tmp_path)
    council(tmp_path / "datasets", (3, "payment_date", "31/12/2024"))
    return tmp_path / "datasets"


def test_the_language_setting_makes_the_report_urdu(site: Path, capsys) -> None:
    assert cli.main(["validate"]) == 1
    assert "Not a date (bad-date)" in capsys.readouterr().out
    (site / "settings.toml").write_text('language = "ur"\n', encoding="utf-8")
    assert settings.load(site / "settings.toml")["language"] == "ur"
    assert cli.main(["validate"]) == 1
    out = capsys.readouterr().out
    assert f"[غلطی] تاریخ نہیں ({ltr('bad-date')})" in out and "Not a date" not in out


def test_the_flag_wins_over_the_setting(site: Path, capsys) -> None:
    (site / "settings.toml").write_text('language = "ur"\n', encoding="utf-8")
    assert cli.main(["validate", "--lang", "en"]) == 1
    assert "[ERROR] Not a date (bad-date)" in capsys.readouterr().out
    (site / "settings.toml").write_text('language = "en"\n', encoding="utf-8")
    page = site.parent / "report.html"
    assert cli.main(["validate", "--lang", "ur", "--json", "--html", str(page)]) == 1
    assert json.loads(capsys.readouterr().out)[0]["title"] == "تاریخ نہیں"
    assert page.read_text(encoding="utf-8").startswith('<!DOCTYPE html><html lang="ur" dir="rtl">')


def test_github_format_in_urdu_writes_an_urdu_summary(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    summary = site.parent / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert cli.main(["validate", "--format", "github", "--lang", "ur"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        "::error file=datasets/council/payments.csv,line=3,col=1,title=تاریخ"
    )
    assert "::group::پوری رپورٹ" in lines
    assert summary.read_text(encoding="utf-8").startswith("## ❌ ڈیٹا کی جانچ: 1 مسئلہ (1 فائل)")
    council(site)  # now clean
    assert cli.main(["validate", "--format", "github", "--lang", "ur"]) == 0
    notice = capsys.readouterr().out.splitlines()[0]
    assert notice == (
        "::notice title=ڈیٹا کی جانچ::سب ٹھیک ہے: 2 فائلیں اور 3 قطاریں جانچی گئیں، کوئی "
        "مسئلہ نہیں ملا۔"
    )


def test_an_unknown_language_flag_is_a_usage_error(site: Path, capsys) -> None:
    assert cli.main(["validate", "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert "error: --lang: Shafaf has no messages in 'fr': choose one of en, ur." in err
    assert err.startswith("usage: ") and "Traceback" not in err


def test_an_unknown_language_setting_is_a_settings_error(site: Path, capsys) -> None:
    (site / "settings.toml").write_text('language = "fr"\n', encoding="utf-8")
    assert cli.main(["validate"]) == 2
    err = capsys.readouterr().err
    assert "language must be one of en, ur, not 'fr'." in err and "Traceback" not in err


def test_a_configuration_problem_is_told_in_urdu(site: Path, capsys) -> None:
    assert cli.main(["validate", "nowhere", "--lang", "ur"]) == 2
    assert capsys.readouterr().err == f"ڈیٹا کی جانچ نہیں ہو سکتی: {ltr('nowhere')} موجود نہیں۔\n"
    (site / "council/datapackage.json").write_text("{broken", encoding="utf-8")
    assert cli.main(["validate", "--lang", "ur"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ڈیٹا کی جانچ نہیں ہو سکتی: {LRI}") and "datapackage.json" in err


def test_two_formats_are_refused_in_urdu(site: Path, capsys) -> None:
    assert cli.main(["validate", "--json", "--format", "github", "--lang", "ur"]) == 2
    err = capsys.readouterr().err
    assert f"{ltr('--json')} اور {ltr('--format github')} دو مختلف صورتیں مانگتے ہیں" in err


def test_an_internal_error_is_told_in_urdu(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "validate", broken)
    assert cli.main(["validate", "--lang", "ur"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"شفاف میں اندرونی خرابی (یہ آپ کے ڈیٹا کا مسئلہ نہیں)۔ {ltr('--debug')}")


def test_the_setting_is_declared_once_with_english_as_default() -> None:
    assert settings.DEFAULTS["language"] == "en"
    assert i18n.languages() == ("en", "ur")
