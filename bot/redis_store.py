"""`RedisStore`: session state in Redis, so several web workers (on one machine or many) serve
one conversation, and a worker that dies takes nothing with it.

Concurrency is an optimistic transaction, a compare-and-set in one Lua script: a turn reads the
state, computes the next one, and the script stores it only if the key still holds exactly what
was read; otherwise the turn runs again on the state the other message left. We chose this over
a per-session lock because a turn is a pure function of (state, message) taking well under a
millisecond, so running it again is cheap and safe, while a lock left by a worker killed with
SIGKILL would stall that visitor until the lock's lease ran out, and a lease is one more timing
to tune. We chose the script over WATCH/MULTI because it needs two round trips instead of three
and no connection pinned for the duration of the turn, and a dropped connection stays an outage
(`SessionStoreUnavailable`) instead of looking like a conflict (redis-py reports a connection
lost under WATCH as a WatchError). Comparing whole values is sound for values: if the key holds
what the turn read, the turn's result is right for it, whatever happened in between.

Every write sets the idle expiry, so Redis forgets abandoned sessions by itself. Short socket
timeouts and one retry bound a request's wait on a dead or stalled server to about a second.
The `redis` client comes from the optional `redis` extra.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from . import codec
from .dialogue import IDLE_SECONDS, SessionStoreUnavailable, State

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Prefix of every key, so careerbot can share a Redis database with other applications.
KEY_PREFIX = "careerbot:session:"

#: Seconds to wait for a connection or an answer. Redis answers on loopback or a LAN in well under
#: a millisecond; half a second means it is gone or stalled. With the one retry a stalled server
#: costs a request at most about a second before the visitor gets a 503 rather than a hang.
SOCKET_TIMEOUT = 0.5

#: Turns of one session that may collide in a row before the store gives up (as unavailable). Two
#: messages typed at once collide once; this many in a row means something is wrong.
MAX_ATTEMPTS = 20
#: Longest pause, in seconds, after a collision, growing with each one and drawn at random so
#: that the colliding turns stop meeting (the same answers, only the timing is random).
BACKOFF_SECONDS = 0.002

#: KEYS[1] the session key; ARGV[1] the value read ('' for none), ARGV[2] the new value,
#: ARGV[3] the expiry in milliseconds. Returns 1 when stored, 0 when another turn got there first.
_COMPARE_AND_SET = """
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
"""


class RedisStore:
    """A `bot.dialogue.SessionStore` on Redis; thread-safe (the client keeps a connection pool)."""

    def __init__(
        self, client: redis.Redis, prefix: str = KEY_PREFIX, idle_seconds: float = IDLE_SECONDS
    ) -> None:
        if idle_seconds <= 0:
            raise ValueError("idle_seconds must be positive")
        self.client = client
        self.prefix = prefix
        self.idle_ms = max(1, round(idle_seconds * 1000))
        self._compare_and_set = client.register_script(_COMPARE_AND_SET)
        self._where = describe(client)

    @classmethod
    def from_url(cls, url: str, prefix: str = KEY_PREFIX, idle_seconds: float = IDLE_SECONDS) -> RedisStore:
        """A store on the server at `redis://host:port/db` (or `rediss://` for TLS)."""
        client = redis.Redis.from_url(
            url,
            socket_timeout=SOCKET_TIMEOUT,
            socket_connect_timeout=SOCKET_TIMEOUT,
            retry=Retry(NoBackoff(), retries=1),  # one retry replaces a connection Redis closed on restart
        )
        return cls(client, prefix, idle_seconds)

    def key(self, session_id: str) -> str:
        return self.prefix + session_id

    def get(self, session_id: str) -> State | None:
        raw = self._call(self.client.get, self.key(session_id))
        return self._load(session_id, raw)

    def put(self, session_id: str, state: State) -> None:
        self._call(self.client.set, self.key(session_id), codec.dumps(state), px=self.idle_ms)

    def update(self, session_id: str, change: Callable[[State], tuple[State, T]]) -> T:
        key = self.key(session_id)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            raw = self._call(self.client.get, key)
            state, result = change(self._load(session_id, raw) or State())
            seen = raw if raw is not None else b""
            if self._call(self._compare_and_set, keys=[key], args=[seen, codec.dumps(state), self.idle_ms]):
                return result
            time.sleep(random.uniform(0, BACKOFF_SECONDS * attempt))
        raise SessionStoreUnavailable(f"session {session_id!r} changed {MAX_ATTEMPTS} times during one turn")

    def delete(self, session_id: str) -> None:
        self._call(self.client.delete, self.key(session_id))

    def ping(self) -> None:
        self._call(self.client.ping)

    def _load(self, session_id: str, raw: object) -> State | None:
        """A stored state; None for no value and for one this version cannot read (logged by
        the codec), so a corrupt or newer value starts the session afresh instead of failing it."""
        if raw is None:
            return None
        if not isinstance(raw, (bytes, str)):
            log.warning("%s: session %r holds a %s; starting afresh", self._where, session_id, type(raw).__name__)
            return None
        return codec.loads(State, raw, f"{self._where} session {session_id!r}")

    def _call(self, command: Callable[..., T], *args: object, **kwargs: object) -> T:
        """Run one Redis command; any failure of the server or the link is `SessionStoreUnavailable`."""
        try:
            return command(*args, **kwargs)
        except redis.RedisError as error:
            raise SessionStoreUnavailable(f"{self._where}: {error}") from error


def describe(client: redis.Redis) -> str:
    """The server a client talks to, for messages (never its password)."""
    kwargs = client.get_connection_kwargs()
    return f"redis://{kwargs.get('host', '?')}:{kwargs.get('port', '?')}/{kwargs.get('db', 0)}"
