"""A synthetic, seeded data folder at kabupaten scale, in the current data format.

One IKU document (``dokumen/2021-2025/``) covering five years, with N indicators: about 3 % IKU
(one computed from the IKM survey, one composite), the rest program indicators over about N/10
programs, about 5 % of all indicators composite (a formula over other indicators, like
``ikm_kecamatan`` in ``data_contoh``), targets and realisasi for every year, two IKM surveys
(one as a summary per element, one as raw answers in a CSV file). ``profil.yaml`` says
``data_contoh: true``, so every page of a site built from it says *data contoh*.

The same ``n`` and ``seed`` always give the same files, byte for byte.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

TAHUN_AWAL = 2021
TAHUN_AKHIR = 2025
TAHUN = tuple(range(TAHUN_AWAL, TAHUN_AKHIR + 1))
DOKUMEN_ID = f"{TAHUN_AWAL}-{TAHUN_AKHIR}"
IKM_REKAP_TAHUN = 2024
IKM_CSV_TAHUN = 2025
N_MIN = 10
"""Smallest N: enough for an IKM indicator, a composite and a program with inputs."""

HEADER = "# DATA CONTOH: data sintetis dibuat bench/generate.py (fiktif, untuk uji kinerja).\n"

BIDANG = (
    "Pendidikan",
    "Kesehatan",
    "Pekerjaan Umum",
    "Perumahan Rakyat",
    "Ketenteraman dan Ketertiban Umum",
    "Sosial",
    "Tenaga Kerja",
    "Pangan",
    "Lingkungan Hidup",
    "Administrasi Kependudukan",
    "Pemberdayaan Masyarakat Desa",
    "Perhubungan",
    "Komunikasi dan Informatika",
    "Koperasi dan Usaha Mikro",
    "Penanaman Modal",
    "Kepemudaan dan Olahraga",
    "Kebudayaan",
    "Perpustakaan",
    "Pertanian",
    "Pariwisata",
)
AKSI = ("Peningkatan", "Pengelolaan", "Pembinaan", "Pengembangan", "Penyelenggaraan")
OBJEK = (
    "layanan yang diselesaikan tepat waktu",
    "sarana dan prasarana dalam kondisi baik",
    "kegiatan yang terlaksana sesuai rencana",
    "pengaduan yang ditindaklanjuti",
    "dokumen perencanaan yang tersusun tepat waktu",
    "desa yang mendapat pembinaan",
    "petugas yang bersertifikat kompetensi",
    "laporan yang disampaikan tepat waktu",
    "anggaran yang terserap sesuai rencana",
    "data yang dimutakhirkan",
    "sasaran layanan yang terjangkau",
    "rekomendasi yang ditindaklanjuti",
)
OBJEK_NEGATIF = (
    "pengaduan yang melewati batas waktu layanan",
    "temuan pemeriksaan yang belum ditindaklanjuti",
    "sarana dalam kondisi rusak berat",
)
UNSUR = tuple(f"U{i}" for i in range(1, 10))


@dataclass
class IndikatorSintetis:
    id: str
    nama: str
    jenis: str
    """``iku`` or ``program``."""
    induk: str
    urutan: int
    perhitungan: str
    """``manual``, ``komposit`` or ``ikm``."""
    satuan: str
    polaritas: str
    target: dict[int, float]
    masukan: tuple[str, ...] = ()
    """Ids in the composite's formula (an average of them)."""


@dataclass
class DataSintetis:
    """What was generated: enough to write the files again after changing one value."""

    n: int
    seed: int
    tujuan: list[tuple[str, str]]
    sasaran: list[tuple[str, str, str]]
    """(id, tujuan id, nama)."""
    program: list[tuple[str, str, str]]
    """(id, nama, sasaran id)."""
    indikator: list[IndikatorSintetis]
    realisasi: dict[int, dict[str, float | None]] = field(default_factory=dict)
    """Year → manual indicator id → value (None: not filled in yet)."""

    @property
    def manual(self) -> list[IndikatorSintetis]:
        return [i for i in self.indikator if i.perhitungan == "manual"]

    def jumlah(self, *, jenis: str | None = None, perhitungan: str | None = None) -> int:
        return sum(
            1
            for i in self.indikator
            if (jenis is None or i.jenis == jenis)
            and (perhitungan is None or i.perhitungan == perhitungan)
        )


