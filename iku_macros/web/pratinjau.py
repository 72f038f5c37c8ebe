"""`mkdocs serve`: indicator pages whose inputs did not change are not rendered again.

A staff member previewing an edit changes one value of a realisasi file, and `mkdocs serve`
builds the whole site again: a thousand indicator pages of which one shows the new value. So
while serving (never in ``mkdocs build``, CI or a publication), the macro results of each
indicator page are kept with a key made of everything the page can show:

- every data file but the realisasi files, whole (definitions, targets, documents, framework,
  settings, surveys, profile), the realisasi files' names, the commit the data stand at and
  whether the working tree differs from it, and the build's settings (site and repository
  addresses, the version being published): a change to any of them renders every page again;
- of the realisasi files, the entries of the indicator itself and of every indicator linked to
  it by a composite formula, either way (their values are shown or computed on the page).

An edit to one realisasi value renders again the pages of that indicator and of its composite
relatives; the capaian, program and home pages, which read every indicator, are always rendered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from iku_macros.report import Laporan

REALISASI_FOLDER = "realisasi"


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
    """Keys of one build's indicator pages."""

    def __init__(self, laporan: Laporan, dasar: str) -> None:
        self.laporan, self.dasar = laporan, dasar
        self._dipakai: dict[str, set[str]] = {}
        for other, hasil in laporan.indikator.items():
            for masukan in hasil.masukan:
                self._dipakai.setdefault(masukan, set()).add(other)

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
        text = "\0".join((self.dasar, ident, url, markdown))
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
        relatives = self.kerabat(ident)
        for tahun, realisasi in sorted(self.laporan.dataset.realisasi.items()):
            for other in relatives:
                entry = realisasi.realisasi.get(other)
                digest.update(f"\0{tahun}:{other}:{entry!r}".encode("utf-8", "surrogatepass"))
        return digest.hexdigest()


class CachePratinjau:
    """Macro results by key; each build keeps only the entries it used."""

    def __init__(self) -> None:
        self._lama: dict[str, list[str]] = {}
        self._kini: dict[str, list[str]] = {}
        self.reused = 0
        """Pages reused by the current build."""

    def mulai(self) -> None:
        """A new build: the last build's entries are the ones to reuse, and only those (a
        changed page's old results are dropped)."""
        self._lama, self._kini = self._kini, {}
        self.reused = 0

    def ambil(self, kunci: str) -> list[str] | None:
        found = self._lama.get(kunci)
        if found is not None:
            self._kini[kunci] = found
            self.reused += 1
        return found

    def simpan(self, kunci: str, hasil: list[str]) -> None:
        self._kini[kunci] = hasil
