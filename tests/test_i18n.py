"""Interface text: the Urdu catalogue is complete and exact, and pages show it in their language."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from jinja2 import DictLoader, Environment
from markupsafe import Markup

from pipeline import i18n
from pipeline.charts import labels

from conftest import ROOT, pelican_build

URDU_PO = ROOT / "theme/translations/ur/LC_MESSAGES/messages.po"
#: `pybabel extract` as theme/translations/README.md gives it (`make translations`).
EXTRACT = [
    "extract", "-F", "babel.cfg", "-c", "Translators:", "--add-location=file", "--no-wrap",
    "--project=Shafaf", "--ignore-dirs=.* ._ build output datasets",
]  # fmt: skip
FIX = "run `make translations`, then translate in " + str(URDU_PO.relative_to(ROOT))
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
MARKUP = re.compile(r"<[^>]*>|&#?\w+;")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def msgid(message: Message) -> str:
    return message.id[0] if isinstance(message.id, tuple | list) else message.id


def key(message: Message) -> tuple[str | None, str]:
    return (message.context, msgid(message))


@pytest.fixture(scope="module")
def urdu() -> Catalog:
    with URDU_PO.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """Every message the templates and the Python code ask for, as `make translations` finds."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        CommandLineInterface().run(["pybabel", "-q", *EXTRACT, "-o", str(pot), "."])
    with pot.open("rb") as handle:
        return read_po(handle)


def test_extraction_reads_every_template_and_the_chart_text(extracted: Catalog) -> None:
    sources = {path for message in extracted for path, _ in message.locations}
    templates = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "theme/templates").glob("*.html")
        if re.search(r"\b_\(|gettext\(|\{%-?\s*trans\b", path.read_text(encoding="utf-8"))
    }
    assert templates - sources == set()
    assert {(None, text) for text in labels.TEXT.values()} <= {key(m) for m in extracted}


def test_every_message_is_in_the_urdu_catalogue(extracted: Catalog, urdu: Catalog) -> None:
    translated = {key(m) for m in urdu if m.id}
    missing = sorted(msgid(m) for m in extracted if m.id and key(m) not in translated)
    assert missing == [], f"not in the Urdu catalogue ({FIX}): {missing}"


def test_the_urdu_catalogue_has_no_obsolete_message(extracted: Catalog, urdu: Catalog) -> None:
    wanted = {key(m) for m in extracted if m.id}
    unused = sorted(msgid(m) for m in urdu if m.id and key(m) not in wanted)
    assert unused == [], f"no template or module asks for these; {FIX}: {unused}"
    assert list(urdu.obsolete) == [], f"remove the #~ (obsolete) entries: {FIX}"


