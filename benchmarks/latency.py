"""Measure `answer()` latency and memory on the shipped knowledge base, or on another one.

Usage: python benchmarks/latency.py [ROUNDS] [--knowledge DIR]
(`--knowledge tests/fixtures/seed_knowledge` measures the one-role base.) Runs a fixed mix of questions (salary, follow-ups, typos, off-topic, unknown roles) through the
public `answer()` on one thread, after one warm-up round, and prints the median, p90, p99 and
max per call, plus the process's peak resident memory. Figures go into the README.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time

from bot import Bot

QUESTIONS = (
    "How much does an ML engineer make?",
    "and what do they do?",
    "how do I becom one?",
    "what's next?",
    "and after that?",
    "I have a CS degree, what now?",
    "which programming languages do I need",
    "do I need a degree?",
    "how many openings are there",
    "how much does a nurse make?",
    "what's the weather like in Paris tomorrow",
    "transfer 100 dollars from checking to savings",
    "responsibilites of a machine lerning engineer",
    "hello",
    "thanks a lot",
    "qwertyuiop",
)


def main() -> None:
    args = sys.argv[1:]
    knowledge = None
    if "--knowledge" in args:
        at = args.index("--knowledge")
        knowledge, args = args[at + 1], args[:at] + args[at + 2 :]
    rounds = int(args[0]) if args else 300
    bot = Bot.from_directory(knowledge)  # what `answer()` uses when `knowledge` is None

    def answer(question: str, session: str) -> str:
        return bot.reply(question, session=session).text

    for n, question in enumerate(QUESTIONS):  # warm-up: fill caches
        answer(question, session=f"warm-{n}")
    timings: list[float] = []
    for r in range(rounds):
        session = f"bench-{r}"
        for question in QUESTIONS:
            start = time.perf_counter()
            answer(question, session=session)
            timings.append((time.perf_counter() - start) * 1000.0)
    timings.sort()
    def pct(p: float) -> float:
        return timings[min(len(timings) - 1, int(p / 100.0 * len(timings)))]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(f"knowledge: {knowledge or 'shipped'}")
    print(f"answer() over {len(timings)} calls ({len(QUESTIONS)} questions x {rounds} sessions), one thread:")
    print(f"  median {statistics.median(timings):.3f} ms  p90 {pct(90):.3f} ms  p99 {pct(99):.3f} ms  max {timings[-1]:.3f} ms")
    print(f"  peak resident memory {peak_mb:.1f} MB")


if __name__ == "__main__":
    main()
