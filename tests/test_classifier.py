"""The intent model (bot/classifier.py): masking, features, scoring of plain weights, the
shipped file, and (with scikit-learn installed) that training is deterministic and learns."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from dataclasses import replace

import pytest

from bot import Bot
from bot.classifier import NUMBER_MASK, ROLE_MASK, IntentModel, features, load_model, masked
from bot.intents import IntentDataError, load_intents
from bot.knowledge import load_directory
from bot.reply import Intent

from conftest import ROOT

HAS_SKLEARN = importlib.util.find_spec("sklearn") is not None


def test_mentions_become_one_placeholder_and_numbers_another() -> None:
    tokens = ("how", "much", "do", "machin", "learn", "engineer", "make", "in", "2")
    assert masked(tokens, {3: ROLE_MASK, 4: ROLE_MASK, 5: ROLE_MASK}) == [
        "how", "much", "do", ROLE_MASK, "make", "in", NUMBER_MASK,
    ]


def test_features_are_words_pairs_and_character_ngrams_of_real_words() -> None:
    found = features(["pay", ROLE_MASK])
    assert {"w:pay", "b:<s> pay", f"b:pay {ROLE_MASK}", f"b:{ROLE_MASK} </s>", "c: pa", "c:pay ", "c: pay"} <= set(found)
    assert not [f for f in found if f.startswith("c:") and "R" in f]  # placeholders have no spelling


def _toy() -> IntentModel:
    return IntentModel(
        intents=(Intent.SALARY, Intent.SKILLS),
        intercepts=(0.0, 0.1),
        weights={"w:pay": ([0, 1], [2.0, -1.0]), "w:python": ([1], [3.0])},
        temperature=1.0,
    )


def test_probabilities_follow_the_weights_and_sum_to_one() -> None:
    model = _toy()
    pay, python = model.probabilities(["pay"]), model.probabilities(["python"])
    assert max(pay, key=lambda i: pay[i]) is Intent.SALARY and max(python, key=lambda i: python[i]) is Intent.SKILLS
    assert sum(pay.values()) == pytest.approx(1.0)
    hotter = IntentModel(model.intents, model.intercepts, model.weights, temperature=4.0).probabilities(["pay"])
    assert hotter[Intent.SALARY] < pay[Intent.SALARY]  # a higher temperature is less sure


def test_the_blend_adds_probabilities_and_never_out_of_scope() -> None:
    model = IntentModel((Intent.SALARY, Intent.OUT_OF_SCOPE), (0.0, 0.0), {}, weight=0.5, asks=0.6)
    scores, cued = {Intent.SKILLS: 0.9}, set()
    model.blend(scores, cued, {Intent.SALARY: 0.7, Intent.OUT_OF_SCOPE: 0.3})
    assert scores == {Intent.SKILLS: 0.9, Intent.SALARY: pytest.approx(0.35)} and cued == {Intent.SALARY}


def test_the_file_round_trips_and_a_broken_one_names_itself(tmp_path) -> None:
    path = tmp_path / "model.json"
    path.write_text(_toy().to_json(), encoding="utf-8")
    loaded = load_model(path)
    assert loaded is not None and loaded.probabilities(["pay", "python"]) == _toy().probabilities(["pay", "python"])
    copy = tmp_path / "intents"
    shutil.copytree(ROOT / "intents", copy)
    (copy / "model.json").write_text('{"intents": ["salary"]}', encoding="utf-8")
    with pytest.raises(IntentDataError, match="model.json"):
        load_intents(copy)


def test_the_shipped_model_is_loaded_and_calibrated() -> None:
    model = load_intents(ROOT / "intents").model
    assert model is not None and set(model.intents) == set(Intent)
    assert 0.0 < model.confidence(1.0, 0.9) < 1.0
    assert model.confidence(1.0, 0.95) > model.confidence(0.3, 0.2)  # more evidence, more sure


@pytest.mark.slow
@pytest.mark.skipif(not HAS_SKLEARN, reason="retraining needs the dev extra (scikit-learn)")
def test_the_shipped_weights_are_what_a_fresh_training_gives() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_intents.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(not HAS_SKLEARN, reason="training needs the dev extra (scikit-learn)")
def test_a_labelled_example_teaches_the_model_without_code() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_intents import _fit

    lines = [
        (["what", "doe", ROLE_MASK, "earn"], Intent.SALARY),
        (["what", "skill", "need"], Intent.SKILLS),
        (["hello", "there"], Intent.GREETING),
    ] * 3
    novel = ["how", "fat", "the", "paycheck"]
    before = _fit(lines, 4.0).probabilities(novel)
    after = _fit(lines + [(["how", "fat", "the", "paycheck"], Intent.SALARY)] * 2, 4.0).probabilities(novel)
    assert after[Intent.SALARY] > before[Intent.SALARY] and after[Intent.SALARY] > 0.5


def test_the_model_vouches_only_for_a_sure_in_scope_intent() -> None:
    model = IntentModel((Intent.SALARY, Intent.OUT_OF_SCOPE), (0.0, 0.0), {}, overrules=0.6)
    assert model.vouches_for({Intent.SALARY: 0.7, Intent.OUT_OF_SCOPE: 0.3}) is Intent.SALARY
    assert model.vouches_for({Intent.SALARY: 0.55, Intent.OUT_OF_SCOPE: 0.45}) is None  # not sure enough
    assert model.vouches_for({Intent.SALARY: 0.1, Intent.OUT_OF_SCOPE: 0.9}) is None  # sure it is off-topic
    assert model.sure_of({Intent.SALARY: 0.1, Intent.OUT_OF_SCOPE: 0.9}) is Intent.OUT_OF_SCOPE
    assert model.sure_of({Intent.SALARY: 0.55, Intent.OUT_OF_SCOPE: 0.45}) is None
    assert replace(model, overrules=2.0).vouches_for({Intent.SALARY: 1.0}) is None  # above 1: never


def _one_role_bot(overrules: float) -> Bot:
    intents = load_intents(ROOT / "intents")
    assert intents.model is not None
    return Bot(load_directory(ROOT / "tests" / "fixtures" / "seed_knowledge"), replace(intents, model=replace(intents.model, overrules=overrules)))


def test_a_vouching_model_overrules_words_the_lists_lack() -> None:
    question = "how many openings would exist out there, honestly?"  # "exist", "honestly": in no list
    assert _one_role_bot(2.0).reply(question).intent is Intent.OUT_OF_SCOPE
    assert _one_role_bot(0.0).reply(question).intent is Intent.JOB_OPENINGS


def test_a_sure_model_alone_does_not_vouch() -> None:
    question = "could you tell me what my cousin recently bought?"  # no rules cue for any intent
    assert _one_role_bot(0.0).reply(question).intent is Intent.OUT_OF_SCOPE


def test_a_sure_model_and_a_weak_cue_together_vouch() -> None:
    question = "ok so whats the money like fr"  # "money" is a weak cue, "fr" in no list
    assert _one_role_bot(2.0).reply(question).intent is Intent.OUT_OF_SCOPE
    assert _one_role_bot(0.75).reply(question).intent is Intent.SALARY


def test_a_word_that_asks_ends_a_name() -> None:
    question = "is a diploma absolutely necessary, if I may ask?"  # "a" then an asking word, no name
    assert _one_role_bot(0.75).reply(question).intent is Intent.EDUCATION


@pytest.mark.parametrize("question", ["how much does a software tester make", "how much would a software auditor make"])
def test_an_unknown_word_where_a_name_stands_is_never_vouched_for(question: str) -> None:
    reply = _one_role_bot(0.0).reply(question)  # the model always vouches: the name still decides
    assert reply.role is None and "110,000" not in reply.text
