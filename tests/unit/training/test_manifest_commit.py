"""The commit a model records is '+dirty' only when the code that makes models has uncommitted changes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from training import manifest


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("service/scorer.py", "training/fit.py", "tests/test_x.py", "README.md", "pyproject.toml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# v1\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "-c", "user.email=t@t", "-c", "user.name=t", "add", ".")
    _git(tmp_path, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "init")
    monkeypatch.setattr(manifest, "PROJECT_ROOT", tmp_path)
    return tmp_path


def test_clean_tree_records_the_bare_commit(repo: Path) -> None:
    commit = manifest.git_commit()
    assert commit is not None and len(commit) == 40


@pytest.mark.parametrize("name", ["tests/test_x.py", "README.md"])
def test_changes_outside_the_model_code_are_not_dirty(repo: Path, name: str) -> None:
    (repo / name).write_text("# edited\n")
    assert not manifest.git_commit().endswith("+dirty")  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["service/scorer.py", "training/fit.py", "pyproject.toml"])
def test_changes_to_the_model_code_are_dirty(repo: Path, name: str) -> None:
    (repo / name).write_text("# edited\n")
    assert manifest.git_commit().endswith("+dirty")  # type: ignore[union-attr]
