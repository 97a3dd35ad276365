"""Bounded load test of `careerbot serve` on loopback: throughput, p50/p99, errors, context losses.

It starts the real command (uvicorn, access log and all) on a free 127.0.0.1 port: one worker
with the in-process store by default, or `--workers N --session-store redis` for N workers
sharing a redis-server that this script starts on another free loopback port (or
`--session-store redis://...` for one already running). Each client holds conversations whose
answers depend on context ("and what do they do?", "what's next?", "compare them") and spreads
its turns over several keep-alive connections, so with several workers consecutive turns of one
conversation land on different workers. Every reply's intent, role and step is checked against
the same conversation run in this process: a mismatch is a context loss. Bounded in count and
time; exits 1 on any error or context loss.

    .venv/bin/python benchmarks/load_web.py [--requests 10000] [--clients 16]
    .venv/bin/python benchmarks/load_web.py --workers 4 --session-store redis [--fault] [--kill-worker]

`--fault` (Redis started here) then stops Redis and measures how long a request takes to get
its 503, and how long answers take to come back once Redis is started again. `--kill-worker`
SIGKILLs one worker halfway through: a request cut off with it ends its conversation (whether
that turn was stored cannot be known) and is counted apart; every other turn is still checked.

The knowledge is the fictional test base (tests/fixtures/fictional_knowledge), because context
is only visible with several roles; its invented figures do not matter here.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import Bot  # noqa: E402

KNOWLEDGE = ROOT / "tests" / "fixtures" / "fictional_knowledge"
#: One conversation: `{role}` and `{other}` are role titles. Every turn but the first depends on
#: what came before, so a worker that lost the context answers differently.
SCRIPT = (
    "how much does a {role} make?",
    "and what do they do?",
    "how do I become one?",
    "what's next?",
    "what's next?",
    "what about a {other}?",
    "and what do they do?",
    "compare them",
    "hello",
)
#: Keep-alive connections per client, used in turn: a conversation hops between them.
CONNECTIONS_PER_CLIENT = 4
#: The part of a reply that context decides.
Expected = tuple[object, object, object]


def conversations(bot: Bot) -> list[tuple[list[str], list[Expected]]]:
    """Every ordered pair of roles as one conversation, with the replies a single process gives."""
    result = []
    for number, (first, second) in enumerate(itertools.permutations(bot.knowledge.roles, 2)):
        turns = [line.format(role=first.title, other=second.title) for line in SCRIPT]
        replies = [bot.reply(turn, session=f"reference-{number}") for turn in turns]
        result.append((turns, [(r.intent.value, r.role, r.step) for r in replies]))
    return result


@dataclass
class Results:
    """What the clients saw; appended to under a lock because many threads report."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    context_losses: list[str] = field(default_factory=list)
    #: Requests whose connection died with the worker killed by `--kill-worker`.
    cut_off: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, error: str | None = None, loss: str | None = None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)
            if loss:
                self.context_losses.append(loss)


