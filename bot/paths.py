"""Where the shipped data folders are, in a source checkout and in an installed wheel.

The wheel carries `intents/` and `knowledge/` inside the package (`bot/_data/`); a checkout or
editable install keeps them at the project's top level. Both must work from any directory.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The shipped data folder `name` ("intents" or "knowledge")."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def default_knowledge_dir() -> Path:
    return data_dir("knowledge")


def default_intents_dir() -> Path:
    return data_dir("intents")
