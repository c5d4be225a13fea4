"""Every page the build writes is valid HTML, by the Nu HTML checker (vnu.jar, the W3C's)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def describe(messages: list[dict], site: Path) -> str:
    """The checker's messages as `page:line:column: message`, with the offending source."""
    lines = []
    for message in messages:
        url = message.get("url", "")
        page = Path(url.removeprefix("file:")).relative_to(site) if url else "?"
        where = f"{page}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
        lines.append(f"{where}: {message.get('message', '').strip()}")
        if message.get("extract"):
            lines.append("    " + message["extract"].replace("\n", "⏎"))
    return "\n".join(lines)


def test_every_page_is_valid_html(vnu: list[str], built_site: Path) -> None:
    pages = sorted(str(path) for path in built_site.rglob("*.html"))
    assert pages, "the build wrote no HTML"
    stylesheets = sorted(str(path) for path in built_site.rglob("*.css"))
    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", "--also-check-css", *pages, *stylesheets],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") in {"error", "non-document-error"}]
    if errors or result.returncode != 0:
        pytest.fail(
            f"The Nu HTML checker found {len(errors)} errors in {len(pages)} pages:\n"
            + (describe(errors, built_site) or result.stderr),
            pytrace=False,
        )
