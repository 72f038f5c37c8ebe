"""The README procedure "Memakai untuk unit lain", followed literally with a second unit.

A fictional dinas (``tests/fixtures/unit_lain/data/``: another unit type, another period, no
``wilayah.yaml``, two IKM surveys in 2024, its own narrative chapters and source document) takes
the place of ``data/`` in a copy of the repository, and the numbered steps of the README section
"Memakai untuk unit lain" are run there as written (``test_readme_lists_the_steps_run_here``
checks that the README's commands are these):

1. **Fork** — every file of the repository (tracked, and untracked but not ignored: ``git
   ls-files -co --exclude-standard``; so no ``.venv``, ``site/`` or ``.git``) is copied to a
   temporary folder, which becomes a git repository with one commit, so the git-based features
   (provenance footer, Riwayat data, publishing) work as in a fork that carries the first unit's
   history.
2. **Replace ``data/``** — the copy's ``data/`` is replaced by the fixture, and committed.
3. **``make check``** must succeed.
4. **``make test``** must be green: lint, zizmor, and the tests that read ``data/`` (below).
5. **``make serve``** (on a free port instead of 8000) must serve a home page naming the unit.
   ``make site``, the same strict build written to ``site/``, must contain no word of the first
   unit in any file (HTML, JSON, CSV, the XML inside the XLSX, the sitemap, ...), and its
   downloads must be this unit's.
6. **Publish** — ``make publish TAHUN=2024`` must put version 2024 on the copy's ``gh-pages``
   branch; its files are checked like ``site/``. (Pushing the branch is not part of the test.)

Harness, not procedure: the copy reuses this checkout's virtual environment instead of building
its own (what ``make`` does first in a real fork). Its ``.venv`` is a folder of symlinks to the
entries of ``../.venv`` with its own fresh install stamp (``.venv/.terpasang``, see the Makefile),
so make finds it up to date and installs nothing; ``make -q`` asserts that before any step.
``PYTHONPATH`` points at the copy, so every Python process, whatever its working directory,
imports the copy's ``iku_macros`` (as the fork's own editable install would), never this
checkout's. ``TMPDIR`` is private to the copy. Nothing else is shared with the rest of the suite
(browser tests use ephemeral ports), so the test is safe on any xdist worker; it is the longest
test of the suite (a ``make test``, three builds, a publish).

The nested ``make test`` has ``IKU_UJI_UNIT_LAIN=1`` set, and with it runs only the tests marked
``data_unit``: those that read ``data/`` (the unit-data tests; the seed tests, which say there
that they do not apply; the few others that read it; see ``tests/data_unit_guard.py``). Every
other test reads only what the copy shares with this checkout (the code, ``data_contoh/``, the
fixtures), so it would give there the result it gives in this run, which runs it. (The copy's git
history differs too, one commit instead of this repository's, but that is the harness: a real
fork is a clone with the whole history.) A test that reads ``data/`` without the mark fails in
this run, so none is left out unseen. The nested run must account for itself
(:func:`check_nested_run`): it names how many tests it selected, all of them ran, at least one
passed, and every skip is one of the two expected (a seed test; this test itself, which skips
there, by name: no recursion).

Every step runs even when an earlier one failed, and the failure lists them all, nested test
failures grouped by file, so that one run shows everything a second unit would meet.
"""

from __future__ import annotations

import gzip
import html
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from .conftest import SEED_SKIP, data_unit
from .data_unit_guard import NESTED_VARIABLE, SELECTION

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "unit_lain" / "data"
SKIP_VARIABLE = NESTED_VARIABLE
SELF_SKIP = (
    f"test_unit_lain: {SKIP_VARIABLE} is set, so this is the nested `make test` inside the copy "
    "this test made; it does not run itself again"
)
FIRST_UNIT_WORDS = ("pilangkenceng", "madiun")
"""Words of the first unit (its name and kabupaten): none may reach another unit's site."""
TAHUN_TERBIT = 2024
DOWNLOADS = ("unduh/iku.json", "unduh/iku.csv", "unduh/iku.xlsx")
ARCHIVES = {".xlsx", ".zip"}
PYTEST_FAILURE = re.compile(r"^(?:FAILED|ERROR) [\w./-]+\.py\b")
"""A line of pytest's short summary (-ra) naming a failed or erroring test."""
PYTEST_SKIPPED = re.compile(r"^SKIPPED \[(\d+)\] (\S+?)(?::\d+)?: (.*)$", re.M)
"""A line of pytest's short summary (-ra): how many tests of a file skipped, and why."""
PYTEST_TOTALS = re.compile(r"^[= ]*((?:\d+ \w+, )*\d+ \w+) in [\d.]+s\b", re.M)
"""Pytest's last line: ``12 passed, 3 skipped in 95.20s``."""
EXPECTED_SKIPS = (SEED_SKIP, SELF_SKIP)
STEP_TIMEOUT = 1200
TEST_TIMEOUT = 5400
"""Seconds for the nested ``make test`` (lint, then the data_unit tests, browser included)."""


