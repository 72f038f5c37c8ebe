"""The ``data_unit`` mark: the tests that read the unit's ``data/`` folder, and the guard that
fails a test which reads it without the mark.

Why the mark. ``test_unit_lain.py`` runs ``make test`` again in a copy of the repository whose
``data/`` holds another unit, with ``IKU_UJI_UNIT_LAIN=1``. The copy has the same code, the same
demo and the same fixtures, so a test that does not read ``data/`` gives there exactly the result
it gives in this run: rerunning it proves nothing. The nested run therefore runs only the tests
marked ``@pytest.mark.data_unit`` (the module's ``pytestmark``, a test's decorator, or one
``pytest.param``), and deselects the others, saying how many and why.

Why the guard. A test that reads ``data/`` but lacks the mark would silently stop being run
with another unit's data. So every run watches what each test reads, and a test that reads
``data/`` without the mark fails, naming what it read and how to mark it. The guard is dynamic
(it sees what a test does, not what its source looks like), so a new test, a helper that reads
``data/`` on a test's behalf, or a fixture that does, is caught the first time it runs.

How a read is seen:

* in this process, by an audit hook (:func:`sys.addaudithook`) on the events through which
  Python opens, lists, copies, moves or removes a path (``open``, ``os.listdir``,
  ``os.scandir``, ``glob.glob``, ``shutil.*``, ...): a path that resolves (symlinks followed)
  into ``data/`` is a read (a relative path in the working directory, or in the folder
  descriptor the event names; a descriptor through /proc/self/fd). Not seen: whether a path
  exists (``os.stat`` raises no audit event), and ``os.open`` of a relative name, whose event
  omits the folder descriptor it may be relative to (the engine's safe reader opens files so,
  after opening their folder by its path and listing it, which is seen);
* in a child process, which the hook does not reach, from the ``subprocess.Popen`` event: a
  command-line argument that is a path into ``data/``, or the data folder the program reads by
  default, :func:`child_data_folders` (``IKU_DATA`` or ``data`` beside the ``mkdocs.yml`` of an
  MkDocs, ProperDocs or mike build; ``DATA`` or ``data`` for make; the folder argument or
  ``data`` for ``python -m iku_macros``). A test that starts another program reading the data
  folder its own way must name the folder on the command line.

Whose read it is: the test being set up, run or torn down; every fixture of a wider scope than
a function being set up at that moment, so that a later test using it counts as reading too (a
session fixture such as ``data_site`` builds ``data/`` once per worker; a function-scoped one
runs again for each test, whose own read it is then); and, for a read while a test module is
imported (a ``parametrize`` over the files of ``data/``), every test of that module.

The guard runs in every run (plain or xdist); it costs a few percent of the time of the tests
that work in this process, nothing for the builds and browsers they start.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import sys
import threading
from collections.abc import Generator, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

MARK = "data_unit"
NESTED_VARIABLE = "IKU_UJI_UNIT_LAIN"
"""Set by ``test_unit_lain.py`` for the nested ``make test`` in the copy."""
REQUEST_KEY = pytest.StashKey[pytest.FixtureRequest]()
"""The test's fixture request, stashed by the autouse fixture of conftest.py: its
``fixturenames`` include fixtures requested dynamically (``request.getfixturevalue``)."""

PATH_ARGUMENTS: dict[str, tuple[tuple[int, int | None], ...]] = {
    "open": ((0, None),),
    "os.listdir": ((0, None),),
    "os.scandir": ((0, None),),
    "glob.glob": ((0, None),),
    "shutil.copyfile": ((0, None),),
    "shutil.copymode": ((0, None),),
    "shutil.copystat": ((0, None),),
    "shutil.copytree": ((0, None),),
    "shutil.move": ((0, None), (1, None)),
    "shutil.rmtree": ((0, 1),),
    "os.remove": ((0, 1),),
    "os.rename": ((0, 2), (1, 3)),
    "os.rmdir": ((0, 1),),
    "os.mkdir": ((0, 2),),
    "os.chmod": ((0, 2),),
    "os.utime": ((0, 3),),
    "os.truncate": ((0, None),),
    "os.link": ((0, 2), (1, 3)),
    "os.symlink": ((1, 2),),
}
"""Audit events that touch a path → (position of a path argument, position of the folder
descriptor a relative path is taken in, if the event has one)."""
WATCHED = frozenset({*PATH_ARGUMENTS, "subprocess.Popen"})
MKDOCS_PROGRAMS = frozenset({"mkdocs", "properdocs", "mike"})
"""Programs that build the site: they read ``IKU_DATA``, else ``data`` beside mkdocs.yml."""
IKU_FOLDER_ARGUMENT = frozenset({"check", "migrasi"})
"""``python -m iku_macros`` commands whose data folder is their positional argument (the others
take ``--data``; all default to ``data`` in the working directory)."""


def _text(value: Any) -> str | None:
    """A path-like audit argument as text; None for a file descriptor or anything else."""
    if isinstance(value, (str, bytes, os.PathLike)):
        return os.fsdecode(value)
    return None


def _descriptor_path(fd: int) -> str | None:
    """The path of an open file descriptor (Linux), or None."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return None


