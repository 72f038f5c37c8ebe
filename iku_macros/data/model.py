"""The data model: one pydantic model per kind of file under ``data/``.

The models are the single source of truth for what a valid data file is: the loader validates
against them and the committed JSON Schemas under ``schema/`` are generated from them
(``python -m iku_macros skema``). Field names are Indonesian because staff read and type them;
descriptions become editor tooltips through the JSON Schema.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from iku_macros.data.unit_types import JenisInstansi

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
"""Ids are snake_case so that a machine formula can name an indicator directly."""


MAX_ANGKA = 10**12
MAX_DESIMAL = 10
"""Bounds of every number in data files (the YAML reader refuses beyond them too): with them,
every computed figure is exact, finite and quick to compute."""


def _decimals(value: Decimal) -> int:
    """Decimal places of ``value`` as a number (86.50 has 1)."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite, checked by the caller
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -exponent - trailing) if any(digits) else 0


def _number(value: Any) -> Any:
    # YAML "85" (quoted) or true must not silently become a number: staff should see the mistake.
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise PydanticCustomError("angka", "harus berupa angka")
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal) and not value.is_finite():
        raise PydanticCustomError("angka", "harus berupa angka")
    if abs(value) > MAX_ANGKA:
        raise PydanticCustomError("angka_besar", "angka terlalu besar")
    if isinstance(value, Decimal) and _decimals(value) > MAX_DESIMAL:
        raise PydanticCustomError("angka_desimal", "angka terlalu banyak desimal")
    return value


Angka = Annotated[
    Decimal,
    BeforeValidator(_number),
    WithJsonSchema({"type": "number", "minimum": -MAX_ANGKA, "maximum": MAX_ANGKA}),
]
"""A number exactly as written in YAML (floats are read as Decimal by the loader)."""

Teks = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ID_MAX_LENGTH = 100
"""An id is also a file name and part of page addresses: long enough for any real name."""
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
Tahun = Annotated[int, Field(ge=1900, le=2200, strict=True)]
TautanHttp = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$")]


class _Model(BaseModel):
    # Unknown keys are typos in a hand-edited file: reject them instead of ignoring them.
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- profil.yaml ---------------------------------------------------------------------------


class Pejabat(_Model):
    jabatan: Teks = Field(description="Jabatan, mis. 'Camat' atau 'Kepala Dinas'.")
    nama: Teks
    pangkat: Teks | None = Field(default=None, description="Pangkat/golongan, mis. 'Pembina'.")
    nip: Annotated[str, StringConstraints(pattern=r"^[0-9]{18}$")] | None = Field(
        default=None, description="NIP 18 digit, ditulis dalam tanda kutip."
    )


class Periode(_Model):
    awal: Tahun
    akhir: Tahun


class Dokumen(_Model):
    """The one document of a data folder in the first format (``profil.yaml`` → ``dokumen``);
    read as a document of the chain (see :mod:`iku_macros.data.documents`)."""

    judul: Teks = Field(description="Judul dokumen IKU.")
    jenis: Teks | None = Field(default=None, description="Mis. 'Perubahan'.")
    periode: Periode
    salam_penutup: Teks | None = Field(
        default=None, description="Kata sebelum tanda tangan, mis. 'Mengetahui,'."
    )
    penandatangan: Pejabat


def _document_id(value: Any) -> Any:
    if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", value):
        raise PydanticCustomError(
            "id_dokumen", "harus berupa id dokumen (nama folder di dokumen/), mis. `2020-2024`"
        )
    return value


IdDokumen = Annotated[
    str,
    BeforeValidator(_document_id),
    WithJsonSchema({"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$"}),
]
"""The id of a document: its folder's name under ``dokumen/``."""


class JenisDokumen(StrEnum):
    AWAL = "awal"
    PERUBAHAN = "perubahan"


class Penetapan(_Model):
    """The legal act that set a document, where known."""

    nomor: Teks | None = Field(
        default=None, description="Nomor keputusan/peraturan, mis. '050/123/402.101/2021'."
    )
    tanggal: datetime.date | None = Field(
        default=None, description="Tanggal penetapan, ditulis 2021-03-15."
    )
    keterangan: Teks | None = Field(
        default=None, description="Mis. jenis dan judul keputusan bila nomornya tidak diketahui."
    )


