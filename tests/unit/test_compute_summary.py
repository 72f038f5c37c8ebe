"""Per-year LKjIP summary: counts per predikat (zeros included) and mean capaian."""

from __future__ import annotations

from fractions import Fraction

import pytest

from iku_macros.compute.predikat import SKALA_PERMENDAGRI_86_2017
from iku_macros.compute.summary import Baris, RingkasanTahun, compute_change, summarize_year

SKALA = SKALA_PERMENDAGRI_86_2017


def test_summary_counts_and_mean() -> None:
    rows = [
        Baris("a", Fraction(102), "Sangat Tinggi"),
        Baris("b", Fraction(80), "Tinggi"),
        Baris("c", Fraction(95), "Sangat Tinggi"),
        Baris("d", None, None),
        Baris("e", Fraction(40), "Sangat Rendah"),
    ]
    # mean = (102 + 80 + 95 + 40) / 4 = 317 / 4 = 79.25
    assert summarize_year(rows, SKALA) == RingkasanTahun(
        jumlah_indikator=5,
        jumlah_terukur=4,
        jumlah_tidak_terukur=1,
        per_predikat=(
            ("Sangat Tinggi", 2),
            ("Tinggi", 1),
            ("Sedang", 0),
            ("Rendah", 0),
            ("Sangat Rendah", 1),
        ),
        rata_rata_capaian=Fraction(317, 4),
    )


def test_nothing_measured() -> None:
    summary = summarize_year([Baris("a", None, None), Baris("b", None, None)], SKALA)
    assert (summary.jumlah_indikator, summary.jumlah_terukur) == (2, 0)
    assert summary.jumlah_tidak_terukur == 2
    assert summary.rata_rata_capaian is None
    assert [count for _, count in summary.per_predikat] == [0, 0, 0, 0, 0]


def test_empty_year() -> None:
    summary = summarize_year([], SKALA)
    assert summary.jumlah_indikator == 0
    assert summary.rata_rata_capaian is None


def test_mean_stays_exact() -> None:
    # (100 + 100 + 101) / 3 = 301/3 = 100.333…
    rows = [Baris(i, Fraction(v), "Sangat Tinggi") for i, v in (("a", 100), ("b", 100), ("c", 101))]
    assert summarize_year(rows, SKALA).rata_rata_capaian == Fraction(301, 3)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([Baris("a", Fraction(95), "Istimewa")], "tidak ada dalam skala"),
        ([Baris("a", Fraction(95), None)], "tidak sejalan"),
        ([Baris("a", None, "Tinggi")], "tidak sejalan"),
        ([Baris("a", None, None), Baris("a", None, None)], "lebih dari sekali: a"),
    ],
)
def test_inconsistent_rows(rows: list[Baris], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        summarize_year(rows, SKALA)


def test_compute_change() -> None:
    # 85.5 − 80 = 5.5;  70 − 80 = −10
    assert compute_change(Fraction(80), Fraction("85.5")) == Fraction(11, 2)
    assert compute_change(Fraction(80), Fraction(70)) == Fraction(-10)
    assert compute_change(None, Fraction(70)) is None
    assert compute_change(Fraction(80), None) is None
