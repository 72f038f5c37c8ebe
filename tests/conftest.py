"""Shared fixtures: the repository paths, throwaway copies of the datasets, and built sites.

Tests come in three kinds (see README, "Pengujian"):

* engine tests run on data folders the engine owns: the demo (``data_contoh/``), the second
  fixture unit (``tests/fixtures/unit_lain/data``) and small datasets made by the tests. They
  never read ``data/``, so they pass whatever unit's data a fork holds;
* unit-data tests (``tests/test_data_unit.py``) are generic and run on ``data/``;
* seed tests are tied to the first unit's source document and run only when
  ``data/sumber/`` holds it (:data:`seed_only`); otherwise they are reported as skipped, by name.

Every test that reads ``data/`` (unit-data and seed tests, and the few engine tests that compare
with it) carries the mark :data:`data_unit`; a test that reads ``data/`` without it fails
(``tests/data_unit_guard.py``). The nested ``make test`` of ``test_unit_lain.py`` runs only
these tests.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .data_unit_guard import REQUEST_KEY, install

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
"""The unit's data folder: only tests marked :data:`data_unit` read it."""
data_unit = pytest.mark.data_unit
"""Mark of a test that reads data/ (see tests/data_unit_guard.py)."""
DEMO = ROOT / "data_contoh"
UNIT_LAIN = ROOT / "tests" / "fixtures" / "unit_lain" / "data"
"""A second fictional unit (a dinas: no wilayah, another period, two IKM surveys a year); still in
the first format (one document: profil.yaml → dokumen, kerangka.yaml, indikator/, narasi/)."""
FORMAT_V1 = ROOT / "tests" / "fixtures" / "format_v1" / "data"
"""The demo as it was before the chain of documents, in the first format (for the tests of
reading that format and of ``migrasi``)."""
ENGINE_DATASETS = {"demo": DEMO, "unit_lain": UNIT_LAIN}
"""The data folders in the repository that engine tests run on, by name (``kosong`` is made
from the demo by :func:`make_kosong`)."""

PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "iku_macros", "schema")
"""What a build needs of the project besides its data (mkdocs-macros loads the package from the
project's folder)."""


def copy_project(target: Path, extra: tuple[str, ...] = ()) -> Path:
    """A copy of the project's own files (:data:`PROJECT_PARTS` and ``extra``) in ``target``,
    created, without bytecode: for tests that edit a page or build under another path."""
    target.mkdir(parents=True)
    for part in (*extra, *PROJECT_PARTS):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


SEED_DOCUMENT = DATA / "sumber" / "iku-pilangkenceng-2018-2023-perubahan.md"
"""The first unit's source document; the seed tests compare data/ with it."""
SEED_SKIP = (
    "tidak berlaku: data/ bukan data Kecamatan Pilangkenceng "
    f"(data/sumber/{SEED_DOCUMENT.name} tidak ada)"
)
SEED_DOKUMEN = DATA / "dokumen" / "2018-2023-perubahan"
"""The folder of the IKU document that source is transcribed into (an IKU Perubahan whose
original is not available, so the unit's chain holds this one document)."""
seed_only = pytest.mark.skipif(not SEED_DOCUMENT.is_file(), reason=SEED_SKIP)
"""Mark of the seed tests: skipped, with the reason above, when data/ holds another unit."""


def pytest_configure(config: pytest.Config) -> None:
    install(config, DATA)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``long`` (minutes) start first: under xdist the other worker runs the rest
    beside them, instead of one of them running alone at the end of the suite."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(autouse=True)
def _data_unit_request(request: pytest.FixtureRequest) -> None:
    """Lets the guard see every fixture the test used, also those requested dynamically."""
    request.node.stash[REQUEST_KEY] = request


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m iku_macros ARGS`` in ``cwd``, as staff run it (output captured, no check)."""
    return subprocess.run(
        [sys.executable, "-m", "iku_macros", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def make_kosong(target: Path) -> Path:
    """A unit as freshly transcribed documents leave it: the demo's YAML, not marked as demo
    data, with targets but no realisasi, no IKM survey and no narrative chapter in any document
    (so the site shows "belum dilaporkan" everywhere and the engine's own document pages)."""
    shutil.copytree(DEMO, target)
    chapters = sorted(target.glob("dokumen/*/narasi"))
    assert chapters, "the demo has no document with chapters"
    for folder in [target / "realisasi", target / "ikm", *chapters]:
        shutil.rmtree(folder)
    profil = target / "profil.yaml"
    text = profil.read_text(encoding="utf-8")
    assert "data_contoh: true\n" in text
    profil.write_text(text.replace("data_contoh: true\n", "data_contoh: false\n"), "utf-8")
    return target


@pytest.fixture
def copy_data(tmp_path: Path) -> Callable[[Path], Path]:
    """Copy a dataset (by default the demo) into a temporary folder named ``data``."""

    def _copy(source: Path = DEMO) -> Path:
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
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from data_contoh/ (strict; the build log must have no warning)."""
    return _built(tmp_path_factory, DEMO, "demo")


@pytest.fixture(scope="session")
def unit_lain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the second fixture unit."""
    return _built(tmp_path_factory, UNIT_LAIN, "unit_lain")


@pytest.fixture(scope="session")
def kosong_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """See :func:`make_kosong`."""
    return make_kosong(tmp_path_factory.mktemp("kosong_data") / "data")


@pytest.fixture(scope="session")
def kosong_site(tmp_path_factory: pytest.TempPathFactory, kosong_data: Path) -> Path:
    """The site built from :func:`kosong_data`."""
    return _built(tmp_path_factory, kosong_data, "kosong")


@pytest.fixture(scope="session")
def data_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from data/, whatever unit it holds (tests marked :data:`data_unit` only)."""
    return _built(tmp_path_factory, DATA, "data")


@pytest.fixture
def engine_site(request: pytest.FixtureRequest) -> tuple[Path, Path]:
    """(data folder, built site) of the engine dataset named by indirect parametrisation."""
    name = request.param
    folder = request.getfixturevalue("kosong_data") if name == "kosong" else ENGINE_DATASETS[name]
    return folder, request.getfixturevalue(f"{name}_site")
