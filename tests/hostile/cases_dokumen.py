"""Hostile IKU documents (``dokumen/<id>/``): a broken or mistyped ``dokumen.yaml``, document
folders and files swapped for symlinks or named with unsafe characters, files the layout does
not know, both formats in one folder, a chain whose documents contradict each other, and a
Perjanjian Kinerja target (``target_pk``) that is not a number in range. Each is refused at the
file (and line:col) to fix; a link is never followed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from ..conftest import FORMAT_V1
from .harness import KINI, KINI_RE, SECRET, Case, replace, write

META = f"{KINI}/dokumen.yaml"
META_RE = rf"{KINI_RE}/dokumen\.yaml"
PERUBAHAN = "dokumen/2020-2024-perubahan"
"""The demo's revision of its first document (``merevisi: 2020-2024``, in force 2022–2024)."""
DARING_PK = "    target_pk: 35\n"
"""The Perjanjian Kinerja target of persentase_layanan_daring in realisasi/2025.yaml."""
AT_PK = r"realisasi/2025\.yaml:13:16"
"""Where that target's value is: line 13, column 16."""


def _edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        replace(data / relative, old, new)

    return mutate


def _target_pk(value: str) -> Callable[[Path], None]:
    return _edit("realisasi/2025.yaml", DARING_PK, f"    target_pk: {value}\n")


def _document_folder_is_a_symlink(data: Path) -> None:
    # The document moved out of the data folder and linked back: nothing in it may be read.
    outside = data.parent / "dokumen_lain"
    (data / KINI).rename(outside)
    (data / KINI).symlink_to(outside, target_is_directory=True)


def _documents_folder_is_a_symlink(data: Path) -> None:
    # The whole dokumen/ folder, moved out and linked back.
    outside = data.parent / "semua_dokumen"
    (data / "dokumen").rename(outside)
    (data / "dokumen").symlink_to(outside, target_is_directory=True)


def _meta_is_a_symlink(data: Path) -> None:
    secret = data.parent / "dokumen.yaml"
    secret.write_text(f"judul: {SECRET}\n", encoding="utf-8")
    (data / META).unlink()
    (data / META).symlink_to(secret)


def _meta_links_to_a_sibling(data: Path) -> None:
    # Inside the folder, yet still a link: the reviewer sees a link, the site another file.
    (data / META).unlink()
    (data / META).symlink_to("../2020-2024/dokumen.yaml")


