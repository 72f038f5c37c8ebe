"""The open-data contract: ``unduh/iku.json`` and ``unduh/iku.csv``.

One record per indicator per year, for the years whose IKU document in force adopts the
indicator; each record names that document, and the JSON header lists the documents. Field
names, order and meaning are a public interface (documented on the Unduh page from
:data:`FIELDS`): add fields at the end, never rename or remove one, and say what changed in
:data:`FORMAT_CHANGES`. Numbers are JSON numbers rounded half-up to 2 decimals; missing is
``null`` in JSON and an empty cell in CSV.

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

FORMAT_VERSION = 2


@dataclass(frozen=True)
class Field:
    nama: str
    tipe: str
    keterangan: str


FIELDS: tuple[Field, ...] = (
    Field("id", "teks", "Pengenal tetap indikator (juga alamat halamannya: indikator/<id>/)."),
    Field(
        "nama",
        "teks",
        "Nama indikator seperti tertulis di dokumen IKU yang berlaku tahun itu (dapat berbeda "
        "antartahun bila dokumen berikutnya mengganti namanya).",
    ),
    Field("jenis", "teks", "iku (Indikator Kinerja Utama) atau program (indikator program)."),
    Field("tahun", "bilangan bulat", "Tahun pelaporan."),
    Field("satuan", "teks", "persen, indeks, atau nilai."),
    Field("polaritas", "teks", "positif (makin tinggi makin baik) atau negatif."),
    Field(
        "target",
        "angka / kosong",
        "Target tahun itu, yang dipakai menghitung capaian (asalnya di sumber_target); kosong "
        "bila tidak ditetapkan.",
    ),
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
    # Format version 2: the chain of IKU documents.
    Field(
        "dokumen",
        "teks",
        "id dokumen IKU yang berlaku tahun itu; judul, periode, dan tahun berlakunya ada di "
        "daftar dokumen di kepala berkas JSON. Nama, definisi, dan target indikator tahun itu "
        "berasal dari dokumen ini.",
    ),
    Field(
        "sumber_target",
        "teks / kosong",
        "Asal target: dokumen (target dokumen IKU yang berlaku) atau perjanjian_kinerja (target "
        "Perjanjian Kinerja tahun itu, yang menggantikan target dokumen); kosong bila tidak ada "
        "target.",
    ),
    Field(
        "target_dokumen",
        "angka / kosong",
        "Target menurut dokumen IKU, bila target yang dipakai adalah target Perjanjian Kinerja; "
        "kosong bila tidak.",
    ),
)

DOKUMEN_FIELDS: tuple[Field, ...] = (
    Field("id", "teks", "Pengenal dokumen; kolom dokumen setiap baris menunjuk ke sini."),
    Field("judul", "teks", "Judul dokumen seperti tertulis di sampulnya."),
    Field("jenis", "teks", "awal (dokumen pertama suatu periode) atau perubahan (merevisi)."),
    Field("periode", "objek", "Periode perencanaan dokumen: awal dan akhir (tahun)."),
    Field("berlaku_mulai", "bilangan bulat", "Tahun pertama dokumen ini berlaku."),
    Field("merevisi", "teks / kosong", "id dokumen yang direvisinya; kosong untuk dokumen awal."),
    Field(
        "keterangan_revisi",
        "teks / kosong",
        "Keterangan revisi, mis. bahwa dokumen yang direvisi tidak tersedia.",
    ),
    Field(
        "tahun_berlaku",
        "daftar bilangan bulat",
        "Tahun-tahun dokumen ini berlaku (tahun yang tidak direvisi dokumen lain); kosong bila "
        "seluruhnya sudah direvisi.",
    ),
)
"""The entries of the ``dokumen`` list in the JSON header."""

FORMAT_CHANGES: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        2,
        (
            "Kolom baru di akhir setiap baris: dokumen, sumber_target, dan target_dokumen.",
            "Kepala berkas JSON memuat dokumen, daftar dokumen IKU (dokumen awal, perubahan, "
            "dan periode berikutnya) dengan tahun berlakunya; periode kini rentang seluruh "
            "dokumen itu.",
            "Nama, jenis, satuan, dan polaritas setiap baris mengikuti dokumen yang berlaku "
            "tahun itu, sehingga satu id dapat bernama lain di tahun lain.",
            "Baris hanya ada untuk tahun yang dokumennya memuat indikator itu: indikator yang "
            "tidak diteruskan dokumen berikutnya berhenti, indikator baru mulai di tahun "
            "dokumennya.",
            "Target dapat berasal dari Perjanjian Kinerja (sumber_target perjanjian_kinerja); "
            "target dokumennya tetap ada di target_dokumen.",
        ),
    ),
)
"""What each format version changed against the one before (shown on the Unduh page)."""

SUMBER_DOKUMEN = "dokumen"
SUMBER_PK = "perjanjian_kinerja"


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

NUMBER_FIELDS = ("target", "realisasi", "capaian", "target_dokumen")


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


def _sumber_target(nilai: NilaiTahun) -> str | None:
    if nilai.target is None:
        return None
    return SUMBER_PK if nilai.target_pk else SUMBER_DOKUMEN


def _record(laporan: Laporan, ident: str, nilai: NilaiTahun) -> dict[str, Any]:
    # Each year as its own document defines the indicator (name, kind, unit, polarity).
    indikator = laporan.dataset.versi(ident, nilai.tahun)
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
        "dokumen": nilai.dokumen,
        "sumber_target": _sumber_target(nilai),
        "target_dokumen": _number(nilai.target_dokumen) if nilai.target_pk else None,
    }


def _adopted(laporan: Laporan, ident: str, nilai: NilaiTahun) -> bool:
    """The document in force that year has the indicator (a dropped indicator has no rows in
    the next period, a new one none before its document)."""
    document = laporan.dataset.dokumen.get(nilai.dokumen) if nilai.dokumen else None
    return document is not None and ident in document.indikator


def records(laporan: Laporan, tahun: int | None = None) -> list[dict[str, Any]]:
    """Records in document order, then by year; only the years the report publishes, and
    only those whose document in force has the indicator.

    Made once per report: the check before the downloads, the JSON, the CSV and the XLSX of
    every year read the same rows (a year's rows are the all-years rows of that year, in the
    same order). The rows are shared: readers do not change them."""
    if not _made or _made[0][0] is not laporan:
        _made[:] = [(laporan, _records(laporan, laporan.tahun_laporan))]
    rows = _made[0][1]
    if tahun is None:
        return list(rows)
    if tahun in laporan.tahun_laporan:
        return [r for r in rows if r["tahun"] == tahun]
    return _records(laporan, [tahun])


_made: list[tuple[Laporan, list[dict[str, Any]]]] = []
"""The last report's rows (a build makes one report; `mkdocs serve` one per edit)."""


