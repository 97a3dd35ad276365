"""Start-up, memory, answer latency and wheel size with every O*NET occupation loaded.

Usage: python benchmarks/knowledge_load.py [--knowledge DIR] [--runs N] [--no-wheel]

Each start-up figure is the median of N fresh processes (the first run warms the disk cache
and is dropped). Targets from issue 11: load <= 300 ms, peak RSS <= 150 MB, answer() median
<= 1 ms and p99 <= 5 ms, `careerbot ask` <= 250 ms wall, wheel <= 30 MB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = (
    "How much does a registered nurse make?",
    "What does an ML engineer earn?",
    "what do they do?",
    "How do I become an electrician?",
    "salary of software developers",
    "hi",
)
_CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from bot.knowledge import load_directory
base = load_directory(sys.argv[1])
loaded = time.perf_counter()
from bot import Bot
bot = Bot(base)
built = time.perf_counter()
print(json.dumps({"load": loaded - start, "bot": built - start, "roles": len(base.roles),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def fresh(knowledge: Path, runs: int) -> list[dict[str, float]]:
    out = []
    for _ in range(runs + 1):
        result = subprocess.run([sys.executable, "-c", _CHILD, str(knowledge)], capture_output=True, text=True, cwd=ROOT, check=True)
        out.append(json.loads(result.stdout))
    return out[1:]


def ask_wall(knowledge: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "--knowledge", str(knowledge), "ask", QUESTIONS[0]],
                       capture_output=True, cwd=ROOT, check=True)
        times.append(time.perf_counter() - start)
    return times[1:]


def answer_latency(knowledge: Path) -> list[float]:
    sys.path.insert(0, str(ROOT))
    from bot import Bot

    bot = Bot.from_directory(knowledge)
    times = []
    for round_ in range(200):
        for question in QUESTIONS:
            start = time.perf_counter()
            bot.reply(question, session=f"bench-{round_}")
            times.append(time.perf_counter() - start)
    return sorted(times)


def wheel_mb() -> float:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "-q", "-w", out],
                       cwd=ROOT, check=True, capture_output=True)
        (built,) = Path(out).glob("careerbot-*.whl")
        return built.stat().st_size / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-wheel", action="store_true")
    args = parser.parse_args()
    runs = fresh(args.knowledge, args.runs)
    print(f"roles loaded: {int(runs[0]['roles'])}")
    print(f"load_directory, fresh process (imports included): median {statistics.median(r['load'] for r in runs) * 1000:.0f} ms")
    print(f"Bot ready, fresh process (imports included):      median {statistics.median(r['bot'] for r in runs) * 1000:.0f} ms")
    print(f"peak RSS with the Bot built:                     max {max(r['rss_mb'] for r in runs):.0f} MB")
    walls = ask_wall(args.knowledge, args.runs)
    print(f"careerbot ask, wall:                             median {statistics.median(walls) * 1000:.0f} ms")
    times = answer_latency(args.knowledge)
    p99 = times[int(len(times) * 0.99)]
    print(f"answer() over {len(times)} replies:                   median {statistics.median(times) * 1000:.2f} ms, p99 {p99 * 1000:.2f} ms")
    if not args.no_wheel:
        print(f"wheel size:                                      {wheel_mb():.1f} MB")


if __name__ == "__main__":
    main()
