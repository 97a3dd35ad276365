"""Question shapes: small facts about a sentence's form that words alone do not give.

"I have a degree" states a situation while "how do I get a degree?" asks; "what is deep
learning?" asks for a definition, not for a role's skills; "step two" names a step by number.
Pure functions over normalised tokens (and, where the ending matters, the typed words).
"""

from __future__ import annotations

import re

from .wordlists import Vocabulary

#: Stands for the last step of whichever path is discussed.
LAST_STEP = -1
#: Where one clause of a message ends and another may begin.
CLAUSE_END = re.compile(r"[.!?;,]+")
#: The space after a sentence, where the next one begins.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def final_question(text: str) -> str | None:
    """The question a message ends with after telling something first ("I left college after a
    year. Is a degree required?"): its last sentence, when that ends with a question mark and
    follows sentences that ask nothing."""
    *told, last = SENTENCE_END.split(text.strip())
    return last if told and last.endswith("?") and not any("?" in sentence for sentence in told) else None


def is_statement(tokens: tuple[str, ...], v: Vocabulary) -> bool:
    """Whether the person says something about themselves ("I have a degree", "my portfolio is
    ready", "just graduated") rather than only asking ("how do I become one?")."""
    tokens = _without_fillers(tokens, v)  # "ok got my degree", "so I finished"
    if not tokens or tokens[0] in v.question_verbs | v.question_openers:
        return False  # "which classes I ought to pick": a question
    if tokens[0] in v.possessive and tokens[1:2] and tokens[1] in v.others:
        return False  # "my niece hopes to be ...": about someone else
    if v.wondering.intersection(tokens):
        return False  # "I was wondering whether a degree is needed": a question in disguise
    return (
        tokens[0] in v.statement_openers or tokens[0] in v.possessive
        or bool(v.done_words.intersection(tokens))  # "diploma and safety training all done"
        or any(t in v.speaker and (i == 0 or tokens[i - 1] not in v.question_verbs) for i, t in enumerate(tokens))
    )


def asks(tokens: tuple[str, ...], v: Vocabulary) -> bool:
    """Whether a clause opens with a question or a request ("how do I ...", "tell me ...")."""
    tokens = _without_fillers(tokens, v)
    return bool(tokens) and tokens[0] in v.question_verbs | v.question_openers | v.requests


def _without_fillers(tokens: tuple[str, ...], v: Vocabulary) -> tuple[str, ...]:
    while tokens and tokens[0] in v.leading_fillers:
        tokens = tokens[1:]
    return tokens


def is_progressive(surfaces: tuple[str, ...], v: Vocabulary) -> bool:
    """Whether an activity is under way: "I am studying", "currently learning", "a freshman"."""
    return bool(v.under_way.intersection(surfaces)) or any(
        word.endswith(tuple(v.progressive_ending)) and i > 0 and surfaces[i - 1] in v.progressive_leads for i, word in enumerate(surfaces)
    )


def is_being_now(tokens: tuple[str, ...], v: Vocabulary) -> bool:
    """Whether the person says what they do now ("I work as an apprentice", "I'm in nursing
    school") rather than what they have done ("I've worked two seasons as one"): the step that
    names it is under way, not done."""
    if v.past_markers.intersection(tokens) or v.done_words.intersection(tokens):
        return False
    return any(
        t in v.job_words and tokens[i + 1 : i + 2] and tokens[i + 1] in v.as_words and tokens[i + 2 : i + 3]
        and tokens[i + 2] in v.articles
        for i, t in enumerate(tokens)
    ) or bool(_phrases_at(tokens, v.study_places))


def steps_done(tokens: tuple[str, ...], v: Vocabulary) -> int | None:
    """How many steps a person says they have done: "finished step one" (1), "I've done the first
    two steps" (2). Such a number places the person; it does not ask for that step."""
    if not v.done_words.intersection(tokens) or v.beginner.intersection(tokens):
        return None  # "total novice here, where to begin?" has done nothing
    number = step_number(tokens, v)
    return number if number and number != LAST_STEP else None


