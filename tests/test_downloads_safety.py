"""Downloads are safe to open whatever a pull request puts in a text: the XLSX holds no formula,
CSV text cells that a spreadsheet would run are neutralised (OWASP) while numbers stay numbers,
and the JSON is strict JSON (no NaN/Infinity; a number it cannot write exactly is a data error).

Hostile values are set on the computed report directly, so these tests do not depend on which
texts the data validation lets through: the downloads must be safe on their own.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from iku_macros.data.errors import DataValidationError
from iku_macros.data.loading import load_dataset
from iku_macros.report import Laporan, build_laporan
from iku_macros.web import build_data
from iku_macros.web.opendata import (
    FIELDS,
    OpenDataError,
    csv_text,
    publishing_errors,
    records,
    to_csv,
    to_json,
)
from iku_macros.web.spreadsheet import to_xlsx

from .conftest import DEMO

WHEN = datetime(2024, 1, 20, 2, 0, tzinfo=UTC)

# (text from a pull request, the CSV cell it must become)
HOSTILE = [
    ('=HYPERLINK("http://x","klik")', '\'=HYPERLINK("http://x","klik")'),
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("#N/A", "#N/A"),  # an Excel error literal: not a formula in CSV, must stay text in XLSX
    ("Catatan biasa = tidak diawali rumus", "Catatan biasa = tidak diawali rumus"),
    (" =1+1", " =1+1"),  # a leading space is not a trigger
]
NEGATIVE = Fraction(-7, 2)


def _reject_constant(name: str) -> object:
    raise AssertionError(f"JSON contains {name}")


@pytest.fixture(scope="module")
def demo() -> Laporan:
    return build_laporan(load_dataset(DEMO))


def _first_year_ids(laporan: Laporan) -> list[str]:
    """Indicators of the document in force in the first published year (those have a row
    that year), in report order."""
    first = min(laporan.tahun_laporan)
    document = laporan.dataset.dokumen_berlaku(first)
    assert document is not None
    return [ident for ident in laporan.indikator if ident in document.indikator]


def _renamed(laporan: Laporan, ident: str, nama: str) -> Laporan:
    """The report with the indicator named ``nama`` in every document (a row's name is the
    one its year's document gives)."""
    dataset = laporan.dataset
    dokumen = {
        key: replace(
            document,
            indikator={
                i: v.model_copy(update={"nama": nama}) if i == ident else v
                for i, v in document.indikator.items()
            },
        )
        for key, document in dataset.dokumen.items()
    }
    merged = {
        **dataset.indikator,
        ident: dataset.indikator[ident].model_copy(update={"nama": nama}),
    }
    hasil = laporan.indikator[ident]
    return replace(
        laporan,
        dataset=replace(dataset, dokumen=dokumen, indikator=merged),
        indikator={
            **laporan.indikator,
            ident: replace(hasil, indikator=hasil.indikator.model_copy(update={"nama": nama})),
        },
    )


@pytest.fixture(scope="module")
def hostile(demo: Laporan) -> Laporan:
    """The demo report with a hostile name on each of the first year's first indicators, the
    same text as the first year's note, and a negative realised value on the last of them."""
    first = min(demo.tahun_laporan)
    ids = _first_year_ids(demo)
    assert len(ids) >= len(HOSTILE)
    laporan = demo
    for ident, (text, _) in zip(ids, HOSTILE, strict=False):
        laporan = _renamed(laporan, ident, text)
        hasil = laporan.indikator[ident]
        tahun = {**hasil.tahun, first: replace(hasil.tahun[first], catatan=text)}
        laporan = replace(
            laporan, indikator={**laporan.indikator, ident: replace(hasil, tahun=tahun)}
        )
    last = ids[len(HOSTILE) - 1]
    hasil = laporan.indikator[last]
    tahun = {**hasil.tahun, first: replace(hasil.tahun[first], realisasi=NEGATIVE)}
    laporan = replace(laporan, indikator={**laporan.indikator, last: replace(hasil, tahun=tahun)})
    # The documents' texts (from pull requests too) go to the JSON header and the XLSX.
    dataset = laporan.dataset
    dokumen = {
        key: replace(document, meta=document.meta.model_copy(update=DOCUMENT_TEXTS))
        for key, document in dataset.dokumen.items()
    }
    return replace(laporan, dataset=replace(dataset, dokumen=dokumen))


DOCUMENT_TEXTS = {"judul": HOSTILE[0][0], "keterangan_revisi": HOSTILE[4][0]}


def _hostile_ids(laporan: Laporan) -> Iterator[tuple[str, str, str]]:
    for ident, (text, expected) in zip(_first_year_ids(laporan), HOSTILE, strict=False):
        yield ident, text, expected


# --- XLSX -----------------------------------------------------------------------------------


def test_xlsx_holds_no_formula_for_hostile_text(hostile: Laporan) -> None:
    data = to_xlsx(hostile, WHEN)
    archive = zipfile.ZipFile(io.BytesIO(data))
    sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert len(sheets) == 2 + len(hostile.tahun_laporan)  # Definisi, Dokumen, the years
    for name in archive.namelist():
        if name.endswith(".xml"):
            xml = archive.read(name).decode("utf-8")
            assert not re.search(r"<f[\s>/]", xml), f"formula element in {name}"
            assert 't="e"' not in xml, f"error cell in {name}"
    assert "calcChain" not in " ".join(archive.namelist())


def test_xlsx_reads_back_every_hostile_text_as_text(hostile: Laporan) -> None:
    workbook = load_workbook(io.BytesIO(to_xlsx(hostile, WHEN)))
    header = [f.nama for f in FIELDS]
    first_year = str(min(hostile.tahun_laporan))
    by_id = {row[0].value: row for row in workbook[first_year].iter_rows(min_row=2)}
    for ident, text, _ in _hostile_ids(hostile):
        row = by_id[ident]
        for column in ("nama", "catatan"):
            cell = row[header.index(column)]
            # XML reads a bare carriage return back as a line feed (XML 1.0, end-of-line handling)
            assert cell.value == text.replace("\r", "\n"), (ident, column)
            assert cell.data_type == "s", (ident, column, cell.data_type)
            # Excel's "typed with a leading quote" flag: stays text even after editing the cell
            assert cell.quotePrefix == csv_text(text).startswith("'"), (ident, column)


def test_xlsx_documents_sheet_keeps_hostile_text_as_text(hostile: Laporan) -> None:
    sheet = load_workbook(io.BytesIO(to_xlsx(hostile, WHEN)))["Dokumen"]
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(hostile.dataset.dokumen)
    for row in rows:
        for column, text in DOCUMENT_TEXTS.items():
            cell = row[header.index(column)]
            assert cell.value == text and cell.data_type == "s", (column, cell.value)
            assert cell.quotePrefix, column


def test_json_header_keeps_document_texts_verbatim(hostile: Laporan) -> None:
    document = json.loads(to_json(hostile), parse_constant=_reject_constant)
    assert [(d["judul"], d["keterangan_revisi"]) for d in document["dokumen"]] == [
        tuple(DOCUMENT_TEXTS.values())
    ] * len(hostile.dataset.dokumen)


def test_xlsx_replaces_characters_xml_cannot_hold(demo: Laporan) -> None:
    ident = next(iter(demo.indikator))
    laporan = _renamed(demo, ident, "a\x07b\x00c")
    workbook = load_workbook(io.BytesIO(to_xlsx(laporan, WHEN)))
    sheet = workbook[str(min(laporan.tahun_laporan))]
    names = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2)}
    assert names[ident] == "a\ufffdb\ufffdc"


