"""Per-year summary of the IKU measurement table (LKjIP, Bab III Akuntabilitas Kinerja).

Format of the LKjIP follows PermenPANRB Nomor 53 Tahun 2014: how many indicators were measured,
how many fall in each predikat of the scale in force, and the average capaian.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

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
