"""The `careerbot` command: a thin layer that turns library calls into output and exit codes.

Each subcommand lives in its own edge module and is imported only when used, so `ask` and
`test` never pay for prompt-toolkit or a web server. Library errors become one line on stderr.
Exit codes (`exitcodes`): 0 success, 1 failed regression tests, 2 unusable input.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import DataError
from .exitcodes import EXIT_INTERRUPTED, EXIT_OK, EXIT_UNUSABLE
from .schema import KnowledgeErrors
from .paths import default_knowledge_dir
from .terminal import clean


def _knowledge_arg(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """`--knowledge` works before or after the subcommand; a subcommand's copy sets the value only
    when given, so it never overwrites one given before the subcommand."""
    parser.add_argument(
        "--knowledge",
        metavar="DIR",
        type=Path,
        default=None if top else argparse.SUPPRESS,
        help="knowledge directory (default: the shipped knowledge base)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The command table; `careerbot --help` and the docs test are generated from it."""
    parser = argparse.ArgumentParser(
        prog="careerbot",
        description="Career advice from a role knowledge base: salaries, duties, the path in.",
    )
    parser.add_argument("-V", "--version", action=_VersionAction)
    _knowledge_arg(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    chat = sub.add_parser("chat", help="the terminal chat session (the default)")
    _knowledge_arg(chat)

    ask = sub.add_parser("ask", help="answer one question, for scripts")
    ask.add_argument("question", nargs="+", metavar="QUESTION", help="the question (quotes optional: the words are joined)")
    ask.add_argument("--json", action="store_true", help="print the whole reply as JSON")
    ask.add_argument("--session", default=None, help=argparse.SUPPRESS)
    _knowledge_arg(ask)

    imp = sub.add_parser("import", help="turn role pages into knowledge YAML files")
    imp.add_argument("pages", nargs="+", type=Path, metavar="PAGE", help="role page files")
    imp.add_argument("--into", required=True, type=Path, metavar="DIR", help="knowledge directory to write")
    _knowledge_arg(imp)

    check = sub.add_parser("check", help="validate a knowledge directory")
    check.add_argument("directory", nargs="?", type=Path, metavar="DIR", help="default: --knowledge")
    _knowledge_arg(check)

    test = sub.add_parser("test", help="run regression files; exit 1 on any failure")
    test.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or directories")
    test.add_argument("--json", action="store_true", help="print the whole report as JSON")
    test.add_argument("--junit", type=Path, metavar="FILE", help="also write JUnit XML here")
    _knowledge_arg(test)

    sources = sub.add_parser("sources", help="where the knowledge comes from, with O*NET's CC BY 4.0 attribution")
    _knowledge_arg(sources)

    build = sub.add_parser("build-knowledge", help="compile O*NET and BLS releases into DIR/occupations.sqlite")
    from .build_cli import arguments

    arguments(build)

    serve = sub.add_parser("serve", help="serve the web API and chat widget (needs the 'web' extra)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument(
        "--allow-origin", action="append", default=[], metavar="ORIGIN",
        help="a page origin allowed to call the API (repeatable)",
    )
    serve.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default 1; above 1 needs Redis)")
    serve.add_argument(
        "--session-store", metavar="URL", default=None,
        help="'memory' (one worker) or redis://host:port/db (default: $CAREERBOT_SESSION_STORE, else memory)",
    )
    _knowledge_arg(serve)
    return parser


class _VersionAction(argparse.Action):
    """argparse's `version` action, but reading the version only when asked: importing
    importlib.metadata costs every `careerbot ask` about 15 ms."""

    def __init__(self, option_strings: Sequence[str], dest: str) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show program's version number and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"careerbot {_version()}")
        parser.exit()


def _version() -> str:
    """The installed distribution's version; a bare source checkout has no metadata to read."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("careerbot")
    except PackageNotFoundError:
        return "(version unknown: not installed)"


class _OneLineFormatter(logging.Formatter):
    """Library log records as one line each: a person at a terminal wants the problem, not a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += f" ({type(record.exc_info[1]).__name__}: {record.exc_info[1]})"
        return f"careerbot: {clean(text)}"


def _quiet_logging() -> None:
    """One handler on the library's logger (once, however often `main` runs in a process)."""
    logger = logging.getLogger("bot")
    if not any(isinstance(h.formatter, _OneLineFormatter) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(_OneLineFormatter())
        logger.addHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `careerbot` command; returns the exit code."""
    args = build_parser().parse_args(argv)
    command = args.command or "chat"
    if command != "serve":  # the web server keeps uvicorn's own logging
        _quiet_logging()
    knowledge: Path = args.knowledge or default_knowledge_dir()
    try:
        if command == "import":
            return _import(args.pages, args.into)
        if command == "check":
            return _check(args.directory or knowledge)
        if command == "sources":
            from .figures import sources_text
            from .knowledge import load_directory

            print(sources_text(load_directory(knowledge)))
            return EXIT_OK
        if command == "build-knowledge":
            from .build_cli import run as build_knowledge

            return build_knowledge(args)
        if command == "test":
            from .regress import run as run_regression

            return run_regression(args.paths, args.knowledge, as_json=args.json, junit=args.junit)
        if command == "serve":
            from .serving import serve

            return serve(
                knowledge, host=args.host, port=args.port, allowed_origins=args.allow_origin,
                workers=args.workers, session_store=args.session_store,
            )
        from .core import Bot

        bot = Bot.from_directory(knowledge)
        if command == "ask":
            reply = bot.reply(" ".join(args.question), session=args.session)
            print(json.dumps(reply.to_dict(), ensure_ascii=False) if args.json else clean(reply.text))
            return EXIT_OK
        from .repl import run as run_chat

        return run_chat(bot)
    except KnowledgeErrors as errors:
        _say([str(problem) for problem in errors.problems])
        return EXIT_UNUSABLE
    except DataError as error:
        _say([str(error)])
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _import(pages: Sequence[Path], into: Path) -> int:
    from .importer import import_pages

    for written in import_pages(pages, into):
        print(clean(f"wrote {written}"))
    return EXIT_OK


def _check(directory: Path) -> int:
    """Every problem and every hand-added key, one line each; exit 2 when anything is broken."""
    from .knowledge import check_directory

    warnings: list[str] = []
    try:
        base = check_directory(directory, warnings)
    except KnowledgeErrors as errors:
        _say([f"warning: {line}" for line in warnings] + [str(problem) for problem in errors.problems])
        if len(errors.problems) > 1:
            _say([f"{len(errors.problems)} problems in {directory}"])
        return EXIT_UNUSABLE
    _say([f"warning: {line}" for line in warnings])
    print(clean(f"{directory}: {len(base.roles)} role(s) OK: {', '.join(base.ids)}"))
    return EXIT_OK


def _say(lines: Sequence[str]) -> None:
    """Lines on stderr, each `careerbot: ...` and safe for a terminal."""
    for line in lines:
        print(f"careerbot: {clean(line)}", file=sys.stderr)