def test_xlsx_with_hostile_text_is_byte_reproducible(hostile: Laporan) -> None:
    assert to_xlsx(hostile, WHEN) == to_xlsx(hostile, WHEN)


# --- CSV ------------------------------------------------------------------------------------


def _csv_rows(laporan: Laporan) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(to_csv(laporan), newline="")))


def test_csv_neutralises_exactly_the_text_cells_that_start_a_formula(hostile: Laporan) -> None:
    rows = _csv_rows(hostile)
    first = {r["id"]: r for r in rows if r["tahun"] == str(min(hostile.tahun_laporan))}
    for ident, text, expected in _hostile_ids(hostile):
        assert first[ident]["nama"] == expected, repr(text)
        assert first[ident]["catatan"] == expected, repr(text)
    triggers = ("=", "+", "-", "@", "\t", "\r")
    for row in rows:
        for field in FIELDS:
            value = row[field.nama]
            if field.nama not in ("tahun", "target", "realisasi", "capaian"):
                assert not value.startswith(triggers), (field.nama, value)


def test_csv_numbers_stay_numbers_negative_included(hostile: Laporan) -> None:
    rows = _csv_rows(hostile)
    last, _, _ = list(_hostile_ids(hostile))[-1]
    first_year = str(min(hostile.tahun_laporan))
    row = next(r for r in rows if r["id"] == last and r["tahun"] == first_year)
    assert row["realisasi"] == "-3.50"  # a number: no quote in front
    numbers = [r[k] for r in rows for k in ("target", "realisasi", "capaian") if r[k]]
    assert numbers and all(re.fullmatch(r"-?\d+\.\d\d", n) for n in numbers), numbers
    assert all(re.fullmatch(r"\d{4}", r["tahun"]) for r in rows)
    # the records themselves are untouched: only the CSV text is neutralised
    raw = {r["id"]: r["nama"] for r in records(hostile)}
    assert [raw[i] for i, _, _ in _hostile_ids(hostile)] == [t for t, _ in HOSTILE]