def _q(text: str) -> str:
    """A YAML scalar for any text: JSON string syntax is valid YAML and quotes anything."""
    return json.dumps(text, ensure_ascii=False)


def _num(value: float) -> str:
    """A number as written by hand: ``85`` or ``85.5``."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def plan_data(n: int, seed: int = 13) -> DataSintetis:
    """The framework, indicators and values for ``n`` indicators (no file is written)."""
    if n < N_MIN:
        raise ValueError(f"n minimal {N_MIN}, bukan {n}")
    rng = random.Random(seed)
    n_iku = max(3, round(n * 0.03))
    n_program_ind = n - n_iku
    n_program = max(1, round(n / 10))
    n_komposit = max(1, round(n * 0.05))

    n_tujuan = max(2, n_iku // 10)
    tujuan = [
        (f"tujuan_{t + 1:02d}", f"Meningkatnya kinerja urusan {BIDANG[t % len(BIDANG)].lower()}")
        for t in range(n_tujuan)
    ]
    n_sasaran = max(2, n_iku // 3)
    sasaran = [
        (
            f"sasaran_{s + 1:02d}",
            tujuan[s % n_tujuan][0],
            f"Meningkatnya mutu layanan {BIDANG[s % len(BIDANG)].lower()} (sasaran {s + 1})",
        )
        for s in range(n_sasaran)
    ]
    program = []
    for j in range(n_program):
        aksi, bidang = AKSI[(j // len(BIDANG)) % len(AKSI)], BIDANG[j % len(BIDANG)]
        putaran = j // (len(BIDANG) * len(AKSI))
        suffix = f" {putaran + 1}" if putaran else ""
        nama = f"Program {aksi} {bidang}{suffix} (data contoh)"
        program.append((f"program_{j + 1:03d}", nama, sasaran[j % n_sasaran][0]))

    def targets(polaritas: str) -> dict[int, float]:
        if polaritas == "negatif":
            base, step = rng.uniform(6, 25), -rng.choice((0.5, 1.0, 1.5))
            return {y: round(max(1.0, base + step * k), 1) for k, y in enumerate(TAHUN)}
        base, step = rng.uniform(55, 90), rng.choice((0.5, 1.0, 1.5, 2.0))
        return {y: round(min(100.0, base + step * k), 1) for k, y in enumerate(TAHUN)}

    indikator: list[IndikatorSintetis] = []
    # Program indicators, in blocks per program; the first n_komposit - 1 programs with at least
    # three indicators (two of them positive, manual) end with a composite: their average.
    sizes = [
        n_program_ind // n_program + (1 if j < n_program_ind % n_program else 0)
        for j in range(n_program)
    ]
    program_composites = n_komposit - 1
    for j, (pid, _, _) in enumerate(program):
        members: list[IndikatorSintetis] = []
        for k in range(sizes[j]):
            negatif = rng.random() < 0.1
            objek = rng.choice(OBJEK_NEGATIF if negatif else OBJEK)
            bidang = BIDANG[j % len(BIDANG)].lower()
            polaritas = "negatif" if negatif else "positif"
            members.append(
                IndikatorSintetis(
                    id=f"p{j + 1:03d}_{k + 1:02d}",
                    nama=f"Persentase {objek} bidang {bidang} (P{j + 1}.{k + 1})",
                    jenis="program",
                    induk=pid,
                    urutan=k + 1,
                    perhitungan="manual",
                    satuan="persen",
                    polaritas=polaritas,
                    target=targets(polaritas),
                )
            )
        inputs = [m for m in members[:-1] if m.polaritas == "positif"]
        if program_composites > 0 and len(members) >= 3 and len(inputs) >= 2:
            last = members[-1]
            last.perhitungan, last.polaritas, last.satuan = "komposit", "positif", "indeks"
            last.nama = f"Indeks kinerja gabungan {program[j][1].removesuffix(' (data contoh)')}"
            last.masukan = tuple(m.id for m in inputs)
            last.target = targets("positif")
            program_composites -= 1
        indikator += members

    # IKU: one from the IKM survey, one composite over the first indicator of the first
    # programs (like ikm_kecamatan), the rest entered by hand.
    iku: list[IndikatorSintetis] = []
    urutan: dict[str, int] = {}

    def next_order(induk: str) -> int:
        urutan[induk] = urutan.get(induk, 0) + 1
        return urutan[induk]

    iku.append(
        IndikatorSintetis(
            id="ikm",
            nama="Indeks Kepuasan Masyarakat",
            jenis="iku",
            induk=tujuan[0][0],
            urutan=next_order(tujuan[0][0]),
            perhitungan="ikm",
            satuan="indeks",
            polaritas="positif",
            target={y: 80.0 + k for k, y in enumerate(TAHUN)},
        )
    )
    heads = [
        next(m for m in indikator if m.induk == pid and m.perhitungan == "manual")
        for pid, _, _ in program[:5]
    ]
    heads = [m for m in heads if m.polaritas == "positif"] or heads[:1]
    induk = sasaran[0][0]
    iku.append(
        IndikatorSintetis(
            id="indeks_kinerja_layanan",
            nama="Indeks Kinerja Layanan Perangkat Daerah",
            jenis="iku",
            induk=induk,
            urutan=next_order(induk),
            perhitungan="komposit",
            satuan="indeks",
            polaritas="positif",
            target=targets("positif"),
            masukan=tuple(m.id for m in heads),
        )
    )
    for i in range(n_iku - 2):
        induk = sasaran[i % n_sasaran][0]
        negatif = i % 7 == 3
        polaritas = "negatif" if negatif else "positif"
        objek = (OBJEK_NEGATIF if negatif else OBJEK)[i % (3 if negatif else len(OBJEK))]
        iku.append(
            IndikatorSintetis(
                id=f"iku_{i + 1:03d}",
                nama=f"Persentase {objek} tingkat kabupaten (IKU {i + 1})",
                jenis="iku",
                induk=induk,
                urutan=next_order(induk),
                perhitungan="manual",
                satuan="persen",
                polaritas=polaritas,
                target=targets(polaritas),
            )
        )
    data = DataSintetis(n, seed, tujuan, sasaran, program, iku + indikator)

    for tahun in TAHUN:
        values: dict[str, float | None] = {}
        for item in data.manual:
            if tahun == TAHUN_AKHIR and rng.random() < 0.03:
                values[item.id] = None  # not filled in yet, as in a running year
                continue
            value = item.target[tahun] + rng.gauss(0, 4)
            values[item.id] = round(min(100.0, max(0.0, value)), 1)
        data.realisasi[tahun] = values
    return data


# --- files ------------------------------------------------------------------------------------


def profil_yaml() -> str:
    return HEADER + (
        "data_contoh: true\n"
        "instansi:\n"
        "  nama: Badan Perencanaan Pembangunan Daerah Kabupaten Contoh (data contoh)\n"
        "  nama_singkat: Bappeda Contoh\n"
        "  jenis: Badan\n"
        "  kabupaten: Kabupaten Contoh\n"
        "  provinsi: Provinsi Contoh\n"
        "kepala:\n"
        "  jabatan: Kepala Bappeda Contoh\n"
        "  nama: Nama Contoh, S.T., M.Si.\n"
        "  pangkat: Pembina Utama Muda\n"
        '  nip: "197501012000031001"\n'
        "visi: Terwujudnya Kabupaten Contoh yang Maju dan Sejahtera (data contoh)\n"
        "misi:\n"
        "  - Meningkatkan mutu perencanaan pembangunan daerah (data contoh)\n"
        "  - Meningkatkan kualitas layanan publik di semua urusan (data contoh)\n"
        "tujuan: Meningkatnya kinerja pembangunan daerah yang terukur (data contoh)\n"
        "tujuan_pokok: Membantu Bupati Contoh dalam perencanaan dan evaluasi pembangunan "
        "daerah (data contoh)\n"
        "fungsi:\n"
        "  - Penyusunan kebijakan perencanaan pembangunan daerah (data contoh)\n"
        "  - Pemantauan dan evaluasi pelaksanaan pembangunan daerah (data contoh)\n"
    )


def organisasi_yaml() -> str:
    return HEADER + (
        "unit:\n"
        "  - id: kepala\n"
        '    nomor: "1"\n'
        "    nama: KEPALA BADAN\n"
        "    nama_struktur: Kepala Badan\n"
        "    tugas: Kepala Badan memimpin perencanaan pembangunan daerah (data contoh).\n"
        "    rincian:\n"
        "      - Perumusan kebijakan perencanaan;\n"
        "      - Pengoordinasian evaluasi pembangunan daerah.\n"
        "  - id: sekretaris\n"
        '    nomor: "2"\n'
        "    nama: SEKRETARIAT\n"
        "    nama_struktur: Sekretariat\n"
        "    rincian:\n"
        "      - Pengelolaan administrasi umum, kepegawaian, dan keuangan (data contoh).\n"
        "  - id: bidang_evaluasi\n"
        '    nomor: "3"\n'
        "    nama: Bidang Pengendalian dan Evaluasi\n"
        "    nama_struktur: Bidang Pengendalian dan Evaluasi\n"
        "    rincian:\n"
        "      - Penghimpunan data capaian indikator perangkat daerah (data contoh).\n"
    )


def landasan_hukum_yaml() -> str:
    return HEADER + (
        "dasar_hukum:\n"
        "  - Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
        "Instansi Pemerintah;\n"
        "  - Peraturan Bupati Contoh Nomor 1 Tahun 2021 tentang Indikator Kinerja Utama "
        "(data contoh, fiktif).\n"
    )


def pengertian_yaml() -> str:
    return HEADER + (
        "syarat_kriteria:\n"
        "  - Spesifik, yaitu jelas dan tidak menimbulkan tafsiran yang berbeda.\n"
        "  - Dapat diukur, yaitu dapat dihitung secara obyektif.\n"
        "pertimbangan:\n"
        "  - Keselarasan dengan RPJMD Kabupaten Contoh (data contoh).\n"
        "  - Kebutuhan informasi untuk akuntabilitas kinerja.\n"
    )


def pengaturan_yaml() -> str:
    return HEADER + "batas_atas_capaian: null\n"


def dokumen_yaml() -> str:
    return HEADER + (
        "judul: Indikator Kinerja Utama (data contoh)\n"
        "jenis: awal\n"
        "periode:\n"
        f"  awal: {TAHUN_AWAL}\n"
        f"  akhir: {TAHUN_AKHIR}\n"
        "penetapan:\n"
        "  nomor: 050/1/2021 (data contoh)\n"
        f"  tanggal: {TAHUN_AWAL}-03-01\n"
        "salam_penutup: Mengetahui,\n"
        "penandatangan:\n"
        "  jabatan: Kepala Bappeda Contoh\n"
        "  nama: Nama Contoh, S.T., M.Si.\n"
        "  pangkat: Pembina Utama Muda\n"
        '  nip: "197501012000031001"\n'
    )


def kerangka_yaml(data: DataSintetis) -> str:
    lines = [HEADER.rstrip("\n"), "tujuan:"]
    for ident, nama in data.tujuan:
        lines += [
            f"  - id: {ident}",
            f"    urusan: {_q(nama.removeprefix('Meningkatnya kinerja urusan ').title())}",
            f"    nama: {_q(nama + ' (data contoh)')}",
        ]
    lines.append("sasaran:")
    for ident, tujuan, nama in data.sasaran:
        lines += [f"  - id: {ident}", f"    tujuan: {tujuan}", f"    nama: {_q(nama)}"]
    lines.append("program:")
    for ident, nama, sasaran in data.program:
        lines += [f"  - id: {ident}", f"    nama: {_q(nama)}", f"    sasaran: {sasaran}"]
    return "\n".join(lines) + "\n"


def indikator_yaml(item: IndikatorSintetis, names: dict[str, str]) -> str:
    """One indicator file; ``names`` gives the other indicators' names (for composites)."""
    if item.perhitungan == "komposit":
        rumus = f"({' + '.join(item.masukan)}) / {len(item.masukan)}"
        publikasi = f"({' + '.join(names[m] for m in item.masukan)}) dibagi {len(item.masukan)}"
        definisi = f"Rata-rata {len(item.masukan)} indikator masukan (data contoh)."
    elif item.perhitungan == "ikm":
        rumus, publikasi = "", "Total nilai persepsi per unsur dibagi jumlah unsur x penimbang"
        definisi = "Tingkat kepuasan masyarakat atas layanan, survei sembilan unsur (data contoh)."
    else:
        rumus = ""
        publikasi = "Jumlah yang memenuhi kriteria dibagi jumlah seluruhnya dikali 100%"
        definisi = f"{item.nama}, dihitung dari laporan bidang terkait (data contoh)."
    lines = [
        HEADER.rstrip("\n"),
        f"id: {item.id}",
        f"nama: {_q(item.nama)}",
        f"jenis: {item.jenis}",
        f"induk: {item.induk}",
        f"urutan: {item.urutan}",
        f"definisi_operasional: {_q(definisi)}",
        f"rumus_publikasi: {_q(publikasi)}",
        "perhitungan:",
        f"  jenis: {item.perhitungan}",
    ]
    if rumus:
        lines.append(f"  rumus: {_q(rumus)}")
    lines += [f"satuan: {item.satuan}", f"polaritas: {item.polaritas}"]
    if item.perhitungan == "ikm":
        lines.append("penilaian_nilai: ikm")
    lines += [
        "sumber_data:",
        "  - Laporan bidang terkait (data contoh)",
        "penanggung_jawab:",
        "  - Bidang Pengendalian dan Evaluasi",
        "target:",
        *(f"  {tahun}: {_num(value)}" for tahun, value in item.target.items()),
    ]
    return "\n".join(lines) + "\n"


