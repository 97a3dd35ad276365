"""The statistical intent scorer: a linear model over word and character n-grams, in pure Python.

Rules catch the phrasings someone wrote down; this model generalises from the labelled corpus
to the ones nobody did. It is trained at build time (`scripts/train_intents.py`, scikit-learn)
and shipped as plain weights in `intents/model.json`, so the core keeps its three dependencies
and scoring is a few dict lookups per feature. Role, area and number mentions are masked to
placeholders first, so the model learns how people ask, not which roles the corpus names.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .reply import Intent

#: What a role mention becomes before the model sees it ("how much do ROLE make").
ROLE_MASK = "ROLE"
#: What a number becomes ("what is step NUM").
NUMBER_MASK = "NUM"
#: Character n-gram lengths, taken inside each padded word (like scikit-learn's char_wb).
CHAR_NGRAMS = (3, 4)
#: Blended scores above this are all equally sure for the confidence calibration.
MAX_CALIBRATED_SCORE = 2.0
#: At most this many words' summed weights are kept (then the cache starts again).
WORD_CACHE = 20000
#: File name of the shipped weights inside an intents directory.
MODEL_FILE = "model.json"


def masked(tokens: Iterable[str], masks: Mapping[int, str]) -> list[str]:
    """The tokens with mentioned spans replaced by their placeholder; a run of one placeholder
    collapses to one, so a three-word title reads like a one-word one."""
    out: list[str] = []
    for i, token in enumerate(tokens):
        word = masks.get(i) or (NUMBER_MASK if token[:1].isdigit() else token)
        if word in (ROLE_MASK, NUMBER_MASK) and out and out[-1] == word:
            continue
        out.append(word)
    return out


def features(words: list[str]) -> list[str]:
    """The model's features of masked tokens, one per occurrence (the model counts them): word
    pairs (with the message's edges), then each word and the character n-grams of each real
    word. The training script calls this very function, so training and scoring agree."""
    return pair_features(words) + [f for word in words for f in word_features(word)]


def pair_features(words: list[str]) -> list[str]:
    edged = ["<s>", *words, "</s>"]
    return [f"b:{a} {b}" for a, b in zip(edged, edged[1:])]


def word_features(word: str) -> list[str]:
    """A word's own features: itself and, unless a placeholder, its character n-grams."""
    if word in (ROLE_MASK, NUMBER_MASK):
        return [f"w:{word}"]
    padded = f" {word} "
    return [f"w:{word}", *(f"c:{padded[i:i + n]}" for n in CHAR_NGRAMS for i in range(len(padded) - n + 1))]


@dataclass(frozen=True)
class IntentModel:
    """Multinomial logistic regression weights: per feature, the class indices it weighs and
    the weights, as two parallel lists (how the JSON file holds them: no conversion at load)."""

    intents: tuple[Intent, ...]
    intercepts: tuple[float, ...]
    weights: Mapping[str, tuple[Sequence[int], Sequence[float]]]
    #: Softmax temperature fitted on dev so the probabilities are calibrated (1.0: as trained).
    temperature: float = 1.0
    #: How much the model's probability adds to the rules' score of each intent (chosen on dev).
    weight: float = 0.0
    #: From this probability up the model has a say, and asks for the intent as a phrase cue does;
    #: under it the rules decide alone, so "what about a nurse?" still leans on the context.
    asks: float = 1.0
    #: Logistic calibration of the reply's confidence, fitted on dev: weights of the winning
    #: blended score and of the model's top probability, and the intercept. All zero: none yet.
    calibration: tuple[float, float, float] = (0.0, 0.0, 0.0)
    #: A calibrated confidence under this declines the question (chosen on dev; see README curve).
    decline_below: float = 0.0
    #: From this probability up, the model's in-scope intent outweighs the rules' count of words
    #: the bot does not know ("how do they spend their hours at the office?" asks the duties,
    #: though "office" is in no word list): the model learned from labelled questions which
    #: shapes ask something, the count only knows the lists. Above 1: never (chosen on dev).
    overrules: float = 2.0

    def confidence(self, score: float, top_probability: float) -> float:
        """P(the intent chosen is right), from the blended score and the model's own certainty."""
        a, b, c = self.calibration
        return 1.0 / (1.0 + math.exp(-(a * min(score, MAX_CALIBRATED_SCORE) + b * top_probability + c)))

    def sure_of(self, probabilities: Mapping[Intent, float]) -> Intent | None:
        """The intent the model is sure enough of to overrule the rules' word counts, if any: an
        in-scope one vouches for a question with unknown words, `out_of_scope` declines one the
        rules found nothing clearly asked in ("can you tell me the latest news")."""
        if not probabilities:
            return None
        top = max(probabilities, key=lambda intent: probabilities[intent])
        return top if probabilities[top] >= self.overrules else None

    def vouches_for(self, probabilities: Mapping[Intent, float]) -> Intent | None:
        """The in-scope intent the model is sure enough of to overrule the unknown words, if any."""
        sure = self.sure_of(probabilities)
        return None if sure is Intent.OUT_OF_SCOPE else sure

    def blend(self, scores: dict[Intent, float], cued: set[Intent], probabilities: Mapping[Intent, float]) -> None:
        """Add the model's confident evidence to the rules' scores, in place. The rules' structure
        (statements, step numbers, small talk beside a question) still acts on the sum; a
        probability says nothing for `out_of_scope`, which the rules decide from the words."""
        for intent, p in probabilities.items():
            if intent is not Intent.OUT_OF_SCOPE and p >= self.asks:
                scores[intent] = scores.get(intent, 0.0) + self.weight * p
                cued.add(intent)

    #: Each word's summed feature weights, filled as words are seen (a word's n-grams are the
    #: bulk of the work). Bounded by WORD_CACHE; a plain dict is safe to share between threads.
    _words: dict[str, tuple[tuple[int, float], ...]] = field(default_factory=dict, compare=False, repr=False)

    def probabilities(self, words: list[str]) -> dict[Intent, float]:
        """P(intent | message) over every intent the model knows."""
        logits = list(self.intercepts)
        for feature in pair_features(words):
            entry = self.weights.get(feature)
            if entry is not None:
                for index, weight in zip(*entry):
                    logits[index] += weight
        for word in words:
            for index, weight in self._words.get(word) or self._word(word):
                logits[index] += weight
        top = max(logits)
        exps = [math.exp((z - top) / self.temperature) for z in logits]
        total = sum(exps)
        return {intent: e / total for intent, e in zip(self.intents, exps)}

    def _word(self, word: str) -> tuple[tuple[int, float], ...]:
        summed: dict[int, float] = {}
        for feature in word_features(word):
            entry = self.weights.get(feature)
            if entry is not None:
                for index, weight in zip(*entry):
                    summed[index] = summed.get(index, 0.0) + weight
        found = tuple(summed.items())
        if len(self._words) >= WORD_CACHE:
            self._words.clear()
        self._words[word] = found
        return found

    def to_json(self) -> str:
        """The shipped file: sorted keys and fixed rounding, so a retraining gives identical bytes."""
        data = {
            "about": "Intent model trained by scripts/train_intents.py on corpus/ train; do not edit by hand.",
            "intents": [intent.value for intent in self.intents],
            "intercepts": list(self.intercepts),
            "temperature": self.temperature,
            "weight": self.weight,
            "asks": self.asks,
            "calibration": list(self.calibration),
            "decline_below": self.decline_below,
            "overrules": self.overrules,
            "weights": {f: [list(indices), list(values)] for f, (indices, values) in sorted(self.weights.items())},
        }
        return json.dumps(data, separators=(",", ":"), sort_keys=False) + "\n"


def _three(values: list[float]) -> tuple[float, float, float]:
    a, b, c = (float(v) for v in values)
    return a, b, c


def load_model(path: Path) -> IntentModel | None:
    """The model in `path`, or None when the intents directory ships none (rules alone)."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        intents = tuple(Intent(name) for name in data["intents"])
        weights = data["weights"]
        model = IntentModel(
            intents, tuple(float(b) for b in data["intercepts"]), weights,
            float(data["temperature"]), float(data["weight"]), float(data["asks"]),
            _three(data["calibration"]), float(data["decline_below"]), float(data["overrules"]),
        )
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path}: not a usable intent model: {error}") from error
    if len(model.intercepts) != len(intents) or any(
        not isinstance(i, int) or not 0 <= i < len(intents) for indices, _ in weights.values() for i in indices
    ):
        raise ValueError(f"{path}: weights name an intent index the model does not have")
    return model
