"""The guard of the ``data_unit`` mark (tests/data_unit_guard.py), on a small project of its own:
a test that reads its ``data/`` in any of the ways the guard knows fails unless it is marked, and
the nested run (``IKU_UJI_UNIT_LAIN=1``) runs only the marked tests and says so."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .data_unit_guard import NESTED_VARIABLE, SELECTION, child_data_folders

CONFTEST = """\
from pathlib import Path

import pytest

from tests.data_unit_guard import REQUEST_KEY, install

DATA = Path(__file__).parent / "data"


def pytest_configure(config):
    install(config, DATA)


@pytest.fixture(autouse=True)
def _request(request):
    request.node.stash[REQUEST_KEY] = request


@pytest.fixture(scope="session")
def data_text():
    return (DATA / "profil.yaml").read_text()
"""
TESTS = """\
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def test_opens_a_file():
    (HERE / "data" / "profil.yaml").read_text()


def test_lists_the_folder_by_a_relative_path(monkeypatch):
    monkeypatch.chdir(HERE)
    os.listdir("data")


def test_through_a_symlink(tmp_path):
    (tmp_path / "link").symlink_to(HERE / "data")
    (tmp_path / "link" / "profil.yaml").read_text()


def test_lists_it_through_a_descriptor(monkeypatch):
    monkeypatch.chdir(HERE)
    fd = os.open("data", os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.listdir(fd)
    finally:
        os.close(fd)


def test_copies_it(tmp_path):
    shutil.copytree(HERE / "data", tmp_path / "copy")


@pytest.mark.parametrize("n", [1, 2])
def test_uses_a_session_fixture_that_read_it(data_text, n):
    assert data_text


def test_runs_a_child_that_names_it():
    subprocess.run([sys.executable, "-c", "pass", str(HERE / "data")], check=True)


def test_builds_the_site_of_its_default_folder():
    command = [sys.executable, "-m", "mkdocs", "--version"]
    subprocess.run(command, cwd=HERE, check=True, capture_output=True)


@pytest.mark.data_unit
def test_marked(data_text):
    (HERE / "data" / "profil.yaml").read_text()


@pytest.mark.data_unit
def test_marked_reading_nothing():
    pass


def test_reads_elsewhere(tmp_path, monkeypatch):
    (HERE / "data_contoh" / "profil.yaml").read_text()
    # A folder named data elsewhere, by its name in a descriptor of its parent (as the engine's
    # safe reader opens), while the working directory holds data/.
    monkeypatch.chdir(HERE)
    (tmp_path / "data").mkdir()
    fd = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.close(os.open("data", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd))
        os.rmdir("data", dir_fd=fd)
    finally:
        os.close(fd)
    subprocess.run(["git", "-C", str(tmp_path), "status", "--", "data"], capture_output=True)
    subprocess.run([sys.executable, "-c", "pass"], cwd=HERE, check=True)
    command = [sys.executable, "-m", "mkdocs", "--version"]
    env = {**os.environ, "IKU_DATA": str(HERE / "data_contoh")}
    subprocess.run(command, cwd=HERE, env=env, check=True, capture_output=True)
"""
IMPORTING = """\
from pathlib import Path

import pytest

FILES = sorted(p.name for p in (Path(__file__).parent / "data").iterdir())


@pytest.mark.parametrize("name", FILES)
def test_over_the_files(name):
    assert name
"""
READERS = {
    "test_x.py::test_opens_a_file",
    "test_x.py::test_lists_the_folder_by_a_relative_path",
    "test_x.py::test_through_a_symlink",
    "test_x.py::test_lists_it_through_a_descriptor",
    "test_x.py::test_copies_it",
    "test_x.py::test_uses_a_session_fixture_that_read_it[1]",
    "test_x.py::test_uses_a_session_fixture_that_read_it[2]",
    "test_x.py::test_runs_a_child_that_names_it",
    "test_x.py::test_builds_the_site_of_its_default_folder",
    "test_impor.py::test_over_the_files[profil.yaml]",
}
OTHERS = {
    "test_x.py::test_marked",
    "test_x.py::test_marked_reading_nothing",
    "test_x.py::test_reads_elsewhere",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("proyek")
    for folder in ("data", "data_contoh"):
        (root / folder).mkdir()
        (root / folder / "profil.yaml").write_text("instansi: {}\n", encoding="utf-8")
    (root / "pytest.ini").write_text("[pytest]\nmarkers = data_unit: x\n", encoding="utf-8")
    (root / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (root / "test_x.py").write_text(TESTS, encoding="utf-8")
    (root / "test_impor.py").write_text(IMPORTING, encoding="utf-8")
    return root


def run_pytest(project: Path, **env: str) -> tuple[dict[str, str], str]:
    """(outcome by test id, output) of a pytest run of the project, in a fresh process."""
    without_iku = {k: v for k, v in os.environ.items() if not k.startswith(("IKU_", "PYTEST_"))}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", "-q", str(project)],
        cwd=project,
        env={**without_iku, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        check=False,
    )
    outcomes = dict(
        (test, outcome)
        for outcome, test in re.findall(r"^(PASSED|FAILED|ERROR) (\S+)", result.stdout, re.M)
    )
    return outcomes, result.stdout + result.stderr


def test_reading_data_without_the_mark_fails(project: Path) -> None:
    outcomes, output = run_pytest(project)
    assert outcomes == {
        **dict.fromkeys(READERS, "FAILED"),
        **dict.fromkeys(OTHERS, "PASSED"),
    }, output
    assert "test_x.py::test_copies_it reads data/ but is not marked" in output
    assert "runs `" in output and "(fixture data_text)" in output
    assert "the guard failed" not in output
    assert "(importing the module)" in output


def test_the_nested_run_runs_only_the_marked_tests(project: Path) -> None:
    outcomes, output = run_pytest(project, **{NESTED_VARIABLE: "1"})
    assert outcomes == {"test_x.py::test_marked": "PASSED"} | {
        "test_x.py::test_marked_reading_nothing": "PASSED"
    }, output
    selection = SELECTION.search(output)
    assert selection is not None, output
    assert (selection["selected"], selection["deselected"]) == ("2", str(len(READERS) + 1))


@pytest.mark.parametrize(
    ("command", "env", "expected"),
    [
        (["python", "-m", "mkdocs", "build"], {}, "/r/data"),
        (["mkdocs", "build"], {"IKU_DATA": "/elsewhere"}, "/elsewhere"),
        (["mkdocs", "build"], {b"IKU_DATA": b"/elsewhere"}, "/elsewhere"),
        (["properdocs", "build", "-f", "/p/mkdocs.yml"], {}, "/p/data"),
        (["mike", "deploy", "--config-file=sub/mkdocs.yml"], {}, "/r/sub/data"),
        (["make", "site"], {}, "/r/data"),
        (["make", "-C", "/p", "site", "DATA=x"], {}, "/p/x"),
        (["python", "-m", "iku_macros", "check"], {}, "/r/data"),
        (["python", "-m", "iku_macros", "check", "/x/data"], {}, "/x/data"),
        (["python", "-m", "iku_macros", "tahun-baru", "2024"], {}, "/r/data"),
        (["python", "-m", "iku_macros", "ringkasan", "main", "--data", "d2"], {}, "/r/d2"),
        (["bash", "-c", "ls 'data'"], {}, "/r/data"),
        (["git", "-C", "/p", "status", "--", "data"], {}, "/p/data"),
    ],
)
def test_the_data_folder_of_a_child(command: list[str], env: dict[str, str], expected: str) -> None:
    # The folder the program reads by default comes last (after every argument as a path).
    folders = [os.path.normpath(f) for f in child_data_folders(command, "/r", env)]
    assert folders[-1] == expected, folders


def test_a_child_that_reads_no_data_folder() -> None:
    folders = child_data_folders(["git", "status"], "/r", {"IKU_DATA": "/r/data"})
    assert "/r/data" not in [os.path.normpath(f) for f in folders]
