"""The interactive console: a prompt-toolkit session around a `Chat`, for a person at a terminal.

History that survives restarts, suggestions from it, Tab completion of role names and slash
commands, and a toolbar saying which role and path step the conversation is on. Imported only
when a chat starts, so `import bot`, `careerbot ask` and the web API never load prompt-toolkit.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from prompt_toolkit import PromptSession, print_formatted_text
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import FormattedText, StyleAndTextTuples
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.input import Input
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.output import ColorDepth, Output
from prompt_toolkit.styles import BaseStyle, Style

from .chat import COMMANDS, Chat, Outcome
from .knowledge import KnowledgeBase
from .responses import article
from .terminal import STYLE_RULES, answer_fragments, clean, plain, text_fragments

PROMPT: StyleAndTextTuples = [("class:prompt", "ask> ")]

#: How many of the last typed words may form the start of a role name ("software eng<Tab>").
COMPLETION_WORDS = 6
_WORD = re.compile(r"\S+")


def history_path(environ: Mapping[str, str] = os.environ) -> Path:
    """`$XDG_STATE_HOME/careerbot/history`; the XDG spec says to ignore a relative value."""
    state = environ.get("XDG_STATE_HOME", "")
    base = Path(state) if os.path.isabs(state) else Path.home() / ".local" / "state"
    return base / "careerbot" / "history"


def open_history(path: Path) -> tuple[History, str | None]:
    """A history kept in `path`, or one kept in memory plus a note saying why.

    A read-only home or a full disk must cost the person their history, not the chat.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("ab"):
            pass
    except OSError as error:
        return InMemoryHistory(), f"History is not saved this time ({error.strerror or error})."
    return FileHistory(str(path)), None


class ChatCompleter(Completer):
    """Slash commands at the start of a line; role titles and aliases anywhere else.

    A role name may be several words, so the last few typed words are tried as its start:
    "how do I become a softw" + Tab completes the whole title.
    """

    def __init__(self, knowledge: KnowledgeBase, commands: Mapping[str, str]) -> None:
        names = [(role.title, "role") for role in knowledge.roles]
        names += [(alias, role.title) for role in knowledge.roles for alias in role.aliases]
        self._names = sorted(((clean(n), clean(meta)) for n, meta in names if n.strip()), key=lambda p: p[0].lower())
        self._commands = commands

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        before = document.text_before_cursor
        if before.startswith("/") and " " not in before:
            for name, help_text in self._commands.items():
                if name.startswith(before.lower()):
                    yield Completion(name, -len(before), display_meta=help_text)
            return
        starts = [word.start() for word in _WORD.finditer(before)][-COMPLETION_WORDS:]
        typed = [before[start:].lower() for start in starts]
        for name, meta in self._names:
            lower = name.lower()
            match = next((t for t in typed if lower.startswith(t) and lower != t), None)
            if match is not None:
                yield Completion(name, -len(match), display_meta=meta)


def key_bindings(chat: Chat) -> KeyBindings:
    """Our keys on top of prompt-toolkit's Emacs defaults.

    The defaults already give what people expect of a REPL: Ctrl-C drops the line being typed
    (the loop then shows a fresh prompt), Ctrl-D on an empty line leaves, Up and Ctrl-R walk
    the history, Right accepts the grey suggestion.
    """
    bindings = KeyBindings()

    @bindings.add("f2")
    def _toggle_debug(event: KeyPressEvent) -> None:
        """F2 is /debug without losing the half-typed question."""
        chat.debug = not chat.debug
        event.app.invalidate()

    return bindings


