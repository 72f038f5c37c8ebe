"""``python -m iku_macros tahun-baru TAHUN``: a realisasi file for a new year, ready to fill in.

The file lists every indicator of the IKU document in force that year whose realisasi staff
enter by hand (``perhitungan: manual``) with an empty ``nilai:``, and above each a comment naming
the indicator, its unit and that document's target for the year, so that staff filling it in the
GitHub web editor need no other file open. Composite and IKM-survey indicators are computed, so
they appear only in a comment saying where their inputs go. An empty ``nilai:`` is valid
(``null``): the site shows "belum diisi" and ``check`` lists it. A year no document covers gets
no file: its document is added first (``dokumen-baru``).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from iku_macros.data.documents import DokumenTerbaca, covered_years
from iku_macros.data.errors import DataValidationError, display_path
from iku_macros.data.loading import Dataset, load_dataset
from iku_macros.data.model import Indikator, JenisIndikator, Polaritas
from iku_macros.data.validation import RATED_RANGES

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/realisasi.schema.json"
"""Same first line as every realisasi file: editors then offer completion and flag mistakes."""

SATUAN = {"persen": "persen (%)", "indeks": "indeks", "nilai": "nilai"}


class TahunBaruError(Exception):
    """A refusal, phrased for the person running the command."""


def _angka(value: Decimal) -> str:
    """A target as staff would type it in YAML (decimal point, no exponent)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _keterangan(indikator: Indikator, tahun: int, dokumen: str) -> str:
    target = indikator.target.get(tahun)
    parts = [f"satuan: {SATUAN.get(indikator.satuan.value, indikator.satuan.value)}"]
    if tahun not in indikator.target:
        parts.append(f"target {tahun} belum ada di dokumen {dokumen}")
    elif target is None:
        parts.append(f'target tidak ditetapkan untuk {tahun} (dokumen menulis "-")')
    else:
        parts.append(f"target {tahun}: {_angka(target)}")
    if indikator.polaritas is Polaritas.NEGATIF:
        parts.append("makin rendah makin baik")
    if indikator.penilaian_nilai is not None:
        low, high, what = RATED_RANGES[indikator.penilaian_nilai]
        parts.append(f"{what} antara {low} dan {high}")
    return "; ".join(parts)


def _dihitung(indikator: Indikator, tahun: int, data_label: str, survei_lain: bool) -> str:
    """One comment line on a computed indicator; ``survei_lain``: other IKM indicators exist,
    so each survey needs its own file (``ikm/<tahun>-<id>.yaml``)."""
    perhitungan = indikator.perhitungan
    if perhitungan.jenis == "ikm":
        berkas = f"{tahun}-{indikator.id}" if survei_lain else str(tahun)
        sumber = (
            f"dihitung dari survei IKM: isi {data_label}/ikm/{berkas}.yaml "
            f"(`indikator: {indikator.id}`; rekap per unsur U1–U9 atau berkas_responden CSV)"
        )
    else:
        sumber = f"dihitung dengan rumus: {perhitungan.rumus}"  # type: ignore[union-attr]
    return f"#   - {indikator.nama} ({indikator.id}): {sumber}"


def document_for(dataset: Dataset, tahun: int, data_label: str = "data") -> DokumenTerbaca:
    """The document in force in ``tahun``; a refusal naming the covered years if none."""
    document = dataset.dokumen_berlaku(tahun)
    if document is None:
        raise TahunBaruError(
            f"Tahun {tahun} tidak dicakup dokumen IKU mana pun (tahun yang dicakup: "
            f"{covered_years(dataset.berlaku)}), jadi belum ada indikator dan target untuknya. "
            "Tambahkan dokumen IKU yang berlaku tahun itu lebih dulu: python -m iku_macros "
            f"dokumen-baru {tahun} AKHIR --data {data_label} (AKHIR: tahun akhir periodenya)."
        )
    return document