def event_path(event: str, args: tuple[Any, ...], path_at: int, fd_at: int | None) -> str | None:
    """The absolute path an audit event touches, or None when it cannot be known.

    A descriptor (``os.listdir(fd)``, as the engine's safe reader lists a folder) is resolved
    through /proc/self/fd. A relative path is taken in the event's folder descriptor if it has
    one, else in the working directory, except for ``os.open``'s (``open`` with no mode): its
    event omits the ``dir_fd`` the safe reader opens names in, so it could be anywhere; the folder
    such a read starts from is seen when it is opened by its path or listed."""
    value = args[path_at] if path_at < len(args) else None
    if isinstance(value, int):
        return None if event == "open" else _descriptor_path(value)  # open(fd): seen before
    path = _text(value)
    if path is None or os.path.isabs(path):
        return path
    if event == "open" and args[1] is None:
        return None
    fd = args[fd_at] if fd_at is not None and fd_at < len(args) else None
    base = _descriptor_path(fd) if isinstance(fd, int) else os.getcwd()
    return os.path.join(base, path) if base is not None else None


def _option(words: Sequence[str], *names: str) -> str | None:
    """The value of ``--name value`` or ``--name=value`` (the last one given)."""
    found = None
    for index, word in enumerate(words):
        for name in names:
            if word == name and index + 1 < len(words):
                found = words[index + 1]
            elif word.startswith(f"{name}="):
                found = word.split("=", 1)[1]
    return found


def _variable(env: Mapping[Any, Any], name: str) -> str | None:
    """A variable of a child's environment (its keys and values may be bytes)."""
    for key, value in env.items():
        if os.fsdecode(key) == name:
            return os.fsdecode(value)
    return None


def _programs(words: Sequence[str]) -> set[str]:
    """The program names in a command line: the base name of each word, and ``-m``'s module."""
    names = {Path(word).name for word in words}
    names |= {words[i + 1] for i, word in enumerate(words[:-1]) if word == "-m"}
    return names


def child_data_folders(args: Sequence[str], cwd: str, env: Mapping[Any, Any]) -> list[str]:
    """The data folders a child process reads: each argument taken as a path (``X=path``
    assignments and ``--option=path`` too), and the folder its program reads by default."""
    words = list(args)
    # git -C, make -C, tar -C: the arguments are taken in that folder.
    cwd = os.path.join(cwd, _option(words, "-C", "--directory") or ".")
    if words and Path(words[0]).name in {"sh", "bash"} and "-c" in words[:-1]:
        # A shell command line: its words too, when they can be split like the shell's.
        with contextlib.suppress(ValueError):
            words += shlex.split(words[words.index("-c") + 1])
    found = [os.path.join(cwd, word) for word in words]
    found += [os.path.join(cwd, word.split("=", 1)[1]) for word in words if "=" in word]
    programs = _programs(words)
    if programs & MKDOCS_PROGRAMS:
        config = _option(words, "-f", "--config-file") or "mkdocs.yml"
        folder = _variable(env, "IKU_DATA") or "data"
        found.append(os.path.join(cwd, os.path.dirname(config), folder))
    if words and Path(words[0]).name == "make":
        assigned = [w.split("=", 1)[1] for w in words if w.startswith("DATA=")]
        found.append(os.path.join(cwd, assigned[-1] if assigned else "data"))
    if "iku_macros" in programs and "-m" in words:
        rest = words[words.index("-m") + 2 :]
        command = rest[0] if rest else ""
        positional = [w for w in rest[1:] if not w.startswith("-")]
        if command in IKU_FOLDER_ARGUMENT:
            folder = positional[0] if positional else "data"
        else:
            folder = _option(rest, "--data") or "data"
        found.append(os.path.join(cwd, folder))
    return found


