"""The hostile-input corpus: how a case is described and how it is run.

Each case copies the demo dataset (fictional, owned by the engine) into a temporary folder,
breaks it the way an attacker with pull-request access or a tired operator would, then runs
``python -m iku_macros check`` and ``mkdocs build --strict`` in subprocesses with a hard memory
and CPU limit. Both must refuse: a non-zero exit, no traceback, an Indonesian message that names
the problem and its file (with line and column where the problem has one), and no site written.

Case modules are ``tests/hostile/cases_*.py``, each with a ``CASES`` list; ``test_hostile.py``
collects them all.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..conftest import DEMO, ROOT

MEMORY_LIMIT = 2 * 1024**3
"""Address-space limit of each subprocess (RLIMIT_AS): a memory bomb dies instead of
swapping the machine; Python with MkDocs and Material imported needs far less."""
CPU_SECONDS = 40
"""CPU limit of each subprocess (RLIMIT_CPU): a hang is killed, and the test fails."""
MAX_SECONDS = 30.0
"""Wall time each refusal must finish in (generous for a loaded 2-core CI machine)."""
MAX_RSS = 600 * 1024**2
"""Peak resident memory each refusal may use, measured with wait4."""

KINI = "dokumen/2025-2029"
"""The demo's current IKU document (in force from 2025): cases about a document's files break
this one unless they are about another document of the chain."""
KINI_RE = re.escape(KINI)
"""The same folder as a regular expression, for ``lokasi``."""

SECRET = "RAHASIA_DI_LUAR_FOLDER_DATA"
"""Content that cases put in files the engine must never read (symlink targets outside the data
folder, a stray ``.env``): no output may echo it."""

ENGLISH_PARSER_WORDS = re.compile(
    r"while (scanning|parsing)|but found|could not find|found character|"
    r"expected <|Traceback|Error:|Exception"
)


@dataclass(frozen=True)
class Case:
    """One kind of hostile or broken input."""

    name: str
    """Short id, e.g. ``yaml-octal``; shown in the test id."""
    mutate: Callable[[Path], None]
    """Breaks the copied data folder in place (the folder is named ``data``; its parent is a
    scratch directory the case may also write to, e.g. a symlink target outside the folder)."""
    pesan: str
    """Regular expression for the Indonesian message that names the problem."""
    lokasi: str
    """Regular expression for where: the file relative to the data folder and, where the
    problem has a position, ``:line`` or ``:line:col``, e.g.
    ``dokumen/2025-2029/indikator/ikm\\.yaml:\\d+:\\d+``."""
    build: bool = True
    """Also run the strict MkDocs build and check that it refuses (False only where a case
    is about a command that the build does not run)."""
    known_bug: str = ""
    """While the engine accepts this input (or refuses it with the wrong words): what is wrong
    and where. The case then runs as a strict expected failure, so it fails the day the engine
    is fixed and the note must be removed; the case itself says what the fix must print."""


@dataclass(frozen=True)
class Outcome:
    returncode: int
    output: str
    seconds: float
    max_rss: int


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_limited(args: list[str], *, env: dict[str, str] | None = None) -> Outcome:
    """Run ``args`` from the repository root under the limits; output is stdout + stderr."""
    started = time.monotonic()
    process = subprocess.Popen(
        args,
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        preexec_fn=_limits,  # no threads exist before the fork
    )
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8", errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    return Outcome(process.returncode, output, seconds, usage.ru_maxrss * 1024)


def prepare(case: Case, scratch: Path) -> Path:
    """Copy the demo dataset to ``scratch/data`` and apply the case."""
    data = scratch / "data"
    shutil.copytree(DEMO, data, symlinks=True)
    case.mutate(data)
    return data


def assert_refused(case: Case, outcome: Outcome, what: str) -> None:
    """The refusal every case must get from ``check`` and from the build."""
    shown = f"--- {what} of {case.name} ---\n{outcome.output}"
    assert outcome.returncode not in (0, -9, -24), shown  # 0 accepted; -9/-24 killed by a limit
    assert outcome.returncode > 0, shown
    assert "Traceback" not in outcome.output, shown
    assert SECRET not in outcome.output, f"a file outside the data folder was read\n{shown}"
    assert outcome.seconds < MAX_SECONDS, f"{outcome.seconds:.1f} s\n{shown}"
    assert outcome.max_rss < MAX_RSS, f"{outcome.max_rss / 1024**2:.0f} MiB\n{shown}"
    assert re.search(case.pesan, outcome.output), f"message /{case.pesan}/ missing\n{shown}"
    assert re.search(r"(^|[\s/])" + case.lokasi, outcome.output, re.MULTILINE), (
        f"location /{case.lokasi}/ missing\n{shown}"
    )
    if what == "check":
        # Staff read Indonesian: no English parser text leaks into our own report (the build
        # log also carries MkDocs' own English lines around it).
        leaked = ENGLISH_PARSER_WORDS.search(outcome.output)
        assert leaked is None, f"English text {leaked.group(0)!r}\n{shown}"


def run_case(case: Case, scratch: Path) -> None:
    data = prepare(case, scratch)
    checked = run_limited([sys.executable, "-m", "iku_macros", "check", str(data)])
    assert_refused(case, checked, "check")
    if not case.build:
        return
    site = scratch / "site"
    built = run_limited(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        env={"IKU_DATA": str(data)},
    )
    assert_refused(case, built, "mkdocs build")
    written = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not written, f"{case.name}: the refused build wrote {len(written)} files"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def replace(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in ``path``; fails loudly when the fixture has changed."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def renamed(old: str, new: str) -> Callable[[Path], None]:
    """A mutation that renames ``old`` to ``new`` inside the data folder."""

    def mutate(data: Path) -> None:
        (data / old).rename(data / new)

    return mutate


def together(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    """A mutation that applies several, in order."""

    def mutate(data: Path) -> None:
        for mutation in mutations:
            mutation(data)

    return mutate
