"""Capaian pages stay bounded at kabupaten scale: above PROGRAM_RINCI_MAKS program indicators in
a year's document, the page summarises them per program and each program gets its own page
(issue 13). Checked on the demo with the limit lowered, counts computed here from the report."""

from __future__ import annotations

from fractions import Fraction

import pytest
from bs4 import BeautifulSoup

from iku_macros.data.model import JenisIndikator
from iku_macros.web import plan
from iku_macros.web.build_data import load_laporan
from iku_macros.web.render import Halaman
from iku_macros.web.render import capaian as capaian_page

from .conftest import DEMO


def text(tag) -> str:
    return " ".join(tag.get_text().split())


def test_small_units_keep_the_detail_on_the_capaian_page() -> None:
    laporan = load_laporan(DEMO)
    assert not plan.program_terpisah(laporan)
    pages = plan.generated_pages(laporan)
    assert not [p for p in pages if p.path.startswith("program/")]
    body = next(p.body for p in pages if p.path == "capaian/2025.md")
    assert "capaian_tabel(2025, 'program')" in body and "capaian_program_ringkas" not in body


def test_above_the_limit_programs_are_summarised_and_detailed_on_their_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(plan, "PROGRAM_RINCI_MAKS", 1)
    laporan = load_laporan(DEMO)
    assert plan.program_terpisah(laporan)
    pages = {p.path: p for p in plan.generated_pages(laporan)}
    programs = laporan.dataset.kerangka.program
    assert {f"program/{p.id}.md" for p in programs} <= set(pages)
    body = pages["capaian/2025.md"].body
    assert "capaian_program_ringkas(2025)" in body
    assert "grafik_capaian(2025, 'program')" not in body
    # Each program page has one table per year, newest first, of that program only.
    first = programs[0].id
    program_body = pages[f"program/{first}.md"].body
    years = sorted(laporan.tahun_laporan, reverse=True)
    assert [f"## Tahun {t}" for t in years] == [
        line for line in program_body.splitlines() if line.startswith("## Tahun")
    ]

    # The summary of 2025, row by row, against the report.
    year = 2025
    document = laporan.dataset.dokumen_berlaku(year)
    assert document is not None
    macros = capaian_page.macros(laporan, Halaman(lambda: f"capaian/{year}/"))
    soup = BeautifulSoup(macros["capaian_program_ringkas"](year), "html.parser")
    rows = {text(r.th): [text(td) for td in r.select("td")] for r in soup.select("tbody tr")}
    expected_rows = 0
    for item in document.kerangka.program:
        mine = [
            laporan.indikator[ident].tahun[year]
            for ident, version in document.indikator.items()
            if version.jenis is JenisIndikator.PROGRAM and version.induk == item.id
        ]
        if not mine:
            assert item.nama not in rows
            continue
        expected_rows += 1
        met = sum(1 for v in mine if v.capaian.tercapai)
        unreported = sum(1 for v in mine if v.realisasi is None)
        measured = [v.capaian.nilai for v in mine if v.capaian.nilai is not None]
        cells = rows[item.nama]
        assert cells[0] == str(len(mine))
        assert cells[1] == str(met) and cells[3] == str(unreported)
        assert int(cells[1]) + int(cells[2]) + int(cells[3]) + int(cells[4]) == len(mine)
        if measured:
            mean = sum(measured, Fraction(0)) / len(measured)
            shown = cells[5].split("%")[0].replace(".", "").replace(",", ".")
            assert abs(Fraction(shown) - mean) <= Fraction(1, 200), (item.id, cells[5], mean)
        link = soup.find("a", string=item.nama)
        assert link is not None and link["href"] == f"../../program/{item.id}/#tahun-{year}"
    assert len(rows) == expected_rows > 0

    # A program page's table holds exactly that program's indicators.
    table = BeautifulSoup(macros["capaian_tabel"](year, "program", first), "html.parser")
    names = [text(th) for th in table.select("tbody th[scope=row]")]
    assert names == [
        version.nama
        for ident, version in document.indikator.items()
        if version.jenis is JenisIndikator.PROGRAM and version.induk == first
    ]
