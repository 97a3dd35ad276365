"""Measure placement: how often a statement about oneself puts the person on the right step.

Usage: python benchmarks/placement.py [SET.yaml ...] [--misses]
Default set: tests/fixtures/placement.yaml (statements over fictional roles of 4-8 steps). Each
statement runs in a fresh session after "tell me about <role>"; the step the bot gives next is
the reply's step when the statement already got a next step, else the step "what's next?" gives.
Prints the share placed right, per role and overall; --misses lists the statements placed wrong.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot import Bot
from bot.reply import Intent

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT / "tests" / "fixtures" / "placement.yaml"


@dataclass(frozen=True)
class Result:
    role: str
    statement: str
    expected: int
    got: int | None


def placed_step(bot: Bot, role_title: str, statement: str, session: str) -> int | None:
    """The next step the bot gives someone who said `statement` about themselves."""
    bot.reply(f"tell me about {role_title}", session=session)
    reply = bot.reply(statement, session=session)
    if reply.intent is Intent.NEXT_STEP:
        return reply.step
    return bot.reply("what's next?", session=session).step


def measure(path: Path) -> list[Result]:
    """Every statement of a placement set, with the step the bot gave."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    bot = Bot.from_directory(path.parent / data["knowledge"])
    results = []
    for role_id, cases in data["roles"].items():
        role = bot.knowledge.get(role_id)
        if role is None:
            raise SystemExit(f"{path}: no role {role_id!r} in {data['knowledge']}")
        for n, (statement, expected) in enumerate(cases):
            got = placed_step(bot, role.title, statement, session=f"{role_id}-{n}")
            results.append(Result(role_id, statement, expected, got))
    return results


def main(argv: list[str]) -> int:
    show_misses = "--misses" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")] or [DEFAULT_SET]
    for path in paths:
        results = measure(path)
        print(f"{path}:")
        for role in dict.fromkeys(r.role for r in results):
            mine = [r for r in results if r.role == role]
            right = sum(r.got == r.expected for r in mine)
            print(f"  {role:34} {right:3}/{len(mine):<3} {right / len(mine):6.1%}")
        right = sum(r.got == r.expected for r in results)
        print(f"  {'all':34} {right:3}/{len(results):<3} {right / len(results):6.1%}")
        if show_misses:
            for r in results:
                if r.got != r.expected:
                    print(f"    miss [{r.role}] {r.statement!r}: expected {r.expected}, got {r.got}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