def realisasi_template(dataset: Dataset, tahun: int, data_label: str = "data") -> str:
    """The text of ``realisasi/<tahun>.yaml`` with every hand-entered value of the document in
    force that year empty (its targets in the comments)."""
    document = document_for(dataset, tahun, data_label)
    indikator = document.indikator
    manual = [i for i in indikator.values() if i.perhitungan.jenis == "manual"]
    computed = [i for i in indikator.values() if i.perhitungan.jenis != "manual"]
    lines = [
        SCHEMA_COMMENT,
        f"# Realisasi tahun {tahun}. Dibuat dengan: python -m iku_macros tahun-baru {tahun}",
        f"# Indikator dan target dari dokumen IKU yang berlaku tahun {tahun}: {document.id}",
        f"# ({'/'.join(filter(None, (data_label, document.folder, 'indikator')))}/).",
        "#",
        "# Cara mengisi (panduan lengkap: halaman Panduan di situs, berkas docs/panduan.md):",
        "#   - tulis angka sesudah `nilai:` dengan TITIK sebagai pemisah desimal dan tanpa tanda",
        '#     kutip, mis. `nilai: 86.5` (bukan 86,5 dan bukan "86.5");',
        '#   - biarkan `nilai:` kosong bila angkanya belum ada: situs menulis "belum diisi";',
        "#   - `catatan:` dan `bukti:` boleh diisi: hapus tanda # di depannya (tetap sejajar",
        "#     dengan `nilai:`); bukti berupa tautan yang diawali https://.",
    ]
    survei_lain = sum(i.perhitungan.jenis == "ikm" for i in computed) > 1
    if computed:
        lines += [
            "#",
            "# Indikator berikut TIDAK diisi di sini karena realisasinya dihitung otomatis:",
            *(_dihitung(i, tahun, data_label, survei_lain) for i in computed),
            "#   Untuk indikator rumus, isi indikator masukannya di bawah.",
        ]
    lines += [f"tahun: {tahun}", "realisasi:" if manual else "realisasi: {}"]
    groups = [
        ("Indikator Kinerja Utama", JenisIndikator.IKU),
        ("Indikator program", JenisIndikator.PROGRAM),
    ]
    for title, jenis in groups:
        items = [i for i in manual if i.jenis is jenis]
        if not items:
            continue
        lines += ["", f"  # ===== {title} ====="]
        for indikator in items:
            lines += [
                "",
                f"  # {indikator.nama}",
                f"  # {_keterangan(indikator, tahun, document.id)}",
                f"  {indikator.id}:",
                "    nilai:",
                "    # catatan: keterangan singkat bila perlu",
                "    # bukti: https://alamat.dokumen/bukti.pdf",
            ]
    return "\n".join(lines) + "\n"


def tahun_baru(tahun: int, data: Path | str = "data") -> tuple[Path, int]:
    """Write ``<data>/realisasi/<tahun>.yaml``; return its path and the number of entries."""
    data = Path(data)
    try:
        dataset = load_dataset(data)
    except DataValidationError as exc:
        raise TahunBaruError(
            f"Data di {display_path(data)} belum valid; perbaiki dulu, lalu ulangi.\n"
            + exc.report()
        ) from None
    document = document_for(dataset, tahun, display_path(data))
    target = data / "realisasi" / f"{tahun}.yaml"
    if target.exists() or tahun in dataset.realisasi:
        where = display_path(target) if target.exists() else dataset.berkas[f"realisasi:{tahun}"]
        raise TahunBaruError(
            f"Berkas {where} sudah ada dan tidak ditimpa. Isi nilai yang kosong di berkas itu; "
            "bila memang ingin membuat ulang, hapus berkas itu lebih dulu."
        )
    text = realisasi_template(dataset, tahun, display_path(data))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    try:
        load_dataset(data)
    except DataValidationError as exc:  # pragma: no cover - the template is always valid
        target.unlink()
        raise TahunBaruError(
            "Berkas yang dibuat tidak lolos pemeriksaan:\n" + exc.report()
        ) from None
    count = sum(1 for i in document.indikator.values() if i.perhitungan.jenis == "manual")
    return target, count


def belum_diisi(dataset: Dataset) -> dict[int, list[str]]:
    """Per year, the ids whose realisasi is present but empty (``nilai:`` with no value)."""
    result: dict[int, list[str]] = {}
    for tahun, realisasi in dataset.realisasi.items():
        kosong = [ident for ident, item in realisasi.realisasi.items() if item.nilai is None]
        if kosong:
            result[tahun] = kosong
    return result


def format_belum_diisi(kosong: dict[int, list[str]]) -> str | None:
    """``Belum diisi: 3 nilai (tahun 2024: a, b; tahun 2025: c)``, or None when all are filled."""
    total = sum(len(ids) for ids in kosong.values())
    if not total:
        return None
    per_year = "; ".join(f"tahun {tahun}: {', '.join(ids)}" for tahun, ids in kosong.items())
    return f"Belum diisi: {total} nilai ({per_year})"
