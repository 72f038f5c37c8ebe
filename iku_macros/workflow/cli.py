"""Command line: ``python -m iku_macros check [DATA_DIR]``, ``skema``, ``terbitkan``,
``tahun-baru``, ``dokumen-baru``, ``migrasi`` and ``ringkasan``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from iku_macros.data.errors import DataValidationError, display_path
from iku_macros.data.loading import Dataset, load_dataset
from iku_macros.data.narasi import missing_chapters
from iku_macros.data.schema import SCHEMA_DIR, stale_schemas, write_schemas
from iku_macros.workflow.new_year import TahunBaruError, belum_diisi, format_belum_diisi, tahun_baru
from iku_macros.workflow.publish import PublishError, publish


def _check(args: argparse.Namespace) -> int:
    try:
        dataset = load_dataset(args.data_dir)
    except DataValidationError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    filled = sum(
        1 for r in dataset.realisasi.values() for v in r.realisasi.values() if v.nilai is not None
    )
    contoh = " (data contoh)" if dataset.profil.data_contoh else ""
    print(
        f"Data valid{contoh}: {args.data_dir} — {len(dataset.indikator)} indikator, "
        f"{len(dataset.realisasi)} berkas realisasi ({filled} nilai terisi), "
        f"{len(dataset.ikm)} survei IKM."
    )
    # Empty values are allowed (the site shows "belum diisi"); staff still see what is left.
    kosong = format_belum_diisi(belum_diisi(dataset))
    if kosong:
        print(kosong)
    print("Dokumen IKU: " + "; ".join(_document_line(dataset, d) for d in dataset.dokumen))
    # Notes come last, so the two lines above read the same for every unit (the Panduan
    # quotes them).
    if dataset.wilayah is None and dataset.unit_type.punya_wilayah:
        # Allowed (the site leaves the section out), but for this kind of unit likely forgotten.
        print(
            f"Catatan: tanpa wilayah.yaml; unit jenis {dataset.profil.instansi.jenis} biasanya "
            "memuatnya (gambaran wilayah, batas, dan daftar desa di Profil)."
        )
    # Chapters are optional: the Dokumen IKU section shows those each document has.
    for document in dataset.dokumen.values():
        folder = f"{args.data_dir}/{document.narasi_folder}"
        missing = missing_chapters(args.data_dir, document.narasi_folder)
        chapters = [name for name in missing if name != "index.md"]
        if chapters:
            print(
                f"Catatan: bab naratif yang tidak ada di {folder}/ (tidak tampil di bagian "
                f"Dokumen IKU): {', '.join(chapters)}."
            )
        if "index.md" in missing:
            print(
                f"Catatan: tanpa {folder}/index.md; halaman dokumen itu dibuat mesin (judul "
                "dokumen dan daftar bab; tanpa bab: isi dokumen yang ada di data)."
            )
    return 0


def _document_line(dataset: Dataset, ident: str) -> str:
    """``2020-2024-perubahan (perubahan, periode 2020–2024, berlaku 2022–2024)``."""
    document = dataset.dokumen[ident]
    years = [y for y, d in dataset.berlaku.items() if d == ident]
    berlaku = f"berlaku {years[0]}–{years[-1]}" if years else "tidak berlaku di tahun mana pun"
    periode = document.meta.periode
    return (
        f"{ident} ({document.meta.jenis.value}, periode {periode.awal}–{periode.akhir}, {berlaku})"
    )


def _new_year(args: argparse.Namespace) -> int:
    try:
        path, count = tahun_baru(args.tahun, args.data)
    except TahunBaruError as exc:
        print(f"Berkas tidak dibuat: {exc}", file=sys.stderr)
        return 1
    print(
        f"Ditulis: {path} — {count} indikator dengan nilai kosong. Isi setiap `nilai:`, "
        f"lalu periksa dengan: python -m iku_macros check {args.data}"
    )
    return 0


def _new_document(args: argparse.Namespace) -> int:
    from iku_macros.workflow.new_document import DokumenBaruError, dokumen_baru

    try:
        hasil = dokumen_baru(
            args.awal,
            args.akhir,
            args.data,
            perubahan=args.perubahan,
            berlaku_mulai=args.berlaku_mulai,
        )
    except DokumenBaruError as exc:
        print(f"Dokumen tidak dibuat: {exc}", file=sys.stderr)
        return 1
    folder = display_path(hasil.folder)
    what = "perubahan periode" if args.perubahan else "periode"
    source = f"merevisi {hasil.sumber}" if args.perubahan else f"dari {hasil.sumber}"
    print(f"Ditulis: {folder}/ (dokumen {what} {args.awal}–{args.akhir}, {source}):")
    print(f"  {folder}/dokumen.yaml — periksa judul dan penandatangan, isi penetapan")
    print(f"  {folder}/kerangka.yaml — sesuaikan tujuan, sasaran, dan program")
    targets = "ubah target yang direvisi" if args.perubahan else "isi targetnya (`target: {}`)"
    print(
        f"  {folder}/indikator/ — {hasil.indikator} indikator: {targets}; hapus yang tidak lagi "
        "dipakai, tambah yang baru"
    )
    if hasil.berlaku_mulai_otomatis is not None:
        print(
            f"berlaku_mulai diisi {hasil.berlaku_mulai_otomatis} (tahun pertama yang belum "
            "berisi realisasi); ganti bila dokumen resmi menyebut tahun lain."
        )
    print(f"Bab naratif tidak disalin (opsional: {folder}/narasi/).")
    tahun = hasil.tahun_realisasi if hasil.tahun_realisasi is not None else "TAHUN"
    print(
        f"Langkah berikutnya: lengkapi berkas itu dari dokumen resmi, periksa dengan "
        f"python -m iku_macros check {args.data}, lalu buat berkas realisasinya: "
        f"python -m iku_macros tahun-baru {tahun} --data {args.data}"
    )
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from iku_macros.workflow.migrate import MigrasiError, migrate

    try:
        ident, compared = migrate(args.data_dir)
    except MigrasiError as exc:
        print(f"Migrasi tidak dilakukan: {exc}", file=sys.stderr)
        return 1
    print(
        f"Dimigrasi: {args.data_dir} — dokumen/{ident}/ (dokumen.yaml dari profil.yaml, "
        f"kerangka.yaml, indikator/, narasi/); {compared} baris angka terbitan sama persis "
        f"dengan sebelumnya. Periksa dengan: python -m iku_macros check {args.data_dir}"
    )
    return 0


def _summary(args: argparse.Namespace) -> int:
    from iku_macros.workflow.change_summary import RingkasanError, ringkasan

    try:
        text, code = ringkasan(args.base, args.head, data=args.data)
    except RingkasanError as exc:
        print(f"Ringkasan tidak dapat dibuat: {exc}", file=sys.stderr)
        return 2
    print(text)
    return code


def _schema(args: argparse.Namespace) -> int:
    if args.periksa:
        stale = stale_schemas()
        if stale:
            print(
                "Skema JSON usang: " + ", ".join(stale) + ". Jalankan: python -m iku_macros skema",
                file=sys.stderr,
            )
            return 1
        print(f"Skema JSON di {SCHEMA_DIR} sesuai dengan model.")
        return 0
    for path in write_schemas():
        print(f"ditulis: {path}")
    return 0


def _publish(args: argparse.Namespace) -> int:
    try:
        summary = publish(
            args.tahun, repo=Path.cwd(), data=args.data, branch=args.cabang, paksa=args.paksa
        )
    except PublishError as exc:
        print(f"Penerbitan ditolak: {exc}", file=sys.stderr)
        return 1
    print(summary)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m iku_macros",
        description="Alat data IKU: periksa data, tulis skema JSON, siapkan dan bandingkan data.",
    )
    commands = parser.add_subparsers(dest="perintah", required=True)
    check = commands.add_parser("check", help="periksa semua berkas data (semua kesalahan)")
    check.add_argument("data_dir", nargs="?", default="data", type=Path, help="folder data")
    check.set_defaults(func=_check)
    schema = commands.add_parser("skema", help="tulis ulang skema JSON dari model")
    schema.add_argument("--periksa", action="store_true", help="hanya periksa, jangan menulis")
    schema.set_defaults(func=_schema)
    publish_cmd = commands.add_parser(
        "terbitkan", help="terbitkan satu tahun sebagai versi beku di cabang gh-pages (mike)"
    )
    publish_cmd.add_argument("tahun", type=int, help="tahun pelaporan, mis. 2023")
    publish_cmd.add_argument("--data", default="data", help="folder data (bawaan: data)")
    publish_cmd.add_argument("--cabang", default="gh-pages", help="cabang tujuan")
    publish_cmd.add_argument(
        "--paksa", action="store_true", help="terbitkan ulang tahun yang sudah ada (tercatat)"
    )
    publish_cmd.set_defaults(func=_publish)
    new_year = commands.add_parser(
        "tahun-baru", help="buat data/realisasi/TAHUN.yaml berisi indikator dengan nilai kosong"
    )
    new_year.add_argument("tahun", type=int, help="tahun realisasi, mis. 2024")
    new_year.add_argument("--data", default="data", help="folder data (bawaan: data)")
    new_year.set_defaults(func=_new_year)
    new_document = commands.add_parser(
        "dokumen-baru",
        help="buat dokumen IKU baru (periode baru, atau --perubahan) dari dokumen sebelumnya",
        description="Menulis DATA/dokumen/AWAL-AKHIR/ (atau AWAL-AKHIR-perubahan/) dari dokumen "
        "yang berlaku sebelumnya: dokumen.yaml, kerangka.yaml, dan indikator/ (definisi "
        "disalin; target periode baru dikosongkan, target perubahan disalin untuk diubah).",
    )
    new_document.add_argument("awal", type=int, help="tahun awal periode, mis. 2025")
    new_document.add_argument("akhir", type=int, help="tahun akhir periode, mis. 2029")
    new_document.add_argument(
        "--perubahan",
        action="store_true",
        help="dokumen perubahan yang merevisi dokumen yang berlaku dalam periode itu",
    )
    new_document.add_argument(
        "--berlaku-mulai",
        type=int,
        default=None,
        metavar="TAHUN",
        help="tahun pertama dokumen ini berlaku (perubahan: tahun pertama target barunya)",
    )
    new_document.add_argument("--data", default="data", help="folder data (bawaan: data)")
    new_document.set_defaults(func=_new_document)
    migrate_cmd = commands.add_parser(
        "migrasi",
        help="pindahkan folder data format lama (satu dokumen) ke dokumen/<id>/, di tempat",
    )
    migrate_cmd.add_argument("data_dir", type=Path, help="folder data, mis. data")
    migrate_cmd.set_defaults(func=_migrate)
    summary = commands.add_parser(
        "ringkasan",
        help="ringkasan Markdown perubahan angka terbitan antara dua revisi git",
        description="Bandingkan angka terbitan (target, realisasi, capaian, predikat) antara "
        "revisi BASE dan HEAD. Tanpa HEAD, dibandingkan dengan isi folder data saat ini "
        "(termasuk perubahan yang belum di-commit).",
    )
    summary.add_argument("base", help="revisi pembanding, mis. origin/main")
    summary.add_argument(
        "head", nargs="?", default=None, help="revisi baru (bawaan: folder data saat ini)"
    )
    summary.add_argument("--data", default="data", help="folder data (bawaan: data)")
    summary.set_defaults(func=_summary)
    args = parser.parse_args(argv)
    return int(args.func(args))
