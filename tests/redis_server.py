"""A real `redis-server` on a free loopback port, for the tests of the Redis session store.

Absent locally, the tests that need it skip with the reason; CI sets CAREERBOT_REQUIRE_REDIS=1
(after installing the OS package), which turns that skip into a failure. The server keeps its
data in a temp dir and saves it when stopped, so a stop and a start are a Redis restart that
keeps the sessions, as a production Redis with persistence does.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from types import ModuleType
from typing import NoReturn

import pytest

#: Seconds to wait for the server to accept connections.
STARTUP_SECONDS = 10.0
#: A bound on a request's wait while Redis is down or stalled, showing it does not hang. The
#: store's timeouts make it about a second at most (measured by benchmarks/load_web.py --fault);
#: the bound leaves room for a CI machine busy with other work.
NOT_A_HANG = 5.0


def unavailable(reason: str) -> NoReturn:
    """Skip, or fail where CI promised a Redis server (CAREERBOT_REQUIRE_REDIS=1)."""
    if os.environ.get("CAREERBOT_REQUIRE_REDIS") == "1":
        pytest.fail(f"{reason} (CAREERBOT_REQUIRE_REDIS=1)")
    pytest.skip(reason, allow_module_level=True)


def import_redis() -> ModuleType:
    """The redis client module, for a test module's top (skipped or failed like the server)."""
    try:
        import redis
    except ImportError:
        unavailable("the redis client is not installed (the 'redis' extra; pip install -e '.[test]')")
    return redis


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RedisServer:
    """One redis-server process; `stop` and `start` again on the same port and data dir."""

    def __init__(self, directory: Path) -> None:
        executable = shutil.which("redis-server")
        if executable is None:
            unavailable("redis-server is not installed (apt-get install redis-server)")
        import_redis()
        self.executable = str(executable)
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [
            self.executable, "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.directory),
            "--save", "3600 1", "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no",
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.02)
        self.stop()
        pytest.fail(f"redis-server did not start on 127.0.0.1:{self.port}")

    def stop(self) -> None:
        """SIGTERM: Redis saves its data and exits, as in a planned restart."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None
