"""Fixtures for the browser tests: the real site built and served on 127.0.0.1, and Chromium.

`tests/browser/install.sh` installs what they need. When something is missing the tests skip
with the reason; when the CI environment variable is set they fail instead, so CI never passes
without having run them.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, pelican_build

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        ConsoleMessage,
        Dialog,
        Page,
        Response,
        Route,
    )

NODE_MODULES = ROOT / "build/node/node_modules"
AXE_JS = NODE_MODULES / "axe-core/axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar/build/dist/vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
]
INSTALL = "run `sudo tests/browser/install.sh` (it installs only what is missing)"
PHONE = (360, 640)
DESKTOP = (1280, 800)


def require(present: bool, what: str) -> None:
    """Skip (locally) or fail (when CI is set) unless `what` is installed."""
    if present:
        return
    message = f"{what} is missing: {INSTALL}"
    if os.environ.get("CI"):
        pytest.fail(f"{message}. CI is set, so this fails instead of skipping.", pytrace=False)
    pytest.skip(message)


def build_site(output: Path, bundle: dict[str, str]) -> Path:
    """Build the site with real Pelican (development settings) into `output`; fail on warnings.

    `bundle` holds the SHAFAF_BUNDLE and SHAFAF_DATASETS settings, as `site_bundle` gives them.
    """
    problems = pelican_build("pelicanconf.py", output, bundle)
    assert problems == [], "Pelican logged warnings or errors:\n" + "\n".join(problems)
    return output


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` over HTTP on a free 127.0.0.1 port; yields the base URL (ends in /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    require(os.access(CHROMIUM, os.X_OK), f"Debian's Chromium ({CHROMIUM})")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright for Python (in .venv)")
        raise
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    require(AXE_JS.is_file(), f"axe-core ({AXE_JS.relative_to(ROOT)})")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """The command that runs the Nu HTML checker."""
    java = shutil.which("java")
    require(java is not None, "Java (for the Nu HTML checker)")
    require(VNU_JAR.is_file(), f"the Nu HTML checker ({VNU_JAR.relative_to(ROOT)})")
    return [str(java), "-jar", str(VNU_JAR)]


class Tab:
    """A browser tab (in its own context) on the served site, recording everything that goes wrong.

    `problems` collects console errors, script errors, HTTP errors and every request to a host
    other than the site's own (such requests are aborted, so nothing leaves 127.0.0.1).
    `dialogs` collects every alert, confirm or prompt (all are dismissed). `javascript=False`
    opens it as a browser without JavaScript; `also_allow` names other base URLs it may reach
    (the intake service a form posts to).
    """

    def __init__(
        self,
        browser: Browser,
        base_url: str,
        viewport: tuple[int, int],
        javascript: bool = True,
        also_allow: tuple[str, ...] = (),
    ) -> None:
        self.base_url = base_url
        self.host = urlsplit(base_url).netloc
        self.hosts = {self.host, *(urlsplit(url).netloc for url in also_allow)}
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        width, height = viewport
        self.context: BrowserContext = browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=javascript
        )
        self.context.route("**/*", self._route)
        self.page: Page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.page.on("response", self._response)
        self.page.on("dialog", self._dialog)

    def goto(self, path: str) -> Page:
        """Open `path` (relative to the site root, e.g. "ur/news/") and wait for it to load."""
        response = self.page.goto(self.base_url + path)
        assert response is not None, path
        assert response.ok, f"{path}: HTTP {response.status}"
        return self.page

    @property
    def path(self) -> str:
        """The current page's path relative to the site root, without its #fragment."""
        return self.page.url.removeprefix(self.base_url).partition("#")[0]

    def close(self) -> None:
        self.context.close()

    def _route(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).netloc in self.hosts:
            route.continue_()
        else:
            self.problems.append(f"request leaving the site: {url}")
            route.abort("blockedbyclient")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.problems.append(f"console error: {message.text} ({where})")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


@pytest.fixture
def new_tab(browser: Browser) -> Iterator[Callable[..., Tab]]:
    """Opens tabs that are closed after the test: `new_tab(base_url, viewport=(w, h))`, with
    Tab's other options (`javascript=False`, `also_allow=(url,)`) when given."""
    tabs: list[Tab] = []

    def open_tab(base_url: str, viewport: tuple[int, int] = DESKTOP, **options: Any) -> Tab:
        tabs.append(Tab(browser, base_url, viewport, **options))
        return tabs[-1]

    yield open_tab
    for tab in tabs:
        tab.close()
