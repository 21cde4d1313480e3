"""Shared fixtures: one tiny data dir per test session (it is read-only for the tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .tiny_data import build_tiny_data_dir


@pytest.fixture(scope="session")
def tiny_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_data_dir(tmp_path_factory.mktemp("tiny"))