def test_csv_text_rule() -> None:
    assert csv_text("=1+1") == "'=1+1"
    assert csv_text("-") == "'-"
    assert csv_text("'=1+1") == "'=1+1"  # already quoted: a quote is not a trigger
    assert csv_text("") == ""
    assert csv_text("Sangat Tinggi") == "Sangat Tinggi"


# --- JSON -----------------------------------------------------------------------------------


def test_json_is_strict_and_keeps_texts_verbatim(hostile: Laporan) -> None:
    document = json.loads(to_json(hostile), parse_constant=_reject_constant)
    first_year = min(hostile.tahun_laporan)
    by_id = {r["id"]: r for r in document["data"] if r["tahun"] == first_year}
    for ident, text, _ in _hostile_ids(hostile):
        assert by_id[ident]["nama"] == text
        assert by_id[ident]["catatan"] == text
    last, _, _ = list(_hostile_ids(hostile))[-1]
    assert by_id[last]["realisasi"] == -3.5
    for year in hostile.tahun_laporan:
        json.loads(to_json(hostile, year), parse_constant=_reject_constant)


def _with_realisasi(demo: Laporan, value: Fraction) -> tuple[Laporan, str, int]:
    ident = next(iter(demo.indikator))
    hasil = demo.indikator[ident]
    year = min(y for y, n in hasil.tahun.items() if n.realisasi is not None)
    tahun = {**hasil.tahun, year: replace(hasil.tahun[year], realisasi=value)}
    return (
        replace(demo, indikator={**demo.indikator, ident: replace(hasil, tahun=tahun)}),
        ident,
        year,
    )


@pytest.mark.parametrize(
    "value",
    [Fraction(10**400), Fraction(10**17 + 1, 100)],
    ids=["beyond-float", "too-many-digits"],
)
def test_a_number_json_cannot_hold_exactly_is_a_clear_error(demo: Laporan, value: Fraction) -> None:
    laporan, ident, year = _with_realisasi(demo, value)
    with pytest.raises(OpenDataError) as raised:
        to_json(laporan)
    message = str(raised.value)
    assert f"{ident} tahun {year}, kolom realisasi" in message
    assert "tidak dapat ditulis tepat sebagai angka JSON" in message
    errors = [e for e in publishing_errors(laporan) if e.pesan.startswith("realisasi ")]
    assert len(errors) == 1, publishing_errors(laporan)
    assert errors[0].berkas.endswith(f"realisasi/{year}.yaml")
    assert f"indikator {ident} tahun {year}" in errors[0].pesan


def test_the_build_stops_with_a_data_error_before_writing_downloads(
    demo: Laporan, monkeypatch: pytest.MonkeyPatch
) -> None:
    laporan, ident, year = _with_realisasi(demo, Fraction(10**400))
    monkeypatch.setattr(build_data, "build_laporan", lambda dataset: laporan)
    build_data._computed.clear()
    try:
        with pytest.raises(DataValidationError) as raised:
            build_data.load_laporan(DEMO)
    finally:
        build_data._computed.clear()
    report = raised.value.report()
    assert report.startswith("Data tidak valid: ")
    assert f"realisasi/{year}.yaml" in report and ident in report


def test_the_demo_downloads_are_strict_json(demo: Laporan) -> None:
    assert publishing_errors(demo) == []
    json.loads(to_json(demo), parse_constant=_reject_constant)


# --- the Unduh page says so ------------------------------------------------------------------


def test_unduh_page_explains_the_csv_quote(demo_site: Path) -> None:
    html = (demo_site / "unduh" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "CSV injection" in text
    assert "tanda petik tunggal" in text
    for shown in ("=", "+", "-", "@", "tab", "carriage return"):
        assert shown in text
    assert "tetap angka" in text
    assert "NaN" in text and "Infinity" in text
    assert "tidak pernah sebagai rumus" in text
