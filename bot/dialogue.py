"""Per-session conversation state and the bounded, thread-safe store that keeps it.

State is a frozen value and each turn makes a new one, so a reply never mutates what another
thread is reading. The store is an interface (get/put with expiry) so that a web app run as
several workers can swap the in-process default for a shared store.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from .reply import Intent


@dataclass(frozen=True)
class State:
    """What the bot remembers of one conversation.

    `role` is the role under discussion, `intent` the last question asked (so "what about a
    cloud architect?" can repeat it), `step` the path step last discussed (so "what's next?"
    walks on), and `pending` an intent that still waits for the person to name a role.
    """

    role: str | None = None
    intent: Intent | None = None
    step: int | None = None
    pending: Intent | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, for session stores shared between processes."""
        data = asdict(self)
        data["intent"] = self.intent.value if self.intent else None
        data["pending"] = self.pending.value if self.pending else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> State:
        """The inverse of `to_dict`; unknown or missing keys fall back to a fresh state."""
        intent = data.get("intent")
        pending = data.get("pending")
        step = data.get("step")
        role = data.get("role")
        return cls(
            role=role if isinstance(role, str) else None,
            intent=Intent(intent) if intent in Intent._value2member_map_ else None,
            step=step if isinstance(step, int) else None,
            pending=Intent(pending) if pending in Intent._value2member_map_ else None,
        )


class SessionStore(Protocol):
    """Where session states live between turns. Implementations must be thread-safe."""

    def get(self, session_id: str) -> State | None:
        """The state of a live session, or None for a new or expired one."""
        ...

    def put(self, session_id: str, state: State) -> None:
        """Remember a session's state (and refresh its expiry)."""
        ...

    def delete(self, session_id: str) -> None:
        """Forget a session."""
        ...


class MemoryStore:
    """An in-process store bounded in size (least recently used goes first) and idle time.

    A widget server runs for weeks and sees countless one-off visitors; without both bounds the
    store would grow without end.
    """

    def __init__(
        self,
        max_sessions: int = 10_000,
        idle_seconds: float = 3600.0,
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
            item = self._items.get(session_id)
            if item is None:
                return None
            seen, state = item
            if self._clock() - seen > self.idle_seconds:
                del self._items[session_id]
                return None
            return state

    def put(self, session_id: str, state: State) -> None:
        with self._lock:
            now = self._clock()
            self._items[session_id] = (now, state)
            self._items.move_to_end(session_id)
            self._evict(now)

    def delete(self, session_id: str) -> None:
        with self._lock:
            self._items.pop(session_id, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def _evict(self, now: float) -> None:
        """Drop expired sessions from the old end, then the oldest beyond the size bound."""
        while self._items:
            oldest_id, (seen, _) = next(iter(self._items.items()))
            if now - seen <= self.idle_seconds and len(self._items) <= self.max_sessions:
                break
            del self._items[oldest_id]


@dataclass(frozen=True)
class Turn:
    """PROVISIONAL."""
    intent: Intent
    confidence: float
    state: State
    roles: tuple[str, ...] = ()
    step: int | None = None


def advance(state: State, match: Any, knowledge: Any) -> Turn:
    roles = match.roles or ((state.role,) if state.role else ())
    return Turn(match.intent, match.confidence, State(role=roles[0] if roles else None, intent=match.intent), roles)