# --- step 1: fork ------------------------------------------------------------------------------


def fork(target: Path) -> None:
    """Copy the repository's files (not .venv, site/, .git) and make the copy a git repository
    with one commit."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for rel in sorted(set(filter(None, listed.split("\0")))):
        if rel.split("/", 1)[0] in {".venv", "site", ".git"}:
            continue
        source = ROOT / rel
        destination = target / rel
        if source.is_symlink():
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.symlink_to(os.readlink(source))
        elif source.is_file():  # a tracked file deleted in the working tree is not copied
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    git(target, "init", "--quiet", "--initial-branch=main")
    git(target, "config", "user.name", "Uji Unit Lain")
    git(target, "config", "user.email", "uji-unit-lain@contoh.example")
    commit(target, "Fork mesin situs IKU")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, env=clean_environment(), capture_output=True, check=True
    ).stdout.decode("utf-8")


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--no-verify", "-m", message)


def reuse_venv(repo: Path) -> None:
    """The copy's .venv: symlinks to this checkout's venv entries plus a fresh install stamp."""
    assert (ROOT / ".venv" / "bin" / "python").exists(), "no .venv here to reuse: run `make venv`"
    venv = repo / ".venv"
    venv.mkdir()
    for entry in sorted((ROOT / ".venv").iterdir()):
        if entry.name != ".terpasang":
            (venv / entry.name).symlink_to(entry)
    (venv / ".terpasang").touch()


def clean_environment() -> dict[str, str]:
    """This process's environment without what would leak into the copy's runs: pytest and
    xdist variables, git's repository variables, and the site's own settings."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "GIT_", "IKU_"))
        and key not in {"PYTHONPATH", "VIRTUAL_ENV", "SOURCE_DATE_EPOCH"}
    }


