"""Tests for the regression runner, its file validation and its reports (bot/regress*.py, bot/report.py).

Most run against a scripted stand-in bot, so they test the runner and not the matcher's
quality; the end-to-end ones use expectations that fail whatever the matcher answers.
"""

from __future__ import annotations

import io
import json
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.cli import main
from bot.regress import BotCache, CaseResult, TurnResult, run
from bot.regress_file import Case, ScriptTurn, parse_suite
from bot.reply import Intent, Reply
from bot.report import Report, confusions, intent_pairs, intent_scores, junit_tree, render_text, to_json

ROLE = "fictional-sky-plumber"
OTHER_ROLE = "fictional-cloud-whisperer"
IMPOSSIBLE = "zq-this-text-is-in-no-reply-xj"


@dataclass(frozen=True)
class FakeKnowledge:
    ids: tuple[str, ...] = (OTHER_ROLE, ROLE)


@dataclass
class ScriptedBot:
    """Answers each text from a script (unknown text: out_of_scope) and records the sessions."""

    script: dict[str, Reply] = field(default_factory=dict)
    knowledge: FakeKnowledge = field(default_factory=FakeKnowledge)
    calls: list[tuple[str, str | None]] = field(default_factory=list)

    def reply(self, text: str, session: str | None = None) -> Reply:
        self.calls.append((text, session))
        return self.script.get(text, Reply("Sorry, I only talk about careers.", Intent.OUT_OF_SCOPE, confidence=0.1))


SCRIPT = {
    "sky plumber pay?": Reply("A Sky Plumber earns $88,000 a year.", Intent.SALARY, ROLE, 0.93),
    "and what do they do?": Reply("They fix clouds.", Intent.RESPONSIBILITIES, ROLE, 0.8),
    "what's next?": Reply("Step 2: learn to fly.", Intent.NEXT_STEP, ROLE, 0.7, step=2),
    "hello": Reply("Hi!", Intent.GREETING, None, 0.99),
}


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run_with(bot: ScriptedBot, *paths: Path, **options: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(paths), None, out=out, err=err, bots=BotCache(lambda _: bot), **options)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue()


GOOD = """\
    questions:
    - user: sky plumber pay?
      intent: salary
      role: fictional-sky-plumber
      expect: ["88,000"]
    """


def test_all_passing_exits_0_and_ends_with_the_summary(tmp_path: Path) -> None:
    code, out, err = run_with(ScriptedBot(SCRIPT), write(tmp_path, "good.yaml", GOOD))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "1 passed, 0 failed"


def test_a_wrong_expectation_exits_1_and_shows_every_reason(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "wrong.yaml",
        """\
        conversations:
        - name: sky plumbing
          turns:
          - user: sky plumber pay?
            intent: salary
          - user: and what do they do?
            intent: [salary, overview]
            role: fictional-cloud-whisperer
            step: 1
            expect: ["rainbows"]
            reject: ["CLOUDS"]
        """,
    )
    code, out, _ = run_with(ScriptedBot(SCRIPT), path)
    assert code == 1
    assert f"FAIL {path}:2 conversation 'sky plumbing'" in out
    assert "turn 2 (line 6) user: and what do they do?" in out
    assert "intent: expected salary or overview, got responsibilities (confidence 0.80)" in out
    assert "role: expected fictional-cloud-whisperer, got fictional-sky-plumber" in out
    assert "step: expected 1, got none" in out
    assert "missing text: 'rainbows'" in out
    assert "forbidden text: 'CLOUDS'" in out
    assert "turn 1" not in out  # passing turns are not listed
    assert out.splitlines()[-1] == "0 passed, 1 failed"


@pytest.mark.parametrize(
    ("role", "reply_role", "passes"),
    [("none", None, True), ("none", ROLE, False), (ROLE, None, False), (ROLE, ROLE, True)],
)
def test_role_none_means_no_role(tmp_path: Path, role: str, reply_role: str | None, passes: bool) -> None:
    bot = ScriptedBot({"q": Reply("text", Intent.SALARY, reply_role)})
    code, _, _ = run_with(bot, write(tmp_path, "r.yaml", f"questions:\n- user: q\n  role: {role}\n"))
    assert code == (0 if passes else 1)


