"""Per-unsur totals of a year's IKM survey, from its YAML ``rekap`` or its raw-response CSV.

The CSV sits in the data folder, so it is untrusted: it is read through
:mod:`iku_macros.data.safe_files` (no symlink, regular file, size limit, strict UTF-8), and every
problem becomes a positioned staff-facing error: a row with fewer or more cells than the header
(a short row is not "unsur not answered": the respondent's answers may have shifted), an answer
outside 1–4, a control character, broken quoting. The totals themselves are counted by
:func:`iku_macros.compute.ikm.rekap_from_responses`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from iku_macros.compute.ikm import (
    KODE_UNSUR,
    NILAI_MAKSIMUM,
    NILAI_MINIMUM,
    JawabanError,
    RekapUnsur,
    rekap_from_responses,
)
from iku_macros.data.errors import DataError, display_path
from iku_macros.data.layout import match_kind
from iku_macros.data.model import SurveiIKM
from iku_macros.data.safe_files import (
    MissingFileError,
    UnsafeFileError,
    describe_char,
    is_forbidden_char,
    read_data_text,
)
from iku_macros.data.yaml_source import Document

MAX_CSV_BYTES = 4 * 1024 * 1024
"""Largest response file read (about 100 000 respondents)."""
MAX_PROBLEMS = 30
"""Problems listed per CSV before the rest are summarised."""

_ANSWERS = {str(n): n for n in range(NILAI_MINIMUM, NILAI_MAKSIMUM + 1)}
_EXPECTED_ANSWER = "jawaban 1, 2, 3, atau 4 di kolom U1–U9, atau kosong bila tidak dijawab"


def read_rekap(
    survei: SurveiIKM, doc: Document, root: Path
) -> tuple[tuple[RekapUnsur, ...] | None, str | None, list[DataError]]:
    """Totals per unsur, the CSV's display path (if any), and the errors found.

    ``root`` is the data folder: the CSV must be a regular file inside it.
    """
    if (survei.rekap is None) == (survei.berkas_responden is None):
        return (
            None,
            None,
            [
                doc.error(
                    (),
                    "isi tepat satu dari `rekap` atau `berkas_responden`",
                    "`rekap:` (jumlah per unsur) atau `berkas_responden: ikm-2023-responden.csv`",
                    "keduanya" if survei.rekap is not None else "tidak ada keduanya",
                )
            ],
        )
    if survei.rekap is not None:
        return _from_rekap(survei, doc)
    name = str(survei.berkas_responden)
    csv_path = doc.path.parent / name
    display = display_path(csv_path)
    if match_kind(f"{doc.path.parent.name}/{name}") != "ikm_csv":
        error = doc.error(
            ("berkas_responden",),
            "nama berkas jawaban responden tidak sesuai aturan nama",
            "huruf kecil, angka, `-` dan `_`, berakhiran .csv, mis. ikm-2023-responden.csv",
            name,
        )
        return None, display, [error]
    try:
        text = read_data_text(csv_path, root, max_bytes=MAX_CSV_BYTES)
    except MissingFileError:
        error = doc.error(
            ("berkas_responden",),
            "berkas jawaban responden tidak ditemukan",
            f"berkas {csv_path.name} di folder {display_path(csv_path.parent)}",
            "tidak ada",
        )
        return None, display, [error]
    except UnsafeFileError as exc:
        return None, display, [exc.error]
    rekap, errors = parse_responses(text, display)
    return rekap, display, errors


def parse_responses(
    text: str, display: str
) -> tuple[tuple[RekapUnsur, ...] | None, list[DataError]]:
    """Totals from CSV text (header with U1..U9, other columns ignored; ``,`` or ``;``).

    Line numbers are those a spreadsheet or editor shows (the header is line 1).
    """
    problems = _forbidden_characters(text, display)
    if problems:
        return None, _capped(problems, display)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[dict[str, int | None]] = []
    try:
        header = [cell.strip() for cell in next(reader, [])]
        problems.extend(_header_problems(header, display))
        if problems:
            return None, problems
        columns = {kode: header.index(kode) for kode in KODE_UNSUR}
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue  # blank line, often left at the end by spreadsheets
            row = _row(cells, reader.line_num, header, columns, display, problems)
            if row is not None:
                rows.append(row)
    except csv.Error:
        problems.append(
            DataError(
                display,
                reader.line_num,
                None,
                f"baris {reader.line_num}: CSV tidak sah (tanda kutip tidak ditutup, atau ada "
                "teks tepat setelah tanda kutip penutup)",
                'sel bertanda kutip ditulis utuh, mis. `R001,3,4` atau `"R 001",3,4`',
            )
        )
    if problems:
        return None, _capped(problems, display)
    try:
        return tuple(rekap_from_responses(rows)), []
    except JawabanError as exc:
        return None, [
            DataError(display, m.baris, m.kolom, m.pesan, _EXPECTED_ANSWER) for m in exc.masalah
        ]


def _header_problems(header: list[str], display: str) -> list[DataError]:
    missing = [k for k in KODE_UNSUR if k not in header]
    repeated = [k for k in KODE_UNSUR if header.count(k) > 1]
    if not missing and not repeated:
        return []
    detail = "; ".join(
        part
        for part in (
            "tidak ada: " + ", ".join(missing) if missing else "",
            "berulang: " + ", ".join(repeated) if repeated else "",
        )
        if part
    )
    return [
        DataError(
            display,
            1,
            1,
            f"baris judul harus memuat kolom U1–U9 sekali ({detail})",
            "baris pertama seperti `responden,U1,U2,U3,U4,U5,U6,U7,U8,U9`",
            ",".join(header)[:80],
        )
    ]


def _row(
    cells: list[str],
    line: int,
    header: list[str],
    columns: dict[str, int],
    display: str,
    problems: list[DataError],
) -> dict[str, int | None] | None:
    """One respondent's answers, or None after recording why the row cannot be used."""
    if len(cells) != len(header):
        fewer = len(cells) < len(header)
        problems.append(
            DataError(
                display,
                line,
                1,
                f"baris {line} berisi {len(cells)} kolom, baris judul {len(header)} kolom "
                f"({'kurang' if fewer else 'lebih'} {abs(len(header) - len(cells))})",
                f"setiap baris {len(header)} kolom seperti baris judul; jawaban kosong ditulis "
                "sebagai sel kosong, mis. `R001,3,,4,...`",
                f"{len(cells)} kolom",
            )
        )
        return None
    row: dict[str, int | None] = {}
    ok = True
    for kode, index in columns.items():
        text = cells[index].strip()
        if not text:
            row[kode] = None
        elif text in _ANSWERS:
            row[kode] = _ANSWERS[text]
        else:
            shown = text if len(text) <= 20 else text[:19] + "…"
            outside = text.lstrip("+-").isdigit()
            problems.append(
                DataError(
                    display,
                    line,
                    index + 1,
                    f"baris {line}, kolom {kode}: nilai {shown!r} tidak sah; jawaban harus "
                    "bilangan bulat 1–4 atau kosong" + (" (di luar 1–4)" if outside else ""),
                    _EXPECTED_ANSWER,
                    shown,
                )
            )
            ok = False
    return row if ok else None


