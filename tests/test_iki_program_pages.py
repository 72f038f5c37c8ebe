"""BAB IV and the indicator list stay bounded at kabupaten scale (issue 13): above IKI_RINCI_MAKS
program indicators in a document, BAB IV's program-indicator table (TARGET INDIKATOR KINERJA
INDIVIDU) has one row per program, each program's rows go on ``dokumen/<id>/iki/<program>/``,
and the indicator list counts program indicators per program. Checked on the demo with the limit
lowered (counts and rows computed here from the data), and on a small synthetic kabupaten built
for real (bench.generate: more program indicators than the limit), with a hostile program name.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bench.generate import DOKUMEN_ID, write_data
from iku_macros.data.documents import DokumenTerbaca
from iku_macros.data.model import JenisIndikator
from iku_macros.web import plan
from iku_macros.web.build_data import load_laporan, load_laporan_dokumen
from iku_macros.web.pencarian import entri_halaman
from iku_macros.web.render import Halaman, relative_url
from iku_macros.web.render import dokumen as dokumen_page
from iku_macros.web.render import indikator as indikator_page

from .conftest import DEMO, ENGINE_DATASETS
from .site_build import build_site

MAX_PAGE_BYTES = 250 * 1024


def text(tag) -> str:
    return " ".join(tag.get_text().split())


def program_count(document: DokumenTerbaca) -> int:
    return sum(1 for i in document.indikator.values() if i.jenis is JenisIndikator.PROGRAM)


def by_program(document: DokumenTerbaca) -> dict[str, list[str]]:
    """Program id → its program indicators' ids, in document order, counted here."""
    found: dict[str, list[str]] = {}
    for ident, version in document.indikator.items():
        if version.jenis is JenisIndikator.PROGRAM:
            found.setdefault(version.induk, []).append(ident)
    return found


def row_ids(fragment: str) -> list[str]:
    soup = BeautifulSoup(fragment, "html.parser")
    return [row["id"] for row in soup.select("table.iku-tabel-iki tbody tr")]


def full_table(document_id: str, monkeypatch: pytest.MonkeyPatch, data: Path = DEMO) -> str:
    """The document's whole IKI table, as a chapter printed it before any split."""
    monkeypatch.setattr(plan, "IKI_RINCI_MAKS", 10_000)
    view = load_laporan_dokumen(data, document_id)
    return dokumen_page.macros(view, Halaman(lambda: "x/"))["tabel_iki"]()


# --- the rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ENGINE_DATASETS))
def test_small_units_keep_the_whole_table(name: str) -> None:
    data = ENGINE_DATASETS[name]
    laporan = load_laporan(data)
    for document in laporan.dataset.dokumen.values():
        assert program_count(document) <= plan.IKI_RINCI_MAKS
        assert not plan.iki_terpisah(document)
        assert plan.iki_program_pages(document) == []
        view = load_laporan_dokumen(data, document.id)
        table = dokumen_page.macros(view, Halaman(lambda: "x/"))["tabel_iki"]()
        expected = [f"iki-{i}" for ids in by_program(document).values() for i in ids]
        assert sorted(row_ids(table)) == sorted(expected)
        assert "iku-tabel-iki-ringkas" not in table
    entries = entri_halaman(laporan)
    assert not [path for path in entries if "/iki/" in path]


def test_the_split_starts_above_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    document = load_laporan(DEMO).dataset.dokumen_kini
    count = program_count(document)
    assert count > 1
    monkeypatch.setattr(plan, "IKI_RINCI_MAKS", count)
    assert not plan.iki_terpisah(document)
    monkeypatch.setattr(plan, "IKI_RINCI_MAKS", count - 1)
    assert plan.iki_terpisah(document)


def test_program_pages_refuse_an_id_that_is_not_one() -> None:
    assert plan.iki_program_page("2025-2029", "program_x") == "dokumen/2025-2029/iki/program_x.md"
    assert plan.iki_program_url("2025-2029", "program_x") == "dokumen/2025-2029/iki/program_x/"
    for bad in ("../x", "Program", "x/y", "", "x y", '"x"'):
        with pytest.raises(ValueError, match="id program tidak sah"):
            plan.iki_program_page("2025-2029", bad)
    with pytest.raises(ValueError, match="id dokumen tidak sah"):
        plan.iki_program_page("../2025", "program_x")