class DokumenIKU(_Model):
    """``dokumen/<id>/dokumen.yaml``: one IKU document of the unit's chain."""

    judul: Teks = Field(description="Judul dokumen IKU seperti tertulis di sampulnya.")
    jenis: JenisDokumen = Field(
        description="awal: dokumen pertama suatu periode; perubahan: merevisi dokumen lain."
    )
    periode: Periode = Field(description="Periode perencanaan (Renstra/RPJMD/RPD) dokumen ini.")
    berlaku_mulai: Tahun | None = Field(
        default=None,
        description="Tahun pertama dokumen ini berlaku; bila kosong: tahun awal periode. Untuk "
        "dokumen perubahan: tahun pertama target barunya dipakai.",
    )
    merevisi: IdDokumen | None = Field(
        default=None,
        description="id (nama folder) dokumen yang direvisi, untuk jenis perubahan; kosong bila "
        "dokumen itu tidak tersedia (jelaskan di `keterangan_revisi`).",
    )
    keterangan_revisi: Teks | None = Field(
        default=None,
        description="Keterangan untuk pembaca, mis. bahwa dokumen awal yang direvisi tidak "
        "tersedia di situs ini.",
    )
    penetapan: Penetapan | None = Field(
        default=None, description="Dasar penetapan dokumen (nomor, tanggal), bila diketahui."
    )
    salam_penutup: Teks | None = Field(
        default=None, description="Kata sebelum tanda tangan, mis. 'Mengetahui,'."
    )
    penandatangan: Pejabat

    @property
    def tahun_mulai(self) -> int:
        return self.berlaku_mulai if self.berlaku_mulai is not None else self.periode.awal


class Instansi(_Model):
    nama: Teks = Field(description="Nama resmi instansi seperti tertulis di dokumen.")
    nama_singkat: Teks = Field(description="Nama pendek untuk judul situs.")
    jenis: JenisInstansi = Field(
        description="Jenis unit, mis. 'Kecamatan' atau 'Dinas' (huruf besar/kecil tidak "
        "dibedakan); menentukan, antara lain, apakah situs mengharapkan wilayah.yaml."
    )
    kabupaten: Teks
    provinsi: Teks


class Profil(_Model):
    data_contoh: bool = Field(
        default=False,
        description="true hanya untuk data fiktif: setiap halaman diberi tanda 'data contoh'.",
    )
    instansi: Instansi
    kepala: Pejabat
    dokumen: Dokumen | None = Field(
        default=None,
        description="Hanya format lama (satu dokumen): di format sekarang setiap dokumen IKU "
        "punya dokumen/<id>/dokumen.yaml (lihat `python -m iku_macros migrasi`).",
    )
    visi: Teks
    misi: list[Teks] = Field(min_length=1)
    tujuan: Teks
    tujuan_pokok: Teks
    fungsi: list[Teks] = Field(min_length=1)


# --- wilayah.yaml --------------------------------------------------------------------------


class Batas(_Model):
    utara: Teks
    timur: Teks
    selatan: Teks
    barat: Teks


class Wilayah(_Model):
    gambaran_umum: Teks = Field(description="Paragraf gambaran umum wilayah.")
    batas: Batas
    sebutan: Teks | None = Field(
        default=None,
        description="Kata di depan setiap nama di `desa`, mis. 'Desa' atau 'Kelurahan'. Bila "
        "tidak ditulis: menurut jenis instansi (Desa; RW untuk kelurahan).",
    )
    desa: list[Teks] = Field(
        min_length=1, description="Nama desa/kelurahan, tanpa sebutannya ('Desa', 'Kelurahan')."
    )


# --- organisasi.yaml -----------------------------------------------------------------------


class UnitOrganisasi(_Model):
    id: Id
    nomor: Teks = Field(description="Nomor seperti tertulis di dokumen, mis. '2.1'.")
    nama: Teks = Field(description="Nama unit seperti judul uraian tugasnya di dokumen.")
    nama_struktur: Teks = Field(description="Nama unit seperti di daftar susunan organisasi.")
    induk: Id | None = Field(default=None, description="id unit atasan (untuk subbagian).")
    tugas: Teks | None = Field(default=None, description="Kalimat tugas pokok unit.")
    pengantar_rincian: Teks | None = Field(
        default=None, description="Kalimat pengantar sebelum daftar rincian (a, b, c, ...)."
    )
    rincian: list[Teks] = Field(min_length=1, description="Fungsi/tugas a, b, c, ... berurutan.")
    pengantar_kewenangan: Teks | None = None
    kewenangan: list[Teks] = Field(
        default_factory=list,
        description="Kewenangan yang dilimpahkan kepada unit ini, bila dokumen mencantumkannya.",
    )


class Organisasi(_Model):
    unit: list[UnitOrganisasi] = Field(min_length=1)


# --- landasan_hukum.yaml, pengertian.yaml -------------------------------------------------


class LandasanHukum(_Model):
    dasar_hukum: list[Teks] = Field(min_length=1, description="Daftar dasar hukum, berurutan.")


