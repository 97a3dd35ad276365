"""Tests of bot.rasa: the channel's shapes and the sender-to-session mapping (the webhook itself
is tested over HTTP in test_web.py, a real Rasa widget in test_rasa_widget_e2e.py)."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from bot import Reply
from bot.rasa import dumps, error, messages, session_key
from bot.reply import Intent


@given(st.text(max_size=300))
def test_any_sender_maps_to_a_safe_session_key(sender: str) -> None:
    assert re.fullmatch(r"[A-Za-z0-9_.:-]{1,64}", session_key(sender))
    assert session_key(sender) == session_key(sender)


def test_senders_that_differ_in_any_way_get_different_keys() -> None:
    senders = ["John Doe", "john doe", "John Doe ", "a" * 4000, "", "é", "e\u0301", "x\ud800"]
    assert len({session_key(s) for s in senders}) == len(senders)


def test_buttons_only_when_there_are_suggestions() -> None:
    with_buttons = messages(Reply("hi", Intent.GREETING, suggestions=("What does it pay?",)), "v")
    assert with_buttons == [{"recipient_id": "v", "text": "hi", "buttons": [{"title": "What does it pay?", "payload": "What does it pay?"}]}]
    assert "buttons" not in messages(Reply("bye", Intent.GOODBYE), "v")[0]


def test_an_error_is_one_message_addressed_when_the_sender_is_known() -> None:
    [known] = error("too long", "Jane Doe")
    assert known["recipient_id"] == "Jane Doe" and "too long" in known["text"] and known["error"] == "too long"
    [unknown] = error("not valid JSON")
    assert "recipient_id" not in unknown


def test_dumps_round_trips_a_lone_surrogate_as_ascii() -> None:
    body = dumps(error("x", "x\ud800"))
    assert body.isascii() and json.loads(body)[0]["recipient_id"] == "x\ud800"
