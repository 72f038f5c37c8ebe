"""The site of another kind of unit: the fictional dinas of ``tests/fixtures/unit_lain/data``
(no ``wilayah.yaml``, two IKM surveys in 2024), built strictly.

Its Profil has no wilayah section; the IKM pages show every survey of a year under its
indicator's name, with values recomputed here from the survey files by PermenPANRB 14/2017.
(``test_unit_lain.py`` runs the whole README procedure on a copy of the repository; this is the
quick check of the engine's support for such a unit.)
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from iku_macros.data.loading import load_dataset

from .conftest import UNIT_LAIN as DINAS


@pytest.fixture
def dinas_site(unit_lain_site: Path) -> Path:
    """The strict build of the fixture unit (shared with the other tests of the session)."""
    return unit_lain_site


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(site: Path, page: str) -> BeautifulSoup:
    found = soup_of(site, page).select_one("article")
    assert found is not None
    return found


def survey(name: str) -> dict[str, object]:
    return yaml.safe_load((DINAS / "ikm" / name).read_text(encoding="utf-8"))


def ikm_from_rekap(rekap: dict[str, dict[str, int]]) -> str:
    """IKM = Σ NRR × 1/9 × 25, rounded half up to two places, as the site prints it."""
    nrr = [Fraction(u["jumlah_nilai"], u["jumlah_responden"]) for u in rekap.values()]
    value = sum(nrr, Fraction(0)) / 9 * 25
    hundredths = (value * 100 + Fraction(1, 2)).__floor__()
    return f"{hundredths // 100},{hundredths % 100:02d}"


def test_the_dinas_loads_without_wilayah() -> None:
    dataset = load_dataset(DINAS)
    assert not (DINAS / "wilayah.yaml").exists()
    assert dataset.wilayah is None
    assert str(dataset.profil.instansi.jenis) == "Dinas"
    assert len(dataset.ikm) == 5


def test_profil_has_no_wilayah_section(dinas_site: Path) -> None:
    page = article(dinas_site, "profil")
    headings = [h.get_text(" ", strip=True).rstrip("¶ ").strip() for h in page.select("h2, h3")]
    assert "Instansi" in headings and "Organisasi" in headings
    assert not any("Wilayah" in h or "wilayah" in h for h in headings), headings
    assert page.select(".iku-wilayah, .iku-daftar-desa, .iku-jumlah-desa") == []
    assert "wilayah" not in page.get_text(" ", strip=True).lower()
    assert "Dinas" in page.select_one("table.iku-tabel-profil").get_text(" ", strip=True)


def test_a_year_with_two_surveys_shows_both(dinas_site: Path) -> None:
    page = article(dinas_site, "ikm/2024")
    dataset = load_dataset(DINAS)
    names = [dataset.indikator[i].nama for i in ("ikm_layanan_ppid", "ikm_layanan_aplikasi")]
    sections = page.select("section.iku-survei")
    assert [s.select_one("h2").get_text(strip=True) for s in sections] == names
    links = [a["href"] for a in page.select("ul.iku-daftar-survei a")]
    assert links == ["#survei-ikm_layanan_ppid", "#survei-ikm_layanan_aplikasi"]
    assert [s["aria-labelledby"] for s in sections] == [h[1:] for h in links]
    # Each section has its own summary and unsur table, for its own indicator.
    for section, name in zip(sections, names, strict=True):
        captions = [c.get_text(" ", strip=True) for c in section.select("caption")]
        assert all(c.endswith(name) for c in captions), captions
        assert len(section.select("table.iku-unsur tbody tr")) == 9
    aplikasi = sections[1].get_text(" ", strip=True)
    expected = ikm_from_rekap(survey("2024-ikm_layanan_aplikasi.yaml")["rekap"])  # type: ignore[arg-type]
    assert f"Nilai IKM {expected}" in aplikasi
    assert "jawaban mentah per responden (ikm-2024-ppid-responden.csv)" in sections[0].get_text(
        " ", strip=True
    )


def test_a_year_with_one_survey_keeps_the_simple_page(dinas_site: Path) -> None:
    page = article(dinas_site, "ikm/2022")
    assert page.select("section.iku-survei") == []
    expected = ikm_from_rekap(survey("2022.yaml")["rekap"])  # type: ignore[arg-type]
    assert f"Nilai IKM {expected}" in page.get_text(" ", strip=True)
    assert [h.get_text(" ", strip=True).rstrip("¶ ").strip() for h in page.select("h2")] == [
        "Nilai per unsur pelayanan"
    ]


def test_ikm_index_lists_every_survey(dinas_site: Path) -> None:
    rows = article(dinas_site, "ikm").select("table.iku-daftar-ikm tbody tr")
    shown = [
        (r.find("th").get_text(strip=True), r.find("td").get_text(strip=True), r.a["href"])
        for r in rows
    ]
    ppid = "Indeks Kepuasan Masyarakat Layanan Informasi Publik (PPID)"
    aplikasi = load_dataset(DINAS).indikator["ikm_layanan_aplikasi"].nama
    assert shown == [
        ("IKM 2021", ppid, "2021/"),
        ("IKM 2022", ppid, "2022/"),
        ("IKM 2023", ppid, "2023/"),
        ("IKM 2024", ppid, "2024/#survei-ikm_layanan_ppid"),
        ("IKM 2024", aplikasi, "2024/#survei-ikm_layanan_aplikasi"),
    ]


def test_each_indicator_links_only_its_own_surveys(dinas_site: Path) -> None:
    for ident, years in (
        ("ikm_layanan_ppid", ["2021", "2022", "2023", "2024"]),
        ("ikm_layanan_aplikasi", ["2024"]),
    ):
        table = article(dinas_site, f"indikator/{ident}").select_one("table.iku-definisi")
        linked = [a.get_text(strip=True) for a in table.select('a[href*="ikm/"]')]
        assert linked == [f"IKM {y}" for y in years], (ident, linked)


def test_nav_lists_each_survey_year_once(dinas_site: Path) -> None:
    nav = soup_of(dinas_site, "ikm").select("nav a[href]")
    years = [a.get_text(strip=True) for a in nav if a.get_text(strip=True).startswith("IKM 20")]
    assert years == ["IKM 2021", "IKM 2022", "IKM 2023", "IKM 2024"]
