"""The corpus splits (bot/corpus.py): a held-out file leaves train, and a file in both dev and
the sealed test split is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.corpus import CorpusError, split_files

from conftest import ROOT


def _tree(root: Path, splits: str) -> None:
    for name in ("a", "b", "c"):
        (root / "cases").mkdir(exist_ok=True)
        (root / "cases" / f"{name}.yaml").write_text("questions:\n- user: hi\n", encoding="utf-8")
    (root / "cases" / "knowledge").mkdir()
    (root / "cases" / "knowledge" / "role.yaml").write_text("id: x\n", encoding="utf-8")
    (root / "corpus").mkdir()
    (root / "corpus" / "splits.yaml").write_text(splits, encoding="utf-8")


def test_held_out_files_leave_train_and_subdirectories_are_not_cases(tmp_path: Path) -> None:
    _tree(tmp_path, "train: [cases]\ndev: [cases/b.yaml]\ntest: [cases/c.yaml]\n")
    files = split_files(tmp_path)
    assert [p.name for p in files["train"]] == ["a.yaml"]
    assert [p.name for p in files["dev"]] == ["b.yaml"] and [p.name for p in files["test"]] == ["c.yaml"]


def test_a_file_in_dev_and_test_is_refused(tmp_path: Path) -> None:
    _tree(tmp_path, "train: [cases]\ndev: [cases/b.yaml]\ntest: [cases/b.yaml]\n")
    with pytest.raises(CorpusError, match="in both dev and test"):
        split_files(tmp_path)


def test_the_repository_splits_are_disjoint_and_never_train_on_dev() -> None:
    files = split_files(ROOT)
    assert files["train"] and files["dev"]
    assert not set(files["train"]) & (set(files["dev"]) | set(files["test"]))
