"""The XLSX writer's own guarantees: byte-reproducible whatever the clock, every text read back
as written (also texts XlsxWriter would otherwise take as markup), numbers exactly the JSON's,
and the layout (bold headers, number format, column widths, frozen header row)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from fractions import Fraction

import pytest
import xlsxwriter.core
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook as ReadWorkbook
from openpyxl.worksheet.worksheet import Worksheet

from iku_macros.data.loading import load_dataset
from iku_macros.report import Laporan, build_laporan
from iku_macros.web.opendata import DOKUMEN_FIELDS, FIELDS, NUMBER_FIELDS, json_number, records
from iku_macros.web.spreadsheet import to_xlsx

from .conftest import DEMO

WHEN = datetime(2024, 1, 20, 2, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo() -> Laporan:
    return build_laporan(load_dataset(DEMO))


def _first_year(laporan: Laporan) -> int:
    return min(laporan.tahun_laporan)


def _with_first_year(laporan: Laporan, key: str, values: list[object]) -> tuple[Laporan, list[str]]:
    """The report with ``values`` as ``key`` of the first year's first rows, one per row, and
    the ids of those rows."""
    first = _first_year(laporan)
    ids = [r["id"] for r in records(laporan, first)][: len(values)]
    assert len(ids) == len(values)
    indikator = dict(laporan.indikator)
    for ident, value in zip(ids, values, strict=True):
        hasil = indikator[ident]
        tahun = {**hasil.tahun, first: replace(hasil.tahun[first], **{key: value})}
        indikator[ident] = replace(hasil, tahun=tahun)
    return replace(laporan, indikator=indikator), ids


def _read(data: bytes) -> ReadWorkbook:
    return load_workbook(io.BytesIO(data))


class _AnyDatetime(type):
    # Stands in for the name ``datetime`` in xlsxwriter.core, which also checks
    # isinstance(date, datetime): every real datetime must still pass.
    def __instancecheck__(cls, instance: object) -> bool:
        return isinstance(instance, datetime)


class _OtherClock(datetime, metaclass=_AnyDatetime):
    @classmethod
    def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
        return datetime(2031, 7, 9, 13, 14, 15, tzinfo=UTC)


def test_bytes_depend_on_the_data_date_not_on_the_clock(
    demo: Laporan, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = to_xlsx(demo, WHEN)
    assert to_xlsx(demo, WHEN) == first
    # The one place XlsxWriter reads the clock (the document dates, if none is given).
    monkeypatch.setattr(xlsxwriter.core, "datetime", _OtherClock)
    assert to_xlsx(demo, WHEN) == first
    archive = zipfile.ZipFile(io.BytesIO(first))
    names = archive.namelist()
    assert names == sorted(names)
    assert {info.date_time for info in archive.infolist()} == {(2024, 1, 20, 2, 0, 0)}
    core = archive.read("docProps/core.xml").decode("utf-8")
    assert core.count("2024-01-20T02:00:00Z") == 2 and "2031" not in core  # created, modified
    properties = _read(first).properties
    assert properties.created == properties.modified == datetime(2024, 1, 20, 2, 0)
    assert properties.creator == properties.lastModifiedBy == "iku_macros"
    assert to_xlsx(demo, datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)) != first


# (text in the data, the text the cell holds)
TEXTS = [
    ("<r>&</r>", "<r>&</r>"),  # XlsxWriter writes <r>...</r> unescaped, as rich-text XML
    ("<r><t>x</t></r>", "<r><t>x</t></r>"),
    ("<r>=1+1</r>", "<r>=1+1</r>"),
    ("_x0041_", "_x0041_"),  # Excel's escape for "A": kept as the seven characters
    ("a\r\nb\rc", "a\nb\nc"),  # line breaks as XML reads them
    ("a\ufffeb\uffffc\x0b", "a\ufffdb\ufffdc\ufffd"),  # not allowed in XML
    ("  di tepi  ", "  di tepi  "),
    ("é 漢 😀", "é 漢 😀"),
]


def test_every_text_reads_back_as_written(demo: Laporan) -> None:
    laporan, ids = _with_first_year(demo, "catatan", [text for text, _ in TEXTS])
    data = to_xlsx(laporan, WHEN)
    sheet = _read(data)[str(_first_year(laporan))]
    column = [f.nama for f in FIELDS].index("catatan")
    by_id = {row[0].value: row[column] for row in sheet.iter_rows(min_row=2)}
    for ident, (text, expected) in zip(ids, TEXTS, strict=True):
        cell = by_id[ident]
        assert (cell.value, cell.data_type) == (expected, "s"), repr(text)
        assert not cell.quotePrefix, repr(text)


def test_numbers_read_back_as_the_json_numbers(demo: Laporan) -> None:
    values: list[object] = [
        Fraction(786, 10),
        Fraction(-7, 2),
        Fraction(123456789012345, 100),  # 15 significant digits, the most the JSON allows
        Fraction(1, 3),  # rounded half-up to 0.33, as in the JSON
        Fraction(0),
    ]
    laporan, ids = _with_first_year(demo, "realisasi", values)
    sheet = _read(to_xlsx(laporan, WHEN))[str(_first_year(laporan))]
    column = [f.nama for f in FIELDS].index("realisasi")
    by_id = {row[0].value: row[column] for row in sheet.iter_rows(min_row=2)}
    expected = {r["id"]: r["realisasi"] for r in records(laporan, _first_year(laporan))}
    for ident in ids:
        cell = by_id[ident]
        assert cell.data_type == "n" and cell.number_format == "#,##0.00", ident
        assert cell.value == json_number(expected[ident]), ident
        # Written with their two decimals ("0.00"), so read back as floats like the JSON's.
        assert isinstance(cell.value, float), ident


def _width_rule(values: list[object]) -> int:
    return min(max(len(str(v or "")) for v in values) + 2, 60)


def _widths(sheet: Worksheet) -> dict[int, float]:
    """Width by column number (1-based); one ``<col>`` element may span adjacent columns."""
    return {
        column: dimension.width
        for dimension in sheet.column_dimensions.values()
        for column in range(dimension.min, dimension.max + 1)
    }


def _assert_width(sheet: Worksheet, column: int, expected: int) -> None:
    # Written in Excel's own unit (what its column-width box shows), so the file adds Excel's
    # cell padding, under one character.
    width = _widths(sheet)[column]
    assert expected <= width < expected + 1, (sheet.title, column, width, expected)


def test_layout_bold_headers_number_format_widths_and_frozen_row(demo: Laporan) -> None:
    workbook = _read(to_xlsx(demo, WHEN))
    definitions = workbook["Definisi"]
    assert definitions.freeze_panes is None
    assert [c.font.b for c in definitions[1]] == [True] * 3
    title = next(row for row in definitions.iter_rows() if row[0].value == "Kolom lembar Dokumen")
    assert [c.font.b for c in title] == [True, False, False]
    assert not any(c.font.b for row in definitions.iter_rows(min_row=2) for c in row[1:])
    for column, width in enumerate((22, 18, 90), start=1):
        _assert_width(definitions, column, width)

    sheet = workbook["Dokumen"]
    assert sheet.freeze_panes == "A2"
    assert all(c.font.b for c in sheet[1])
    table = [[c.value for c in row] for row in sheet.iter_rows()]
    for index in range(len(DOKUMEN_FIELDS)):
        _assert_width(sheet, index + 1, _width_rule([r[index] for r in table]))

    for tahun in demo.tahun_laporan:
        sheet = workbook[str(tahun)]
        assert sheet.freeze_panes == "A2"
        assert all(c.font.b for c in sheet[1])
        assert not any(c.font.b for row in sheet.iter_rows(min_row=2) for c in row)
        rows = records(demo, tahun)
        for column, field in enumerate(FIELDS, start=1):
            _assert_width(sheet, column, _width_rule([field.nama, *(r[field.nama] for r in rows)]))
            # The number columns carry the format on every data row, empty ones included, so
            # a number typed there later looks like the others.
            formats = {c.number_format for c in sheet[get_column_letter(column)][1:]}
            assert formats == ({"#,##0.00"} if field.nama in NUMBER_FIELDS else {"General"})
