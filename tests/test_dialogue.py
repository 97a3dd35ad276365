"""Dialogue: the session state value, the bounded thread-safe MemoryStore, and `advance` as a pure
function of (state, match, knowledge), driven with hand-built Match values so each follow-up form
is tested without the matcher."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import Bot
from bot.dialogue import MemoryStore, State, Turn, advance
from bot.intents import load_intents
from bot.knowledge import KnowledgeBase, load_directory
from bot.matcher import Match
from bot.pathfinder import Placement
from bot.reply import ROLE_INTENTS, Intent

from conftest import FICTIONAL_KNOWLEDGE, ROOT, SEED_KNOWLEDGE

MLE = "software-engineer-machine-learning"
DATA = "data-engineer"
DEVOPS = "devops-engineer"
#: Steps on the shipped role's path.
MLE_STEPS = 6


@pytest.fixture(scope="module")
def shipped() -> KnowledgeBase:
    return load_directory(SEED_KNOWLEDGE)


@pytest.fixture(scope="module")
def fictional() -> KnowledgeBase:
    return load_directory(FICTIONAL_KNOWLEDGE)


def ask(intent: Intent | None, *roles: str, **extra: object) -> Match:
    """A Match as the matcher would give it for a clear question."""
    return Match(intent=intent, confidence=0.9, roles=roles, **extra)  # type: ignore[arg-type]


def walk(state: State, matches: list[Match], knowledge: KnowledgeBase) -> list[Turn]:
    """Advance through several messages, each turn's state feeding the next."""
    turns = []
    for match in matches:
        turn = advance(state, match, knowledge)
        turns.append(turn)
        state = turn.state
    return turns


# --- State ------------------------------------------------------------------------------------

states = st.builds(
    State,
    role=st.none() | st.sampled_from([MLE, DATA, "x"]),
    intent=st.none() | st.sampled_from(list(Intent)),
    step=st.none() | st.integers(1, 20),
    pending=st.none() | st.sampled_from(sorted(ROLE_INTENTS)),
    other_role=st.none() | st.text(max_size=30),
    area=st.none() | st.sampled_from(["S4800000", "M0012420"]),
    percentiles=st.lists(st.sampled_from([10, 25, 50, 75, 90]), max_size=3).map(tuple),
    entry_level=st.booleans(),
)


@given(states)
def test_state_round_trips_through_json(state: State) -> None:
    data = json.loads(json.dumps(state.to_dict()))
    assert State.from_dict(data) == state


def test_state_to_dict_uses_intent_names() -> None:
    data = State(role=DATA, intent=Intent.NEXT_STEP, step=2, pending=Intent.SALARY).to_dict()
    assert data == {
        "role": DATA, "intent": "next_step", "step": 2, "pending": "salary", "other_role": None, "choices": [],
        "situation": [], "area": None, "percentiles": [], "entry_level": False,
    }


@pytest.mark.parametrize(
    "junk",
    [
        {},
        {"whatever": 1},
        {"role": 5, "intent": "wages", "step": "3", "pending": 7},
        {"role": None, "intent": None, "step": 2.5, "pending": "nope"},
    ],
)
def test_state_from_junk_is_fresh(junk: dict[str, object]) -> None:
    assert State.from_dict(junk) == State()


@pytest.mark.parametrize("junk", [{"pending": ["salary"]}, {"intent": {"salary": 1}}])
def test_state_from_unhashable_junk_is_fresh(junk: dict[str, object]) -> None:
    assert State.from_dict(junk) == State()


def test_state_from_a_bool_step_is_fresh() -> None:
    assert State.from_dict({"step": True}) == State()


# --- MemoryStore ------------------------------------------------------------------------------


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("size", [0, -1])
def test_store_needs_room_for_one_session(size: int) -> None:
    with pytest.raises(ValueError):
        MemoryStore(max_sessions=size)


def test_store_keeps_what_is_put() -> None:
    store = MemoryStore()
    assert store.get("a") is None
    store.put("a", State(role=DATA))
    store.put("a", State(role=DEVOPS))
    assert store.get("a") == State(role=DEVOPS)
    assert len(store) == 1


