"""Per-session conversation state and the bounded, thread-safe store that keeps it.

State is a frozen value and each turn makes a new one, so a reply never mutates what another
thread is reading. The store is an interface (a turn is one atomic `update`, with expiry) so
that a web app run as several workers can swap the in-process default for a shared store
(`bot.redis_store.RedisStore`) without two messages of one session overwriting each other.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

from . import codec
from .knowledge import KnowledgeBase, Role
from .matcher import Match
from .names import default_role
from .reply import ROLE_INTENTS, Intent
from .shapes import LAST_STEP


@dataclass(frozen=True)
class State:
    """What the bot remembers of one conversation.

    `role` is the role under discussion, `intent` the last question asked (so "what about a
    cloud architect?" can repeat it), `step` the path step last discussed (so "what's next?"
    walks on), `pending` an intent that still waits for the person to name a role, and
    `other_role` the role discussed before this one (so "compare them" knows the pair).
    """

    role: str | None = None
    intent: Intent | None = None
    step: int | None = None
    pending: Intent | None = None
    other_role: str | None = None
    #: The roles offered when the bot asked which one is meant.
    choices: tuple[str, ...] = ()
    #: What the person said of themselves before naming the role ("I have a business degree").
    situation: tuple[str, ...] = ()
    #: The place and pay level last asked about, kept for follow-ups ("and in Oregon?").
    area: str | None = None
    percentiles: tuple[int, ...] = ()
    entry_level: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, for session stores shared between processes (every field, by its annotation)."""
        data: dict[str, Any] = codec.to_json(self)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> State:
        """The inverse of `to_dict`; unknown keys are ignored, and a missing field or one that
        does not fit (junk from a shared store) keeps its default."""
        return codec.from_json(cls, data)


#: How long a session is kept after its last turn, in every store: long enough for a visitor who
#: reads an answer and comes back, short enough that a store of one-off visitors stays small.
IDLE_SECONDS = 3600.0

T = TypeVar("T")


class SessionStoreUnavailable(Exception):
    """The store cannot be reached (a shared store's server is down or too slow). Unlike other
    failures this is not the bot's to apologise for: a web server answers 503 and the client
    retries, and nothing of the conversation is lost because nothing was written."""


class SessionStore(Protocol):
    """Where session states live between turns. Implementations must be thread-safe, and may
    raise `SessionStoreUnavailable` from any method when their backing service is unreachable."""

    def get(self, session_id: str) -> State | None:
        """The state of a live session, or None for a new or expired one."""
        ...

    def put(self, session_id: str, state: State) -> None:
        """Remember a session's state (and refresh its expiry)."""
        ...

    def update(self, session_id: str, change: Callable[[State], tuple[State, T]]) -> T:
        """Apply one turn atomically: `change` gets the current state (a fresh one for a new
        session) and returns the new state and a result, which `update` returns once the new
        state is stored. Two turns of one session at once never overwrite each other: a store
        may call `change` again on the state the other turn left, so it must be pure."""
        ...

    def delete(self, session_id: str) -> None:
        """Forget a session."""
        ...

    def ping(self) -> None:
        """Return when the store can serve; raise `SessionStoreUnavailable` otherwise."""
        ...


