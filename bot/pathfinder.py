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
from .wordlists import Vocabulary

#: Weight of a word from a step's title relative to one from its detail.
TITLE_WEIGHT = 2.0
#: A step scoring at least this share of the best step's score also counts as named.
FURTHEST_SHARE = 0.6
#: Statement-to-step score needed to place the person on that step.
MIN_PLACEMENT_SCORE = 1.2


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
        self._profiles: dict[str, list[dict[str, float]]] = {}
        seen: set[str] = set()
        for role in knowledge.roles:
            raw: list[dict[str, float]] = []
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
        content = {t for t in tokens if t not in self.lexicon.function_words}
        scores = [sum(profile.get(t, 0.0) for t in content) for profile in profiles]
        top = max(scores)
        # Of the steps the statement clearly names, the furthest: "I know Python and SQL" has done
        # the programming step and the database one.
        best = max(i for i, score in enumerate(scores) if score >= max(MIN_PLACEMENT_SCORE, top * FURTHEST_SHARE) or score == top)
        present = set(tokens)
        v = self.v
        if present & v.from_scratch or (present & v.not_done and present & v.anything):
            return Placement(step=1, done=False)  # "a complete beginner", "no experience at all"
        if scores[best] < MIN_PLACEMENT_SCORE:
            return None
        below = bool(present & v.below) and not v.below & set(profiles[best])
        done = not (under_way or below or present & v.in_progress or present & v.not_done)
        return Placement(step=best + 1, done=done)
