"""Scoring a question against the intents: phrase cues, example phrasings and knowledge words.

Every choice is normalised once, at load: cues are indexed by their first word, examples are
kept as strings for rapidfuzz (`processor=None`, `score_cutoff`), and the words of the roles'
responsibilities and skills become weak cues of their own ("do they design algorithms?").
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz, process

from .intents import Cue, IntentData
from .knowledge import KnowledgeBase
from .reply import Intent

#: A cue's parts may be this many words apart ("how much ... make").
MAX_GAP = 4
#: Share of the strongest other cue added to the strongest cue of an intent.
SUPPORT_SHARE = 0.25
#: Example phrasings count only from this rapidfuzz similarity (0-100) up.
EXAMPLE_CUTOFF = 82.0
#: An example's similarity (0-1) counts this much: a close paraphrase, but no stronger than a cue.
EXAMPLE_WEIGHT = 0.9
#: Knowledge words add this much to their intent: skills are specific ("PyTorch"), duty words less so.
KNOWLEDGE_CUE_WEIGHTS = {Intent.SKILLS: 0.6, Intent.RESPONSIBILITIES: 0.5}
#: Knowledge words shorter than this are too common to signal anything ("date" in "up-to-date");
#: skill names are kept whatever their length.
MIN_KNOWLEDGE_WORD = 5
#: In example phrasings, the placeholder for any role name.
ROLE = "ROLE"


class IntentScorer:
    """Built once per knowledge base; `score` is called per question."""

    def __init__(self, knowledge: KnowledgeBase, intents: IntentData, role_words: frozenset[str]) -> None:
        self.lexicon = intents.lexicon
        self._cues: dict[str, list[tuple[Intent, Cue]]] = defaultdict(list)
        for spec in intents.specs:
            for cue in spec.cues:
                self._cues[cue.parts[0][0]].append((spec.intent, cue))
        self._examples: list[str] = []
        self._example_intents: list[Intent] = []
        for spec in intents.specs:
            for example in spec.examples:
                parts = (" ".join(self.lexicon.tokens(part)) for part in example.split(ROLE))
                self._examples.append(" ".join(_squash_roles(f" {ROLE} ".join(parts).split())))
                self._example_intents.append(spec.intent)
        self.knowledge_cues = self._knowledge_cues(knowledge, role_words)
        self.vocabulary = frozenset(
            intents.cue_words | set(self.knowledge_cues) | {w for e in self._examples for w in e.split() if w != ROLE}
        )

    def _knowledge_cues(self, knowledge: KnowledgeBase, role_words: frozenset[str]) -> dict[str, Intent]:
        """Content words of responsibilities and skills, so "do they design algorithms?" is a duty."""
        cues: dict[str, Intent] = {}
        stop = self.lexicon.function_words | self.lexicon.domain_words | role_words
        for role in knowledge.roles:
            for intent, texts in ((Intent.RESPONSIBILITIES, role.responsibilities), (Intent.SKILLS, role.skills)):
                for text in texts:
                    for token in self.lexicon.tokens(text):
                        if token not in stop and (intent is Intent.SKILLS or len(token) >= MIN_KNOWLEDGE_WORD):
                            cues.setdefault(token, intent)
        return cues

    def score(self, tokens: tuple[str, ...], role_positions: frozenset[int]) -> tuple[dict[Intent, float], set[Intent]]:
        """Each intent's score, and the intents that a phrase cue or an example (not only a
        knowledge word) asked for. Words at `role_positions` name a role: they are skipped
        in gaps, never count as knowledge words, and stand as ROLE against the examples."""
        hits: dict[Intent, list[float]] = defaultdict(list)
        for start, token in enumerate(tokens):
            for intent, cue in self._cues.get(token, ()):
                if _cue_at(cue, tokens, start, role_positions):
                    hits[intent].append(cue.weight)
        cued = set(hits)
        for position, token in enumerate(tokens):
            knowledge_intent = self.knowledge_cues.get(token)
            if knowledge_intent is not None and position not in role_positions:
                hits[knowledge_intent].append(KNOWLEDGE_CUE_WEIGHTS[knowledge_intent])
        scores: dict[Intent, float] = {}
        for intent, weights in hits.items():
            weights.sort(reverse=True)
            scores[intent] = weights[0] + SUPPORT_SHARE * sum(weights[1:3])
        slotted = " ".join(_squash_roles([ROLE if i in role_positions else t for i, t in enumerate(tokens)]))
        found = process.extractOne(slotted, self._examples, scorer=fuzz.ratio, processor=None, score_cutoff=EXAMPLE_CUTOFF)
        if found is not None:
            intent = self._example_intents[found[2]]
            scores[intent] = max(scores.get(intent, 0.0), EXAMPLE_WEIGHT * found[1] / 100.0)
            cued.add(intent)
        return scores, cued


    def explain(self, tokens: tuple[str, ...], role_positions: frozenset[int]) -> list[str]:
        """For /debug: each cue that matched and the nearest example phrasing, by intent."""
        lines = [
            f"cue {intent.value}: {' ... '.join(' '.join(part) for part in cue.parts)} ({cue.weight:g})"
            for start, token in enumerate(tokens) for intent, cue in self._cues.get(token, ())
            if _cue_at(cue, tokens, start, role_positions)
        ]
        lines += [
            f"knowledge word {intent.value}: {token}" for i, token in enumerate(tokens)
            if (intent := self.knowledge_cues.get(token)) is not None and i not in role_positions
        ]
        slotted = " ".join(_squash_roles([ROLE if i in role_positions else t for i, t in enumerate(tokens)]))
        found = process.extractOne(slotted, self._examples, scorer=fuzz.ratio, processor=None, score_cutoff=EXAMPLE_CUTOFF)
        if found is not None:
            lines.append(f"example {self._example_intents[found[2]].value}: {found[0]!r} ({found[1]:.0f}%)")
        return lines


def _squash_roles(tokens: list[str]) -> list[str]:
    """Collapse runs of ROLE into one, so a three-word title compares like a one-word one."""
    out: list[str] = []
    for token in tokens:
        if token == ROLE and out and out[-1] == ROLE:
            continue
        out.append(token)
    return out


def _cue_at(cue: Cue, tokens: tuple[str, ...], start: int, skip: frozenset[int]) -> bool:
    """Whether `cue` matches `tokens` at `start`, its parts at most MAX_GAP words apart.

    Words of a role name (`skip`) do not count towards the gap: "how much do machine learning
    software engineers make" has the same gap as "how much do they make".
    """
    first = cue.parts[0]
    if tokens[start : start + len(first)] != first or any(i in skip for i in range(start, start + len(first))):
        return False  # a role's own words ("Marketing Manager") are no cue ("job market")
    position = start + len(first)
    for part in cue.parts[1:]:
        gap = 0
        while position < len(tokens) and tokens[position : position + len(part)] != part:
            gap += position not in skip
            position += 1
            if gap > MAX_GAP:
                return False
        if position >= len(tokens) or any(i in skip for i in range(position, position + len(part))):
            return False
        position += len(part)
    return True
