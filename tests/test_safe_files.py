"""Safe reading of data files: no symlink, only regular files, bounded size, strict UTF-8; and
the data-folder layout check built on it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from iku_macros.data.errors import display_path
from iku_macros.data.layout import LAYOUT, describe_layout, match_kind, scan, unsafe_characters
from iku_macros.data.safe_files import (
    MissingFileError,
    UnsafeFileError,
    describe_char,
    entry_kind,
    is_forbidden_char,
    list_data_dir,
    read_data_bytes,
    read_data_text,
)

from .conftest import DEMO, FORMAT_V1, ROOT, UNIT_LAIN


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    (folder / "sub" / "b.yaml").write_text("b: 2\n", encoding="utf-8")
    (tmp_path / "rahasia.txt").write_text("RAHASIA\n", encoding="utf-8")
    return folder


def _refusal(path: Path, root: Path, max_bytes: int = 1000) -> UnsafeFileError:
    with pytest.raises(UnsafeFileError) as info:
        read_data_text(path, root, max_bytes=max_bytes)
    assert info.value.error.berkas == display_path(path)
    return info.value


def test_reads_regular_files_inside_the_folder(root: Path) -> None:
    assert read_data_text(root / "a.yaml", root, max_bytes=100) == "a: 1\n"
    assert read_data_bytes(root / "sub" / "b.yaml", root, max_bytes=100) == b"b: 2\n"


def test_a_leading_byte_order_mark_is_dropped(root: Path) -> None:
    (root / "bom.yaml").write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert read_data_text(root / "bom.yaml", root, max_bytes=100) == "a: 1\n"


@pytest.mark.parametrize("target", ["../rahasia.txt", "a.yaml", "/dev/zero", "loop.yaml"])
def test_every_symlink_is_refused_and_its_target_named(root: Path, target: str) -> None:
    (root / "loop.yaml").symlink_to("loop.yaml")
    link = root / "link.yaml"
    link.symlink_to(target)
    refusal = _refusal(link, root)
    assert "tautan simbolik (symlink) tidak diizinkan" in refusal.error.pesan
    assert refusal.error.ditemukan == f"tautan simbolik ke `{target}`"
    assert "RAHASIA" not in str(refusal)


def test_a_symlinked_folder_on_the_way_is_refused(root: Path) -> None:
    (root / "lewat").symlink_to("sub")
    with pytest.raises(UnsafeFileError) as info:
        read_data_text(root / "lewat" / "b.yaml", root, max_bytes=100)
    assert info.value.error.berkas == display_path(root / "lewat")
    assert "tautan simbolik" in info.value.error.pesan


def test_a_symlinked_data_folder_is_refused(root: Path, tmp_path: Path) -> None:
    alias = tmp_path / "alias"
    alias.symlink_to(root)
    with pytest.raises(UnsafeFileError, match="tautan simbolik"):
        read_data_text(alias / "a.yaml", alias, max_bytes=100)


def test_paths_outside_the_folder_are_refused(root: Path) -> None:
    refusal = _refusal(root / ".." / "rahasia.txt", root)
    assert "di luar folder data" in refusal.error.pesan


def test_a_directory_is_not_a_file(root: Path) -> None:
    (root / "x.yaml").mkdir()
    refusal = _refusal(root / "x.yaml", root)
    assert refusal.error.pesan == "bukan berkas biasa (folder); tidak dibaca"


def test_a_fifo_is_refused_without_waiting_for_a_writer(root: Path) -> None:
    os.mkfifo(root / "pipa.yaml")
    outcome: list[BaseException | str] = []

    def attempt() -> None:
        try:
            outcome.append(read_data_text(root / "pipa.yaml", root, max_bytes=100))
        except UnsafeFileError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=attempt, daemon=True)
    thread.start()
    thread.join(timeout=5)
    assert not thread.is_alive(), "reading a FIFO hung"
    assert isinstance(outcome[0], UnsafeFileError)
    assert "pipa bernama (FIFO)" in outcome[0].error.pesan


def test_a_file_over_the_limit_is_refused_from_its_size(root: Path) -> None:
    (root / "besar.yaml").write_bytes(b"x" * 2048)
    refusal = _refusal(root / "besar.yaml", root, max_bytes=1024)
    assert refusal.error.pesan == "berkas terlalu besar (2,0 KiB; batas 1,0 KiB)"


def test_a_missing_file_has_its_own_error(root: Path) -> None:
    with pytest.raises(MissingFileError, match="berkas tidak ditemukan"):
        read_data_text(root / "tidak_ada.yaml", root, max_bytes=100)


def test_non_utf8_names_the_line_and_column_of_the_first_bad_byte(root: Path) -> None:
    (root / "latin.yaml").write_bytes("a: 1\nnama: Caf\u00e9\n".encode("latin-1"))
    error = _refusal(root / "latin.yaml", root).error
    assert (error.baris, error.kolom) == (2, 10)
    assert error.pesan == "berkas bukan teks UTF-8 (bita 0xE9 tidak sah)"


def test_list_data_dir_lists_without_following(root: Path) -> None:
    (root / "tautan").symlink_to("/etc")
    names = [p.name for p in list_data_dir(root, root)]
    assert names == ["a.yaml", "sub", "tautan"]
    assert [entry_kind(root / n) for n in names] == ["berkas", "folder", "tautan simbolik"]
    with pytest.raises(UnsafeFileError, match="tautan simbolik"):
        list_data_dir(root / "tautan", root)


def test_characters_are_named_and_hidden_ones_forbidden() -> None:
    assert describe_char("\u200b") == "U+200B ZERO WIDTH SPACE"
    assert describe_char("\x00") == "U+0000 NULL"
    forbidden = ["\x00", "\x1b", "\x7f", "\x85", "\u200b", "\u202e", "\u2066", "\u2028", "\ufeff"]
    assert all(is_forbidden_char(c) for c in forbidden)
    allowed = ["\t", "\n", "\r", "a", "é", "–", "“", "₹", "\u00a0"]
    assert not any(is_forbidden_char(c) for c in allowed)


# --- layout ---------------------------------------------------------------------------------


def test_the_engines_data_folders_fit_the_layout() -> None:
    for folder in (DEMO, UNIT_LAIN, FORMAT_V1):
        assert scan(folder).errors == []
    found = scan(DEMO)
    assert [p.relative_to(DEMO).as_posix() for p in found.files["dokumen"]] == [
        "dokumen/2020-2024/dokumen.yaml",
        "dokumen/2020-2024-perubahan/dokumen.yaml",
        "dokumen/2025-2029/dokumen.yaml",
    ]
    assert len(found.files["kerangka"]) == 3
    assert scan(FORMAT_V1).files["dokumen"] == []
    assert scan(FORMAT_V1).single("kerangka") == FORMAT_V1 / "kerangka.yaml"
    assert [p.name for p in found.files["ikm_csv"]] == [
        "ikm-2023-responden.csv",
        "ikm-2024-responden.csv",
    ]
    assert found.single("profil") == DEMO / "profil.yaml"


def test_every_rule_is_listed_in_the_expected_layout() -> None:
    text = describe_layout()
    assert all(rule.pattern in text for rule in LAYOUT)


@pytest.mark.parametrize(
    ("relative", "kind"),
    [
        ("profil.yaml", "profil"),
        ("realisasi/2023.yaml", "realisasi"),
        ("realisasi/23.yaml", None),
        ("dokumen/2025-2029/dokumen.yaml", "dokumen"),
        ("dokumen/2020-2024-perubahan/kerangka.yaml", "kerangka"),
        ("dokumen/2025-2029/indikator/ikm_kecamatan.yaml", "indikator"),
        ("dokumen/2025-2029/indikator/1ikm.yaml", None),
        ("dokumen/2025-2029/narasi/bab-1.md", "narasi"),
        ("dokumen/2025-2029/narasi/x/bab-1.md", None),
        ("dokumen/2025-2029/catatan.md", None),
        ("dokumen/2025-2029/realisasi/2025.yaml", None),
        ("dokumen/Dokumen-2025/dokumen.yaml", None),
        ("dokumen/-2025/dokumen.yaml", None),
        ("dokumen/dokumen.yaml", None),
        ("dokumen/2020/2024/dokumen.yaml", None),
        # The first format, still read as one document:
        ("kerangka.yaml", "kerangka"),
        ("indikator/ikm_kecamatan.yaml", "indikator"),
        ("indikator/1ikm.yaml", None),
        ("narasi/bab-1.md", "narasi"),
        ("narasi/x/bab-1.md", None),
        ("dokumen.yaml", None),
        ("ikm/ikm-2023.csv", "ikm_csv"),
        ("ikm/..csv", None),
        ("sumber/iku-2021-2026.md", "sumber"),
        ("sumber/iku-2021-2026.pdf", "sumber"),
        ("sumber/iku.docx", None),
        ("README.md", "readme"),
        ("realisasi_2023.yaml", None),
    ],
)
def test_match_kind(relative: str, kind: str | None) -> None:
    assert match_kind(relative) == kind


def test_unsafe_characters_are_named_with_position() -> None:
    assert unsafe_characters("ikm.yaml") == ""
    assert unsafe_characters("2023.y\u0430ml") == (
        "U+0430 CYRILLIC SMALL LETTER A (huruf bukan Latin dasar; mirip huruf lain) di posisi 7"
    )
    assert unsafe_characters("A b") == (
        "U+0041 LATIN CAPITAL LETTER A (huruf besar) di posisi 1; U+0020 SPACE di posisi 2"
    )


def test_every_unknown_entry_is_reported_at_once(copy_data) -> None:
    data = copy_data(DEMO)
    (data / "realisasi_2024.yaml").write_text("tahun: 2024\n", encoding="utf-8")
    (data / "realisasi" / "2024.yml").write_text("tahun: 2024\n", encoding="utf-8")
    (data / "lampiran").mkdir()
    (data / "dokumen" / "2025-2029" / "catatan.txt").write_text("x\n", encoding="utf-8")
    (data / "dokumen" / "2025-2029" / "indikator" / ".gitkeep").touch()
    (data / "dokumen" / ".gitkeep").touch()
    (data / ".gitkeep").touch()
    (data / "README.md").write_text("# Data\n", encoding="utf-8")
    errors = scan(data).errors
    assert sorted(e.berkas for e in errors) == sorted(
        display_path(data / n)
        for n in (
            "realisasi_2024.yaml",
            "realisasi/2024.yml",
            "lampiran",
            "dokumen/2025-2029/catatan.txt",
        )
    )
    by_name = {Path(e.berkas).name: e for e in errors}
    assert by_name["2024.yml"].diharapkan.startswith("mungkin maksudnya `realisasi/2024.yaml`")


def test_a_required_file_replaced_by_a_folder_is_not_also_called_missing(copy_data) -> None:
    data = copy_data(DEMO)
    (data / "wilayah.yaml").unlink()
    (data / "wilayah.yaml").mkdir()
    errors = scan(data).errors
    assert [e.pesan for e in errors] == ["`wilayah.yaml` bukan berkas biasa (folder); tidak dibaca"]


def test_check_never_echoes_a_file_outside_the_folder(copy_data, tmp_path: Path) -> None:
    data = copy_data(DEMO)
    secret = tmp_path / "rahasia.yaml"
    secret.write_text("tahun: SANGAT_RAHASIA\nrealisasi: {}\n", encoding="utf-8")
    (data / "realisasi" / "2023.yaml").unlink()
    (data / "realisasi" / "2023.yaml").symlink_to(secret)
    csv_secret = tmp_path / "jawaban.csv"
    csv_secret.write_text("responden,U1\nSANGAT_RAHASIA_CSV,9\n", encoding="utf-8")
    (data / "ikm" / "ikm-2024-responden.csv").unlink()
    (data / "ikm" / "ikm-2024-responden.csv").symlink_to(csv_secret)
    result = subprocess.run(
        [sys.executable, "-m", "iku_macros", "check", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "SANGAT_RAHASIA" not in result.stdout + result.stderr
    assert result.stderr.count("tautan simbolik (symlink) tidak diizinkan") == 2
