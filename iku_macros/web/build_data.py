"""Load and compute the site's data once per change of the data files.

``mkdocs serve`` rebuilds on every edit; the cache key is the data folder plus the size and
modification time of every file in it, so an edit is picked up and an unchanged folder is not
re-read by each of the macros and the hooks.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

from iku_macros.data.errors import DataValidationError
from iku_macros.data.gitdata import Riwayat, read_asal, read_riwayat
from iku_macros.data.loading import load_dataset
from iku_macros.report import Laporan, build_laporan
from iku_macros.web.opendata import publishing_errors
from iku_macros.web.plan import download_files

T = TypeVar("T")
Fingerprint = tuple[tuple[str, int, int], ...]
"""Each file of a data folder: path, size, modification time."""


def _fingerprint(root: Path) -> Fingerprint:
    if not root.is_dir():
        return ()
    return tuple(
        (str(p.relative_to(root)), p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    )


def snapshot_year() -> int | None:
    """The year a published snapshot is built for (``terbitkan`` sets ``IKU_VERSI`` to it):
    its current document is the one in force that year."""
    versi = os.environ.get("IKU_VERSI", "")
    return int(versi) if versi.isdigit() else None


class _PerState:
    """What was computed from each data folder, for its current state only: a new state
    drops the old one's values (`mkdocs serve` builds again after every edit, and old
    reports kept alive would only make Python's collector walk more objects each build)."""

    ROOTS = 4
    """Folders kept at once (the test suite builds many)."""

    def __init__(self) -> None:
        self._states: dict[Path, tuple[Fingerprint, dict[tuple[object, ...], Any]]] = {}

    def get(
        self,
        root: Path,
        fingerprint: Fingerprint,
        key: tuple[object, ...],
        compute: Callable[[], T],
    ) -> T:
        state = self._states.pop(root, None)
        if state is None or state[0] != fingerprint:
            state = (fingerprint, {})
        self._states[root] = state  # now the newest
        while len(self._states) > self.ROOTS:
            del self._states[next(iter(self._states))]
        values = state[1]
        if key not in values:
            values[key] = compute()  # an error is raised, not kept
        return cast(T, values[key])

    def clear(self) -> None:
        self._states.clear()


_computed = _PerState()


def _load(root: Path, fingerprint: Fingerprint, year: int | None = None) -> Laporan:
    return _computed.get(root, fingerprint, ("laporan", year), lambda: _compute(root, year))


def _compute(root: Path, year: int | None) -> Laporan:
    dataset = load_dataset(root)
    laporan = build_laporan(dataset if year is None else dataset.pada_tahun(year))
    # A number the downloads cannot write exactly stops the build here, as a data error.
    errors = publishing_errors(laporan)
    if errors:
        raise DataValidationError(errors)
    return laporan


def load_laporan(root: Path | str) -> Laporan:
    """The computed report for ``root``; raises DataValidationError if the data are invalid."""
    root = _absolute(root)
    return _load(root, _fingerprint(root), snapshot_year())


def _load_document(root: Path, fingerprint: Fingerprint, ident: str) -> Laporan:
    return _computed.get(
        root,
        fingerprint,
        ("dokumen", ident),
        lambda: build_laporan(_load(root, fingerprint, None).dataset.untuk_dokumen(ident)),
    )


def load_laporan_dokumen(root: Path | str, ident: str) -> Laporan:
    """The report seen through one document (its own framework, indicators and targets): what
    its chapters and tables print."""
    root = _absolute(root)
    return _load_document(root, _fingerprint(root), ident)


@lru_cache(maxsize=4)
def _riwayat(root: Path, head: str | None) -> Riwayat:
    return read_riwayat(root)


def load_riwayat(root: Path | str) -> Riwayat:
    """History of published values, recomputed when HEAD moves."""
    root = _absolute(root)
    return _riwayat(root, read_asal(root).commit)


def data_date(root: Path | str) -> datetime:
    """The date the data stand at: the data commit's date, else SOURCE_DATE_EPOCH, else now.
    Downloads carry it, so rebuilding one commit gives identical files."""
    asal = read_asal(_absolute(root))
    if asal.tanggal is not None:
        return asal.tanggal
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else _started()


@lru_cache(maxsize=1)
def _started() -> datetime:
    """When this process first asked: one date for every page and download of a build outside
    git (else each call would miss the downloads' cache)."""
    return datetime.now(UTC)


def _downloads(
    root: Path, fingerprint: Fingerprint, when: datetime, year: int | None
) -> dict[str, bytes]:
    return _computed.get(
        root,
        fingerprint,
        ("unduh", when, year),
        lambda: download_files(_load(root, fingerprint, year), when),
    )


def load_downloads(root: Path | str) -> dict[str, bytes]:
    """Every downloadable file, built once per data state: the hook writes them and the Unduh
    page lists their sizes from the same bytes."""
    root = _absolute(root)
    return _downloads(root, _fingerprint(root), data_date(root), snapshot_year())


def _absolute(root: Path | str) -> Path:
    """Normalised, not resolved: a symlinked data folder is refused by the safe reader
    instead of being followed here."""
    return Path(os.path.abspath(root))
