"""Per-year summary of the IKU measurement table (LKjIP, Bab III Akuntabilitas Kinerja).

Format of the LKjIP follows PermenPANRB Nomor 53 Tahun 2014: how many indicators were measured,
how many fall in each predikat of the scale in force, and the average capaian.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from iku_macros.compute.capaian import Polaritas, StatusCapaian
from iku_macros.compute.numbers import format_jumlah, format_persen
from iku_macros.compute.predikat import SkalaPredikat


@dataclass(frozen=True)
class Baris:
    indikator_id: str
    capaian: Fraction | None
    predikat: str | None
    """Label from the scale; None exactly when capaian is None."""


@dataclass(frozen=True)
class RingkasanTahun:
    jumlah_indikator: int
    jumlah_terukur: int
    jumlah_tidak_terukur: int
    per_predikat: tuple[tuple[str, int], ...]
    """(label, count) for every level of the scale, in scale order, zero counts included."""
    rata_rata_capaian: Fraction | None
    """Mean capaian of the measured indicators; None when none was measured."""


def summarize_year(rows: Sequence[Baris], skala: SkalaPredikat) -> RingkasanTahun:
    """Counts and mean capaian of one year's indicators."""
    ids = [row.indikator_id for row in rows]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError("indikator tercantum lebih dari sekali: " + ", ".join(repeated))
    labels = [t.label for t in skala.tingkat]
    counts = dict.fromkeys(labels, 0)
    measured: list[Fraction] = []
    for row in rows:
        if (row.capaian is None) != (row.predikat is None):
            raise ValueError(f"indikator {row.indikator_id}: capaian dan predikat tidak sejalan")
        if row.capaian is None or row.predikat is None:
            continue
        if row.predikat not in counts:
            raise ValueError(
                f"indikator {row.indikator_id}: predikat {row.predikat!r} tidak ada dalam skala"
            )
        counts[row.predikat] += 1
        measured.append(row.capaian)
    mean = sum(measured, Fraction(0)) / len(measured) if measured else None
    return RingkasanTahun(
        jumlah_indikator=len(rows),
        jumlah_terukur=len(measured),
        jumlah_tidak_terukur=len(rows) - len(measured),
        per_predikat=tuple((label, counts[label]) for label in labels),
        rata_rata_capaian=mean,
    )


def compute_change(previous: Fraction | None, current: Fraction | None) -> Fraction | None:
    """current − previous (realisasi or capaian against the previous year); None if either is."""
    if previous is None or current is None:
        return None
    return current - previous


class Arah(StrEnum):
    """What a change against the previous year means for the indicator's polaritas."""

    MEMBAIK = "membaik"
    MEMBURUK = "memburuk"
    TETAP = "tetap"

    @property
    def simbol(self) -> str:
        """Shown beside the word, never alone: up for better, down for worse."""
        return {"membaik": "▲", "memburuk": "▼", "tetap": "="}[self.value]


def arah_perubahan(selisih: Fraction, polaritas: Polaritas | str) -> Arah:
    """A rise is better for polaritas positif and worse for negatif (e.g. +7 late complaints)."""
    if selisih == 0:
        return Arah.TETAP
    naik = selisih > 0
    return Arah.MEMBAIK if naik == (Polaritas(polaritas) is Polaritas.POSITIF) else Arah.MEMBURUK


@dataclass(frozen=True)
class KeadaanTahun:
    """How a year's indicators stand: how many met their target, and why the rest did not."""

    tahun: int
    jumlah: int
    per_status: tuple[tuple[StatusCapaian, int], ...]
    """(status, count) for every status, in :class:`StatusCapaian` order, zeros included."""

    def banyak(self, status: StatusCapaian) -> int:
        return dict(self.per_status)[status]

    @property
    def kalimat(self) -> str:
        """``Tahun 2025: 3 dari 5 IKU mencapai target, 1 belum dilaporkan.`` (the other
        statuses only when not zero)."""
        if not self.jumlah:
            return f"Tahun {self.tahun}: dokumen yang berlaku tidak memuat IKU."
        parts = [
            f"{format_jumlah(self.banyak(StatusCapaian.MENCAPAI))} dari "
            f"{format_jumlah(self.jumlah)} IKU mencapai target"
        ]
        parts += [
            f"{format_jumlah(count)} {status.value}"
            for status, count in self.per_status
            if status is not StatusCapaian.MENCAPAI and count
        ]
        return f"Tahun {self.tahun}: " + ", ".join(parts) + "."


def keadaan_tahun(tahun: int, status: Iterable[StatusCapaian]) -> KeadaanTahun:
    """Counts of one year's statuses (one per indicator)."""
    items = list(status)
    return KeadaanTahun(
        tahun, len(items), tuple((s, sum(1 for x in items if x is s)) for s in StatusCapaian)
    )


def kalimat_rata_rata(ringkasan: RingkasanTahun) -> str:
    """The mean capaian with what it is a mean of: ``107,07% (rata-rata 2 dari 5 IKU; capaian
    3 IKU lainnya tidak dapat dihitung)``."""
    terukur, semua = ringkasan.jumlah_terukur, ringkasan.jumlah_indikator
    if ringkasan.rata_rata_capaian is None:
        return f"belum dapat dihitung: capaian 0 dari {format_jumlah(semua)} IKU dapat dihitung"
    rata = format_persen(ringkasan.rata_rata_capaian)
    if terukur == semua:
        jumlah = f"semua {format_jumlah(semua)} IKU" if semua > 1 else "1 IKU"
        return f"{rata} (rata-rata {jumlah})"
    lain = format_jumlah(semua - terukur)
    return (
        f"{rata} (rata-rata {format_jumlah(terukur)} dari {format_jumlah(semua)} IKU; "
        f"capaian {lain} IKU lainnya tidak dapat dihitung)"
    )
