"""The conversation shared by both front ends, the slash commands, and the plain (piped) mode.

Piped runs go through a real subprocess, as a script would use `careerbot`; the answers' wording
is the responses module's business, so only figures, roles and the commands' own words are checked.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

from bot import Bot
from bot.knowledge import KnowledgeBase, Role
from bot.chat import COMMANDS, ROLES_SHOWN, Chat, Outcome
from bot.repl import answer_lines
from tests.conftest import ROOT, SEED_KNOWLEDGE

SHIPPED_ID = "software-engineer-machine-learning"
SALARY_QUESTION = "How much does a Software Engineer Machine Learning make?"


def careerbot(*args: str, stdin: str | bytes = b"", **env: str) -> subprocess.CompletedProcess[str]:
    """`careerbot ARGS` in a subprocess with stdin and stdout as pipes, never a terminal."""
    run = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin.encode() if isinstance(stdin, str) else stdin,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        timeout=60,
    )
    return subprocess.CompletedProcess(run.args, run.returncode, run.stdout.decode(), run.stderr.decode())


def many_roles(count: int) -> Bot:
    roles = tuple(Role(id=f"role-{n:03}", title=f"Role {n:03}") for n in range(count))
    return Bot(KnowledgeBase(roles))


def test_blank_lines_do_nothing() -> None:
    assert Chat(many_roles(1)).handle("   \n") == Outcome()


def test_help_is_generated_from_the_command_table() -> None:
    message = Chat(many_roles(1)).handle("/help").message
    for name, (_handler, text) in COMMANDS.items():
        assert f"{name}" in message and text in message


def test_commands_ignore_case_and_unknown_ones_are_named_cleanly() -> None:
    chat = Chat(many_roles(1))
    assert chat.handle("/QUIT").quit
    message = chat.handle("/nope\x1b[31m").message
    assert message == "I don't know the command '/nope'. Type /help to see the commands."


def test_roles_filters_and_caps_a_long_list() -> None:
    chat = Chat(many_roles(ROLES_SHOWN + 5))
    listing = chat.handle("/roles").message
    assert f"({ROLES_SHOWN + 5})" in listing and "... and 5 more" in listing
    assert chat.handle("/roles 007").message.splitlines() == ["Roles I know about (1):", "- Role 007"]
    assert chat.handle("/roles \x1b[31mzzz").message == "No role title contains 'zzz'."


def test_debug_is_a_toggle() -> None:
    chat = Chat(many_roles(1))
    assert chat.handle("/debug").message == "Debug view on." and chat.debug
    assert chat.handle("/debug").message == "Debug view off." and not chat.debug


def test_plain_mode_keeps_one_session_and_stops_at_quit() -> None:
    chat, out = Chat(Bot.from_directory(SEED_KNOWLEDGE)), io.StringIO()
    lines = ["/debug\n", SALARY_QUESTION + "\n", "\n", "what do they do?\n", "/quit\n", "never asked\n"]
    assert answer_lines(chat, lines, out) == 0
    blocks = out.getvalue().split("\n\n")
    assert blocks[0] == "Debug view on."
    assert "$110,000" in blocks[1] and f"role={SHIPPED_ID}" in blocks[1]
    assert f"role={SHIPPED_ID}" in blocks[2]  # context kept: "they" is the same role
    assert len(blocks) == 3


def test_piped_stdin_gives_plain_answers_in_one_session() -> None:
    run = careerbot("--knowledge", str(SEED_KNOWLEDGE), stdin=f"/debug\n{SALARY_QUESTION}\nwhat do they do?\n")
    assert run.returncode == 0, run.stderr
    assert "\x1b" not in run.stdout and "ask>" not in run.stdout
    assert "$110,000" in run.stdout
    assert run.stdout.count(f"role={SHIPPED_ID}") == 2


def test_piped_stdin_with_no_color_and_hostile_bytes_is_still_plain() -> None:
    run = careerbot("chat", stdin=b"tell me \x1b[31mabout salary\xff\n/roles \x1b]0;x\x07\n", NO_COLOR="1")
    assert run.returncode == 0, run.stderr
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout


def test_ask_json_prints_the_reply() -> None:
    run = careerbot("--knowledge", str(SEED_KNOWLEDGE), "ask", SALARY_QUESTION, "--json")
    assert run.returncode == 0, run.stderr
    reply = json.loads(run.stdout)
    assert reply["intent"] == "salary" and reply["role"] == SHIPPED_ID and "110,000" in reply["text"]
    assert set(reply) >= {"text", "intent", "role", "confidence", "step", "suggestions"}


def test_the_library_and_ask_never_import_prompt_toolkit() -> None:
    probes = {
        "api": "import bot, sys; bot.answer('hi'); print('prompt_toolkit' in sys.modules)",
        "ask": "import sys; from bot.cli import main; main(['ask', 'hi']); print('prompt_toolkit' in sys.modules)",
        "piped chat": "import io, sys; from bot import Bot; from bot.chat import Chat; from bot.repl import answer_lines;"
        " answer_lines(Chat(Bot.from_directory()), ['hi'], io.StringIO()); print('prompt_toolkit' in sys.modules)",
    }
    for name, code in probes.items():
        run = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60,
        )
        assert run.stdout.splitlines()[-1:] == ["False"], (name, run.stdout, run.stderr)