# --- BAB IV above the limit ------------------------------------------------------------------


@pytest.mark.parametrize("document_id", ["2020-2024-perubahan", "2025-2029"])
def test_above_the_limit_bab_iv_lists_programs_and_each_row_is_on_one_program_page(
    document_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = full_table(document_id, monkeypatch)
    monkeypatch.setattr(plan, "IKI_RINCI_MAKS", 1)
    view = load_laporan_dokumen(DEMO, document_id)
    document = view.dataset.dokumen[document_id]
    expected = by_program(document)
    assert plan.iki_terpisah(document)

    # The chapter's table: one row per program with indicators, in framework order.
    chapter_url = f"dokumen/{document_id}/bab-4/"
    summary = dokumen_page.macros(view, Halaman(lambda: chapter_url))["tabel_iki"]()
    soup = BeautifulSoup(summary, "html.parser")
    assert soup.select("table.iku-tabel-iki") == []
    rows = soup.select("table.iku-tabel-iki-ringkas tbody tr")
    order = [p.id for p in document.kerangka.program if p.id in expected]
    assert len(rows) == len(order) > 1
    names = {p.id: p.nama for p in document.kerangka.program}
    for number, (row, ident) in enumerate(zip(rows, order, strict=True), 1):
        cells = [text(td) for td in row.select("td")]
        assert cells == [str(number), str(len(expected[ident]))]
        link = row.select_one("th a")
        assert text(link) == names[ident]
        assert link["href"] == relative_url(chapter_url, f"dokumen/{document_id}/iki/{ident}/")
    total = sum(len(ids) for ids in expected.values())
    assert f"memuat {total} indikator kinerja individu" in text(soup)
    assert "dapat dicetak sendiri" in text(soup)  # the printable document says so too

    # One page per program; together they hold every row of the whole table exactly once, in
    # its order, with its columns and cells.
    pages = plan.iki_program_pages(document)
    assert [p.path for p in pages] == [f"dokumen/{document_id}/iki/{i}.md" for i in order]
    assert [p.title for p in pages] == [f"BAB IV – {names[i]}" for i in order]
    whole_soup = BeautifulSoup(whole, "html.parser")
    whole_rows = {row["id"]: row for row in whole_soup.select("tbody tr")}
    seen: list[str] = []
    for ident in order:
        page_url = f"dokumen/{document_id}/iki/{ident}/"
        macros = dokumen_page.macros(view, Halaman(lambda url=page_url: url))
        table = BeautifulSoup(macros["tabel_iki_program"](ident), "html.parser")
        assert table.select("thead th") and [text(th) for th in table.select("thead th")] == [
            text(th) for th in whole_soup.select("thead th")
        ]
        ids = [row["id"] for row in table.select("tbody tr")]
        assert ids == [f"iki-{i}" for i in expected[ident]]
        for row in table.select("tbody tr"):
            original = whole_rows[row["id"]]
            # Same cells; the program cell sits on the program's first row in both.
            assert [text(c) for c in row.select("td, th")] == [
                text(c) for c in original.select("td, th")
            ]
        seen += ids
        intro = BeautifulSoup(macros["iki_program_pengantar"](ident), "html.parser")
        assert f"memuat {len(expected[ident])} indikator" in text(intro)
    assert sorted(seen) == sorted(whole_rows) and len(seen) == len(set(seen))


def test_a_program_page_of_an_unknown_program_stops_the_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(plan, "IKI_RINCI_MAKS", 1)
    view = load_laporan_dokumen(DEMO, "2025-2029")
    macros = dokumen_page.macros(view, Halaman(lambda: "x/"))
    with pytest.raises(ValueError, match="tidak_ada"):
        macros["tabel_iki_program"]("tidak_ada")
    with pytest.raises(ValueError, match="tidak_ada"):
        macros["iki_program_pengantar"]("tidak_ada")


def test_search_has_an_entry_per_program_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan, "IKI_RINCI_MAKS", 1)
    laporan = load_laporan(DEMO)
    entries = entri_halaman(laporan)
    for document in laporan.dataset.dokumen.values():
        names = {p.id: p.nama for p in document.kerangka.program}
        for program, ids in by_program(document).items():
            entry = entries[f"dokumen/{document.id}/iki/{program}.md"]
            assert entry.location == f"dokumen/{document.id}/iki/{program}/"
            assert entry.title == f"BAB IV – {names[program]}"
            for ident in ids:
                assert document.indikator[ident].nama in entry.text