def _renamed_document(name: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        (data / KINI).rename(data / "dokumen" / name)

    return mutate


def _old_framework_beside_documents(data: Path) -> None:
    # A half-done migration: kerangka.yaml still at the top while dokumen/ holds the chain.
    shutil.copyfile(data / KINI / "kerangka.yaml", data / "kerangka.yaml")


def _old_indicator_beside_documents(data: Path) -> None:
    (data / "indikator").mkdir()
    shutil.copyfile(data / KINI / "indikator" / "ikm.yaml", data / "indikator" / "ikm.yaml")


def _old_chapter_beside_documents(data: Path) -> None:
    (data / "narasi").mkdir()
    shutil.copyfile(data / KINI / "narasi" / "bab-4.md", data / "narasi" / "bab-4.md")


def _old_metadata_beside_documents(data: Path) -> None:
    # The first format's `dokumen:` block (profil.yaml of format_v1, lines 16–26) put back in
    # front of `visi:` (line 16) while dokumen/<id>/dokumen.yaml hold the chain.
    old = (FORMAT_V1 / "profil.yaml").read_text(encoding="utf-8")
    block = "dokumen:\n" + old.split("\ndokumen:\n", 1)[1].split("\nvisi:", 1)[0] + "\n"
    replace(data / "profil.yaml", "\nvisi:", "\n" + block + "visi:")


CASES = [
    # --- dokumen.yaml ------------------------------------------------------------------------
    Case(
        "dokumen-yaml-rusak",
        _edit(META, "  akhir: 2029\n", " akhir: 2029\n"),
        r"kesalahan sintaks YAML: indentasi kunci tidak sesuai",
        rf"{META_RE}:9:2",
    ),
    Case(
        "dokumen-kunci-tak-dikenal",
        _edit(META, "jenis: awal\n", "jenis: awal\nberlaku_sampai: 2027\n"),
        r"kolom `berlaku_sampai` tidak dikenal",
        rf"{META_RE}:7:1",
    ),
    Case(
        "dokumen-periode-bukan-angka",
        _edit(META, "  awal: 2025\n", "  awal: dua ribu dua puluh lima\n"),
        r"periode › awal",
        rf"{META_RE}:8:9",
    ),
    Case(
        "dokumen-jenis-tak-dikenal",
        _edit(META, "jenis: awal\n", "jenis: revisi\n"),
        r"'awal'.*'perubahan'",
        rf"{META_RE}:6:8",
    ),
    Case(
        "dokumen-tanpa-penandatangan",
        lambda data: write(
            data / META,
            (data / META).read_text(encoding="utf-8").split("penandatangan:")[0],
        ),
        r"`penandatangan`",
        META_RE,
    ),
    # --- folders and links -------------------------------------------------------------------
    Case(
        "dokumen-folder-symlink",
        _document_folder_is_a_symlink,
        r"tautan simbolik \(symlink\) tidak diizinkan",
        rf"{KINI_RE}\b",
    ),
    Case(
        "dokumen-folder-induk-symlink",
        _documents_folder_is_a_symlink,
        r"tautan simbolik \(symlink\) tidak diizinkan",
        r"data/dokumen\b",
    ),
    Case(
        "dokumen-yaml-symlink-keluar",
        _meta_is_a_symlink,
        r"tautan simbolik \(symlink\) tidak diizinkan",
        META_RE,
    ),
    Case(
        "dokumen-yaml-symlink-saudara",
        _meta_links_to_a_sibling,
        r"tautan simbolik ke `\.\./2020-2024/dokumen\.yaml`",
        META_RE,
    ),
    Case(
        "dokumen-nama-folder-huruf-besar",
        _renamed_document("IKU-2025-2029"),
        r"U\+0049 LATIN CAPITAL LETTER I \(huruf besar\) di posisi 1",
        r"dokumen/IKU-2025-2029",
    ),
    Case(
        "dokumen-nama-folder-bidi",
        _renamed_document("2025-\u202e9202"),
        r"U\+202E RIGHT-TO-LEFT OVERRIDE di posisi 6",
        r"dokumen/2025-\\u202e9202",
    ),
    Case(
        "dokumen-nama-folder-spasi",
        _renamed_document("2025 2029"),
        r"U\+0020 SPACE di posisi 5",
        r"dokumen/2025 2029",
    ),
    Case(
        "dokumen-berkas-tak-dikenal",
        lambda data: write(data / KINI / "catatan.txt", "catatan rapat\n"),
        rf"berkas `{KINI_RE}/catatan\.txt` tidak dikenal",
        rf"{KINI_RE}/catatan\.txt",
    ),
    Case(
        # Realisasi belongs to the unit, not to a document: written here it would be ignored.
        "dokumen-realisasi-di-dalam-dokumen",
        lambda data: shutil.copytree(data / "realisasi", data / KINI / "realisasi"),
        rf"folder `{KINI_RE}/realisasi` tidak dikenal",
        rf"{KINI_RE}/realisasi",
    ),
    Case(
        "dokumen-berkas-lepas-di-folder-dokumen",
        lambda data: shutil.copyfile(data / META, data / "dokumen" / "dokumen.yaml"),
        r"berkas `dokumen/dokumen\.yaml` tidak dikenal",
        r"dokumen/dokumen\.yaml",
    ),
    # --- chapters of another document of the chain ----------------------------------------------
    Case(
        "dokumen-narasi-lama-script",
        _edit(
            "dokumen/2020-2024/narasi/index.md",
            "{{ judul_dokumen() }}\n",
            "{{ judul_dokumen() }}\n\n<script>alert(1)</script>\n",
        ),
        r"tag HTML `<script>` \(menjalankan skrip\)",
        r"dokumen/2020-2024/narasi/index\.md:8:1",
    ),
    Case(
        "dokumen-narasi-lama-makro-tak-dikenal",
        _edit(
            "dokumen/2020-2024/narasi/kata-pengantar.md",
            "{{ tanda_tangan() }}",
            "{{ tanda_tangan() }}\n\n{{ lipsum() }}",
        ),
        r"makro `lipsum` tidak",
        r"dokumen/2020-2024/narasi/kata-pengantar\.md:13:\d+",
    ),
    # --- the first format mixed with the chain ---------------------------------------------------
    Case(
        "dokumen-format-campur-kerangka",
        _old_framework_beside_documents,
        r"`kerangka\.yaml` di luar dokumen/ adalah format lama, sedangkan folder ini sudah "
        r"memakai dokumen/",
        r"data/kerangka\.yaml",
    ),
    Case(
        "dokumen-format-campur-indikator",
        _old_indicator_beside_documents,
        r"`indikator/ikm\.yaml` di luar dokumen/ adalah format lama",
        r"data/indikator/ikm\.yaml",
    ),
    Case(
        "dokumen-format-campur-narasi",
        _old_chapter_beside_documents,
        r"`narasi/bab-4\.md` di luar dokumen/ adalah format lama",
        r"data/narasi/bab-4\.md",
    ),
    Case(
        "dokumen-format-campur-profil",
        _old_metadata_beside_documents,
        r"`dokumen` di profil\.yaml adalah format lama, sedangkan folder ini sudah memakai "
        r"dokumen/",
        r"profil\.yaml:16:1",
    ),
    # --- the chain ----------------------------------------------------------------------------
    Case(
        "dokumen-merevisi-tak-dikenal",
        _edit(f"{PERUBAHAN}/dokumen.yaml", "merevisi: 2020-2024\n", "merevisi: 2019-2024\n"),
        r"`2019-2024`",
        r"dokumen/2020-2024-perubahan/dokumen\.yaml:9:11",
    ),
    Case(
        "dokumen-merevisi-diri-sendiri",
        _edit(
            f"{PERUBAHAN}/dokumen.yaml",
            "merevisi: 2020-2024\n",
            "merevisi: 2020-2024-perubahan\n",
        ),
        r"rantai revisi dokumen `2020-2024-perubahan` kembali ke dirinya sendiri",
        r"dokumen/2020-2024-perubahan/dokumen\.yaml:9:11",
    ),
    Case(
        # The revised document's id becomes part of page addresses: never a path.
        "dokumen-merevisi-jalur",
        _edit(f"{PERUBAHAN}/dokumen.yaml", "merevisi: 2020-2024\n", "merevisi: ../2020-2024\n"),
        r"nilai `merevisi` tidak sesuai(.*\n)+.*ditemukan : teks \"\.\./2020-2024\"",
        r"dokumen/2020-2024-perubahan/dokumen\.yaml:9:11",
    ),
    Case(
        "dokumen-berlaku-di-luar-periode",
        _edit(f"{PERUBAHAN}/dokumen.yaml", "berlaku_mulai: 2022\n", "berlaku_mulai: 2026\n"),
        r"berlaku_mulai 2026 di luar periode dokumen 2020–2024",
        r"dokumen/2020-2024-perubahan/dokumen\.yaml:8:16",
    ),
    Case(
        # Two documents claim 2022–2024 and neither says it revises the other.
        "dokumen-dua-berlaku-sekaligus",
        _edit(f"{PERUBAHAN}/dokumen.yaml", "merevisi: 2020-2024\n", ""),
        r"2020-2024.*2020-2024-perubahan|2020-2024-perubahan.*2020-2024",
        r"dokumen/2020-2024(-perubahan)?/dokumen\.yaml:\d+:\d+",
    ),
    # --- target_pk ----------------------------------------------------------------------------
    Case(
        "dokumen-target-pk-teks",
        _target_pk('"35"'),
        r"target_pk",
        AT_PK,
    ),
    Case(
        "dokumen-target-pk-kata",
        _target_pk("tiga puluh lima"),
        r"target_pk",
        AT_PK,
    ),
    Case(
        # A persen target of 135 % would make a capaian of 25 % out of a realisasi of 34 %.
        "dokumen-target-pk-di-luar-rentang",
        _target_pk("135"),
        r"target_pk.*135, di luar rentang 0–100 \(bawaan satuan persen\)",
        AT_PK,
    ),
    Case(
        "dokumen-target-pk-negatif",
        _target_pk("-5"),
        r"target_pk.*-5, di luar rentang 0–100 \(bawaan satuan persen\)",
        AT_PK,
    ),
]
