"""`mkdocs serve`: the macro results of indicator, program and Riwayat pages whose inputs did
not change are not computed again.

A staff member previewing an edit changes one value of a realisasi file, and `mkdocs serve`
builds the whole site again: a thousand indicator pages of which one shows the new value. So
while serving (never in ``mkdocs build``, CI or a publication), the macro results of each
indicator, program and Riwayat page are kept with a key made of everything the page can
show:

- every data file but the realisasi files, whole (definitions, targets, documents, framework,
  settings, surveys, profile), the realisasi files' names, the commit the data stand at, and
  the build's settings (site and repository addresses, the version being published, the
  footer's facts): a change to any of them computes every page again;
- of the realisasi files, the entries of the indicators the page shows (the indicator itself;
  a program's indicators in every document) and of every indicator linked to them by a
  composite formula, either way (their values are shown or computed on the page).

The Riwayat pages (the committed history) are keyed by the first part alone. An edit to one
realisasi value computes again the pages of that indicator, of its composite relatives and of
their programs; the capaian and home pages, which read every indicator, are always computed.
``hooks/pratinjau.py`` then skips converting and rendering the pages whose result is
unchanged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Generic, TypeVar

from iku_macros.data.model import JenisIndikator
from iku_macros.report import Laporan

REALISASI_FOLDER = "realisasi"

T = TypeVar("T")


def kunci_dasar(root: Path, pengaturan: Iterable[str]) -> str:
    """The digest of what every indicator page depends on (see the module docstring)."""
    digest = hashlib.sha256()
    for value in pengaturan:
        digest.update(b"\0s" + value.encode("utf-8", "surrogatepass"))
    for path in sorted(p for p in root.rglob("*") if p.is_file() or p.is_symlink()):
        relative = path.relative_to(root).as_posix()
        digest.update(b"\0f" + relative.encode("utf-8", "surrogatepass"))
        if path.is_symlink():
            continue  # refused by the loader anyway: never followed
        if relative.split("/", 1)[0] != REALISASI_FOLDER:
            digest.update(b"\0c" + path.read_bytes())
    return digest.hexdigest()


class KunciHalaman:
    """Keys of one build's indicator and program pages."""

    def __init__(self, laporan: Laporan, dasar: str) -> None:
        self.laporan, self.dasar = laporan, dasar
        self._dipakai: dict[str, set[str]] = {}
        for other, hasil in laporan.indikator.items():
            for masukan in hasil.masukan:
                self._dipakai.setdefault(masukan, set()).add(other)
        # A program's indicators as each document words them (one may move between programs).
        self._anggota: dict[str, set[str]] = {}
        for dokumen in laporan.dataset.dokumen.values():
            for ident, versi in dokumen.indikator.items():
                if versi.jenis is JenisIndikator.PROGRAM and versi.induk:
                    self._anggota.setdefault(versi.induk, set()).add(ident)
        self._entri: dict[str, str] = {}

    def kerabat(self, ident: str) -> list[str]:
        """``ident`` and every indicator linked to it by composite formulas, either way."""
        found, todo = {ident}, [ident]
        while todo:
            current = todo.pop()
            hasil = self.laporan.indikator.get(current)
            linked = set(hasil.masukan if hasil else ()) | self._dipakai.get(current, set())
            for other in linked - found:
                found.add(other)
                todo.append(other)
        return sorted(found)

    def indikator(self, ident: str, url: str, markdown: str) -> str:
        """The key of one indicator page's macro results."""
        return self._kunci("indikator", ident, url, markdown, self.kerabat(ident))

    def program(self, ident: str, url: str, markdown: str) -> str:
        """The key of one program page's macro results."""
        shown = {
            k for anggota in sorted(self._anggota.get(ident, ())) for k in self.kerabat(anggota)
        }
        return self._kunci("program", ident, url, markdown, sorted(shown))

    def riwayat(self, halaman: str, url: str, markdown: str) -> str:
        """The key of one Riwayat page's macro results: the committed history, read at the
        commit the base key names, with the names and units of today's definitions; no value
        of the working folder's realisasi files."""
        return self._kunci("riwayat", halaman, url, markdown, [])

    def _kunci(self, jenis: str, ident: str, url: str, markdown: str, shown: list[str]) -> str:
        return sidik(self.dasar, jenis, ident, url, markdown, *map(self._realisasi, shown))

    def _realisasi(self, ident: str) -> str:
        """``ident``'s entries in every realisasi file (pydantic's JSON: faster than repr)."""
        found = self._entri.get(ident)
        if found is None:
            found = "\0".join(
                f"{tahun}:{entry.model_dump_json() if entry is not None else '-'}"
                for tahun, realisasi in sorted(self.laporan.dataset.realisasi.items())
                for entry in (realisasi.realisasi.get(ident),)
            )
            self._entri[ident] = found
        return found


class CachePratinjau(Generic[T]):
    """Values by key; each build keeps only the entries it used, and a failed build keeps none
    of its own (the next build reuses what the last good one left)."""

    def __init__(self) -> None:
        self._lama: dict[str, T] = {}
        self._kini: dict[str, T] = {}
        self._gagal = False
        self.reused = 0
        """Entries reused by the current build."""

    def mulai(self) -> None:
        """A new build: the last build's entries are the ones to reuse, and only those (a
        changed page's old results are dropped)."""
        if self._gagal:
            self._gagal = False
        else:
            self._lama = self._kini
        self._kini = {}
        self.reused = 0

    def batal(self) -> None:
        """The current build failed: what it stored is not reused (a page whose conversion
        warned in a strict build would come back without its warning)."""
        self._gagal = True

    def ambil(self, kunci: str) -> T | None:
        found = self._lama.get(kunci)
        if found is not None:
            self._kini[kunci] = found
            self.reused += 1
        return found

    def simpan(self, kunci: str, nilai: T) -> None:
        self._kini[kunci] = nilai


def sidik(*parts: str) -> str:
    """One digest of ``parts`` (separated, so ("ab", "c") and ("a", "bc") differ)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()
