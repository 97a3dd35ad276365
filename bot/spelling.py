"""Spelling correction of typed words against every word the data spells.

People type "salry", "responsibilites" and "learnign"; a correction must fix those without
turning real words into other ones ("electricity" is not "electrician", "play" is not "pay").
Corrections are made on words as typed, before stemming, with rapidfuzz's optimal string
alignment distance (`processor=None`, `score_cutoff`), and cached: a word is corrected once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .intents import Lexicon
from .knowledge import KnowledgeBase, Role
from .normalize import stem, words
from .wordlists import Vocabulary

#: Words this long or longer are corrected to the nearest known word ("salry" -> "salary").
MIN_TYPO_LENGTH = 5
#: Shorter words (three or four letters) are corrected only to filler words, by one letter
#: added or swapped.
SHORT_TYPO_LENGTH = 3
#: Words this long may be two edits (insertions, deletions, swaps) off; shorter ones one.
LONG_WORD = 8


@dataclass(frozen=True)
class _Choices:
    """What a correction is chosen from (see `Speller`)."""

    spelled: frozenset[str]
    title_only: frozenset[str]  # words only O*NET titles spell
    typo: tuple[str, ...]  # words of four letters or more
    short: tuple[str, ...]  # filler words of two to five letters


class Speller:
    """Built once per knowledge base from the words it and the intents spell.

    The words to correct to are gathered on the first word that needs correcting: most
    questions have none, and a one-shot `careerbot ask` should not pay for folding every
    title and page text (about 20 ms with every O*NET occupation) to answer one of them.
    """

    def __init__(
        self, spelled: Callable[[], frozenset[str]], lexicon: Lexicon, known_tokens: frozenset[str], vocabulary: Vocabulary,
        titles: Callable[[], frozenset[str]] = frozenset,
    ) -> None:
        """`spelled` and `titles` give the words (called once, when first needed); `titles` are
        words only O*NET's titles spell: a word is corrected to one of them only one edit away
        ("sonograper"), never two ("coordinates" is no "coordinators")."""
        self._spelled = spelled
        self._titles = titles
        self.lexicon = lexicon
        self.suffixes = vocabulary.typo_suffixes
        #: Longest first, so "ing" is tried before "s".
        self.inflections = sorted(vocabulary.inflections, key=len, reverse=True)
        self._known = known_tokens
        self.correct: Callable[[str], str] = lru_cache(maxsize=8192)(self._correct)

    @cached_property
    def _choices(self) -> _Choices:
        titles, spelled = self._titles(), self._spelled()
        every = spelled | titles
        return _Choices(
            spelled=every,
            title_only=titles - spelled,
            typo=tuple(sorted(w for w in every if len(w) >= MIN_TYPO_LENGTH - 1 and w.isalpha())),
            short=tuple(sorted(
                w for w in every if 2 <= len(w) <= MIN_TYPO_LENGTH and stem(w) in self.lexicon.function_words
            )),
        )

    @property
    def spelled(self) -> frozenset[str]:
        """Every word the data spells: never corrected."""
        return self._choices.spelled

    @property
    def typo_choices(self) -> tuple[str, ...]:
        """The words a typo of five letters or more may be corrected to, sorted."""
        return self._choices.typo

    def _real(self, word: str) -> bool:
        """Whether `word`, or the word it inflects ("hiking" -> "hike"), is a real English word."""
        real = self.lexicon.real_words
        if word in real:
            return True
        for ending in self.inflections:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                base = word[: -len(ending)]
                if base in real or base + "e" in real or (len(base) > 2 and base[-1] == base[-2] and base[:-1] in real):
                    return True
        return False

    def _correct(self, word: str) -> str:
        """The known word nearest to an unknown typed word, if it is close enough; else the word.

        Corrections are made on words as typed ("learnign" -> "learning"), one edit for words of
        five to seven letters and two for longer ones, and only to a word with the same first
        letter that also ends like it, swaps its last two letters, or continues it ("becom" ->
        "become"): "electricity" is two edits from "electrician" but another word.
        """
        if len(word) < SHORT_TYPO_LENGTH or not word.isalpha():
            return word
        if self.lexicon.canonical(stem(word)) in self._known or self._real(word) or word in self.spelled:
            return word
        if len(word) < MIN_TYPO_LENGTH:  # a dropped or swapped letter: "ned" -> "need", "teh" -> "the";
            # a changed or extra one is too often another word ("add" is not "and", "buy" not "by")
            for candidate, _, _ in process.extract(
                word, self._choices.short, scorer=OSA.distance, processor=None, score_cutoff=1, limit=5
            ):
                if candidate[0] == word[0] and (len(candidate) > len(word) or sorted(candidate) == sorted(word)):
                    return candidate
            return word
        edits = 1 if len(word) < LONG_WORD else 2
        near = [
            c for c, distance, _ in process.extract(
                word, self.typo_choices, scorer=OSA.distance, processor=None, score_cutoff=edits, limit=5
            )
            if c[0] == word[0] and not (c.startswith(word) and stem(c) in self.lexicon.occupations)
            and (distance <= 1 or c not in self._choices.title_only)
        ]  # "write" is a word, not a typo of "writer"
        for candidate in near:
            if _same_ending(candidate, word, self.suffixes):
                return candidate
        for candidate in near:  # a long word whose first four letters agree may differ at its end ("architech")
            if len(word) >= LONG_WORD and candidate[:4] == word[:4] and stem(candidate) not in self.lexicon.occupations:
                return candidate  # but "published" is no "publisher"
        return word


def _same_ending(candidate: str, word: str, suffixes: frozenset[str]) -> bool:
    """Whether a correction keeps the word's ending (as typed or once stemmed: "electricans" ->
    "electrician"), swaps its last two letters, or only continues or shortens it."""
    if stem(candidate)[-1] == stem(word)[-1]:
        return True
    return (
        candidate[-1] == word[-1]
        or candidate[-2:] == word[-2:][::-1]
        or candidate.startswith(word)
        or (word.startswith(candidate) and word[len(candidate):] in suffixes)
    )


def knowledge_words(knowledge: KnowledgeBase) -> frozenset[str]:
    """Every word the roles' texts spell, folded, so typos of them can be corrected. Not the 56k
    alternate titles: "arrange" would become "arranger", "reminded" "refined"."""
    return frozenset(w for role in knowledge.roles for text in role_texts(role) for w in words(text))


def title_words(knowledge: KnowledgeBase) -> frozenset[str]:
    """The words of O*NET occupations' titles (names only: see `role_texts`)."""
    return frozenset(w for role in knowledge.roles if role.kind != "page" for w in words(role.title))


def role_texts(role: Role) -> tuple[str, ...]:
    """A role's texts whose words the bot knows. An O*NET occupation's title and 50-odd alternate
    titles are names only (bot/names.py): as known words they would make "timer", "oil" or
    "bill" career talk."""
    steps = tuple(part for step in role.path for part in (step.title, step.detail))
    names = (role.title, *role.aliases) if role.kind == "page" else ()
    return (*names, role.summary, *role.responsibilities, *role.skills, *steps)
