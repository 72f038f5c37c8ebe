"""A chain of IKU documents, as staff grow it: ``dokumen-baru`` (a new period, or a revision with
``--perubahan``), then ``tahun-baru``, ``check`` and a strict build, without changing a number of
the years already published.

The first test runs on a copy of ``data/`` and is generic (it passes for whatever unit a fork
holds: the years are read from the data); the others run on the demo (``data_contoh/``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from iku_macros.data.loading import load_dataset
from iku_macros.report import build_laporan
from iku_macros.web.opendata import records
from iku_macros.workflow import new_document
from iku_macros.workflow.new_document import DokumenBaruError, dokumen_baru

from .conftest import DATA, DEMO, FORMAT_V1, ROOT, data_unit, run_cli
from .site_build import build_site

NUMBERS = ("id", "tahun", "target", "realisasi", "capaian", "predikat", "status")
VENV_BIN = Path(sys.executable).parent


run = run_cli


def numbers(folder: Path, years: set[int]) -> list[tuple[object, ...]]:
    """Every published number of ``years``, per indicator and year (the open data's rows)."""
    laporan = build_laporan(load_dataset(folder))
    return [
        tuple(record[name] for name in NUMBERS)
        for record in records(laporan)
        if record["tahun"] in years
    ]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (to prove a refusal wrote nothing)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def without_target(path: Path) -> dict[str, object]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document.pop("target", None)
    return document


# --- the unit's own data ------------------------------------------------------------------


@data_unit
def test_next_period_on_the_units_data_checks_builds_and_keeps_every_number(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    if load_dataset(data).format_lama:
        # A fork still in the first format: what its operator does first (the Panduan says so).
        migrated = run("migrasi", "data", cwd=tmp_path)
        assert migrated.returncode == 0, migrated.stderr
    before = load_dataset(data)
    covered = set(before.berlaku)
    awal = max(covered) + 1
    akhir = awal + 1
    kini = before.dokumen_kini
    old_numbers = numbers(data, covered)
    assert old_numbers, "data/ tanpa angka terbitan"

    result = run("dokumen-baru", str(awal), str(akhir), "--data", "data", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    ident = f"{awal}-{akhir}"
    folder = data / "dokumen" / ident
    assert f"Ditulis: data/dokumen/{ident}/ (dokumen periode {awal}–{akhir}, dari {kini.id})" in (
        result.stdout
    )
    assert f"python -m iku_macros tahun-baru {awal} --data data" in result.stdout
    assert sorted(p.name for p in folder.iterdir()) == [
        "dokumen.yaml",
        "indikator",
        "kerangka.yaml",
    ]
    # Every indicator of the document in force before, definitions kept, targets to fill.
    assert sorted(p.stem for p in (folder / "indikator").glob("*.yaml")) == sorted(kini.indikator)
    base = data.parent
    for ident_ind in kini.indikator:
        new = folder / "indikator" / f"{ident_ind}.yaml"
        old = base / kini.berkas[f"indikator:{ident_ind}"]
        assert without_target(new) == without_target(old)
        assert yaml.safe_load(new.read_text(encoding="utf-8"))["target"] == {}

    result = run("tahun-baru", str(awal), "--data", "data", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    realisasi = (data / "realisasi" / f"{awal}.yaml").read_text(encoding="utf-8")
    assert f"dokumen IKU yang berlaku tahun {awal}: {ident}\n" in realisasi
    check = run("check", "data", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert f"{ident} (awal, periode {awal}–{akhir}, berlaku {awal}–{akhir})" in check.stdout
    after = load_dataset(data)
    assert after.berlaku == {**before.berlaku, awal: ident, akhir: ident}
    assert numbers(data, covered) == old_numbers
    log = build_site(data, tmp_path / "site")
    assert "WARNING" not in log, log


# --- the demo: a new period ---------------------------------------------------------------


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    return data


def test_new_period_copies_the_document_in_force_before_it(demo: Path) -> None:
    # One indicator without any target (an IKM the document sets none for): it is appended.
    ikm_source = demo / "dokumen" / "2025-2029" / "indikator" / "ikm.yaml"
    ikm_text = ikm_source.read_text("utf-8")
    ikm_source.write_text(ikm_text[: ikm_text.index("target:\n")], "utf-8")
    result = run("dokumen-baru", "2030", "2034", cwd=demo.parent)
    assert result.returncode == 0, result.stderr
    folder = demo / "dokumen" / "2030-2034"
    source = demo / "dokumen" / "2025-2029"  # in force in 2029
    assert "dari 2025-2029" in result.stdout
    assert "10 indikator: isi targetnya" in result.stdout
    assert not (folder / "narasi").exists()  # chapters are optional
    assert (folder / "kerangka.yaml").read_text("utf-8") == (source / "kerangka.yaml").read_text(
        "utf-8"
    )
    assert (folder / "dokumen.yaml").read_text("utf-8") == (
        "# yaml-language-server: $schema=../../../schema/dokumen.schema.json\n"
        "# Dibuat dengan `python -m iku_macros dokumen-baru 2030 2034` dari dokumen 2025-2029.\n"
        "# Lengkapi dari dokumen resmi: judul seperti di sampulnya, penetapan, penandatangan.\n"
        "judul: Indikator Kinerja Utama\n"
        "jenis: awal\n"
        "periode:\n"
        "  awal: 2030\n"
        "  akhir: 2034\n"
        "# penetapan: isi dari dokumen resmi, lalu hapus tanda # di depan baris-baris ini\n"
        "#   nomor: 050/123/404.401/2030\n"
        "#   tanggal: 2030-01-31\n"
        "salam_penutup: Mengetahui,\n"
        "# penandatangan: disalin dari dokumen 2025-2029; periksa dengan dokumen resmi\n"
        "penandatangan:\n"
        "  jabatan: Camat Contoh\n"
        "  nama: Nama Contoh Baru, S.STP.\n"
        "  pangkat: Pembina\n"
        '  nip: "198502022010011002"\n'
    )
    text = (folder / "indikator" / "persentase_layanan_daring.yaml").read_text("utf-8")
    old = (source / "indikator" / "persentase_layanan_daring.yaml").read_text("utf-8")
    # The file as it was (comments and definitions), only the targets replaced: the years to
    # fill with the old document's last target (2029: 70) as the example.
    assert text == old.split("target:\n")[0] + (
        "# Target 2030–2034 belum diisi. Salin dari dokumen resmi: ganti `target: {}` dengan\n"
        "# satu baris per tahun dan hapus tanda # di depannya, mis. (angkanya target terakhir "
        "dokumen 2025-2029):\n"
        "# target:\n"
        "#   2030: 70\n"
        "#   2031: 70\n"
        "#   2032: 70\n"
        "#   2033: 70\n"
        "#   2034: 70\n"
        "target: {}\n"
    )
    assert text.splitlines()[0] == (
        "# yaml-language-server: $schema=../../../../schema/indikator.schema.json"
    )
    for path in (folder / "indikator").glob("*.yaml"):
        assert yaml.safe_load(path.read_text("utf-8"))["target"] == {}
        assert ": null" not in path.read_text("utf-8")  # null would mean the document wrote "-"
    # An indicator without any target gets a mid-range example: 0–100 -> 50.
    ikm = (folder / "indikator" / "ikm.yaml").read_text("utf-8")
    assert ikm.startswith(ikm_text[: ikm_text.index("target:\n")] + "# Target 2030–2034 belum")
    assert ikm.endswith(
        "mis. (angkanya hanya contoh):\n# target:\n#   2030: 50\n"
        + ("#   2031: 50\n#   2032: 50\n#   2033: 50\n#   2034: 50\ntarget: {}\n")
    )
    lint = subprocess.run(
        [str(VENV_BIN / "yamllint"), "--strict", "-c", str(ROOT / ".yamllint.yaml"), str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout
    assert load_dataset(demo).berlaku[2030] == "2030-2034"


def test_new_period_with_a_gap_starts_from_the_newest_document(demo: Path) -> None:
    result = run("dokumen-baru", "2032", "2036", "--berlaku-mulai", "2033", cwd=demo.parent)
    assert result.returncode == 0, result.stderr
    assert "dari 2025-2029" in result.stdout
    text = (demo / "dokumen" / "2032-2036" / "dokumen.yaml").read_text("utf-8")
    assert "  akhir: 2036\nberlaku_mulai: 2033\n# penetapan:" in text
    assert "#   tanggal: 2033-01-31\n" in text
    dataset = load_dataset(demo)
    assert [y for y, d in dataset.berlaku.items() if d == "2032-2036"] == [2033, 2034, 2035, 2036]


# --- the demo: a revision -----------------------------------------------------------------


def test_revision_keeps_the_targets_and_takes_over_from_its_first_year(demo: Path) -> None:
    everything = set(load_dataset(demo).tahun)
    old_numbers = numbers(demo, everything)
    result = run(
        "dokumen-baru", "2025", "2029", "--perubahan", "--berlaku-mulai", "2027", cwd=demo.parent
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "Ditulis: data/dokumen/2025-2029-perubahan/ (dokumen perubahan periode 2025–2029, "
        "merevisi 2025-2029):\n"
    )
    assert "ubah target yang direvisi" in result.stdout
    assert "berlaku_mulai diisi" not in result.stdout
    assert "python -m iku_macros tahun-baru 2027 --data data" in result.stdout
    folder = demo / "dokumen" / "2025-2029-perubahan"
    meta = (folder / "dokumen.yaml").read_text("utf-8")
    assert (
        "judul: Indikator Kinerja Utama Perubahan\n"
        "jenis: perubahan\n"
        "periode:\n"
        "  awal: 2025\n"
        "  akhir: 2029\n"
        "berlaku_mulai: 2027\n"
        "merevisi: 2025-2029\n"
        "# keterangan_revisi: (opsional) apa yang direvisi, untuk pembaca\n"
    ) in meta
    source = demo / "dokumen" / "2025-2029" / "indikator"
    for path in (folder / "indikator").glob("*.yaml"):
        text = path.read_text("utf-8")
        assert yaml.safe_load(text) == yaml.safe_load((source / path.name).read_text("utf-8"))
        assert (
            "# Target disalin dari dokumen 2025-2029: ubah target yang direvisi (yang berlaku "
            "mulai 2027); target lain biarkan seperti di dokumen resmi.\ntarget:"
        ) in text
    dataset = load_dataset(demo)
    assert [dataset.berlaku[y] for y in range(2025, 2030)] == [
        "2025-2029",
        "2025-2029",
        "2025-2029-perubahan",
        "2025-2029-perubahan",
        "2025-2029-perubahan",
    ]
    # Same targets: no published number moves until a revised target is written.
    assert numbers(demo, everything) == old_numbers
    assert run("check", "data", cwd=demo.parent).returncode == 0


def test_revision_without_berlaku_mulai_starts_after_the_reported_years(demo: Path) -> None:
    # 2025-2029 has realisasi for 2025 only: the revision starts in 2026, and says so.
    result = run("dokumen-baru", "2025", "2029", "--perubahan", cwd=demo.parent)
    assert result.returncode == 0, result.stderr
    assert (
        "berlaku_mulai diisi 2026 (tahun pertama yang belum berisi realisasi); ganti bila "
        "dokumen resmi menyebut tahun lain."
    ) in result.stdout
    meta = (demo / "dokumen" / "2025-2029-perubahan" / "dokumen.yaml").read_text("utf-8")
    assert (
        "# berlaku_mulai dipilih otomatis: 2026, tahun pertama yang belum berisi\n"
        "# realisasi. Ganti dengan tahun pertama target barunya dipakai menurut dokumen\n"
        "# resmi.\n"
        "berlaku_mulai: 2026\n"
    ) in meta
    assert load_dataset(demo).berlaku[2026] == "2025-2029-perubahan"


# --- refusals: a message, exit 1, nothing written -----------------------------------------


def _refused(data: Path, *args: str) -> str:
    before = tree(data)
    result = run("dokumen-baru", *args, "--data", data.name, cwd=data.parent)
    assert result.returncode == 1, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith("Dokumen tidak dibuat: ")
    assert "Traceback" not in result.stderr
    assert tree(data) == before
    return result.stderr


def test_refuses_a_period_that_ends_before_it_starts(demo: Path) -> None:
    message = _refused(demo, "2034", "2030")
    assert "tahun akhir 2030 sebelum tahun awal 2034" in message
    assert "mis. 2034 2038" in message


def test_refuses_a_taken_id(demo: Path) -> None:
    message = _refused(demo, "2025", "2029")
    assert "dokumen `2025-2029` sudah ada (data/dokumen/2025-2029/)" in message
    # A second revision of a period is named by its first year; that name taken is refused.
    (demo / "dokumen" / "2020-2024-perubahan-2023").mkdir()
    message = _refused(demo, "2020", "2024", "--perubahan", "--berlaku-mulai", "2023")
    assert "dokumen `2020-2024-perubahan-2023` sudah ada" in message


def test_refuses_a_new_period_overlapping_the_document_in_force(demo: Path) -> None:
    message = _refused(demo, "2024", "2028")
    assert (
        "dokumen `2024-2028` akan berlaku bersama dokumen `2020-2024-perubahan` untuk tahun "
        "2024 tanpa merevisinya. Bila dokumen baru ini merevisi `2020-2024-perubahan`, "
        "tambahkan --perubahan; bila periode baru, mulailah sesudah 2024 (tahun yang dicakup "
        "dokumen: 2020–2029)."
    ) in message
    assert "bersama dokumen `2025-2029` untuk tahun 2027–2029" in _refused(demo, "2027", "2031")


def test_refuses_berlaku_mulai_outside_the_period_and_a_revision_of_nothing(demo: Path) -> None:
    message = _refused(demo, "2030", "2034", "--berlaku-mulai", "2029")
    assert "--berlaku-mulai 2029 di luar periode 2030–2034" in message
    message = _refused(demo, "2030", "2034", "--perubahan")
    assert "tidak ada dokumen yang berlaku dalam 2030–2034 untuk direvisi" in message
    assert "jalankan tanpa --perubahan" in message


def test_refuses_an_old_format_folder_and_names_migrasi(tmp_path: Path) -> None:
    data = tmp_path / "lama"
    shutil.copytree(FORMAT_V1, data)
    message = _refused(data, "2025", "2029")
    assert "folder lama masih memakai format lama" in message
    assert "python -m iku_macros migrasi lama" in message


def test_refuses_an_invalid_folder(demo: Path) -> None:
    path = demo / "realisasi" / "2023.yaml"
    path.write_text(path.read_text("utf-8").replace("nilai: 90.0", "nilai: 90,0", 1), "utf-8")
    message = _refused(demo, "2030", "2034")
    assert "data di data belum valid; perbaiki dulu, lalu ulangi." in message
    assert "data/realisasi/2023.yaml:" in message


def test_a_scaffold_that_does_not_check_is_removed(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree(demo)

    def broken(*_: object) -> list[str]:
        return ["target:", "  2030: tujuh puluh"]

    monkeypatch.setattr(new_document, "_empty_targets", broken)
    with pytest.raises(DokumenBaruError) as refused:
        dokumen_baru(2030, 2034, demo)
    assert "dokumen yang dibuat tidak lolos pemeriksaan, jadi dihapus lagi" in str(refused.value)
    assert "data/dokumen/2030-2034/indikator/" in str(refused.value)
    assert tree(demo) == before
    assert not (demo / "dokumen" / "2030-2034").exists()
