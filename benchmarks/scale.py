"""Measure how the bot scales with the size of the knowledge base.

Usage: python benchmarks/scale.py [ROLES ...]   (default: 1 100 1000 3000)
Builds in memory a base of synthetic, obviously FICTIONAL roles ("Lunar Kelp Engineer", ...)
with a salary, responsibilities and a four-step path each, then prints the build time and the
median and p99 latency of `Bot.reply` over a fixed mix of questions. Role resolution uses an
inverted index, so latency should stay nearly flat as the base grows.
"""

from __future__ import annotations

import itertools
import statistics
import sys
import time

from bot import Bot
from bot.knowledge import KnowledgeBase, Role, Salary, Step, slugify

_FIELDS = ("lunar", "kelp", "quantum", "glacier", "velvet", "cobalt", "marsh", "comet", "opal", "tundra",
           "saffron", "basalt", "meadow", "nebula", "ember", "lichen", "harbor", "prism", "fjord", "amber")
_KINDS = ("orbital", "tidal", "sonic", "thermal", "arcane", "rustic", "urban", "polar", "solar", "feral")
_HEADS = ("engineer", "analyst", "designer", "technician", "specialist", "manager", "scientist", "developer",
          "architect", "coordinator", "inspector", "consultant", "researcher", "planner", "operator")


def fictional_base(size: int) -> KnowledgeBase:
    roles = []
    for n, (field, kind, head) in enumerate(itertools.islice(itertools.product(_FIELDS, _KINDS, _HEADS), size)):
        title = f"{kind.title()} {field.title()} {head.title()}"
        roles.append(
            Role(
                id=slugify(title),
                title=title,
                summary=f"A {title} looks after {field} systems.",
                salary=Salary(average=40_000 + 37 * n),
                job_openings=n % 50,
                degree_required_percent=n % 101,
                responsibilities=(f"Maintaining {field} equipment", f"Reporting on {kind} conditions"),
                path=tuple(Step(f"Step {i} for {field}", f"Learn {kind} {field} skills, part {i}.") for i in range(1, 5)),
                skills=(f"{field} modelling", f"{kind} surveying"),
            )
        )
    return KnowledgeBase(tuple(sorted(roles, key=lambda r: r.id)))


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1, 100, 1000, 3000]
    print(f"{'roles':>6} {'build s':>8} {'median ms':>10} {'p99 ms':>8}")
    for size in sizes:
        base = fictional_base(size)
        start = time.perf_counter()
        bot = Bot(base)
        build = time.perf_counter() - start
        some = base.roles[size // 2].title.lower()
        questions = (f"how much does a {some} make?", "and what do they do?", "how do I become one?",
                     "what's next?", "how much does a nurse make?", "what's the weather like?",
                     "how much does an engineer make?", f"{some} salary", "thanks")
        timings = []
        for r in range(60):
            for q in questions:
                t = time.perf_counter()
                bot.reply(q, session=f"s{r}")
                timings.append((time.perf_counter() - t) * 1000)
        timings.sort()
        p99 = timings[int(0.99 * (len(timings) - 1))]
        print(f"{size:>6} {build:>8.2f} {statistics.median(timings):>10.3f} {p99:>8.3f}")


if __name__ == "__main__":
    main()
