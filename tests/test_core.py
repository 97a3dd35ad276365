"""The Bot boundary: `answer` and `Bot.reply` never raise, answer politely when a stage fails,
keep sessions apart (also under many threads), give JSON-ready replies, and `import bot` stays
cheap (no YAML read, no prompt-toolkit or web stack imported)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import Bot, Intent, Reply, answer

from conftest import FICTIONAL_KNOWLEDGE, ROOT

MLE = "software-engineer-machine-learning"
DATA = "data-engineer"
DEVOPS = "devops-engineer"


@pytest.fixture(scope="module")
def bot() -> Bot:
    return Bot.from_directory(FICTIONAL_KNOWLEDGE)


def assert_well_formed(reply: Reply, bot: Bot) -> None:
    """What every reply must be, whatever was asked."""
    assert isinstance(reply, Reply)
    assert isinstance(reply.text, str) and reply.text
    assert isinstance(reply.intent, Intent)
    assert reply.role is None or reply.role in bot.knowledge.ids
    assert 0.0 <= reply.confidence <= 1.0
    assert reply.step is None or reply.step >= 1
    assert all(isinstance(s, str) and s for s in reply.suggestions)
    json.dumps(reply.to_dict())


# --- never raises -----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(text=st.text(), session=st.none() | st.text(max_size=20))
def test_reply_never_raises_on_any_string(bot: Bot, text: str, session: str | None) -> None:
    assert_well_formed(bot.reply(text, session=session), bot)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from("salary data engineer ?")))
def test_reply_never_raises_on_control_characters(bot: Bot, text: str) -> None:
    assert_well_formed(bot.reply(text, session="control"), bot)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_answer_never_raises(text: str) -> None:
    reply = answer(text, session="fuzz")
    assert isinstance(reply, str) and reply


@pytest.mark.parametrize(
    "text",
    [
        "",
        " " * 10_000,
        "salary " * 200_000,
        "x" * 1_000_000,
        "\x00" * 5000,
        "\ud800 how much does a data engineer make \udfff",  # lone surrogates from a JSON body
        "\u202e\u200b\ufeff data engineer salary",
        "💼" * 3000,
        "\n".join(["what does a devops engineer do?"] * 500),
    ],
    ids=["empty", "spaces", "long-words", "long-word", "nul", "surrogates", "format-chars", "emoji", "many-lines"],
)
def test_reply_on_awkward_strings(bot: Bot, text: str) -> None:
    assert_well_formed(bot.reply(text, session="awkward"), bot)


class Unprintable:
    def __str__(self) -> str:
        raise RuntimeError("no text for you")


@pytest.mark.parametrize("value", [None, 42, 3.5, b"salary", ["salary"], {"q": 1}, Unprintable()])
def test_reply_on_non_strings_from_a_careless_caller(bot: Bot, value: object) -> None:
    assert_well_formed(bot.reply(value, session="careless"), bot)  # type: ignore[arg-type]


@pytest.mark.parametrize("session", [None, "", 7, b"abc", ("tuple",)])
def test_reply_with_an_odd_session_id(bot: Bot, session: object) -> None:
    assert_well_formed(bot.reply("how much does a data engineer make?", session=session), bot)  # type: ignore[arg-type]


def test_answer_is_about_the_shipped_role_and_keeps_context() -> None:
    first = answer("How much does an ML engineer make?", session="core-answer")
    follow = answer("and what do they do?", session="core-answer")
    assert "$110,000" in first
    assert "machine learning algorithms" in follow


# --- a failing stage --------------------------------------------------------------------------


@pytest.fixture
def fresh_bot() -> Bot:
    return Bot.from_directory(FICTIONAL_KNOWLEDGE)


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("stage failed")


@pytest.mark.parametrize("stage", ["matcher", "render", "advance", "store"])
def test_failing_stage_gives_a_polite_reply_and_the_session_survives(
    fresh_bot: Bot, monkeypatch: pytest.MonkeyPatch, stage: str, caplog: pytest.LogCaptureFixture
) -> None:
    first = fresh_bot.reply("how much does a data engineer make?", session="s")
    assert first.role == DATA
    with monkeypatch.context() as patch:
        if stage == "matcher":
            patch.setattr(fresh_bot.matcher, "match", _boom)
        elif stage == "render":
            patch.setattr("bot.responses.render", _boom)
        elif stage == "advance":
            patch.setattr("bot.dialogue.advance", _boom)
        else:
            patch.setattr(fresh_bot.store, "update", _boom)
        failed = fresh_bot.reply("and what do they do?", session="s")
    assert failed.intent is Intent.OUT_OF_SCOPE and failed.role is None
    assert "sorry" in failed.text.lower()
    assert 2 <= len(failed.suggestions) <= 4
    assert "stage failed" in caplog.text  # logged for the developer, not shown to the person
    assert "stage failed" not in failed.text
    again = fresh_bot.reply("and what do they do?", session="s")
    assert (again.intent, again.role) == (Intent.RESPONSIBILITIES, DATA)


def test_answer_when_the_shipped_base_cannot_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.core._default_bot", None)
    monkeypatch.setattr("bot.core.Bot.from_directory", _boom)
    assert "sorry" in answer("what does it pay?").lower()


# --- sessions ---------------------------------------------------------------------------------


def test_sessions_never_see_each_other(fresh_bot: Bot) -> None:
    assert fresh_bot.reply("how much does a data engineer make?", session="ann").role == DATA
    assert fresh_bot.reply("how much does a devops engineer make?", session="bob").role == DEVOPS
    ann = fresh_bot.reply("and what do they do?", session="ann")
    bob = fresh_bot.reply("and what do they do?", session="bob")
    assert (ann.role, bob.role) == (DATA, DEVOPS)
    assert fresh_bot.state("ann").role == DATA and fresh_bot.state("bob").role == DEVOPS


def test_a_new_session_has_no_context(fresh_bot: Bot) -> None:
    fresh_bot.reply("how much does a data engineer make?", session="ann")
    reply = fresh_bot.reply("and what do they do?", session="carl")
    assert reply.role is None


def test_reset_forgets_a_session(fresh_bot: Bot) -> None:
    fresh_bot.reply("how much does a data engineer make?", session="ann")
    fresh_bot.reset("ann")
    assert fresh_bot.state("ann").role is None
    assert fresh_bot.reply("what do they do?", session="ann").role is None


CONVERSATIONS = {
    DATA: ["how much does a data engineer make?", "what do they do?", "what's next?", "and after that?"],
    DEVOPS: ["what does a devops engineer earn?", "how do I become one?", "what's next?", "and then?"],
    MLE: ["tell me about ML engineers", "what skills do they need?", "what's next?", "what's next?"],
}


def _converse(bot: Bot, session: str, role: str) -> list[tuple[str, str | None, int | None, str]]:
    return [(r.intent.value, r.role, r.step, r.text) for r in (bot.reply(q, session=session) for q in CONVERSATIONS[role])]


def test_many_threads_on_distinct_sessions_get_consistent_results(fresh_bot: Bot) -> None:
    roles = list(CONVERSATIONS)
    expected = {role: _converse(Bot.from_directory(FICTIONAL_KNOWLEDGE), "solo", role) for role in roles}
    assert all(turns[0][1] == role for role, turns in expected.items())
    jobs = [(f"visitor-{n}", roles[n % len(roles)]) for n in range(48)]
    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(lambda job: (job[1], _converse(fresh_bot, *job)), jobs))
    assert all(turns == expected[role] for role, turns in results)


# --- Reply ------------------------------------------------------------------------------------


def test_reply_to_dict_is_json_ready(bot: Bot) -> None:
    reply = bot.reply("I just finished my CS degree, what now for an ML engineer?", session="json")
    data = json.loads(json.dumps(reply.to_dict()))
    assert data == {
        "text": reply.text,
        "intent": reply.intent.value,
        "role": reply.role,
        "confidence": round(reply.confidence, 3),
        "step": reply.step,
        "suggestions": list(reply.suggestions),
    }
    assert (data["intent"], data["role"], data["step"]) == ("next_step", MLE, 2)


def test_reply_is_immutable(bot: Bot) -> None:
    reply = bot.reply("hello", session="frozen")
    with pytest.raises(AttributeError):
        reply.text = "changed"  # type: ignore[misc]


# --- import cost ------------------------------------------------------------------------------

IMPORT_PROBE = textwrap.dedent(
    """
    import json, sys
    opened = []
    def audit(event, args):
        if event == "open" and str(args[0]).endswith((".yaml", ".yml")):
            opened.append(str(args[0]))
    sys.addaudithook(audit)
    import bot, bot.core
    print(json.dumps({
        "default_bot": bot.core._default_bot is None,
        "yaml_opened": opened,
        "heavy": sorted(m for m in sys.modules if m.split(".")[0] in {"prompt_toolkit", "starlette", "uvicorn", "numpy"}),
    }))
    """
)


def test_import_bot_is_cheap() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    probe = json.loads(result.stdout)
    assert probe == {"default_bot": True, "yaml_opened": [], "heavy": []}


@pytest.mark.parametrize(
    "sequence", ["\x1b[31m", "\x1b[1;31m", "\x1b]0;pwned title\x07", "\x1b]2;pwned. so? I\x1b\\", "\x9b2J", "\x9d0;pwned\x9c"]
)
@pytest.mark.parametrize(
    "question",
    [
        "how much does a SEQ plumber make?",
        "how much does a SEQplumber make?",
        "what does a data engineer SEQ do?",
        "how do SEQ I become a data engineer",
    ],
)
def test_escape_sequences_typed_into_a_question_change_nothing(fresh_bot: Bot, sequence: str, question: str) -> None:
    plain = fresh_bot.reply(question.replace("SEQ", ""), session="plain")
    typed = fresh_bot.reply(question.replace("SEQ", sequence), session="typed")
    assert typed == plain
    assert "pwned" not in typed.text and "\x1b" not in typed.text
