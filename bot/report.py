"""What a regression run found, for people (text), scripts (JSON) and CI systems (JUnit XML).

Kept apart from the runner so the pytest plugin can show a failing item exactly as
`careerbot test` does, and so each output form can be tested without running a bot.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .exitcodes import EXIT_FAILED, EXIT_OK, EXIT_UNUSABLE
from .reply import Intent
from .terminal import clean

if TYPE_CHECKING:
    from .regress import CaseResult, TurnResult
    from .regress_file import Problem

#: How many of the most frequent confusions the report lists.
TOP_CONFUSIONS = 5
#: Replies are cut to this many characters in failure output; the reasons carry the detail.
REPLY_CHARS = 200

_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class IntentScore:
    """How well one intent was recognised over the turns that declare an intent."""

    intent: str
    precision: float
    recall: float
    f1: float
    support: int  # turns whose expected intent this is


@dataclass(frozen=True)
class Report:
    """Everything a run found. Counts are of questions and conversations, not turns."""

    results: tuple[CaseResult, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def passed(self) -> int:
        return sum(result.passed for result in self.results)

    @property
    def known_misses(self) -> int:
        """Failures every part of which is marked `xfail:`: visible, but not a broken run."""
        return sum(result.known_miss is not None for result in self.results)

    @property
    def failed(self) -> int:
        return len(self.results) - self.passed - self.known_misses

    @property
    def exit_code(self) -> int:
        if self.problems:
            return EXIT_UNUSABLE
        return EXIT_FAILED if self.failed else EXIT_OK

    @property
    def summary(self) -> str:
        misses = f", {self.known_misses} known misses (xfail)" if self.known_misses else ""
        return f"{self.passed} passed, {self.failed} failed{misses}"


def intent_pairs(results: Iterable[CaseResult]) -> list[tuple[str, str]]:
    """(expected, got) for every turn that declares an intent. With a list of acceptable
    intents the first one is the expected label, unless the bot chose another from the list."""
    pairs = []
    for result in results:
        for turn in result.turns:
            if turn.turn.intents:
                got = turn.reply.intent
                expected = got if got in turn.turn.intents else turn.turn.intents[0]
                pairs.append((expected.value, got.value))
    return pairs


def intent_scores(pairs: list[tuple[str, str]]) -> tuple[IntentScore, ...]:
    """Precision, recall and F1 per intent, in the contract's order of intents."""
    support = Counter(expected for expected, _ in pairs)
    predicted = Counter(got for _, got in pairs)
    correct = Counter(expected for expected, got in pairs if expected == got)
    scores = []
    for intent in (i.value for i in Intent if i.value in support or i.value in predicted):
        precision = correct[intent] / predicted[intent] if predicted[intent] else 0.0
        recall = correct[intent] / support[intent] if support[intent] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(IntentScore(intent, precision, recall, f1, support[intent]))
    return tuple(scores)


def confusions(pairs: list[tuple[str, str]], limit: int = TOP_CONFUSIONS) -> list[tuple[tuple[str, str], int]]:
    """The most frequent (expected, got) mix-ups, most frequent first."""
    return Counter(pair for pair in pairs if pair[0] != pair[1]).most_common(limit)


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= REPLY_CHARS else flat[: REPLY_CHARS - 1] + "…"


def _title(result: CaseResult) -> str:
    case = result.case
    name = f" {case.name!r}" if case.kind == "conversation" else ""
    return f"{result.path}:{case.line} {case.kind}{name}"


def _render_turn(number: int, result: CaseResult, turn: TurnResult) -> list[str]:
    where = f"turn {number} (line {turn.turn.line}) " if result.case.kind == "conversation" else ""
    lines = [f"  {where}user: {turn.turn.user}"]
    lines += [f"    - {reason}" for reason in turn.reasons]
    lines.append(f"    reply: {_one_line(turn.reply.text)}")
    return lines


def render_case(result: CaseResult) -> str:
    """A failing question or conversation: each failing turn with every reason.

    Cleaned for a terminal (here and in pytest's report): file names, questions and replies
    may carry escape sequences.
    """
    verdict = "PASS" if result.passed else "XFAIL" if result.known_miss is not None else "FAIL"
    lines = [f"{verdict} {_title(result)}"]
    for number, turn in enumerate(result.turns, start=1):
        if not turn.passed:
            lines += _render_turn(number, result, turn)
    return clean("\n".join(lines))


