"""Several `careerbot serve` processes sharing one real Redis, as a load balancer sees them: a
conversation walks the career path while hopping between servers, survives a worker killed with
SIGKILL, gets JSON 503s while Redis is stopped and carries on when it is back."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SHIPPED_KNOWLEDGE
from redis_server import NOT_A_HANG, RedisServer, import_redis

from bot.knowledge import load_directory

pytest.importorskip("starlette", reason="the 'web' extra is not installed")
redis = import_redis()

pytestmark = pytest.mark.slow

ROLE = "software-engineer-machine-learning"
SALARY = "What is the salary of a Software Engineer Machine Learning?"


class Server:
    """`careerbot serve` in a subprocess: its port, its worker pids, and requests to it."""

    def __init__(self, *options: str) -> None:
        command = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", "0", *options]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.log: list[str] = []
        self.events: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read_log, daemon=True).start()
        self.port = int(self._wait(r"running on http://127\.0\.0\.1:(\d+)"))

    def _read_log(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)
            self.events.put(line)

    def _wait(self, pattern: str) -> str:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                line = self.events.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if found := re.search(pattern, line):
                return found[1]
        raise AssertionError(f"no {pattern!r} in the server log: {''.join(self.log)}")

    def worker_pids(self, count: int) -> list[int]:
        """The pids of `count` workers once each has started its application."""
        pids = []
        for _ in range(count):
            pids.append(int(self._wait(r"Started server process \[(\d+)\]")))
        return pids

    def post(self, message: str, session: str = "hopper") -> tuple[int, dict[str, object]]:
        """One request on a new connection, so a multi-worker server may hand it to any worker."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            body = json.dumps({"message": message, "session": session})
            connection.request("POST", "/api/answer", body=body, headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            return response.status, json.loads(response.read())
        finally:
            connection.close()

    def health(self) -> tuple[int, dict[str, object]]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            return response.status, json.loads(response.read())
        finally:
            connection.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def step_reply(server: Server, step: int) -> None:
    status, reply = server.post("what's next?")
    assert status == 200, reply
    assert (reply["intent"], reply["role"], reply["step"]) == ("next_step", ROLE, step), reply


def test_a_conversation_survives_worker_hops_a_sigkill_and_a_redis_restart(redis_server: RedisServer) -> None:
    store = ("--session-store", redis_server.url)
    several = Server("--workers", "2", *store)
    single = Server(*store)
    try:
        pids = several.worker_pids(2)
        status, first = several.post(SALARY)
        assert status == 200 and first["role"] == ROLE
        status, follow = single.post("and what do they do?")
        assert status == 200 and (follow["intent"], follow["role"]) == ("responsibilities", ROLE)
        for step, server in enumerate([several, single, several, several], start=1):
            step_reply(server, step)

        os.kill(pids[0], signal.SIGKILL)  # mid-conversation, with no warning
        step_reply(several, 5)  # the other worker (or its replacement) carries on
        step_reply(single, 6)

        key = "careerbot:session:hopper"
        client = redis.Redis.from_url(redis_server.url)
        assert 0 < client.pttl(key) <= 3_600_000  # the idle expiry, set on every write
        client.close()
        roles = len(load_directory(SHIPPED_KNOWLEDGE).roles)  # the shipped base: the seed page and every occupation
        assert several.health() == (200, {"status": "ok", "roles": roles, "store": {"type": "RedisStore", "status": "ok"}})

        redis_server.stop()
        for server in (several, single):
            started = time.monotonic()
            status, refused = server.post("and what do they do?")
            assert (status, refused) == (503, {"error": "session store unavailable"})
            assert time.monotonic() - started < NOT_A_HANG
        status, health = single.health()
        assert status == 503 and health["store"] == {"type": "RedisStore", "status": "unavailable"}

        redis_server.start()  # Redis saved its data when stopped: the conversation is still there
        status, back = several.post("how much do they make?")
        assert status == 200 and (back["intent"], back["role"]) == ("salary", ROLE)
        assert single.health()[0] == 200
        for server in (several, single):
            assert "Traceback" not in "".join(server.log)
    finally:
        several.stop()
        single.stop()


