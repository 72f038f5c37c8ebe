"""Data pages are indexed for search by entries written from the data, not parsed from their
tables and charts (issue 13): every indicator, capaian and IKM page has one entry with its
title and definition; hand-written pages keep their sections; data text is escaped."""

from __future__ import annotations

import html
import json
from pathlib import Path

from iku_macros.web.build_data import load_laporan

from .conftest import DEMO
from .site_build import build_site


def index_of(site: Path) -> list[dict[str, str]]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_data_pages_have_one_entry_from_the_data(demo_site: Path) -> None:
    laporan = load_laporan(DEMO)
    by_page: dict[str, list[dict[str, str]]] = {}
    for entry in index_of(demo_site):
        by_page.setdefault(entry["location"].split("#")[0], []).append(entry)
    for ident, hasil in laporan.indikator.items():
        entries = by_page[f"indikator/{ident}/"]
        assert len(entries) == 1, ident
        assert entries[0]["title"] == html.escape(hasil.indikator.nama, quote=False)
        assert html.escape(hasil.indikator.definisi_operasional, quote=False) in entries[0]["text"]
    for tahun in laporan.tahun_laporan:
        assert [e["title"] for e in by_page[f"capaian/{tahun}/"]] == [f"Capaian {tahun}"]
    for tahun in laporan.dataset.tahun_ikm():
        assert [e["title"] for e in by_page[f"ikm/{tahun}/"]] == [f"IKM {tahun}"]
    assert [e["title"] for e in by_page["riwayat/"]] == ["Riwayat data"]
    assert not [page for page in by_page if page.startswith("riwayat/") and page != "riwayat/"]
    # Hand-written pages are still indexed section by section, from their HTML.
    assert len(by_page["metodologi/"]) > 1


def test_search_entries_escape_data_text(copy_data, tmp_path: Path) -> None:
    data = copy_data(DEMO)
    evil = '<img src=x onerror="alert(1)"> & {{ 7*7 }}'
    for path in data.glob("dokumen/*/indikator/nilai_sakip.yaml"):
        text = path.read_text(encoding="utf-8")
        start = text.index("definisi_operasional:")
        end = text.index("\n", start)
        path.write_text(
            text[:start] + f"definisi_operasional: {json.dumps(evil)}" + text[end:],
            encoding="utf-8",
        )
    site = tmp_path / "site"
    build_site(data, site)
    raw = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<img" not in raw
    entry = next(e for e in index_of(site) if e["location"] == "indikator/nilai_sakip/")
    assert html.escape(evil, quote=False) in entry["text"]
