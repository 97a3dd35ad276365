"""Small talk around a question: greetings, thanks, apologies and framing that ask nothing.

"hi, quick question: what do they earn? thanks!" asks the pay. The phrases are data
(intents/small_talk.yaml); this module only finds where they could be cut off, and the matcher
asks the rules whether the part it would drop is small talk alone before dropping it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

#: Marks that end an opener's clause ("sorry to bother you, ...", "quick q: ...").
_CLAUSE_MARK = r"(?:[,:;!?.]|\s[\u2013\u2014-])"
#: At most this many characters between an opener and the end of its clause.
MAX_OPENER_CLAUSE = 60


def _phrase(text: str) -> str:
    """A phrase as a pattern: its words in order, any run of non-letters between them, an
    apostrophe optional ("i'd" is also "id")."""
    return r"[\W_]+".join(re.escape(w).replace("'", "'?") for w in text.casefold().split())


def _either(phrases: Iterable[str]) -> str:
    return "|".join(sorted(map(_phrase, phrases), key=len, reverse=True)) or r"(?!x)x"


class SmallTalk:
    """Openers and closers compiled once; `cuts` is called per message."""

    def __init__(self, openers: Iterable[str], closers: Iterable[str], joiners: Iterable[str] = ()) -> None:
        heads, tails, joins = _either(openers), _either(closers), _either(joiners)
        self._patterns = (
            re.compile(
                rf"^[\W_]*(?:{heads})\b[^,:;!?.\n]{{0,{MAX_OPENER_CLAUSE}}}?{_CLAUSE_MARK}+[\W_]*(?:(?:{joins})\b[\W_]*)?",
                re.I,
            ),
            re.compile(rf"^[\W_]*(?:{heads})\b[\W_]*", re.I),
        )
        self._closer = re.compile(rf"(?:^|[\W_]+)(?:{tails})[\W_]*$", re.I)

    def cuts(self, text: str) -> Iterator[tuple[str, str, bool]]:
        """Where small talk could be cut off: (the part dropped, the part kept, whether the cut
        is at a clear boundary: a mark such as a comma after an opener, or the end of the message
        before a closer), the opener with
        its whole clause first (with a joiner after it: "sorry to bother you, but ..."), then the
        opener alone, then a closer. The kept part always holds a word."""
        for pattern, marked in zip(self._patterns, (True, False)):
            hit = pattern.match(text)
            if hit and _asks(text[hit.end():]):
                yield hit.group(), text[hit.end():], marked
        tail = self._closer.search(text)
        if tail and _asks(text[: tail.start()]):
            yield tail.group(), text[: tail.start()] + ("?" if "?" in tail.group() else ""), True


def _asks(rest: str) -> bool:
    return any(c.isalnum() for c in rest)
