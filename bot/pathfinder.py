"""Placing a person on a role's career path from what they say about themselves.

"I have a CS degree" or "my portfolio is ready" names something a step covers; the step whose
words (title counted double, rare words more) best match the statement is where they stand.
Progress words ("still", "currently") mean the step is under way rather than done.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .intents import Lexicon
from .knowledge import KnowledgeBase
from .normalize import stem
from .wordlists import Vocabulary

#: Weight of a word from a step's title relative to one from its detail.
TITLE_WEIGHT = 2.0
#: A step scoring at least this share of the best step's score also counts as named.
FURTHEST_SHARE = 0.6
#: Statement-to-step score needed to place the person on that step.
MIN_PLACEMENT_SCORE = 1.2
#: A step's fields of study are those named this many words around a degree word.
DEGREE_REACH = 6
#: A step's word this long also matches words derived from it ("apprentice" in "apprenticeship").
MIN_ROOT = 6


@dataclass(frozen=True)
class Placement:
    """Where a statement puts the person: the 1-based step they are on or finished."""

    step: int
    done: bool

    @property
    def next_step(self) -> int:
        """The step to take next (the caller caps it at the path's length)."""
        return self.step + 1 if self.done else self.step


class PathPlacer:
    """Per role, a weighted word profile of each step, built once."""

    def __init__(self, knowledge: KnowledgeBase, lexicon: Lexicon, vocabulary: Vocabulary) -> None:
        self.lexicon = lexicon
        self.v = vocabulary
        self._field_lengths = sorted({len(f) for f in vocabulary.study_fields})
        self._profiles: dict[str, list[dict[str, float]]] = {}
        #: Per role, the fields of study each step names ("chemistry", "computer science").
        self._fields: dict[str, list[frozenset[tuple[str, ...]]]] = {}
        seen: set[str] = set()
        for role in knowledge.roles:
            raw: list[dict[str, float]] = []
            self._fields[role.id] = [self._degree_fields(self.lexicon.tokens(f"{s.title} {s.detail}")) for s in role.path]
            for step in role.path:
                counts: dict[str, float] = {}
                for token in self._content(step.title):
                    counts[token] = TITLE_WEIGHT
                for token in self._content(step.detail):
                    counts.setdefault(token, 1.0)
                raw.append(counts)
                seen.update(counts)
            document_frequency = Counter(t for counts in raw for t in counts)
            steps = len(raw)
            self._profiles[role.id] = [
                {t: w * math.log(1.0 + steps / document_frequency[t]) for t, w in counts.items()} for counts in raw
            ]
        self.vocabulary: frozenset[str] = frozenset(seen)
        self._roots = frozenset(t for t in seen if len(t) >= MIN_ROOT)

    def fields(self, tokens: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
        """The fields of study named in a text."""
        lengths = self._field_lengths
        return frozenset(tokens[i : i + n] for i in range(len(tokens)) for n in lengths if tokens[i : i + n] in self.v.study_fields)

    def _degree_fields(self, tokens: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
        """The fields of study a step accepts, when it asks a degree in a field: one named just
        before a degree word ("a Nursing Degree") or a few words after it ("a bachelor's degree
        in chemistry"); then every field the step names counts ("courses in statistics"). A step
        that only mentions a degree ("study statistics ... through a degree") asks no field."""
        for i, token in enumerate(tokens):
            if token in self.v.degree_words and (
                self.fields(tokens[i + 1 : i + 1 + DEGREE_REACH]) or self.fields(tokens[max(0, i - 2) : i])
            ):
                return self.fields(tokens)
        return frozenset()

    def root(self, token: str) -> str:
        """The step word a longer word derives from ("apprenticeship" -> "apprentic"), else itself."""
        for ending in self.v.derivations:
            base = stem(token[: -len(ending)]) if token.endswith(ending) else ""
            if base in self._roots:
                return base
        return token

    def _content(self, text: str) -> set[str]:
        """Words of a step that can place a person; "job" (any work or role) places no one."""
        return {
            t for t in self.lexicon.tokens(text)
            if t not in self.lexicon.function_words and t not in self.v.generic and len(t) > 1
        }

    def at_end(self, role_id: str) -> Placement | None:
        """Someone already working in the role stands on its last step."""
        profiles = self._profiles.get(role_id)
        return Placement(step=len(profiles), done=False) if profiles else None

    def place(self, role_id: str, tokens: tuple[str, ...], under_way: bool = False) -> Placement | None:
        """The step a statement is about, or None when it names no step; `under_way` when the
        sentence says the activity is in progress ("I am studying ...")."""
        profiles = self._profiles.get(role_id)
        if not profiles:
            return None
        cut = next((i for i, t in enumerate(tokens) if t in self.v.not_done or t in self.v.from_scratch), 0)
        if cut:  # what comes before a denial is affirmed: "a CS degree, but never C++", "..., nothing else"
            before = self.place(role_id, tokens[:cut], under_way)
            after = self.place(role_id, tokens[cut:], under_way)
            if before is None or after is None:
                return after or before
            return min(before, after, key=lambda p: p.next_step)
        content = {self.root(t) for t in tokens if t not in self.lexicon.function_words}
        scores = [sum(profile.get(t, 0.0) for t in content) for profile in profiles]
        top = max(scores)
        present = set(tokens)
        v = self.v
        named = [i for i, score in enumerate(scores) if score >= max(MIN_PLACEMENT_SCORE, top * FURTHEST_SHARE) or score == top]
        # Of the steps the statement clearly names, the furthest: "I know Python and SQL" has done
        # the programming step and the database one. Denied, the first: "I haven't got a degree"
        # is before every step that asks for one.
        denied = bool(present & v.not_done)
        best = min(named) if denied else max(named)
        if present & v.from_scratch or (denied and present & v.anything):
            return Placement(step=1, done=False)  # "a complete beginner", "no experience at all"
        if scores[best] < MIN_PLACEMENT_SCORE:
            return None
        below = bool(present & v.below) and not v.below & set(profiles[best])
        # A degree in another field does not cover a step that names its fields: a chemistry
        # degree is no nursing degree.
        accepted = self._fields[role_id][best]
        other_field = bool(accepted) and bool(studied := self.fields(tokens)) and not studied & accepted
        done = not (under_way or below or other_field or present & v.in_progress or denied)
        return Placement(step=best + 1, done=done)
