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
#: In a statement's tokens, the mark between two clauses and the mark opening a clause that says
#: its activity is under way ("I'm learning Reaper"): no token of a text holds either character.
CLAUSE = ","
UNDER_WAY = "~"


def split_clauses(statement: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The clauses of a statement's tokens, as `clauses` marked them."""
    out: list[tuple[str, ...]] = [()]
    for token in statement:
        if token == CLAUSE:
            out.append(())
        else:
            out[-1] += (token,)
    return [clause for clause in out if clause]


def clauses(parts: list[tuple[tuple[str, ...], bool]]) -> tuple[str, ...]:
    """One statement's tokens from its clauses (tokens, under way), marked for `place`; kept as
    plain tokens so a conversation's state can hold what the person said."""
    marked: list[str] = []
    for tokens, under_way in parts:
        if tokens:
            marked += [CLAUSE] * bool(marked) + [UNDER_WAY] * under_way + list(tokens)
    return tuple(marked)


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

    def _trails(self, tail: tuple[str, ...]) -> bool:
        """Whether a denial closes its clause, saying no to what came before it ("licence no",
        "Python not yet"): nothing but denials and function words follow, and none of them says
        the person starts from nothing ("a degree, nothing else" affirms the degree)."""
        return not self.v.from_scratch & set(tail) and all(
            t in self.v.not_done or t in self.lexicon.function_words for t in tail
        )

    def at_end(self, role_id: str) -> Placement | None:
        """Someone already working in the role stands on its last step."""
        profiles = self._profiles.get(role_id)
        return Placement(step=len(profiles), done=False) if profiles else None

    def place(self, role_id: str, statement: tuple[str, ...]) -> Placement | None:
        """The step a statement is about, or None when it names no step. `statement` is the
        clauses of what the person said (see `clauses`). A clause that leaves a step open (not
        done, under way, a degree in another field) puts the person on it, the earliest such
        step first ("a history degree and I know GIS": the degree step). Otherwise they stand
        past the furthest step done: by a clause that names one step plainly ("a CS degree and
        I know Python": programming), or by the affirming clauses read together ("finished the
        ML course, I understand deep learning now": the ML course is no general course)."""
        if not self._profiles.get(role_id):
            return None
        readings = [(clause, self._clause(role_id, clause)) for clause in split_clauses(statement)]
        open_steps = [r.placement for _, r in readings if r.placement and not r.placement.done and not r.scratch]
        if open_steps:
            return min(open_steps, key=lambda p: p.step)
        denies = self.v.not_done | self.v.from_scratch
        affirmed = tuple(
            t for clause, r in readings if not denies & set(clause) for t in clause if t != UNDER_WAY
        )
        done = [r.placement for clause, r in readings if r.placement and r.placement.done and (r.plain or denies & set(clause))]
        whole = self._clause(role_id, affirmed).placement if affirmed else None
        candidates = done + ([whole] if whole is not None else [])
        if candidates:
            return max(candidates, key=lambda p: p.step)
        return next((r.placement for _, r in readings if r.placement), None)  # "a complete beginner"

    def _clause(self, role_id: str, clause: tuple[str, ...]) -> Reading:
        """The step one clause names and whether it is done."""
        profiles = self._profiles[role_id]
        under_way = clause[:1] == (UNDER_WAY,)
        tokens = clause[1:] if under_way else clause
        v = self.v
        cut = next((i for i, t in enumerate(tokens) if t in v.not_done or t in v.from_scratch), 0)
        if cut and self._trails(tokens[cut:]):  # "radio licence no", "python not yet": what it follows is denied,
            # back to the last word that said yes ("degree done python no": the degree is done)
            said_yes = v.done_words | v.affirmations
            cut = next((i + 1 for i in range(cut - 2, -1, -1) if tokens[i] in said_yes), 0)
        if cut:  # what comes before a denial is affirmed: "a CS degree, but never C++", "..., nothing else"
            marked = (UNDER_WAY,) * under_way
            return _earlier(self._clause(role_id, marked + tokens[:cut]), self._clause(role_id, marked + tokens[cut:]))
        present = set(tokens)
        denied = bool(present & v.not_done)
        content = {self.root(t) for t in tokens if t not in self.lexicon.function_words}
        scores = [sum(profile.get(t, 0.0) for t in content) for profile in profiles]
        top = max(scores)
        # "zero experience", "a complete beginner": from nothing; but "nothing about ML yet"
        # denies the step it names.
        if present & v.from_scratch or (denied and present & v.anything):
            named_else = max(sum(profile.get(t, 0.0) for t in content - v.anything) for profile in profiles)
            if not (denied and named_else >= MIN_PLACEMENT_SCORE):
                return Reading(Placement(step=1, done=False), scratch=True)
        if top < MIN_PLACEMENT_SCORE:
            return Reading(None)
        named = [i for i, score in enumerate(scores) if score >= max(MIN_PLACEMENT_SCORE, top * FURTHEST_SHARE)]
        # Of the steps the clause clearly names, the furthest: "I know Python and SQL" has done
        # the programming step and the database one. Denied, the first: "I haven't got a degree"
        # is before every step that asks for one.
        best = min(named) if denied else max(named)
        below = bool(present & v.below) and not v.below & set(profiles[best])
        # A degree in another field does not cover a step that names its fields: a chemistry
        # degree is no nursing degree.
        accepted = self._fields[role_id][best]
        other_field = bool(accepted) and bool(studied := self.fields(tokens)) and not studied & accepted
        done = not (under_way or below or other_field or present & v.in_progress or denied)
        return Reading(Placement(step=best + 1, done=done), plain=len(named) == 1)


@dataclass(frozen=True)
class Reading:
    """What one clause of a statement says: the step it names, if any; whether it says the
    person starts from nothing (which other clauses outweigh); whether it names a single step
    ("I know Python"; "finished an ML course" fits several and is left to the whole statement)."""

    placement: Placement | None
    scratch: bool = False
    plain: bool = False


def _earlier(*halves: Reading) -> Reading:
    """One clause cut at a denial: the half with the earlier next step, a half that starts from
    nothing counting only alone ("a CS degree, nothing else")."""
    placed = [half for half in halves if half.placement is not None]
    real = [half for half in placed if not half.scratch] or placed
    return min(real, key=lambda half: half.placement.next_step if half.placement else 0) if real else Reading(None)
