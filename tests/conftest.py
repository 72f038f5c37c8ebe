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


def _built(factory: pytest.TempPathFactory, data: Path, name: str) -> Path:
    from .site_build import build_site

    site = factory.mktemp(name) / "site"
    log = build_site(data, site)
    assert "WARNING" not in log, log
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from data/ (strict; the build log must have no warning)."""
    return _built(tmp_path_factory, DATA, "real")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from data_contoh/."""
    return _built(tmp_path_factory, DEMO, "demo")
