"""Text clerks read outside the site (pipeline.i18n.clerk_gettext): translated from the site's
catalogue, data kept left to right inside Urdu, words made before the language is known."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import i18n

from conftest import ROOT

LRI, PDI = "\u2066", "\u2069"


def test_the_two_functions_unpack_and_translate() -> None:
    _, ngettext = i18n.clerk_gettext("ur")
    assert _("Data check") == "ڈیٹا کی جانچ"
    assert ngettext("%(num)s file", "%(num)s files", 1) == "1 فائل"
    assert ngettext("%(num)s file", "%(num)s files", 3) == "3 فائلیں"
    english, english_plural = i18n.clerk_gettext("en")
    assert english("Data check") == "Data check"
    assert english_plural("%(num)s file", "%(num)s files", 3) == "3 files"


def test_data_is_isolated_left_to_right_only_in_urdu() -> None:
    urdu, english = i18n.clerk_gettext("ur"), i18n.clerk_gettext("en")
    message = "Row %(row)s, column '%(column)s'"
    assert urdu.gettext(message, row=6, column="amount") == f"قطار 6، کالم '{LRI}amount{PDI}'"
    assert english.gettext(message, row=6, column="amount") == "Row 6, column 'amount'"
    assert urdu.isolate("") == ""  # nothing to keep in order
    assert urdu.right_to_left and not english.right_to_left


def test_translated_words_go_into_a_sentence_as_they_are() -> None:
    clerk = i18n.clerk_gettext("ur")
    hint = i18n.lazy_gettext("Did you mean '%(option)s'?", option="closed")
    fix = clerk.gettext("How to fix: %(fix)s", fix=hint)
    assert fix == f"درست کرنے کا طریقہ: کیا آپ کا مطلب '{LRI}closed{PDI}' ہے؟"
    text = clerk.gettext("Data check")
    assert clerk.gettext("How to fix: %(fix)s", fix=text) == "درست کرنے کا طریقہ: ڈیٹا کی جانچ"
    assert str(hint) == "Did you mean 'closed'?"  # a phrase's English


def test_a_plural_phrase_waits_for_its_language() -> None:
    phrase = i18n.lazy_ngettext("%(num)s row", "%(num)s rows", 2)
    assert str(phrase) == "2 rows"
    assert phrase.text(i18n.clerk_gettext("ur")) == "2 قطاریں"


def test_a_name_in_several_languages_falls_back_to_english_as_data() -> None:
    urdu = i18n.clerk_gettext("ur")
    assert i18n.Localized({"en": "Purpose", "ur": "مقصد"}).text(urdu) == "مقصد"
    assert i18n.Localized({"en": "Purpose"}).text(urdu) == f"{LRI}Purpose{PDI}"
    assert str(i18n.Localized({"en": "Purpose", "ur": "مقصد"})) == "Purpose"


def test_an_unknown_language_is_refused_with_the_languages_there_are() -> None:
    with pytest.raises(i18n.UnknownLanguage, match="no messages in 'fr': choose one of en, ur"):
        i18n.clerk_gettext("fr")
    assert i18n.clerk_gettext("ur") is i18n.clerk_gettext("ur")


def test_a_clerk_error_is_english_until_it_is_shown() -> None:
    error = i18n.ClerkError(i18n.lazy_gettext("%(path)s does not exist.", path="nowhere"))
    assert str(error) == "nowhere does not exist."
    assert error.text("en") == "nowhere does not exist."
    assert error.text("ur") == f"{LRI}nowhere{PDI} موجود نہیں۔"
    plain = i18n.ClerkError("Only English here.")
    assert plain.text("ur") == f"{LRI}Only English here.{PDI}"  # kept in order, as data


def test_the_catalogue_is_this_checkouts_own(tmp_path: Path) -> None:
    assert i18n.DIRECTORY == ROOT / "theme" / "translations"
    assert i18n.languages() == ("en", "ur")
    (tmp_path / "sd/LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "sd/LC_MESSAGES/messages.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    assert i18n.languages(tmp_path) == ("en", "sd")
