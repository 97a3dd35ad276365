"""The matcher: from a question's text to an intent, the roles it names and scores.

Built once per knowledge base: every choice (cue, example, role name, vocabulary word) is
normalised at load, so a question costs one normalisation, a few dict lookups and rapidfuzz
calls with `processor=None` and a `score_cutoff`. Scores are 0-1; `Match.intent` is None when
nothing in the text asks for anything (a bare role name, or something off-topic).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .intents import Cue, IntentData
from .knowledge import KnowledgeBase
from .pathfinder import PathPlacer, Placement
from .reply import ROLE_INTENTS, Intent
from .roles import RoleFinder, RoleMention

#: A cue's parts may be this many words apart ("how much ... make").
MAX_GAP = 4
#: Share of the strongest other cue added to the strongest cue of an intent.
SUPPORT_SHARE = 0.25
#: Intent score needed to answer at all; below it the question is out of scope.
MIN_INTENT_SCORE = 0.5
#: Example phrasings count only from this rapidfuzz similarity (0-100) up.
EXAMPLE_CUTOFF = 82.0
#: Words this long or longer are corrected to the nearest known word ("salry" -> "salary");
#: shorter ones are too often other real words ("play" is not "pay").
MIN_TYPO_LENGTH = 5
#: Words this long may be two edits (insertions, deletions, swaps) off; shorter ones one.
LONG_WORD = 8
#: Knowledge words add this much to their intent: skills are specific ("PyTorch"), duty words less so.
KNOWLEDGE_CUE_WEIGHTS = {Intent.SKILLS: 0.6, Intent.RESPONSIBILITIES: 0.45}
#: First-person statements that place the person on the path add this much to next_step.
PLACEMENT_BOOST = 0.8
#: Asking for a numbered step ("what's step two?") is a next_step question this strongly.
STEP_NUMBER_SCORE = 1.1
#: Words that, before "I", make a question rather than a statement ("how do I ...").
QUESTION_VERBS = frozenset({"do", "doe", "did", "can", "could", "should", "would", "will", "shall", "must", "may", "might"})
#: Words after which, and before which, an unknown word is probably a role's name.
SLOT_BEFORE = frozenset({"doe", "becom", "as"})
ARTICLES = frozenset({"a", "an"})
SLOT_AFTER = frozenset({"salary", "earn", "make", "do", "job"})
#: Numbers and ordinals that can name a path step ("step two", "the 3rd step").
STEP_NUMBERS = {
    word: n
    for n, words in enumerate(
        (
            ("1", "one", "first", "1st"), ("2", "two", "second", "2nd"), ("3", "three", "third", "3rd"),
            ("4", "four", "fourth", "4th"), ("5", "five", "fifth", "5th"), ("6", "six", "sixth", "6th"),
            ("7", "seven", "seventh", "7th"), ("8", "eight", "eighth", "8th"), ("9", "nine", "ninth", "9th"),
        ),
        start=1,
    )
    for word in words
}
#: Words asking for the path from its beginning ("where do I start?").
START_WORDS = frozenset({"start", "first", "begin", "beginn"})


@dataclass(frozen=True)
class Match:
    """What the matcher understood of one message, before the conversation's context."""

    intent: Intent | None
    confidence: float
    roles: tuple[str, ...] = ()
    unknown_role: str | None = None
    placement: Placement | None = None
    scores: tuple[tuple[Intent, float], ...] = ()
    off_topic: bool = False
    from_start: bool = False
    step_number: int | None = None


