"""Runs Pagefind over a built site and checks that every language got its own search index.

Plain functions with no Pelican in them, so the plugin, the tests and the benchmarks share them.
Pagefind (PyPI `pagefind[extended]`, whose wheel carries the binary) reads the written HTML: it
indexes the parts marked `data-pagefind-body`, one index per `<html lang>`, and writes the search
bundle (pagefind.js, its WebAssembly, the index and fragment files) into the site.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"  # the folder of the site that holds the search bundle
ENTRY = "pagefind-entry.json"  # Pagefind's list of the languages it indexed
#: Pagefind's ready-made interfaces (the search page has its own small script instead), and its
#: web worker (that script runs Pagefind without one: one download less).
UNUSED = (
    "pagefind-worker.js",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
#: Lines of Pagefind's output that say nothing about the cause of a failure.
_NOISE = ("note:", "stack backtrace", "thread '")


class SearchIndexError(Exception):
    """The search index could not be made; the message says why, in one or two sentences."""


@dataclass(frozen=True)
class Index:
    """What Pagefind wrote: the pages indexed per language, and the bundle's size on disk."""

    pages: dict[str, int]
    files: int
    size: int  # bytes


def executable() -> Path:
    """The Pagefind binary (the extended one, which also splits Chinese and Japanese words)."""
    try:
        import pagefind_bin_extended
    except ImportError as error:
        raise SearchIndexError(
            "Pagefind is not installed in this environment: run `make setup`."
        ) from error
    try:
        return pagefind_bin_extended.get_executable()
    except FileNotFoundError as error:
        raise SearchIndexError(
            f"Pagefind's binary is missing ({error}): run `make setup`."
        ) from error


def build(
    site: Path,
    languages: Sequence[str],
    exclude: Sequence[str] = (),
    binary: Path | None = None,
) -> Index:
    """Index the built ``site`` into ``site/pagefind/``, leaving out the elements matching the CSS
    selectors in ``exclude``; every one of ``languages`` must have indexed pages.

    Raises ``SearchIndexError`` with a plain message when Pagefind cannot run, fails, or leaves
    a language without pages.
    """
    program = binary or executable()
    bundle = site / BUNDLE
    if bundle.is_dir():  # an earlier build's fragments: start clean
        shutil.rmtree(bundle)
    command = [str(program), "--site", str(site), "--output-subdir", BUNDLE, "--quiet"]
    for selector in exclude:
        command += ["--exclude-selectors", selector]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SearchIndexError(
            f"Pagefind could not be started ({program}): {error.strerror or error}."
        ) from error
    if done.returncode != 0:
        raise SearchIndexError(
            f"Pagefind stopped with exit status {done.returncode}: "
            f"{reason(done.stdout + done.stderr)}"
        )
    pages = languages_indexed(bundle / ENTRY)
    _sort_entry(bundle / ENTRY)
    missing = [lang for lang in languages if not pages.get(lang)]
    if missing:
        raise SearchIndexError(
            f"The search index has no pages in {', '.join(missing)} (it has "
            f"{', '.join(f'{lang}: {count}' for lang, count in sorted(pages.items())) or 'none'}). "
            "Pages are indexed by their <html lang> and only where they have an element marked "
            "data-pagefind-body (theme/templates/base.html sets it from `search_kind`)."
        )
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    files = [path for path in bundle.rglob("*") if path.is_file()]
    return Index(pages, len(files), sum(path.stat().st_size for path in files))


def languages_indexed(entry: Path) -> dict[str, int]:
    """The pages Pagefind indexed per language, from its ``pagefind-entry.json``."""
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        return {lang: int(info["page_count"]) for lang, info in languages.items()}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchIndexError(
            f"Pagefind reported success but its {entry.name} is missing or unreadable ({error})."
        ) from error


def _sort_entry(entry: Path) -> None:
    """List the languages in ``pagefind-entry.json`` in one order (Pagefind's varies from run
    to run), so the same site always gives the same files."""
    content = json.loads(entry.read_text(encoding="utf-8"))
    content["languages"] = dict(sorted(content["languages"].items()))
    entry.write_text(
        json.dumps(content, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def reason(output: str) -> str:
    """The lines of Pagefind's output that say what went wrong, without a Rust backtrace."""
    lines: list[str] = []
    for line in (line.strip() for line in output.splitlines()):
        if line and not line.lower().startswith(_NOISE) and line not in lines:
            lines.append(line)
    return " ".join(lines[-3:]) or "it gave no reason."