@dataclass
class Run:
    """What every client thread shares."""

    port: int
    plans: list[tuple[list[str], list[Expected]]]
    todo: queue.Queue[int]
    deadline: float
    results: Results = field(default_factory=Results)
    #: Set once a worker has been killed: from then on a dropped connection is expected.
    killed: threading.Event = field(default_factory=threading.Event)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RedisProcess:
    """A throwaway redis-server on a free loopback port, saving to a temp dir when stopped."""

    def __init__(self, directory: str) -> None:
        executable = shutil.which("redis-server")
        if executable is None:
            raise SystemExit("redis-server is not installed (apt-get install redis-server)")
        self.command = [executable, "--bind", "127.0.0.1", "--port", str(free_port()), "--dir", directory, "--save", "3600 1"]
        self.url = f"redis://127.0.0.1:{self.command[4]}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", int(self.command[4])), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.02)
        raise SystemExit("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@contextmanager
def careerbot_serve(options: list[str], workers: int, server_errors: list[str]) -> Iterator[tuple[int, list[int]]]:
    """`careerbot serve --port 0 OPTIONS` in a subprocess; yields its port and worker pids once
    every worker has started, Ctrl-C on exit. Tracebacks it logs go to `server_errors`: the bot
    answers politely even when it failed inside, so a 200 alone does not prove the request went well."""
    command = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", "0", *options]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    events: queue.Queue[tuple[str, int]] = queue.Queue()
    patterns = {"port": r"running on http://127\.0\.0\.1:(\d+)", "pid": r"Started server process \[(\d+)\]", "ready": r"Application startup (complete)"}

    def read_log() -> None:  # keeps draining stderr so the server never blocks on a full pipe
        assert server.stderr is not None
        for line in server.stderr:
            if line.startswith(("ERROR", "Traceback")):
                server_errors.append(line.rstrip())
            for name, pattern in patterns.items():
                if found := re.search(pattern, line):
                    events.put((name, int(found[1]) if found[1].isdigit() else 0))

    threading.Thread(target=read_log, daemon=True).start()
    try:
        port, pids, ready = 0, [], 0
        while not port or ready < workers:
            try:
                name, number = events.get(timeout=60)
            except queue.Empty:
                raise SystemExit(f"careerbot serve did not start: {' | '.join(server_errors) or 'no output'}") from None
            port = number if name == "port" else port
            pids += [number] if name == "pid" else []
            ready += name == "ready"
        yield port, pids
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def post(connection: http.client.HTTPConnection, message: str, session: str) -> tuple[int, bytes]:
    body = json.dumps({"message": message, "session": session})
    connection.request("POST", "/api/answer", body=body, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, response.read()


def client(run: Run, number: int) -> None:
    """One visitor after another: whole conversations, each turn on the next of its connections."""
    connections = [http.client.HTTPConnection("127.0.0.1", run.port, timeout=10) for _ in range(CONNECTIONS_PER_CLIENT)]
    hop = itertools.cycle(connections)
    try:
        for conversation in itertools.count():
            turns, expected = run.plans[(number + conversation) % len(run.plans)]
            for turn, want in zip(turns, expected):
                if time.monotonic() >= run.deadline:
                    return
                try:
                    run.todo.get_nowait()
                except queue.Empty:
                    return
                if not ask(run, next(hop), f"load-{number}-{conversation}", turn, want):
                    break  # a visitor whose request was cut off starts a new conversation
    finally:
        for connection in connections:
            connection.close()


def ask(run: Run, connection: http.client.HTTPConnection, session: str, turn: str, want: Expected) -> bool:
    """One turn, checked; False when the connection died with a killed worker. Whether that
    turn was stored before the worker died cannot be known (the API has no request ids), so the
    conversation cannot be checked on: it is counted as cut off, not as a context loss."""
    started = time.perf_counter()
    error = loss = None
    try:
        status, payload = post(connection, turn, session)
        if status != 200:
            error = f"HTTP {status}: {payload[:80]!r}"
        else:
            reply = json.loads(payload)
            got = (reply["intent"], reply["role"], reply["step"])
            loss = None if got == want else f"{session} {turn!r}: got {got}, expected {want}"
    except (OSError, http.client.HTTPException) as exc:
        connection.close()  # reconnects on the next request
        if run.killed.is_set():
            with run.results.lock:
                run.results.cut_off.append(f"{type(exc).__name__}: {exc}")
            return False
        error = f"{type(exc).__name__}: {exc}"
    except (ValueError, KeyError) as exc:
        error = f"{type(exc).__name__}: {exc}"
    run.results.record(time.perf_counter() - started, error, loss)
    return True


def load(port: int, args: argparse.Namespace, plans: list[tuple[list[str], list[Expected]]], pids: list[int]) -> tuple[Results, float]:
    todo: queue.Queue[int] = queue.Queue()
    for index in range(args.requests):
        todo.put(index)
    run = Run(port, plans, todo, time.monotonic() + args.time_limit)
    threads = [threading.Thread(target=client, args=(run, n), daemon=True) for n in range(args.clients)]
    if args.kill_worker:
        threads.append(threading.Thread(target=kill_halfway, args=(run, args.requests, pids[0]), daemon=True))
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, run.deadline - time.monotonic()) + 15)
    return run.results, time.perf_counter() - started


