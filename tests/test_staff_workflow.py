"""The staff workflow: a new year's realisasi file, the change summary for pull requests, the
GitHub workflows (validated offline) and the pre-commit hooks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from iku_macros.data.loading import load_dataset
from iku_macros.workflow.cli import main

from .conftest import DEMO, ROOT, data_unit, run_cli

VENV_BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
REVISI = Path("dokumen") / "2020-2024-perubahan"
"""The demo's document in force 2022–2024 (it revises 2020-2024, in force 2020–2021)."""


run = run_cli


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _offline() -> list[str]:
    """A prefix that runs a command with no network at all, where this machine allows it."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    return ["unshare", "-n"] if probe.returncode == 0 else []


# --- tahun-baru ----------------------------------------------------------------------------


def test_tahun_baru_writes_every_manual_indicator_and_check_lists_them(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    (data / "realisasi" / "2024.yaml").unlink()
    dataset = load_dataset(data)
    # The indicators of the document in force in 2024, not those of the newest document.
    indikator = dataset.dokumen["2020-2024-perubahan"].indikator
    assert dataset.berlaku[2024] == "2020-2024-perubahan"
    manual = [i.id for i in indikator.values() if i.perhitungan.jenis == "manual"]
    computed = [i.id for i in indikator.values() if i.perhitungan.jenis != "manual"]
    assert manual and computed
    assert "temuan_bpk_belum_ditindaklanjuti" in manual
    assert "persentase_layanan_daring" not in manual  # only from 2025 (document 2025-2029)

    result = run("tahun-baru", "2024", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = data / "realisasi" / "2024.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[:4] == [
        "# yaml-language-server: $schema=../../schema/realisasi.schema.json",
        "# Realisasi tahun 2024. Dibuat dengan: python -m iku_macros tahun-baru 2024",
        "# Indikator dan target dari dokumen IKU yang berlaku tahun 2024: 2020-2024-perubahan",
        "# (data/dokumen/2020-2024-perubahan/indikator/).",
    ]
    document = yaml.safe_load(text)
    assert document["tahun"] == 2024
    # Hand-entered indicators only, every value empty; computed ones only in comments.
    assert set(document["realisasi"]) == set(manual)
    assert all(entry == {"nilai": None} for entry in document["realisasi"].values())
    for ident in computed:
        assert f"({ident}): dihitung" in text
        assert f"\n  {ident}:" not in text
    # The comment above an entry names the indicator, its unit and that year's target (of the
    # revision: the original 2020-2024 set 88 for trantib and 10 for pengaduan in 2024).
    trantib = indikator["persentase_layanan_trantib"]
    assert (
        f"  # {trantib.nama}\n  # satuan: persen (%); target 2024: 90\n"
        "  persentase_layanan_trantib:\n    nilai:\n"
    ) in text
    assert "# target 2024: 8; makin rendah makin baik" in text.replace("satuan: persen (%); ", "")
    # The name as the document in force then wrote it (2025-2029 renamed the indicator).
    assert f"  # {indikator['pengaduan_tidak_tepat_waktu'].nama}\n" in text
    assert "  # Persentase pengaduan yang tidak selesai tepat waktu\n" in text
    assert "# catatan:" in text and "# bukti: https://" in text

    check = run("check", "data", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert f"tahun 2024: {', '.join(manual)})" in check.stdout
    assert "Belum diisi: " in check.stdout
    # The generated file also satisfies the repository's yamllint rules.
    lint = subprocess.run(
        [str(VENV_BIN / "yamllint"), "--strict", "-c", str(ROOT / ".yamllint.yaml"), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout


def test_tahun_baru_without_target_says_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    (data / "realisasi" / "2024.yaml").unlink()
    indikator = data / REVISI / "indikator"
    _replace(indikator / "persentase_layanan_trantib.yaml", "  2024: 90\n", "")
    _replace(indikator / "persentase_layanan_pemberdayaan.yaml", "  2024: 88\n", "  2024: null\n")
    assert run("tahun-baru", "2024", cwd=tmp_path).returncode == 0
    text = (data / "realisasi" / "2024.yaml").read_text(encoding="utf-8")
    assert (
        "# satuan: persen (%); target 2024 belum ada di dokumen 2020-2024-perubahan\n"
        "  persentase_layanan_trantib:"
    ) in text
    # null: the document printed "-" for that year.
    assert (
        '# satuan: persen (%); target tidak ditetapkan untuk 2024 (dokumen menulis "-")\n'
        "  persentase_layanan_pemberdayaan:"
    ) in text


def test_tahun_baru_uses_the_document_in_force_that_year(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    (data / "realisasi" / "2025.yaml").unlink()
    result = run("tahun-baru", "2025", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "8 indikator dengan nilai kosong" in result.stdout
    text = (data / "realisasi" / "2025.yaml").read_text(encoding="utf-8")
    assert "dokumen IKU yang berlaku tahun 2025: 2025-2029\n" in text
    entries = yaml.safe_load(text)["realisasi"]
    # 2025-2029 drops temuan_bpk_belum_ditindaklanjuti and adds persentase_layanan_daring
    # (target 2025: 30), and renames the complaints indicator.
    assert "temuan_bpk_belum_ditindaklanjuti" not in entries
    assert "  # satuan: persen (%); target 2025: 30\n  persentase_layanan_daring:\n" in text
    assert (
        "  # Persentase pengaduan yang tidak selesai dalam batas waktu layanan\n"
        "  # satuan: persen (%); target 2025: 8; makin rendah makin baik\n"
        "  pengaduan_tidak_tepat_waktu:\n"
    ) in text
    assert len(entries) == 8
    assert run("check", "data", cwd=tmp_path).returncode == 0


def test_tahun_baru_refuses_existing_file_and_years_no_document_covers(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    existing = data / "realisasi" / "2024.yaml"
    before = existing.read_text(encoding="utf-8")

    result = run("tahun-baru", "2024", cwd=tmp_path)
    assert result.returncode == 1
    assert "data/realisasi/2024.yaml sudah ada dan tidak ditimpa" in result.stderr
    assert existing.read_text(encoding="utf-8") == before

    for year in (2019, 2030):
        result = run("tahun-baru", str(year), cwd=tmp_path)
        assert result.returncode == 1
        assert result.stderr == (
            f"Berkas tidak dibuat: Tahun {year} tidak dicakup dokumen IKU mana pun (tahun yang "
            "dicakup: 2020–2029), jadi belum ada indikator dan target untuknya. Tambahkan "
            "dokumen IKU yang berlaku tahun itu lebih dulu: python -m iku_macros dokumen-baru "
            f"{year} AKHIR --data data (AKHIR: tahun akhir periodenya).\n"
        )
        assert not (data / "realisasi" / f"{year}.yaml").exists()


def test_tahun_baru_refuses_invalid_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    (data / "realisasi" / "2024.yaml").unlink()
    _replace(data / "wilayah.yaml", "batas:", "batas: [tidak ditutup")
    result = run("tahun-baru", "2024", cwd=tmp_path)
    assert result.returncode == 1
    assert "belum valid" in result.stderr and "kesalahan sintaks YAML" in result.stderr
    assert not (data / "realisasi" / "2024.yaml").exists()


def test_check_is_silent_about_empty_values_when_everything_is_filled(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    for path in (data / "realisasi").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("nilai: null", "nilai: 1"), encoding="utf-8")
    result = run("check", "data", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Belum diisi" not in result.stdout


# --- ringkasan -----------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=Operator", "-c", "user.email=operator@contoh.example", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A throwaway repository with the demo data as data/, one commit."""
    path = tmp_path / "x"
    shutil.copytree(DEMO, path / "data")
    git(path, "init", "-q")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "Data awal")
    return path