def realisasi_yaml(data: DataSintetis, tahun: int) -> str:
    lines = [HEADER.rstrip("\n"), f"tahun: {tahun}", "realisasi:"]
    for k, (ident, value) in enumerate(data.realisasi[tahun].items()):
        lines.append(f"  {ident}:")
        lines.append(f"    nilai: {'null' if value is None else _num(value)}")
        if value is None:
            lines.append("    catatan: Laporan bidang belum masuk (data contoh).")
        elif k % 20 == 7:
            lines.append(f"    bukti: https://contoh.example/bukti/{tahun}/{ident}.pdf")
    return "\n".join(lines) + "\n"


def ikm_rekap_yaml(rng: random.Random) -> str:
    lines = [
        HEADER.rstrip("\n"),
        f"tahun: {IKM_REKAP_TAHUN}",
        "indikator: ikm",
        "rekap:",
    ]
    for unsur in UNSUR:
        responden = 120 - rng.randrange(3)
        nilai = round(responden * rng.uniform(3.0, 3.6))
        lines.append(f"  {unsur}: {{jumlah_nilai: {nilai}, jumlah_responden: {responden}}}")
    return "\n".join(lines) + "\n"


def ikm_csv_yaml() -> str:
    return HEADER + (
        f"tahun: {IKM_CSV_TAHUN}\n"
        "indikator: ikm\n"
        f"berkas_responden: ikm-{IKM_CSV_TAHUN}-responden.csv\n"
    )