def test_store_size_bound_evicts_the_least_recently_put() -> None:
    store = MemoryStore(max_sessions=3)
    for name in "abcd":
        store.put(name, State(role=name))
    assert len(store) == 3
    assert store.get("a") is None
    assert [store.get(n) for n in "bcd"] == [State(role=n) for n in "bcd"]


def test_store_writing_a_session_again_makes_it_recent() -> None:
    store = MemoryStore(max_sessions=2)
    store.put("a", State())
    store.put("b", State())
    store.put("a", State(step=2))
    store.put("c", State())
    assert store.get("b") is None
    assert store.get("a") == State(step=2)


def test_store_reading_a_session_makes_it_recent() -> None:
    store = MemoryStore(max_sessions=2)
    store.put("a", State())
    store.put("b", State())
    store.get("a")
    store.put("c", State())
    assert store.get("a") == State()


def test_store_idle_sessions_expire() -> None:
    clock = Clock()
    store = MemoryStore(idle_seconds=60, clock=clock)
    store.put("a", State(role=DATA))
    clock.now += 60
    assert store.get("a") == State(role=DATA)  # exactly at the limit: still alive
    clock.now += 0.5
    assert store.get("a") is None
    assert len(store) == 0


def test_store_put_refreshes_expiry() -> None:
    clock = Clock()
    store = MemoryStore(idle_seconds=60, clock=clock)
    store.put("a", State())
    clock.now += 50
    store.put("a", State(step=1))
    clock.now += 50
    assert store.get("a") == State(step=1)


def test_store_put_sweeps_expired_sessions() -> None:
    clock = Clock()
    store = MemoryStore(idle_seconds=10, clock=clock)
    for name in "abc":
        store.put(name, State())
    clock.now += 11
    store.put("d", State())
    assert len(store) == 1


def test_store_delete() -> None:
    store = MemoryStore()
    store.put("a", State(role=DATA))
    store.put("b", State(role=DEVOPS))
    store.delete("a")
    store.delete("never-seen")
    assert store.get("a") is None
    assert store.get("b") == State(role=DEVOPS)


def _run_threads(count: int, work) -> None:
    threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_store_many_threads_lose_no_update() -> None:
    store = MemoryStore(max_sessions=10_000)
    threads, sessions, writes = 16, 40, 5
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for write in range(1, writes + 1):
                for i in range(sessions):
                    store.put(f"{n}-{i}", State(role=str(n), step=write))
                    assert store.get(f"{n}-{i}") == State(role=str(n), step=write)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    _run_threads(threads, work)
    assert errors == []
    assert len(store) == threads * sessions
    assert all(store.get(f"{n}-{i}") == State(role=str(n), step=writes) for n in range(threads) for i in range(sessions))


def test_store_racing_turns_of_one_session_lose_none() -> None:
    """Each turn adds one to `step`; a lost update would leave the total short."""
    store = MemoryStore()
    calls: list[int] = []

    def one_more(state: State) -> tuple[State, int]:
        calls.append(1)
        time.sleep(0.0005)  # hand the GIL to another turn between read and write
        return replace(state, step=(state.step or 0) + 1), 0

    _run_threads(4, lambda n: [store.update("busy", one_more) for _ in range(20)])
    assert store.get("busy") == State(step=80)
    assert len(calls) > 80  # the turns did collide, and the later ones ran again


def test_store_update_returns_the_result_and_starts_new_sessions_fresh() -> None:
    store = MemoryStore()
    assert store.update("new", lambda state: (replace(state, role=DATA), state)) == State()
    assert store.get("new") == State(role=DATA)


def test_store_many_threads_stay_within_the_bound() -> None:
    store = MemoryStore(max_sessions=25)

    def work(n: int) -> None:
        for i in range(200):
            store.put(f"{n}-{i}", State(step=i + 1))
            store.get(f"{n}-{i // 2}")

    _run_threads(8, work)
    assert len(store) == 25
    live = [store.get(f"{n}-{i}") for n in range(8) for i in range(200)]
    assert sum(state is not None for state in live) == 25


