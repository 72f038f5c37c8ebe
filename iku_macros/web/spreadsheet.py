"""The XLSX workbook of the open data: a definitions sheet, the IKU documents, one sheet per year.

Numbers are stored as numbers (never text), so a spreadsheet in any locale shows them with its
own decimal separator (Indonesian: comma). Texts come from pull requests and are stored as text,
never as a formula, a link or a number: XlsxWriter's ``write()`` would turn ``=HYPERLINK(...)``
into a live formula, so every text goes through ``write_string`` and the workbook's guessing is
switched off too. The file is byte-reproducible: document properties and zip entry times are set
from the data's date, not the clock.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from iku_macros.data.documents import covered_years
from iku_macros.report import Laporan
from iku_macros.web.opendata import (
    DOKUMEN_FIELDS,
    FIELDS,
    FORMULA_TRIGGERS,
    NUMBER_FIELDS,
    documents,
    records,
)

NUMBER_COLUMNS = set(NUMBER_FIELDS)
NUMBER_FORMAT = "#,##0.00"
TRIGGERS = tuple(char for char, _ in FORMULA_TRIGGERS)
CREATOR = "iku_macros"

# Characters XML 1.0 cannot hold, shown as U+FFFD: the control characters openpyxl refuses
# (its ILLEGAL_CHARACTERS_RE; tab, line feed and carriage return are allowed) and the two
# non-characters U+FFFE and U+FFFF, with which openpyxl wrote a file no reader could open.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010\013\014\016-\037\ufffe\uffff]")
LINE_BREAK_RE = re.compile(r"\r\n?")
NEEDS_CLEANING_RE = re.compile(r"[\000-\010\013\014\016-\037\r\ufffe\uffff]")

# XlsxWriter stores a text shaped like ``<r>...</r>`` as raw rich-text XML, unescaped.
RICH_TEXT_OPEN, RICH_TEXT_CLOSE = "<r>", "</r>"


def _fixed_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite a zip with every entry dated ``when`` and in a stable order."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist()):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def _text(value: str) -> str:
    """What the cell holds: characters XML cannot hold become U+FFFD, and line breaks become
    line feeds, what every reader saw of the raw CR openpyxl wrote (XML reads it as LF).
    XlsxWriter would write a CR as ``_x000D_``, which openpyxl reads as those seven characters."""
    if not NEEDS_CLEANING_RE.search(value):  # nearly every text: one scan instead of two
        return value
    return LINE_BREAK_RE.sub("\n", ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))


@dataclass
class _Formats:
    """One Format per combination, created on first use (each is a style record in the file)."""

    workbook: Workbook
    made: dict[tuple[bool, bool, bool], Format] = field(default_factory=dict)

    def get(
        self, *, bold: bool = False, quote: bool = False, number: bool = False
    ) -> Format | None:
        if not (bold or quote or number):
            return None
        key = (bold, quote, number)
        if key not in self.made:
            properties: dict[str, object] = {"bold": bold, "quote_prefix": quote}
            if number:
                properties["num_format"] = NUMBER_FORMAT
            self.made[key] = self.workbook.add_format(properties)
        return self.made[key]


def _write_text(sheet: Worksheet, row: int, col: int, value: str, fmt: Format | None) -> None:
    text = _text(value)
    if text.startswith(RICH_TEXT_OPEN) and text.endswith(RICH_TEXT_CLOSE):
        # Written as rich text in plain runs, which XlsxWriter escapes; read back it is the
        # same text. (Three runs: XlsxWriter wants more than two tokens.)
        runs: list[object] = [text[:1], text[1:3], text[3:]]
        sheet.write_rich_string(row, col, *runs, *([] if fmt is None else [fmt]))
    else:
        sheet.write_string(row, col, text, fmt)


def _write_row(
    sheet: Worksheet,
    row: int,
    values: list[object],
    formats: _Formats,
    *,
    bold: bool = False,
    numbers: frozenset[int] = frozenset(),
) -> None:
    """One row; ``numbers`` are the columns with the number format (even when empty).

    A text that a spreadsheet would read as a formula once edited carries Excel's quote-prefix
    flag (what typing ``'=...`` does by hand)."""
    for col, value in enumerate(values):
        number = col in numbers
        if isinstance(value, str):
            fmt = formats.get(bold=bold, quote=value.startswith(TRIGGERS))
            _write_text(sheet, row, col, value, fmt)
        elif value is None:
            if number:
                sheet.write_blank(row, col, None, formats.get(number=True))
        elif isinstance(value, int | Decimal) and not isinstance(value, bool):
            # A Decimal is written as its own digits ("78.60"): the number the JSON holds.
            sheet.write_number(row, col, value, formats.get(bold=bold, number=number))
        else:
            raise TypeError(f"no XLSX cell for {type(value).__name__}: {value!r}")


def _width(values: list[object]) -> int:
    return min(max(len(str(v or "")) for v in values) + 2, 60)


def _sheet(
    workbook: Workbook, formats: _Formats, title: str, rows: list[dict[str, object]]
) -> None:
    sheet = workbook.add_worksheet(title)
    names = [f.nama for f in FIELDS]
    _write_row(sheet, 0, list(names), formats, bold=True)
    numbers = frozenset(i for i, name in enumerate(names) if name in NUMBER_COLUMNS)
    for index, record in enumerate(rows, start=1):
        # Decimals are written as numbers; None stays an empty cell.
        _write_row(sheet, index, [record[name] for name in names], formats, numbers=numbers)
    for col, name in enumerate(names):
        width = _width([name, *(r[name] for r in rows)]) if rows else 12
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)


