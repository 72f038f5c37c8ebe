"""The chain of IKU documents in one data folder, and which one is in force each year.

A unit publishes a chain: an IKU for a planning period, revisions of it (IKU Perubahan), then the
next period's document. Each lives in ``dokumen/<id>/`` with its metadata, framework, indicators
(with their targets) and narrative chapters. For every year exactly one document is in force:
among the documents whose years (``berlaku_mulai`` to the end of the period) cover it, the one
that revises (directly or through others) all the others. Realisasi belongs to the unit and is
measured against the document in force in its year.

A folder in the first format (one document: ``profil.yaml`` → ``dokumen``, and ``kerangka.yaml``,
``indikator/``, ``narasi/`` at the top) is read as a chain of that one document, under the id
:func:`legacy_document_id` gives it; ``python -m iku_macros migrasi`` moves it to the same id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from iku_macros.data.errors import DataError
from iku_macros.data.model import Dokumen, DokumenIKU, Indikator, JenisDokumen, Kerangka
from iku_macros.data.yaml_source import Loaded


def legacy_document_id(dokumen: Dokumen) -> str:
    """The id of a first-format folder's document: ``<awal>-<akhir>``, plus ``-perubahan``
    when its kind says so (the seed's ``2018-2023-perubahan``)."""
    periode = dokumen.periode
    suffix = "-perubahan" if dokumen.jenis and "perubahan" in dokumen.jenis.lower() else ""
    return f"{periode.awal}-{periode.akhir}{suffix}"


def legacy_meta(dokumen: Dokumen) -> DokumenIKU:
    """A first-format document's metadata in today's model (nothing added, nothing lost)."""
    perubahan = bool(dokumen.jenis and "perubahan" in dokumen.jenis.lower())
    return DokumenIKU(
        judul=dokumen.judul,
        jenis=JenisDokumen.PERUBAHAN if perubahan else JenisDokumen.AWAL,
        periode=dokumen.periode,
        salam_penutup=dokumen.salam_penutup,
        penandatangan=dokumen.penandatangan,
    )


@dataclass(frozen=True)
class DokumenTerbaca:
    """One validated IKU document."""

    id: str
    meta: DokumenIKU
    kerangka: Kerangka
    indikator: dict[str, Indikator]
    """Its indicators (with its own definitions and targets), in framework order."""
    folder: str
    """Folder inside the data folder: ``dokumen/<id>``, or ``""`` in the first format."""
    berkas: dict[str, str] = field(default_factory=dict)
    """Repository paths: ``dokumen``, ``kerangka``, ``indikator:<id>``."""

    @property
    def periode(self) -> range:
        return range(self.meta.periode.awal, self.meta.periode.akhir + 1)

    @property
    def tahun_berlaku(self) -> range:
        """Years it may be in force: from ``berlaku_mulai`` to the end of its period."""
        return range(self.meta.tahun_mulai, self.meta.periode.akhir + 1)

    @property
    def label(self) -> str:
        """Short name for tables: title and period."""
        periode = self.meta.periode
        return f"{self.meta.judul} {periode.awal}–{periode.akhir}"

    @property
    def narasi_folder(self) -> str:
        return f"{self.folder}/narasi" if self.folder else "narasi"


def revised_chain(ident: str, merevisi: Mapping[str, str | None]) -> list[str]:
    """The documents ``ident`` revises, nearest first (stops at an unknown id or a cycle)."""
    chain: list[str] = []
    current = merevisi.get(ident)
    while current is not None and current in merevisi and current not in [*chain, ident]:
        chain.append(current)
        current = merevisi.get(current)
    return chain


@dataclass(frozen=True)
class Berlaku:
    """Which document is in force each year, and the years where that is not decided."""

    per_tahun: dict[int, str]
    bentrok: dict[tuple[str, str], list[int]]
    """Pairs of documents both in force in these years, neither revising the other."""

    @property
    def tahun_bentrok(self) -> set[int]:
        return {year for years in self.bentrok.values() for year in years}


def in_force(
    tahun_berlaku: Mapping[str, range],
    merevisi: Mapping[str, str | None],
    unknown: Iterable[str] = (),
) -> Berlaku:
    """For each year some document covers, the one in force (see the module docstring).
    Documents in ``unknown`` name a revised document that does not exist (reported on their
    own): a year they share with another is undecided, but not reported as a conflict."""
    ancestors = {ident: set(revised_chain(ident, merevisi)) for ident in tahun_berlaku}
    unknown = set(unknown)
    years = sorted({year for span in tahun_berlaku.values() for year in span})
    per_tahun: dict[int, str] = {}
    bentrok: dict[tuple[str, str], list[int]] = {}
    for year in years:
        candidates = [ident for ident, span in tahun_berlaku.items() if year in span]
        # The most derived revisions: a document another candidate revises is not in force.
        leaves = [c for c in candidates if not any(c in ancestors[o] for o in candidates)]
        if len(leaves) == 1:
            per_tahun[year] = leaves[0]
            continue
        if not leaves:  # a revision cycle: undecided, reported with the cycle
            bentrok.setdefault(("", ""), []).append(year)
        for index, first in enumerate(leaves):
            for second in leaves[index + 1 :]:
                pair = (first, second)
                if first in unknown or second in unknown:
                    pair = ("", "")  # undecided, already reported with the unknown revision
                bentrok.setdefault(pair, []).append(year)
    return Berlaku(per_tahun, bentrok)


def ordered(documents: Iterable[DokumenTerbaca]) -> list[DokumenTerbaca]:
    """Chronological: by the year each starts to apply, then period, then a revision after
    the documents it revises (it may start the same year), then id."""
    documents = list(documents)
    merevisi = {d.id: d.meta.merevisi for d in documents}
    return sorted(
        documents,
        key=lambda d: (
            d.meta.tahun_mulai,
            d.meta.periode.awal,
            len(revised_chain(d.id, merevisi)),
            d.id,
        ),
    )


def merged_framework(documents: list[DokumenTerbaca]) -> Kerangka:
    """Every tujuan, sasaran and program of any document, the newest version of each, newest
    document's order first (so the current framework reads as it is written)."""
    sections: dict[str, dict[str, Any]] = {"tujuan": {}, "sasaran": {}, "program": {}}
    for document in reversed(documents):
        for name, found in sections.items():
            for item in getattr(document.kerangka, name):
                found.setdefault(item.id, item)
    return Kerangka(
        tujuan=list(sections["tujuan"].values()),
        sasaran=list(sections["sasaran"].values()),
        program=list(sections["program"].values()),
    )


def merged_indicators(
    documents: list[DokumenTerbaca], per_tahun: Mapping[int, str]
) -> dict[str, Indikator]:
    """One series per indicator id across documents: the definition of the newest document
    that has it, and for each year the target of the document in force that year (a year whose
    document does not adopt the indicator has no target)."""
    by_id = {d.id: d for d in documents}
    latest: dict[str, Indikator] = {}
    for document in documents:
        latest.update(document.indikator)
    merged: dict[str, Indikator] = {}
    for ident, indikator in latest.items():
        target: dict[int, Any] = {}
        for year, doc_id in sorted(per_tahun.items()):
            version = by_id[doc_id].indikator.get(ident)
            if version is not None and year in version.target:
                target[year] = version.target[year]
        merged[ident] = indikator.model_copy(update={"target": target})
    return merged


# --- lineage checks -----------------------------------------------------------------------


@dataclass(frozen=True)
class BerkasDokumen:
    """The files of one document as read (for checks with file:line)."""

    id: str
    meta: DokumenIKU
    sumber: Loaded[Any]
    """``dokumen.yaml``, or ``profil.yaml`` in the first format."""
    loc: tuple[str, ...]
    """Where the metadata sits in that file: ``()``, or ``("dokumen",)`` in ``profil.yaml``."""


def check_lineage(files: list[BerkasDokumen]) -> tuple[Berlaku, list[DataError]]:
    """Periods that are ranges, revisions of known documents, one document in force a year."""
    errors: list[DataError] = []
    by_id = {f.id: f for f in files}
    spans: dict[str, range] = {}
    for item in files:
        meta, doc, loc = item.meta, item.sumber.doc, item.loc
        periode = meta.periode
        if periode.akhir < periode.awal:
            errors.append(
                doc.error(
                    (*loc, "periode", "akhir"),
                    f"periode dokumen `{item.id}` bukan rentang tahun: akhir {periode.akhir} "
                    f"sebelum awal {periode.awal}",
                    f"tahun akhir ≥ {periode.awal}, mis. {periode.awal + 4}",
                    f"{periode.awal}–{periode.akhir}",
                )
            )
            continue
        if meta.berlaku_mulai is not None and meta.berlaku_mulai not in range(
            periode.awal, periode.akhir + 1
        ):
            errors.append(
                doc.error(
                    (*loc, "berlaku_mulai"),
                    f"berlaku_mulai {meta.berlaku_mulai} di luar periode dokumen "
                    f"{periode.awal}–{periode.akhir}",
                    f"tahun antara {periode.awal} dan {periode.akhir}",
                    str(meta.berlaku_mulai),
                )
            )
            continue
        spans[item.id] = range(meta.tahun_mulai, periode.akhir + 1)
        if meta.merevisi is not None:
            if meta.merevisi not in by_id:
                others = ", ".join(sorted(set(by_id) - {item.id})) or "(tidak ada dokumen lain)"
                errors.append(
                    doc.error(
                        (*loc, "merevisi"),
                        f"dokumen yang direvisi, `{meta.merevisi}`, tidak ada",
                        f"id (nama folder di dokumen/) dokumen yang direvisi: {others}; atau "
                        "kosongkan dan jelaskan di `keterangan_revisi` bila dokumen itu tidak "
                        "tersedia",
                        f"`{meta.merevisi}`",
                    )
                )
            elif meta.jenis is JenisDokumen.AWAL:
                errors.append(
                    doc.error(
                        (*loc, "jenis"),
                        f"dokumen `{item.id}` merevisi `{meta.merevisi}` tetapi berjenis awal",
                        "`jenis: perubahan` untuk dokumen yang merevisi dokumen lain",
                        "awal",
                    )
                )
    merevisi = {f.id: f.meta.merevisi for f in files}
    for item in files:
        if _in_cycle(item.id, merevisi):
            errors.append(
                item.sumber.doc.error(
                    (*item.loc, "merevisi"),
                    f"rantai revisi dokumen `{item.id}` kembali ke dirinya sendiri",
                    "dokumen perubahan merevisi dokumen yang lebih dulu",
                    f"`{item.meta.merevisi}`",
                )
            )
    unknown = [f.id for f in files if f.meta.merevisi and f.meta.merevisi not in by_id]
    berlaku = in_force(spans, merevisi, unknown)
    for (first, second), years in berlaku.bentrok.items():
        if not first:
            continue
        later = max(by_id[first], by_id[second], key=lambda f: (f.meta.tahun_mulai, f.id))
        other = second if later.id == first else first
        errors.append(
            later.sumber.doc.error(
                (*later.loc, "periode"),
                f"dokumen `{first}` dan `{second}` sama-sama berlaku untuk tahun "
                f"{_years(years)}, dan tidak ada yang merevisi yang lain",
                f"`jenis: perubahan` dan `merevisi: {other}` bila `{later.id}` merevisinya, "
                "atau periode/`berlaku_mulai` yang tidak bertumpuk",
                f"dua dokumen berlaku untuk {_years(years)}",
            )
        )
    return berlaku, errors


def _in_cycle(ident: str, merevisi: Mapping[str, str | None]) -> bool:
    """Whether following ``merevisi`` from ``ident`` comes back to it."""
    seen: set[str] = set()
    current = merevisi.get(ident)
    while current is not None and current not in seen:
        if current == ident:
            return True
        seen.add(current)
        current = merevisi.get(current)
    return False


def _years(years: list[int]) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


def covered_years(per_tahun: Mapping[int, str]) -> str:
    """The covered years as ranges, for messages: ``2018–2023, 2025–2029``."""
    runs: list[list[int]] = []
    for year in sorted(per_tahun):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(_years(run) for run in runs) or "(belum ada dokumen)"
