"""Measure placement: how often a statement about oneself puts the person on the right step.

Usage: python benchmarks/placement.py [SET.yaml ...] [--knowledge DIR] [--misses]
Default set: tests/fixtures/placement.yaml (statements over fictional roles of 4-8 steps). Each
statement runs in a fresh session after "tell me about <role>"; the step the bot gives next is
the reply's step when the statement already got a next step, else the step "what's next?" gives.
A set in the regression-file format (`conversations:`, e.g. an outside-written one) is run turn
by turn, scoring the turns that declare a `step`; `--knowledge` overrides its knowledge folder
(for one written over role pages: import them first with `careerbot import`).
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


def measure_conversations(data: dict[str, object], bot: Bot) -> list[Result]:
    """Turns that declare a step, in regression-file conversations, with the step the bot gave."""
    results = []
    conversations = data["conversations"]
    assert isinstance(conversations, list)
    for n, conversation in enumerate(conversations):
        for turn in conversation["turns"]:
            reply = bot.reply(turn["user"], session=f"conversation-{n}")
            if "step" in turn:
                results.append(Result(reply.role or "-", turn["user"], turn["step"], reply.step))
    return results


def measure(path: Path, knowledge: Path | None = None) -> list[Result]:
    """Every statement of a placement set, with the step the bot gave."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    bot = Bot.from_directory(knowledge or path.parent / data["knowledge"])
    if "conversations" in data:
        return measure_conversations(data, bot)
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
    knowledge = Path(argv[argv.index("--knowledge") + 1]) if "--knowledge" in argv else None
    paths = [Path(a) for i, a in enumerate(argv) if not a.startswith("--") and argv[i - 1 : i] != ["--knowledge"]]
    for path in paths or [DEFAULT_SET]:
        results = measure(path, knowledge)
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
