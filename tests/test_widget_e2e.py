"""End-to-end tests of careerbot's own chat widget in real headless Chromium, driven by Playwright.

Only a browser shows that the one-tag embedding works: the script mounts, talks to the API,
renders suggestion buttons and lists, keeps focus and the conversation, fits small screens and
never turns text into markup. Every test runs at desktop, phone and phone-landscape sizes and
saves screenshots to artifacts/screenshots/. The server answers from the fictional knowledge
base (the real seed role plus fictional ones), so a follow-up without context is visible.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from browser_harness import VIEWPORTS, screenshot, serving, submit
from conftest import FICTIONAL_KNOWLEDGE

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route

    from bot import Bot

SEED_ROLE = "software-engineer-machine-learning"
SALARY_QUESTION = "What is the salary of a Software Engineer Machine Learning?"
PATH_QUESTION = "How do I become a Software Engineer Machine Learning?"
XSS = "<img src=x onerror=alert(1)>"

#: A second page of the same site, as an embedder's help centre would have.
OTHER_PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Another page</title></head>
<body><h1>Another page of the help centre</h1>
<script src="/widget.js" data-endpoint="/api/answer"></script></body></html>"""


@pytest.fixture(scope="module")
def bot() -> Bot:
    from bot import Bot

    return Bot.from_directory(FICTIONAL_KNOWLEDGE)


@pytest.fixture(scope="module")
def base_url(bot: Bot) -> Iterator[str]:
    def make_app(port: int) -> Any:
        from starlette.applications import Starlette
        from starlette.requests import Request
        from starlette.responses import Response
        from starlette.routing import Mount, Route

        from bot.web import create_app

        def other_page(request: Request) -> Response:
            return Response(OTHER_PAGE, media_type="text/html")

        return Starlette(routes=[Route("/help/other", other_page), Mount("/", app=create_app(bot))])

    with serving(make_app) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module", params=list(VIEWPORTS), ids=list(VIEWPORTS))
def context(request: pytest.FixtureRequest, browser: Browser) -> Iterator[BrowserContext]:
    """One context per window size; each test gets its own tab, so its own sessionStorage."""
    width, height = VIEWPORTS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, base_url: str) -> Iterator[Page]:
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{base_url}/")
    yield page
    page.close()


# --- helpers ------------------------------------------------------------------------------------


def in_widget(page: Page, script: str) -> Any:
    """Evaluates `script` with `root` bound to the widget's shadow root."""
    return page.evaluate(f"(() => {{ const root = document.querySelector('[data-careerbot]').shadowRoot; {script} }})()")


def focused_label(page: Page) -> str | None:
    """What has keyboard focus inside the widget (its label or text), or None when outside it."""
    label: str | None = in_widget(
        page,
        "const a = root.activeElement; if (!a) return null;"
        " if (a.closest('.panel') === null && !a.matches('.bubble')) return null;"
        " return a.getAttribute('aria-label') || a.id || a.textContent;",
    )
    return label


def open_chat_with_keyboard(page: Page) -> None:
    from playwright.sync_api import expect

    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Career advice chat")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your question")).to_be_focused()


def send(page: Page, text: str) -> Locator:
    """Sends a message and returns the answer once it and its buttons are shown."""
    from playwright.sync_api import expect

    answer = submit(page, page.get_by_label("Your question"), page.locator(".msg.bot"), text)
    expect(page.get_by_role("button", name="Send")).to_be_enabled()
    return answer


def box(locator: Locator) -> dict[str, float]:
    result = locator.bounding_box()
    assert result is not None, "not rendered"
    return dict(result)


def assert_opens_at_its_start(page: Page, answer: Locator) -> None:
    """The newest answer's top is in view; it is shown whole, or fills the log from its top."""
    log, message = box(page.get_by_role("log")), box(answer)
    top, bottom = message["y"], message["y"] + message["height"]
    log_top, log_bottom = log["y"], log["y"] + log["height"]
    assert top >= log_top - 1, ("its start is scrolled away", message, log)
    if message["height"] <= log["height"] - 24:  # fits (the log has 12 px padding each side)
        assert bottom <= log_bottom + 1, ("cut off below", message, log)
    else:
        assert top <= log_top + 13, ("does not open at its start", message, log)


