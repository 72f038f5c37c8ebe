"""The chain of IKU documents: which one is in force each year, the merged publication view of
the demo (hand-checked against data_contoh/dokumen/*), and the lineage checks staff meet in
``python -m iku_macros check`` (all reported together, each at its file:line)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from iku_macros.data.documents import covered_years, in_force, revised_chain
from iku_macros.data.errors import DataValidationError
from iku_macros.data.loading import load_dataset
from iku_macros.data.model import DokumenIKU
from iku_macros.report import build_laporan

from ..conftest import DEMO, ROOT

# --- in force -------------------------------------------------------------------------------


def test_a_revision_wins_in_its_years_and_the_original_keeps_the_earlier_ones() -> None:
    berlaku = in_force(
        {"awal": range(2020, 2025), "ubah": range(2022, 2025)}, {"awal": None, "ubah": "awal"}
    )
    assert berlaku.per_tahun == {
        2020: "awal",
        2021: "awal",
        2022: "ubah",
        2023: "ubah",
        2024: "ubah",
    }
    assert berlaku.bentrok == {}


def test_overlap_without_a_revision_is_a_conflict_for_the_shared_years_only() -> None:
    berlaku = in_force({"a": range(2020, 2025), "b": range(2023, 2028)}, {"a": None, "b": None})
    assert berlaku.per_tahun == {2020: "a", 2021: "a", 2022: "a", 2025: "b", 2026: "b", 2027: "b"}
    assert berlaku.bentrok == {("a", "b"): [2023, 2024]}
    assert berlaku.tahun_bentrok == {2023, 2024}


def test_a_chain_of_revisions_each_from_its_own_year() -> None:
    spans = {"a": range(2020, 2025), "b": range(2022, 2025), "c": range(2024, 2025)}
    merevisi = {"a": None, "b": "a", "c": "b"}
    assert revised_chain("c", merevisi) == ["b", "a"]
    berlaku = in_force(spans, merevisi)
    assert berlaku.per_tahun == {2020: "a", 2021: "a", 2022: "b", 2023: "b", 2024: "c"}
    assert berlaku.bentrok == {}


def test_two_revisions_of_one_document_that_overlap_conflict() -> None:
    # b and c both revise a, neither revises the other: 2023-2024 are claimed by both.
    spans = {"a": range(2020, 2025), "b": range(2022, 2025), "c": range(2023, 2025)}
    berlaku = in_force(spans, {"a": None, "b": "a", "c": "a"})
    assert berlaku.per_tahun == {2020: "a", 2021: "a", 2022: "b"}
    assert berlaku.bentrok == {("b", "c"): [2023, 2024]}


def test_the_next_period_follows_without_revising() -> None:
    berlaku = in_force({"lama": range(2020, 2025), "baru": range(2025, 2030)}, {})
    assert [berlaku.per_tahun[y] for y in (2024, 2025)] == ["lama", "baru"]
    assert covered_years({**berlaku.per_tahun, 2032: "x"}) == "2020–2029, 2032"


def test_revised_chain_stops_at_a_cycle_and_an_unknown_document() -> None:
    assert revised_chain("a", {"a": "b", "b": "a"}) == ["b"]
    assert revised_chain("a", {"a": "hilang"}) == []


def _meta(**extra: object) -> DokumenIKU:
    return DokumenIKU.model_validate(
        {
            "judul": "Contoh",
            "jenis": "awal",
            "periode": {"awal": 2025, "akhir": 2029},
            "penandatangan": {"jabatan": "Kepala", "nama": "Nama"},
            **extra,
        }
    )


def test_berlaku_mulai_defaults_to_the_start_of_the_period() -> None:
    assert _meta().tahun_mulai == 2025
    assert _meta(jenis="perubahan", berlaku_mulai=2027).tahun_mulai == 2027
    dataset = load_dataset(DEMO)
    assert dataset.dokumen["2020-2024"].meta.berlaku_mulai is None
    assert dataset.dokumen["2020-2024"].tahun_berlaku == range(2020, 2025)
    assert dataset.dokumen["2020-2024-perubahan"].tahun_berlaku == range(2022, 2025)


# --- the demo's chain, merged ----------------------------------------------------------------

YEARS = range(2020, 2030)


def test_demo_document_in_force_each_year() -> None:
    dataset = load_dataset(DEMO)
    assert list(dataset.dokumen) == ["2020-2024", "2020-2024-perubahan", "2025-2029"]
    assert dataset.berlaku == {
        2020: "2020-2024",
        2021: "2020-2024",
        2022: "2020-2024-perubahan",
        2023: "2020-2024-perubahan",
        2024: "2020-2024-perubahan",
        **{year: "2025-2029" for year in range(2025, 2030)},
    }
    assert dataset.tahun == YEARS
    assert dataset.dokumen_kini.id == "2025-2029"
    assert dataset.pada_tahun(2021).dokumen_kini.id == "2020-2024"
    assert dataset.pada_tahun(2023).dokumen_kini.id == "2020-2024-perubahan"
    assert not dataset.format_lama


@pytest.mark.parametrize(
    ("ident", "targets"),
    [
        # 2020-2021 from 2020-2024, 2022-2024 from the revision, 2025-2029 from the next period.
        ("nilai_sakip", [70, 72, 75, 80, 82, 82, 83, 84, 85, 86]),
        ("pengaduan_tidak_tepat_waktu", [20, 15, 12, 10, 8, 8, 7, 6, 5, 5]),
        ("persentase_layanan_trantib", [85, 85, 87, 88, 90, 90, 91, 92, 93, 94]),
    ],
)
def test_merged_targets_follow_the_document_in_force(ident: str, targets: list[int]) -> None:
    merged = load_dataset(DEMO).indikator[ident].target
    assert merged == dict(zip(YEARS, targets, strict=True))


def test_indicators_start_and_end_with_their_documents() -> None:
    dataset = load_dataset(DEMO)
    assert dataset.indikator["temuan_bpk_belum_ditindaklanjuti"].target == {
        2020: 5,
        2021: 4,
        2022: 2,
        2023: 0,
        2024: 0,
    }
    assert dataset.indikator["persentase_layanan_daring"].target == {
        2025: 30,
        2026: 40,
        2027: 50,
        2028: 60,
        2029: 70,
    }


def test_each_document_keeps_its_own_targets_and_definitions() -> None:
    dataset = load_dataset(DEMO)
    original = dataset.untuk_dokumen("2020-2024")
    assert original.tahun == range(2020, 2025)
    assert original.dokumen_kini.id == "2020-2024"
    assert original.indikator["nilai_sakip"].target == {
        2020: 70,
        2021: 72,
        2022: 74,
        2023: 76,
        2024: 78,
    }
    assert "persentase_layanan_daring" not in original.indikator
    old = "Persentase pengaduan yang tidak selesai tepat waktu"
    new = "Persentase pengaduan yang tidak selesai dalam batas waktu layanan"
    assert dataset.versi("pengaduan_tidak_tepat_waktu", 2024).nama == old
    assert dataset.versi("pengaduan_tidak_tepat_waktu", 2025).nama == new
    assert dataset.indikator["pengaduan_tidak_tepat_waktu"].nama == new  # the newest definition
    assert dataset.berkas["indikator:2020-2024:nilai_sakip"] == (
        "data_contoh/dokumen/2020-2024/indikator/nilai_sakip.yaml"
    )
    assert dataset.berkas["indikator:nilai_sakip"] == (
        "data_contoh/dokumen/2025-2029/indikator/nilai_sakip.yaml"
    )


def test_report_measures_each_year_against_its_document_and_the_pk() -> None:
    laporan = build_laporan(load_dataset(DEMO))
    sakip = laporan.indikator["nilai_sakip"].tahun
    assert [(sakip[y].dokumen, sakip[y].target) for y in (2021, 2022)] == [
        ("2020-2024", Fraction(72)),
        ("2020-2024-perubahan", Fraction(75)),
    ]
    # 2025: the Perjanjian Kinerja raises 30 to 35; capaian 34 / 35 × 100 = 97.142857… %.
    daring = laporan.indikator["persentase_layanan_daring"].tahun[2025]
    assert (daring.target, daring.target_dokumen, daring.target_pk) == (
        Fraction(35),
        Fraction(30),
        True,
    )
    assert daring.capaian.nilai == Fraction(3400, 35)
    assert daring.dokumen == "2025-2029"
    assert not sakip[2025].target_pk and sakip[2025].target_dokumen == sakip[2025].target == 82


# --- lineage errors, all in one run ----------------------------------------------------------


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def test_every_lineage_error_is_reported_in_one_check_run(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    dokumen = data / "dokumen"
    # 1. two documents in force 2022-2024, neither revising the other
    perubahan = dokumen / "2020-2024-perubahan" / "dokumen.yaml"
    _replace(perubahan, "merevisi: 2020-2024\n", "")
    # 2. realisasi for a year no document covers
    lewat = data / "realisasi" / "2031.yaml"
    lewat.write_text(
        "# yaml-language-server: $schema=../../schema/realisasi.schema.json\n"
        "tahun: 2031\nrealisasi:\n  nilai_sakip:\n    nilai: 80\n",
        encoding="utf-8",
    )
    # 3. realisasi for an indicator the document in force (2020-2024 in 2021) does not have
    realisasi_2021 = data / "realisasi" / "2021.yaml"
    _replace(
        realisasi_2021, "realisasi:\n", "realisasi:\n  persentase_layanan_daring:\n    nilai: 10\n"
    )
    # 4. a revision of a document that does not exist
    berikut = dokumen / "2025-2029" / "dokumen.yaml"
    _replace(berikut, "jenis: awal\n", "jenis: perubahan\nmerevisi: 2025-2029-awal\n")
    # 5. a period that is not a range (a new document, copied from the next period's)
    shutil.copytree(dokumen / "2025-2029", dokumen / "2030-2034")
    terbalik = dokumen / "2030-2034" / "dokumen.yaml"
    _replace(terbalik, "jenis: perubahan\nmerevisi: 2025-2029-awal\n", "jenis: awal\n")
    _replace(terbalik, "  awal: 2025\n  akhir: 2029\n", "  awal: 2034\n  akhir: 2030\n")
    # 6. a target outside its document's period
    sakip = dokumen / "2020-2024" / "indikator" / "nilai_sakip.yaml"
    _replace(sakip, "  2024: 78\n", "  2024: 78\n  2025: 90\n")

    result = subprocess.run(
        [sys.executable, "-m", "iku_macros", "check", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    out = result.stderr
    assert out.startswith("Data tidak valid: 6 kesalahan ditemukan."), out

    def expect(path: Path, needle: str, pattern: str) -> None:
        regex = re.escape(f"{path}:{_line(path, needle)}:") + r"\d+: " + pattern
        assert re.search(regex, out), f"missing {path}:{needle!r} {pattern!r} in\n{out}"

    expect(
        perubahan,
        "awal: 2020",  # the error points at the period's value
        r"dokumen `2020-2024` dan `2020-2024-perubahan` sama-sama berlaku untuk tahun "
        r"2022–2024, dan tidak ada yang merevisi yang lain",
    )
    assert "`merevisi: 2020-2024` bila `2020-2024-perubahan` merevisinya" in out
    expect(lewat, "tahun: 2031", r"tidak ada dokumen IKU yang berlaku untuk tahun 2031")
    expect(
        realisasi_2021,
        "persentase_layanan_daring:",
        r"indikator `persentase_layanan_daring` tidak ada di dokumen `2020-2024` yang berlaku "
        r"tahun 2021",
    )
    expect(berikut, "merevisi:", r"dokumen yang direvisi, `2025-2029-awal`, tidak ada")
    expect(
        terbalik,
        "akhir: 2030",
        r"periode dokumen `2030-2034` bukan rentang tahun: akhir 2030 sebelum awal 2034",
    )
    expect(sakip, "2025: 90", r"tahun 2025 di luar periode dokumen `2020-2024` 2020–2024")


# --- refused layouts and kinds ---------------------------------------------------------------


def _load_errors(data: Path) -> list[str]:
    with pytest.raises(DataValidationError) as raised:
        load_dataset(data)
    return [str(error) for error in raised.value.errors]


def _only(errors: list[str], pattern: str) -> str:
    found = [e for e in errors if re.search(pattern, e)]
    assert len(found) == 1, "\n".join(errors)
    return found[0]


def test_mixing_the_first_format_with_documents_is_refused(copy_data) -> None:
    data = copy_data(DEMO)
    (data / "indikator").mkdir()
    shutil.copy(data / "dokumen/2025-2029/indikator/nilai_sakip.yaml", data / "indikator")
    profil = data / "profil.yaml"
    _replace(
        profil,
        "visi:",
        "dokumen:\n  judul: Lama\n  periode: {awal: 2020, akhir: 2024}\n"
        "  penandatangan: {jabatan: Camat, nama: Nama}\nvisi:",
    )
    errors = _load_errors(data)
    moved = _only(errors, r"`indikator/nilai_sakip\.yaml` di luar dokumen/ adalah format lama")
    assert moved.startswith(str(data / "indikator" / "nilai_sakip.yaml"))
    assert "pindahkan ke dokumen/<id>/indikator/nilai_sakip.yaml" in moved
    block = _only(errors, r"`dokumen` di profil\.yaml adalah format lama")
    assert block.startswith(f"{profil}:{_line(profil, 'dokumen:')}:1: ")


@pytest.mark.parametrize("name", ["dokumen.yaml", "kerangka.yaml"])
def test_a_document_folder_without_its_required_file_is_refused(copy_data, name: str) -> None:
    data = copy_data(DEMO)
    missing = data / "dokumen" / "2025-2029" / name
    missing.unlink()
    error = _only(_load_errors(data), "berkas wajib dokumen tidak ada")
    assert error.startswith(f"{missing}: berkas wajib dokumen tidak ada")
    assert f"diharapkan: berkas dokumen/2025-2029/{name}" in error


def test_an_original_that_revises_is_refused(copy_data) -> None:
    data = copy_data(DEMO)
    path = data / "dokumen" / "2020-2024-perubahan" / "dokumen.yaml"
    _replace(path, "jenis: perubahan", "jenis: awal")
    error = _only(_load_errors(data), "berjenis awal")
    assert error.startswith(f"{path}:{_line(path, 'jenis: awal')}:")
    assert "dokumen `2020-2024-perubahan` merevisi `2020-2024` tetapi berjenis awal" in error
    assert "diharapkan: `jenis: perubahan` untuk dokumen yang merevisi dokumen lain" in error


def test_berlaku_mulai_outside_the_period_is_refused(copy_data) -> None:
    data = copy_data(DEMO)
    path = data / "dokumen" / "2020-2024-perubahan" / "dokumen.yaml"
    _replace(path, "berlaku_mulai: 2022", "berlaku_mulai: 2026")
    errors = _load_errors(data)
    error = _only(errors, "berlaku_mulai 2026 di luar periode")
    assert error.startswith(f"{path}:{_line(path, 'berlaku_mulai')}:")
    assert "diharapkan: tahun antara 2020 dan 2024" in error


def test_a_revision_cycle_is_refused(copy_data) -> None:
    data = copy_data(DEMO)
    path = data / "dokumen" / "2020-2024" / "dokumen.yaml"
    _replace(path, "jenis: awal\n", "jenis: perubahan\nmerevisi: 2020-2024-perubahan\n")
    errors = _load_errors(data)
    error = _only(errors, "rantai revisi dokumen `2020-2024` kembali")
    assert error.startswith(f"{path}:{_line(path, 'merevisi:')}:")
    # Years the cycle leaves undecided are not also reported as covered by no document.
    assert not [e for e in errors if "tidak ada dokumen IKU yang berlaku" in e], errors


def test_realisasi_is_checked_against_the_version_in_force(copy_data) -> None:
    # 2020-2024 (in force in 2021) allows trantib up to 150; the later documents keep 0–100.
    data = copy_data(DEMO)
    trantib = data / "dokumen" / "2020-2024" / "indikator" / "persentase_layanan_trantib.yaml"
    _replace(trantib, "polaritas: positif\n", "polaritas: positif\nbatas: {min: 50, max: 150}\n")
    _replace(
        data / "realisasi" / "2021.yaml",
        "  persentase_layanan_trantib:\n    nilai: 60.0",
        "  persentase_layanan_trantib:\n    nilai: 150",
    )
    laporan = build_laporan(load_dataset(data))
    assert laporan.indikator["persentase_layanan_trantib"].tahun[2021].realisasi == 150
