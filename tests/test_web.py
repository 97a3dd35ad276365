"""Tests of bot.web: both endpoints, every refusal, session isolation, CORS, `careerbot serve`.

Assertions are on behaviour (status, shape, intent, role, a salary figure from the knowledge
base), not on the wording of answers, which is written elsewhere.
"""

from __future__ import annotations

import http.client
import json
import re
import signal
import subprocess
import sys
import warnings
from collections.abc import Iterator

import httpx
import pytest

pytest.importorskip("starlette", reason="the 'web' extra (starlette) is not installed")

from starlette.applications import Starlette  # noqa: E402
from starlette.routing import Mount  # noqa: E402

with warnings.catch_warnings():  # starlette 1.x nudges towards httpx2; httpx is what we have
    warnings.filterwarnings("ignore", "Using `httpx`")
    from starlette.testclient import TestClient

from bot import Bot, Reply  # noqa: E402
from bot.dialogue import State  # noqa: E402
from bot.rasa import session_key  # noqa: E402
from conftest import SEED_KNOWLEDGE  # noqa: E402
from bot.web import MAX_BODY_BYTES, create_app  # noqa: E402

ROLE = "software-engineer-machine-learning"
SALARY_QUESTION = "What is the salary of a Software Engineer Machine Learning?"
ALLOWED = "https://support.example.com"


@pytest.fixture(scope="module")
def bot() -> Bot:
    return Bot.from_directory(SEED_KNOWLEDGE)  # the API's plumbing, over the one-role base


@pytest.fixture
def client(bot: Bot) -> TestClient:
    return TestClient(create_app(bot, allowed_origins=[ALLOWED]))


def ask(client: TestClient, message: object, session: object = "visitor-1") -> dict[str, object]:
    response = client.post("/api/answer", json={"message": message, "session": session})
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


# --- the two endpoints ------------------------------------------------------------------------


def test_answer_returns_the_reply_as_json(client: TestClient) -> None:
    reply = ask(client, SALARY_QUESTION)
    assert set(reply) >= {"text", "intent", "role", "confidence", "step", "suggestions"}
    assert reply["intent"] == "salary" and reply["role"] == ROLE
    assert "110,000" in str(reply["text"])
    suggestions = reply["suggestions"]
    assert isinstance(suggestions, list) and suggestions and all(isinstance(s, str) for s in suggestions)


def test_sources_endpoint_gives_the_attribution_text(client: TestClient) -> None:
    response = client.get("/sources")
    assert response.status_code == 200 and "Role pages" in response.json()["text"]


def test_rasa_webhook_speaks_the_rest_channel_format(client: TestClient) -> None:
    response = client.post("/webhooks/rest/webhook", json={"sender": "rasa-user", "message": SALARY_QUESTION})
    assert response.status_code == 200
    [message] = response.json()
    assert message["recipient_id"] == "rasa-user"
    assert "110,000" in message["text"]
    assert message["buttons"] and all(set(b) == {"title", "payload"} for b in message["buttons"])


def test_two_sessions_do_not_see_each_others_context(client: TestClient, bot: Bot) -> None:
    ask(client, SALARY_QUESTION, session="alice")
    ask(client, "hello", session="bob")
    assert bot.state("alice").role == ROLE
    assert bot.state("bob").role is None
    follow_up = client.post("/webhooks/rest/webhook", json={"sender": "carol", "message": SALARY_QUESTION})
    assert follow_up.status_code == 200
    rasa_bob = client.post("/webhooks/rest/webhook", json={"sender": "bob", "message": "hello"})
    assert rasa_bob.status_code == 200
    assert bot.state(session_key("carol")).role == ROLE
    assert bot.state(session_key("bob")).role is None and bot.state("bob").role is None


def rasa(client: TestClient, sender: object, message: object) -> httpx.Response:
    """Posted as JSON text with non-ASCII escaped, so a lone surrogate can be sent too."""
    body = json.dumps({"sender": sender, "message": message}).encode()
    return client.post("/webhooks/rest/webhook", content=body, headers={"content-type": "application/json"})


@pytest.mark.parametrize(
    "sender",
    ["john@example.com", "John Doe", "a" * 300, "../etc/passwd", "<b>", "é", "Jöhn\u202e", "x\ud800", "rasa:bob"],
)
def test_rasa_accepts_any_sender_string_and_keeps_its_context(client: TestClient, bot: Bot, sender: str) -> None:
    first = rasa(client, sender, SALARY_QUESTION)
    assert first.status_code == 200, first.text
    [message] = json.loads(first.content.decode("ascii"))
    assert message["recipient_id"] == sender  # echoed as sent, as Rasa does
    follow_up = rasa(client, sender, "and what do they do?")
    assert follow_up.status_code == 200
    assert bot.state(session_key(sender)).role == ROLE


