"""`careerbot serve`: the web app under uvicorn, in one process or in several sharing one store.

Settings are checked here, before any worker starts, so a mistake is one line and exit 2 rather
than a crash loop of workers: an unknown store URL, `--workers` above 1 with the in-process
store (each worker would hold different sessions), or a Redis server that does not answer.
uvicorn starts workers from an import string, so their settings travel in the environment.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .exitcodes import EXIT_OK, EXIT_UNUSABLE
from .core import Bot
from .dialogue import IDLE_SECONDS, MemoryStore, SessionStore, SessionStoreUnavailable
from .knowledge import load_directory

#: The session store to use when `--session-store` is not given: `memory` or `redis://host:port/db`.
STORE_ENV = "CAREERBOT_SESSION_STORE"
#: Idle expiry of sessions in seconds, for either store (default: `bot.dialogue.IDLE_SECONDS`).
IDLE_ENV = "CAREERBOT_SESSION_IDLE_SECONDS"
#: How `serve` hands its settings to the worker processes uvicorn starts (not for people to set).
_WORKER_SETTINGS_ENV = "CAREERBOT_SERVE_WORKER_SETTINGS"
_STORE_RULE = "use 'memory' (one worker) or redis://host:port/db"
_REDIS_EXTRA = "the Redis session store needs the 'redis' extra: pip install 'careerbot[redis]'"


class ServeError(Exception):
    """A setting `serve` cannot start with; the message is the one line to print."""


def idle_seconds() -> float:
    """How long sessions are kept after their last turn: `CAREERBOT_SESSION_IDLE_SECONDS`, else
    the stores' default. Read as written: a positive number of seconds, or refused."""
    text = os.environ.get(IDLE_ENV)
    if text is None:
        return IDLE_SECONDS
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise ServeError(f"{IDLE_ENV}={text!r}: give a positive number of seconds")
    return value


def open_store(url: str) -> SessionStore:
    """The session store a URL names (connecting lazily: nothing is sent yet)."""
    if url == "memory":
        return MemoryStore(idle_seconds=idle_seconds())
    shown = re.sub(r"//[^/@]*@", "//***@", url)  # messages never show a password
    scheme, separator, _ = url.partition("://")
    if not separator or scheme not in ("redis", "rediss"):
        raise ServeError(f"unknown session store {shown!r}: {_STORE_RULE}")
    database = urlsplit(url).path.strip("/")
    if database and not database.isdigit():  # redis-py would quietly use database 0
        raise ServeError(f"session store {shown!r}: the database must be a number, as in redis://host:port/0")
    if find_spec("redis") is None:
        raise ServeError(_REDIS_EXTRA)
    from .redis_store import RedisStore

    try:
        return RedisStore.from_url(url, idle_seconds=idle_seconds())
    except ValueError as error:  # redis-py's word for a malformed URL
        raise ServeError(f"session store {shown!r}: {error}") from None


def checked_store(url: str, workers: int) -> SessionStore:
    """The store for `serve`, refused unless it suits `workers` and answers now."""
    if workers < 1:
        raise ServeError(f"--workers must be at least 1, not {workers}")
    if url == "memory" and workers > 1:
        raise ServeError(
            f"--workers {workers} needs a shared session store: the memory store lives inside one "
            "process, so each worker would hold different conversations (use --session-store redis://host:port/db)"
        )
    store = open_store(url)
    try:
        store.ping()
    except SessionStoreUnavailable as error:
        raise ServeError(f"the session store is unreachable ({error})") from None
    return store


def worker_app() -> Any:
    """The app of one worker process of `serve --workers N` (uvicorn calls this factory)."""
    from .web import create_app

    settings = json.loads(os.environ[_WORKER_SETTINGS_ENV])
    bot = Bot.from_directory(settings["knowledge"], store=open_store(settings["store"]))
    return create_app(bot, settings["origins"])


def serve(
    knowledge: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    allowed_origins: Sequence[str] = (),
    workers: int = 1,
    session_store: str | None = None,
) -> int:
    """`careerbot serve`: run until Ctrl-C; returns the exit code.

    uvicorn's access log writes the one line per request. A bad knowledge directory raises
    `KnowledgeError` for the CLI to print; a bad store setting or a port that cannot be bound
    gives one line (uvicorn's, for the port) and exit 2.
    """
    from . import web

    if web.MISSING_EXTRA is not None or find_spec("uvicorn") is None:
        print(web.MISSING_EXTRA_MESSAGE, file=sys.stderr)
        return EXIT_UNUSABLE
    url = session_store or os.environ.get(STORE_ENV) or "memory"
    try:
        store = checked_store(url, workers)
    except ServeError as error:
        print(f"careerbot: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    import uvicorn

    if workers == 1:
        app: Any = web.create_app(Bot.from_directory(knowledge, store=store), allowed_origins)
    else:
        load_directory(knowledge)  # a broken directory is one line here, not a crash in every worker
        settings = {"knowledge": str(knowledge), "store": url, "origins": list(allowed_origins)}
        os.environ[_WORKER_SETTINGS_ENV] = json.dumps(settings)
        app = f"{__name__}:worker_app"
    try:
        uvicorn.run(app, host=host, port=port, workers=workers, factory=workers > 1, log_level="info")
    except KeyboardInterrupt:  # uvicorn has shut down gracefully and re-raises the Ctrl-C
        pass
    except SystemExit:  # uvicorn exits this way when it cannot bind; it has logged why
        return EXIT_UNUSABLE
    return EXIT_OK
