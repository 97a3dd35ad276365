"""The web edge: an ASGI app (JSON API, Rasa REST channel, chat widget) and `careerbot serve`.

A support page talks to careerbot through here, so this module is where untrusted requests
are checked: JSON only, a small body, validated fields and session ids, CORS only for the
origins the embedder names. Starlette and uvicorn come from the optional `web` extra.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from . import rasa, responses
from .core import Bot
from .dialogue import SessionStore, SessionStoreUnavailable
from .reply import Reply

try:  # the `web` extra is optional: `serve` must still be importable to say it is missing
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    MISSING_EXTRA: ImportError | None = None
except ImportError as error:
    MISSING_EXTRA = error

log = logging.getLogger(__name__)

#: Largest request body accepted. A question plus a session id fits in a few hundred bytes;
#: anything near this is not a chat message.
MAX_BODY_BYTES = 4096

#: Session ids come from browsers; keeping them short and plain keeps them safe as log text
#: and as keys of a shared store (a Redis key, a file name).
SESSION_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_SESSION_RULE = "1-64 characters from A-Z a-z 0-9 _ . : -"

#: Messages that forget the conversation instead of being answered: the terminal chat's
#: /reset, and the command Rasa widgets send to start over.
RESET_COMMANDS = frozenset({"/reset", "/restart"})

_JSON_TYPE = "application/json"
MISSING_EXTRA_MESSAGE = "careerbot: the web server needs the 'web' extra: pip install 'careerbot[web]'"

#: The demo page loads only its own script and talks only to its own origin, so even a
#: rendering bug in the widget could not run injected markup.
_DEMO_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
}
_STATIC_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "public, max-age=300"}


def _static(name: str) -> bytes:
    """A file shipped in `bot/static/` (inside the wheel too)."""
    return resources.files(__package__).joinpath("static", name).read_bytes()


def _bad_request(message: str) -> HTTPException:
    return HTTPException(400, message)


async def _json_object(request: Request) -> dict[str, Any]:
    """The request body as a JSON object, refusing other types and oversized bodies.

    The body is counted while it streams in: Content-Length may be absent (chunked) or lie.
    """
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type != _JSON_TYPE:
        raise HTTPException(415, f"send the body as {_JSON_TYPE}")
    too_large = HTTPException(413, f"the body is limited to {MAX_BODY_BYTES} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise too_large
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        raise _bad_request("the body is not valid JSON") from None
    if not isinstance(payload, dict):
        raise _bad_request("the body must be a JSON object")
    return payload


#: JSON's names for the Python types `json.loads` produces, for "must be a string, not ...".
_JSON_TYPES = {bool: "true or false", int: "a number", float: "a number", list: "a list", dict: "an object"}


def _string_field(payload: dict[str, Any], name: str, rule: str) -> str:
    """A non-empty string field; a missing, null or blank value is "required", anything else
    that is not a string says which type it got (42 is present, just not text)."""
    value = payload.get(name)
    if isinstance(value, str) and value.strip():
        return value
    if value is None or isinstance(value, str):
        raise _bad_request(f"'{name}' is required: {rule}")
    raise _bad_request(f"'{name}' must be a string, not {_JSON_TYPES.get(type(value), 'that')}: {rule}")


def _text_field(payload: dict[str, Any], name: str) -> str:
    return _string_field(payload, name, "a non-empty string")


def _session_field(payload: dict[str, Any], name: str) -> str:
    rule = f"a session id of {_SESSION_RULE}"
    value = _string_field(payload, name, rule)
    if not SESSION_ID.fullmatch(value):
        raise _bad_request(f"'{name}' must be {rule}")
    return value


def _rasa_json(
    content: list[dict[str, Any]], status_code: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return Response(rasa.dumps(content), status_code=status_code, headers=headers, media_type=_JSON_TYPE)


class _Endpoints:
    """The request handlers, bound to one bot (so two apps in one process never share one)."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.widget = _static("widget.js")
        self.demo = _static("demo.html")

    async def _reply(self, message: str, session: str) -> Reply:
        """`Bot.reply` on a worker thread, never on the event loop; a reset command forgets.

        A reply takes about 0.15 ms with the in-process store, and the load test shows no
        difference either way; but a shared store (Redis, a database) makes `reply` wait on the
        network, which on the event loop would stall every other request.
        """
        try:
            if message.strip().lower() in RESET_COMMANDS:
                await run_in_threadpool(self.bot.reset, session)
                return responses.forgotten(self.bot.intents.phrases)
            return await run_in_threadpool(self.bot.respond, message, session=session)
        except SessionStoreUnavailable as error:  # the client may retry; nothing was written
            log.warning("503 for session %s: %s", session, error)
            raise HTTPException(503, "session store unavailable", headers={"Retry-After": "1"}) from None

    async def answer(self, request: Request) -> Response:
        payload = await _json_object(request)
        message, session = _text_field(payload, "message"), _session_field(payload, "session")
        return JSONResponse((await self._reply(message, session)).to_dict())

    async def rasa_webhook(self, request: Request) -> Response:
        """The Rasa REST channel; refusals keep their status but come in the channel's shape."""
        sender: str | None = None
        try:
            payload = await _json_object(request)
            sender = _string_field(payload, "sender", rasa.SENDER_RULE)
            reply = await self._reply(_text_field(payload, "message"), rasa.session_key(sender))
        except HTTPException as refused:  # a refusal from `_reply` (a 503) takes this shape too
            return _rasa_json(rasa.error(refused.detail, sender), refused.status_code, refused.headers)
        return _rasa_json(rasa.messages(reply, sender))

    async def healthz(self, request: Request) -> Response:
        """For a load balancer: 503 while the session store is unreachable, since no answer can
        be given then; the store's type shows which one this worker uses."""
        store = {"type": type(self.bot.store).__name__, "status": "ok"}
        try:
            await run_in_threadpool(self.bot.store.ping)
        except SessionStoreUnavailable:
            store["status"] = "unavailable"
        healthy = store["status"] == "ok"
        body = {"status": "ok" if healthy else "unavailable", "roles": len(self.bot.knowledge.roles), "store": store}
        return JSONResponse(body, status_code=200 if healthy else 503)

    async def sources(self, request: Request) -> Response:
        """Where the figures come from, with O*NET's CC BY 4.0 attribution, for a page's footer."""
        from .figures import sources_text

        return JSONResponse({"text": sources_text(self.bot.knowledge, self.bot.intents.phrases)})

    async def widget_js(self, request: Request) -> Response:
        return Response(self.widget, media_type="text/javascript; charset=utf-8", headers=_STATIC_HEADERS)

    async def demo_page(self, request: Request) -> Response:
        return Response(self.demo, media_type="text/html; charset=utf-8", headers=_DEMO_HEADERS)


