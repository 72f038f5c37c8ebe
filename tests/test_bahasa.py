"""Interface words a reader meets are Indonesian: Material's few English strings, the heading
permalinks and the "not found" page are overridden (overrides/, mkdocs.yml)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ENGLISH = re.compile(
    r"Permanent link|404 - Not found|Copy to clipboard|Salin ke clipboard"
    r'|aria-label="(?:Header|Footer|Tab|Tabs|Navigation)"'
)


@pytest.mark.parametrize("name", ["demo", "unit_lain"])
def test_no_english_interface_string_on_any_page(name: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(f"{name}_site")
    found = {
        str(page.relative_to(site)): match.group()
        for page in sorted(site.rglob("*.html"))
        if (match := ENGLISH.search(page.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_permalinks_and_not_found_page_are_indonesian(demo_site: Path) -> None:
    page = (demo_site / "metodologi" / "index.html").read_text(encoding="utf-8")
    assert 'title="Tautan ke bagian ini"' in page
    assert 'aria-label="Kepala halaman"' in page
    missing = (demo_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Halaman tidak ditemukan</h1>" in missing
    assert "Kembali ke beranda" in missing


BULAN = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"


def test_footer_dates_the_data_in_indonesian_without_developer_words(demo_site: Path) -> None:
    page = (demo_site / "index.html").read_text(encoding="utf-8")
    footer = re.sub(r"<[^>]+>|\s+", " ", page[page.index('class="iku-asal"') :].split("</div>")[0])
    assert re.search(
        rf"Data (per \d{{1,2}} ({BULAN}) \d{{4}} \( ?revisi data|di luar repositori)", footer
    ), footer
    assert re.search(rf"dibangun \d{{1,2}} ({BULAN}) \d{{4}}", footer), footer
    assert "commit" not in footer
