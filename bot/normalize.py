"""Text normalisation, applied to both sides of every comparison (questions and intent data).

Matching is only as good as the agreement between what a person types and what the data
says, so both go through the same steps: Unicode NFKC, case-folding, contractions, punctuation,
abbreviations and a light stemmer that folds "earns", "earning" and "earned" into one token.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})

#: Contractions whose expansion changes meaning for matching ("what's next" -> "what is next").
_CONTRACTIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"\bcan't\b", "can not"),
        (r"\bwon't\b", "will not"),
        (r"\b(\w+)n't\b", r"\1 not"),
        (r"\bi'm\b", "i am"),
        (r"\b(\w+)'re\b", r"\1 are"),
        (r"\b(\w+)'ve\b", r"\1 have"),
        (r"\b(\w+)'ll\b", r"\1 will"),
        (r"\b(\w+)'d\b", r"\1 would"),
        (r"\b(what|that|it|there|who|where|how|he|she|here|when|why|which)'s\b", r"\1 is"),
        (r"\b(let)'s\b", r"\1 us"),
        (r"'s\b", ""),  # possessive: "bachelor's degree" -> "bachelor degree"
    )
)

#: A letter typed three or more times in a row: "heyyy", "thaaanks", "helloooo".
_STRETCHED = re.compile(r"([a-z])\1{2,}")
#: Terminal escape sequences in their 7-bit and 8-bit forms: CSI (`ESC [` or U+009B) with its
#: parameters; OSC, DCS, SOS, PM and APC strings up to their terminator (BEL, `ESC \\` or
#: U+009C) or the end of the text; and two-character escapes.
_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)"
    r"|\x1b[ -~]?",
    re.DOTALL,
)
#: Every other C0 and C1 control character, except newline and tab.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Pictographs (emoji, dingbats, technical symbols such as the hourglass): each is a word of its
#: own, which the lexicon may spell out ("\U0001F4B0" -> "money") and which is dropped otherwise.
_PICTOGRAPHS = "\U0001F000-\U0001FAFF\u2300-\u23FF\u2600-\u27BF\u2B00-\u2BFF"
_PICTOGRAPH = re.compile(f"[{_PICTOGRAPHS}]")
#: Anything that is not a letter, digit, pictograph or one of the few symbols with meaning here.
_NON_WORD = re.compile(f"[^\\w$%+#.{_PICTOGRAPHS}]+|_")
#: A dot that does not sit between digits ("110.5" keeps it, "salary." loses it).
_STRAY_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")


def strip_controls(text: str) -> str:
    """`text` without terminal escape sequences and control characters (newlines and tabs kept).

    The one sanitiser: questions and knowledge files are untrusted, and a raw `\\x1b[...` would
    recolour, retitle or clear a terminal, or (typed into a question) change what is understood.
    Carriage returns go too, so CRLF text ends up with plain newlines.
    """
    if text.isprintable():  # the common case: nothing to remove
        return text
    return _CONTROL.sub("", _ESCAPE.sub("", text))


def fold(text: str) -> str:
    """Escape sequences removed, NFKC, case-fold, expand contractions and drop punctuation;
    the words stay readable."""
    text = unicodedata.normalize("NFKC", strip_controls(text)).translate(_APOSTROPHES).casefold()
    text = _STRETCHED.sub(r"\1", text)
    if "'" in text:  # most questions have none: skip the contraction patterns
        for pattern, repl in _CONTRACTIONS:
            text = pattern.sub(repl, text)
    text = _NON_WORD.sub(" ", _PICTOGRAPH.sub(r" \g<0> ", text.replace("'", " ")))
    text = _STRAY_DOT.sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: folds plurals and -ing/-ed/-e endings so word forms meet.

    Deliberately crude and symmetric: it only has to map a question's word and the data's word
    to the same key, not produce a real root. Short words are left alone.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is", "ys")):
        word = word[:-1]
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ing") and len(word) > 5:
        word = _restore_e(word[:-3])
    elif word.endswith("ed") and len(word) > 4:
        word = _restore_e(word[:-2])
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def _restore_e(word: str) -> str:
    """Undo what -ing/-ed did to the root: "mak" (making) was "make", a consonant-vowel-consonant
    stub with a silent e; "debugg" (debugging) was "debug", a doubled final consonant."""
    if len(word) == 3 and word[0] not in _VOWELS and word[1] in _VOWELS and word[2] not in _VOWELS + "wxy":
        return word + "e"
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in _VOWELS + "lsz":
        return word[:-1]
    return word


_VOWELS = "aeiou"


def is_pictograph(word: str) -> bool:
    """Whether a folded word is a single pictograph (an emoji)."""
    return _PICTOGRAPH.fullmatch(word) is not None


def words(text: str) -> list[str]:
    """Folded words, before abbreviation expansion and stemming. A trailing "+" or "#" stays
    only on one-letter names ("c++", "c#"); "Security+" is the word "security"."""
    return [w if len(w) <= 3 else w.rstrip("+#") or w for w in fold(text).split()]


def tokens(text: str, expansions: Mapping[str, tuple[str, ...]] | None = None) -> tuple[str, ...]:
    """Stemmed tokens of `text`, with abbreviations expanded ("ml" -> "machine", "learn")."""
    out: list[str] = []
    for word in words(text):
        expanded = expansions.get(word) if expansions else None
        if expanded is not None:
            out.extend(expanded)
        elif not is_pictograph(word):
            out.append(stem(word))
    return tuple(out)