@pytest.mark.parametrize("command", ["/restart", "/reset", " /RESTART "])
@pytest.mark.parametrize("endpoint", ["/api/answer", "/webhooks/rest/webhook"])
def test_restart_and_reset_forget_the_conversation(client: TestClient, bot: Bot, command: str, endpoint: str) -> None:
    field, key = ("session", "v-1") if endpoint == "/api/answer" else ("sender", session_key("v-1"))
    assert client.post(endpoint, json={"message": SALARY_QUESTION, field: "v-1"}).status_code == 200
    assert bot.state(key).role == ROLE
    forgotten = client.post(endpoint, json={"message": command, field: "v-1"})
    assert forgotten.status_code == 200
    body = forgotten.json()
    reply = body[0] if isinstance(body, list) else body
    assert reply["text"] and "outside what I can help" not in reply["text"]
    assert bot.state(key) == State()  # nothing left: no role, intent, step or pending question


def test_health_widget_and_demo_page(client: TestClient) -> None:
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["roles"] >= 1
    widget = client.get("/widget.js")
    assert widget.headers["content-type"].startswith("text/javascript")
    assert "textContent" in widget.text and "innerHTML" not in widget.text
    page = client.get("/")
    assert '<script src="widget.js"' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_mounts_inside_another_app(bot: Bot) -> None:
    outer = Starlette(routes=[Mount("/careerbot", app=create_app(bot))])
    with TestClient(outer) as client:
        response = client.post("/careerbot/api/answer", json={"message": "hello", "session": "m"})
        assert response.status_code == 200 and response.json()["text"]


# --- refusals: every one is JSON with a message a client can show -----------------------------


def assert_refused(response: httpx.Response, status: int, words: str) -> None:
    assert response.status_code == status
    error = response.json()["error"]
    assert words.lower() in error.lower(), error


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_415_for_anything_but_json(client: TestClient, content_type: str | None) -> None:
    headers = {"content-type": content_type} if content_type else {}
    body = json.dumps({"message": "hi", "session": "s"}).encode()
    assert_refused(client.post("/api/answer", content=body, headers=headers), 415, "application/json")


def test_413_for_a_large_body_even_without_content_length(client: TestClient) -> None:
    big = json.dumps({"message": "x" * MAX_BODY_BYTES, "session": "s"}).encode()
    assert_refused(client.post("/api/answer", json=json.loads(big)), 413, "limited")

    def chunks() -> Iterator[bytes]:  # streamed: no Content-Length for the server to trust
        for start in range(0, len(big), 512):
            yield big[start : start + 512]

    streamed = client.post("/api/answer", content=chunks(), headers={"content-type": "application/json"})
    assert_refused(streamed, 413, "limited")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "JSON object"),
        (b"[" * 3000, "not valid JSON"),
        (b'{"session": "s"}', "'message' is required"),
        (b'{"message": null, "session": "s"}', "'message' is required"),
        (b'{"message": 42, "session": "s"}', "'message' must be a string, not a number"),
        (b'{"message": ["hi"], "session": "s"}', "'message' must be a string, not a list"),
        (b'{"message": true, "session": "s"}', "'message' must be a string, not true or false"),
        (b'{"message": "   ", "session": "s"}', "'message' is required"),
        (b'{"message": "hi"}', "'session' is required"),
        (b'{"message": "hi", "session": 7}', "'session' must be a string, not a number"),
    ],
)
def test_400_for_missing_or_wrong_fields(client: TestClient, body: bytes, words: str) -> None:
    response = client.post("/api/answer", content=body, headers={"content-type": "application/json"})
    assert_refused(response, 400, words)


@pytest.mark.parametrize("session", ["", "a" * 65, "has space", "../etc/passwd", "<b>", "é", 42, None])
def test_400_for_an_invalid_session_id(client: TestClient, session: object) -> None:
    response = client.post("/api/answer", json={"message": "hi", "session": session})
    assert_refused(response, 400, "session id")


def assert_rasa_refused(response: httpx.Response, status: int, words: str) -> dict[str, str]:
    """A Rasa refusal keeps its status and reads as the channel's one-message list."""
    assert response.status_code == status
    [message] = response.json()
    assert words.lower() in message["text"].lower() and words.lower() in message["error"].lower(), message
    result: dict[str, str] = message
    return result


