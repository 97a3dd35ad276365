"""The labelled corpus (corpus/splits.yaml): which regression files are train, dev and test.

Training, calibration and measurement must agree on the splits, and a file must never be in
two of them, so the split lists are data read here once. The files themselves are ordinary
regression files (bot/regress_file.py); `style:` and `xfail:` tags travel with each turn.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .intents import IntentData, load_intents
from .knowledge import load_directory
from .paths import default_intents_dir, default_knowledge_dir
from .regress import BotCache, CaseResult, load, run_case
from .regress_file import SUFFIXES, RegressionFileError, parse_suite
from .reply import Intent

SPLITS = ("train", "dev", "test")
_SMALL_TALK = frozenset({Intent.GREETING, Intent.THANKS, Intent.GOODBYE})
SPLITS_FILE = Path("corpus") / "splits.yaml"


class CorpusError(ValueError):
    """corpus/splits.yaml is unusable; the message names the file and the problem."""


def _expand(root: Path, entry: str) -> list[Path]:
    path = root / entry
    if path.is_dir():
        # Only the directory's own files: its subdirectories are knowledge bases, not cases.
        return sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file())
    return [path] if path.is_file() else []


def split_files(root: Path) -> dict[str, list[Path]]:
    """Each split's files. A file listed under dev or test leaves train; one listed under both
    dev and test is an error, since a sealed line must never be tuned against."""
    where = root / SPLITS_FILE
    try:
        data = yaml.safe_load(where.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CorpusError(f"{where}: cannot be read: {error}") from None
    if not isinstance(data, dict) or set(data) - set(SPLITS):
        raise CorpusError(f"{where}: must map {', '.join(SPLITS)} to lists of paths")
    files = {split: [p for entry in data.get(split) or [] for p in _expand(root, str(entry))] for split in SPLITS}
    both = set(files["dev"]) & set(files["test"])
    if both:
        raise CorpusError(f"{where}: in both dev and test: {', '.join(sorted(map(str, both)))}")
    held = set(files["dev"]) | set(files["test"])
    files["train"] = [p for p in dict.fromkeys(files["train"]) if p not in held]
    return files


def run_files(
    files: list[Path], intents: IntentData | None = None, unusable: list[str] | None = None
) -> list[CaseResult]:
    """Every case of `files`, judged as `careerbot test` judges it, by bots over each file's
    knowledge that use `intents` (default: the shipped intents and model). A file that cannot
    run (say, it names roles this base lacks) raises, or is skipped with its problem appended
    to `unusable` when a list is given."""
    from .core import Bot

    data = intents or load_intents(default_intents_dir())
    bots = BotCache(lambda knowledge: Bot(load_directory(knowledge or default_knowledge_dir()), data))
    results: list[CaseResult] = []
    for path in files:
        try:
            suite, bot = load(path, bots)
        except RegressionFileError as error:
            if unusable is None:
                raise
            unusable.append(str(error.problems[0]) + (f" (and {len(error.problems) - 1} more)" if len(error.problems) > 1 else ""))
            continue
        results.extend(run_case(bot, suite.path, case) for case in suite.cases)
    return results


def questions_of(files: list[Path]) -> list[tuple[Path | None, str]]:
    """(knowledge directory, text) of every turn of `files`, each to be asked in a fresh session."""
    found: list[tuple[Path | None, str]] = []
    for path in files:
        suite = parse_suite(path)
        found.extend((suite.knowledge, turn.user) for case in suite.cases for turn in case.turns)
    return found


def wrapper_flips(
    questions: list[tuple[Path | None, str]], wrappers: list[str], per_question: int | None = None
) -> tuple[int, int, list[str]]:
    """How many wrapped questions get another intent or role than the question alone: (flips,
    wrapped questions asked, the flipped ones). Questions that are only small talk themselves
    ("thanks!") are left out. Each question gets `per_question` of the
    wrappers (rotating, so every wrapper is used), or all of them."""
    from .core import Bot

    bots: dict[Path | None, Bot] = {}
    flips, asked, shown = 0, 0, []
    count = per_question or len(wrappers)
    for n, (knowledge, text) in enumerate(questions):
        if knowledge not in bots:
            bots[knowledge] = Bot.from_directory(knowledge)
        bot = bots[knowledge]
        plain = bot.reply(text, session=f"plain-{n}")
        if plain.intent in _SMALL_TALK:
            continue  # small talk inside small talk has no one right reading: not a question
        for k in range(count):
            wrapped = wrappers[(n * count + k) % len(wrappers)].replace("{q}", text)
            reply = bot.reply(wrapped, session=f"wrapped-{n}-{k}")
            asked += 1
            if (reply.intent, reply.role) != (plain.intent, plain.role):
                flips += 1
                shown.append(f"{wrapped!r}: {plain.intent.value}/{plain.role} -> {reply.intent.value}/{reply.role}")
    return flips, asked, shown
