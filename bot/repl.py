"""`careerbot` with no arguments: a conversation in the terminal, or over a pipe.

This module picks the front end for a `Chat` (`chat.py`): the prompt-toolkit console for a
person at a terminal, plain line-in/answer-out for scripts. prompt-toolkit is imported only
for the former.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from .chat import Chat, Outcome
from .core import Bot
from .terminal import clean, debug_line

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output


def run(bot: Bot, *, input: Input | None = None, output: Output | None = None) -> int:
    """Chat with `bot`; returns the exit code.

    A person at a terminal gets the console; otherwise (a pipe, a file, a script) each input
    line is one question and each answer is printed plainly. Passing `input`/`output` (as
    tests do with prompt-toolkit's pipe input) forces the console.
    """
    chat = Chat(bot)
    if input is None and output is None and not (sys.stdin.isatty() and sys.stdout.isatty()):
        if hasattr(sys.stdin, "reconfigure"):
            sys.stdin.reconfigure(errors="replace")  # a stray byte must not end the session
        return answer_lines(chat, sys.stdin, sys.stdout)
    from .console import run_console

    return run_console(chat, input=input, output=output)


def answer_lines(chat: Chat, lines: Iterable[str], out: TextIO) -> int:
    """Plain mode: one answer per question line, blank-line separated, no prompts or colour."""
    first = True
    try:
        for line in lines:
            outcome = chat.handle(line)
            if outcome.quit:
                break
            text = _plain_outcome(chat, outcome)
            if text:
                out.write(text + "\n" if first else "\n" + text + "\n")
                out.flush()
                first = False
    except BrokenPipeError:  # `careerbot < questions | head`: the reader left, so do we
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
    return 0


def _plain_outcome(chat: Chat, outcome: Outcome) -> str:
    if outcome.reply is None:
        return outcome.message
    text = clean(outcome.reply.text)
    return f"{text}\n{debug_line(outcome.reply)}" if chat.debug else text