class Pengertian(_Model):
    syarat_kriteria: list[Teks] = Field(
        min_length=1, description="Syarat dan kriteria indikator kinerja (BAB II.B)."
    )
    pertimbangan: list[Teks] = Field(
        min_length=1, description="Hal yang dipertimbangkan dalam memilih IKU (BAB II.B)."
    )


# --- kerangka.yaml -------------------------------------------------------------------------


class Tujuan(_Model):
    id: Id
    urusan: Teks
    nama: Teks
    nama_tabel_iku: Teks | None = Field(
        default=None,
        description="Nama tujuan bila tabel IKU di dokumen menuliskannya berbeda (apa adanya).",
    )


class Sasaran(_Model):
    id: Id
    tujuan: Id = Field(description="id tujuan induk.")
    nama: Teks


class Program(_Model):
    id: Id
    nama: Teks
    sasaran: Id | None = Field(default=None, description="id sasaran yang didukung, bila ada.")


class Kerangka(_Model):
    tujuan: list[Tujuan] = Field(min_length=1)
    sasaran: list[Sasaran] = Field(default_factory=list)
    program: list[Program] = Field(default_factory=list)


# --- indikator/<id>.yaml -------------------------------------------------------------------


class JenisIndikator(StrEnum):
    IKU = "iku"
    PROGRAM = "program"


class Satuan(StrEnum):
    PERSEN = "persen"
    INDEKS = "indeks"
    NILAI = "nilai"


class Polaritas(StrEnum):
    POSITIF = "positif"
    NEGATIF = "negatif"


class PenilaianNilai(StrEnum):
    """A regulatory rating of the realised value itself, shown beside capaian."""

    SAKIP = "sakip"
    IKM = "ikm"


BATAS_SATUAN: dict[Satuan, tuple[Decimal, Decimal]] = {
    Satuan.PERSEN: (Decimal(0), Decimal(100)),
    Satuan.INDEKS: (Decimal(0), Decimal(100)),
    Satuan.NILAI: (Decimal(0), Decimal(100)),
}
"""Default range of targets and realisasi per satuan, used unless the indicator declares
``batas``. A percentage of a whole, an index and a score (SAKIP, IKM) all lie on 0–100; an
indicator that can go beyond (growth over 100 %, a count) says so in its own file."""


class BatasNilai(_Model):
    min: Angka = Field(description="Nilai terkecil yang mungkin, mis. 0.")
    max: Angka = Field(description="Nilai terbesar yang mungkin, mis. 200.")


@dataclass(frozen=True)
class RentangNilai:
    """The range an indicator's targets and realisasi must lie in, and where it comes from."""

    min: Decimal
    max: Decimal
    dari_indikator: bool
    """True when declared by the indicator's ``batas``; False for the satuan's default."""

    @property
    def sumber(self) -> str:
        return "batas di berkas indikator" if self.dari_indikator else "bawaan satuan"


class PerhitunganManual(_Model):
    jenis: Literal["manual"] = Field(description="Realisasi diisi di data/realisasi/<tahun>.yaml.")


class PerhitunganKomposit(_Model):
    jenis: Literal["komposit"]
    rumus: Teks = Field(
        description="Rumus atas id indikator lain, mis. '(a + b) / 2': satu baris, hanya id, "
        "angka, + - * / dan kurung, tanpa komentar (#)."
    )


class PerhitunganIKM(_Model):
    jenis: Literal["ikm"] = Field(
        description="Realisasi dihitung dari survei di data/ikm/<tahun>.yaml atau "
        "data/ikm/<tahun>-<nama>.yaml yang menyebut indikator ini."
    )


Perhitungan = Annotated[
    PerhitunganManual | PerhitunganKomposit | PerhitunganIKM, Field(discriminator="jenis")
]