class Matcher:
    """Scores questions against the intent data and the roles of one knowledge base."""

    def __init__(self, knowledge: KnowledgeBase, intents: IntentData) -> None:
        self.lexicon = intents.lexicon
        self.roles = RoleFinder(knowledge, self.lexicon)
        self.placer = PathPlacer(knowledge, self.lexicon)
        self._cues: dict[str, list[tuple[Intent, Cue]]] = defaultdict(list)
        for spec in intents.specs:
            for cue in spec.cues:
                self._cues[cue.parts[0][0]].append((spec.intent, cue))
        self._examples: list[str] = []
        self._example_intents: list[Intent] = []
        for spec in intents.specs:
            for example in spec.examples:
                self._examples.append(" ".join(self._role_slot(self.lexicon.tokens(example))))
                self._example_intents.append(spec.intent)
        self._knowledge_cues = self._build_knowledge_cues(knowledge)
        cue_words = {w for cues in self._cues.values() for _, c in cues for part in c.parts for w in part}
        example_words = {w for e in self._examples for w in e.split()}
        self._topic_words = frozenset(
            cue_words | example_words | self.roles.vocabulary | set(self._knowledge_cues) | self.placer.vocabulary
        )
        self._known = frozenset(
            self._topic_words | self.lexicon.function_words | self.lexicon.domain_words
            | self.lexicon.occupations | self.lexicon.off_topic_words
        )
        self._topical = frozenset(
            self.lexicon.domain_words | self.lexicon.topic_words | self.roles.vocabulary
            | set(self._knowledge_cues)
        )
        # Typos are corrected towards words that matter for answering, never towards an occupation
        # or another domain's word ("football" must not become "footballer").
        self._typo_choices = sorted(
            w for w in self._topic_words | self.lexicon.domain_words | self.lexicon.function_words
            if len(w) >= MIN_TYPO_LENGTH - 1 and w.isalpha()
        )
        self._correct = lru_cache(maxsize=8192)(self._correct_uncached)

    def _build_knowledge_cues(self, knowledge: KnowledgeBase) -> dict[str, Intent]:
        """Content words of responsibilities and skills, so "do they design algorithms?" is a duty."""
        cues: dict[str, Intent] = {}
        stop = self.lexicon.function_words | self.lexicon.domain_words
        for role in knowledge.roles:
            for intent, texts in ((Intent.RESPONSIBILITIES, role.responsibilities), (Intent.SKILLS, role.skills)):
                for text in texts:
                    for token in self.lexicon.tokens(text):
                        if token not in stop and len(token) > 2 and token not in self.roles.vocabulary:
                            cues.setdefault(token, intent)
        return cues

    def _correct_uncached(self, token: str) -> str:
        """The known word nearest to an unknown one, if it is close enough; else the word."""
        if token in self._known or len(token) < MIN_TYPO_LENGTH or not token.isalpha():
            return token
        edits = 1 if len(token) < LONG_WORD else 2
        found = process.extractOne(token, self._typo_choices, scorer=OSA.distance, processor=None, score_cutoff=edits)
        if found is None or found[0][0] != token[0]:
            return token
        return self.lexicon.canonical(found[0])

    def _role_slot(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """Tokens with the literal ROLE placeholder kept as one token (examples use it)."""
        return tuple("ROLE" if t == "role" else t for t in tokens)

    def match(self, text: str, context_role: str | None = None) -> Match:
        """Understand one message; `context_role` is the role the conversation is about."""
        raw, surfaces = self.lexicon.analyse(text)
        tokens = tuple(self._correct(t) for t in raw)
        if not tokens:
            return Match(intent=None, confidence=0.0, off_topic=True)
        mention = self.roles.find(tokens)
        scores = self._cue_scores(tokens, mention)
        role_for_path = mention.roles[0] if mention.roles else context_role or self.roles.only_role
        statement = tuple(t for i, t in enumerate(tokens) if i not in mention.positions)
        placement = self.placer.place(role_for_path, statement) if role_for_path else None
        if placement is not None and _is_statement(tokens):
            scores[Intent.NEXT_STEP] = scores.get(Intent.NEXT_STEP, 0.0) + PLACEMENT_BOOST
        if _step_number(tokens) is not None:
            scores[Intent.NEXT_STEP] = max(scores.get(Intent.NEXT_STEP, 0.0), STEP_NUMBER_SCORE)
        self._example_scores(tokens, mention, scores)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0].value))
        best: Intent | None = ranked[0][0] if ranked else None
        best_score = ranked[0][1] if ranked else 0.0
        content = [i for i, t in enumerate(tokens) if t not in self.lexicon.function_words]
        unexplained = [i for i in content if tokens[i] not in self._known and i not in mention.positions]
        unknown = mention.unknown_positions or (
            self._unknown_slot(tokens, unexplained) if best in ROLE_INTENTS and not mention.roles else frozenset()
        )
        unexplained = [i for i in unexplained if i not in unknown]
        in_context = context_role is not None or self.roles.only_role is not None
        off_topic = not mention.roles and self._off_topic(tokens, content, unexplained, bool(unknown), best, in_context)
        confidence = min(1.0, best_score)
        if content:
            confidence *= 1.0 - 0.5 * len(unexplained) / len(content)
        if off_topic or best_score < MIN_INTENT_SCORE:
            best = None
        return Match(
            intent=best,
            confidence=round(confidence, 3),
            roles=mention.roles,
            unknown_role=None if off_topic else _phrase(surfaces, unknown),
            placement=placement,
            scores=tuple(ranked[:4]),
            off_topic=off_topic,
            from_start=bool(START_WORDS.intersection(tokens)),
            step_number=_step_number(tokens),
        )

    def _off_topic(
        self,
        tokens: tuple[str, ...],
        content: list[int],
        unexplained: list[int],
        names_unknown_role: bool,
        best: Intent | None,
        in_context: bool,
    ) -> bool:
        """Whether a question that names no known role is about something else entirely.

        It is when it leans on another domain's words, when words the bot does not know
        outweigh the ones it does, or when a role question has nothing career-like in it and no
        role in context ("when is the next break?").
        """
        if self.lexicon.off_topic_words.intersection(tokens):
            return True
        explained = len(content) - len(unexplained)
        topical = names_unknown_role or any(tokens[i] in self._topical for i in content)
        if unexplained and (not topical or len(unexplained) >= explained):
            return True
        return best in ROLE_INTENTS and not topical and not in_context

    def _unknown_slot(self, tokens: tuple[str, ...], unexplained: list[int]) -> frozenset[int]:
        """The one unknown word, when it stands where a role name would ("how much does radiohead earn")."""
        if len(unexplained) != 1:
            return frozenset()
        for i in unexplained:
            before = tokens[i - 1] if i > 0 else ""
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if before in SLOT_BEFORE or (before in ARTICLES and after in SLOT_AFTER):
                return frozenset({i})
        return frozenset()

    def _cue_scores(self, tokens: tuple[str, ...], mention: RoleMention) -> dict[Intent, float]:
        """Strongest cue per intent plus a share of its other cues, knowledge words included."""
        hits: dict[Intent, list[float]] = defaultdict(list)
        for start, token in enumerate(tokens):
            for intent, cue in self._cues.get(token, ()):
                if _cue_at(cue, tokens, start, mention.positions):
                    hits[intent].append(cue.weight)
        for position, token in enumerate(tokens):
            knowledge_intent = self._knowledge_cues.get(token)
            if knowledge_intent is not None and position not in mention.positions:
                hits[knowledge_intent].append(KNOWLEDGE_CUE_WEIGHTS[knowledge_intent])
        scores: dict[Intent, float] = {}
        for intent, weights in hits.items():
            weights.sort(reverse=True)
            scores[intent] = weights[0] + SUPPORT_SHARE * sum(weights[1:3])
        return scores

    def _example_scores(self, tokens: tuple[str, ...], mention: RoleMention, scores: dict[Intent, float]) -> None:
        """Raise an intent's score to its nearest example phrasing's similarity, when close."""
        slotted = " ".join(
            "ROLE" if i in mention.positions or i in mention.unknown_positions else t for i, t in enumerate(tokens)
        )
        slotted = " ".join(_squash_roles(slotted.split()))
        found = process.extractOne(
            slotted, self._examples, scorer=fuzz.ratio, processor=None, score_cutoff=EXAMPLE_CUTOFF
        )
        if found is not None:
            intent = self._example_intents[found[2]]
            scores[intent] = max(scores.get(intent, 0.0), found[1] / 100.0)