# --- advance: follow-ups ----------------------------------------------------------------------


def test_bare_role_continues_the_previous_intent(fictional: KnowledgeBase) -> None:
    state = State(role=DATA, intent=Intent.SALARY)
    turn = advance(state, ask(None, DEVOPS), fictional)
    assert (turn.intent, turn.roles) == (Intent.SALARY, (DEVOPS,))
    assert turn.state.role == DEVOPS and turn.state.intent is Intent.SALARY


@pytest.mark.parametrize(
    "previous", [Intent.RESPONSIBILITIES, Intent.SKILLS, Intent.EDUCATION, Intent.JOB_OPENINGS, Intent.CAREER_PATH]
)
def test_switching_role_keeps_the_question(fictional: KnowledgeBase, previous: Intent) -> None:
    """ "what about a devops engineer?" reaches advance as a match with the role and no intent."""
    turn = advance(State(role=DATA, intent=previous), ask(None, DEVOPS), fictional)
    assert (turn.intent, turn.roles) == (previous, (DEVOPS,))


def test_switching_role_while_walking_the_path_gives_the_new_path(fictional: KnowledgeBase) -> None:
    turn = advance(State(role=DATA, intent=Intent.NEXT_STEP, step=3), ask(None, DEVOPS), fictional)
    assert (turn.intent, turn.roles, turn.step) == (Intent.CAREER_PATH, (DEVOPS,), None)
    assert turn.state.step is None


def test_bare_role_without_history_is_an_overview(fictional: KnowledgeBase) -> None:
    turn = advance(State(), ask(None, DATA), fictional)
    assert (turn.intent, turn.roles) == (Intent.OVERVIEW, (DATA,))


def test_follow_up_without_a_role_keeps_the_role(fictional: KnowledgeBase) -> None:
    state = State(role=DEVOPS, intent=Intent.SALARY)
    turn = advance(state, ask(Intent.RESPONSIBILITIES), fictional)
    assert (turn.intent, turn.roles) == (Intent.RESPONSIBILITIES, (DEVOPS,))


def test_single_role_base_needs_no_role(shipped: KnowledgeBase) -> None:
    turn = advance(State(), ask(Intent.SALARY), shipped)
    assert (turn.roles, turn.ask_role) == ((MLE,), False)


def test_next_step_walks_the_path_and_stops_at_its_end(shipped: KnowledgeBase) -> None:
    turns = walk(State(), [ask(Intent.NEXT_STEP)] * (MLE_STEPS + 2), shipped)
    # past the last step the turn says so (one past the end); the state stays on the last step
    assert [t.step for t in turns] == [*range(1, MLE_STEPS + 1), MLE_STEPS + 1, MLE_STEPS + 1]
    assert all(t.intent is Intent.NEXT_STEP and t.roles == (MLE,) for t in turns)
    assert turns[-1].state.step == MLE_STEPS


def test_next_step_from_a_stated_situation(shipped: KnowledgeBase) -> None:
    turns = walk(
        State(),
        [ask(Intent.NEXT_STEP, placement=Placement(step=1, done=True)), ask(Intent.NEXT_STEP)],
        shipped,
    )
    assert [t.step for t in turns] == [2, 3]


def test_step_under_way_is_the_next_step(shipped: KnowledgeBase) -> None:
    turn = advance(State(), ask(Intent.NEXT_STEP, placement=Placement(step=4, done=False)), shipped)
    assert turn.step == 4


def test_having_done_the_last_step_means_the_path_is_done(shipped: KnowledgeBase) -> None:
    from bot.responses import render

    turn = advance(State(), ask(Intent.NEXT_STEP, placement=Placement(step=MLE_STEPS, done=True)), shipped)
    assert turn.step == MLE_STEPS + 1 and turn.state.step == MLE_STEPS
    reply = render(turn, shipped, load_intents(ROOT / "intents"))
    assert reply.step == MLE_STEPS and "every step" in reply.text


def test_asking_where_to_start_restarts_the_walk(shipped: KnowledgeBase) -> None:
    turn = advance(State(role=MLE, intent=Intent.NEXT_STEP, step=4), ask(Intent.NEXT_STEP, from_start=True), shipped)
    assert turn.step == 1


