"""Bounded load test of `careerbot serve` on loopback: throughput, p50/p99 latency, errors.

It starts the real command (uvicorn, access log and all) on a free 127.0.0.1 port, sends a fixed
number of requests from a fixed number of keep-alive clients, stops the server and exits 1 on any
error. Bounded in count and time, so it always ends by itself.

    .venv/bin/python benchmarks/load_web.py [--requests 2000] [--clients 16] [--time-limit 120]
"""

from __future__ import annotations

import argparse
import http.client
import json
import queue
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

QUESTIONS = (
    "What is the salary of a Software Engineer Machine Learning?",
    "and what do they do?",
    "how do I become one?",
    "what's next?",
    "hello",
    "can you book me a flight?",
)


@dataclass
class Results:
    """What the clients saw; appended to under a lock because many threads report."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)


@contextmanager
def careerbot_serve(startup_seconds: float, server_errors: list[str]) -> Iterator[int]:
    """`careerbot serve --port 0` in a subprocess; yields the port it bound, Ctrl-C on exit.

    Tracebacks the server logs go to `server_errors`: the bot answers politely even when it
    failed inside, so a 200 alone does not prove the request went well.
    """
    command = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    ports: queue.Queue[int] = queue.Queue()

    def read_log() -> None:  # keeps draining stderr so the server never blocks on a full pipe
        assert server.stderr is not None
        for line in server.stderr:
            if found := re.search(r"running on http://127\.0\.0\.1:(\d+)", line):
                ports.put(int(found[1]))
            elif line.startswith(("ERROR", "Traceback")) or not ports.empty() and "Error" in line:
                server_errors.append(line.rstrip())

    threading.Thread(target=read_log, daemon=True).start()
    try:
        try:
            port = ports.get(timeout=startup_seconds)
        except queue.Empty:
            raise SystemExit(f"careerbot serve did not start: {' | '.join(server_errors) or 'no output'}") from None
        yield port
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def client(port: int, number: int, todo: queue.Queue[int], deadline: float, results: Results) -> None:
    """One visitor with its own session and keep-alive connection, asking until work runs out."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Content-Type": "application/json"}
    try:
        while time.monotonic() < deadline:
            try:
                index = todo.get_nowait()
            except queue.Empty:
                return
            body = json.dumps({"message": QUESTIONS[index % len(QUESTIONS)], "session": f"load-{number}"})
            started = time.perf_counter()
            try:
                connection.request("POST", "/api/answer", body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                error = None if response.status == 200 and b'"text"' in payload else f"HTTP {response.status}"
            except (OSError, http.client.HTTPException) as exc:
                error = f"{type(exc).__name__}: {exc}"
                connection.close()  # reconnects on the next request
            results.record(time.perf_counter() - started, error)
    finally:
        connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds before giving up")
    args = parser.parse_args()

    todo: queue.Queue[int] = queue.Queue()
    for index in range(args.requests):
        todo.put(index)
    results = Results()
    server_errors: list[str] = []
    with careerbot_serve(startup_seconds=30, server_errors=server_errors) as port:
        deadline = time.monotonic() + args.time_limit
        threads = [
            threading.Thread(target=client, args=(port, n, todo, deadline, results), daemon=True)
            for n in range(args.clients)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()) + 15)
        elapsed = time.perf_counter() - started

    done = len(results.latencies)
    unsent = args.requests - done
    cuts = statistics.quantiles(results.latencies, n=100, method="inclusive") if done > 1 else [0.0] * 99
    print(f"careerbot serve on 127.0.0.1:{port}: {done} requests from {args.clients} clients in {elapsed:.2f} s")
    print(f"throughput {done / elapsed:.0f} req/s, latency p50 {cuts[49] * 1000:.2f} ms, p99 {cuts[98] * 1000:.2f} ms")
    print(f"errors {len(results.errors)}, not sent before the time limit {unsent}, server errors logged {len(server_errors)}")
    for error in sorted(set(results.errors + server_errors))[:5]:
        print(f"  e.g. {error}")
    return 1 if results.errors or unsent or server_errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