def ikm_csv(rng: random.Random, rows: int = 60) -> str:
    lines = ["responden," + ",".join(UNSUR)]
    for r in range(rows):
        cells = ["" if rng.random() < 0.02 else str(rng.choice((2, 3, 3, 4, 4))) for _ in UNSUR]
        lines.append(f"R{r + 1:03d}," + ",".join(cells))
    return "\n".join(lines) + "\n"


NARASI_INDEX = """# Dokumen IKU

**Data contoh:** dokumen ini **fiktif** dan sintetis, dibuat untuk uji kinerja situs.

{{ judul_dokumen() }}

## Daftar Isi

- [Kata Pengantar](kata-pengantar.md)
- [IV. Penetapan Indikator Kinerja Utama](bab-4.md)
"""

NARASI_KATA_PENGANTAR = """# KATA PENGANTAR

*Data contoh:* kata pengantar ini fiktif dan hanya memperagakan tampilan situs.

Dokumen Indikator Kinerja Utama (IKU) ini disusun sebagai acuan untuk menetapkan rencana kinerja
tahunan dan mengevaluasi capaian kinerja perangkat daerah yang fiktif ini.

{{ tanda_tangan() }}
"""

NARASI_BAB_4 = """# BAB IV PENETAPAN INDIKATOR KINERJA UTAMA

*Data contoh:* bab ini fiktif. Tabel di bawah dibuat dari data sintetis.

## Indikator Kinerja Utama

{{ tabel_identitas_iku() }}

{{ tabel_iku() }}

## Target Indikator Kinerja Utama

{{ tabel_target_iku() }}

## Target Indikator Kinerja Individu

{{ tabel_iki() }}
"""