@pytest.mark.parametrize(
    ("sender", "words"),
    [(None, "'sender' is required"), ("", "'sender' is required"), ("  ", "'sender' is required"), (42, "'sender' must be a string")],
)
def test_rasa_refuses_a_missing_sender_in_the_channel_shape(client: TestClient, sender: object, words: str) -> None:
    message = assert_rasa_refused(rasa(client, sender, "hi"), 400, words)
    assert "share" in message["text"]  # says why: one shared session would mix visitors


def test_rasa_errors_are_message_lists_with_the_status_kept(client: TestClient) -> None:
    too_long = assert_rasa_refused(rasa(client, "John Doe", "x" * 5000), 413, "limited to")
    assert "recipient_id" not in too_long  # the body was not read, so the sender is unknown
    wrong_type = assert_rasa_refused(rasa(client, "John Doe", 42), 400, "'message' must be a string, not a number")
    assert wrong_type["recipient_id"] == "John Doe"
    assert_rasa_refused(rasa(client, "John Doe", ""), 400, "'message' is required")
    not_json = client.post("/webhooks/rest/webhook", content=b"{oops", headers={"content-type": "application/json"})
    assert_rasa_refused(not_json, 400, "not valid JSON")
    plain = client.post("/webhooks/rest/webhook", content=b"hi", headers={"content-type": "text/plain"})
    assert_rasa_refused(plain, 415, "application/json")


def test_longest_valid_session_id_is_accepted(client: TestClient) -> None:
    ask(client, "hello", session="A-z_0.9:" * 8)


def test_404_and_405_are_json(client: TestClient) -> None:
    assert_refused(client.get("/no/such/page"), 404, "not found")
    not_allowed = client.get("/api/answer")
    assert_refused(not_allowed, 405, "not allowed")
    assert not_allowed.headers["allow"] == "POST"


def test_500_hides_the_stack_trace() -> None:
    class BrokenBot(Bot):
        def respond(self, text: str, session: str | None = None) -> Reply:
            raise RuntimeError("secret internals")

    broken = BrokenBot.from_directory(SEED_KNOWLEDGE)
    client = TestClient(create_app(broken), raise_server_exceptions=False)
    response = client.post("/api/answer", json={"message": "hi", "session": "s"})
    assert response.status_code == 500
    assert response.json() == {"error": "internal error"}
    assert "secret" not in response.text and "Traceback" not in response.text
    rasa_error = rasa(client, "John Doe", "hi")  # in the channel's shape there
    [message] = rasa_error.json()
    assert rasa_error.status_code == 500 and message["error"] == "internal error" and "internal error" in message["text"]
    assert "secret" not in rasa_error.text


# --- CORS -------------------------------------------------------------------------------------


def preflight(client: TestClient, origin: str) -> httpx.Response:
    headers = {"origin": origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type"}
    return client.options("/api/answer", headers=headers)


def test_cors_allows_a_configured_origin(client: TestClient) -> None:
    response = preflight(client, ALLOWED)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED
    post = client.post("/api/answer", json={"message": "hi", "session": "s"}, headers={"origin": ALLOWED})
    assert post.headers["access-control-allow-origin"] == ALLOWED


def test_cors_refuses_any_other_origin(client: TestClient) -> None:
    response = preflight(client, "https://evil.example.net")
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers
    post = client.post("/api/answer", json={"message": "hi", "session": "s"}, headers={"origin": "https://evil.example.net"})
    assert "access-control-allow-origin" not in post.headers


# --- the core stays free of the extra; `careerbot serve` -------------------------------------


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_importing_bot_does_not_import_starlette() -> None:
    result = run_python("import sys, bot; bot.answer('hi'); assert 'starlette' not in sys.modules, 'imported'")
    assert result.returncode == 0, result.stderr


def test_serve_without_the_extra_prints_one_line_and_exits_2() -> None:
    blocked = "import sys; sys.modules['starlette'] = sys.modules['uvicorn'] = None"
    result = run_python(f"{blocked}; from bot.cli import main; sys.exit(main(['serve']))")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "'web' extra" in result.stderr


def test_serve_logs_each_request_and_stops_on_ctrl_c() -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        port = None
        for line in server.stderr:
            if found := re.search(r"running on http://127\.0\.0\.1:(\d+)", line):
                port = int(found[1])
                break
        assert port, "the server did not report its address"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/healthz")
        assert connection.getresponse().status == 200
        connection.close()
        server.send_signal(signal.SIGINT)
        access_log, rest = server.communicate(timeout=20)
        assert server.returncode == 0
        assert '"GET /healthz HTTP/1.1" 200' in access_log
        assert "Traceback" not in rest
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
