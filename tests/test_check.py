"""`python -m iku_macros check`: clean data passes; all kinds of broken data reported at once."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from iku_macros.loading import load_dataset

from .conftest import DATA, DEMO, ROOT


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


@pytest.mark.parametrize("data_dir", [DATA, DEMO], ids=["data", "data_contoh"])
def test_check_passes_on_shipped_data(data_dir: Path) -> None:
    result = run_check(data_dir)
    assert result.returncode == 0, result.stderr
    assert "Data valid" in result.stdout


def test_demo_is_marked_as_demo_and_real_data_is_not() -> None:
    assert load_dataset(DEMO).profil.data_contoh is True
    assert load_dataset(DATA).profil.data_contoh is False


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_error_is_reported_in_one_run(copy_data) -> None:
    data = copy_data(DATA)
    ind = data / "indikator"
    # 1. a string where a number belongs
    _replace(ind / "ikm_kecamatan.yaml", "2021: 85", '2021: "85"')
    # 2. an unknown parent id
    _replace(
        ind / "nilai_sakip_kecamatan.yaml", "induk: sasaran_kinerja_pelayanan", "induk: tak_ada"
    )
    # 3. a duplicated indicator id (a second file with the same id)
    (ind / "ikm_salinan.yaml").write_text(
        (ind / "ikm.yaml").read_text(encoding="utf-8").replace("urutan: 1", "urutan: 9"),
        encoding="utf-8",
    )
    # 4. a duplicated YAML key
    profil = data / "profil.yaml"
    profil.write_text(profil.read_text(encoding="utf-8") + "visi: Visi kedua\n", encoding="utf-8")
    # 5. a year outside the period 2018-2023
    _replace(ind / "nilai_sakip_kecamatan.yaml", "2023: 89", "2023: 89\n  2030: 90")
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
        "satuan:",
        "perhitungan:\n  jenis: komposit\n  rumus: ikm_kecamatan * 1\nsatuan:",
    )

    result = run_check(data)
    assert result.returncode == 1
    out = result.stderr

    def expect(path: Path, line: int, pattern: str) -> None:
        regex = re.escape(f"{path}:{line}:") + r"\d+: " + pattern
        assert re.search(regex, out), f"missing {path.name}:{line} {pattern!r} in\n{out}"

    expect(
        ind / "ikm_kecamatan.yaml",
        line_of(ind / "ikm_kecamatan.yaml", '2021: "85"'),
        r"`2021` harus berupa angka",
    )
    assert 'ditemukan : teks "85"' in out
    expect(
        ind / "nilai_sakip_kecamatan.yaml",
        line_of(ind / "nilai_sakip_kecamatan.yaml", "induk: tak_ada"),
        r"induk `tak_ada` tidak ada",
    )
    expect(
        ind / "ikm_salinan.yaml",
        line_of(ind / "ikm_salinan.yaml", "id: ikm"),
        r"id indikator `ikm` sudah dipakai di .*ikm\.yaml:\d+",
    )
    expect(profil, line_of(profil, "visi: Visi kedua"), r"kunci `visi` ditulis dua kali")
    expect(
        ind / "nilai_sakip_kecamatan.yaml",
        line_of(ind / "nilai_sakip_kecamatan.yaml", "2030: 90"),
        r"tahun 2030 di luar periode dokumen 2018–2023",
    )
    # PyYAML reports an unclosed flow sequence where it gives up, after the opening line.
    assert re.search(
        re.escape(f"{data / 'wilayah.yaml'}:") + r"\d+:\d+: kesalahan sintaks YAML", out
    )
    expect(
        ind / "ikm_kecamatan.yaml",
        line_of(ind / "ikm_kecamatan.yaml", "rumus:"),
        r"rumus menyebut indikator `indikator_hilang` yang tidak ada",
    )
    assert re.search(
        r"rumus membentuk lingkaran: (ikm_kecamatan|persentase_layanan_pemerintahan_umum) → ", out
    )
    assert out.startswith("Data tidak valid:")
