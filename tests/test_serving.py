"""`careerbot serve` settings are refused in one line with exit 2 before anything starts, and the
app reports its store: 503 JSON for answers and /healthz while the store is unreachable (a fake
store here; tests/test_multiworker.py does it with a real Redis)."""

from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Callable
from typing import TypeVar

import pytest

from bot import Bot
from bot.cli import main
from bot.serving import open_store
from bot.dialogue import MemoryStore, SessionStoreUnavailable, State

from conftest import FICTIONAL_KNOWLEDGE
from redis_server import NOT_A_HANG, free_port, import_redis

pytest.importorskip("starlette", reason="the 'web' extra (starlette) is not installed")

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Using `httpx`")
    from starlette.testclient import TestClient

from bot.web import create_app  # noqa: E402

T = TypeVar("T")


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run `careerbot serve ARGV`, expecting exit 2 and exactly one line on stderr."""
    assert main(["serve", "--port", "0", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("careerbot: "), err
    return err


def test_memory_store_refuses_several_workers(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "--workers", "2")
    assert "--workers 2 needs a shared session store" in err and "redis://" in err


def test_zero_workers_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert "at least 1" in refused(capsys, "--workers", "0", "--session-store", "memory")


@pytest.mark.parametrize("url", ["mysql://127.0.0.1/x", "redis", "127.0.0.1:6379"])
def test_an_unknown_store_url_is_refused(capsys: pytest.CaptureFixture[str], url: str) -> None:
    assert f"unknown session store '{url}'" in refused(capsys, "--session-store", url)


def test_a_database_that_is_not_a_number_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert "the database must be a number" in refused(capsys, "--session-store", "redis://127.0.0.1:1/abc")


def test_a_password_in_the_url_is_never_shown(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "--session-store", "redis://user:s3cret@127.0.0.1:1/abc")
    assert "s3cret" not in err and "//***@127.0.0.1:1/abc" in err


@pytest.mark.parametrize("idle", ["0", "-5", "soon", "nan", "inf", ""])
def test_an_idle_time_that_is_not_a_positive_number_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, idle: str
) -> None:
    monkeypatch.setenv("CAREERBOT_SESSION_IDLE_SECONDS", idle)
    assert f"CAREERBOT_SESSION_IDLE_SECONDS={idle!r}: give a positive number" in refused(capsys)


def test_the_idle_time_reaches_either_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """What `serve` and every worker use to open their store (expiry itself: test_redis_store.py)."""
    monkeypatch.setenv("CAREERBOT_SESSION_IDLE_SECONDS", "0.5")
    memory = open_store("memory")
    assert isinstance(memory, MemoryStore) and memory.idle_seconds == 0.5
    import_redis()
    from bot.redis_store import RedisStore

    redis_store = open_store("redis://127.0.0.1:1/0")  # connects lazily: nothing listens there
    assert isinstance(redis_store, RedisStore) and redis_store.idle_ms == 500


def test_the_environment_names_the_store(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERBOT_SESSION_STORE", "nosuch://store")
    assert "'nosuch://store'" in refused(capsys)


def test_an_unreachable_redis_is_one_line_and_quick(capsys: pytest.CaptureFixture[str]) -> None:
    import_redis()
    port = free_port()  # nothing listens there
    started = time.monotonic()
    err = refused(capsys, "--session-store", f"redis://127.0.0.1:{port}/0", "--workers", "3")
    assert "session store is unreachable" in err and f"127.0.0.1:{port}" in err
    assert time.monotonic() - started < NOT_A_HANG


def test_a_redis_url_without_the_extra_names_the_extra(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)
    assert "'redis' extra" in refused(capsys, "--session-store", "redis://127.0.0.1:1/0")


# --- the app and its store --------------------------------------------------------------------


class DownStore(MemoryStore):
    """A store whose server has gone away (unit tests only; the integration test stops a real Redis)."""

    def update(self, session_id: str, change: Callable[[State], tuple[State, T]]) -> T:
        raise SessionStoreUnavailable("redis://127.0.0.1:1/0: Connection refused")

    def ping(self) -> None:
        raise SessionStoreUnavailable("redis://127.0.0.1:1/0: Connection refused")

    def delete(self, session_id: str) -> None:
        raise SessionStoreUnavailable("redis://127.0.0.1:1/0: Connection refused")


def test_create_app_takes_a_store() -> None:
    store = MemoryStore()
    client = TestClient(create_app(store=store))
    assert client.post("/api/answer", json={"message": "what do ML engineers do?", "session": "s"}).status_code == 200
    assert store.get("s") is not None
    assert client.get("/healthz").json()["store"] == {"type": "MemoryStore", "status": "ok"}


def test_create_app_refuses_a_bot_and_a_store() -> None:
    with pytest.raises(TypeError, match="Bot\\(store=...\\)"):
        create_app(Bot.from_directory(FICTIONAL_KNOWLEDGE), store=MemoryStore())


def test_an_unavailable_store_is_a_json_503_on_every_endpoint(caplog: pytest.LogCaptureFixture) -> None:
    client = TestClient(create_app(Bot.from_directory(FICTIONAL_KNOWLEDGE, store=DownStore())))
    answer = client.post("/api/answer", json={"message": "hi", "session": "s"})
    rasa = client.post("/webhooks/rest/webhook", json={"message": "hi", "sender": "s"})
    reset = client.post("/api/answer", json={"message": "/reset", "session": "s"})
    for response in (answer, reset):
        assert response.status_code == 503 and response.json() == {"error": "session store unavailable"}
        assert response.headers["retry-after"] == "1"
    [message] = rasa.json()  # the Rasa channel's own shape, status and header kept
    assert rasa.status_code == 503 and message["error"] == "session store unavailable" and message["recipient_id"] == "s"
    assert rasa.headers["retry-after"] == "1"
    assert "Connection refused" in caplog.text  # the reason is in the server log, not the response
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["status"] == "unavailable" and health.json()["store"]["status"] == "unavailable"
