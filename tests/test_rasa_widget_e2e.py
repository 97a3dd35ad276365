"""A real third-party Rasa widget, @scalableminds/chatroom 0.12.0 from npm, holding a conversation
with careerbot's `/webhooks/rest/webhook` in headless Chromium.

This is what backs the README's claim that existing Rasa widgets work: chatroom's own built
bundle (fetched by scripts/fetch_chatroom.sh into build/chatroom/, as CI does), on a page of
another origin (localhost) than the API (127.0.0.1), so CORS is exercised too. The sender is
an e-mail-like name with spaces, as widgets send. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser_harness import ROOT, screenshot, serving, submit, unavailable
from conftest import FICTIONAL_KNOWLEDGE

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

    from bot import Bot

CHATROOM_VERSION = "0.12.0"
CHATROOM = Path(os.environ.get("CAREERBOT_CHATROOM_DIR", ROOT / "build" / "chatroom" / "package"))
SEED_ROLE = "software-engineer-machine-learning"
SALARY_QUESTION = "What is the salary of a Software Engineer Machine Learning?"

#: The page follows chatroom's own index.html; `host` is the API's origin, not the page's.
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/chatroom/Chatroom.css"><title>chatroom against careerbot</title></head>
<body><div class="chat-container"></div><script src="/chatroom/Chatroom.js"></script>
<script>
window.chatroom = new window.Chatroom({
  title: "Career advice", container: document.querySelector(".chat-container"),
  welcomeMessage: "Ask me about a role.", host: %s
});
window.chatroom.openChat();
</script></body></html>"""


@pytest.fixture(scope="module")
def bot() -> Bot:
    from bot import Bot

    return Bot.from_directory(FICTIONAL_KNOWLEDGE)


@pytest.fixture(scope="module")
def page_url(bot: Bot) -> Iterator[str]:
    """The chatroom page at http://localhost:PORT; the API it calls at http://127.0.0.1:PORT."""
    bundle = CHATROOM / "dist"
    try:
        version = json.loads((CHATROOM / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        unavailable(f"chatroom is not in {CHATROOM} (run scripts/fetch_chatroom.sh)")
    assert version == CHATROOM_VERSION, f"{CHATROOM} holds chatroom {version}, not {CHATROOM_VERSION}"

    def make_app(port: int) -> Any:
        from starlette.applications import Starlette
        from starlette.requests import Request
        from starlette.responses import FileResponse, HTMLResponse, Response
        from starlette.routing import Mount, Route

        from bot.web import create_app

        page = PAGE % json.dumps(f"http://127.0.0.1:{port}")

        def chatroom_page(request: Request) -> Response:
            return HTMLResponse(page)

        def chatroom_file(request: Request) -> Response:
            name = request.path_params["name"]
            if name not in ("Chatroom.js", "Chatroom.css"):
                return Response(status_code=404)
            return FileResponse(bundle / name)

        careerbot = create_app(bot, allowed_origins=[f"http://localhost:{port}"])
        return Starlette(
            routes=[
                Route("/chatroom.html", chatroom_page),
                Route("/chatroom/{name}", chatroom_file),
                Mount("/", app=careerbot),
            ]
        )

    with serving(make_app) as port:
        yield f"http://localhost:{port}/chatroom.html"


@pytest.fixture
def sender(request: pytest.FixtureRequest) -> str:
    """The kind of sender id widgets really send (spaces, an e-mail address), one per test."""
    return f"Jane Doe <jane.doe+{request.node.name}@example.com>"


@pytest.fixture
def page(browser: Browser, page_url: str, sender: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    # chatroom keeps its sender id in sessionStorage: start it with ours
    context.add_init_script(f"sessionStorage.setItem('simple-chatroom-cid', {json.dumps(sender)})")
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(page_url)
    yield page
    context.close()
    assert errors == [], errors  # chatroom calls .filter on every body: an error object breaks it


def send(page: Page, text: str) -> Locator:
    """Sends a message through chatroom's input and returns the bot's next text message."""
    field = page.locator(".chatroom form.input input[type=text]")
    return submit(page, field, page.locator(".chats .chat.left:not(.chat-img) .text"), text)


def test_chatroom_holds_a_conversation(page: Page, bot: Bot, sender: str, request: pytest.FixtureRequest) -> None:
    from playwright.sync_api import expect

    from bot.rasa import session_key

    session = session_key(sender)
    assert "110,000" in send(page, SALARY_QUESTION).inner_text()
    assert bot.state(session).role == SEED_ROLE
    buttons = page.locator(".chat-buttons .chat-button")
    expect(buttons.first).to_be_visible()
    screenshot(page, request, "answer-and-buttons")
    before = page.locator(".chats .chat.left .text").count()
    buttons.first.click()  # chatroom sends the button's payload
    expect(page.locator(".chats .chat.left .text")).to_have_count(before + 1, timeout=15_000)
    send(page, "and what do they do?")  # context kept: without it, "which role do you mean?"
    state = bot.state(session)
    assert state.role == SEED_ROLE and state.intent is not None and state.intent.value == "responsibilities"
    screenshot(page, request, "follow-up")


def test_chatroom_shows_what_went_wrong_with_a_long_paste(page: Page, request: pytest.FixtureRequest) -> None:
    message = send(page, "x" * 5000)
    assert "4096 bytes" in message.inner_text()
    screenshot(page, request, "too-long")
    assert "110,000" in send(page, SALARY_QUESTION).inner_text()  # and the chat still works


def test_chatroom_restart_forgets_the_conversation(page: Page, bot: Bot, sender: str) -> None:
    from bot.dialogue import State
    from bot.rasa import session_key

    session = session_key(sender)
    send(page, SALARY_QUESTION)
    assert bot.state(session).role == SEED_ROLE
    send(page, "/restart")  # chatroom sends it without showing it, as Rasa widgets do
    assert bot.state(session) == State()