def step_number(tokens: tuple[str, ...], v: Vocabulary) -> int | None:
    """The step a person asks for by number: "step 3", "step three", "the third step", "the last
    one" (LAST_STEP, which the dialogue reads as the path's length)."""
    if v.last_words.intersection(tokens) and v.step_heads.intersection(tokens):
        return LAST_STEP
    numbers = v.numbers
    for i, token in enumerate(tokens):
        if token not in v.step_words:
            continue
        after = tokens[i + 1 : i + 2]
        if after and after[0] in numbers and not v.not_a_number.intersection(tokens[i + 2 : i + 3]):
            return numbers[after[0]]
        before = tokens[i - 1 : i] if i else ()
        if before and before[0] in numbers:
            return numbers[before[0]]
    return None


def asks_about_concept(tokens: tuple[str, ...], v: Vocabulary) -> bool:
    """Whether the question asks what something is or how to do something with it ("what is deep
    learning?", "explain gradient descent", "how do I sort a list in python"): study or
    tooling help, not career facts. Only consulted when no career cue was found."""
    return bool(v.meaning_words.intersection(tokens)) or any(tokens[: len(o)] == o for o in v.concept_openings)


def refers_to_other(tokens: tuple[str, ...], v: Vocabulary) -> bool:
    """ "the other one", "and the other role?": the role discussed before the current one."""
    return any(
        t in v.other_words and (i + 1 == len(tokens) or tokens[i + 1] in v.other_heads) for i, t in enumerate(tokens)
    )


def _after_articles(tokens: tuple[str, ...], j: int, v: Vocabulary) -> int | None:
    while j < len(tokens) and tokens[j] in v.articles:
        j += 1
    return j if j < len(tokens) else None


def target_position(tokens: tuple[str, ...], v: Vocabulary) -> int | None:
    """Where the role a person wants to reach is named: after "become", "into" or "to be"
    ("I'm a teacher and want to become a data scientist")."""
    for i, end in _phrases_at(tokens, v.goal_leads):
        found = _after_articles(tokens, end, v)
        if found is not None:
            return found
    return None


def _phrases_at(tokens: tuple[str, ...], phrases: frozenset[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Where any of `phrases` stands in `tokens`, as (start, end) pairs in order."""
    lengths = sorted({len(p) for p in phrases})
    return [(i, i + n) for i in range(len(tokens)) for n in lengths if tokens[i : i + n] in phrases]


def become_target(tokens: tuple[str, ...], v: Vocabulary) -> int | None:
    """Where the thing to become stands ("become a better person" -> the index of "better")."""
    for i, token in enumerate(tokens):
        if token in v.become_words:
            return _after_articles(tokens, i + 1, v)
    return None


def works_as(tokens: tuple[str, ...], first: int, v: Vocabulary, name: frozenset[int] = frozenset()) -> bool:
    """ "I've spent three years working as a paramedic": already in the role itself (but not "I'd
    like to work as one someday")."""
    if v.wishes.intersection(tokens):
        return False
    lead = first
    while lead > 0 and tokens[lead - 1] in v.levels:  # "as a junior ..."
        lead -= 1
    if lead > 0 and tokens[lead - 1] in v.being:  # "I am one now", "been one for years"
        return True
    outside = {t for i, t in enumerate(tokens) if i not in name}  # "UX" expands to "user experience"
    return lead > 0 and tokens[lead - 1] in v.as_words and bool(v.holds_as & outside)


def holds_job(tokens: tuple[str, ...], v: Vocabulary) -> bool:
    """ "I've had a job in the field for a year": already employed in it (but not "I want a job
    there" or "I lost my job")."""
    present = set(tokens)
    return bool(v.job_words & present) and bool(v.holding & present) and not (v.wishes | v.not_holding) & present


def phrase(surfaces: tuple[str, ...], positions: frozenset[int]) -> str | None:
    """The words a person typed at `positions`, each once ("ML" expands to two tokens)."""
    if not positions:
        return None
    picked: list[str] = []
    for i in sorted(positions):
        if not picked or i == 0 or surfaces[i] != surfaces[i - 1]:
            picked.append(surfaces[i])
    return " ".join(picked)


def is_number(token: str) -> bool:
    """ "4", "2nd", "1.5": numbers say how many or which, never what about."""
    return token[:1].isdigit()
