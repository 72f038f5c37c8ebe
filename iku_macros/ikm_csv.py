"""Per-unsur totals of a year's IKM survey, from its YAML ``rekap`` or its raw-response CSV.

The CSV is read by :func:`iku_macros.compute.ikm.read_responses_csv`; here its problems become
positioned staff-facing errors, and the YAML totals are checked for impossible sums.
"""

from __future__ import annotations

from .compute.ikm import KODE_UNSUR, JawabanError, RekapUnsur, read_responses_csv
from .errors import DataError, display_path
from .model import SurveiIKM
from .yaml_source import Document


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
    display = display_path(csv_path)
    if not csv_path.is_file():
        error = doc.error(
            ("berkas_responden",),
            "berkas jawaban responden tidak ditemukan",
            f"berkas {csv_path.name} di folder {display_path(csv_path.parent)}",
            "tidak ada",
        )
        return None, display, [error]
    try:
        rekap = read_responses_csv(csv_path)
    except JawabanError as exc:
        errors = [
            DataError(
                display,
                m.baris,
                m.kolom,
                m.pesan,
                "jawaban 1, 2, 3, atau 4 di kolom U1–U9, atau kosong bila tidak dijawab",
            )
            for m in exc.masalah
        ]
        return None, display, errors
    return tuple(rekap), display, []


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
