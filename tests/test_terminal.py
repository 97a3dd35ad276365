"""Terminal formatting: layout, emphasis, wrapping, and that untrusted text is defanged."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bot.report import Report, render_text
from bot.reply import Intent, Reply
from bot.terminal import answer_fragments, clean, debug_line, plain, text_fragments

#: Sequences that recolour, retitle or clear a terminal, in their 7-bit and 8-bit forms.
HOSTILE = ("\x1b[31m", "\x1b[1;31m", "\x1b]0;pwned\x07", "\x1b]2;pwned\x1b\\", "\x9b2J", "\x9d0;pwned\x9c", "\x1bPdata\x1b\\")


def test_clean_strips_escape_sequences_and_controls() -> None:
    hostile = "red\x1b[31m text\x1b[0m \x1b]0;new title\x07bell\x07 csi\x9b2J del\x7f tab\there\r\nnext"
    assert clean(hostile) == "red text bell csi del tab here\nnext"  # 8-bit CSI is a sequence too


def test_clean_keeps_ordinary_text() -> None:
    text = "Salaire moyen : 45 000 €\n- Python, SQL — and “quotes”"
    assert clean(text) == text


@given(st.text())
def test_fragments_never_carry_control_characters(text: str) -> None:
    for fragment in text_fragments(text, 40):
        assert all(ch == "\n" or unicodedata.category(ch) != "Cc" for ch in fragment[1])


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=300))
def test_wrapping_never_exceeds_the_width(text: str) -> None:
    for line in plain(text_fragments(text, 30)).split("\n"):
        assert len(line) <= 30


def test_bullets_and_numbered_steps_get_hanging_indents() -> None:
    text = "You would:\n- design and build machine learning systems for production use\n2. Gain programming skills in Python and Java and R"
    assert plain(text_fragments(text, 40)).split("\n") == [
        "You would:",
        "  • design and build machine learning",
        "    systems for production use",
        "  2. Gain programming skills in Python",
        "     and Java and R",
        "",
    ]


def test_figures_are_emphasised_and_never_split() -> None:
    fragments = text_fragments("It pays about $110,000 a year; 100% need a degree; 1,234 openings.", 24)
    figures = [fragment[1] for fragment in fragments if fragment[0] == "class:figure"]
    assert figures == ["$110,000", "100%", "1,234"]


def test_answer_shows_suggestions_and_the_debug_line_only_when_asked() -> None:
    reply = Reply("Pays well.", Intent.SALARY, "data-engineer", 0.876, 2, ("What next?",))
    quiet = plain(answer_fragments(reply, 80))
    loud = plain(answer_fragments(reply, 80, debug=True))
    assert "Try: What next?" in quiet and "intent=" not in quiet
    assert debug_line(reply) == "intent=salary  role=data-engineer  confidence=0.88  step=2"
    assert debug_line(reply) in loud


def test_suggestions_from_outside_are_cleaned() -> None:
    reply = Reply("ok", Intent.HELP, suggestions=("\x1b[31mred",))
    assert "\x1b" not in plain(answer_fragments(reply, 80))


def test_test_reports_print_no_escape_sequences() -> None:
    from bot.regress import CaseResult, TurnResult
    from bot.regress_file import Case, ScriptTurn

    turn = ScriptTurn("how much\x1b]0;pwned\x07 does it pay", 3, (Intent.SALARY,))
    failed = TurnResult(turn, Reply("pays \x1b[31mred", Intent.HELP), ("wrong intent",))
    result = CaseResult(Path("suite\x1b[2J.yaml"), Case("question", "q", 3, (turn,)), (failed,))
    text = render_text(Report(results=(result,), problems=()))
    assert "\x1b" not in text and "\x07" not in text
    assert "pays red" in text and "how much does it pay" in text
