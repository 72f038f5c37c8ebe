"""Shared fixtures: the repository paths and throwaway copies of the datasets."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
DEMO = ROOT / "data_contoh"


@pytest.fixture
def copy_data(tmp_path: Path) -> Callable[[Path], Path]:
    """Copy a dataset into a temporary folder named ``data`` and return its path."""

    def _copy(source: Path = DATA) -> Path:
        target = tmp_path / "data"
        shutil.copytree(source, target)
        return target

    return _copy