def test_ringkasan_lists_target_realisasi_capaian_and_predikat_changes(repo: Path) -> None:
    data = repo / "data"
    # realisasi 2023 of persentase_layanan_trantib (target 88, polaritas positif): 90 -> 70
    _replace(
        data / "realisasi" / "2023.yaml",
        "  persentase_layanan_trantib:\n    nilai: 90.0\n",
        "  persentase_layanan_trantib:\n    nilai: 70.0\n",
    )
    # target 2024 of pengaduan_tidak_tepat_waktu (polaritas negatif, realisasi 7.2): 8 -> 6, in
    # the document in force in 2024
    pengaduan = data / REVISI / "indikator" / "pengaduan_tidak_tepat_waktu.yaml"
    _replace(pengaduan, "  2024: 8\n", "  2024: 6\n")
    git(repo, "commit", "-q", "-am", "Koreksi realisasi dan target")

    result = run("ringkasan", "HEAD~1", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "| Indikator | Tahun | Target | Realisasi | Capaian | Predikat |" in out
    assert "- `data/realisasi/2023.yaml` (diubah)" in out
    assert (
        "- `data/dokumen/2020-2024-perubahan/indikator/pengaduan_tidak_tepat_waktu.yaml` (diubah)"
    ) in out
    # capaian positif = realisasi / target × 100:
    #   90 / 88 × 100 = 102.2727… -> 102,27 (Sangat Tinggi, ≥ 91)
    #   70 / 88 × 100 =  79.5454… ->  79,55 (Tinggi, 76 ≤ c < 91)
    assert (
        "| Persentase Layanan Ketenteraman dan Ketertiban Umum (`persentase_layanan_trantib`) "
        "| 2023 | 88,00 | 90,00 → 70,00 | 102,27% → 79,55% | Sangat Tinggi → Tinggi |"
    ) in out
    # capaian negatif = (2 × target − realisasi) / target × 100:
    #   (16 − 7.2) / 8 × 100 = 110 -> Sangat Tinggi;  (12 − 7.2) / 6 × 100 = 80 -> Tinggi
    # (named as the newest document names the indicator)
    assert (
        "| Persentase pengaduan yang tidak selesai dalam batas waktu layanan "
        "(`pengaduan_tidak_tepat_waktu`) "
        "| 2024 | 8,00 → 6,00 | 7,20 | 110,00% → 80,00% | Sangat Tinggi → Tinggi |"
    ) in out
    # The composite ikm_kecamatan (mean of the five program indicators, target 2023: 85) moves too:
    #   (88 + 86.5 + 90 + 83 + 85) / 5 = 86.5 -> (88 + 86.5 + 70 + 83 + 85) / 5 = 82.5
    #   86.5 / 85 × 100 = 101.7647… -> 101,76;  82.5 / 85 × 100 = 97.0588… -> 97,06
    assert (
        "| Indeks Kepuasan Masyarakat Kecamatan (`ikm_kecamatan`) "
        "| 2023 | 85,00 | 86,50 → 82,50 | 101,76% → 97,06% | Sangat Tinggi |"
    ) in out
    assert "3 baris angka terbitan berubah" in out
    assert "target dokumen berubah" not in out and "Dokumen IKU" not in out


def test_ringkasan_reports_a_superseded_documents_target_with_its_id(repo: Path) -> None:
    """2020-2024 is in force in 2020–2021 only: its 2023 target (76, revised to 80 by
    2020-2024-perubahan) changes no published number, and is listed with the document's id."""
    original = repo / "data" / "dokumen" / "2020-2024" / "indikator" / "nilai_sakip.yaml"
    _replace(original, "  2023: 76\n", "  2023: 77\n")
    # and a target of a year it is in force: published (2021: 72 -> 71, realisasi 66.7)
    _replace(original, "  2021: 72\n", "  2021: 71\n")
    git(repo, "commit", "-q", "-am", "Koreksi target dokumen awal")
    result = run("ringkasan", "HEAD~1", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1 baris angka terbitan berubah" in out
    # capaian = 66.7 / 72 × 100 = 92.638… -> 92,64;  66.7 / 71 × 100 = 93.943… -> 93,94
    assert (
        "| Nilai SAKIP Kecamatan (`nilai_sakip`) | 2021 | 72,00 → 71,00 | 66,70 "
        "| 92,64% → 93,94% | Sangat Tinggi |"
    ) in out
    assert "1 target dokumen berubah untuk tahun yang tidak diatur dokumen itu" in out
    assert "| Dokumen | Indikator | Tahun | Target |" in out
    assert "| `2020-2024` | Nilai SAKIP Kecamatan (`nilai_sakip`) | 2023 | 76,00 → 77,00 |" in out


def test_ringkasan_names_a_new_document_and_the_years_it_takes_over(repo: Path) -> None:
    result = run("dokumen-baru", "2025", "2029", "--perubahan", "--berlaku-mulai", "2027", cwd=repo)
    assert result.returncode == 0, result.stderr
    result = run("ringkasan", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Dokumen IKU baru: `2025-2029-perubahan` (perubahan, periode 2025–2029)." in out
    assert (
        "Dokumen IKU yang berlaku berubah: 2027: `2025-2029` → `2025-2029-perubahan`; "
        "2028: `2025-2029` → `2025-2029-perubahan`; 2029: `2025-2029` → `2025-2029-perubahan`."
    ) in out
    # The revision copies the targets: no published number changes until they are edited.
    assert "Tidak ada angka terbitan yang berubah" in out
    assert "- `data/dokumen/2025-2029-perubahan/dokumen.yaml` (ditambah)" in out


def test_ringkasan_without_head_compares_the_working_tree(repo: Path) -> None:
    result = run("ringkasan", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "Tidak ada angka terbitan yang berubah" in result.stdout
    assert "folder `data` saat ini (termasuk yang belum di-commit)" in result.stdout

    # An untracked new file counts; an empty new value changes no number.
    (repo / "data" / "realisasi" / "2024.yaml").unlink()
    git(repo, "commit", "-q", "-am", "Tanpa 2024")
    assert run("tahun-baru", "2024", cwd=repo).returncode == 0
    result = run("ringkasan", "HEAD", cwd=repo)
    assert "- `data/realisasi/2024.yaml` (ditambah)" in result.stdout
    assert "Tidak ada angka terbitan yang berubah" in result.stdout


def test_ringkasan_with_invalid_head_lists_the_errors_and_fails(repo: Path) -> None:
    _replace(repo / "data" / "realisasi" / "2023.yaml", "nilai: 90.0", "nilai: 90,5")
    git(repo, "commit", "-q", "-am", "Salah ketik")
    result = run("ringkasan", "HEAD~1", "HEAD", cwd=repo)
    assert result.returncode == 1
    out = result.stdout
    assert "**Data pada `HEAD`" in out and "tidak valid (1 kesalahan)**" in out
    block = out.split("```text\n", 1)[1].split("\n```", 1)[0]
    assert block.startswith("Data tidak valid: 1 kesalahan ditemukan.")
    # The path is the repository path, not the temporary export's.
    assert "data/realisasi/2023.yaml:" in block and "/tmp" not in block
    assert "`realisasi › persentase_layanan_trantib › nilai` harus berupa angka" in block
    assert 'ditemukan : teks "90,5"' in block


def test_ringkasan_with_invalid_base_compares_what_it_can(repo: Path) -> None:
    _replace(repo / "data" / "realisasi" / "2023.yaml", "nilai: 90.0", "nilai: 90,5")
    git(repo, "commit", "-q", "-am", "Salah ketik")
    _replace(repo / "data" / "realisasi" / "2023.yaml", "nilai: 90,5", "nilai: 91")
    git(repo, "commit", "-q", "-am", "Diperbaiki")
    result = run("ringkasan", "HEAD~1", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert (
        "tidak valid (1 kesalahan), jadi capaian dan predikat lamanya tidak dapat dihitung" in out
    )
    # 91 / 88 × 100 = 103.409… -> 103,41
    assert "| 2023 | 88,00 | — → 91,00 | ? → 103,41% | ? → Sangat Tinggi |" in out
    assert "<details><summary>Kesalahan pada data lama</summary>" in out


def test_ringkasan_refuses_unknown_revision(repo: Path) -> None:
    result = run("ringkasan", "tidak-ada", cwd=repo)
    assert result.returncode == 2
    assert "revisi `tidak-ada` tidak dikenal" in result.stderr


# --- staff-facing messages -----------------------------------------------------------------


def test_every_expected_line_gives_an_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sweep of typical mistakes: each `diharapkan` line shows a correct value."""
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    ind = data / REVISI / "indikator"
    _replace(ind / "nilai_sakip.yaml", "satuan: nilai", "satuan: nilia")
    _replace(ind / "persentase_layanan_trantib.yaml", "urutan: 1", "urutan: 0")
    _replace(ind / "persentase_layanan_trantib.yaml", "  - Seksi Tata Pemerintahan\n", "")
    _replace(ind / "ikm_kecamatan.yaml", "persentase_layanan_trantib +", "persentase_trantib +")
    _replace(ind / "pengaduan_tidak_tepat_waktu.yaml", "  2023: 10", "  2023: 10\n  2031: 5")
    _replace(data / "profil.yaml", "data_contoh: true", "data_contoh: barangkali")
    real = data / "realisasi"
    _replace(real / "2021.yaml", "realisasi:\n", "realisasi:\n  ikm_kecamatan:\n    nilai: 80\n")
    _replace(real / "2022.yaml", "realisasi:\n", "realisasi:\n  ikm:\n    nilai: 80\n")
    _replace(
        real / "2023.yaml",
        "    nilai: 88.0\n",
        "    nilai:\n    catatan: ''\n",
    )
    (real / "2019.yaml").write_text("tahun: 2020\nrealisasi: 5\n", encoding="utf-8")
    _replace(data / "ikm" / "2020.yaml", "  U9: {jumlah_nilai: 143, jumlah_responden: 50}\n", "")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "data"]) == 1
    report = capsys.readouterr().err
    expected = [line for line in report.splitlines() if line.startswith("    diharapkan:")]
    assert len(expected) >= 10, report
    examples = ("mis.", "salah satu", "antara", "true atau false", "berkas bernama")
    for line in expected:
        assert any(word in line for word in examples), f"tanpa contoh: {line}\n{report}"


# --- GitHub workflows ----------------------------------------------------------------------


def test_workflows_pass_the_offline_schema_validator() -> None:
    assert {p.name for p in WORKFLOWS} >= {"periksa.yml", "terbitkan.yml"}
    command = [
        *_offline(),
        str(VENV_BIN / "check-jsonschema"),
        "--builtin-schema",
        "vendor.github-workflows",
        *map(str, WORKFLOWS),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_offline_validator_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "rusak.yml"
    text = (ROOT / ".github" / "workflows" / "periksa.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("runs-on:", "runs_on:"), encoding="utf-8")
    command = [
        *_offline(),
        str(VENV_BIN / "check-jsonschema"),
        "--builtin-schema",
        "vendor.github-workflows",
        str(broken),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "'runs-on' is a required property" in result.stdout


def _workflow(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    document = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    document["on"] = document.pop(True)
    return document


def test_periksa_workflow_runs_check_build_tests_and_summary() -> None:
    wf = _workflow("periksa.yml")
    assert set(wf["on"]) == {"pull_request", "push"}
    steps = wf["jobs"]["periksa"]["steps"]
    uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert uses == ["actions/checkout", "actions/setup-python"]  # pinned: test_supply_chain.py
    assert steps[0]["with"]["fetch-depth"] == 0
    assert steps[1]["with"]["python-version"] == "3.11"
    runs = "\n".join(s.get("run", "") for s in steps)
    for command in (
        "python -m iku_macros check data",
        "python -m mkdocs build --strict",
        "make test",
        "apt-get install",
        'python -m iku_macros ringkasan "$base" HEAD',
        "origin/$BASE_REF",
        "$GITHUB_STEP_SUMMARY",
    ):
        assert command in runs, command
    summary = next(s for s in steps if "ringkasan" in s.get("run", ""))
    assert "!cancelled()" in summary["if"]  # also when the data check failed
    assert wf["defaults"]["run"]["shell"] == "bash"  # -o pipefail


def test_terbitkan_workflow_publishes_from_tags_or_by_hand() -> None:
    wf = _workflow("terbitkan.yml")
    assert wf["on"]["push"]["tags"] == ["laporan-*"]
    inputs = wf["on"]["workflow_dispatch"]["inputs"]
    assert inputs["tahun"]["required"] is True
    assert inputs["paksa"]["type"] == "boolean"
    assert wf["permissions"] == {}
    # Built with a read-only token; only the push job, which runs no project code, may write.
    assert wf["jobs"]["terbitkan"]["permissions"] == {"contents": "read"}
    assert wf["jobs"]["unggah"]["permissions"] == {"contents": "write"}
    assert wf["concurrency"]["cancel-in-progress"] is False
    steps = wf["jobs"]["terbitkan"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    assert steps[0]["with"]["fetch-depth"] == 0
    runs = "\n".join(s.get("run", "") for job in wf["jobs"].values() for s in job["steps"])
    for command in (
        "git config user.name",
        "git branch --force gh-pages origin/gh-pages",
        "${TAG#laporan-}",
        "python -m iku_macros terbitkan",
        "--paksa",
        "git bundle create",
        "git push",
    ):
        assert command in runs, command


def test_tag_name_gives_the_year(tmp_path: Path) -> None:
    """The year derivation of terbitkan.yml, run as the workflow runs it."""
    steps = _workflow("terbitkan.yml")["jobs"]["terbitkan"]["steps"]
    script = next(s for s in steps if s.get("id") == "tahun")["run"]
    output = tmp_path / "github-output"
    env = {**os.environ, "EVENT": "push", "INPUT_TAHUN": "", "INPUT_PAKSA": ""}
    env["GITHUB_OUTPUT"] = str(output)

    ok = subprocess.run(
        ["bash", "-e", "-c", script], env={**env, "TAG": "laporan-2023"}, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert output.read_text(encoding="utf-8") == "tahun=2023\npaksa=false\n"

    bad = subprocess.run(
        ["bash", "-e", "-c", script], env={**env, "TAG": "laporan-x"}, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert bad.returncode == 1
    assert "laporan-YYYY" in bad.stdout


# --- pre-commit ----------------------------------------------------------------------------


def _project_files() -> list[str]:
    """Tracked files plus untracked ones that are not ignored, as a commit would see them."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return sorted({name for name in listed.split("\0") if name and (ROOT / name).is_file()})


@data_unit
def test_pre_commit_passes_on_a_copy_of_the_repository(tmp_path: Path) -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]  # nothing fetched
    hooks = {hook["id"] for hook in config["repos"][0]["hooks"]}
    assert {"yamllint", "periksa-data", "periksa-data-contoh", "ruff-check", "ruff-format"} <= hooks

    copy = tmp_path / "repo"
    for name in _project_files():
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    # The hooks call the tools in .venv, as in a developer's clone (made after `git add`, so
    # that the link itself is not part of the copy).
    (copy / ".venv").symlink_to(VENV_BIN.parent)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("PRE_COMMIT", None)
    result = subprocess.run(
        [*_offline(), str(VENV_BIN / "pre-commit"), "run", "--all-files", "--color", "never"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("yamllint", "check data", "check data_contoh", "ruff check", "ruff format"):
        assert name in result.stdout
    assert "Failed" not in result.stdout
