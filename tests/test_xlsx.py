"""The XLSX workbook read back with openpyxl equals the JSON open data."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from iku_macros.web.opendata import DOKUMEN_FIELDS, FIELDS


def test_workbook_equals_json(demo_site: Path) -> None:
    document = json.loads((demo_site / "unduh" / "iku.json").read_text(encoding="utf-8"))
    workbook = load_workbook(demo_site / "unduh" / "iku.xlsx")
    years = sorted({r["tahun"] for r in document["data"]})
    assert workbook.sheetnames == ["Definisi", "Dokumen", *(str(y) for y in years)]
    definitions = [row[0].value for row in workbook["Definisi"].iter_rows(min_row=2)]
    assert definitions[: len(FIELDS)] == [f.nama for f in FIELDS]
    # The Dokumen sheet's columns are defined below the rows' own.
    at = definitions.index("Kolom lembar Dokumen")
    assert definitions[at + 1 : at + 1 + len(DOKUMEN_FIELDS)] == [f.nama for f in DOKUMEN_FIELDS]
    sheet = workbook["Dokumen"]
    assert [c.value for c in sheet[1]] == [f.nama for f in DOKUMEN_FIELDS]
    listed = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    # The JSON header's documents, the period and the years in force written as ranges.
    assert listed == [
        [
            d["id"],
            d["judul"],
            d["jenis"],
            f"{d['periode']['awal']}–{d['periode']['akhir']}",
            d["berlaku_mulai"],
            d["merevisi"],
            d["keterangan_revisi"],
            f"{d['tahun_berlaku'][0]}–{d['tahun_berlaku'][-1]}",
        ]
        for d in document["dokumen"]
    ]
    for year in years:
        sheet = workbook[str(year)]
        header = [c.value for c in sheet[1]]
        assert header == [f.nama for f in FIELDS]
        rows = [
            dict(zip(header, (c.value for c in row), strict=True))
            for row in sheet.iter_rows(min_row=2)
        ]
        expected = [r for r in document["data"] if r["tahun"] == year]
        assert rows == expected
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if (
                    header[cell.column - 1] in ("target", "realisasi", "capaian", "target_dokumen")
                    and cell.value is not None
                ):
                    assert cell.data_type == "n"  # a number, not text
                    assert cell.number_format == "#,##0.00"


def test_published_workbook_has_no_formula(demo_site: Path) -> None:
    """The file the site serves: no formula element anywhere, every text a text cell."""
    path = demo_site / "unduh" / "iku.xlsx"
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                assert not re.search(r"<f[\s>/]", xml), name
    for sheet in load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate)
