"""What the browser tests share: the app served on a real socket, Debian's Chromium driven by
Playwright, the three window sizes every widget test runs at, and screenshots kept as files.

Skipped when Chromium or Playwright is missing, unless CAREERBOT_REQUIRE_BROWSER=1 (CI) makes
that a failure: a browser test that silently skips proves nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

ROOT = Path(__file__).resolve().parent.parent
#: Where screenshots go; .ci/run lists them so a reviewer can look (gitignored).
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

#: Desktop, a phone upright and the same phone held sideways (the size that hid the title).
VIEWPORTS = {"desktop": (1280, 800), "phone": (375, 667), "landscape": (667, 375)}

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def unavailable(reason: str) -> NoReturn:
    """Skip, or fail where CI promised a browser (CAREERBOT_REQUIRE_BROWSER=1)."""
    if os.environ.get("CAREERBOT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (CAREERBOT_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@contextmanager
def serving(make_app: Callable[[int], Any]) -> Iterator[int]:
    """`make_app(port)` served by uvicorn in a thread on a loopback socket bound before the app
    is built (so the app may name its own origin); yields the port."""
    try:
        import uvicorn
    except ImportError:
        unavailable("the 'web' extra (starlette, uvicorn) is not installed")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = int(listener.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(make_app(port), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        listener.close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """One headless Chromium (Debian's; Playwright downloads nothing) for a whole module."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install playwright; no browser download needed)")
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.access(executable, os.X_OK):
        unavailable("Debian's chromium is not installed (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page: Page, request: pytest.FixtureRequest, moment: str) -> Path:
    """Saves what the page shows now as artifacts/screenshots/<test>[<size>]-<moment>.png."""
    name = re.sub(r"[^A-Za-z0-9_.]+", "-", f"{request.node.name}-{moment}").strip("-")
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    return path


def submit(page: Page, field: Locator, answers: Locator, text: str) -> Locator:
    """Types `text` into a chat's input, presses Enter and returns the answer that appears
    next among `answers` (waiting for it)."""
    from playwright.sync_api import expect

    before = answers.count()
    field.fill(text)
    field.press("Enter")
    expect(answers).to_have_count(before + 1)
    return answers.nth(before)