def _is_statement(tokens: tuple[str, ...]) -> bool:
    """Whether the person says something about themselves ("I have a degree", "my portfolio
    is ready") rather than only asking ("how do I become one?")."""
    return "my" in tokens or any(
        t == "i" and (i == 0 or tokens[i - 1] not in QUESTION_VERBS) for i, t in enumerate(tokens)
    )


def _step_number(tokens: tuple[str, ...]) -> int | None:
    """The step a person asks for by number: "step 3", "step three", "the third step"."""
    for i, token in enumerate(tokens):
        if token != "step":
            continue
        for neighbour in (tokens[i + 1 : i + 2], tokens[i - 1 : i] if i else ()):
            if neighbour and neighbour[0] in STEP_NUMBERS:
                return STEP_NUMBERS[neighbour[0]]
    return None


def _phrase(surfaces: tuple[str, ...], positions: frozenset[int]) -> str | None:
    """The words a person typed at `positions`, each once ("ML" expands to two tokens)."""
    if not positions:
        return None
    picked: list[str] = []
    for i in sorted(positions):
        if not picked or i == 0 or surfaces[i] != surfaces[i - 1]:
            picked.append(surfaces[i])
    return " ".join(picked)


def _squash_roles(tokens: list[str]) -> list[str]:
    """Collapse runs of ROLE into one, so a three-word title compares like a one-word one."""
    out: list[str] = []
    for token in tokens:
        if token == "ROLE" and out and out[-1] == "ROLE":
            continue
        out.append(token)
    return out


def _cue_at(cue: Cue, tokens: tuple[str, ...], start: int, skip: frozenset[int]) -> bool:
    """Whether `cue` matches `tokens` at `start`, its parts at most MAX_GAP words apart.

    Words of a role name (`skip`) do not count towards the gap: "how much do machine learning
    software engineers make" has the same gap as "how much do they make".
    """
    first = cue.parts[0]
    if tokens[start : start + len(first)] != first:
        return False
    position = start + len(first)
    for part in cue.parts[1:]:
        gap = 0
        while position < len(tokens) and tokens[position : position + len(part)] != part:
            gap += position not in skip
            position += 1
            if gap > MAX_GAP:
                return False
        if position >= len(tokens):
            return False
        position += len(part)
    return True