def _forbidden_characters(text: str, display: str) -> list[DataError]:
    """The first control or invisible character of each line (NUL, bidi, zero-width...)."""
    problems = []
    for line, content in enumerate(text.split("\n"), start=1):
        bad = next(((i, c) for i, c in enumerate(content, start=1) if is_forbidden_char(c)), None)
        if bad is None:
            continue
        described = describe_char(bad[1])
        problems.append(
            DataError(
                display,
                line,
                bad[0],
                f"karakter kendali atau tak terlihat tidak boleh ada di berkas CSV ({described})",
                "hanya huruf, angka, tanda baca, spasi, dan baris baru; simpan ulang dari "
                "spreadsheet sebagai CSV UTF-8",
                described,
            )
        )
        if len(problems) > MAX_PROBLEMS:
            break
    return problems


def _capped(problems: list[DataError], display: str) -> list[DataError]:
    shown = problems[:MAX_PROBLEMS]
    if len(problems) > MAX_PROBLEMS:
        shown.append(
            DataError(
                display,
                None,
                None,
                f"{len(problems) - MAX_PROBLEMS} masalah lain di berkas ini tidak ditampilkan",
                "perbaiki masalah di atas, lalu periksa lagi",
            )
        )
    return shown


def unreferenced_csv(paths: Iterable[Path], named: set[str]) -> list[DataError]:
    """CSV files in ``ikm/`` that no survey file names: they would be ignored without a word."""
    return [
        DataError(
            display_path(path),
            None,
            None,
            "berkas CSV ini tidak disebut oleh berkas ikm/<tahun>.yaml mana pun (tidak dibaca)",
            f"`berkas_responden: {path.name}` di berkas ikm tahunnya, atau hapus berkas ini",
            path.name,
        )
        for path in paths
        if path.name not in named
    ]


def _from_rekap(
    survei: SurveiIKM, doc: Document
) -> tuple[tuple[RekapUnsur, ...] | None, None, list[DataError]]:
    assert survei.rekap is not None
    errors = []
    missing = [kode for kode in KODE_UNSUR if kode not in survei.rekap]
    if missing:
        errors.append(
            doc.error(
                ("rekap",),
                "rekap IKM harus memuat kesembilan unsur",
                "U1 sampai U9, masing-masing dengan jumlah_nilai dan jumlah_responden, "
                "mis. `U9: {jumlah_nilai: 150, jumlah_responden: 50}`",
                f"tidak ada {', '.join(missing)}",
            )
        )
    for kode, item in survei.rekap.items():
        low, high = item.jumlah_responden, 4 * item.jumlah_responden
        if not low <= item.jumlah_nilai <= high:
            errors.append(
                doc.error(
                    ("rekap", kode, "jumlah_nilai"),
                    f"jumlah nilai {kode} mustahil untuk {item.jumlah_responden} responden",
                    f"antara {low} dan {high} (setiap jawaban bernilai 1–4)",
                    f"{item.jumlah_nilai}",
                )
            )
    if errors:
        return None, None, errors
    rekap = tuple(
        RekapUnsur(kode, survei.rekap[kode].jumlah_nilai, survei.rekap[kode].jumlah_responden)
        for kode in KODE_UNSUR
    )
    return rekap, None, []