def write_realisasi(folder: Path, data: DataSintetis, tahun: int) -> Path:
    path = folder / "realisasi" / f"{tahun}.yaml"
    path.write_text(realisasi_yaml(data, tahun), encoding="utf-8")
    return path


def write_data(folder: Path, n: int, seed: int = 13) -> DataSintetis:
    """Write the data folder for ``n`` indicators into ``folder`` (created; must be empty)."""
    data = plan_data(n, seed)
    rng = random.Random(seed + 1)
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise FileExistsError(f"folder tidak kosong: {folder}")
    files = {
        "profil.yaml": profil_yaml(),
        "organisasi.yaml": organisasi_yaml(),
        "landasan_hukum.yaml": landasan_hukum_yaml(),
        "pengertian.yaml": pengertian_yaml(),
        "pengaturan.yaml": pengaturan_yaml(),
        f"dokumen/{DOKUMEN_ID}/dokumen.yaml": dokumen_yaml(),
        f"dokumen/{DOKUMEN_ID}/kerangka.yaml": kerangka_yaml(data),
        f"dokumen/{DOKUMEN_ID}/narasi/index.md": NARASI_INDEX,
        f"dokumen/{DOKUMEN_ID}/narasi/kata-pengantar.md": NARASI_KATA_PENGANTAR,
        f"dokumen/{DOKUMEN_ID}/narasi/bab-4.md": NARASI_BAB_4,
        f"ikm/{IKM_REKAP_TAHUN}.yaml": ikm_rekap_yaml(rng),
        f"ikm/{IKM_CSV_TAHUN}.yaml": ikm_csv_yaml(),
        f"ikm/ikm-{IKM_CSV_TAHUN}-responden.csv": ikm_csv(rng),
    }
    names = {i.id: i.nama for i in data.indikator}
    for item in data.indikator:
        files[f"dokumen/{DOKUMEN_ID}/indikator/{item.id}.yaml"] = indikator_yaml(item, names)
    for tahun in TAHUN:
        files[f"realisasi/{tahun}.yaml"] = realisasi_yaml(data, tahun)
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return data


def change_one_value(folder: Path, data: DataSintetis, rng: random.Random) -> tuple[str, int]:
    """Change one entered realisasi value (one that is filled in) by 0.1 and rewrite its
    file; returns (indicator id, year)."""
    tahun = rng.choice(TAHUN)
    filled = [ident for ident, value in data.realisasi[tahun].items() if value is not None]
    ident = rng.choice(filled)
    old = data.realisasi[tahun][ident]
    assert old is not None
    new = round(old + 0.1 if old < 99.9 else old - 0.1, 1)
    data.realisasi[tahun][ident] = new
    write_realisasi(folder, data, tahun)
    return ident, tahun
