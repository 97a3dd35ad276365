"""`Bot` glues the stages together: normalise -> match -> dialogue -> render -> Reply.

It is also the safety boundary: `reply` never raises on any string, because a chat widget or a
script must always get an answer, even when something inside went wrong.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path

from . import dialogue, responses
from .dialogue import MemoryStore, SessionStore, SessionStoreUnavailable, State
from .intents import IntentData
from .intents_cache import cached_intents
from .knowledge import KnowledgeBase, load_directory
from .matcher import Matcher
from .paths import default_intents_dir, default_knowledge_dir
from .reply import Intent, Reply

log = logging.getLogger(__name__)

#: Session id used when the caller gives none: one shared conversation, as in a terminal.
DEFAULT_SESSION = "default"

#: Questions longer than this are cut before matching; nobody asks a career question in a book.
MAX_QUESTION_CHARS = 1000

#: What `answer` says when the shipped data itself cannot be loaded, so `replies.yaml` cannot
#: speak: the one reply text that has to live in code. A bot says its own `Phrases.apology`.
_UNLOADABLE = "Sorry, something went wrong on my side. Could you ask that again in other words?"


class Bot:
    """A career-advice bot over one knowledge base. Thread-safe; build once, reuse."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        intents: IntentData | None = None,
        store: SessionStore | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.intents = intents if intents is not None else cached_intents(default_intents_dir())
        self.matcher = Matcher(knowledge, self.intents)
        self.store: SessionStore = store if store is not None else MemoryStore()

    @classmethod
    def from_directory(
        cls, directory: str | Path | None = None, store: SessionStore | None = None
    ) -> Bot:
        """A bot over any knowledge directory (default: the shipped one).

        Raises `KnowledgeError` naming file, line and field when the directory is unusable
        (and `IntentDataError` when the intents data is; both are `bot.DataError`s).
        """
        path = Path(directory) if directory is not None else default_knowledge_dir()
        return cls(load_directory(path), store=store)

    def reply(self, text: str, session: str | None = None, debug: bool = False) -> Reply:
        """Answer one message in the context of `session`; never raises. With `debug`, the reply
        also names the rules, cues and scores that decided it (`Reply.debug`)."""
        try:
            return self.respond(text, session, debug)
        except SessionStoreUnavailable as error:
            log.warning("session store unavailable: %s", error)
            return self._apology()

    def respond(self, text: str, session: str | None = None, debug: bool = False) -> Reply:
        """`reply` for servers: the same answer, but `SessionStoreUnavailable` propagates, so a web
        API can say 503 and the client can retry instead of showing an apology as the answer."""
        session_id = session if isinstance(session, str) and session else DEFAULT_SESSION
        try:
            if not isinstance(text, str):
                text = "" if text is None else str(text)
            question = text[:MAX_QUESTION_CHARS]

            def take_turn(state: State) -> tuple[State, Reply]:  # pure: a store may run it again
                match = self.matcher.match(question, context_role=state.role, situation=state.situation)
                turn = dialogue.advance(state, match, self.knowledge)
                reply = responses.render(turn, self.knowledge, self.intents)
                if debug:
                    explained = self.matcher.explain(question, context_role=state.role, situation=state.situation)
                    reply = replace(reply, debug=(*explained, f"answered: {turn.intent.value}"))
                return turn.state, reply

            return self.store.update(session_id, take_turn)
        except SessionStoreUnavailable:
            raise
        except Exception:  # the boundary: log it, answer politely, keep the session usable
            log.exception("failed to answer %r", text[:200] if isinstance(text, str) else text)
            return self._apology()

    def _apology(self) -> Reply:
        phrases = self.intents.phrases
        return Reply(text=phrases.apology, intent=Intent.OUT_OF_SCOPE, suggestions=responses.help_suggestions(phrases))

    def state(self, session: str | None = None) -> State:
        """The current state of a session (for a status bar or a debugging view)."""
        return self.store.get(session or DEFAULT_SESSION) or State()

    def reset(self, session: str | None = None) -> None:
        """Forget a session's context."""
        self.store.delete(session or DEFAULT_SESSION)


_default_bot: Bot | None = None
_default_lock = threading.Lock()


def default_bot() -> Bot:
    """The bot over the shipped knowledge base, built on first use."""
    global _default_bot
    with _default_lock:
        if _default_bot is None:
            _default_bot = Bot.from_directory()
        return _default_bot


def answer(question: str, session: str | None = None) -> str:
    """The answer text to `question`, using the shipped knowledge base; never raises."""
    try:
        bot = default_bot()
    except Exception:
        log.exception("the shipped knowledge base could not be loaded")
        return _UNLOADABLE
    return bot.reply(question, session=session).text
