"""A real strict MkDocs build: the home page shows the unit and its IKU from data/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import DATA, DEMO, ROOT
from .site_build import build_site


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site") / "site"
    log = build_site(DATA, site)
    assert "WARNING" not in log
    return site


def test_home_shows_unit_and_iku_list(real_site: Path) -> None:
    soup = BeautifulSoup((real_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "Kantor Kecamatan Pilangkenceng Kabupaten Madiun" in text
    assert soup.title is not None and "IKU Kecamatan Pilangkenceng" in soup.title.string
    rows = soup.select("table.iku-daftar tbody tr")
    names = [row.find_all("td")[1].get_text(strip=True) for row in rows]
    assert names == [
        "Indeks Kepuasan Masyarakat",
        "Indeks Kepuasan Masyarakat Kecamatan",
        "Nilai SAKIP Kecamatan",
    ]
    targets = [row.find_all("td")[3].get_text(strip=True) for row in rows]
    assert targets == ["tidak ditetapkan", "88,00", "89,00"]


def test_build_refuses_invalid_data(copy_data, tmp_path: Path) -> None:
    data = copy_data(DEMO)
    path = data / "realisasi" / "2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("tahun: 2021", "tahun: 1999"))
    with pytest.raises(AssertionError) as failure:
        build_site(data, tmp_path / "site")
    message = str(failure.value)
    assert "tahun 1999 di luar periode dokumen 2020–2024" in message
    assert not (tmp_path / "site" / "index.html").exists()


def test_core_does_not_import_mkdocs() -> None:
    code = (
        "import sys, iku_macros.cli, iku_macros.report, iku_macros.render, iku_macros.site_data;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