def test_other_questions_keep_the_place_on_the_path(shipped: KnowledgeBase) -> None:
    turns = walk(State(), [ask(Intent.NEXT_STEP), ask(Intent.NEXT_STEP), ask(Intent.SALARY), ask(Intent.NEXT_STEP)], shipped)
    assert [t.step for t in turns] == [1, 2, None, 3]


def test_a_situation_stated_in_passing_is_remembered(shipped: KnowledgeBase) -> None:
    turns = walk(
        State(),
        [ask(Intent.EDUCATION, placement=Placement(step=1, done=True), placed=True), ask(Intent.NEXT_STEP)],
        shipped,
    )
    assert turns[-1].step == 2


@pytest.mark.parametrize("intent", sorted(ROLE_INTENTS - {Intent.NEXT_STEP}, key=str))
def test_a_question_naming_a_step_never_moves_the_place(shipped: KnowledgeBase, intent: Intent) -> None:
    """ "do I need a degree?" is about the education step, but the person said nothing of
    themselves: the place on the path stays where it was."""
    start = State(role=MLE, intent=Intent.NEXT_STEP, step=3)
    turns = walk(start, [ask(intent, placement=Placement(step=1, done=False)), ask(Intent.NEXT_STEP)], shipped)
    assert turns[0].state.step == 3
    assert turns[-1].step == 4


def test_next_step_for_a_new_role_starts_its_own_path(fictional: KnowledgeBase) -> None:
    turns = walk(State(), [ask(Intent.NEXT_STEP, DATA), ask(Intent.NEXT_STEP, DATA), ask(Intent.NEXT_STEP, DEVOPS)], fictional)
    assert [(t.roles, t.step) for t in turns] == [((DATA,), 1), ((DATA,), 2), ((DEVOPS,), 1)]


# --- advance: asking which role ---------------------------------------------------------------


def test_pending_intent_asks_for_a_role_and_the_bare_role_completes_it(fictional: KnowledgeBase) -> None:
    asked, completed = walk(State(), [ask(Intent.JOB_OPENINGS), ask(None, DEVOPS)], fictional)
    assert asked.ask_role and asked.roles == ()
    assert asked.state.pending is Intent.JOB_OPENINGS
    assert (completed.intent, completed.roles, completed.ask_role) == (Intent.JOB_OPENINGS, (DEVOPS,), False)
    assert completed.state.pending is None


def test_pending_next_step_completed_by_a_role_walks_its_path(fictional: KnowledgeBase) -> None:
    asked, completed = walk(State(), [ask(Intent.NEXT_STEP), ask(None, DATA)], fictional)
    assert asked.ask_role
    assert completed.roles == (DATA,)
    assert completed.intent in (Intent.CAREER_PATH, Intent.NEXT_STEP)


def test_small_talk_drops_a_pending_question(fictional: KnowledgeBase) -> None:
    _, thanks, role = walk(State(), [ask(Intent.SALARY), ask(Intent.THANKS), ask(None, DATA)], fictional)
    assert thanks.intent is Intent.THANKS and thanks.state.pending is None
    assert role.intent is Intent.OVERVIEW


# --- advance: unknown roles, off-topic, compare -----------------------------------------------


def test_unknown_role_is_reported_and_the_role_in_context_dropped(fictional: KnowledgeBase) -> None:
    turn = advance(State(role=DATA, intent=Intent.SKILLS), ask(Intent.SALARY, unknown_role="nurse"), fictional)
    assert (turn.roles, turn.unknown_role) == ((), "nurse")
    assert turn.state.role is None


@given(state=states, intent=st.none() | st.sampled_from(sorted(ROLE_INTENTS)))
def test_unknown_role_never_yields_a_known_role(fictional: KnowledgeBase, state: State, intent: Intent | None) -> None:
    turn = advance(state, ask(intent, unknown_role="astronaut"), fictional)
    assert turn.roles == ()
    assert turn.unknown_role == "astronaut"
    assert turn.state.role is None


