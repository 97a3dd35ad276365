"""The Rasa REST channel's message format, so existing Rasa chat widgets can talk to careerbot.

Kept apart from `bot.web` (which serves it) because it is plain data: the shape of replies and
refusals, and how a Rasa sender id, which may be any string, becomes a safe session key.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .reply import Reply

#: Where Rasa widgets post.
PATH = "/webhooks/rest/webhook"

#: A sender may be any string (it is hashed, see `session_key`), but not a missing one: visitors
#: without one would all share a single conversation.
SENDER_RULE = "a non-empty string naming the visitor, so that visitors never share one conversation"


def session_key(sender: str) -> str:
    """The session key for a sender id.

    Widgets send e-mail addresses, names with spaces or long ids; hashing them gives a key that
    is safe as log text and in a shared store, and never collides with another sender's. The
    prefix keeps Rasa senders apart from `/api/answer` session ids.
    """
    return "rasa-" + hashlib.sha256(sender.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def messages(reply: Reply, recipient_id: str) -> list[dict[str, Any]]:
    """A reply in the channel's shape.

    Rasa leaves `buttons` out when there are none, and some widgets draw an empty button row
    for an empty list, so we do the same.
    """
    message: dict[str, Any] = {"recipient_id": recipient_id, "text": reply.text}
    if reply.suggestions:
        message["buttons"] = [{"title": s, "payload": s} for s in reply.suggestions]
    return [message]


def error(detail: str, sender: str | None = None) -> list[dict[str, Any]]:
    """A refusal in the channel's shape: one message saying what went wrong, addressed to the
    sender when it could be read, with the machine-readable `error` beside the text.

    Rasa widgets read the body without checking the status (chatroom calls `.filter` on it), so
    an error object would show the visitor nothing at all.
    """
    message: dict[str, Any] = {"recipient_id": sender} if sender is not None else {}
    message |= {"text": f"Sorry, I could not answer that message: {detail}.", "error": detail}
    return [message]


def dumps(content: list[dict[str, Any]]) -> str:
    """JSON with non-ASCII escaped: the sender is echoed as sent, and JSON may carry a lone
    surrogate (`"\\ud800"`) that cannot be encoded as UTF-8 but round-trips escaped."""
    return json.dumps(content, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
