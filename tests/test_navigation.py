"""Navigation (issue F): at most seven public tabs, the operator guide out of the tabs but built
and reached from the footer and the Unduh page, and the active tab never pruned (so the phone
menu, like the desktop sidebar, shows the whole section; tests/browser/test_reader_layout.py
opens it on a phone)."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
import yaml

from iku_macros.web.build_data import load_laporan
from iku_macros.web.plan import (
    ABOUT_PAGES,
    NAV_TABS_MAKS,
    STAFF_PAGES,
    document_page,
    generated_pages,
    indicator_url,
    navigation,
)

from .conftest import DEMO, ROOT, UNIT_LAIN
from .halaman import soup_of, text

TABS = ["Beranda", "Dokumen IKU", "Indikator", "Capaian", "Tentang", "Unduh data"]


def all_paths(items: list[object]) -> list[str]:
    paths: list[str] = []
    for item in items:
        if isinstance(item, dict):
            ((_, value),) = item.items()
            paths += all_paths(value) if isinstance(value, list) else [value]
        else:
            paths.append(str(item))
    return paths


def titles(items: list[object]) -> list[str]:
    return [next(iter(item)) if isinstance(item, dict) else str(item) for item in items]


@pytest.mark.parametrize("data", [DEMO, UNIT_LAIN], ids=["demo", "unit_lain"])
def test_nav_has_at_most_seven_public_tabs(data: Path) -> None:
    laporan = load_laporan(data)
    pages = {path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs").rglob("*.md")}
    pages |= {page.path for page in generated_pages(laporan)}
    pages |= {document_page(ident, "index") for ident in laporan.dataset.dokumen}
    nav = navigation(laporan, pages)
    assert len(nav) <= NAV_TABS_MAKS
    assert titles(nav) == [
        "index.md",
        "Dokumen IKU",
        "Indikator",
        "Capaian",
        "Tentang",
        "unduh/index.md",
    ]
    sections = {next(iter(item)): item[next(iter(item))] for item in nav if isinstance(item, dict)}
    # IKM lives inside Capaian; the pages about the unit and the site under Tentang.
    assert titles(sections["Capaian"])[0] == "capaian/index.md"
    assert titles(sections["Capaian"])[-1] == "IKM"
    assert sections["Tentang"] == list(ABOUT_PAGES)
    # The operator guide is for staff: never in the public nav.
    for staff in STAFF_PAGES:
        assert staff in pages
        assert staff not in all_paths(nav)


def test_staff_pages_are_built_but_not_in_nav_on_purpose() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # mkdocs.yml has !ENV tags: read only the one setting.
    start = config.index("not_in_nav: |")
    block = yaml.safe_load(config[start:].split("\n\n")[0].split("\nplugins")[0])
    patterns = block["not_in_nav"].split()
    assert patterns == [f"/{page}" for page in STAFF_PAGES]


def test_built_site_has_the_tabs_and_the_guide_off_them(demo_site: Path) -> None:
    home = soup_of(demo_site, "")
    assert [text(a) for a in home.select(".md-tabs__link")] == TABS
    assert (demo_site / "panduan" / "index.html").is_file()
    tab_links = {a["href"] for a in home.select(".md-tabs a[href]")}
    assert not any("panduan" in href for href in tab_links)
    nav_links = {a["href"] for a in home.select("nav.md-nav--primary a[href]")}
    assert not any("panduan" in href for href in nav_links)


@pytest.mark.parametrize(
    "page", ["", "indikator/nilai_sakip", "capaian/2021", "dokumen/2025-2029/bab-4", "unduh"]
)
def test_footer_leads_staff_to_the_guide(demo_site: Path, page: str) -> None:
    soup = soup_of(demo_site, page)
    (link,) = soup.select("footer .iku-untuk-petugas a")
    assert text(link) == "Panduan untuk operator"
    assert posixpath.normpath(posixpath.join(page or ".", link["href"])) == "panduan"


def test_unduh_page_links_the_guide(demo_site: Path) -> None:
    article = soup_of(demo_site, "unduh").select_one("article")
    links = [a for a in article.select("a[href]") if text(a) == "Panduan untuk operator"]
    assert [posixpath.normpath(posixpath.join("unduh", a["href"])) for a in links] == ["panduan"]


def test_active_tab_is_never_pruned(demo_site: Path) -> None:
    """On a program indicator's page the primary nav holds every indicator of the Indikator tab
    (IKU and every program's), as open groups; other tabs stay pruned to one link."""
    laporan = load_laporan(DEMO)
    page = f"indikator/{laporan.program()[0].indikator.id}"
    nav = soup_of(demo_site, page).select_one("nav.md-nav--primary")
    linked = {
        posixpath.normpath(posixpath.join(page, a["href"])) + "/" for a in nav.select("a[href]")
    }
    for hasil in laporan.indikator.values():
        assert indicator_url(hasil.indikator.id) in linked, hasil.indikator.id
    groups = [text(label) for label in nav.select(".iku-nav-grup > label.md-nav__link")]
    assert groups[:2] == ["Indikator Kinerja Utama", "Indikator program"]
    # Then one open group per program that has indicators, in the framework's order.
    programs = [
        p.nama
        for p in laporan.dataset.kerangka.program
        if any(h.indikator.induk == p.id for h in laporan.program())
    ]
    assert len(programs) > 1
    assert groups[2:] == programs
    # Another tab's pages are not listed one by one.
    assert not any(path.startswith("capaian/2") for path in linked)


def test_document_sections_stay_open_in_their_tab(demo_site: Path) -> None:
    nav = soup_of(demo_site, "dokumen/2020-2024/bab-4").select_one("nav.md-nav--primary")
    groups = nav.select("li.iku-nav-grup")
    assert len(groups) == 3  # one per document, each open with its chapters
    for group in groups:
        assert group.select("ul a[href]")
