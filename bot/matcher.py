"""The matcher: from a question's text to an intent, the roles it names and scores.

Built once per knowledge base: every choice (cue, example, role name, vocabulary word) is
normalised at load, so a question costs one normalisation, a few dict lookups and rapidfuzz
calls with `processor=None` and a `score_cutoff`. Scores are 0-1; `Match.intent` is None when
nothing in the text asks for anything (a bare role name, or something off-topic).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .classifier import ROLE_MASK, masked
from .cues import IntentScorer
from .intents import IntentData
from .knowledge import KnowledgeBase
from .mentions import MentionFinder, Mentions
from .normalize import strip_controls, words
from .pathfinder import PathPlacer, Placement, clauses
from .reply import ROLE_INTENTS, Intent
from .roles import RoleFinder, RoleMention
from .shapes import (
    CLAUSE_END,
    asks,
    asks_about_concept,
    become_target,
    final_question,
    holds_job,
    is_being_now,
    is_number,
    is_progressive,
    is_statement,
    phrase,
    refers_to_other,
    step_number,
    steps_done,
    target_position,
    works_as,
)
from .smalltalk import SmallTalk
from .spelling import Speller, knowledge_words, role_texts, title_words
from .wordlists import Vocabulary

#: A word typed in capitals, two to five letters (an abbreviation such as "CNA" or "RNs").
ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")
#: Intent score needed to answer at all; below it the question is out of scope.
MIN_INTENT_SCORE = 0.5
#: This many words the bot does not know, in a question naming no role, make it off-topic however
#: career-like the rest ("which university offers the best biomedical program").
MAX_UNKNOWN_WORDS = 2
#: Messages with more content words than this are judged by the share of unknown words instead.
SHORT_MESSAGE = 8
#: First-person statements that place the person on the path add this much to next_step.
PLACEMENT_BOOST = 0.9
#: A statement that places the person on the path stays on topic with at most this many words the
#: bot does not know ("I failed the licensing exam"); more ("text my project manager that I'm
#: late") is something else. Chosen on the placement set and the regression suite.
MAX_STORY_WORDS = 1
#: An unknown word this many words after an article or a role-name word may be part of a name.
NAME_REACH = 2
#: In a one-role base, a role question without career words needs a cue this strong.
ONE_ROLE_ASK = 0.8
#: A phrase cue this strong is a clear question in its own right.
CLEAR_ASK = 0.9
#: Asking for a numbered step ("what's step two?") is a next_step question this strongly.
STEP_NUMBER_SCORE = 1.5
#: A bare follow-up ("how much again?") asks of the role in context this strongly: an exact
#: pattern, which the model's doubt about so few words must not decline.
FOLLOW_UP_SCORE = 1.5
#: How far the question a story ends with is put ahead of the best score the whole message got.
TIE_MARGIN = 0.01
#: Intents about getting into a role, whose words may describe a person's situation.
PATH_INTENTS = frozenset({Intent.NEXT_STEP, Intent.CAREER_PATH, Intent.EDUCATION, Intent.SKILLS})
#: How sure (calibrated) the reading of a story's closing question alone must be to decide.
SURE_ALONE = 0.6
#: The intents that walk the path, which a story told before a question can wrongly suggest.
WALKS = frozenset({Intent.NEXT_STEP, Intent.CAREER_PATH})
#: Equal scores go to the more specific question: "how much would she earn if she became an ML
#: engineer" asks the pay, not the path.
TIE_ORDER = (
    Intent.SALARY, Intent.JOB_OPENINGS, Intent.NEXT_STEP, Intent.SKILLS, Intent.EDUCATION,
    Intent.RESPONSIBILITIES, Intent.CAREER_PATH, Intent.COMPARE, Intent.OVERVIEW, Intent.LIST_ROLES,
    Intent.HELP, Intent.GREETING, Intent.GOODBYE, Intent.THANKS, Intent.OUT_OF_SCOPE,
)
#: Intents a message may open with before asking something real.
SMALL_TALK = frozenset({Intent.GREETING, Intent.THANKS, Intent.GOODBYE})
#: At most this many wrappers ("hi, quick question: ...") are cut from one message.
MAX_PEELS = 3
#: A part left after a cut that asks nothing the bot covers needs this many words to stand alone
#: ("thanks a lot", "thanks so much" stay thanks); the model then tells a question from more small talk.
KEPT_WORDS = 3


@dataclass(frozen=True)
class Match:
    """What the matcher understood of one message, before the conversation's context."""

    intent: Intent | None
    confidence: float
    roles: tuple[str, ...] = ()
    unknown_role: str | None = None
    #: The step a message is about ("what comes after the portfolio?" names one too).
    placement: Placement | None = None
    #: Whether `placement` comes from what the person said of themselves: only then does it move
    #: their place on the path; a question about a step only shows it.
    placed: bool = False
    scores: tuple[tuple[Intent, float], ...] = ()
    off_topic: bool = False
    from_start: bool = False
    step_number: int | None = None
    other_role: bool = False
    candidates: tuple[str, ...] = ()
    #: The candidates share the name the message used ("designer"): ask which, likeliest first.
    asks_which: bool = False
    #: "the research one": a role named in part, as an answer or a follow-up.
    names_one: bool = False
    #: "yes", "that one": agreeing to the role the bot offered.
    affirms: bool = False
    #: What the person said of themselves (tokens), kept while the bot asks which role.
    situation: tuple[str, ...] = ()
    #: The trained model's most likely intents and their probabilities (empty without a model).
    model: tuple[tuple[Intent, float], ...] = ()
    #: A career topic the knowledge never covers ("interview preparation"), asked about a role.
    uncovered: str | None = None
    #: The whole message tells something of the person and asks nothing ("I've been a barista for
    #: six years"): in a conversation about a role's path, their situation on it.
    story: bool = False
    #: Further questions asked in the same message, in order, after `intent`.
    also: tuple[Intent, ...] = ()
    #: The rules that decided, by name, for `/debug`.
    debug: tuple[str, ...] = ()
    #: The place asked about (a BLS area key such as "S4800000"), and all of them when two or
    #: more are asked side by side ("Texas vs California").
    area: str | None = None
    areas: tuple[str, ...] = ()
    #: Percentiles asked for ("top 10%": 90), and whether entry-level pay was asked.
    percentiles: tuple[int, ...] = ()
    entry_level: bool = False
    #: "state" or "metro" for "best-paying states/cities".
    rank_areas: str | None = None

    @property
    def about_pay(self) -> bool:
        """Whether the message asks for a pay level, a ranking or a place (a pay question)."""
        return bool(self.percentiles or self.entry_level or self.rank_areas or self.areas)