def test_every_urdu_message_is_translated_and_reviewed(urdu: Catalog) -> None:
    untranslated = [
        msgid(m)
        for m in urdu
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    fuzzy = [msgid(m) for m in urdu if m.id and m.fuzzy]
    assert untranslated == [], f"translate these in {URDU_PO.relative_to(ROOT)}: {untranslated}"
    assert fuzzy == [], f"check these and remove their `#, fuzzy` line: {fuzzy}"


def test_urdu_plural_forms_are_complete(urdu: Catalog) -> None:
    assert urdu.num_plurals == 2 and urdu.plural_expr == "(n != 1)"  # CLDR: Urdu has one, other
    for message in urdu:
        if isinstance(message.id, tuple | list):
            assert len(message.string) == urdu.num_plurals, message.id


def test_translations_keep_placeholders_and_markup(urdu: Catalog) -> None:
    assert [(msgid(m), [str(e) for e in errors]) for m, errors in urdu.check()] == []
    for message in urdu:
        if not message.id:
            continue
        plural = isinstance(message.id, tuple | list)
        source = message.id[-1] if plural else message.id
        texts = message.string if plural else [message.string]
        wanted = sorted(PLACEHOLDER.findall(source))
        for text in texts:
            if not text:
                continue  # untranslated: test_every_urdu_message_is_translated_and_reviewed
            found = sorted(PLACEHOLDER.findall(text))
            if plural:  # a form may say "one" instead of %(num)s
                found, wanted = [n for n in found if n != "num"], [n for n in wanted if n != "num"]
            assert found == wanted, (source, text)
            assert sorted(MARKUP.findall(text)) == sorted(MARKUP.findall(source)), text
            assert not re.search(r"&(?!#?\w+;)|<(?![a-z/])", MARKUP.sub("", text)), text
            assert text.count('"') == source.count('"'), f"{text}: may stand in an attribute"


# --- The Python interface ---------------------------------------------------------------------


def test_english_is_the_message_id_and_urdu_comes_from_the_catalogue(urdu: Catalog) -> None:
    assert i18n.gettext("en", "Budget") == "Budget"
    assert i18n.gettext("ur", "Budget") == urdu.get("Budget").string == "بجٹ"
    page = "Page %(number)s of %(count)s"
    assert i18n.gettext("en", page, number=2, count=3) == "Page 2 of 3"
    assert i18n.gettext("ur", page, number=2, count=3) == "صفحہ 2 از 3"
    assert i18n.ngettext("en", "%(num)s payment", "%(num)s payments", 1) == "1 payment"
    assert i18n.ngettext("en", "%(num)s payment", "%(num)s payments", 4) == "4 payments"


def test_chart_text_comes_from_the_catalogue(urdu: Catalog) -> None:
    for name, text in labels.TEXT.items():
        values = {placeholder: f"<{placeholder}>" for placeholder in PLACEHOLDER.findall(text)}
        assert labels.text("en", name, **values) == text % values
        assert labels.text("ur", name, **values) == urdu.get(text).string % values, name
    assert labels.text("ur", "title_spending", year="2024-25") == (
        "ہر مہینے کی ادائیگیاں، مالی سال 2024-25"
    )


@pytest.fixture
def own_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A small Urdu catalogue of the test's own, in place of theme/translations/."""
    po = i18n.path_of("ur", tmp_path)
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ur\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "%(num)s payment"\nmsgid_plural "%(num)s payments"\n'
        'msgstr[0] "%(num)s ادائیگی"\nmsgstr[1] "%(num)s ادائیگیاں"\n\n'
        'msgid "Budget"\nmsgstr "بجٹ"\n\n'
        '#, fuzzy\nmsgid "Ward"\nmsgstr "وارڈ"\n\n'
        'msgid "Month"\nmsgstr ""\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "DIRECTORY", tmp_path)
    i18n.catalogue.cache_clear()
    yield po
    i18n.catalogue.cache_clear()


def test_plural_forms_follow_the_count(own_catalogue: Path) -> None:
    forms = ("%(num)s payment", "%(num)s payments")
    assert i18n.ngettext("ur", *forms, 1) == "1 ادائیگی"
    assert i18n.ngettext("ur", *forms, 0) == "0 ادائیگیاں"
    assert i18n.ngettext("ur", *forms, 12_345, num="12,345") == "12,345 ادائیگیاں"


def test_a_missing_fuzzy_or_empty_translation_is_an_error_shown_in_english(
    own_catalogue: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="pipeline.i18n"):
        assert i18n.gettext("ur", "Ward") == "Ward"  # fuzzy: not trusted
        assert i18n.gettext("ur", "Month") == "Month"  # empty
        assert i18n.gettext("ur", "Spending") == "Spending"  # not there
        assert i18n.gettext("ur", "Spending") == "Spending"  # logged once
        assert i18n.gettext("ur", "Budget") == "بجٹ"
    logged = [r.getMessage() for r in caplog.records]
    assert len(logged) == 3
    assert all("No Urdu translation of" in m and "make translations" in m for m in logged)


# --- Templates --------------------------------------------------------------------------------


def render(templates: dict[str, str], name: str, /, **context: object) -> str:
    """Render ``name`` as Pelican's environment does (pelicanconf.py JINJA_ENVIRONMENT)."""
    env = Environment(
        loader=DictLoader(templates),
        extensions=[i18n.Extension],
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
    )
    env.globals["DEFAULT_LANG"] = "en"
    return env.get_template(name).render(**context)


def test_underscore_translates_into_the_context_language() -> None:
    page = {
        "page.html": '{{ _("Budget") }}|{{ _("Page %(number)s of %(count)s", number=1, count=2) }}'
    }
    assert render(page, "page.html", lang="en") == "Budget|Page 1 of 2"
    assert render(page, "page.html", lang="ur") == "بجٹ|صفحہ 1 از 2"
    assert render(page, "page.html") == "Budget|Page 1 of 2"  # no lang: DEFAULT_LANG


def test_a_child_template_and_an_imported_macro_use_the_language_it_sets() -> None:
    templates = {
        "base.html": "{% if lang is not defined %}{% set lang = DEFAULT_LANG %}{% endif %}"
        '<html lang="{{ lang }}">{% block content %}{% endblock %}|{{ _("News") }}</html>',
        "_m.html": '{% macro label() %}{{ _("Councils") }}{% endmacro %}',
        "index.html": '{% extends "base.html" %}{% import "_m.html" as m with context %}'
        '{% block content %}{{ _("Home") }}|{{ m.label() }}{% endblock %}',
        "index_ur.html": '{% set lang = "ur" %}{% extends "index.html" %}',
    }
    assert render(templates, "index.html") == '<html lang="en">Home|Councils|News</html>'
    assert render(templates, "index_ur.html") == '<html lang="ur">سرورق|کونسلیں|خبریں</html>'


def test_placeholders_are_escaped_and_trans_blocks_work() -> None:
    templates = {
        "t.html": '{{ _("Page %(number)s of %(count)s", number=name, count=2) }}|'
        "{% trans trimmed count=2, amount=name %}\n  Payments to individuals ({{ count }}, "
        "{{ amount }} in all) are counted\n  together: their names are not published.\n"
        "{% endtrans %}",
        "n.html": '{{ ngettext("%(num)s payment", "%(num)s payments", n) }}',
    }
    hostile = "<b>Evil & Sons</b>"
    html = render(templates, "t.html", lang="ur", name=hostile)
    assert str(Markup.escape(hostile)) in html and hostile not in html
    assert html.startswith("صفحہ &lt;b&gt;") and "افراد کو ادائیگیاں (2، کل &lt;b&gt;" in html
    assert render(templates, "n.html", lang="en", n=1) == "1 payment"
    assert render(templates, "n.html", lang="en", n=3) == "3 payments"


# --- Built pages ------------------------------------------------------------------------------


class _Text(HTMLParser):
    """Text and labelling attributes of a page, leaving out parts marked as another language,
    code (field names and example values from the datasets) and scripts (JSON-LD's "Dataset")."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, inside another language)
        self.lang = lang
        self.texts: list[str] = []

    def _foreign(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        foreign = (
            self._foreign()
            or tag in {"code", "script"}
            or values.get("lang", self.lang) != self.lang
        )
        if not foreign:
            self.texts += [values[a] or "" for a in ("title", "aria-label", "alt") if a in values]
        if tag not in VOID:
            self.stack.append((tag, foreign))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if not self._foreign() and data.strip():
            self.texts.append(data)


def shown_text(page: Path, lang: str) -> str:
    parser = _Text(lang)
    parser.feed(page.read_text(encoding="utf-8"))
    return "\n".join(parser.texts)


def pattern(text: str) -> re.Pattern[str]:
    """``text`` (a msgid or msgstr) as shown, whatever fills its placeholders."""
    parts = [re.escape(part) for part in PLACEHOLDER.split(text)[::2]]
    return re.compile(r"(?<!\w)" + ".+?".join(parts) + r"(?!\w)")


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, site_bundle: dict[str, str]) -> Path:
    """The small datasets' site, built with real Pelican."""
    output = tmp_path_factory.mktemp("i18n-site")
    i18n.catalogue.cache_clear()  # so a missing translation is logged again in this build
    missing = _Records()
    logging.getLogger("pipeline.i18n").addHandler(missing)
    try:
        problems = pelican_build("pelicanconf.py", output, site_bundle)
    finally:
        logging.getLogger("pipeline.i18n").removeHandler(missing)
    assert problems == [], "Pelican logged warnings or errors:\n" + "\n".join(problems)
    assert [r.getMessage() for r in missing.records] == []
    return output


def test_urdu_pages_show_no_english_interface_text(site: Path, urdu: Catalog) -> None:
    english = {
        msgid(m): pattern(msgid(m))
        for m in urdu
        if m.id and not isinstance(m.id, tuple | list) and m.string != m.id
    }
    pages = sorted((site / "ur").rglob("*.html"))
    assert len(pages) > 20
    shown = {page.relative_to(site).as_posix(): shown_text(page, "ur") for page in pages}
    found = [
        (path, text) for path, page in shown.items() for text, seen in english.items()
        if seen.search(page)
    ]  # fmt: skip
    assert found == []


def test_english_pages_show_no_urdu(site: Path) -> None:
    pages = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "ur"]
    urdu_script = re.compile("[\u0600-\u06ff]")
    assert [p for p in pages if urdu_script.search(shown_text(p, "en"))] == []
