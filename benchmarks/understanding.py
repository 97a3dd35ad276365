"""Measure understanding: dev questions, off-topic queries and conversations, over Bot.reply.

Usage: python benchmarks/understanding.py [SHARED_DIR] [-v]
SHARED_DIR defaults to ../shared (the development sets live outside the repository). Prints
intent accuracy, role accuracy and decline rates; with -v, every miss. Measuring only: the
lines are never copied into intents/.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from bot import Bot
from bot.importer import import_pages


def _ok(reply_intent: str, reply_role: str | None, item: dict[str, object]) -> bool:
    want = item.get("intent")
    wanted = want if isinstance(want, list) else [want] if want else []
    if wanted and reply_intent not in wanted:
        return False
    role = item.get("role")
    if role is not None and (None if role == "none" else role) != reply_role:
        return False
    return True


def questions(bot: Bot, path: Path, verbose: bool) -> None:
    items = yaml.safe_load(path.read_text())["questions"]
    good = 0
    misses: Counter[str] = Counter()
    for n, item in enumerate(items):
        r = bot.reply(item["user"], session=f"q{n}")
        ok = _ok(r.intent.value, r.role, item)
        if ok and "step" in item:
            ok = r.step == item["step"]
        if ok:
            lower = r.text.lower()
            ok = all(e.lower() in lower for e in item.get("expect", [])) and not any(
                e.lower() in lower for e in item.get("reject", [])
            )
        good += ok
        if not ok:
            misses[str(item.get("intent"))] += 1
            if verbose:
                print(f"  MISS {item['user']!r}: want {item.get('intent')}/{item.get('role')}/{item.get('step')}"
                      f" got {r.intent.value}/{r.role}/{r.step} ({r.confidence})")
    print(f"dev questions: {good}/{len(items)} = {good / len(items):.1%}  misses by intent: {dict(misses)}")


def off_topic(bot: Bot, path: Path, verbose: bool) -> None:
    groups = json.loads(path.read_text())
    for group, queries in groups.items():
        strict = group != "career_adjacent"
        good = 0
        for n, q in enumerate(queries):
            r = bot.reply(q, session=f"{group}{n}")
            ok = r.role is None and (not strict or r.intent.value == "out_of_scope")
            good += ok
            if not ok and verbose:
                print(f"  MISS [{group}] {q!r} -> {r.intent.value}/{r.role} ({r.confidence})")
        print(f"off-topic {group}: {good}/{len(queries)} = {good / len(queries):.1%} declined")


def conversations(shared: Path, verbose: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pages = [*sorted((shared / "seeds").glob("*.txt")), *sorted((shared / "eval" / "pages").glob("*.txt"))]
        import_pages(pages, Path(tmp))
        bot = Bot.from_directory(tmp)
        convs = yaml.safe_load((shared / "eval" / "dev_conversations.yaml").read_text())["conversations"]
        good = 0
        for n, conv in enumerate(convs):
            ok_all = True
            for turn in conv["turns"]:
                r = bot.reply(turn["user"], session=f"c{n}")
                ok = _ok(r.intent.value, r.role, turn) and ("step" not in turn or r.step == turn["step"])
                lower = r.text.lower()
                ok = ok and all(e.lower() in lower for e in turn.get("expect", []))
                ok = ok and not any(e.lower() in lower for e in turn.get("reject", []))
                if not ok and verbose:
                    print(f"  MISS [{conv['name']}] {turn['user']!r} -> {r.intent.value}/{r.role}/{r.step}")
                ok_all &= ok
            good += ok_all
        print(f"dev conversations: {good}/{len(convs)} passed")


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv
    shared = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "shared"
    bot = Bot.from_directory()
    questions(bot, shared / "eval" / "dev_questions.yaml", verbose)
    off_topic(bot, shared / "data" / "clinc150" / "dev.json", verbose)
    conversations(shared, verbose)


if __name__ == "__main__":
    main()
