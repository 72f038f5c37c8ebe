"""The open-data contract: ``unduh/iku.json`` and ``unduh/iku.csv``.

One record per indicator per year. Field names, order and meaning are a public interface
(documented on the Unduh page from :data:`FIELDS`): add fields at the end, never rename or
remove one. Numbers are JSON numbers rounded half-up to 2 decimals; missing is ``null`` in JSON
and an empty cell in CSV.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .compute.numbers import round_half_up
from .report import Laporan, NilaiTahun

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Field:
    nama: str
    tipe: str
    keterangan: str


FIELDS: tuple[Field, ...] = (
    Field("id", "teks", "Pengenal tetap indikator (juga alamat halamannya: indikator/<id>/)."),
    Field("nama", "teks", "Nama indikator seperti di dokumen resmi."),
    Field("jenis", "teks", "iku (Indikator Kinerja Utama) atau program (indikator program)."),
    Field("tahun", "bilangan bulat", "Tahun pelaporan."),
    Field("satuan", "teks", "persen, indeks, atau nilai."),
    Field("polaritas", "teks", "positif (makin tinggi makin baik) atau negatif."),
    Field("target", "angka / kosong", "Target tahun itu; kosong bila tidak ditetapkan."),
    Field(
        "realisasi",
        "angka / kosong",
        "Realisasi; kosong bila belum dilaporkan. Untuk indikator komposit dan IKM dihitung.",
    ),
    Field(
        "capaian", "angka / kosong", "Capaian (%) dibulatkan 2 desimal; kosong bila tak terukur."
    ),
    Field("predikat", "teks / kosong", "Predikat capaian menurut skala di halaman Metodologi."),
    Field(
        "status",
        "teks",
        "dilaporkan, belum dilaporkan, belum diisi, atau alasan nilai komposit belum ada.",
    ),
    Field("keterangan_capaian", "teks / kosong", "Alasan bila capaian tidak dapat dihitung."),
    Field(
        "predikat_nilai", "teks / kosong", "Predikat resmi nilai itu sendiri (SAKIP atau mutu IKM)."
    ),
    Field("catatan", "teks / kosong", "Catatan perangkat daerah atas nilai tahun itu."),
    Field("bukti", "tautan / kosong", "Tautan bukti dukung."),
)


def _number(value: Fraction | None) -> Decimal | None:
    return None if value is None else round_half_up(value)


def _record(laporan: Laporan, ident: str, nilai: NilaiTahun) -> dict[str, Any]:
    indikator = laporan.indikator[ident].indikator
    return {
        "id": indikator.id,
        "nama": indikator.nama,
        "jenis": indikator.jenis.value,
        "tahun": nilai.tahun,
        "satuan": indikator.satuan.value,
        "polaritas": indikator.polaritas.value,
        "target": _number(nilai.target),
        "realisasi": _number(nilai.realisasi),
        "capaian": _number(nilai.capaian.nilai),
        "predikat": nilai.predikat.label if nilai.predikat else None,
        "status": nilai.status_realisasi,
        "keterangan_capaian": nilai.capaian.alasan,
        "predikat_nilai": nilai.predikat_nilai,
        "catatan": nilai.catatan,
        "bukti": nilai.bukti,
    }


def records(laporan: Laporan, tahun: int | None = None) -> list[dict[str, Any]]:
    """Records in document order, then by year; only the years the report publishes."""
    years = [tahun] if tahun is not None else laporan.tahun_laporan
    return [
        _record(laporan, ident, hasil.tahun[year])
        for ident, hasil in laporan.indikator.items()
        for year in years
        if year in hasil.tahun
    ]


def to_json(laporan: Laporan, tahun: int | None = None) -> str:
    profil = laporan.dataset.profil
    document = {
        "format": "iku-terbuka",
        "versi_format": FORMAT_VERSION,
        "instansi": profil.instansi.nama,
        "periode": {"awal": profil.dokumen.periode.awal, "akhir": profil.dokumen.periode.akhir},
        "data_contoh": profil.data_contoh,
        "skala_predikat": laporan.skala.nama,
        "tahun": tahun,
        "data": [_jsonable(r) for r in records(laporan, tahun)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _jsonable(record: dict[str, Any]) -> dict[str, Any]:
    # A 2-decimal Decimal survives float() exactly as printed: repr gives the shortest text.
    return {k: (float(v) if isinstance(v, Decimal) else v) for k, v in record.items()}


def to_csv(laporan: Laporan, tahun: int | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([f.nama for f in FIELDS])
    for record in records(laporan, tahun):
        writer.writerow(["" if record[f.nama] is None else record[f.nama] for f in FIELDS])
    return buffer.getvalue()