def _documents_sheet(workbook: Workbook, formats: _Formats, laporan: Laporan) -> None:
    """The documents the ``dokumen`` column names (the JSON header's list)."""
    sheet = workbook.add_worksheet("Dokumen")
    table: list[list[object]] = [[f.nama for f in DOKUMEN_FIELDS]]
    for entry in documents(laporan):
        periode = entry["periode"]
        years = entry["tahun_berlaku"]
        values = {
            **entry,
            "periode": f"{periode['awal']}–{periode['akhir']}",
            "tahun_berlaku": covered_years(dict.fromkeys(years, "")) if years else None,
        }
        table.append([values[f.nama] for f in DOKUMEN_FIELDS])
    for index, values in enumerate(table):
        _write_row(sheet, index, values, formats, bold=index == 0)
    for col in range(len(DOKUMEN_FIELDS)):
        sheet.set_column(col, col, _width([values[col] for values in table]))
    sheet.freeze_panes(1, 0)


def _definitions_sheet(workbook: Workbook, formats: _Formats, laporan: Laporan) -> None:
    sheet = workbook.add_worksheet("Definisi")
    rows: list[list[object]] = [[f.nama, f.tipe, f.keterangan] for f in FIELDS]
    profil = laporan.dataset.profil
    rows += [
        [],
        ["Instansi", profil.instansi.nama],
        ["Skala predikat", f"{laporan.skala.nama} ({laporan.skala.dasar_hukum})"],
    ]
    if profil.data_contoh:
        rows.append(["Catatan", "DATA CONTOH: angka fiktif, bukan data resmi."])
    rows.append([])
    _write_row(sheet, 0, ["Kolom", "Tipe", "Keterangan"], formats, bold=True)
    for index, values in enumerate(rows, start=1):
        _write_row(sheet, index, values, formats)
    # The Dokumen sheet's columns, under their own bold title.
    at = len(rows) + 1
    _write_row(sheet, at, ["Kolom lembar Dokumen"], formats, bold=True)
    _write_row(sheet, at, [None, "Tipe", "Keterangan"], formats)  # None: the title stays
    for index, f in enumerate(DOKUMEN_FIELDS, start=at + 1):
        _write_row(sheet, index, [f.nama, f.tipe, f.keterangan], formats)
    for col, width in enumerate((22, 18, 90)):
        sheet.set_column(col, col, width)


def to_xlsx(laporan: Laporan, when: datetime) -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook(
        buffer,
        {
            "in_memory": True,  # no temporary files
            # Belt and braces: every text is written with write_string anyway.
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    formats = _Formats(workbook)
    _definitions_sheet(workbook, formats, laporan)
    _documents_sheet(workbook, formats, laporan)
    for tahun in laporan.tahun_laporan:
        _sheet(workbook, formats, str(tahun), records(laporan, tahun))
    naive = when.replace(tzinfo=None)
    # XlsxWriter writes 'created' as both created and modified, 'author' as both people.
    workbook.set_properties({"created": naive, "author": CREATOR})
    workbook.close()
    return _fixed_zip(buffer.getvalue(), naive)