async def _http_error(request: Request, exc: Exception) -> Response:
    """Every refused request gets JSON a client can show: `{"error": "..."}`."""
    assert isinstance(exc, HTTPException)
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)


async def _server_error(request: Request, exc: Exception) -> Response:
    """Never a stack trace to the client; the server log has it (Starlette re-raises it)."""
    if request.url.path.endswith(rasa.PATH):  # also when mounted under a prefix
        return _rasa_json(rasa.error("internal error"), 500)
    return JSONResponse({"error": "internal error"}, status_code=500)


def create_app(
    bot: Bot | None = None, allowed_origins: Sequence[str] = (), store: SessionStore | None = None
) -> Starlette:
    """The careerbot web app, to run alone or mount inside a Starlette or FastAPI app.

    `bot` defaults to one over the shipped knowledge base keeping sessions in `store` (default:
    in this process); a shared store such as `bot.redis_store.RedisStore` lets several workers
    serve one visitor. A given `bot` already has its store, so `store` then is an error.
    `allowed_origins` lists the pages (scheme://host[:port]) that may call the API from a
    browser; none by default, which suits the same-origin demo page.
    """
    if MISSING_EXTRA is not None:
        raise ImportError(MISSING_EXTRA_MESSAGE) from MISSING_EXTRA
    if bot is not None and store is not None:
        raise TypeError("create_app takes a bot or a store, not both: give the store to Bot(store=...)")
    endpoints = _Endpoints(bot if bot is not None else Bot.from_directory(store=store))
    routes = [
        Route("/api/answer", endpoints.answer, methods=["POST"]),
        Route(rasa.PATH, endpoints.rasa_webhook, methods=["POST"]),
        Route("/healthz", endpoints.healthz, methods=["GET"]),
        Route("/sources", endpoints.sources, methods=["GET"]),
        Route("/widget.js", endpoints.widget_js, methods=["GET"]),
        Route("/", endpoints.demo_page, methods=["GET"]),
    ]
    cors = Middleware(
        CORSMiddleware,
        allow_origins=list(allowed_origins),
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
    )
    return Starlette(
        routes=routes,
        middleware=[cors],
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
