"""Measure understanding per split, per intent and per style, and on the shared development sets.

Usage: python benchmarks/understanding.py [SHARED_DIR] [-v] [--sealed]
Corpus splits (corpus/splits.yaml), each labelled with what it is:
- tuned: tests/conversations/ (regression cases that passed after tuning: a ratchet, not a measure)
- train: corpus/train (outside-written, trained on)
- dev: corpus/dev (outside-written; the blend, calibration and threshold are chosen on it)
- sealed: corpus/test (outside-written, never looked at; reported apart, once per round, and
  only with --sealed: a run made while tuning cannot show it by accident)
Each turn is judged as `careerbot test` judges it (intent, role, step, expect/reject); "intent"
columns judge the intent alone, for rules alone, the model alone (its top intent) and the two
combined (the shipped bot). SHARED_DIR (default ../shared) holds the development questions,
conversations and CLINC150 queries: measuring only, never copied into intents/. -v prints misses.
"""

from __future__ import annotations

import functools
import json
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import yaml

from bot import Bot
from bot.corpus import run_files, split_files
from bot.importer import import_pages
from bot.intents import IntentData, load_intents
from bot.knowledge import load_directory
from bot.paths import default_knowledge_dir
from bot.regress import CaseResult, TurnResult

ROOT = Path(__file__).resolve().parents[1]
TUNED = ROOT / "tests" / "conversations"


def _model_right(results: list[CaseResult], intents: IntentData) -> dict[int, bool]:
    """Per turn (by id), whether the model alone puts the expected intent on top."""
    model = intents.model
    bots: dict[Path | None, Bot] = {}
    right: dict[int, bool] = {}
    if model is None:
        return right
    for result in results:
        knowledge = _knowledge_of(result.path)
        if knowledge not in bots:
            bots[knowledge] = Bot(load_directory(knowledge or default_knowledge_dir()), intents)
        for turn in result.turns:
            if turn.turn.intents:
                p = model.probabilities(bots[knowledge].matcher.model_words(turn.turn.user))
                right[id(turn)] = max(p, key=lambda i: p[i]) in turn.turn.intents
    return right


@functools.lru_cache(maxsize=None)
def _knowledge_of(path: Path) -> Path | None:
    """The knowledge a file names (parsed once per file: a file has hundreds of cases)."""
    from bot.regress_file import parse_suite

    return parse_suite(path).knowledge


def _share(good: int, total: int) -> str:
    return f"{good}/{total} = {good / total:5.1%}" if total else "-"


def report(label: str, files: list[Path], intents: IntentData, verbose: bool, sealed: bool = False) -> None:
    if not files:
        print(f"[{label}] no files")
        return
    unusable: list[str] = []
    combined = run_files(files, intents, unusable)
    rules = run_files(files, replace(intents, model=None), [])
    for problem in unusable:  # a sealed file's problem would quote it: name the file only
        print(f"[{label}] not run: {problem.split(':')[0] if sealed else problem}")
    if not combined:
        return
    alone = _model_right(combined, intents)
    turns = [turn for result in combined for turn in result.turns]
    rule_turns = [turn for result in rules for turn in result.turns]
    labelled = [(t, r) for t, r in zip(turns, rule_turns) if t.turn.intents]

    def intent_ok(turn: TurnResult) -> bool:
        return turn.reply.intent in turn.turn.intents

    print(f"[{label}] {len(files)} files, {len(turns)} turns")
    print(f"  whole judgement (intent, role, step, expect/reject): combined {_share(sum(t.passed for t in turns), len(turns))}"
          f", rules alone {_share(sum(t.passed for t in rule_turns), len(rule_turns))}")
    print(f"  intent only: combined {_share(sum(intent_ok(t) for t, _ in labelled), len(labelled))}"
          f", rules alone {_share(sum(intent_ok(r) for _, r in labelled), len(labelled))}"
          f", model alone {_share(sum(alone.get(id(t), False) for t, _ in labelled), len(labelled))}"
          f", either rules or model {_share(sum(intent_ok(r) or alone.get(id(t), False) for t, r in labelled), len(labelled))}")
    files_of = {id(turn): result.path.name for result in combined for turn in result.turns}
    for name, key in (("intent", lambda t: t.turn.intents[0].value if t.turn.intents else "-"),
                      ("style", lambda t: t.turn.style or "-"), ("file", lambda t: files_of[id(t)])):
        total, good = Counter(map(key, turns)), Counter(key(t) for t in turns if t.passed)
        print(f"  by {name}: " + ", ".join(f"{k} {good[k] / total[k]:.0%} ({total[k]})" for k in sorted(total)))
    if verbose:
        for turn in turns:
            if not turn.passed:
                print(f"    MISS {turn.turn.user!r}: {'; '.join(turn.reasons)}")


def _ok(reply_intent: str, reply_role: str | None, item: dict[str, object]) -> bool:
    want = item.get("intent")
    wanted = want if isinstance(want, list) else [want] if want else []
    if wanted and reply_intent not in wanted:
        return False
    role = item.get("role")
    if role is not None and (None if role == "none" else role) != reply_role:
        return False
    return True


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
        print(f"[dev, CLINC150] off-topic {group}: {good}/{len(queries)} = {good / len(queries):.1%} declined")


def shared_sets(shared: Path, verbose: bool) -> None:
    """The ../shared development questions and conversations (both as the runner judges)."""
    results = run_files([shared / "eval" / "dev_questions.yaml"])
    print(f"[dev, shared] questions: {_share(sum(r.passed for r in results), len(results))}")
    with tempfile.TemporaryDirectory() as tmp:
        pages = [*sorted((shared / "seeds").glob("*.txt")), *sorted((shared / "eval" / "pages").glob("*.txt"))]
        import_pages(pages, Path(tmp) / "knowledge")
        convs = Path(tmp) / "conversations.yaml"
        data = yaml.safe_load((shared / "eval" / "dev_conversations.yaml").read_text(encoding="utf-8"))
        data["knowledge"] = "knowledge"
        convs.write_text(yaml.safe_dump(data), encoding="utf-8")
        results = run_files([convs])
    print(f"[dev, shared] conversations: {_share(sum(r.passed for r in results), len(results))}")
    if verbose:
        for r in results:
            for t in r.turns:
                if not t.passed:
                    print(f"    MISS {t.turn.user!r}: {'; '.join(t.reasons)}")


def main() -> None:
    args = [a for a in sys.argv[1:] if a not in ("-v", "--sealed")]
    verbose = "-v" in sys.argv
    shared = Path(args[0]) if args else ROOT.parent / "shared"
    intents = load_intents(ROOT / "intents")
    files = split_files(ROOT)
    tuned = [p for p in files["train"] if p.is_relative_to(TUNED)]
    report("tuned (regression cases, trained on)", tuned, intents, verbose)
    report("train (outside-written, trained on)", [p for p in files["train"] if p not in tuned], intents, verbose)
    report("dev (outside-written, choices made on it)", files["dev"], intents, verbose)
    if (shared / "eval").is_dir():
        shared_sets(shared, verbose)
        off_topic(Bot.from_directory(), shared / "data" / "clinc150" / "dev.json", verbose)
    else:  # a clone without the team's ../shared folder: the repository's own splits only
        print(f"[dev, shared] skipped: no {shared / 'eval'} (pass the shared folder as the first argument)")
    if "--sealed" not in sys.argv:
        print("--- sealed test split not scored (pass --sealed once a round of changes is complete) ---")
        return
    print("--- sealed test split, scored apart (never tuned against) ---")
    report("sealed", files["test"], intents, verbose=False, sealed=True)


if __name__ == "__main__":
    main()
