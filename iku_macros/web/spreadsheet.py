"""The XLSX workbook of the open data: a definitions sheet, the IKU documents, one sheet per year.

Numbers are stored as numbers (never text), so a spreadsheet in any locale shows them with its
own decimal separator (Indonesian: comma). Texts come from pull requests and are stored as text,
never as a formula or an error value: openpyxl would turn ``=HYPERLINK(...)`` into a live
formula. The file is byte-reproducible: document properties and zip entry times are set from the
data's date, not the clock.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

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
            content = source.read(name)
            if name == "docProps/core.xml":
                # openpyxl stamps 'modified' with the clock at save time; use the data's date.
                iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + iso + rb"\g<2>",
                    content,
                )
            target.writestr(info, content)
    return out.getvalue()


TRIGGERS = tuple(char for char, _ in FORMULA_TRIGGERS)


def _text(value: str) -> str:
    # XML cannot hold most control characters (openpyxl would raise); show them as U+FFFD.
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)


def _append(sheet: Worksheet, values: list[object]) -> None:
    """Append a non-empty row; every text is a text cell, whatever it starts with.

    openpyxl types a string from its first character (``=`` formula, ``#N/A`` error); the type
    is forced back to string, and a text a spreadsheet would read as a formula once edited also
    carries Excel's quote-prefix flag (what typing ``'=...`` does by hand)."""
    row: list[object] = []
    for value in values:
        if isinstance(value, str):
            # Typed here, not looked up after appending: Worksheet.max_row scans every cell.
            cell = Cell(sheet, value=_text(value))
            cell.data_type = "s"
            if value.startswith(TRIGGERS):
                cell.quotePrefix = True
            row.append(cell)
        else:
            row.append(value)
    sheet.append(row)


def _sheet(workbook: Workbook, title: str, rows: list[dict[str, object]]) -> None:
    sheet = workbook.create_sheet(title)
    _bold_header(sheet, [f.nama for f in FIELDS])
    for record in rows:
        # Decimals are written as numbers; None stays an empty cell.
        _append(sheet, [record[f.nama] for f in FIELDS])
    for index, field in enumerate(FIELDS, start=1):
        letter = get_column_letter(index)
        if field.nama in NUMBER_COLUMNS:
            for cell in sheet[letter][1:]:
                cell.number_format = NUMBER_FORMAT
        width = max(len(field.nama), *(len(str(r[field.nama] or "")) for r in rows)) if rows else 10
        sheet.column_dimensions[letter].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"


def _bold_header(sheet: Worksheet, names: list[str]) -> None:
    _append(sheet, names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)


def _documents_sheet(workbook: Workbook, laporan: Laporan) -> None:
    """The documents the ``dokumen`` column names (the JSON header's list)."""
    sheet = workbook.create_sheet("Dokumen")
    _bold_header(sheet, [f.nama for f in DOKUMEN_FIELDS])
    for entry in documents(laporan):
        periode = entry["periode"]
        years = entry["tahun_berlaku"]
        values = {
            **entry,
            "periode": f"{periode['awal']}–{periode['akhir']}",
            "tahun_berlaku": covered_years(dict.fromkeys(years, "")) if years else None,
        }
        _append(sheet, [values[f.nama] for f in DOKUMEN_FIELDS])
    for index in range(1, len(DOKUMEN_FIELDS) + 1):
        letter = get_column_letter(index)
        width = max(len(str(cell.value or "")) for cell in sheet[letter])
        sheet.column_dimensions[letter].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"


def to_xlsx(laporan: Laporan, when: datetime) -> bytes:
    workbook = Workbook()
    definitions = workbook.active
    definitions.title = "Definisi"
    _bold_header(definitions, ["Kolom", "Tipe", "Keterangan"])
    for field in FIELDS:
        _append(definitions, [field.nama, field.tipe, field.keterangan])
    definitions.append([])
    profil = laporan.dataset.profil
    _append(definitions, ["Instansi", profil.instansi.nama])
    _append(definitions, ["Skala predikat", f"{laporan.skala.nama} ({laporan.skala.dasar_hukum})"])
    if profil.data_contoh:
        _append(definitions, ["Catatan", "DATA CONTOH: angka fiktif, bukan data resmi."])
    definitions.append([])
    _append(definitions, ["Kolom lembar Dokumen", "Tipe", "Keterangan"])
    definitions.cell(row=definitions.max_row, column=1).font = Font(bold=True)
    for field in DOKUMEN_FIELDS:
        _append(definitions, [field.nama, field.tipe, field.keterangan])
    definitions.column_dimensions["A"].width = 22
    definitions.column_dimensions["B"].width = 18
    definitions.column_dimensions["C"].width = 90
    _documents_sheet(workbook, laporan)
    for tahun in laporan.tahun_laporan:
        _sheet(workbook, str(tahun), records(laporan, tahun))
    naive = when.replace(tzinfo=None)
    workbook.properties.created = naive
    workbook.properties.modified = naive
    workbook.properties.creator = "iku_macros"
    workbook.properties.lastModifiedBy = "iku_macros"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_zip(buffer.getvalue(), naive)
