"""Interface text in the site's languages, from gettext catalogues under theme/translations/.

The English text is the message id; each other language has a catalogue,
``theme/translations/<lang>/LC_MESSAGES/messages.po``, read with Babel when first needed (no
compiled ``.mo`` files). Python code translates with ``gettext(lang, "English", **values)``;
templates call ``_("English")`` and ``ngettext(…)``, which translate into the template context's
``lang`` (see ``Extension``). A string the catalogue lacks is logged as an error (a build with
``--fatal errors`` stops) and shown in English.

Text a clerk reads outside the site (the validator's report on the command line, in CI and in
its report page; the import report) comes from the same catalogue through ``clerk_gettext(lang)``:
its values (file names, columns, rows, cell values) are kept left to right inside Urdu text.
A message made where the language is not known yet (deep in a check, or in an exception) is a
``Phrase``, translated when it is shown.
"""

from __future__ import annotations

import gettext as gnu_gettext
import hashlib
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from babel import Locale
from babel.messages.pofile import read_po
from jinja2 import Environment, pass_context
from jinja2.ext import InternationalizationExtension
from jinja2.runtime import Context

SOURCE_LANG = "en"  # the language of the message ids: never looked up
RIGHT_TO_LEFT = frozenset({"ur"})
LRI, PDI = "\u2066", "\u2069"  # isolate left to right … end: data kept in order in Urdu text
DOMAIN = "messages"


def _translations() -> Path:
    """The catalogues of this code's own theme: the checkout's theme/ when the code runs from a
    checkout (so a working copy reads the catalogue it changes, even with the engine installed
    from another one), else the installed theme's (shafaf.theme)."""
    checkout = Path(__file__).resolve().parent.parent / "theme" / "translations"
    return checkout if checkout.is_dir() else Path(str(files("shafaf.theme"))) / "translations"


DIRECTORY = _translations()

log = logging.getLogger(__name__)

Key = tuple[str | None, str]  # (msgctxt, msgid); a plural is keyed by its singular msgid


@dataclass(frozen=True)
class Catalogue:
    """One language's translations: only entries that are translated and not fuzzy."""

    lang: str
    path: Path
    messages: Mapping[Key, str]
    plurals: Mapping[Key, tuple[str, tuple[str, ...]]]  # key -> (msgid_plural, msgstr forms)
    plural_index: Callable[[int], int]  # the header's Plural-Forms, as a function of n
    reported: set[Key] = field(default_factory=set, compare=False, repr=False)  # logged missing


def path_of(lang: str, directory: Path = DIRECTORY) -> Path:
    """Where the catalogue of ``lang`` lives."""
    return directory / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(lang: str, directory: Path = DIRECTORY) -> Catalogue:
    """Read the catalogue of ``lang`` from ``directory`` (uncached; see ``catalogue``)."""
    path = path_of(lang, directory)
    if not path.is_file():
        raise LookupError(f"There is no {lang!r} catalogue: {path} does not exist.")
    with path.open("rb") as handle:
        po = read_po(handle)
    messages: dict[Key, str] = {}
    plurals: dict[Key, tuple[str, tuple[str, ...]]] = {}
    for message in po:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple | list) and isinstance(message.string, tuple | list):
            forms = tuple(message.string)
            if forms and all(forms):
                plurals[(message.context, message.id[0])] = (message.id[1], forms)
        elif isinstance(message.id, str) and isinstance(message.string, str) and message.string:
            messages[(message.context, message.id)] = message.string
    return Catalogue(lang, path, messages, plurals, gnu_gettext.c2py(po.plural_expr))


def languages(directory: Path | None = None) -> tuple[str, ...]:
    """The languages there is text in: English, then every language with a catalogue."""
    found = sorted(p.parts[-3] for p in (directory or DIRECTORY).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANG, *found)


@cache
def catalogue(lang: str) -> Catalogue:
    """The catalogue of ``lang`` under ``DIRECTORY``, read once (``catalogue.cache_clear()``
    reads it again)."""
    return load(lang, DIRECTORY)