def _render_scores(pairs: list[tuple[str, str]]) -> list[str]:
    if not pairs:
        return ["(no turn declares an intent)"]
    lines = [f"{'intent':<18}{'precision':>10}{'recall':>8}{'f1':>7}{'support':>9}"]
    for score in intent_scores(pairs):
        lines.append(f"{score.intent:<18}{score.precision:>10.2f}{score.recall:>8.2f}{score.f1:>7.2f}{score.support:>9}")
    accuracy = sum(expected == got for expected, got in pairs) / len(pairs)
    lines.append(f"intent accuracy {accuracy:.2f} over {len(pairs)} turns")
    mixups = confusions(pairs)
    lines += ["", "most frequent confusions (expected -> got):" if mixups else "no confusions"]
    lines += [f"{count:>5}  {expected} -> {got}" for (expected, got), count in mixups]
    return lines


def render_text(report: Report) -> str:
    """The human report: failures, the per-intent table, and `N passed, M failed` last."""
    failures = [render_case(result) for result in report.results if not result.passed]
    lines = [block + "\n" for block in failures]
    lines += _render_scores(intent_pairs(report.results))
    lines += ["", report.summary]
    return "\n".join(lines) + "\n"


def _case_json(result: CaseResult) -> dict[str, Any]:
    return {
        "file": str(result.path),
        "line": result.case.line,
        "kind": result.case.kind,
        "name": result.case.name,
        "passed": result.passed,
        "known_miss": result.known_miss,
        "turns": [
            {
                "line": turn.turn.line,
                "user": turn.turn.user,
                "passed": turn.passed,
                "reasons": list(turn.reasons),
                "reply": turn.reply.to_dict(),
            }
            for turn in result.turns
        ],
    }


def to_json(report: Report) -> dict[str, Any]:
    """The whole report as JSON-ready data."""
    pairs = intent_pairs(report.results)
    return {
        "passed": report.passed,
        "failed": report.failed,
        "known_misses": report.known_misses,
        "exit_code": report.exit_code,
        "problems": [{"file": str(p.path), "line": p.line, "message": p.message} for p in report.problems],
        "cases": [_case_json(result) for result in report.results],
        "intents": [asdict(score) for score in intent_scores(pairs)],
        "confusions": [{"expected": e, "got": g, "count": n} for (e, g), n in confusions(pairs)],
    }


def _xml(text: str) -> str:
    """Text safe for XML 1.0: replies may hold control characters, which XML cannot carry."""
    return _XML_INVALID.sub("\ufffd", text)


def junit_tree(report: Report) -> ET.ElementTree[ET.Element]:
    """JUnit XML: one testsuite per file, one testcase per question or conversation, and
    one erroring testcase per unusable file so CI shows it rather than silently skipping it."""
    files: dict[Path, tuple[list[CaseResult], list[Problem]]] = {}
    for result in report.results:
        files.setdefault(result.path, ([], []))[0].append(result)
    for problem in report.problems:
        files.setdefault(problem.path, ([], []))[1].append(problem)
    root = ET.Element("testsuites", name="careerbot", tests="0", failures=str(report.failed), errors="0")
    for path, (results, problems) in files.items():
        suite = ET.SubElement(root, "testsuite", name=_xml(str(path)))
        suite.set("failures", str(sum(not r.passed and r.known_miss is None for r in results)))
        suite.set("errors", str(int(bool(problems))))
        suite.set("tests", str(len(results) + int(bool(problems))))
        for result in results:
            case = ET.SubElement(suite, "testcase", classname=_xml(str(path)), name=_xml(result.case.name))
            case.set("file", _xml(str(path)))
            case.set("line", str(result.case.line))
            if result.known_miss is not None:
                ET.SubElement(case, "skipped", message=_xml(f"xfail: {result.known_miss}"))
            elif not result.passed:
                first = next(reason for turn in result.turns for reason in turn.reasons)
                failure = ET.SubElement(case, "failure", message=_xml(first))
                failure.text = _xml(render_case(result))
        if problems:
            case = ET.SubElement(suite, "testcase", classname=_xml(str(path)), name="(unusable file)")
            error = ET.SubElement(case, "error", message=_xml(problems[0].message))
            error.text = _xml("\n".join(map(str, problems)))
    root.set("tests", str(sum(int(s.get("tests", "0")) for s in root)))
    root.set("errors", str(sum(int(s.get("errors", "0")) for s in root)))
    ET.indent(root)
    return ET.ElementTree(root)


def write_junit(report: Report, path: Path) -> None:
    """Write the JUnit XML file (raises OSError when it cannot be written)."""
    junit_tree(report).write(path, encoding="utf-8", xml_declaration=True)