# --- what worked before: question, buttons, markup, the server away ----------------------------


def test_question_then_suggestion_button(page: Page, request: pytest.FixtureRequest) -> None:
    from playwright.sync_api import expect

    open_chat_with_keyboard(page)
    assert "110,000" in send(page, SALARY_QUESTION).inner_text()
    buttons = page.get_by_role("group", name="Suggested questions").get_by_role("button")
    expect(buttons.first).to_be_visible()
    suggestion = buttons.first.inner_text()
    buttons.first.click()
    expect(page.locator(".msg.user").last).to_contain_text(suggestion)
    expect(page.locator(".msg.bot")).to_have_count(3)  # greeting, first answer, second answer
    assert page.locator(".msg.bot").nth(2).inner_text().strip()
    assert page.get_by_role("log").get_attribute("aria-live") == "polite"
    screenshot(page, request, "after-suggestion")


#: For what does not depend on the window size, one size is enough.
desktop_only = pytest.mark.parametrize("context", ["desktop"], indirect=True)


@desktop_only
def test_markup_is_shown_as_text(page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_chat_with_keyboard(page)
    send(page, XSS)
    assert page.locator(".msg.user").last.inner_text().endswith(XSS)
    assert page.locator("img").count() == 0
    page.wait_for_timeout(300)  # give a would-be onerror handler its chance to fire
    assert dialogs == []


@desktop_only
def test_friendly_message_when_the_server_is_unreachable(page: Page) -> None:
    page.route("**/api/answer", lambda route: route.abort())
    open_chat_with_keyboard(page)
    assert "can't reach" in send(page, "hello").inner_text()


# --- the fixes of issue 13 ------------------------------------------------------------------------


def test_newest_answer_is_not_hidden_behind_the_suggestions(page: Page, request: pytest.FixtureRequest) -> None:
    open_chat_with_keyboard(page)
    long_answer = send(page, PATH_QUESTION)  # six steps: taller than the log at every size
    assert_opens_at_its_start(page, long_answer)
    screenshot(page, request, "long-answer")
    send(page, "hello")
    short_answer = send(page, SALARY_QUESTION)  # the log overflows by now; the buttons come last
    assert_opens_at_its_start(page, short_answer)
    screenshot(page, request, "short-answer")


def test_focus_returns_to_the_input_after_a_suggestion(page: Page, request: pytest.FixtureRequest) -> None:
    from playwright.sync_api import expect

    open_chat_with_keyboard(page)
    send(page, SALARY_QUESTION)
    chip = page.get_by_role("group", name="Suggested questions").get_by_role("button").first
    chip.focus()
    page.keyboard.press("Enter")  # as a keyboard user presses it
    expect(page.locator(".msg.bot")).to_have_count(3)
    expect(page.get_by_label("Your question")).to_be_focused()
    page.keyboard.type("and what do they do?")  # typing goes on where it should
    assert page.get_by_label("Your question").input_value() == "and what do they do?"
    screenshot(page, request, "focus-after-suggestion")


def test_the_open_panel_fits_the_viewport(page: Page, request: pytest.FixtureRequest) -> None:
    from playwright.sync_api import expect

    open_chat_with_keyboard(page)
    viewport = page.viewport_size
    assert viewport is not None
    panel = box(page.get_by_role("dialog"))
    assert panel["y"] >= 0 and panel["x"] >= 0, panel
    assert panel["y"] + panel["height"] <= viewport["height"] and panel["x"] + panel["width"] <= viewport["width"], panel
    title = box(page.get_by_role("heading", name="Career advice"))
    assert title["y"] >= 0
    screenshot(page, request, "open")
    page.get_by_role("button", name="Close the chat").click()  # a real click: reachable, on top
    expect(page.get_by_role("dialog")).to_be_hidden()


def test_launcher_states_open_or_closed_with_aria_expanded(page: Page, request: pytest.FixtureRequest) -> None:
    launcher = page.get_by_role("button", name="Career advice chat")
    assert launcher.get_attribute("aria-expanded") == "false"
    launcher.click()
    assert launcher.get_attribute("aria-expanded") == "true"
    label = launcher.get_attribute("aria-label") or ""
    assert not label.lower().startswith(("open", "close")), label  # the state is aria-expanded's
    screenshot(page, request, "expanded")
    page.keyboard.press("Escape")
    assert launcher.get_attribute("aria-expanded") == "false"


def test_tab_stays_inside_the_open_dialog(page: Page, request: pytest.FixtureRequest) -> None:
    open_chat_with_keyboard(page)
    send(page, SALARY_QUESTION)  # suggestion buttons join the cycle
    seen = []
    for _ in range(10):
        page.keyboard.press("Tab")
        seen.append(focused_label(page))
    assert None not in seen, seen
    assert "Send" in seen and "Close the chat" in seen, seen  # after Send comes the start again
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        assert focused_label(page) is not None
    screenshot(page, request, "focus-inside")


def test_input_text_is_16px_so_phones_do_not_zoom(page: Page) -> None:
    size = page.get_by_label("Your question").evaluate("input => getComputedStyle(input).fontSize")
    assert size == "16px"


def test_answers_with_lists_render_as_lists(page: Page, request: pytest.FixtureRequest) -> None:
    open_chat_with_keyboard(page)
    steps = send(page, PATH_QUESTION)
    numbered = steps.locator("ol > li")
    assert numbered.count() >= 3
    assert numbered.first.inner_text().startswith("Education")  # the "1. " is the list's own
    screenshot(page, request, "numbered")
    duties = send(page, "and what do they do?")
    assert duties.locator("ul > li").count() >= 3
    assert not duties.locator("li").first.inner_text().startswith("-")


def test_list_items_from_an_answer_are_text_not_markup(page: Page) -> None:
    """Whatever a knowledge file holds, a list item shows it as text."""
    reply = {"text": f"Try these:\n- {XSS}\n- <b>bold</b>\n2. <script>alert(2)</script>", "suggestions": [XSS]}

    def fulfil(route: Route) -> None:
        route.fulfill(status=200, content_type="application/json", body=json.dumps(reply))

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route("**/api/answer", fulfil)
    open_chat_with_keyboard(page)
    answer = send(page, "hello")
    assert [li.inner_text() for li in answer.locator("ul > li").all()] == [XSS, "<b>bold</b>"]
    assert answer.locator("ol").get_attribute("start") == "2"
    assert answer.locator("img, b, script").count() == 0 and page.locator("img").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []


def test_the_conversation_follows_the_visitor_to_another_page(
    page: Page, base_url: str, bot: Bot, request: pytest.FixtureRequest
) -> None:
    from playwright.sync_api import expect

    open_chat_with_keyboard(page)
    send(page, SALARY_QUESTION)
    session = page.evaluate("sessionStorage.getItem('careerbot.session')")
    page.goto(f"{base_url}/help/other")
    assert page.evaluate("sessionStorage.getItem('careerbot.session')") == session
    expect(page.get_by_role("dialog")).to_be_visible()  # it was open: it still is
    expect(page.locator(".msg.user")).to_have_count(1)
    assert "110,000" in page.locator(".msg.bot").last.inner_text()
    screenshot(page, request, "other-page")
    send(page, "and what do they do?")  # without context this would ask "which role?"
    state = bot.state(session)
    assert state.role == SEED_ROLE and state.intent is not None and state.intent.value == "responsibilities"


def test_reset_in_the_widget_forgets_the_conversation(page: Page, bot: Bot) -> None:
    open_chat_with_keyboard(page)
    send(page, SALARY_QUESTION)
    session = page.evaluate("sessionStorage.getItem('careerbot.session')")
    assert bot.state(session).role == SEED_ROLE
    send(page, "/reset")
    assert bot.state(session).role is None
