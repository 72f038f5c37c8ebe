"""Load and compute the site's data once per change of the data files.

``mkdocs serve`` rebuilds on every edit; the cache key is the data folder plus the size and
modification time of every file in it, so an edit is picked up and an unchanged folder is not
re-read by each of the macros and the hooks.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from iku_macros.data.errors import DataValidationError
from iku_macros.data.gitdata import Riwayat, read_asal, read_riwayat
from iku_macros.data.loading import load_dataset
from iku_macros.report import Laporan, build_laporan
from iku_macros.web.opendata import publishing_errors
from iku_macros.web.plan import download_files


def _fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
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


@lru_cache(maxsize=4)
def _load(
    root: Path, fingerprint: tuple[tuple[str, int, int], ...], year: int | None = None
) -> Laporan:
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


@lru_cache(maxsize=16)
def _load_document(
    root: Path, fingerprint: tuple[tuple[str, int, int], ...], ident: str
) -> Laporan:
    # Year written out: lru_cache keys on the arguments as given, and load_laporan passes it.
    return build_laporan(_load(root, fingerprint, None).dataset.untuk_dokumen(ident))


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


@lru_cache(maxsize=4)
def _downloads(
    root: Path, fingerprint: tuple[tuple[str, int, int], ...], when: datetime, year: int | None
) -> dict[str, bytes]:
    return download_files(_load(root, fingerprint, year), when)


def load_downloads(root: Path | str) -> dict[str, bytes]:
    """Every downloadable file, built once per data state: the hook writes them and the Unduh
    page lists their sizes from the same bytes."""
    root = _absolute(root)
    return _downloads(root, _fingerprint(root), data_date(root), snapshot_year())


def _absolute(root: Path | str) -> Path:
    """Normalised, not resolved: a symlinked data folder is refused by the safe reader
    instead of being followed here."""
    return Path(os.path.abspath(root))
