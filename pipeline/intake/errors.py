"""Why an import stopped: a problem with the spreadsheet (exit 1) or with the command (exit 2),
told in the clerk's language (pipeline.i18n), and the pieces such messages are built of."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.i18n import SOURCE_LANG, Clerk, ClerkError, Text, Translatable, clerk_gettext

#: What a message is made of: English text shown as data, or words said in the reader's
#: language (a ``Phrase`` of ``lazy_gettext``, a ``Joined`` of them, a ``Localized`` title).
Message = str | Translatable


@dataclass(frozen=True)
class Joined:
    """Messages said one after another: sentences of one paragraph (joined by a space), lines
    (``between="\\n"``) or the items of a list; ``rtl`` is the separator a right-to-left
    language uses instead (the Urdu comma or semicolon). Plain text parts are data."""

    parts: tuple[Message, ...]
    between: str = " "
    rtl: str | None = None

    def text(self, clerk: Clerk) -> Text:
        between = self.rtl if clerk.right_to_left and self.rtl is not None else self.between
        return Text(between.join(clerk.value(part) for part in self.parts))

    def __str__(self) -> str:
        return self.text(clerk_gettext(SOURCE_LANG))


def sentences(*parts: Message | None) -> Joined:
    """The sentences given (``None`` for one left out), as one paragraph."""
    return Joined(tuple(p for p in parts if p is not None))


def lines(*parts: Message) -> Joined:
    """Messages one under another."""
    return Joined(parts, "\n")


def bullets(heading: Message, items: list[Message], closing: Message | None = None) -> Joined:
    """A heading, its items as '- ' lines under it, and maybe a closing line."""
    marked: list[Message] = [Joined((Text("- "), item), "") for item in items]
    return lines(heading, *marked, *([closing] if closing is not None else []))


class IntakeError(ClerkError):
    """The import cannot go on; the message tells the clerk what to do. Nothing was written.

    ``str()`` is the English; ``text(lang)`` says it in ``lang``.
    """

    exit_code = 1

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message

    def text(self, lang: str) -> Text:
        return clerk_gettext(lang).value(self.message)


class UsageError(IntakeError):
    """The command asks for something that does not exist or cannot be done."""

    exit_code = 2