def venv_differences(repo: Path, env: dict[str, str]) -> list[str]:
    """Pinned packages of requirements-dev.txt that the reused venv does not have as pinned
    (a note for the failure message: a stale venv explains failures the procedure would not)."""
    script = (
        "import importlib.metadata as m, re, sys\n"
        "norm = lambda n: re.sub(r'[-_.]+', '-', n).lower()\n"
        "have = {norm(d.metadata['Name']): d.version for d in m.distributions()}\n"
        "for line in open('requirements-dev.txt', encoding='utf-8'):\n"
        "    pin = re.match(r'^([A-Za-z0-9_.-]+)==([^\\s;\\\\]+)', line)\n"
        "    if pin and have.get(norm(pin[1])) != pin[2]:\n"
        "        print(f'{pin[1]}=={pin[2]} (terpasang: {have.get(norm(pin[1]))})')\n"
    )
    result = subprocess.run(
        [str(repo / ".venv" / "bin" / "python"), "-c", script],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    return result.stdout.splitlines() + result.stderr.splitlines()


# --- steps 3-6: running make in the copy --------------------------------------------------------


class Procedure:
    """Runs the procedure's commands in the copy, each logged to a file; collects problems."""

    def __init__(self, repo: Path, env: dict[str, str], logs: Path) -> None:
        self.repo = repo
        self.env = env
        self.logs = logs
        self.problems: list[str] = []

    def make(self, *args: str, timeout: int = STEP_TIMEOUT) -> str | None:
        """Run ``make ARGS`` in the copy; its output if it succeeded, else None (recorded)."""
        command = " ".join(("make", *args))
        log = self.logs / (re.sub(r"[^a-z0-9]+", "-", command.lower()).strip("-") + ".log")
        with log.open("w", encoding="utf-8") as out:
            try:
                result = subprocess.run(
                    ["make", *args],
                    cwd=self.repo,
                    env=self.env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    timeout=timeout,
                )
            except subprocess.TimeoutExpired:
                self.fail(f"`{command}` did not finish in {timeout} s (log: {log})")
                return None
        output = log.read_text(encoding="utf-8", errors="replace")
        if result.returncode != 0:
            self.fail(f"`{command}` failed (exit {result.returncode}, log: {log})", output)
            return None
        return output

    def fail(self, what: str, output: str = "") -> None:
        self.problems.append(f"{what}\n{summarise(output)}" if output else what)


def summarise(output: str) -> str:
    """Pytest's failed tests grouped by file, or the end of the output when pytest did not run."""
    failed = [line for line in output.splitlines() if PYTEST_FAILURE.match(line)]
    if not failed:
        tail = output.strip().splitlines()[-40:]
        return "\n".join(f"    | {line}" for line in tail)
    groups: dict[str, list[str]] = {}
    for line in failed:
        test = line.split(" ", 1)[1]
        groups.setdefault(test.split("::", 1)[0], []).append(line)
    counts = re.findall(r"^[= ]*(\d+ (?:failed|passed|errors?)\b[^=\n]*?)[= ]*$", output, re.M)
    lines = [f"    {counts[-1]}"] if counts else []
    for path in sorted(groups):
        lines.append(f"    {path}: {len(groups[path])}")
        lines.extend(f"      {line}" for line in groups[path])
    return "\n".join(lines)


def check_nested_run(procedure: Procedure, output: str) -> None:
    """Step 4 ran what it should: the data_unit tests it says it selected all ran, at least one
    passed, and every skip is an expected one (so it cannot pass having tested nothing)."""
    selection = SELECTION.search(output)
    totals = PYTEST_TOTALS.findall(output)
    if selection is None or not totals:
        procedure.fail("`make test`: no account of the data_unit tests it ran", output)
        return
    counts: dict[str, int] = {}
    for part in totals[-1].split(", "):
        number, word = part.split(" ", 1)
        counts[word] = int(number)
    selected = int(selection["selected"])
    ran = sum(counts.get(word, 0) for word in ("passed", "skipped", "xfailed", "xpassed"))
    if counts.get("passed", 0) == 0 or ran != selected:
        procedure.fail(
            f"`make test`: {selected} data_unit tests selected, but the result is {totals[-1]}",
            output,
        )
    skips = PYTEST_SKIPPED.findall(output)
    unexpected = [f"{where}: {why}" for _, where, why in skips if why not in EXPECTED_SKIPS]
    if unexpected or sum(int(number) for number, _, _ in skips) != counts.get("skipped", 0):
        shown = "\n".join(f"    {line}" for line in unexpected) or "    (not all listed)"
        procedure.fail(f"`make test`: data_unit tests skipped unexpectedly\n{shown}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_home_page(procedure: Procedure) -> str | None:
    """Step 5: ``make serve`` on a free port; the home page's HTML once served, else None."""
    port = free_port()
    log = procedure.logs / "make-serve.log"
    url = f"http://127.0.0.1:{port}/"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            ["make", "serve", f"HOST=127.0.0.1:{port}"],
            cwd=procedure.repo,
            env=procedure.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + STEP_TIMEOUT
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with opener.open(url, timeout=10) as response:
                    return response.read().decode("utf-8")
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(2)
        output = log.read_text(encoding="utf-8", errors="replace")
        procedure.fail(f"`make serve` served nothing at {url} (log: {log})", output)
        return None
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


# --- reading a built site -----------------------------------------------------------------------


def texts(folder: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of every file under ``folder``; archives (XLSX) and gzip are opened, so the
    name of a member is ``file!member``."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        if path.suffix.lower() in ARCHIVES:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    yield f"{rel}!{member}", archive.read(member).decode("utf-8", "replace")
        elif path.suffix.lower() == ".gz":
            yield rel, gzip.decompress(data).decode("utf-8", "replace")
        else:
            yield rel, data.decode("utf-8", "replace")


def first_unit_mentions(folder: Path) -> list[str]:
    """Every occurrence (case-insensitive) of a word of the first unit, with its context."""
    found = []
    for name, text in texts(folder):
        lower = text.lower()
        for word in FIRST_UNIT_WORDS:
            start = lower.find(word)
            while start >= 0:
                context = " ".join(text[max(0, start - 60) : start + len(word) + 60].split())
                found.append(f"{name}: ...{context}...")
                start = lower.find(word, start + 1)
    return found


def check_no_first_unit(procedure: Procedure, folder: Path, label: str) -> None:
    """No word of the first unit in any file under ``folder``."""
    mentions = first_unit_mentions(folder)
    if mentions:
        shown = "\n".join(f"    {line}" for line in mentions[:60])
        more = f"\n    ... and {len(mentions) - 60} more" if len(mentions) > 60 else ""
        procedure.fail(f"{label}: {len(mentions)} mention(s) of the first unit\n{shown}{more}")


def check_unit_pages(procedure: Procedure, folder: Path, label: str, unit: str) -> None:
    """The home page names the unit; the downloads exist, were read (the XLSX through its XML)
    and hold every indicator of this unit."""
    home = folder / "index.html"
    if not home.is_file() or unit not in html.unescape(home.read_text(encoding="utf-8")):
        procedure.fail(f"{label}: the home page does not name {unit!r}")
    indicator_ids = {p.stem for p in (FIXTURE / "indikator").glob("*.yaml")}
    read = dict(texts(folder / "unduh")) if (folder / "unduh").is_dir() else {}
    for download in DOWNLOADS:
        name = download.removeprefix("unduh/")
        content = "\n".join(text for key, text in read.items() if key.split("!")[0] == name)
        missing = sorted(i for i in indicator_ids if i not in content)
        if not content or missing:
            procedure.fail(f"{label}: {download} is missing or lacks indicators {missing}")


def published_tree(procedure: Procedure, target: Path) -> Path | None:
    """The files of the copy's gh-pages branch, extracted to ``target``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "gh-pages"],
        cwd=procedure.repo,
        env=procedure.env,
        capture_output=True,
    )
    if archive.returncode != 0:
        procedure.fail("no gh-pages branch after publishing", archive.stderr.decode())
        return None
    target.mkdir()
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target


# --- the README procedure ---------------------------------------------------------------------

README_SECTION = "## Memakai untuk unit lain"
STEPS = ["make check", "make test", "make serve", f"make publish TAHUN={TAHUN_TERBIT}"]
"""The commands of the procedure's steps 3 to 6, as the README writes them and as run below."""


def readme_steps() -> list[str]:
    """The numbered steps of the README section, one string each."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert README_SECTION in text, f"README has no section {README_SECTION!r}"
    section = text.split(README_SECTION, 1)[1].split("\n## ", 1)[0]
    steps = re.split(r"^\d+\. ", section.split("\n\n", 1)[1], flags=re.M)[1:]
    return [" ".join(step.split()) for step in steps]


def test_readme_lists_the_steps_run_here() -> None:
    steps = readme_steps()
    assert len(steps) == 6, steps
    assert steps[0].startswith("**Fork**") and "git clone" in steps[0]
    assert steps[1].startswith("**Ganti isi `data/`**") and "commit" in steps[1]
    # Each IKU document in its own folder, with its chapters; the source document beside them.
    for folder in ("data/dokumen/<id>/", "`narasi/`", "data/sumber/"):
        assert folder in steps[1], folder
    commands = [re.findall(r"`(make [^`]+)`", step) for step in steps[2:]]
    assert [found[0] for found in commands] == STEPS
    assert "`git push origin gh-pages`" in steps[5]


# --- the test ---------------------------------------------------------------------------------


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """The copy's private TMPDIR. Not under ``tmp_path``: Chromium puts a Unix socket in it, and
    a socket path longer than 107 bytes (easily reached under pytest's base temp) aborts it."""
    folder = Path(tempfile.mkdtemp(prefix="iku-ul-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@data_unit  # step 1 copies data/ (the first unit's history), which step 2 then replaces
@pytest.mark.long
def test_unit_lain_follows_the_readme_procedure(tmp_path: Path, short_tmp: Path) -> None:
    if os.environ.get(SKIP_VARIABLE):
        pytest.skip(SELF_SKIP)
    unit = yaml.safe_load((FIXTURE / "profil.yaml").read_text(encoding="utf-8"))["instansi"]["nama"]
    repo = tmp_path / "fork"
    logs = tmp_path / "logs"
    private_tmp = short_tmp
    for folder in (repo, logs):
        folder.mkdir()

    # Step 1: fork (plus the harness: reuse this checkout's venv).
    fork(repo)
    reuse_venv(repo)
    env = {
        **clean_environment(),
        SKIP_VARIABLE: "1",
        "PYTHONPATH": str(repo),
        "TMPDIR": str(private_tmp),
        "COLUMNS": "200",
    }
    up_to_date = subprocess.run(
        ["make", "--question", ".venv/.terpasang"], cwd=repo, env=env, capture_output=True
    )
    assert up_to_date.returncode == 0, (
        "make would reinstall the reused virtual environment; nothing was run in the copy"
    )

    # Step 2: replace data/ with the other unit's folder, and commit.
    shutil.rmtree(repo / "data")
    shutil.copytree(FIXTURE, repo / "data")
    commit(repo, "Ganti data/ dengan data unit lain")

    procedure = Procedure(repo, env, logs)
    procedure.make("check")  # step 3
    tested = procedure.make("test", timeout=TEST_TIMEOUT)  # step 4
    if tested is not None:
        check_nested_run(procedure, tested)
    home = serve_home_page(procedure)  # step 5
    if home is not None and unit not in html.unescape(home):
        procedure.fail(f"`make serve`: the home page does not name {unit!r}")
    if procedure.make("site") is not None:
        check_no_first_unit(procedure, repo / "site", "make site")
        check_unit_pages(procedure, repo / "site", "make site", unit)
    if procedure.make("publish", f"TAHUN={TAHUN_TERBIT}") is not None:  # step 6
        published = published_tree(procedure, tmp_path / "gh-pages")
        if published is not None:
            versions = published / "versions.json"
            if not versions.is_file() or f'"{TAHUN_TERBIT}"' not in versions.read_text("utf-8"):
                procedure.fail(f"gh-pages: versions.json does not list {TAHUN_TERBIT}")
            check_no_first_unit(procedure, published, "gh-pages")
            check_unit_pages(procedure, published / str(TAHUN_TERBIT), "gh-pages", unit)

    if procedure.problems:
        stale = venv_differences(repo, env)
        note = (
            "note: the reused .venv differs from requirements-dev.txt:\n    "
            + "\n    ".join(stale)
            + "\n\n"
            if stale
            else ""
        )
        pytest.fail(note + "\n\n".join(procedure.problems), pytrace=False)


# --- the account of the nested run --------------------------------------------------------------

NESTED_OUTPUT = f"""\
ruff check .
All checks passed!
.....s..ss                                                                  [100%]
{NESTED_VARIABLE}=1: 10 tests marked data_unit selected, 900 deselected (they read no data/, ...)
=========================== short test summary info ============================
SKIPPED [2] tests/test_seed_site.py:60: {SEED_SKIP}
SKIPPED [1] tests/test_unit_lain.py:401: {SELF_SKIP}
7 passed, 3 skipped in 95.20s (0:01:35)
"""


def nested_problems(output: str) -> list[str]:
    procedure = Procedure(Path("."), {}, Path("."))
    check_nested_run(procedure, output)
    return procedure.problems


def test_nested_run_that_ran_its_selection_is_accepted() -> None:
    assert nested_problems(NESTED_OUTPUT) == []


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("10 tests marked data_unit selected", "10 tests selected", "no account"),
        ("7 passed, 3 skipped in", "3 skipped in", "10 data_unit tests selected, but"),
        ("7 passed, 3 skipped in", "6 passed, 3 skipped in", "10 data_unit tests selected, but"),
        (
            f"{SEED_SKIP}\n",
            "chromium tidak ada\n",
            "skipped unexpectedly\n    tests/test_seed_site",
        ),
        ("SKIPPED [1] tests/test_unit_lain.py", "SKIPPED [0] tests/test_unit_lain.py", "(not all"),
    ],
    ids=["no-selection", "none-passed", "one-missing", "other-skip", "skips-unlisted"],
)
def test_nested_run_that_did_not_is_refused(old: str, new: str, problem: str) -> None:
    assert old in NESTED_OUTPUT
    problems = nested_problems(NESTED_OUTPUT.replace(old, new))
    assert len(problems) == 1 and problem in problems[0], problems