class Matcher:
    """Scores questions against the intent data and the roles of one knowledge base."""

    def __init__(self, knowledge: KnowledgeBase, intents: IntentData) -> None:
        self.lexicon = intents.lexicon
        self.roles = RoleFinder(
            knowledge, self.lexicon, not_in_names=intents.lexicon.not_in_role_names, forms=intents.names
        )
        self.v = intents.vocabulary
        self.placer = PathPlacer(knowledge, self.lexicon, self.v)
        self.mentions = MentionFinder(knowledge.areas, intents.areas)
        self.scorer = IntentScorer(knowledge, intents, self.roles.vocabulary)
        self._topic_words = frozenset(self.scorer.vocabulary | self.roles.vocabulary | self.placer.vocabulary)
        page_words = {t for role in knowledge.roles for text in role_texts(role) for t in self.lexicon.tokens(text)}
        self._known = frozenset(
            self._topic_words | self.lexicon.function_words | self.lexicon.domain_words
            | self.lexicon.occupations | self.lexicon.off_topic_words | page_words
        )
        # Another domain's word that a role's own page uses is that role's word ("board exam").
        self._foreign = self.lexicon.off_topic_words - page_words
        self._topical = frozenset(
            self.lexicon.domain_words | self.lexicon.topic_words | self.roles.vocabulary
            | set(self.scorer.knowledge_cues)
        )
        # Words that ask about something other than the path never place anyone on it: "how much
        # would I earn once I'm there" is not about the step "Earn a PhD".
        self._question_words = frozenset(
            cue.parts[0][0] for spec in intents.specs if spec.intent not in PATH_INTENTS
            for cue in spec.cues if len(cue.parts) == 1 and len(cue.parts[0]) == 1 and cue.weight >= 0.9
        )
        self.model = intents.model
        self.small_talk = SmallTalk(*intents.small_talk)
        #: Uncovered topics' phrases by their first word, so a question costs one lookup per word.
        self._uncovered_by_word: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for topic, phrases in self.v.uncovered:
            for phrase in sorted(phrases):
                self._uncovered_by_word.setdefault(phrase[0], []).append((topic, phrase))
        #: Every role's title and aliases as token sets, to tell a role named in full from one of its words.
        self._full_names = frozenset(
            frozenset(self.lexicon.tokens(name)) for role in knowledge.roles if role.kind == "page" for name in (role.title, *role.aliases)
        )
        self.speller = Speller(
            lambda: intents.words | knowledge_words(knowledge), self.lexicon, self._known, self.v,
            titles=lambda: title_words(knowledge),
        )

    def match(self, text: str, context_role: str | None = None, situation: tuple[str, ...] = ()) -> Match:
        """Understand one message; `context_role` is the role the conversation is about and
        `situation` what the person said of themselves while the bot asked which role."""
        text = strip_controls(text)  # first: an escape sequence's `;` or `?` must not split clauses
        return self._understand(self._without_small_talk(text), context_role, situation)

    def _without_small_talk(self, text: str) -> str:
        """The message without greetings, thanks or framing around what it asks: a cut is made
        only where the rules read the dropped part alone as small talk or as nothing at all."""
        for _ in range(MAX_PEELS):
            for dropped, kept, marked in self.small_talk.cuts(text):
                if self._says_nothing(dropped) and self._asks_apart(kept, marked):
                    text = kept
                    break
            else:
                return text
        return text

    def _asks_apart(self, kept: str, marked: bool) -> bool:
        """Whether what is left after a cut stands as a message of its own: it asks something or
        follows up on a role; it asks for help after a clear boundary ("thanks for the help" is
        thanks); or it asks something the bot declines, which it declines the same without the
        small talk ("hey there, what's the weather like?"), unless it asks nothing (no question
        mark, no clause that asks or requests) or the model reads it as small talk itself."""
        alone = self._understand(kept)
        if alone.roles or alone.unknown_role or alone.candidates or alone.names_one or alone.other_role:
            return True
        if alone.intent is Intent.HELP:
            return marked
        if alone.intent is not None:
            return alone.intent not in SMALL_TALK
        if len(words(kept)) < KEPT_WORDS or not ("?" in kept or asks(self._analyse(kept)[0], self.v)):
            return False  # "thanks, that's motivating": a remark after the thanks asks nothing to decline
        return not alone.model or alone.model[0][0] not in SMALL_TALK | {Intent.HELP}

    def _says_nothing(self, text: str) -> bool:
        """Whether the rules read `text` alone as small talk or nothing, naming no role or situation."""
        alone = self._understand(text)
        return alone.intent in SMALL_TALK | {None} and not (
            alone.roles or alone.unknown_role or alone.placement or alone.candidates or alone.other_role
            or alone.step_number
        )

    def _understand(self, text: str, context_role: str | None = None, situation: tuple[str, ...] = ()) -> Match:
        tokens, surfaces, typed, found = self._analyse(text)
        if not tokens:
            if found.positions:  # "and in Oregon?"
                return _with_mentions(Match(intent=None, confidence=1.0), found)
            return Match(intent=None, confidence=0.0, off_topic=True)
        # A statement may share the message with a question: "what's next? I finished my degree".
        clauses = [c for c in CLAUSE_END.split(text) if c.strip()]
        parts = [tokens] if len(clauses) < 2 else [
            self.lexicon.analyse([self.speller.correct(w) for w in words(clause)])[0] for clause in clauses
        ]
        stated = any(is_statement(part, self.v) for part in parts)
        # A story tells and asks nothing: no question mark, no clause that asks or requests.
        story = stated and "?" not in text and not any(asks(part, self.v) for part in parts)
        stems = self.lexicon.analyse(typed, canonical=False)[0]
        mention = _aim_at_target(self.roles.find(tokens, surfaces, stems), tokens, self.v)
        uncovered = self._uncovered(tokens, mention.positions)
        if uncovered is not None and (mention.roles or context_role):
            # "how do I prepare for the interview?": a career topic the pages never cover, asked
            # about a known role; the dialogue says so and keeps the role.
            return _with_mentions(Match(intent=None, confidence=1.0, roles=mention.roles, uncovered=uncovered,
                         debug=(f"uncovered topic: {uncovered}",)), found)
        scores, cued = self.scorer.score(tokens, mention.positions | mention.unknown_positions)
        model = self.model.probabilities(_model_words(tokens, mention)) if self.model is not None else {}
        # Said in clauses without a statement's opening ("CS degree yes, python no"), each clause
        # still says its own thing: the placer reads them apart.
        told = self._statement(text) if stated or len(parts) > 1 else ()
        own = told if stated else ()
        asked = self._asked_after_telling(text, context_role)
        placement = self._placement(tokens, surfaces, mention, context_role, told, stated)
        placed = stated and placement is not None
        if placement is None and situation:  # said earlier, while the bot asked which role
            placement = self._placement(tokens, surfaces, mention, context_role, situation, stated)
            placed = placement is not None
        done = steps_done(tokens, self.v)
        if done:  # "finished step one, next?"
            placement, placed = Placement(step=done, done=True), True
        # Path words (degree, school, become) describe situations too; other clear cues ask.
        asks_else = any(s >= CLEAR_ASK for i, s in scores.items() if i not in PATH_INTENTS and i in cued)
        if placement is not None and stated and not asks_else:
            # A stated situation asks for the next step unless the message clearly asks something
            # else ("if I land a job as an ML engineer, what would my wage be?").
            scores[Intent.NEXT_STEP] = scores.get(Intent.NEXT_STEP, 0.0) + PLACEMENT_BOOST
            cued.add(Intent.NEXT_STEP)
        if tokens and set(tokens) <= self.v.greeting_alone:  # "morning!", "evening all"
            scores[Intent.GREETING] = max(scores.get(Intent.GREETING, 0.0), 1.0)
            cued.add(Intent.GREETING)
        if set(tokens) <= self.v.continuations and self.v.walk_words & set(tokens):  # "then?", "and the one after?"
            scores[Intent.NEXT_STEP] = max(scores.get(Intent.NEXT_STEP, 0.0), 1.0)
            cued.add(Intent.NEXT_STEP)
        follow_up = self._follow_up(tokens) if context_role else None
        if follow_up is not None:  # "how much again?" of the role in context
            scores[follow_up] = max(scores.get(follow_up, 0.0), FOLLOW_UP_SCORE)
            cued.add(follow_up)
        if own and scores.get(Intent.NEXT_STEP, 0.0) >= CLEAR_ASK and Intent.NEXT_STEP in cued:
            # "I have a business degree. What next?": the path words describe the person, the
            # question is the next step.
            for intent in PATH_INTENTS - {Intent.NEXT_STEP}:
                if intent in scores:
                    scores[intent] = min(scores[intent], scores[Intent.NEXT_STEP] - 0.01)
        asked_step = None if done else step_number(tokens, self.v)
        if asked_step is not None or done is not None:
            scores[Intent.NEXT_STEP] = max(scores.get(Intent.NEXT_STEP, 0.0), STEP_NUMBER_SCORE)
            cued.add(Intent.NEXT_STEP)
        ruled = dict(scores)  # the rules' own evidence, before the model's is added
        if self.model is not None:
            self.model.blend(scores, cued, model)
        # An exact pattern ("and the 2nd step?", "how much again?") that tops the rules keeps the
        # top after the blend: the model's words cannot outvote a parse that is sure by itself.
        exact = Intent.NEXT_STEP if asked_step is not None or done is not None else follow_up
        if exact is not None and ruled.get(exact, 0.0) >= max(ruled.values()):
            scores[exact] = max(scores.values()) + TIE_MARGIN
        top = max(scores, key=lambda intent: scores[intent], default=None)
        if asked is not None and top in PATH_INTENTS:  # the story told first (a degree, a language) asks nothing
            scores[asked] = scores[top] + TIE_MARGIN
            cued.add(asked)
        # Small talk yields to a real question in the same message ("hi, how much do nurses make?").
        ranked = sorted(
            scores.items(),
            key=lambda item: (
                (item[0] in SMALL_TALK or (item[0] is Intent.HELP and bool(mention.roles)))
                and item[1] >= MIN_INTENT_SCORE
                and _asks(scores, bool(mention.roles)),
                -round(item[1], 6),
                TIE_ORDER.index(item[0]),
            ),
        )
        best: Intent | None = ranked[0][0] if ranked else None
        best_score = ranked[0][1] if ranked else 0.0
        also: tuple[Intent, ...] = ()
        pair = None if placed or best not in ROLE_INTENTS else self._two_questions(tokens, mention)
        if pair is not None:  # "what do they do and what do they earn?": both, in order
            best, also = pair[0], (pair[1],)
        content = [i for i, t in enumerate(tokens) if t not in self.lexicon.function_words and not is_number(t)]
        unexplained = [i for i in content if tokens[i] not in self._known and i not in mention.positions]
        defines = bool(self.v.meaning_words.intersection(tokens))  # "what does overfitting mean?" names no role
        slot = frozenset() if mention.unknown_positions or mention.roles or best not in ROLE_INTENTS or defines else (
            self._unknown_slot(tokens, unexplained)
        )
        unknown = mention.unknown_positions or slot
        unexplained = [i for i in unexplained if i not in unknown]
        # A one-role base puts its role in context, but only for clear questions: "what do I
        # have to do today?" is not about the job just because there is one job to talk about.
        clear = best in cued and best_score >= CLEAR_ASK
        in_context = context_role is not None or (self.roles.only_role is not None and best in cued and best_score >= ONE_ROLE_ASK)
        # The model overrules the unknown-word count only for an intent the rules found asked too:
        # two kinds of evidence that agree, so a sure model alone never turns another domain's
        # question ("how much money did I spend on groceries") into this one's. Any cue that
        # counts will do ("ok so whats the money like fr"): the model's certainty is the strong half.
        sure = self.model.vouches_for(model) if self.model is not None else None
        vouched = sure is not None and ruled.get(sure, 0.0) >= MIN_INTENT_SCORE and not self._names_something(tokens, unexplained)
        if mention.roles:  # a role named with nothing clearly asked, amid other things, is not about it
            foreign = any(t in self._foreign for i, t in enumerate(tokens) if i not in mention.positions)
            # "I'm curious about product designers" names the role to talk about; a role among many
            # unknown words ("find me a good electrician near me") does not.
            off_topic = self._possessed(tokens, mention) or (
                best_score < MIN_INTENT_SCORE and len(unexplained) > 1
            ) or (foreign and not clear)
        else:
            off_topic = self._off_topic(tokens, content, unexplained, unknown, best, in_context, clear, vouched) or (
                self._not_a_career_question(tokens, best, best in cued, bool(unknown))
            ) or (self.model is not None and not clear and self.model.sure_of(model) is Intent.OUT_OF_SCOPE)
        about = mention.roles[0] if mention.roles else context_role or self.roles.only_role
        background = placed and about is not None and target_position(tokens, self.v) is None and not (
            mention.roles and self._possessed(tokens, mention)  # "my nurse said ...": someone they have
        ) and not any(t in self._foreign for t in tokens) and (len(unexplained) <= MAX_STORY_WORDS or vouched)
        if background:
            # Words the bot does not know, in what a person says of themselves with a role in
            # question ("I failed the licensing exam"), are their story, not another topic; an
            # occupation they name ("I worked as a shepherd") is their background, not the goal.
            # A longer story needs the model's word that it is still career talk.
            off_topic = False
        # Its few words are all a follow-up's ("and how many?"): an exact pattern, sure by itself.
        followed = follow_up is not None and best is follow_up
        if followed:
            off_topic = False
        if best_score >= MIN_INTENT_SCORE:
            confidence = min(1.0, best_score)
        else:  # nothing clearly asked: how much of the message is the role's name
            confidence = len(mention.positions) / max(1, len(content)) if mention.roles else 0.0
        if content:
            confidence *= 1.0 - 0.5 * len(unexplained) / len(content)
        if self.model is not None and model:
            confidence = self.model.confidence(best_score, max(model.values()))
            unsure = confidence < self.model.decline_below and not followed
        else:
            unsure = False
        if off_topic or best_score < MIN_INTENT_SCORE or slot or unsure:
            best = None  # a word where a role would stand, but no occupation: say so, answer nothing
        return _with_mentions(Match(
            intent=best,
            confidence=round(min(1.0, confidence), 3),
            roles=mention.roles,
            unknown_role=None if off_topic or background else phrase(surfaces, unknown),
            placement=placement,
            placed=placed,
            scores=tuple(ranked[:4]),
            off_topic=off_topic,
            from_start=bool(self.v.start_words.intersection(tokens)),
            step_number=asked_step,
            other_role=refers_to_other(tokens, self.v),
            candidates=mention.candidates,
            asks_which=mention.ranked and not off_topic,
            names_one=bool(self.v.one_words.intersection(tokens)),
            affirms=bool(tokens) and set(tokens) <= self.v.affirmations,
            situation=own,
            story=story and not mention.unknown_positions,
            also=also,
            model=tuple(sorted(model.items(), key=lambda item: -item[1])[:3]),
        ), found)

    def _analyse(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...], list[str], Mentions]:
        """Tokens (typos corrected, normalised), the words they came from, the words as typed and
        the places and pay levels found, whose words are taken out first: "a nurse in Washington"
        is a nurse."""
        folded = words(text)
        found = self.mentions.find(text, folded)
        # A word typed in capitals is an abbreviation, never a typo ("CNA" is not "can").
        capitals = {w.casefold() for w in ACRONYM.findall(text)}
        typed = [w if w in capitals else self.speller.correct(w) for i, w in enumerate(folded) if i not in found.positions]
        tokens, surfaces = self.lexicon.analyse(typed)
        return tokens, surfaces, typed, found

    def model_words(self, text: str) -> list[str]:
        """What the intent model sees of a message: its tokens with mentions masked. The
        training script reads the corpus through this, so training sees what scoring sees."""
        tokens, surfaces, typed, _ = self._analyse(text)
        return _model_words(tokens, self.roles.find(tokens, surfaces, self.lexicon.analyse(typed, canonical=False)[0]))

    def _asked_after_telling(self, text: str, context_role: str | None) -> Intent | None:
        """What the question a story ends with asks, read alone from its first asking clause
        ("I was a nurse for ten years and want to switch. So, what do they earn?"), when it asks
        something other than the path and clearly: a question never moves the step, so telling
        one's story first does not make it a next-step question (the story still places the
        person, as any situation told in passing does)."""
        question = final_question(text)
        if question is None:
            return None
        pieces = question.split(",")
        start = next((n for n, piece in enumerate(pieces) if asks(self._analyse(piece)[0], self.v)), 0)
        alone = self._understand(",".join(pieces[start:]), context_role)
        if alone.intent is None or alone.intent in WALKS | SMALL_TALK | {Intent.HELP} or alone.confidence < SURE_ALONE:
            return None
        return alone.intent

    def _statement(self, text: str) -> tuple[str, ...]:
        """What a person says of themselves, clause by clause (split at punctuation and at joining
        words: "I have the diploma but I quit the rope course"), each marked when under way."""
        parts: list[tuple[tuple[str, ...], bool]] = []
        ends = CLAUSE_END.findall(text)
        for n, piece in enumerate(CLAUSE_END.split(text)):
            tokens, surfaces, typed, _ = self._analyse(piece)
            if "?" in (ends[n] if n < len(ends) else "") or asks(tokens, self.v):
                continue  # "I have a degree in finance. What should I do next?": the question is no part of it
            stems = self.lexicon.analyse(typed, canonical=False)[0]
            bounds = [i for i, t in enumerate(tokens) if t in self.v.clause_joiners]
            for start, end in zip([0, *(b + 1 for b in bounds)], [*bounds, len(tokens)]):
                clause, said = tokens[start:end], surfaces[start:end]
                if clause:
                    mention = _aim_at_target(self.roles.find(clause, said, stems[start:end]), clause, self.v)
                    parts.append((self._situation(clause, mention), self._under_way(clause, said)))
        return clauses(parts)

    def _under_way(self, tokens: tuple[str, ...], surfaces: tuple[str, ...]) -> bool:
        """Whether a clause says its activity is in progress ("I am studying", "I work as an apprentice")."""
        return is_progressive(surfaces, self.v) or is_being_now(tokens, self.v)

    def _situation(self, tokens: tuple[str, ...], mention: RoleMention) -> tuple[str, ...]:
        """The words of what a person says of themselves, without role names or question words."""
        # The role's own words describe the person when they qualify what they have or do ("a
        # nursing student", "my nursing degree"), not when they name the goal ("I want to be a nurse").
        named = frozenset().union(*mention.role_positions.values())
        goal = target_position(tokens, self.v) is not None or any(t in self.v.wishes for t in tokens)
        drop = named if goal else frozenset(i for i in named if self._in_full_name(tokens, i, named))
        return tuple(t for i, t in enumerate(tokens) if i not in drop and t not in self._question_words)

    def explain(self, text: str, context_role: str | None = None, situation: tuple[str, ...] = ()) -> tuple[str, ...]:
        """For /debug: what decided the match of `text`, as named rules, cues and scores. Called
        only when debugging, so it may repeat the work of `match`."""
        match = self.match(text, context_role, situation)
        tokens, _ = self.lexicon.analyse([self.speller.correct(w) for w in words(text)])
        mention = _aim_at_target(self.roles.find(tokens, _), tokens, self.v) if tokens else RoleMention()
        lines = [f"tokens: {' '.join(tokens)}", *match.debug]
        lines += self.scorer.explain(tokens, mention.positions | mention.unknown_positions)
        lines.append("scores: " + ", ".join(f"{i.value} {s:.2f}" for i, s in match.scores) if match.scores else "scores: none")
        placement = match.placement
        rules = (
            (match.placed, "statement about oneself"),
            (placement is not None, f"placed: step {placement.step} {'done' if placement.done else 'under way'}"
             if placement else ""),
            (match.off_topic, "off-topic"),
            (match.unknown_role is not None, f"unknown role: {match.unknown_role}"),
            (match.step_number is not None, f"asks for step {match.step_number}"),
            (match.from_start, "from the start"),
            (match.other_role, "the other role"),
            (bool(match.also), "two questions: " + " + ".join(i.value for i in (match.intent, *match.also) if i)),
        )
        return tuple(lines + [f"rule: {name}" for fired, name in rules if fired])

    def _two_questions(self, tokens: tuple[str, ...], mention: RoleMention) -> tuple[Intent, Intent] | None:
        """Two different role questions joined in one message ("what does an electrician do and
        how much do they earn?", "salary and openings?"), as (first, second); each side must ask
        its own question clearly, by a cue or an example, and neither is a statement."""
        masked = mention.positions | mention.unknown_positions
        for j, token in enumerate(tokens):
            if token not in self.v.joiners or j == 0 or j == len(tokens) - 1:
                continue
            sides = []
            for start, end in ((0, j), (j + 1, len(tokens))):
                if is_statement(tokens[start:end], self.v):
                    break  # "I work in marketing now and ...": background, not a question
                scores, cued = self.scorer.score(tokens[start:end], frozenset(i - start for i in masked if start <= i < end))
                asked = [(i, s) for i, s in scores.items() if i in cued and i in ROLE_INTENTS and s >= MIN_INTENT_SCORE]
                if not asked:
                    break
                sides.append(min(asked, key=lambda item: (-round(item[1], 6), TIE_ORDER.index(item[0])))[0])
            if len(sides) == 2 and sides[0] is not sides[1]:
                return sides[0], sides[1]
        return None

    def _follow_up(self, tokens: tuple[str, ...]) -> Intent | None:
        """The pay or openings a bare follow-up asks ("how much again?", "and how many?"), made
        only of continuation and filler words besides the one that asks."""
        words_ = set(tokens)
        for asked, intent in ((self.v.alone_pay, Intent.SALARY), (self.v.alone_count, Intent.JOB_OPENINGS)):
            if asked & words_ and words_ <= self.v.continuations | self.v.alone_fillers | asked:
                return intent
        return None

    def _uncovered(self, tokens: tuple[str, ...], named: frozenset[int]) -> str | None:
        """The uncovered career topic (`intents/uncovered.yaml`) a message asks about, if any; not
        when another domain's words surround it ("my visa card was declined" is banking), nor when
        the words are part of the role's own name (`named`: "remote sensing scientists" asks about
        that occupation, not remote work)."""
        covered: set[int] = set()
        found = None
        for i, token in enumerate(tokens):
            for topic, phrase in self._uncovered_by_word.get(token, ()):
                span = range(i, i + len(phrase))
                if tokens[i : i + len(phrase)] == phrase and found in (None, topic) and named.isdisjoint(span):
                    found = topic
                    covered.update(span)
        if found is None:
            return None
        return None if any(t in self._foreign for i, t in enumerate(tokens) if i not in covered) else found

    def _in_full_name(self, tokens: tuple[str, ...], i: int, named: frozenset[int]) -> bool:
        """Whether the role word at `i` is part of a role's whole name ("what next for a registered
        nurse?" names the role to talk about) rather than a word of it qualifying something."""
        start, end = i, i
        while start - 1 in named:
            start -= 1
        while end + 1 in named:
            end += 1
        run = set(tokens[start : end + 1])
        return any(name <= run for name in self._full_names)

    def _placement(
        self,
        tokens: tuple[str, ...],
        surfaces: tuple[str, ...],
        mention: RoleMention,
        context_role: str | None,
        situation: tuple[str, ...],
        stated: bool,
    ) -> Placement | None:
        """Where a statement (this message's or one made earlier) puts the person on the path of
        the role in question, if anywhere."""
        role_id = mention.roles[0] if mention.roles else context_role or self.roles.only_role
        if role_id is None:
            return None
        if stated and (
            (mention.roles and works_as(tokens, min(mention.positions), self.v, mention.positions))
            # a job in this field, unless something on the way is denied ("... but never took the course")
            or (holds_job(tokens, self.v) and bool(self.roles.words(role_id) & set(tokens)) and not self.v.not_done & set(tokens))
        ):
            return self.placer.at_end(role_id)
        statement = situation or clauses([(self._situation(tokens, mention), self._under_way(tokens, surfaces))])
        return self.placer.place(role_id, statement)

    def _possessed(self, tokens: tuple[str, ...], mention: RoleMention) -> bool:
        """ "my account manager at the bank is rude": a person the speaker has, not a career."""
        positions = mention.role_positions.get(mention.roles[0], frozenset())
        heads = sorted(i for i in positions if tokens[i] in self.lexicon.occupations) or sorted(positions)
        if not heads:
            return False
        start = heads[0]
        while start - 1 in positions:
            start -= 1
        return start > 0 and tokens[start - 1] in self.v.possessive

    def _not_a_career_question(self, tokens: tuple[str, ...], best: Intent | None, cued: bool, names_role: bool) -> bool:
        """Shapes that only look like career questions when no role is named: "what is deep
        learning?" (a skill word, no career cue), "python vs java" (a comparison of no roles),
        "how do I become a better person" (become, but nothing role-like follows)."""
        if best in ROLE_INTENTS and not cued and asks_about_concept(tokens, self.v):
            return True
        if best is Intent.COMPARE:
            return any(t in self.scorer.knowledge_cues for t in tokens)
        if best is Intent.CAREER_PATH:
            target = become_target(tokens, self.v)
            if target is None or tokens[target] in self.v.become_pronouns:
                return False
            if tokens[target] in self.lexicon.function_words:  # "become a better driver"
                return True
            return not names_role and tokens[target] not in self.lexicon.occupations
        return False

    def _off_topic(
        self,
        tokens: tuple[str, ...],
        content: list[int],
        unexplained: list[int],
        unknown: frozenset[int],
        best: Intent | None,
        in_context: bool,
        clear: bool,
        vouched: bool,
    ) -> bool:
        """Whether a question that names no known role is about something else entirely.

        It is when it leans on another domain's words, when words the bot does not know
        outweigh the ones it does, or when a role question has nothing career-like in it and no
        role in context and no clear cue ("when is the next break?"; but "how much would I make?"
        asks which role). Words of an unknown role's name are its own ("airline pilot" is a role,
        not travel). Another domain's words decide even against the model; the count of unknown
        words does not when the model `vouched` for an in-scope intent.
        """
        if any(t in self._foreign for i, t in enumerate(tokens) if i not in unknown):
            return True
        if vouched:
            return False
        if best in SMALL_TALK and clear and len(unexplained) <= 1:
            return False  # "thanks heaps", "hi mate": small talk carries a word of its own
        explained = len(content) - len(unexplained)
        topical = bool(unknown) or any(tokens[i] in self._topical for i in content)
        # A long message tells a story around its question ("I've been a backend developer writing
        # Java for 8 years ... what next?"): there only a majority of unknown words declines it.
        allowed = explained if len(content) > SHORT_MESSAGE else min(explained, MAX_UNKNOWN_WORDS)
        if unexplained and (not topical or len(unexplained) >= allowed):
            return True
        return best in ROLE_INTENTS and not topical and not in_context and not clear

    def _names_something(self, tokens: tuple[str, ...], unexplained: list[int]) -> bool:
        """Whether a word the bot does not know stands where a name would, shortly after an
        article, a role-name word or a slot word ("how much does a software tester make", "get
        into real estate"): the model knows how people ask, not which occupations exist, so it
        never vouches for such a message. A word that asks for something stands between no
        name and its article ("is a degree strictly needed" names nothing).
        """
        namers = self.roles.vocabulary | self.v.slot_articles | self.v.slot_before
        for i in unexplained:
            for j in range(i - 1, max(0, i - NAME_REACH) - 1, -1):
                if tokens[j] in namers:
                    return True
                if tokens[j] in self.scorer.vocabulary:
                    break
        return False

    def _unknown_slot(self, tokens: tuple[str, ...], unexplained: list[int]) -> frozenset[int]:
        """The one unknown word, when it stands where a role name would ("how much does radiohead earn")."""
        if len(unexplained) != 1:
            return frozenset()
        for i in unexplained:
            before = tokens[i - 1] if i > 0 else ""
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if before in self.v.slot_before or (before in self.v.slot_articles and after in self.v.slot_after):
                return frozenset({i})
        return frozenset()