def test_compare_with_an_unknown_role_reports_it(shipped: KnowledgeBase) -> None:
    turn = advance(State(), ask(Intent.COMPARE, unknown_role="data engineer"), shipped)
    assert turn.unknown_role == "data engineer"


def test_off_topic_keeps_the_context(fictional: KnowledgeBase) -> None:
    state = State(role=DATA, intent=Intent.SALARY)
    turn = advance(state, Match(intent=None, confidence=0.1, off_topic=True), fictional)
    assert turn.intent is Intent.OUT_OF_SCOPE and turn.roles == ()
    assert turn.state.role == DATA


def test_compare_two_named_roles(fictional: KnowledgeBase) -> None:
    turn = advance(State(), ask(Intent.COMPARE, DEVOPS, DATA), fictional)
    assert (turn.intent, turn.roles, turn.ask_role) == (Intent.COMPARE, (DEVOPS, DATA), False)


def test_salary_of_two_roles_is_a_comparison(fictional: KnowledgeBase) -> None:
    turn = advance(State(), ask(Intent.SALARY, DATA, DEVOPS), fictional)
    assert (turn.intent, turn.roles) == (Intent.COMPARE, (DATA, DEVOPS))


def test_compare_one_role_with_the_one_discussed(fictional: KnowledgeBase) -> None:
    turn = advance(State(role=DATA, intent=Intent.SALARY), ask(Intent.COMPARE, DEVOPS), fictional)
    assert turn.roles == (DATA, DEVOPS)


def test_compare_one_role_without_context_asks(fictional: KnowledgeBase) -> None:
    turn = advance(State(), ask(Intent.COMPARE, DEVOPS), fictional)
    assert turn.ask_role and turn.intent is Intent.COMPARE


def test_advance_is_pure(fictional: KnowledgeBase) -> None:
    state = State(role=DATA, intent=Intent.NEXT_STEP, step=1)
    match = ask(Intent.NEXT_STEP)
    first = advance(state, match, fictional)
    assert advance(state, match, fictional) == first
    assert state == State(role=DATA, intent=Intent.NEXT_STEP, step=1)


def test_compare_them_uses_the_last_two_roles_discussed(fictional: KnowledgeBase) -> None:
    turns = walk(State(), [ask(Intent.SALARY, DATA), ask(None, DEVOPS), ask(Intent.COMPARE)], fictional)
    assert turns[-1].intent is Intent.COMPARE and set(turns[-1].roles) == {DATA, DEVOPS}


def test_a_partial_name_narrows_then_answers_which_role(fictional: KnowledgeBase) -> None:
    asked = advance(State(), ask(Intent.SALARY, candidates=(DATA, DEVOPS)), fictional)
    assert asked.ask_role and asked.choices == (DATA, DEVOPS) and asked.state.pending is Intent.SALARY
    answered = advance(asked.state, ask(None, candidates=(DEVOPS, MLE)), fictional)
    assert answered.intent is Intent.SALARY and answered.roles == (DEVOPS,)


def test_the_other_one_goes_back_to_the_previous_role(fictional: KnowledgeBase) -> None:
    turns = walk(State(), [ask(Intent.SALARY, DATA), ask(None, DEVOPS), ask(None, other_role=True)], fictional)
    assert turns[-1].roles == (DATA,) and turns[-1].intent is Intent.SALARY


def test_yes_accepts_the_one_role_offered(fictional: KnowledgeBase) -> None:
    asked = advance(State(), ask(Intent.SALARY, candidates=(DATA,)), fictional)
    assert asked.ask_role and asked.choices == (DATA,)
    answered = advance(asked.state, ask(None, affirms=True), fictional)
    assert answered.intent is Intent.SALARY and answered.roles == (DATA,)


def test_a_situation_told_before_another_question_still_places_the_person() -> None:
    bot = Bot(load_directory(SEED_KNOWLEDGE))
    first = bot.reply("I have a computer science degree and I code in Python every day. How much do they earn?", session="told")
    assert first.intent is Intent.SALARY and first.step is None
    assert bot.reply("what's next?", session="told").step == 3