def test_each_question_gets_a_fresh_session_and_a_conversation_keeps_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "s.yaml",
        """\
        questions:
        - user: hello
        - user: hello
        conversations:
        - name: c
          turns:
          - user: sky plumber pay?
          - user: what's next?
        """,
    )
    bot = ScriptedBot(SCRIPT)
    assert run_with(bot, path)[0] == 0
    sessions = [session for _, session in bot.calls]
    assert len({sessions[0], sessions[1], sessions[2]}) == 3
    assert sessions[2] == sessions[3]


MALFORMED = [
    ("questions: [\n", 2, "YAML error"),
    ("questions: []\nsettings: 1\n", 2, "unknown key 'settings' in the file"),
    ("questions:\n- user: hi\n  intnet: greeting\n", 3, "unknown key 'intnet' in a question"),
    ("conversations:\n- name: c\n  turns:\n  - intent: greeting\n", 4, "a turn of 'c' has no 'user'"),
    ("questions:\n- user: hi\n  intent: greting\n", 3, "unknown intent 'greting'; did you mean 'greeting'?"),
    ("questions:\n- user: hi\n  intent: [greeting, byebye]\n", 3, "unknown intent 'byebye'"),
    ("questions:\n- user: hi\n  role: fictional-sky-plumbr\n", 2, "unknown role 'fictional-sky-plumbr'"),
    ("questions:\n- user: hi\n  expect: hello\n", 3, "expect must be a list"),
    ("questions:\n- user: hi\n  reject: {a: b}\n", 3, "reject must be a list"),
    ("questions:\n- user: hi\n  step: first\n", 3, "step must be a whole number"),
    ("questions:\n- user: hi\n  step: 0\n", 3, "step must be a whole number"),
    ("questions:\n- user:\n", 2, "user must be a non-empty text"),
    ("questions: hello\n", 1, "questions must be a list"),
    ("conversations:\n- name: c\n  turns: []\n", 3, "conversation 'c' has no turns"),
    ("conversations:\n- turns:\n  - user: hi\n", 2, "a conversation needs a name and turns"),
    ("questions:\n- user: hi\n  user: hello\n", 3, "duplicate key 'user'"),
    ("knowledge: kb\n", 1, "no questions: or conversations:"),
    ("- user: hi\n", 1, "the file must be a mapping"),
    ("", 1, "empty file"),
]


@pytest.mark.parametrize(("text", "line", "message"), MALFORMED, ids=[m[2] for m in MALFORMED])
def test_a_malformed_file_is_one_line_and_exit_2_and_the_others_still_run(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    bad = write(tmp_path, "bad.yaml", text)
    good = write(tmp_path, "good.yaml", GOOD)
    code, out, err = run_with(ScriptedBot(SCRIPT), bad, good)
    assert code == 2
    assert err.splitlines() == [err.strip()]  # one line
    assert err.startswith(f"{bad}:{line}: ")
    assert message in err
    assert out.splitlines()[-1] == "1 passed, 0 failed"


def test_an_unloadable_knowledge_directory_makes_the_file_unusable(tmp_path: Path) -> None:
    path = write(tmp_path, "kb.yaml", "knowledge: nowhere\n" + textwrap.dedent(GOOD))

    def load(directory: Path | None) -> ScriptedBot:
        raise ValueError(f"{directory}: not a knowledge directory")

    out, err = io.StringIO(), io.StringIO()
    assert run([path], None, out=out, err=err, bots=BotCache(load)) == 2
    assert err.getvalue() == f"{path}:1: cannot load knowledge: {(tmp_path / 'nowhere').resolve()}: not a knowledge directory\n"


def test_knowledge_comes_from_the_file_then_the_option_then_the_shipped_base(tmp_path: Path) -> None:
    own = write(tmp_path, "own.yaml", "knowledge: kb\n" + textwrap.dedent(GOOD))
    plain = write(tmp_path, "plain.yaml", GOOD)
    asked: list[Path | None] = []

    def load(directory: Path | None) -> ScriptedBot:
        asked.append(directory)
        return ScriptedBot(SCRIPT)

    for option in (tmp_path / "option", None):
        run([own, plain, plain], option, out=io.StringIO(), err=io.StringIO(), bots=BotCache(load))
    assert asked == [(tmp_path / "kb").resolve(), (tmp_path / "option").resolve(), (tmp_path / "kb").resolve(), None]


def test_directories_are_searched_for_yaml_and_yml_and_missing_paths_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "suite/a.yaml", GOOD)
    write(tmp_path, "suite/deeper/b.yml", GOOD)
    write(tmp_path, "suite/notes.txt", "not a regression file")
    code, out, err = run_with(ScriptedBot(SCRIPT), tmp_path / "suite", tmp_path / "missing.yaml")
    assert code == 2
    assert err == f"{tmp_path / 'missing.yaml'}: no such file or directory\n"
    assert out.splitlines()[-1] == "2 passed, 0 failed"