def _model_words(tokens: tuple[str, ...], mention: RoleMention) -> list[str]:
    return masked(tokens, dict.fromkeys(mention.positions | mention.unknown_positions, ROLE_MASK))


def _with_mentions(match: Match, found: Mentions) -> Match:
    """A match with the places and pay levels the mention stage found."""
    if match.off_topic or not (found.positions or found.about_pay):
        return match
    return replace(
        match, area=found.areas[0] if found.areas else None, areas=found.areas,
        percentiles=found.percentiles, entry_level=found.entry_level, rank_areas=found.rank_areas,
    )


def _aim_at_target(mention: RoleMention, tokens: tuple[str, ...], v: Vocabulary) -> RoleMention:
    """When a role is named as the goal ("as a software engineer, how do I move into ML
    engineering?"), the question is about the goal, named from the goal word on; words before it
    are the person's background."""
    target = target_position(tokens, v)
    if not mention.roles or target is None:
        return mention
    for role in mention.roles:
        if target in mention.role_positions.get(role, frozenset()):
            goal = frozenset(i for i in mention.role_positions[role] if i >= target)
            return replace(mention, roles=(role,), role_positions={role: goal})
    return mention


def _asks(scores: dict[Intent, float], names_role: bool) -> bool:
    """Whether a question about roles is clearly asked for, beside the small talk: a strong cue,
    or any cue with a role named ("thanks, and what do electricians do?"); "ok I'm done, cya
    later" is only a goodbye."""
    return any(
        score >= (MIN_INTENT_SCORE if names_role else CLEAR_ASK)
        for intent, score in scores.items()
        if intent in ROLE_INTENTS or intent in (Intent.COMPARE, Intent.LIST_ROLES)
    )