class MemoryStore:
    """An in-process store bounded in size (least recently used goes first) and idle time.

    A widget server runs for weeks and sees countless one-off visitors; without both bounds the
    store would grow without end.
    """

    def __init__(
        self,
        max_sessions: int = 10_000,
        idle_seconds: float = IDLE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_sessions < 1:
            raise ValueError("max_sessions must be at least 1")
        self.max_sessions = max_sessions
        self.idle_seconds = idle_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._items: OrderedDict[str, tuple[float, State]] = OrderedDict()

    def get(self, session_id: str) -> State | None:
        with self._lock:
            item = self._live(session_id)
            return item[1] if item else None

    def put(self, session_id: str, state: State) -> None:
        with self._lock:
            self._store(session_id, state)

    def update(self, session_id: str, change: Callable[[State], tuple[State, T]]) -> T:
        """Compare-and-set: `change` runs outside the lock (other sessions never wait for this
        turn), and its state is stored only if the session's entry is still the one it read;
        otherwise the turn runs again on the newer state."""
        while True:
            with self._lock:
                seen = self._live(session_id)
            state, result = change(seen[1] if seen else State())
            with self._lock:
                if self._items.get(session_id) is seen:  # each entry is a new tuple: identity is its version
                    self._store(session_id, state)
                    return result

    def delete(self, session_id: str) -> None:
        with self._lock:
            self._items.pop(session_id, None)

    def ping(self) -> None:
        """Always available: it lives in this process."""

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def _live(self, session_id: str) -> tuple[float, State] | None:
        """The session's entry unless it has expired (then it is dropped). Caller holds the lock."""
        item = self._items.get(session_id)
        if item is None:
            return None
        if self._clock() - item[0] > self.idle_seconds:
            del self._items[session_id]
            return None
        self._items.move_to_end(session_id)  # least recently *used* goes first
        return item

    def _store(self, session_id: str, state: State) -> None:
        """Caller holds the lock."""
        now = self._clock()
        self._items[session_id] = (now, state)
        self._items.move_to_end(session_id)
        self._evict(now)

    def _evict(self, now: float) -> None:
        """Drop expired sessions from the old end, then the oldest beyond the size bound."""
        while self._items:
            oldest_id, (seen, _) = next(iter(self._items.items()))
            if now - seen <= self.idle_seconds and len(self._items) <= self.max_sessions:
                break
            del self._items[oldest_id]


@dataclass(frozen=True)
class Turn:
    """The outcome of one message in context: what to answer, about which roles, and the new state.

    `roles` holds every role the answer is about (two or more for `compare`); `unknown_role` is a
    role the person named that the base does not hold; `ask_role` means the bot must ask which
    role is meant before it can answer `intent`.
    """

    intent: Intent
    confidence: float
    state: State
    roles: tuple[str, ...] = ()
    step: int | None = None
    unknown_role: str | None = None
    ask_role: bool = False
    #: The roles to choose from when asking which one is meant (empty: all roles).
    choices: tuple[str, ...] = ()
    #: Where and which pay: an area key, areas side by side, percentiles, entry level, and a
    #: ranking of "state" or "metro" areas.
    area: str | None = None
    areas: tuple[str, ...] = ()
    percentiles: tuple[int, ...] = ()
    entry_level: bool = False
    rank_areas: str | None = None
    #: A career topic the knowledge has nothing on, asked about `roles[0]`.
    uncovered: str | None = None
    #: Further questions of the same message about the same role, answered after `intent`.
    also: tuple[Intent, ...] = ()


#: Intents that, asked again about another role ("what about a UX designer?"), repeat as they are;
#: the path-walking ones restart as the whole path for the new role.
_REPEATS = {Intent.NEXT_STEP: Intent.CAREER_PATH}
#: After the path was shown or walked, a story about oneself read as one of these (or as nothing)
#: is the person's situation on that path: "I have a chemistry degree" asks the next step there.
_PATH_TALK = frozenset({Intent.CAREER_PATH, Intent.NEXT_STEP})
_STORY_READS = frozenset({Intent.EDUCATION, Intent.SKILLS, Intent.CAREER_PATH, Intent.OVERVIEW, Intent.RESPONSIBILITIES})
#: Intents that, asked about several roles at once, become a side-by-side comparison.
_COMPARABLE = frozenset({Intent.SALARY, Intent.JOB_OPENINGS, Intent.EDUCATION, Intent.OVERVIEW})


def advance(state: State, match: Match, knowledge: KnowledgeBase) -> Turn:
    """The pure dialogue step: the old state and a match in, the turn to answer out."""
    turn = _advance(state, match, knowledge)
    return _placed(turn, state, match) if turn.intent in ROLE_INTENTS else turn


def _placed(turn: Turn, state: State, match: Match) -> Turn:
    """The turn with the place and pay level asked about: this message's, else, for a follow-up,
    the ones kept from earlier ("and in Oregon?" keeps the top 10%, "what about plumbers?" the
    place); a new question starts afresh."""
    follow_up = match.intent is None
    area = match.area or (state.area if follow_up else None)
    percentiles = match.percentiles or (state.percentiles if follow_up else ())
    entry = match.entry_level or (state.entry_level and follow_up and not match.percentiles)
    kept = replace(turn.state, area=area, percentiles=percentiles, entry_level=entry)
    return replace(
        turn, state=kept, area=area, areas=match.areas if len(match.areas) > 1 else (),
        percentiles=percentiles, entry_level=entry, rank_areas=match.rank_areas,
    )


def _advance(state: State, match: Match, knowledge: KnowledgeBase) -> Turn:
    intent = match.intent
    if intent is None and match.about_pay and not match.off_topic:
        intent = Intent.SALARY  # "best-paying states for nurses", "and in Oregon?"
    roles = match.roles
    told = _tells_situation(state, match)
    if told:
        intent, match = Intent.NEXT_STEP, replace(match, off_topic=False, unknown_role=None)
    if match.uncovered is not None:  # nothing on that topic: say so, keep the role and the step
        about = roles[0] if roles else state.role or default_role(knowledge)
        same = about == state.role
        kept = replace(state, pending=None, choices=()) if same else State(role=about, other_role=state.role)
        return Turn(Intent.OUT_OF_SCOPE, match.confidence, kept, roles=(about,) if about else (), uncovered=match.uncovered)
    if state.pending and len(state.choices) == 1 and match.affirms:  # "Do you mean X?" "yes"
        roles, intent = state.choices, None
    elif state.pending and len(state.choices) == 1 and not roles and intent in ROLE_INTENTS:
        roles = state.choices  # "Do you mean Speech Therapist?" "what's step 4?": carry on with it
    if match.asks_which and not roles and (intent is None or intent in ROLE_INTENTS):
        # "how much does a designer make?": several occupations share the name; ask which
        asked = intent or state.pending or state.intent or Intent.OVERVIEW
        waiting = replace(state, pending=asked, choices=match.candidates, situation=match.situation)
        return Turn(asked, match.confidence, waiting, ask_role=True, choices=match.candidates)
    answers_which = state.pending and intent is None
    one_named = match.names_one and (intent is None or len(match.candidates) == 1)  # "the backend one"
    if (answers_which or one_named) and not roles and match.candidates and not match.unknown_role:
        # "the clinical one" answers "which role do you mean?", among the roles offered.
        narrowed = tuple(c for c in match.candidates if c in state.choices) or match.candidates
        if len(narrowed) > 1:
            asked = state.pending or state.intent or Intent.OVERVIEW
            waiting = replace(state, pending=asked, choices=narrowed, situation=state.situation or match.situation)
            return Turn(asked, match.confidence, waiting, ask_role=True, choices=narrowed)
        roles = narrowed
    if not roles and intent is None and state.intent and len(match.candidates) == 1 and not match.unknown_role:
        roles = match.candidates  # "and for backend?": the one role the word belongs to
    if state.pending and roles and intent in (Intent.CAREER_PATH, Intent.OVERVIEW):
        intent = None  # "I want to be a cloud architect" answers "which role?": the question stands
    names_role = bool(roles) or (match.other_role and state.other_role is not None)
    if intent is None and names_role and not match.off_topic:
        if state.pending:  # the role completes the question as it was asked
            intent = state.pending
        elif state.intent in ROLE_INTENTS:  # "what about a UX designer?" asks it again
            intent = _REPEATS.get(state.intent, state.intent)
        else:
            intent = Intent.OVERVIEW
    if match.unknown_role and not roles and (intent in ROLE_INTENTS or intent in (None, Intent.COMPARE)):
        return Turn(
            intent=intent or Intent.OUT_OF_SCOPE,
            confidence=match.confidence,
            # "a nurse" answering "which role?" keeps the question for the next role named
            state=State(intent=intent or state.pending or state.intent),
            unknown_role=match.unknown_role,
        )
    if intent is None:
        return Turn(Intent.OUT_OF_SCOPE, match.confidence, replace(state, pending=None, choices=()))
    if intent not in ROLE_INTENTS and intent is not Intent.COMPARE:
        return Turn(intent, match.confidence, replace(state, pending=None, choices=()))
    if intent is Intent.CAREER_PATH and match.from_start and state.intent is Intent.CAREER_PATH and not roles:
        intent = Intent.NEXT_STEP  # the path was just shown: "how do I get started?" asks for step 1
    if intent is Intent.COMPARE or (len(roles) > 1 and intent in _COMPARABLE):
        return _compare(state, match, knowledge)
    if roles:
        role_id: str | None = roles[0]
    elif match.other_role and state.other_role:  # "and the other one?"
        role_id = state.other_role
    else:
        role_id = state.role or default_role(knowledge)
    if role_id is None:  # offer the roles the question named in part, else all of them
        waiting = replace(state, pending=intent, choices=match.candidates, situation=match.situation)
        return Turn(intent, match.confidence, waiting, ask_role=True, choices=match.candidates)
    role = knowledge.get(role_id)
    step = _step(state, match, role, told) if intent is Intent.NEXT_STEP and role is not None else None
    if step is not None and role is not None:
        remembered: int | None = min(step, len(role.path))  # one past the end is still the last step
    elif match.placement is not None and match.placed:  # a situation stated in passing ("I have a CS degree, do I need more?")
        remembered = match.placement.next_step - 1 or None
    else:
        remembered = state.step if role_id == state.role else None
    other = state.role if state.role != role_id else state.other_role
    new_state = State(role=role_id, intent=intent, step=remembered, other_role=other)
    also = tuple(i for i in match.also if i is not intent and i is not Intent.NEXT_STEP)
    return Turn(intent, match.confidence, new_state, roles=(role_id,), step=step, also=also)


def _tells_situation(state: State, match: Match) -> bool:
    """Whether the message is the person's story about themselves told while the path of the
    role in context is being discussed: only the person moves their place on the path, and
    this is them doing so, even when nothing they say is a step ("I've been a barista")."""
    return (
        match.story and state.role is not None and state.intent in _PATH_TALK and match.uncovered is None
        and (match.intent is None or match.intent in _STORY_READS) and match.roles in ((), (state.role,))
    )


def _compare(state: State, match: Match, knowledge: KnowledgeBase) -> Turn:
    """Two or more roles side by side: those named, the one named against the one discussed, or
    the last two discussed ("compare them"). The roles a shared word names ("compare the two
    inspector roles") are those roles; when the word is a common one that many occupations share
    (`asks_which`, "compare the designers"), the bot asks which among them."""
    roles = match.roles
    if not roles and len(match.candidates) > 1 and not match.asks_which:
        roles = match.candidates
    if len(roles) == 1:
        earlier = state.role if state.role != roles[0] else state.other_role
        roles = (earlier, roles[0]) if earlier else roles
    elif not roles and state.role and state.other_role:
        roles = (state.other_role, state.role)
    if len(roles) < 2 and len(knowledge.roles) == 2:
        roles = knowledge.ids
    if len(roles) < 2:
        kept = replace(state, pending=None, choices=())
        return Turn(Intent.COMPARE, match.confidence, kept, roles=roles, ask_role=True, choices=match.candidates)
    new_state = State(role=roles[-1], intent=Intent.COMPARE, other_role=roles[-2])
    return Turn(Intent.COMPARE, match.confidence, new_state, roles=roles)


def _step(state: State, match: Match, role: Role, told: bool) -> int | None:
    """The 1-based step to talk about: from a stated situation, else one on from the last. One
    past the end means the person has done every step. A story `told` that places nothing
    leaves the place as it was."""
    if not role.path:
        return None
    if match.step_number == LAST_STEP:
        step = len(role.path)
    elif match.step_number is not None:
        step = match.step_number
    elif match.placement is not None:
        step = match.placement.next_step
    elif told:
        step = state.step or 1
    elif match.from_start:
        step = 1
    elif state.role == role.id and state.step is not None:
        step = state.step + 1
    else:
        step = 1
    return min(step, len(role.path) + 1)