def test_the_parser_keeps_lines_and_the_optional_checks(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "p.yaml",
        """\
        questions:
        - user: hi
          intent: [greeting, help]
          role: none
          step: 2
          expect: [110000, "b"]
        """,
    )
    (case,) = parse_suite(path).cases
    assert case == Case(
        "question",
        "hi",
        2,
        (ScriptTurn("hi", 2, (Intent.GREETING, Intent.HELP), "none", 2, ("110000", "b"), ()),),
    )


# Report rendering, on hand-made results so the figures are known.


def result(name: str, *turns: tuple[tuple[Intent, ...], Intent, tuple[str, ...]]) -> CaseResult:
    made = tuple(
        TurnResult(ScriptTurn(f"{name} {i}", i + 3, intents), Reply(f"reply\x07 {i}", got, confidence=0.5), reasons)
        for i, (intents, got, reasons) in enumerate(turns)
    )
    return CaseResult(Path("suite.yaml"), Case("conversation", name, 2, tuple(t.turn for t in made)), made)


S, R, O = Intent.SALARY, Intent.RESPONSIBILITIES, Intent.OUT_OF_SCOPE
RESULTS = (
    result("ok", ((S,), S, ()), ((R,), R, ())),
    result("bad", ((S,), O, ("intent: expected salary, got out_of_scope",)), ((S, O), O, ())),
    result("worse", ((R,), S, ("intent: expected responsibilities, got salary",)), ((S,), O, ("x",)), ((), O, ())),
)


def test_intent_table_counts_the_first_acceptable_intent_unless_another_was_chosen() -> None:
    pairs = intent_pairs(RESULTS)
    assert pairs == [("salary", "salary"), ("responsibilities", "responsibilities"), ("salary", "out_of_scope"),
                     ("out_of_scope", "out_of_scope"), ("responsibilities", "salary"), ("salary", "out_of_scope")]
    scores = {s.intent: s for s in intent_scores(pairs)}
    assert list(scores) == ["salary", "responsibilities", "out_of_scope"]
    assert (scores["salary"].precision, scores["salary"].recall, scores["salary"].support) == (0.5, 1 / 3, 3)
    assert scores["salary"].f1 == pytest.approx(0.4)
    assert (scores["out_of_scope"].precision, scores["out_of_scope"].recall) == (1 / 3, 1.0)
    assert confusions(pairs) == [(("salary", "out_of_scope"), 2), (("responsibilities", "salary"), 1)]


def test_text_report_has_failures_table_confusions_and_summary_last() -> None:
    text = render_text(Report(RESULTS))
    assert "FAIL suite.yaml:2 conversation 'bad'" in text and "conversation 'ok'" not in text
    assert "precision" in text and "recall" in text and "support" in text
    assert "    2  salary -> out_of_scope" in text
    assert text.splitlines()[-1] == "1 passed, 2 failed"


