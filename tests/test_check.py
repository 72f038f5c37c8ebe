"""`python -m iku_macros check`: clean data passes; all kinds of broken data reported at once.

Engine tests on the demo and the second fixture unit (``check`` on ``data/`` is a unit-data test,
``test_data_unit.py``)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from iku_macros.data.loading import load_dataset

from .conftest import DEMO, ROOT, UNIT_LAIN

PERUBAHAN = "dokumen/2020-2024-perubahan"
"""The demo document with every chapter, in force 2022–2024 (period 2020–2024)."""


def run_check(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "iku_macros", "check", str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def line_of(path: Path, needle: str) -> int:
    """1-based line number of the first line containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.mark.parametrize("data_dir", [DEMO, UNIT_LAIN], ids=["data_contoh", "unit_lain"])
def test_check_passes_on_the_engines_datasets(data_dir: Path) -> None:
    result = run_check(data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Data valid (data contoh): ")


def test_fictional_datasets_are_marked_as_demo(copy_data) -> None:
    assert load_dataset(DEMO).profil.data_contoh is True
    assert load_dataset(UNIT_LAIN).profil.data_contoh is True
    data = copy_data(DEMO)
    _replace(data / "profil.yaml", "data_contoh: true", "data_contoh: false")
    result = run_check(data)
    assert result.returncode == 0 and result.stdout.startswith("Data valid: "), result.stdout


def test_check_notes_missing_chapters(copy_data) -> None:
    data = copy_data(DEMO)
    narasi = data / PERUBAHAN / "narasi"
    (narasi / "bab-5.md").unlink()
    (narasi / "index.md").unlink()
    result = run_check(data)
    assert result.returncode == 0, result.stderr
    assert (
        f"Catatan: bab naratif yang tidak ada di {narasi}/ (tidak tampil di bagian Dokumen "
        "IKU): bab-5.md." in result.stdout
    )
    assert f"Catatan: tanpa {narasi}/index.md; halaman dokumen itu dibuat mesin" in result.stdout
    # Each document's chapters are its own: the others are noted with their own folders.
    assert f"{data}/dokumen/2025-2029/narasi/ (tidak tampil" in result.stdout


def test_a_chapter_linked_from_another_is_required(copy_data) -> None:
    data = copy_data(DEMO)
    index = data / PERUBAHAN / "narasi" / "index.md"
    (data / PERUBAHAN / "narasi" / "bab-3.md").unlink()
    result = run_check(data)
    assert result.returncode == 1
    line = line_of(index, "(bab-3.md")
    column = index.read_text(encoding="utf-8").splitlines()[line - 1].index("bab-3.md") + 1
    assert (
        f"{index}:{line}:{column}: tautan ke bab `bab-3.md`, tetapi {PERUBAHAN}/narasi/bab-3.md "
        "tidak ada di folder data: bab itu wajib selama ada tautan kepadanya" in result.stderr
    )


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_error_is_reported_in_one_run(copy_data) -> None:
    data = copy_data(DEMO)
    ind = data / PERUBAHAN / "indikator"
    # 1. a string where a number belongs
    _replace(ind / "temuan_bpk_belum_ditindaklanjuti.yaml", "  2022: 2\n", '  2022: "2"\n')
    # 2. an unknown parent id
    _replace(ind / "nilai_sakip.yaml", "induk: sasaran_akuntabilitas", "induk: tak_ada")
    # 3. a duplicated indicator id (a second file with the same id)
    (ind / "ikm_salinan.yaml").write_text(
        (ind / "ikm.yaml").read_text(encoding="utf-8").replace("urutan: 1", "urutan: 9"),
        encoding="utf-8",
    )
    # 4. a duplicated YAML key
    profil = data / "profil.yaml"
    profil.write_text(profil.read_text(encoding="utf-8") + "visi: Visi kedua\n", encoding="utf-8")
    # 5. a year outside the period 2020-2024
    _replace(ind / "nilai_sakip.yaml", "2024: 82", "2024: 82\n  2030: 90")
    # 6. a YAML syntax error
    _replace(data / "wilayah.yaml", "batas:", "batas: [tidak ditutup")
    # 7. a formula naming a missing indicator
    _replace(
        ind / "ikm_kecamatan.yaml",
        "+ persentase_layanan_trantib +",
        "+ indikator_hilang +",
    )
    # 8. a formula cycle: a program indicator computed from the composite that reads it
    _replace(
        ind / "persentase_layanan_pemerintahan_umum.yaml",
        "jenis: manual",
        "jenis: komposit\n  rumus: ikm_kecamatan * 1",
    )

    result = run_check(data)
    assert result.returncode == 1
    out = result.stderr

    def expect(path: Path, line: int, pattern: str) -> None:
        regex = re.escape(f"{path}:{line}:") + r"\d+: " + pattern
        assert re.search(regex, out), f"missing {path.name}:{line} {pattern!r} in\n{out}"

    temuan = ind / "temuan_bpk_belum_ditindaklanjuti.yaml"
    expect(temuan, line_of(temuan, '2022: "2"'), r"`target › 2022` harus berupa angka")
    assert 'ditemukan : teks "2"' in out
    expect(
        ind / "nilai_sakip.yaml",
        line_of(ind / "nilai_sakip.yaml", "induk: tak_ada"),
        r"induk `tak_ada` tidak ada",
    )
    expect(
        ind / "ikm_salinan.yaml",
        line_of(ind / "ikm_salinan.yaml", "id: ikm"),
        r"id indikator `ikm` sudah dipakai di .*ikm\.yaml:\d+",
    )
    expect(profil, line_of(profil, "visi: Visi kedua"), r"kunci `visi` ditulis dua kali")
    expect(
        ind / "nilai_sakip.yaml",
        line_of(ind / "nilai_sakip.yaml", "2030: 90"),
        r"tahun 2030 di luar periode dokumen `2020-2024-perubahan` 2020–2024",
    )
    # PyYAML reports an unclosed flow sequence where it gives up, after the opening line.
    assert re.search(
        re.escape(f"{data / 'wilayah.yaml'}:") + r"\d+:\d+: kesalahan sintaks YAML", out
    )
    expect(
        ind / "ikm_kecamatan.yaml",
        line_of(ind / "ikm_kecamatan.yaml", "  rumus:"),
        r"rumus menyebut indikator `indikator_hilang` yang tidak ada",
    )
    assert re.search(
        r"rumus membentuk lingkaran: (ikm_kecamatan|persentase_layanan_pemerintahan_umum) → ", out
    )
    assert out.startswith("Data tidak valid:")


def test_survey_errors_name_csv_cells_and_impossible_totals(copy_data) -> None:
    data = copy_data(DEMO)
    csv_path = data / "ikm" / "ikm-2023-responden.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = lines[2].split(",")
    row[header.index("U2")] = "9"
    row[header.index("U9")] = "x"
    lines[2] = ",".join(row)
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _replace(data / "ikm" / "2020.yaml", "U1: {jumlah_nilai: 148", "U1: {jumlah_nilai: 201")

    out = run_check(data).stderr
    col_u2, col_u9 = header.index("U2") + 1, header.index("U9") + 1
    assert f"{csv_path}:3:{col_u2}: baris 3, kolom U2: nilai '9' tidak sah" in out
    assert f"{csv_path}:3:{col_u9}: baris 3, kolom U9: nilai 'x' tidak sah" in out
    yaml_path = data / "ikm" / "2020.yaml"
    line = line_of(yaml_path, "U1: {jumlah_nilai: 201")
    assert f"{yaml_path}:{line}:" in out
    assert "jumlah nilai U1 mustahil untuk 50 responden" in out
    assert "diharapkan: antara 50 dan 200" in out


def test_realisasi_errors(copy_data) -> None:
    data = copy_data(DEMO)
    path = data / "realisasi" / "2021.yaml"
    _replace(
        path,
        "realisasi:\n",
        "realisasi:\n  ikm_kecamatan:\n    nilai: 80\n  tak_dikenal:\n    nilai: 1\n",
    )
    _replace(path, "nilai: 19", "nilai: sembilan belas")
    out = run_check(data).stderr
    assert f"{path}:{line_of(path, 'ikm_kecamatan:')}:3: realisasi `ikm_kecamatan` dihitung" in out
    assert f"{path}:{line_of(path, 'tak_dikenal:')}:3: indikator `tak_dikenal` tidak ada" in out
    assert f"{path}:{line_of(path, 'sembilan belas')}:" in out
    assert 'ditemukan : teks "sembilan belas"' in out
