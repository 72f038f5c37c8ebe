"""The open-data contract: ``unduh/iku.json`` and ``unduh/iku.csv``.

One record per indicator per year. Field names, order and meaning are a public interface
(documented on the Unduh page from :data:`FIELDS`): add fields at the end, never rename or
remove one. Numbers are JSON numbers rounded half-up to 2 decimals; missing is ``null`` in JSON
and an empty cell in CSV.

Texts come from pull requests, so the files are safe to open: the JSON never holds NaN or
Infinity (strict JSON readers reject them), and a CSV text cell that a spreadsheet would run as a
formula is neutralised as the OWASP CSV-injection guidance describes.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from iku_macros.compute.numbers import round_half_up
from iku_macros.data.errors import DataError
from iku_macros.report import Laporan, NilaiTahun

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


FORMULA_TRIGGERS: tuple[tuple[str, str], ...] = (
    ("=", "="),
    ("+", "+"),
    ("-", "-"),
    ("@", "@"),
    ("\t", "tab"),
    ("\r", "carriage return (CR)"),
)
"""First characters that make a spreadsheet read a CSV cell as a formula (OWASP), with the name
the Unduh page gives each."""

CSV_TEXT_PREFIX = "'"

NUMBER_FIELDS = ("target", "realisasi", "capaian")


class OpenDataError(ValueError):
    """A value the open data cannot carry faithfully (never written half-way)."""


def csv_text(text: str) -> str:
    """A CSV text cell no spreadsheet runs: a leading formula character gets a single quote
    in front (OWASP CSV injection). Numbers never pass through here, so ``-1.5`` stays a number."""
    if text.startswith(tuple(char for char, _ in FORMULA_TRIGGERS)):
        return CSV_TEXT_PREFIX + text
    return text


def json_number(value: Decimal) -> float:
    """``value`` as a JSON number that reads back as exactly ``value``.

    A 2-decimal Decimal with up to 15 significant digits survives float() exactly (repr prints
    the shortest text); anything else (overflow to Infinity, digits lost) is refused rather than
    published as ``Infinity`` or as a different number.
    """
    number = float(value)
    if not math.isfinite(number) or Decimal(repr(number)) != value:
        raise OpenDataError(
            f"angka {value} tidak dapat ditulis tepat sebagai angka JSON "
            "(terlalu besar atau terlalu banyak digit)"
        )
    return number


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
        "periode": {
            "awal": laporan.dataset.tahun.start,
            "akhir": laporan.dataset.tahun.stop - 1,
        },
        "data_contoh": profil.data_contoh,
        "skala_predikat": laporan.skala.nama,
        "tahun": tahun,
        "data": [_jsonable(r) for r in records(laporan, tahun)],
    }
    # allow_nan=False: a non-finite float that slipped past json_number still fails loudly.
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _jsonable(record: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, Decimal):
            try:
                value = json_number(value)
            except OpenDataError as exc:
                raise OpenDataError(
                    f"{record['id']} tahun {record['tahun']}, kolom {key}: {exc}"
                ) from None
        result[key] = value
    return result


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)
    return value  # int and Decimal: written as numbers, a minus sign included


def to_csv(laporan: Laporan, tahun: int | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([f.nama for f in FIELDS])
    for record in records(laporan, tahun):
        writer.writerow([_csv_cell(record[f.nama]) for f in FIELDS])
    return buffer.getvalue()


def publishing_errors(laporan: Laporan) -> list[DataError]:
    """Every number the open data could not write exactly, as data errors naming the file the
    number comes from; checked when the report is loaded, so the build stops with a message
    instead of a traceback (or an ``Infinity``) halfway through writing the downloads."""
    errors: list[DataError] = []
    berkas = laporan.dataset.berkas
    for record in records(laporan):
        for key in NUMBER_FIELDS:
            value = record[key]
            if value is None:
                continue
            try:
                json_number(value)
            except OpenDataError as exc:
                ident, tahun = record["id"], record["tahun"]
                source = berkas.get(f"indikator:{ident}", f"indikator/{ident}.yaml")
                if key != "target":
                    source = berkas.get(f"realisasi:{tahun}", source)
                errors.append(
                    DataError(
                        source,
                        None,
                        None,
                        f"{key} indikator {ident} tahun {tahun}: {exc}",
                        diharapkan="angka berhingga dengan paling banyak 15 digit bermakna",
                        ditemukan=str(value),
                    )
                )
    return errors
