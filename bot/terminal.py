"""How answers look in a terminal: bullets, numbered steps, emphasised figures, wrapped lines.

Kept apart from the prompt-toolkit session so it is pure and cheap: it builds (style, text)
fragments and never imports prompt-toolkit, and it is the one place where text from knowledge
files or from the person is stripped of control characters before it reaches a terminal.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .normalize import strip_controls
from .reply import Reply

if TYPE_CHECKING:
    from prompt_toolkit.formatted_text import StyleAndTextTuples

#: Style classes used by the fragments below; prompt-toolkit's `Style.from_dict` turns this
#: into colours. ANSI names follow the person's own terminal palette.
STYLE_RULES: Mapping[str, str] = {
    "figure": "bold ansigreen",
    "bullet": "ansicyan",
    "step-number": "bold ansicyan",
    "suggestion": "italic ansibrightblack",
    "debug": "ansibrightblack",
    "notice": "ansiyellow",
    "welcome": "bold",
    "prompt": "bold ansiblue",
    "bottom-toolbar": "noreverse bg:ansibrightblack ansiblack",
}

#: Narrowest width we wrap to; below it a terminal is unusable anyway.
MIN_WIDTH = 20

_BULLET = re.compile(r"^\s*[-*•]\s+(?P<body>.*)$")
_NUMBERED = re.compile(r"^\s*(?P<number>\d{1,3})[.)]\s+(?P<body>.*)$")
#: Money ($110,000, €45k), percentages (85%) and large grouped numbers (1,234).
_FIGURE = re.compile(r"[$€£]\s?\d[\d,]*(?:\.\d+)?[kKmM]?\b|\b\d+(?:\.\d+)?%|\b\d{1,3}(?:,\d{3})+\b")


def clean(text: str) -> str:
    """`text` as every terminal output shows it: `normalize.strip_controls`, tabs as spaces.

    The chat, the pipe mode, `careerbot ask` and `careerbot test` all print through this.
    """
    return strip_controls(text).replace("\t", " ")


def plain(fragments: StyleAndTextTuples) -> str:
    """The text of `fragments` without styles, for output that must carry no escape codes."""
    return "".join(fragment[1] for fragment in fragments)


def answer_fragments(reply: Reply, width: int, *, debug: bool = False) -> StyleAndTextTuples:
    """A reply laid out for a terminal `width` columns wide, followed by a blank line."""
    fragments = text_fragments(reply.text, width)
    if reply.suggestions:
        tips = " · ".join(clean(s) for s in reply.suggestions)
        fragments += _wrapped(f"Try: {tips}", width, "", "      ", "class:suggestion")
    if debug:
        fragments += _wrapped(debug_line(reply), width, "", "  ", "class:debug")
    fragments.append(("", "\n"))
    return fragments


def text_fragments(text: str, width: int, style: str = "") -> StyleAndTextTuples:
    """Cleaned `text` wrapped to `width`: `- item` lines become bullets, `1. step` lines keep
    their number with a hanging indent, and figures are emphasised."""
    fragments: StyleAndTextTuples = []
    for line in clean(text).split("\n"):
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if bullet:
            fragments += [("class:bullet", "  • ")]
            fragments += _wrapped(bullet["body"], width, "    ", "    ", style, skip_first_indent=True)
        elif numbered:
            label = f"  {numbered['number']}. "
            fragments += [("class:step-number", label)]
            indent = " " * len(label)
            fragments += _wrapped(numbered["body"], width, indent, indent, style, skip_first_indent=True)
        else:
            fragments += _wrapped(line, width, "", "", style)
    return fragments


def debug_line(reply: Reply) -> str:
    """What the bot understood, for /debug: the fields a regression file would check."""
    step = reply.step if reply.step is not None else "-"
    line = (
        f"intent={reply.intent.value}  role={reply.role or '-'}  "
        f"confidence={reply.confidence:.2f}  step={step}"
    )
    return "\n".join((line, *(f"  {clean(why)}" for why in reply.debug)))  # what decided, when asked


def _wrapped(
    text: str,
    width: int,
    initial: str,
    subsequent: str,
    style: str,
    *,
    skip_first_indent: bool = False,
) -> StyleAndTextTuples:
    """`text` wrapped with the given indents, figures emphasised, each line ending in `\\n`.

    `skip_first_indent` is for bullets and steps, whose marker fragment already fills the
    first line's indent. Figures never contain spaces, so wrapping never splits one.
    """
    lines = textwrap.wrap(
        text,
        width=max(width, MIN_WIDTH),
        initial_indent=initial,
        subsequent_indent=subsequent,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [initial]
    if skip_first_indent:
        lines[0] = lines[0][len(initial) :]
    fragments: StyleAndTextTuples = []
    for line in lines:
        fragments += _emphasised(line, style)
        fragments.append(("", "\n"))
    return fragments


def _emphasised(line: str, style: str) -> Iterable[tuple[str, str]]:
    """`line` split into plain and figure fragments."""
    position = 0
    for figure in _FIGURE.finditer(line):
        if figure.start() > position:
            yield (style, line[position : figure.start()])
        yield ("class:figure", figure.group())
        position = figure.end()
    if position < len(line) or not line:
        yield (style, line[position:])