def test_json_report_parses_and_holds_the_whole_run(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", "questions: [\n")
    wrong = write(tmp_path, "wrong.yaml", f"questions:\n- user: hello\n  intent: help\n  expect: [{IMPOSSIBLE}]\n")
    code, out, _ = run_with(ScriptedBot(SCRIPT), bad, wrong, as_json=True)
    data = json.loads(out)
    assert code == data["exit_code"] == 2
    assert (data["passed"], data["failed"]) == (0, 1)
    assert data["problems"][0]["file"] == str(bad) and data["problems"][0]["line"] == 2
    (case,) = data["cases"]
    assert case["name"] == "hello" and case["kind"] == "question" and case["passed"] is False
    assert case["turns"][0]["reasons"] == [
        "intent: expected help, got greeting (confidence 0.99)",
        f"missing text: '{IMPOSSIBLE}'",
    ]
    assert case["turns"][0]["reply"]["intent"] == "greeting"
    assert data["intents"] == [
        {"intent": "greeting", "precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0},
        {"intent": "help", "precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1},
    ]
    assert data["confusions"] == [{"expected": "help", "got": "greeting", "count": 1}]


def test_junit_has_one_testcase_per_case_and_failures_carry_the_reasons(tmp_path: Path) -> None:
    report = Report(RESULTS, ())
    path = tmp_path / "junit.xml"
    junit_tree(report).write(path, encoding="utf-8", xml_declaration=True)
    root = ET.parse(path).getroot()
    cases = root.findall(".//testcase")
    assert [c.get("name") for c in cases] == ["ok", "bad", "worse"]
    assert root.get("tests") == "3" and root.get("failures") == "2"
    failure = cases[1].find("failure")
    assert failure is not None and failure.get("message") == "intent: expected salary, got out_of_scope"
    assert "turn 1 (line 3) user: bad 0" in (failure.text or "")
    assert cases[0].find("failure") is None


def test_junit_reports_an_unusable_file_as_an_error_case(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", "questions: [\n")
    good = write(tmp_path, "good.yaml", GOOD)
    junit = tmp_path / "out" / "junit.xml"
    junit.parent.mkdir()
    assert run_with(ScriptedBot(SCRIPT), bad, good, junit=junit)[0] == 2
    root = ET.parse(junit).getroot()
    assert root.get("tests") == "2" and root.get("errors") == "1"
    error = root.find(".//testcase/error")
    assert error is not None and str(bad) in (error.text or "")


# End to end through `careerbot test` and the real bot: expectations that fail whatever it answers.


def test_cli_exits_1_on_a_wrong_expectation_and_names_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "e2e.yaml", f"questions:\n- user: how much does an ML engineer make?\n  expect: [{IMPOSSIBLE}]\n")
    assert main(["test", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"missing text: '{IMPOSSIBLE}'" in out
    assert out.splitlines()[-1] == "0 passed, 1 failed"


def test_cli_exits_0_when_nothing_can_fail_and_writes_junit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "e2e.yaml", f"conversations:\n- name: c\n  turns:\n  - user: hi\n    reject: [{IMPOSSIBLE}]\n")
    junit = tmp_path / "junit.xml"
    assert main(["test", str(path), "--junit", str(junit)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 passed, 0 failed"
    assert len(ET.parse(junit).getroot().findall(".//testcase")) == 1


def test_cli_exits_2_for_a_role_the_shipped_base_does_not_hold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "e2e.yaml", "questions:\n- user: hi\n  role: fictional-moon-gardener\n")
    assert main(["test", str(path)]) == 2
    assert capsys.readouterr().err.startswith(f"{path}:2: unknown role 'fictional-moon-gardener'")


def test_style_and_xfail_are_read_and_known_misses_do_not_fail_the_run(tmp_path: Path) -> None:
    path = tmp_path / "marked.yaml"
    path.write_text(
        "questions:\n"
        "- user: how much does an ML engineer make?\n  intent: greeting\n  style: terse\n  xfail: a known miss\n"
        "conversations:\n- name: c\n  style: slang\n  turns:\n  - user: hi\n    xfail: never mind\n",
        encoding="utf-8",
    )
    suite = parse_suite(path)
    assert [(case.style, case.xfail) for case in suite.cases] == [("terse", "a known miss"), ("slang", None)]
    assert suite.cases[1].turns[0].style == "slang" and suite.cases[1].marked == "never mind"
    out, err = io.StringIO(), io.StringIO()
    assert run([path], None, out=out, err=err) == 0
    assert out.getvalue().rstrip().endswith("1 passed, 0 failed, 1 known misses (xfail)")
    assert "XFAIL" in out.getvalue()