class DataUnitGuard:
    """Records the reads of ``data/`` (see the module docstring) and judges each test."""

    def __init__(self, data: Path) -> None:
        self.data = os.path.realpath(data)
        self.item: str | None = None
        self.module: str | None = None
        self.fixtures: list[tuple[str, bool]] = []
        """The fixtures being set up: (name, whether its value is kept for later tests)."""
        self.item_reads: dict[str, set[str]] = {}
        self.module_reads: dict[str, set[str]] = {}
        self.fixture_reads: dict[str, set[str]] = {}
        self.reported: set[str] = set()
        self.selection: tuple[int, int] | None = None
        """(selected, deselected) in the nested run."""
        self._busy = threading.local()

    # --- seeing reads ---------------------------------------------------------------------

    def is_data(self, path: str) -> bool:
        full = os.path.realpath(path)
        return full == self.data or full.startswith(self.data + os.sep)

    def audit(self, event: str, args: tuple[Any, ...]) -> None:
        """The audit hook. It must never raise (that would break the audited operation), so
        its own error is recorded as a read, and the test fails with it."""
        if self.item is None and self.module is None and not self.fixtures:
            return
        if getattr(self._busy, "on", False):
            return
        self._busy.on = True
        try:
            for read in self._reads(event, args):
                self.record(read)
        except Exception as error:
            self.record(f"{event}: the guard failed to read the event ({error!r})")
        finally:
            self._busy.on = False

    def _reads(self, event: str, args: tuple[Any, ...]) -> Iterable[str]:
        if event == "subprocess.Popen":
            _executable, argv, cwd, env = args
            words = [w for w in map(_text, argv) if w is not None]
            where = _text(cwd) or os.getcwd()
            folders = child_data_folders(words, where, os.environ if env is None else env)
            if any(self.is_data(folder) for folder in folders):
                yield f"runs `{shlex.join(words)}` (in {where}), which reads data/"
            return
        for path_at, fd_at in PATH_ARGUMENTS[event]:
            path = event_path(event, args, path_at, fd_at)
            if path is not None and self.is_data(path):
                yield f"{event} {os.path.relpath(os.path.realpath(path), Path(self.data).parent)}"

    def record(self, read: str) -> None:
        if self.item is not None:
            self.item_reads.setdefault(self.item, set()).add(read)
        elif self.module is not None:
            self.module_reads.setdefault(self.module, set()).add(read)
        # A function-scoped fixture runs again for each test, whose own read it then is; one of a
        # wider scope runs once, so its reads are kept for the later tests that use it.
        for name, kept in self.fixtures:
            if kept:
                self.fixture_reads.setdefault(name, set()).add(read)

    # --- attributing them -----------------------------------------------------------------

    @pytest.hookimpl(wrapper=True)
    def pytest_make_collect_report(self, collector: pytest.Collector) -> Generator[None, Any, Any]:
        module = collector.getparent(pytest.Module)
        outer, self.module = self.module, module.nodeid if module is not None else self.module
        try:
            return (yield)
        finally:
            self.module = outer

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef: pytest.FixtureDef[Any]) -> Generator[None, Any, Any]:
        self.fixtures.append((fixturedef.argname, fixturedef.scope != "function"))
        try:
            return (yield)
        finally:
            self.fixtures.pop()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None, Any, Any]:
        self.item = item.nodeid
        try:
            return (yield)
        finally:
            self.item = None

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, Any, Any]:
        result = yield
        self.judge(item)
        return result

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Generator[None, Any, Any]:
        result = yield
        self.judge(item)  # reads in teardown, or in a setup that failed (no call phase)
        return result

    # --- judging --------------------------------------------------------------------------

    def reads_of(self, item: pytest.Item) -> set[str]:
        """Everything the test read of data/: itself, through its fixtures, at import."""
        reads = set(self.item_reads.get(item.nodeid, ()))
        request = item.stash.get(REQUEST_KEY, None)
        names = request.fixturenames if request is not None else getattr(item, "fixturenames", [])
        for name in names:
            reads |= {f"{read} (fixture {name})" for read in self.fixture_reads.get(name, ())}
        module = item.getparent(pytest.Module)
        if module is not None:
            reads |= {
                f"{read} (importing the module)"
                for read in self.module_reads.get(module.nodeid, ())
            }
        return reads

    def judge(self, item: pytest.Item) -> None:
        if item.nodeid in self.reported or item.get_closest_marker(MARK) is not None:
            return
        reads = self.reads_of(item)
        if not reads:
            return
        self.reported.add(item.nodeid)
        shown = "\n".join(f"    {read}" for read in sorted(reads)[:20])
        more = f"\n    ... and {len(reads) - 20} more" if len(reads) > 20 else ""
        pytest.fail(
            f"{item.nodeid} reads data/ but is not marked @pytest.mark.{MARK}:\n{shown}{more}\n"
            f"Mark it (see tests/data_unit_guard.py) so that test_unit_lain.py runs it again "
            f"with another unit's data/; or make it read data_contoh/ or a fixture instead.",
            pytrace=False,
        )

    # --- the nested run -------------------------------------------------------------------

    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        if not os.environ.get(NESTED_VARIABLE):
            return
        selected = [item for item in items if item.get_closest_marker(MARK) is not None]
        deselected = [item for item in items if item.get_closest_marker(MARK) is None]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
        items[:] = selected
        self.selection = (len(selected), len(deselected))
        # Under xdist this runs in each worker (each collects everything): hand the counts to
        # the controller, whose summary is the one printed (pytest_testnodedown below).
        workeroutput = getattr(config, "workeroutput", None)
        if workeroutput is not None:
            workeroutput[MARK] = list(self.selection)

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: object) -> None:
        counts = getattr(node, "workeroutput", {}).get(MARK)
        if counts:
            self.selection = (counts[0], counts[1])

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.selection is not None:
            terminalreporter.write_line(selection_line(*self.selection))


def selection_line(selected: int, deselected: int) -> str:
    """The nested run's account of its selection (test_unit_lain.py reads it back)."""
    return (
        f"{NESTED_VARIABLE}=1: {selected} tests marked {MARK} selected, {deselected} deselected "
        "(they read no data/, so here they give the result they gave in the run that started "
        "this one)"
    )


SELECTION = re.compile(
    rf"^{NESTED_VARIABLE}=1: (?P<selected>\d+) tests marked {MARK} selected, "
    r"(?P<deselected>\d+) deselected",
    re.M,
)
"""Matches :func:`selection_line` in the nested run's output."""


_GUARD: list[DataUnitGuard] = []
"""The one guard of this process (an audit hook cannot be removed, so it is added once)."""


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event in WATCHED:  # first, and cheaply: the hook sees every event of the process
        _GUARD[0].audit(event, args)


def install(config: pytest.Config, data: Path) -> DataUnitGuard:
    """Register the guard as a plugin and its audit hook (once per process)."""
    if not _GUARD:
        _GUARD.append(DataUnitGuard(data))
        sys.addaudithook(_audit)
    guard = _GUARD[0]
    if not config.pluginmanager.is_registered(guard):
        config.pluginmanager.register(guard, "data_unit_guard")
    return guard