def digest() -> str:
    """A fingerprint of every catalogue, for caches of anything drawn with translated text."""
    hasher = hashlib.sha256()
    for path in sorted(DIRECTORY.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        hasher.update(path.relative_to(DIRECTORY).as_posix().encode() + b"\0")
        hasher.update(hashlib.sha256(path.read_bytes()).digest())
    return hasher.hexdigest()


def N_(message: str) -> str:
    """Mark ``message`` for extraction where it is defined; translate it later with gettext."""
    return message


def _missing(found: Catalogue, key: Key) -> None:
    """Log, once per catalogue read, that ``found`` has no translation of ``key``."""
    if key in found.reported:
        return
    found.reported.add(key)
    context, message = key
    name = Locale.parse(found.lang).english_name
    try:
        where = found.path.relative_to(Path.cwd())
    except ValueError:
        where = found.path
    log.error(
        "No %s translation of %r%s in %s: run `make translations`, translate it there, and "
        "build again. (It is shown in English meanwhile.)",
        name,
        message,
        f" (context {context!r})" if context else "",
        where,
    )


def _translate(lang: str, context: str | None, message: str) -> str:
    if lang == SOURCE_LANG:
        return message
    found = catalogue(lang)
    text = found.messages.get((context, message))
    if text is None:
        _missing(found, (context, message))
        return message
    return text


def _translate_plural(
    lang: str, context: str | None, singular: str, plural: str, count: int
) -> str:
    if lang == SOURCE_LANG:
        return singular if count == 1 else plural
    found = catalogue(lang)
    entry = found.plurals.get((context, singular))
    if entry is None or entry[0] != plural:
        _missing(found, (context, singular))
        return singular if count == 1 else plural
    forms = entry[1]
    return forms[min(found.plural_index(count), len(forms) - 1)]


def gettext(lang: str, message: str, **values: Any) -> str:
    """``message`` (the English) in ``lang``, with ``values`` put in its ``%(name)s`` places.

    As in the templates, the text is always a %-format: a literal per cent sign is ``%%``.
    """
    return _translate(lang, None, message) % values


def ngettext(lang: str, singular: str, plural: str, count: int, **values: Any) -> str:
    """The form of ``singular``/``plural`` that ``count`` takes in ``lang``; ``%(num)s`` is
    ``count`` unless ``values`` gives it."""
    values.setdefault("num", count)
    return _translate_plural(lang, None, singular, plural, count) % values


def pgettext(lang: str, context: str, message: str, **values: Any) -> str:
    """``gettext`` for an English text that needs two translations, told apart by ``context``."""
    return _translate(lang, context, message) % values


# --- Text for clerks: reports on the command line, in CI and in report pages -------------------


class Text(str):
    """Text already in the reader's language (a translated sentence): put into another sentence
    as it is, where any other value is data and is isolated left to right."""


@runtime_checkable
class Translatable(Protocol):
    """Something that says itself in the reader's language."""

    def text(self, clerk: Clerk) -> Text: ...


@dataclass(frozen=True)
class Phrase:
    """A message translated when it is shown: its English (the msgid; with ``plural`` and
    ``count``, a plural message) and its values, which may be phrases themselves.

    Make one with ``lazy_gettext``/``lazy_ngettext`` (imported as ``_``/``ngettext``, so that
    `make translations` finds the English). ``str()`` of a phrase is its English text.
    """

    message: str
    values: Mapping[str, object] = field(default_factory=dict)
    plural: str | None = None
    count: int = 1

    def text(self, clerk: Clerk) -> Text:
        if self.plural is None:
            return clerk.gettext(self.message, **self.values)
        return clerk.ngettext(self.message, self.plural, self.count, **self.values)

    def __str__(self) -> str:
        return self.text(clerk_gettext(SOURCE_LANG))


def lazy_gettext(message: str, /, **values: object) -> Phrase:
    """``message`` with ``values``, to be translated when shown (see ``Phrase``)."""
    return Phrase(message, values)


def lazy_ngettext(singular: str, plural: str, count: int, /, **values: object) -> Phrase:
    """The plural message for ``count``, to be translated when shown (see ``Phrase``)."""
    return Phrase(singular, values, plural, count)


@dataclass(frozen=True)
class Localized:
    """A name the data gives in several languages (a column's ``title`` and ``title_ur``);
    where the reader's language is missing, the English, shown as data."""

    texts: Mapping[str, str]

    def text(self, clerk: Clerk) -> Text:
        own = self.texts.get(clerk.lang)
        return Text(own) if own else clerk.isolate(self.texts.get(SOURCE_LANG, ""))

    def __str__(self) -> str:
        return self.texts.get(SOURCE_LANG, "")


@dataclass(frozen=True)
class Clerk:
    """Translation into one language for text a clerk reads: ``gettext``, ``ngettext``.

    Values are put into the ``%(name)s`` places of the translation. A ``Text`` or a
    ``Translatable`` (a ``Phrase``, a ``Localized`` name) is said in the clerk's language; any
    other value is data (a file name, a column, a row number, a cell's value) and, in a
    right-to-left language, is isolated left to right (U+2066 … U+2069), so that
    ``datasets/a.csv`` or ``'Rs. 1,20,000'`` keep their order inside Urdu text.
    ``_, ngettext = clerk_gettext(lang)`` unpacks the two functions.
    """

    lang: str

    @property
    def right_to_left(self) -> bool:
        return self.lang in RIGHT_TO_LEFT

    def isolate(self, data: object) -> Text:
        """``data`` as text kept left to right inside text of this language."""
        text = str(data)
        return Text(f"{LRI}{text}{PDI}" if text and self.right_to_left else text)

    def number(self, value: int) -> Text:
        """A count as this language writes it in a report (1,234; digits keep their order)."""
        return Text(f"{value:,}")

    def value(self, value: object) -> Text:
        """A value as it goes into a sentence: said in this language, or isolated as data."""
        if isinstance(value, Text):
            return value
        if isinstance(value, Translatable):
            return value.text(self)
        if isinstance(value, int) and not isinstance(value, bool):
            return Text(value)  # digits keep their order in any direction
        return self.isolate(value)

    def gettext(self, message: str, /, **values: object) -> Text:
        """``message`` (the English) in this language, with ``values`` in its places."""
        filled = {name: self.value(value) for name, value in values.items()}
        return Text(_translate(self.lang, None, message) % filled)

    def ngettext(self, singular: str, plural: str, count: int, /, **values: object) -> Text:
        """The form for ``count``; ``%(num)s`` is ``count`` unless ``values`` gives it."""
        values.setdefault("num", count)
        filled = {name: self.value(value) for name, value in values.items()}
        return Text(_translate_plural(self.lang, None, singular, plural, count) % filled)

    def __iter__(self) -> Iterator[Callable[..., Text]]:
        return iter((self.gettext, self.ngettext))


class UnknownLanguage(LookupError):
    """A language Shafaf has no text in."""


@cache
def clerk_gettext(lang: str) -> Clerk:
    """The translator of clerk-facing text into ``lang``; ``UnknownLanguage`` if there is no
    catalogue for it (the message lists the languages there are)."""
    if lang != SOURCE_LANG and not path_of(lang).is_file():
        known = ", ".join(languages())
        raise UnknownLanguage(f"Shafaf has no messages in {lang!r}: choose one of {known}.")
    return Clerk(lang)


class ClerkError(Exception):
    """An error a clerk reads, in their language: raise it with a ``Phrase`` (or English
    text); ``str()`` is the English, ``text(lang)`` the translation."""

    def __init__(self, message: str | Phrase) -> None:
        super().__init__(str(message))
        self.phrase = message

    def text(self, lang: str) -> Text:
        """The message in ``lang``; English text (not a ``Phrase``) is shown as data."""
        return clerk_gettext(lang).value(self.phrase)


# --- Templates --------------------------------------------------------------------------------


def _lang(context: Context) -> str:
    """The language a template is rendering: its ``lang``, else the site's DEFAULT_LANG."""
    lang = context.get("lang")
    if lang is None:
        lang = context.get("DEFAULT_LANG", SOURCE_LANG)
    if not isinstance(lang, str) or not lang:
        raise ValueError(f"{context.name}: `lang` is {lang!r}, not a language code")
    return lang


@pass_context
def _template_gettext(context: Context, message: str) -> str:
    return _translate(_lang(context), None, message)


@pass_context
def _template_ngettext(context: Context, singular: str, plural: str, count: int) -> str:
    return _translate_plural(_lang(context), None, singular, plural, count)


@pass_context
def _template_pgettext(context: Context, msgctxt: str, message: str) -> str:
    return _translate(_lang(context), msgctxt, message)


@pass_context
def _template_npgettext(
    context: Context, msgctxt: str, singular: str, plural: str, count: int
) -> str:
    return _translate_plural(_lang(context), msgctxt, singular, plural, count)


class Extension(InternationalizationExtension):
    """Jinja's i18n extension (``_``, ``ngettext``, ``{% trans %}``) with newstyle gettext,
    translating into each template context's ``lang``, so one environment renders every language.

    Newstyle: ``_("Page %(number)s of %(count)s", number=n, count=c)`` fills the placeholders
    itself, escaping the values; the translation is trusted markup, as the English is.
    Use it as ``JINJA_ENVIRONMENT = {"extensions": [i18n.Extension], …}``.
    """

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.install_gettext_callables(  # type: ignore[attr-defined]
            _template_gettext,
            _template_ngettext,
            newstyle=True,
            pgettext=_template_pgettext,
            npgettext=_template_npgettext,
        )
