"""Question shapes: small facts about a sentence's form that words alone do not give.

"I have a degree" states a situation while "how do I get a degree?" asks; "what is deep
learning?" asks for a definition, not for a role's skills; "step two" names a step by number.
Pure functions over normalised tokens (and, where the ending matters, the typed words).
"""

from __future__ import annotations

import re

from .normalize import stem

#: Words that, before "I", make a question rather than a statement ("how do I ...").
QUESTION_VERBS = frozenset(
    {"do", "doe", "did", "can", "could", "should", "would", "will", "shall", "must", "may", "might",
     "how", "what", "where", "when", "why", "which"}
)
#: Acknowledgements a statement may open with.
LEADING_FILLERS = frozenset({"ok", "okay", "so", "well", "alright", "yes", "yeah", "yep", "right", "cool", "great", "and", "hmm"})
#: Words that turn "I was ..." into a question.
WONDERING = frozenset({"wonder", "wondering", "curious", "ask"})
#: Words that open a question whatever follows.
QUESTION_OPENERS = frozenset({"who", "is", "are", "doe", "was", "were"})
#: People a speaker may ask for ("my son wants to be ..."): not a statement about the speaker.
OTHERS = frozenset({"son", "daughter", "kid", "child", "friend", "brother", "sister", "wife", "husband", "partner", "mom", "dad", "mother", "father", "nephew", "niece", "student"})
#: Stems that open a statement with the "I" left out ("just graduated", "built a portfolio").
STATEMENT_OPENERS = frozenset(
    {"just", "already", "finish", "complet", "built", "got", "don", "graduat", "pass", "learn", "currently", "still"}
)
#: Words before an -ing word that make it an activity under way ("I'm studying ...").
PROGRESSIVE_LEADS = frozenset({"am", "are", "currently", "still", "now"})
#: Words (as typed) that say the person is in the middle of something: a student is studying.
UNDER_WAY = frozenset({"student", "students", "freshman", "sophomore", "undergrad", "undergraduate", "studying", "enrolled"})
#: Stands for the last step of whichever path is discussed.
LAST_STEP = -1
#: Words saying the person is just beginning.
BEGINNER = frozenset({"beginner", "newbie", "novice", "scratch"})
#: Words saying a step is finished.
DONE_WORDS = frozenset({"finish", "complet", "don", "done", "did", "passed", "pass"})
#: Words after "2" that make it "to" in text-speak ("steps 2 become one").
NOT_A_NUMBER = frozenset({("be",), ("becom",), ("get",), ("start",), ("work",), ("do",), ("learn",)})
#: Numbers and ordinals that can name a path step ("step two", "the 3rd step"), as tokens.
STEP_NUMBERS = {
    stem(word): n
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
#: Openings of a request for a definition or a how-to about a concept.
_CONCEPT_OPENINGS = (("what", "is"), ("what", "are"), ("explain",), ("defin",), ("how", "to"), ("how",))
_ARTICLES = frozenset({"a", "an", "the"})


def is_statement(tokens: tuple[str, ...]) -> bool:
    """Whether the person says something about themselves ("I have a degree", "my portfolio is
    ready", "just graduated") rather than only asking ("how do I become one?")."""
    while tokens and tokens[0] in LEADING_FILLERS:  # "ok got my degree", "so I finished"
        tokens = tokens[1:]
    if not tokens or tokens[0] in QUESTION_VERBS | QUESTION_OPENERS:
        return False  # "what skill I need", "which courses I should take": questions
    if tokens[0] == "my" and tokens[1:2] and tokens[1] in OTHERS:
        return False  # "my son wants to be ...": about someone else
    if WONDERING.intersection(tokens):
        return False  # "I was wondering whether a degree is needed": a question in disguise
    return (
        tokens[0] in STATEMENT_OPENERS or tokens[0] == "my"
        or any(t == "i" and (i == 0 or tokens[i - 1] not in QUESTION_VERBS) for i, t in enumerate(tokens))
    )


def is_progressive(surfaces: tuple[str, ...]) -> bool:
    """Whether an activity is under way: "I am studying", "currently learning", "a freshman"."""
    return bool(UNDER_WAY.intersection(surfaces)) or any(
        word.endswith("ing") and i > 0 and surfaces[i - 1] in PROGRESSIVE_LEADS for i, word in enumerate(surfaces)
    )


def steps_done(tokens: tuple[str, ...]) -> int | None:
    """How many steps a person says they have done: "finished step one" (1), "I've done the first
    two steps" (2). Such a number places the person; it does not ask for that step."""
    if not DONE_WORDS.intersection(tokens) or BEGINNER.intersection(tokens):
        return None  # "a complete beginner, what's my first step?" has done nothing
    number = step_number(tokens)
    return number if number and number != LAST_STEP else None


def step_number(tokens: tuple[str, ...]) -> int | None:
    """The step a person asks for by number: "step 3", "step three", "the third step", "the last
    one" (LAST_STEP, which the dialogue reads as the path's length)."""
    if ("last" in tokens or "final" in tokens) and ({"step", "one"} & set(tokens)):
        return LAST_STEP
    for i, token in enumerate(tokens):
        if token != "step":
            continue
        after = tokens[i + 1 : i + 2]
        if after and after[0] in STEP_NUMBERS and tokens[i + 2 : i + 3] not in NOT_A_NUMBER:
            return STEP_NUMBERS[after[0]]
        before = tokens[i - 1 : i] if i else ()
        if before and before[0] in STEP_NUMBERS:
            return STEP_NUMBERS[before[0]]
    return None


def asks_about_concept(tokens: tuple[str, ...]) -> bool:
    """Whether the question asks what something is or how to do something with it ("what is deep
    learning?", "explain dimensionality reduction", "how do I train a model in python"): study or
    tooling help, not career facts. Only consulted when no career cue was found."""
    return "mean" in tokens or "meaning" in tokens or any(tokens[: len(o)] == o for o in _CONCEPT_OPENINGS)


def refers_to_other(tokens: tuple[str, ...]) -> bool:
    """ "the other one", "and the other role?": the role discussed before the current one."""
    return any(t == "other" and tokens[i + 1 : i + 2] in (("one",), ("job",), ()) for i, t in enumerate(tokens))


def target_position(tokens: tuple[str, ...]) -> int | None:
    """Where the role a person wants to reach is named: after "become", "into" or "to be"
    ("I'm a software engineer and want to become a data scientist")."""
    for i, token in enumerate(tokens):
        lead = token in ("becom", "into") or (token == "be" and i > 0 and tokens[i - 1] == "to")
        if lead:
            j = i + 1
            while j < len(tokens) and tokens[j] in _ARTICLES:
                j += 1
            if j < len(tokens):
                return j
    return None


def become_target(tokens: tuple[str, ...]) -> int | None:
    """Where the thing to become stands ("become a better person" -> the index of "better")."""
    for i, token in enumerate(tokens):
        if token == "becom":
            j = i + 1
            while j < len(tokens) and tokens[j] in _ARTICLES:
                j += 1
            return j if j < len(tokens) else None
    return None


#: Words after which, and before which, an unknown word is probably a role's name.
SLOT_BEFORE = frozenset({"doe", "becom", "as"})
ARTICLES = frozenset({"a", "an"})
SLOT_AFTER = frozenset({"salary", "earn", "make", "do", "job"})
#: Words between "as"/"am" and a role that say its level, not another role.
LEVELS = frozenset({"a", "an", "junior", "senior", "lead", "entry", "level", "principal", "staff"})
#: Words of wanting, not having: "I hope to work as ..." is not working as it.
WISHES = frozenset({"want", "like", "hope", "wish", "dream", "someday", "plan", "aspir", "would", "goal", "wanna"})

#: Words that, with "job", say the person holds one now.
HOLDING = frozenset({"been", "got", "employ", "hired", "hir", "have", "had"})
#: Words that, with "as a <role>", say the person already is one ("licensed as a speech therapist").
HOLDS_AS = frozenset({"job", "year", "experienc", "employ", "licens", "certify", "qualify"})
#: Words that say the job is not (or no longer) held.
NOT_HOLDING = frozenset({"no", "not", "lost", "quit", "left", "fir", "fired", "unemploy", "look", "seek", "search"})
#: Where one clause of a message ends and another may begin.
CLAUSE_END = re.compile(r"[.!?;,]+")
#: A message made only of these words says yes to what the bot offered.
AFFIRMATIONS = frozenset({"yes", "yeah", "yep", "yup", "sure", "ok", "okay", "correct", "right", "that", "one", "pleas", "exactly"})
#: A message made only of these words is a greeting ("morning!", "good evening all").
GREETING_ALONE = frozenset(stem(w) for w in ("morning", "evening", "afternoon", "good", "all", "everyone", "there", "folks"))
#: A message made only of these words walks on along the path ("then?", "ok and next?").
CONTINUATIONS = frozenset({"then", "next", "and", "so", "ok", "okay", "what", "after", "that", "pleas", "now", "the", "one", "is"})

#: Pronouns that can follow "become" without naming anything new ("how do I become one?").
BECOME_PRONOUNS = frozenset({"one", "it", "this", "that", "such", "someon", "them"})
#: Words asking for the path from its beginning ("where do I start?").
START_WORDS = frozenset({"start", "first", "begin", "beginn"})

def works_as(tokens: tuple[str, ...], first: int, name: frozenset[int] = frozenset()) -> bool:
    """ "I've been working as an ML engineer for 3 years": already in the role itself (but not
    "I'd like to work as an ML engineer someday")."""
    if WISHES.intersection(tokens):
        return False
    lead = first
    while lead > 0 and tokens[lead - 1] in LEVELS:  # "as a junior ML engineer"
        lead -= 1
    if lead > 0 and tokens[lead - 1] in ("am", "been"):  # "I am an ML engineer now", "been an ML eng"
        return True
    outside = {t for i, t in enumerate(tokens) if i not in name}  # "UX" expands to "user experience"
    return lead > 0 and tokens[lead - 1] == "as" and bool(HOLDS_AS & outside)


def holds_job(tokens: tuple[str, ...]) -> bool:
    """ "I've been working in ML for a year", "I just got my first ML job": already employed in the
    field (but not "I want a job in ML" or "I lost my job")."""
    return (
        "job" in tokens
        and bool(HOLDING & set(tokens))
        and not (WISHES | NOT_HOLDING) & set(tokens)
    )


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