# --- the indicator list ----------------------------------------------------------------------


def listing(data: Path) -> BeautifulSoup:
    laporan = load_laporan(data)
    macros = indikator_page.macros(laporan, Halaman(lambda: "indikator/"))
    return BeautifulSoup(macros["daftar_indikator"](), "html.parser")


def test_above_the_limit_the_list_counts_program_indicators_per_program(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    small = listing(DEMO)
    kini = load_laporan(DEMO).dataset.dokumen_kini
    expected = by_program(kini)
    listed = [a["href"] for a in small.select("table.iku-daftar-indikator a")]
    assert all(f"{i}/" in listed for ids in expected.values() for i in ids)
    assert small.select("table.iku-daftar-program") == []

    monkeypatch.setattr(plan, "IKI_RINCI_MAKS", 1)
    soup = listing(DEMO)
    tables = soup.select("table.iku-daftar-indikator")
    iku = [i for i, v in kini.indikator.items() if v.jenis is JenisIndikator.IKU]
    # The IKU still one by one, each linking to its page; no program indicator row.
    assert [a["href"] for a in tables[0].select("tbody a")] == [f"{i}/" for i in iku]
    links = [a["href"] for a in soup.select("a")]
    assert not [i for ids in expected.values() for i in ids if f"{i}/" in links]
    program = soup.select_one("table.iku-daftar-program")
    rows = program.select("tbody tr")
    order = [p for p in kini.kerangka.program if p.id in expected]
    assert len(rows) == len(order)
    for row, item in zip(rows, order, strict=True):
        cells = [text(td) for td in row.select("td")]
        assert cells[1] == item.nama and cells[3] == str(len(expected[item.id]))
        assert row.select_one("a")["href"] == f"../dokumen/{kini.id}/iki/{item.id}/"
    total = sum(len(ids) for ids in expected.values())
    assert f"memuat {len(iku)} Indikator Kinerja Utama (IKU) dan {total} indikator program" in (
        text(soup)
    )


def test_earlier_program_indicators_are_counted_under_their_document_program(
    copy_data, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A program indicator only an earlier document has (a new plan dropped it).
    data = copy_data(DEMO)
    folder = data / "dokumen" / "2020-2024-perubahan" / "indikator"
    source = (folder / "persentase_layanan_trantib.yaml").read_text(encoding="utf-8")
    dropped = source.replace("persentase_layanan_trantib", "layanan_lama")
    dropped = re.sub(r"(?m)^nama: .*$", 'nama: "Layanan lama"', dropped)
    dropped = re.sub(r"(?m)^urutan: \d+$", "urutan: 99", dropped)
    (folder / "layanan_lama.yaml").write_text(dropped, encoding="utf-8")

    small = listing(data)
    earlier = small.select_one("table.iku-daftar-indikator--lain")
    assert "layanan_lama/" in [a["href"] for a in earlier.select("a")]

    monkeypatch.setattr(plan, "IKI_RINCI_MAKS", 1)
    soup = listing(data)
    earlier = soup.select_one("table.iku-daftar-indikator--lain")
    # The IKU the current plan dropped stays listed; the program indicator is counted under
    # its program in the newest document that has it.
    assert "layanan_lama/" not in [a["href"] for a in soup.select("a")]
    assert [text(r.select("td")[2]) for r in earlier.select("tbody tr")] == ["IKU"]
    tables = soup.select("table.iku-daftar-program")
    assert len(tables) == 2
    rows = tables[1].select("tbody tr")
    assert len(rows) == 1
    cells = [text(td) for td in rows[0].select("td")]
    assert cells[1] == "IKU Perubahan 2020–2024" and cells[4] == "1"
    href = rows[0].select_one("a")["href"]
    assert href == "../dokumen/2020-2024-perubahan/iki/program_trantib/"


# --- a small kabupaten, built ------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script> & {{ 7*7 }} {% raw %}'


@pytest.fixture(scope="module")
def kabupaten(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Synthetic data with more program indicators than the limit, one program named with
    markup and template syntax; and its strict build."""
    data = tmp_path_factory.mktemp("kabupaten") / "data"
    synthetic = write_data(data, 50)
    assert synthetic.jumlah(jenis="program") > plan.IKI_RINCI_MAKS
    kerangka = data / "dokumen" / DOKUMEN_ID / "kerangka.yaml"
    original = kerangka.read_text(encoding="utf-8")
    first = synthetic.program[0][1]
    assert original.count(json.dumps(first)) == 1
    kerangka.write_text(original.replace(json.dumps(first), json.dumps(HOSTILE)), "utf-8")
    site = tmp_path_factory.mktemp("kabupaten_site") / "site"
    log = build_site(data, site)
    assert "WARNING" not in log, log
    return data, site


def test_built_program_pages_hold_every_row_once_and_escape_names(
    kabupaten: tuple[Path, Path],
) -> None:
    data, site = kabupaten
    laporan = load_laporan(data)
    document = laporan.dataset.dokumen[DOKUMEN_ID]
    expected = by_program(document)
    base = site / "dokumen" / DOKUMEN_ID
    chapter = BeautifulSoup((base / "bab-4" / "index.html").read_text("utf-8"), "html.parser")
    assert chapter.select("table.iku-tabel-iki") == []
    summary = chapter.select("table.iku-tabel-iki-ringkas tbody tr")
    assert len(summary) == len(expected)
    seen: list[str] = []
    for program in document.kerangka.program:
        page = base / "iki" / program.id / "index.html"
        if program.id not in expected:
            assert not page.exists()
            continue
        raw = page.read_text("utf-8")
        soup = BeautifulSoup(raw, "html.parser")
        assert text(soup.select_one("article h1")) == f"BAB IV – {program.nama}"
        assert soup.title.get_text().startswith(f"BAB IV – {program.nama}")
        seen += [row["id"] for row in soup.select("table.iku-tabel-iki tbody tr")]
        assert len(raw.encode()) <= MAX_PAGE_BYTES
    assert sorted(seen) == sorted(f"iki-{i}" for ids in expected.values() for i in ids)
    assert len(seen) == len(set(seen))

    # The hostile name is text everywhere: no script element, no template evaluated.
    hostile = base / "iki" / document.kerangka.program[0].id / "index.html"
    for page in (hostile, base / "bab-4" / "index.html", site / "indikator" / "index.html"):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        assert not soup.select("article script"), page
        assert HOSTILE in text(soup), page

    # The printable document keeps the summary and says each program page prints alone.
    cetak = BeautifulSoup((base / "cetak" / "index.html").read_text("utf-8"), "html.parser")
    assert len(cetak.select("table.iku-tabel-iki-ringkas tbody tr")) == len(expected)
    assert cetak.select("table.iku-tabel-iki") == []
    assert "Setiap halaman program dapat dicetak sendiri" in text(cetak)


def test_built_program_pages_are_out_of_the_nav_and_in_the_search(
    kabupaten: tuple[Path, Path],
) -> None:
    data, site = kabupaten
    document = load_laporan(data).dataset.dokumen[DOKUMEN_ID]
    first = document.kerangka.program[0].id
    home = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    assert not [a for a in home.select("nav a") if "/iki/" in (a.get("href") or "")]
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    entries = [
        e for e in index if e["location"].split("#")[0] == f"dokumen/{DOKUMEN_ID}/iki/{first}/"
    ]
    assert len(entries) == 1
    assert entries[0]["title"] == html.escape(f"BAB IV – {HOSTILE}", quote=False)
    raw = (site / "search" / "search_index.json").read_text("utf-8")
    assert "<script" not in raw
