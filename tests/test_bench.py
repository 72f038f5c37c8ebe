"""Smoke test of the benchmark (bench/): small N, one pair, two history commits.

N is just above the point where program indicators get their own pages (more than 40 in a
year) and the history more than one page, so the yardstick follows those pages too.

Timings are never asserted: only that the data are valid demo data, both builds succeed with
the same pages, and the printed table has its columns and numbers.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import DOKUMEN_ID, plan_data, write_data
from bench.run import parse_args, run

N = 50
COLUMNS = [
    "N",
    "proyek ini (wall/CPU, s)",
    "Material polos (wall/CPU, s)",
    "rasio",
    "memori puncak (MB, proyek/polos)",
    "halaman terbesar (KB)",
    "halaman median (KB)",
]
NUMBER = re.compile(r"\d+(\.\d+)?")


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("bench")
    report = run(parse_args(["--n", str(N), "--pasangan", "1", "--riwayat", "2", "--skala"]), root)
    return root, report


def test_plan_is_seeded_and_scaled() -> None:
    data = plan_data(1000)
    assert data == plan_data(1000)
    assert data != plan_data(1000, seed=14)
    assert len(data.indikator) == 1000
    assert data.jumlah(jenis="iku") == 30
    assert data.jumlah(perhitungan="komposit") == 50
    assert data.jumlah(perhitungan="ikm") == 1
    assert len(data.program) == 100
    assert len({i.id for i in data.indikator}) == 1000


def test_files_are_deterministic(tmp_path: Path) -> None:
    write_data(tmp_path / "a", N)
    write_data(tmp_path / "b", N)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*"))
    assert files_a == files_b
    for relative in files_a:
        if (tmp_path / "a" / relative).is_file():
            assert (tmp_path / "a" / relative).read_bytes() == (
                tmp_path / "b" / relative
            ).read_bytes()


def test_generated_data_pass_check(result: tuple[Path, str]) -> None:
    root, _ = result
    data = root / "satu-commit" / "proyek" / "data"
    assert (data / "dokumen" / DOKUMEN_ID / "kerangka.yaml").is_file()
    checked = subprocess.run(
        [sys.executable, "-m", "iku_macros", "check", str(data)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "data contoh" in checked.stdout
    assert f"{N} indikator" in checked.stdout


def test_history_copy_has_the_commits(result: tuple[Path, str]) -> None:
    root, _ = result
    log = subprocess.run(
        ["git", "-C", str(root / "riwayat" / "proyek"), "log", "--format=%s"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert len(log) == 3
    assert log[-1] == "data import"


def test_both_sites_have_the_same_pages_and_say_data_contoh(result: tuple[Path, str]) -> None:
    root, report = result
    ours, bare = root / "situs" / "proyek", root / "situs" / "polos"
    pages = {p.relative_to(ours).as_posix() for p in ours.rglob("*.html")}
    assert pages == {p.relative_to(bare).as_posix() for p in bare.rglob("*.html")}
    assert {"indikator/p001_01/index.html", "program/program_001/index.html"} <= pages
    assert "riwayat/2/index.html" in pages
    assert "(alamat sama)" in report
    for page in ours.rglob("*.html"):
        assert "Data contoh" in page.read_text(encoding="utf-8"), page


def test_table_has_columns_and_numbers(result: tuple[Path, str]) -> None:
    _, report = result
    lines = report.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| N |"))
    assert cells(lines[start]) == COLUMNS
    row = cells(lines[start + 2])
    assert row[0] == str(N)
    for cell in row[1:]:
        parts = [part.strip() for part in cell.split("/")]
        assert all(NUMBER.fullmatch(part) for part in parts), (cell, row)
    assert float(row[3]) > 0
    pair = next(line for line in lines if line.startswith("| 1 |"))
    assert all(NUMBER.fullmatch(cell) for cell in cells(pair))
    ratio = re.search(r"Riwayat: 2 commit .*: build (\d+\.\d+)x build satu commit", report)
    assert ratio is not None, report
    growth = rf"Pertumbuhan: build N={2 * N} / build N={N}, .*: median \d+\.\d+x wall"
    assert re.search(growth, report) is not None, report


def test_arguments_are_checked() -> None:
    with pytest.raises(SystemExit):
        parse_args(["--pasangan", "0"])
    with pytest.raises(SystemExit):
        parse_args(["--riwayat", "-1"])
    args = parse_args([])
    assert (args.n, args.pasangan, args.riwayat, args.serve) == (1000, 3, 200, False)