class Indikator(_Model):
    id: Id = Field(description="Pengenal tetap (huruf kecil, angka, garis bawah); jadi alamat.")
    nama: Teks
    jenis: JenisIndikator
    induk: Id = Field(description="id tujuan, sasaran, atau program di kerangka.yaml.")
    urutan: int = Field(ge=1, strict=True, description="Urutan tampil di bawah induknya.")
    definisi_operasional: Teks
    rumus_publikasi: Teks = Field(description="Rumus seperti tertulis di dokumen resmi.")
    perhitungan: Perhitungan = Field(default_factory=lambda: PerhitunganManual(jenis="manual"))
    satuan: Satuan
    polaritas: Polaritas = Field(
        description="positif: makin tinggi makin baik; negatif: makin rendah makin baik."
    )
    penilaian_nilai: PenilaianNilai | None = Field(
        default=None, description="Predikat resmi atas nilai realisasi (sakip atau ikm), bila ada."
    )
    sumber_data: list[Teks] = Field(min_length=1)
    penanggung_jawab: list[Teks] = Field(min_length=1)
    target: dict[Tahun, Angka | None] = Field(
        default_factory=dict,
        description="Target per tahun. Kosong (null) berarti dokumen menulis '-'.",
    )
    predikat_target: Teks | None = Field(
        default=None, description="Predikat yang ditargetkan, mis. 'A' untuk nilai SAKIP."
    )
    batas: BatasNilai | None = Field(
        default=None,
        description="Rentang target dan realisasi, mis. {min: 0, max: 200}. Bila tidak ditulis: "
        "0–100 untuk satuan persen, indeks, dan nilai.",
    )
    catatan_transkripsi: Teks | None = Field(
        default=None,
        description="Catatan penyalin data untuk pembaca: dari bagian dokumen mana indikator "
        "disalin dan pilihan yang tidak tertulis di dokumen (mis. satuan, polaritas). "
        "Ditampilkan di halaman indikator.",
    )

    def rentang(self) -> RentangNilai:
        """The range its targets and realisasi must lie in."""
        if self.batas is not None:
            return RentangNilai(self.batas.min, self.batas.max, dari_indikator=True)
        low, high = BATAS_SATUAN[self.satuan]
        return RentangNilai(low, high, dari_indikator=False)


# --- realisasi/<tahun>.yaml ----------------------------------------------------------------


class NilaiRealisasi(_Model):
    nilai: Angka | None = Field(
        default=None, description="Realisasi; kosongkan bila belum ada (belum diisi)."
    )
    target_pk: Angka | None = Field(
        default=None,
        description="Target tahunan Perjanjian Kinerja bila berbeda dari target dokumen IKU; "
        "capaian tahun ini lalu dihitung terhadapnya (halaman menyebut target yang dipakai).",
    )
    catatan: Teks | None = None
    bukti: TautanHttp | None = Field(
        default=None, description="Tautan bukti dukung (http:// atau https://)."
    )


class Realisasi(_Model):
    tahun: Tahun
    realisasi: dict[Id, NilaiRealisasi] = Field(description="Per id indikator.")


# --- ikm/<tahun>.yaml, ikm/<tahun>-<nama>.yaml ----------------------------------------------

KodeUnsur = Literal["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"]


class RekapUnsurData(_Model):
    jumlah_nilai: int = Field(ge=0, strict=True, description="Jumlah skor (1–4) unsur ini.")
    jumlah_responden: int = Field(ge=1, strict=True, description="Responden yang menjawab.")


class SurveiIKM(_Model):
    tahun: Tahun = Field(
        description="Tahun survei, sama dengan tahun di nama berkas (2024.yaml, 2024-<nama>.yaml)."
    )
    indikator: Id = Field(
        description="id indikator ber-perhitungan 'ikm' yang diisi survei ini; satu survei per "
        "indikator per tahun (beberapa indikator IKM: berkas <tahun>-<nama>.yaml masing-masing)."
    )
    rekap: dict[KodeUnsur, RekapUnsurData] | None = Field(
        default=None, description="Jumlah nilai dan responden per unsur U1–U9."
    )
    berkas_responden: (
        Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.\-]+\.csv$")] | None
    ) = Field(
        default=None,
        description="Nama berkas CSV jawaban mentah di folder yang sama (kolom U1–U9).",
    )
    catatan: Teks | None = None


# --- pengaturan.yaml (optional) ------------------------------------------------------------


class TingkatPredikatData(_Model):
    label: Teks
    batas_bawah: Angka | None = Field(
        description="Capaian minimum (≥); null untuk tingkat terendah."
    )
    warna: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class SkalaPredikatData(_Model):
    nama: Teks
    dasar_hukum: Teks
    tingkat: list[TingkatPredikatData] = Field(min_length=2)


class Pengaturan(_Model):
    batas_atas_capaian: Angka | None = Field(
        default=None, description="Batas atas capaian (mis. 100 atau 120); null tanpa batas."
    )
    skala_predikat: SkalaPredikatData | None = Field(
        default=None, description="Skala predikat capaian; bila kosong dipakai Permendagri 86/2017."
    )


FILE_MODELS: dict[str, type[_Model]] = {
    "profil": Profil,
    "dokumen": DokumenIKU,
    "wilayah": Wilayah,
    "organisasi": Organisasi,
    "landasan_hukum": LandasanHukum,
    "pengertian": Pengertian,
    "kerangka": Kerangka,
    "indikator": Indikator,
    "realisasi": Realisasi,
    "ikm": SurveiIKM,
    "pengaturan": Pengaturan,
}
"""Schema name -> model; the schema file is ``schema/<name>.schema.json``."""
