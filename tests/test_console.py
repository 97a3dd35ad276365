"""The prompt-toolkit console, driven for real: keys through a pipe input, and a pseudo-terminal.

Answers' wording belongs to the responses module and changes; these tests check behaviour (the
figure shows up, the context is kept or forgotten) and the console's own words.
"""

from __future__ import annotations

import io
import os
import re
import sys
import threading
import time
from pathlib import Path

import pexpect
import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.data_structures import Size
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from bot import Bot, Reply
from bot.console import ChatCompleter, history_path, status_line, welcome
from bot.knowledge import KnowledgeBase, Role, Salary
from bot.chat import COMMANDS, SESSION, Chat
from bot.repl import run
from tests.conftest import ROOT, SEED_KNOWLEDGE

SHIPPED_TITLE = "Software Engineer Machine Learning"
SALARY_QUESTION = f"How much does a {SHIPPED_TITLE} make?"
ENTER, CTRL_C, CTRL_D, F2, UP = "\r", "\x03", "\x04", "\x1bOQ", "\x1b[A"
#: Any SGR sequence that sets a colour (foreground, background, bright, 256 or true colour).
COLOUR_CODE = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


class RecordingBot(Bot):
    """The real bot, noting every question that reached it (so a cancelled line provably didn't)."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        super().__init__(knowledge)
        self.questions: list[str] = []

    def reply(self, text: str, session: str | None = None, debug: bool = False) -> Reply:
        self.questions.append(text)
        return super().reply(text, session=session, debug=debug)


@pytest.fixture
def shipped() -> RecordingBot:
    return RecordingBot(Bot.from_directory(SEED_KNOWLEDGE).knowledge)


def drive(bot: Bot, keys: str, *, capture: bool = False) -> tuple[int, str]:
    """Run the real console on `keys` (the pipe then closes, like Ctrl-D); the exit code and,
    when `capture` is set, everything written to an 80-column terminal."""
    stream = io.StringIO()
    output = Vt100_Output(stream, lambda: Size(rows=24, columns=80)) if capture else DummyOutput()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        code = run(bot, input=pipe, output=output)
    return code, stream.getvalue()


def test_a_typed_question_is_answered(shipped: RecordingBot) -> None:
    code, out = drive(shipped, SALARY_QUESTION + ENTER + CTRL_D, capture=True)
    assert code == 0
    assert shipped.questions == [SALARY_QUESTION]
    assert "$110,000" in out
    assert "Ask me about 1 role" in out and "/help" in out  # the welcome


def test_ctrl_c_cancels_the_line_being_typed(shipped: RecordingBot) -> None:
    code, _ = drive(shipped, "half a quest" + CTRL_C + "what do they do?" + ENTER + CTRL_D)
    assert code == 0
    assert shipped.questions == ["what do they do?"]


def test_quit_leaves_cleanly_and_ignores_what_follows(shipped: RecordingBot) -> None:
    code, out = drive(shipped, "/quit" + ENTER + "never asked" + ENTER, capture=True)
    assert code == 0
    assert shipped.questions == []
    assert "Good luck!" in out


def test_ctrl_d_on_an_empty_line_leaves_with_0(shipped: RecordingBot) -> None:
    assert drive(shipped, CTRL_D + "never asked" + ENTER) == (0, "")
    assert shipped.questions == []


def test_debug_toggles_the_understanding_line(shipped: RecordingBot) -> None:
    keys = "/debug" + ENTER + SALARY_QUESTION + ENTER + "/debug" + ENTER + "thanks" + ENTER
    _, out = drive(shipped, keys, capture=True)
    assert "Debug view on." in out and "Debug view off." in out
    assert out.count("intent=") == 1
    assert "role=software-engineer-machine-learning" in out


def test_f2_toggles_debug_without_losing_the_line(shipped: RecordingBot) -> None:
    _, out = drive(shipped, "salary of a " + F2 + SHIPPED_TITLE + ENTER, capture=True)
    assert shipped.questions == [f"salary of a {SHIPPED_TITLE}"]
    assert "intent=" in out


def test_reset_forgets_the_context(shipped: RecordingBot) -> None:
    drive(shipped, SALARY_QUESTION + ENTER)
    assert shipped.state(SESSION).role == "software-engineer-machine-learning"
    _, out = drive(shipped, "/reset" + ENTER, capture=True)
    assert shipped.state(SESSION).role is None
    assert "Forgotten." in out


def test_roles_and_help_come_from_the_knowledge_and_the_command_table(shipped: RecordingBot) -> None:
    _, out = drive(shipped, "/roles" + ENTER + "/HELP" + ENTER, capture=True)
    assert SHIPPED_TITLE in out
    for name, (_handler, text) in COMMANDS.items():
        assert name in out and text in out
    assert shipped.questions == []


def test_an_unknown_command_gets_a_friendly_line(shipped: RecordingBot) -> None:
    code, out = drive(shipped, "/frobnicate" + ENTER + CTRL_D, capture=True)
    assert code == 0 and shipped.questions == []
    assert "I don't know the command '/frobnicate'. Type /help" in out


def test_no_color_gives_no_colour_codes(shipped: RecordingBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    _, out = drive(shipped, "/debug" + ENTER + SALARY_QUESTION + ENTER, capture=True)
    assert not COLOUR_CODE.search(out)
    assert re.search(r"\$110,000[^\x1b]*intent=salary[^\x1b]*\n", out), "answer printed without escapes"


def test_colour_is_used_otherwise(shipped: RecordingBot) -> None:
    _, out = drive(shipped, SALARY_QUESTION + ENTER, capture=True)
    assert COLOUR_CODE.search(out)


def hostile_bot() -> RecordingBot:
    """A knowledge base whose strings try to recolour the terminal."""
    role = Role(
        id="evil-engineer",
        title="Evil\x1b[31m Engineer",
        aliases=("red\x1b]0;pwned\x07 team",),
        salary=Salary(average=1),
    )
    return RecordingBot(KnowledgeBase((role,)))


@pytest.mark.parametrize("no_color", [False, True])
def test_escape_sequences_from_knowledge_never_reach_the_terminal(no_color: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    bot = hostile_bot()
    _, out = drive(bot, "/roles" + ENTER + "salary of the Evil Engineer" + ENTER, capture=True)
    assert "\x1b[31m" not in out and "\x1b]0;" not in out
    assert "Evil Engineer" in out


def test_completer_offers_commands_and_multiword_role_names() -> None:
    knowledge = hostile_bot().knowledge
    completer = ChatCompleter(knowledge, {name: text for name, (_, text) in COMMANDS.items()})

    def complete(text: str) -> list[tuple[str, int]]:
        return [(c.text, c.start_position) for c in completer.get_completions(Document(text), CompleteEvent())]

    assert complete("/r") == [("/roles", -2), ("/reset", -2)]
    assert complete("how much does an evil en") == [("Evil Engineer", -7)]
    assert complete("ask the RED") == [("red team", -3)]  # aliases too, control characters gone
    assert complete("nothing here") == []


def test_toolbar_shows_the_role_and_the_step(shipped: RecordingBot) -> None:
    chat = Chat(shipped)
    assert "role: none yet" in status_line(chat, 100)
    chat.handle(SALARY_QUESTION)
    assert f"role: {SHIPPED_TITLE}" in status_line(chat, 100)
    assert "step: -" in status_line(chat, 100) and "debug: off (F2)" in status_line(chat, 100)
    chat.handle("I have a degree, what next?")
    assert re.search(r"step: \d of 6 ", status_line(chat, 100)), "the path step, out of the role's six"


@pytest.mark.parametrize("width", [80, 60, 40])
def test_toolbar_fits_narrow_terminals_and_keeps_the_step_and_help(shipped: RecordingBot, width: int) -> None:
    chat = Chat(shipped)
    chat.handle(SALARY_QUESTION)
    chat.handle("I have a degree, what next?")
    line = status_line(chat, width)
    assert len(line) <= width
    assert re.search(r"step: \d of 6", line) and "/help" in line
    assert "role: Software" in line  # the title's start at least


def test_the_console_gives_the_toolbar_the_terminal_width(shipped: RecordingBot, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.console

    widths: list[int] = []
    monkeypatch.setattr(bot.console, "status_line", lambda chat, width: widths.append(width) or "")
    session = bot.console.prompt_session(Chat(shipped), Vt100_Output(io.StringIO(), lambda: Size(rows=24, columns=60)))
    assert callable(session.bottom_toolbar)
    session.bottom_toolbar()
    assert widths == [60]


class KnownHeightOutput(Vt100_Output):
    """A terminal that tells prompt-toolkit how many rows are below the cursor, as a real one
    answers a cursor-position request; without that, prompt-toolkit never draws the toolbar."""

    def get_rows_below_cursor_position(self) -> int:
        return 20


def test_the_toolbar_as_drawn_at_60_columns_keeps_the_step_and_help(shipped: RecordingBot) -> None:
    stream = io.StringIO()
    output = KnownHeightOutput(stream, lambda: Size(rows=24, columns=60))
    with create_pipe_input() as pipe:
        pipe.send_text(SALARY_QUESTION + ENTER)

        def quit_once_the_answer_is_drawn() -> None:
            for _ in range(400):  # up to 20 s on a busy machine
                if stream.getvalue().count("ask> ") >= 2 and "role: Software" in stream.getvalue():
                    break
                time.sleep(0.05)
            pipe.send_text("/quit" + ENTER)

        helper = threading.Thread(target=quit_once_the_answer_is_drawn)
        helper.start()
        assert run(shipped, input=pipe, output=output) == 0
        helper.join()
    drawn = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b.", "", stream.getvalue())
    toolbars = set(re.findall(r"role: Software[^\r\n]*", drawn))
    assert toolbars, drawn[-500:]
    assert all(len(bar.rstrip()) <= 60 and bar.rstrip().endswith("| /help") and "step: -" in bar for bar in toolbars), toolbars


@pytest.mark.parametrize(("title", "phrase"), [("Electrician", "an Electrician"), ("Plumber", "a Plumber"), ("Orthodontist", "an Orthodontist")])
def test_the_welcome_uses_the_right_article(title: str, phrase: str) -> None:
    from bot.knowledge import slugify

    text = welcome(KnowledgeBase((Role(id=slugify(title), title=title),)), None)
    assert f"How much does {phrase} make?" in text


def test_history_is_kept_in_the_xdg_state_dir(shipped: RecordingBot, isolated_home: Path) -> None:
    assert history_path() == isolated_home / ".local/state/careerbot/history"
    drive(shipped, SALARY_QUESTION + ENTER)
    assert SALARY_QUESTION in history_path().read_text(encoding="utf-8")


def test_an_unusable_state_dir_costs_only_the_history(
    shipped: RecordingBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    code, out = drive(shipped, SALARY_QUESTION + ENTER, capture=True)
    assert code == 0 and "$110,000" in out
    assert "History is not saved this time" in out


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_real_terminal_session(isolated_home: Path) -> None:
    """The whole thing in a pseudo-terminal: answer, Tab completion, history, /quit."""
    env = {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(ROOT)}
    child = pexpect.spawn(sys.executable, ["-m", "bot", "--knowledge", str(SEED_KNOWLEDGE)], env=env, cwd=str(ROOT), dimensions=(30, 100), encoding="utf-8", timeout=20)
    try:
        child.expect_exact("ask> ")
        child.send(SALARY_QUESTION + ENTER)
        child.expect_exact("110,000")
        child.expect_exact("ask> ")

        child.send("how do I become a softw")
        child.expect_exact("softw")
        child.send("\t")  # completes the only role starting with "softw"
        child.expect_exact("Machine Learning")
        child.send(ENTER)
        child.expect_exact("ask> ")

        child.send(UP)  # recalls the line just sent, completed
        child.expect_exact(f"how do I become a {SHIPPED_TITLE}")
        child.send("\x15")  # Ctrl-U clears it again
        child.send("/quit" + ENTER)
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    history = (isolated_home / ".local/state/careerbot/history").read_text(encoding="utf-8")
    assert SALARY_QUESTION in history and f"+how do I become a {SHIPPED_TITLE}\n" in history