def status_line(chat: Chat, width: int) -> str:
    """The bottom toolbar: where the conversation is, so "what's next?" is never a guess.

    prompt-toolkit cuts a toolbar at the terminal's edge, so on a narrow terminal the least
    needed parts go first (the F2 hint, then the debug state) and then the role title is
    shortened; the step and /help always stay.
    """
    state = chat.bot.state(chat.session)
    role = chat.bot.knowledge.get(state.role) if state.role else None
    where = clean(role.title) if role else "none yet"
    step = "-"
    if state.step is not None:
        step = f"{state.step} of {len(role.path)}" if role and role.path else str(state.step)
    debug = "on" if chat.debug else "off"
    tails = ([f"debug: {debug} (F2)", "/help"], [f"debug: {debug}", "/help"], ["/help"])
    for tail in tails:
        line = _bar(f"role: {where}", f"step: {step}", *tail)
        if len(line) <= width:
            return line
    room = width - len(_bar("role: ", f"step: {step}", *tails[-1]))
    short = where if len(where) <= room else where[: max(room - 1, 0)].rstrip() + "\u2026"
    return _bar(f"role: {short}", f"step: {step}", *tails[-1])[:width]


def _bar(*parts: str) -> str:
    return f" {' | '.join(parts)} "


def welcome(knowledge: KnowledgeBase, note: str | None) -> str:
    """What to ask, shown once: a first-time user should not have to guess the bot's scope."""
    count = len(knowledge.roles)
    example = clean(knowledge.roles[0].title) if knowledge.roles else "data engineer"
    lines = [
        f"Ask me about {count} role{'' if count == 1 else 's'}, for example:",
        f"- How much does {article(example)} {example} make?",
        "- What would I do all day?",
        "- How do I become one, and what is my next step?",
        "Tab completes role names and /commands, /help lists the commands, Ctrl-D leaves.",
    ]
    return "\n".join([*lines, note] if note else lines)


@dataclass(frozen=True)
class Screen:
    """Where answers go: styled through prompt-toolkit, or plain text when NO_COLOR is set."""

    output: Output
    style: BaseStyle | None

    @property
    def width(self) -> int:
        """One column short of the edge, so a full line never makes the terminal wrap early."""
        return self.output.get_size().columns - 1

    def show(self, fragments: StyleAndTextTuples) -> None:
        if self.style is None:
            self.output.write_raw(plain(fragments))
            self.output.flush()
        else:
            print_formatted_text(FormattedText(fragments), style=self.style, output=self.output, end="")

    def outcome(self, chat: Chat, outcome: Outcome) -> None:
        if outcome.reply is not None:
            self.show(answer_fragments(outcome.reply, self.width, debug=chat.debug))
        elif outcome.message:
            self.show(text_fragments(outcome.message + "\n", self.width))


def _no_colour() -> bool:
    """https://no-color.org: NO_COLOR set and not empty."""
    return bool(os.environ.get("NO_COLOR"))


def prompt_session(
    chat: Chat, output: Output | None = None, *, input: Input | None = None, history: History | None = None
) -> PromptSession[str]:
    """The prompt-toolkit session: completion, history suggestions, our keys and the toolbar."""
    session: PromptSession[str] = PromptSession(
        PROMPT,
        history=history,
        auto_suggest=AutoSuggestFromHistory(),
        completer=ChatCompleter(chat.bot.knowledge, {name: text for name, (_, text) in COMMANDS.items()}),
        complete_while_typing=False,
        bottom_toolbar=lambda: status_line(chat, session.app.output.get_size().columns),
        key_bindings=key_bindings(chat),
        style=Style.from_dict(dict(STYLE_RULES)),
        include_default_pygments_style=False,
        color_depth=ColorDepth.DEPTH_1_BIT if _no_colour() else None,
        input=input,
        output=output,
    )
    return session


def run_console(chat: Chat, *, input: Input | None = None, output: Output | None = None) -> int:
    """The read-answer loop; returns 0 however the person leaves (Ctrl-D or /quit)."""
    history, note = open_history(history_path())
    session = prompt_session(chat, output, input=input, history=history)
    screen = Screen(session.app.output, None if _no_colour() else session.style)
    screen.show(text_fragments(welcome(chat.bot.knowledge, note) + "\n", screen.width))
    while True:
        try:
            line = session.prompt()
        except KeyboardInterrupt:
            continue
        except EOFError:
            break
        outcome = chat.handle(line)
        if outcome.quit:
            break
        screen.outcome(chat, outcome)
    screen.show([("", "Good luck!\n")])
    return 0
