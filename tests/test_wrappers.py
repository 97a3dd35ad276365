"""Wrapper invariance over the whole corpus (train and dev splits, which include the regression
files): greetings, thanks, apologies, framing, emoticons and punctuation around a question
(tests/data/wrappers.yaml, a list kept apart from the bot's own small-talk data) change its
intent or role for at most 1% of wrapped questions. Each question gets one wrapper, rotating
through the list; `python benchmarks/wrappers.py` applies every wrapper to every question."""

from __future__ import annotations

import yaml

from bot.corpus import questions_of, split_files, wrapper_flips

from conftest import ROOT

#: The issue's bar: at most this share of wrapped questions may change intent or role.
MAX_FLIP_RATE = 0.01


def test_wrappers_change_at_most_one_percent_of_answers() -> None:
    files = split_files(ROOT)
    questions = questions_of(files["train"] + files["dev"])
    wrappers = yaml.safe_load((ROOT / "tests" / "data" / "wrappers.yaml").read_text(encoding="utf-8"))["wrappers"]
    assert len(questions) > 1000 and len(wrappers) >= 20
    flips, asked, shown = wrapper_flips(questions, wrappers, per_question=1)
    assert flips / asked <= MAX_FLIP_RATE, "\n".join(shown[:40])
