"""One terminal conversation and its slash commands, shared by both terminal front ends.

The console (prompt-toolkit) and the plain pipe mode in `repl` both drive a `Chat`; keeping it
here means neither front end imports the other. The slash-command table also writes /help.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .core import Bot
from .reply import Reply
from .terminal import clean

#: The one conversation a terminal holds; a fixed id keeps its context across questions.
SESSION = "terminal"

#: /roles lists at most this many titles; a large knowledge base would scroll off the screen.
ROLES_SHOWN = 40


@dataclass(frozen=True)
class Outcome:
    """What one line of input produced: an answer, a message from a command, or leaving."""

    reply: Reply | None = None
    message: str = ""
    quit: bool = False


@dataclass
class Chat:
    """One terminal conversation: the bot, the session it answers in and the /debug switch."""

    bot: Bot
    session: str = SESSION
    debug: bool = False

    def handle(self, line: str) -> Outcome:
        """Answer a question, or run it as a slash command when it starts with `/`."""
        text = line.strip()
        if not text:
            return Outcome()
        if not text.startswith("/"):
            return Outcome(reply=self.bot.reply(text, session=self.session, debug=self.debug))
        name, _, argument = text.partition(" ")
        command = COMMANDS.get(name.lower())
        if command is None:
            return Outcome(message=f"I don't know the command {clean(name)!r}. Type /help to see the commands.")
        handler, _help = command
        return handler(self, argument.strip())


def _help(chat: Chat, argument: str) -> Outcome:
    """Generated from COMMANDS, so a new command cannot go undocumented."""
    width = max(len(name) for name in COMMANDS)
    lines = [f"  {name:<{width}}  {text}" for name, (_handler, text) in COMMANDS.items()]
    return Outcome(message="\n".join(["Commands:", *lines, "Anything else is a question for me."]))


def _roles(chat: Chat, argument: str) -> Outcome:
    """Lists titles (filtered by a word, if given); capped because bases may be large."""
    word = argument.lower()
    titles = [clean(r.title) for r in chat.bot.knowledge.roles if word in r.title.lower()]
    if not titles:
        return Outcome(message=f"No role title contains {clean(argument)!r}.")
    lines = [f"- {title}" for title in titles[:ROLES_SHOWN]]
    if len(titles) > ROLES_SHOWN:
        lines.append(f"... and {len(titles) - ROLES_SHOWN} more; narrow it down with /roles WORD.")
    return Outcome(message="\n".join([f"Roles I know about ({len(titles)}):", *lines]))


def _sources(chat: Chat, argument: str) -> Outcome:
    from .figures import sources_text

    return Outcome(message=sources_text(chat.bot.knowledge, chat.bot.intents.phrases))


def _reset(chat: Chat, argument: str) -> Outcome:
    chat.bot.reset(chat.session)
    return Outcome(message="Forgotten. Which role would you like to talk about?")


def _debug(chat: Chat, argument: str) -> Outcome:
    chat.debug = not chat.debug
    return Outcome(message=f"Debug view {'on' if chat.debug else 'off'}.")


def _quit(chat: Chat, argument: str) -> Outcome:
    return Outcome(quit=True)


Handler = Callable[[Chat, str], Outcome]

#: Every slash command: name -> (handler, the line /help shows). The only place they are listed.
COMMANDS: dict[str, tuple[Handler, str]] = {
    "/help": (_help, "show these commands"),
    "/roles": (_roles, "list the roles I know about (/roles WORD to filter)"),
    "/sources": (_sources, "where the figures come from (O*NET, BLS) and O*NET's licence"),
    "/reset": (_reset, "forget the conversation so far"),
    "/debug": (_debug, "toggle showing intent, role, confidence and step under each answer"),
    "/quit": (_quit, "leave (Ctrl-D works too)"),
}
