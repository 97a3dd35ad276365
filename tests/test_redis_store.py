"""RedisStore against a real redis-server: storage, the key prefix, idle expiry, corrupt and newer
values, turns of one session racing on two "workers" (two stores, two connection pools), and
the store going away and coming back."""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot import Bot, Intent
from bot.dialogue import SessionStoreUnavailable, State

from conftest import FICTIONAL_KNOWLEDGE
from redis_server import NOT_A_HANG, RedisServer, import_redis

redis = import_redis()

from bot.redis_store import KEY_PREFIX, RedisStore  # noqa: E402

DATA = "data-engineer"
DEVOPS = "devops-engineer"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def client(server: RedisServer) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(server.url)
    client.flushdb()
    yield client
    client.close()


def store_on(server: RedisServer, **options: object) -> RedisStore:
    return RedisStore.from_url(server.url, **options)  # type: ignore[arg-type]


def test_keeps_what_is_put_under_the_prefix(server: RedisServer, client: redis.Redis) -> None:
    store = store_on(server)
    assert store.get("a") is None
    state = State(role=DATA, intent=Intent.SALARY, step=2, choices=(DATA, DEVOPS), situation=("python",))
    store.put("a", state)
    assert store.get("a") == state
    assert client.keys("*") == [f"{KEY_PREFIX}a".encode()]
    store.delete("a")
    assert store.get("a") is None and client.keys("*") == []


def test_a_prefix_keeps_two_apps_apart(server: RedisServer, client: redis.Redis) -> None:
    first, second = store_on(server, prefix="one:"), store_on(server, prefix="two:")
    first.put("s", State(role=DATA))
    assert second.get("s") is None
    assert client.exists("one:s") and not client.exists("two:s")


def test_every_write_sets_the_idle_expiry(server: RedisServer, client: redis.Redis) -> None:
    store = store_on(server)  # the default: the same hour as MemoryStore
    store.put("a", State(role=DATA))
    assert 3_590_000 < client.pttl(f"{KEY_PREFIX}a") <= 3_600_000
    client.pexpire(f"{KEY_PREFIX}a", 5_000)
    store.update("a", lambda state: (replace(state, step=1), None))
    assert client.pttl(f"{KEY_PREFIX}a") > 3_590_000  # a turn refreshed it


def test_an_idle_session_expires(server: RedisServer, client: redis.Redis) -> None:
    store = store_on(server, idle_seconds=0.3)
    store.put("a", State(role=DATA))
    assert 0 < client.pttl(f"{KEY_PREFIX}a") <= 300
    time.sleep(0.4)
    assert store.get("a") is None and not client.exists(f"{KEY_PREFIX}a")


@pytest.mark.parametrize(
    ("stored", "words"),
    [
        (b"\xff\xfe not json", "not JSON"),
        (b'["a list"]', "format None"),
        (b'{"format": 99, "value": {"role": "data-engineer"}}', "format 99"),
        (b'{"value": {"role": "data-engineer"}}', "format None"),
        (b'{"format": 1, "value": "data-engineer"}', "JSON object"),
    ],
)
def test_a_value_it_cannot_read_starts_the_session_afresh(
    server: RedisServer, client: redis.Redis, caplog: pytest.LogCaptureFixture, stored: bytes, words: str
) -> None:
    client.set(f"{KEY_PREFIX}a", stored)
    store = store_on(server)
    with caplog.at_level(logging.WARNING):
        assert store.get("a") is None
        seen = store.update("a", lambda state: (replace(state, role=DEVOPS), state))
    assert seen == State()  # the turn ran on a fresh session...
    assert store.get("a") == State(role=DEVOPS)  # ...and its state replaced the unreadable one
    assert words in caplog.text and "'a'" in caplog.text


def test_racing_turns_of_one_session_on_two_workers_lose_nothing(server: RedisServer, client: redis.Redis) -> None:
    """Each turn adds one to `step`; with any lost update the total would come out short."""
    workers = [store_on(server), store_on(server)]
    turns_per_thread, threads_per_worker = 25, 2
    calls = []

    def one_more(state: State) -> tuple[State, None]:
        calls.append(1)
        time.sleep(0.001)  # widen the window between read and write, as a slow turn would
        return replace(state, step=(state.step or 0) + 1), None

    def visitor(store: RedisStore) -> None:
        for _ in range(turns_per_thread):
            store.update("busy", one_more)

    threads = [threading.Thread(target=visitor, args=(w,)) for w in workers for _ in range(threads_per_worker)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = turns_per_thread * threads_per_worker * len(workers)
    assert workers[0].get("busy") == State(step=total)
    assert len(calls) > total  # the race did happen, and the losers ran their turn again


def test_a_conversation_moves_between_two_bots_sharing_redis(server: RedisServer, client: redis.Redis) -> None:
    first = Bot.from_directory(FICTIONAL_KNOWLEDGE, store=store_on(server))
    second = Bot.from_directory(FICTIONAL_KNOWLEDGE, store=store_on(server))
    assert first.reply("how much does a data engineer make?", session="v").role == DATA
    follow = second.reply("and what do they do?", session="v")
    assert (follow.intent, follow.role) == (Intent.RESPONSIBILITIES, DATA)
    assert first.state("v").role == DATA


def test_redis_going_away_is_unavailable_quickly_and_coming_back_resumes(tmp_path: Path) -> None:
    server = RedisServer(tmp_path)
    server.start()
    try:
        store = store_on(server)
        bot = Bot.from_directory(FICTIONAL_KNOWLEDGE, store=store)
        assert bot.respond("how much does a data engineer make?", session="v").role == DATA
        server.stop()
        for call in (store.ping, lambda: bot.respond("and what do they do?", session="v")):
            started = time.monotonic()
            with pytest.raises(SessionStoreUnavailable, match=f"127.0.0.1:{server.port}"):
                call()
            assert time.monotonic() - started < NOT_A_HANG
        polite = bot.reply("and what do they do?", session="v")  # `reply` still never raises
        assert polite.intent is Intent.OUT_OF_SCOPE and "sorry" in polite.text.lower()
        server.start()  # the same store object, with connections Redis closed: no restart needed
        follow = bot.respond("and what do they do?", session="v")
        assert (follow.intent, follow.role) == (Intent.RESPONSIBILITIES, DATA)  # saved across the restart
    finally:
        server.stop()


def test_a_stalled_redis_is_unavailable_not_a_hang(tmp_path: Path) -> None:
    server = RedisServer(tmp_path)
    server.start()
    assert server.process is not None
    try:
        store = store_on(server)
        store.put("v", State(role=DATA))
        server.process.send_signal(signal.SIGSTOP)  # alive and listening, but answering nothing
        started = time.monotonic()
        with pytest.raises(SessionStoreUnavailable, match="Timeout"):
            store.get("v")
        assert time.monotonic() - started < NOT_A_HANG
        server.process.send_signal(signal.SIGCONT)
        assert store.get("v") == State(role=DATA)
    finally:
        server.process.send_signal(signal.SIGCONT)
        server.stop()
