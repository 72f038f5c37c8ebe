"""Provenance and value history read from git, in throwaway repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

from iku_macros.data.gitdata import read_asal, read_riwayat

from .conftest import DEMO

ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Uji",
    "GIT_AUTHOR_EMAIL": "uji@contoh.example",
    "GIT_COMMITTER_NAME": "Uji",
    "GIT_COMMITTER_EMAIL": "uji@contoh.example",
}


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = dict(ENV)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    ).stdout


def make_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(DEMO, repo / "data")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Awal", date="2024-01-01T00:00:00+00:00")
    return repo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_history_lists_target_and_realisasi_changes(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    data = repo / "data"
    edit(data / "indikator" / "pengaduan_tidak_tepat_waktu.yaml", "2024: 8", "2024: 6")
    edit(data / "realisasi" / "2021.yaml", "nilai: 19", "nilai: 17.5")
    # renaming a file without changing a value is not a change
    (data / "indikator" / "nilai_sakip.yaml").rename(data / "indikator" / "nilai_sakip_pd.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Ubah target dan realisasi", date="2024-02-03T04:05:06+00:00")

    riwayat = read_riwayat(data)
    assert riwayat.tersedia and riwayat.lengkap
    latest = [p for p in riwayat.perubahan if p.subjek == "Ubah target dan realisasi"]
    assert {(p.indikator, p.tahun, p.kolom, p.lama, p.baru) for p in latest} == {
        ("pengaduan_tidak_tepat_waktu", 2024, "target", Fraction(8), Fraction(6)),
        ("pengaduan_tidak_tepat_waktu", 2021, "realisasi", Fraction(19), Fraction(35, 2)),
    }
    assert latest[0].tanggal.strftime("%Y-%m-%d") == "2024-02-03"
    # the first commit introduced every value: old is None
    first = [p for p in riwayat.perubahan if p.subjek == "Awal"]
    assert first and all(p.lama is None for p in first)
    assert riwayat.perubahan[0].subjek == "Ubah target dan realisasi"  # newest first


def test_shallow_clone_says_history_is_incomplete(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    edit(repo / "data" / "realisasi" / "2021.yaml", "nilai: 19", "nilai: 18")
    git(repo, "commit", "-q", "-am", "Kedua")
    shallow = tmp_path / "dangkal"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow)],
        check=True,
        capture_output=True,
    )
    riwayat = read_riwayat(shallow / "data")
    assert riwayat.tersedia and not riwayat.lengkap
    assert riwayat.perubahan == ()


def test_outside_git(tmp_path: Path) -> None:
    shutil.copytree(DEMO, tmp_path / "data")
    assert not read_riwayat(tmp_path / "data").tersedia
    asal = read_asal(tmp_path / "data")
    assert asal.commit is None and asal.tanggal is None


def test_provenance_names_commit_date_and_dirty_data(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    asal = read_asal(repo / "data")
    assert asal.commit == git(repo, "rev-parse", "HEAD").strip()
    assert asal.pendek == asal.commit[:7]
    assert asal.tanggal.isoformat() == "2024-01-01T00:00:00+00:00"
    assert not asal.data_berubah
    edit(repo / "data" / "realisasi" / "2021.yaml", "nilai: 19", "nilai: 18")
    assert read_asal(repo / "data").data_berubah
