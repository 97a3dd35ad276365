"""Structure rules that keep the package layered: no import cycles among `bot` modules, one
class per name, and errors whose hierarchy says what they are about."""

from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "bot"


def _imports(path: Path) -> set[str]:
    """The `bot` modules `path` imports anywhere (lazily too), except for type checking only."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            skipped.update(id(child) for branch in node.body for child in ast.walk(branch))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and id(node) not in skipped and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {path.stem: path for path in PACKAGE.glob("*.py")}
    return {name: _imports(path) & modules.keys() for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules, or None."""
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> list[str] | None:
        if name in trail:
            return trail[trail.index(name) :] + [name]
        if name in done:
            return None
        for other in sorted(graph[name]):
            found = visit(other, trail + [name])
            if found:
                return found
        done.add(name)
        return None

    for name in sorted(graph):
        found = visit(name, [])
        if found:
            return found
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_of_bot_imports_itself_back_even_lazily() -> None:
    assert _cycle(_graph()) is None


def test_exit_codes_have_their_own_module_and_the_edges_take_them_from_there() -> None:
    graph = _graph()
    assert "exitcodes" in graph
    for edge in ("cli", "regress", "report", "serving"):
        assert "exitcodes" in graph[edge], edge
        assert "cli" not in graph[edge] or edge == "cli", edge


def test_the_regression_file_turn_is_not_named_like_the_dialogue_turn() -> None:
    from bot import dialogue, regress_file

    assert not hasattr(regress_file, "Turn")
    assert hasattr(regress_file, "ScriptTurn") and hasattr(dialogue, "Turn")


def test_intent_data_errors_are_not_knowledge_errors_but_share_a_base() -> None:
    from bot import DataError, KnowledgeError
    from bot.intents import IntentDataError

    assert not issubclass(IntentDataError, KnowledgeError)
    assert issubclass(IntentDataError, DataError) and issubclass(KnowledgeError, DataError)