def kill_halfway(run: Run, requests: int, pid: int) -> None:
    """SIGKILL one worker once half the requests are sent: no warning, no clean-up."""
    while run.todo.qsize() > requests // 2 and time.monotonic() < run.deadline:
        time.sleep(0.01)
    run.killed.set()
    os.kill(pid, signal.SIGKILL)
    print(f"killed worker {pid} with SIGKILL after {requests - run.todo.qsize()} requests")


def fault(port: int, redis: RedisProcess) -> None:
    """Stop Redis: time to a 503; start it again: time until an answer comes back."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    redis.stop()
    waits = []
    for attempt in range(5):
        started = time.perf_counter()
        status, payload = post(connection, "how much does a data engineer make?", f"fault-{attempt}")
        waits.append(time.perf_counter() - started)
        if status != 503 or json.loads(payload) != {"error": "session store unavailable"}:
            raise SystemExit(f"expected a JSON 503 while Redis is stopped, got {status} {payload[:80]!r}")
    redis.start()
    started = time.perf_counter()
    while post(connection, "how much does a data engineer make?", "fault-back")[0] != 200:
        if time.perf_counter() - started > 30:
            raise SystemExit("no answer 30 s after Redis came back")
        time.sleep(0.01)
    back = time.perf_counter() - started
    connection.close()
    print(f"Redis stopped: 5 of 5 requests got the JSON 503, slowest in {max(waits) * 1000:.1f} ms; "
          f"Redis started again: answers back after {back * 1000:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--session-store", default="memory", help="memory, redis (started here) or redis://...")
    parser.add_argument("--fault", action="store_true", help="after the load, stop and restart Redis (started here)")
    parser.add_argument("--kill-worker", action="store_true", help="SIGKILL one worker halfway through (needs --workers 2 or more)")
    parser.add_argument("--time-limit", type=float, default=300.0, help="seconds before giving up")
    args = parser.parse_args()
    if args.kill_worker and args.workers < 2:
        parser.error("--kill-worker needs --workers 2 or more: the survivors must carry on")

    plans = conversations(Bot.from_directory(KNOWLEDGE))
    server_errors: list[str] = []
    with ExitStack() as stack:
        redis = None
        store = args.session_store
        if store == "redis":
            redis = RedisProcess(stack.enter_context(tempfile.TemporaryDirectory()))
            redis.start()
            stack.callback(redis.stop)
            store = redis.url
        options = ["--knowledge", str(KNOWLEDGE), "--workers", str(args.workers), "--session-store", store]
        port, pids = stack.enter_context(careerbot_serve(options, args.workers, server_errors))
        results, elapsed = load(port, args, plans, pids)
        if args.fault and redis is not None:
            fault(port, redis)

    done = len(results.latencies)
    unsent = args.requests - done - len(results.cut_off)
    cuts = statistics.quantiles(results.latencies, n=100, method="inclusive") if done > 1 else [0.0] * 99
    where = f"{args.workers} worker(s), session store {args.session_store}"
    print(f"careerbot serve, {where}: {done} requests from {args.clients} clients in {elapsed:.2f} s")
    print(f"throughput {done / elapsed:.0f} req/s, latency p50 {cuts[49] * 1000:.2f} ms, p99 {cuts[98] * 1000:.2f} ms")
    print(f"errors {len(results.errors)}, context losses {len(results.context_losses)}, "
          f"not sent before the time limit {unsent}, server errors logged {len(server_errors)}")
    if args.kill_worker:
        print(f"requests cut off by the kill {len(results.cut_off)} (each ended its conversation; not counted above)")
    for problem in sorted(set(results.errors + results.context_losses + server_errors))[:5]:
        print(f"  e.g. {problem}")
    return 1 if results.errors or results.context_losses or unsent or server_errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
