"""Shared test fixtures: an isolated HOME and XDG dirs, the paths of the data fixtures, and one
headless browser per browser-test module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
#: Knowledge base of the real seed role plus FICTIONAL roles (generated from fictional_pages/).
FICTIONAL_KNOWLEDGE = FIXTURES / "fictional_knowledge"
SHIPPED_KNOWLEDGE = ROOT / "knowledge"
#: The seed role page alone (a link to the shipped page): the one-role behaviour, testable without O*NET.
SEED_KNOWLEDGE = FIXTURES / "seed_knowledge"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point HOME and the XDG dirs at a temp dir so no test touches a real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (("XDG_STATE_HOME", ".local/state"), ("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"), ("XDG_CACHE_HOME", ".cache")):
        monkeypatch.setenv(var, str(home / sub))
    yield home


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, launched once per module (see tests/browser_harness.py)."""
    from browser_harness import chromium

    with chromium() as launched:
        yield launched
