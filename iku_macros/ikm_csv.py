"""Per-unsur totals of a year's IKM survey, from its YAML ``rekap`` or its raw-response CSV.

Cells are checked here, one error per bad cell with its line and column, so staff see every
problem of a survey file at once; :mod:`iku_macros.compute.ikm` then does the arithmetic.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .compute.ikm import RekapUnsur
from .errors import DataError, display_path
from .model import SurveiIKM
from .yaml_source import Document

KODE_UNSUR = tuple(f"U{i}" for i in range(1, 10))


def read_rekap(
    survei: SurveiIKM, doc: Document
) -> tuple[tuple[RekapUnsur, ...] | None, str | None, list[DataError]]:
    """Totals per unsur, the CSV's display path (if any), and the errors found."""
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
    csv_path = doc.path.parent / str(survei.berkas_responden)
    result, errors = read_responses(csv_path)
    if not csv_path.exists():
        errors = [
            doc.error(
                ("berkas_responden",),
                "berkas jawaban responden tidak ditemukan",
                f"berkas {csv_path.name} di folder {display_path(csv_path.parent)}",
                "tidak ada",
            )
        ]
    return result, display_path(csv_path), errors


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
                "U1 sampai U9, masing-masing dengan jumlah_nilai dan jumlah_responden",
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


def read_responses(path: Path) -> tuple[tuple[RekapUnsur, ...] | None, list[DataError]]:
    """Raw responses: header with U1..U9, one row per respondent, blank = skipped unsur."""
    display = display_path(path)
    if not path.exists():
        return None, [DataError(display, None, None, "berkas tidak ditemukan")]
    errors: list[DataError] = []
    totals = dict.fromkeys(KODE_UNSUR, 0)
    counts = dict.fromkeys(KODE_UNSUR, 0)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            return None, [DataError(display, 1, 1, "berkas CSV kosong", "baris judul U1,...,U9")]
        columns = {name.strip(): index for index, name in enumerate(header)}
        missing = [kode for kode in KODE_UNSUR if kode not in columns]
        if missing:
            return None, [
                DataError(
                    display,
                    1,
                    1,
                    "baris judul CSV tidak memuat semua unsur",
                    "kolom U1,U2,...,U9 (kolom lain seperti `responden` boleh ada)",
                    f"tidak ada kolom {', '.join(missing)}",
                )
            ]
        for line, row in enumerate(reader, start=2):
            for kode in KODE_UNSUR:
                index = columns[kode]
                cell = row[index].strip() if index < len(row) else ""
                if cell == "":
                    continue  # respondent skipped this unsur
                if cell not in ("1", "2", "3", "4"):
                    errors.append(
                        DataError(
                            display,
                            line,
                            index + 1,
                            f"jawaban {kode} harus 1, 2, 3, atau 4",
                            "angka 1–4, atau kosong bila responden tidak menjawab",
                            f'"{cell}"',
                        )
                    )
                    continue
                totals[kode] += int(cell)
                counts[kode] += 1
    for kode in KODE_UNSUR:
        if counts[kode] == 0 and not errors:
            errors.append(
                DataError(
                    display,
                    1,
                    columns[kode] + 1,
                    f"tidak ada satu pun jawaban untuk {kode}",
                    "paling sedikit satu jawaban per unsur",
                    "kolom kosong",
                )
            )
    if errors:
        return None, errors
    return tuple(RekapUnsur(k, totals[k], counts[k]) for k in KODE_UNSUR), []