def _records(laporan: Laporan, years: list[int]) -> list[dict[str, Any]]:
    return [
        _record(laporan, ident, hasil.tahun[year])
        for ident, hasil in laporan.indikator.items()
        for year in years
        if year in hasil.tahun and _adopted(laporan, ident, hasil.tahun[year])
    ]


def documents(laporan: Laporan) -> list[dict[str, Any]]:
    """The IKU documents for the JSON header, chronological, each with its years in force."""
    dataset = laporan.dataset
    return [
        {
            "id": document.id,
            "judul": document.meta.judul,
            "jenis": document.meta.jenis.value,
            "periode": {"awal": document.meta.periode.awal, "akhir": document.meta.periode.akhir},
            "berlaku_mulai": document.meta.tahun_mulai,
            "merevisi": document.meta.merevisi,
            "keterangan_revisi": document.meta.keterangan_revisi,
            "tahun_berlaku": [
                year for year, ident in dataset.berlaku.items() if ident == document.id
            ],
        }
        for document in dataset.dokumen.values()
    ]


def to_json(laporan: Laporan, tahun: int | None = None) -> str:
    profil = laporan.dataset.profil
    chain = documents(laporan)
    document = {
        "format": "iku-terbuka",
        "versi_format": FORMAT_VERSION,
        "instansi": profil.instansi.nama,
        "periode": {  # the span of every document
            "awal": min(d["periode"]["awal"] for d in chain),
            "akhir": max(d["periode"]["akhir"] for d in chain),
        },
        "dokumen": chain,
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
                source = berkas.get(
                    f"indikator:{record['dokumen']}:{ident}",
                    berkas.get(f"indikator:{ident}", f"indikator/{ident}.yaml"),
                )
                from_pk = key == "target" and record["sumber_target"] == SUMBER_PK
                if key not in ("target", "target_dokumen") or from_pk:
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
