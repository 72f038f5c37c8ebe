"""The home page answers first: for the latest year with data, one sentence counting the IKU that
met their target (real strict builds of the demo, of a unit before its first report and of the
seed); before any report, the targets, said once. Expected counts are computed here from the
report, apart from the renderer, and hand-checked against data_contoh/."""

from __future__ import annotations

import posixpath
import re
import struct
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from iku_macros.compute.capaian import compute_capaian
from iku_macros.data.loading import load_dataset
from iku_macros.data.model import JenisIndikator, Polaritas
from iku_macros.report import Laporan, NilaiTahun, build_laporan
from iku_macros.web.render.beranda import Status, status_tahun

from . import tangkapan
from .browser.conftest import serve_directory
from .conftest import DATA, DEMO, data_unit, seed_only


def home(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


def number(shown: str) -> Decimal | str:
    """A number as the site writes it (``88``, ``88,00``, ``1.234,5``), else the text."""
    if re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?", shown):
        return Decimal(shown.replace(".", "").replace(",", "."))
    return shown


def expected_counts(laporan: Laporan) -> tuple[int, dict[str, int]]:
    """(year, counts) straight from the report: the latest year in which any IKU has a
    realisasi; the IKU of the document in force that year; met = capaian >= 100 %."""
    year = max(
        t
        for h in laporan.indikator.values()
        for t, nilai in h.tahun.items()
        if nilai.realisasi is not None and h.indikator.jenis is JenisIndikator.IKU
    )
    document = laporan.dataset.dokumen_berlaku(year)
    assert document is not None
    counts = {"iku": 0, "mencapai": 0, "belum mencapai": 0, "belum dilaporkan": 0}
    for ident, version in document.indikator.items():
        if version.jenis is not JenisIndikator.IKU:
            continue
        nilai = laporan.indikator[ident].tahun[year]
        counts["iku"] += 1
        if nilai.realisasi is None:
            counts["belum dilaporkan"] += 1
        else:
            # the demo's latest year has no target 0 and no IKU without a target
            assert nilai.capaian.nilai is not None, ident
            counts["mencapai" if nilai.capaian.nilai >= 100 else "belum mencapai"] += 1
    return year, counts


def test_home_sentence_counts_the_demo_latest_year(demo_site: Path) -> None:
    year, counts = expected_counts(build_laporan(load_dataset(DEMO)))
    # Hand-checked (data_contoh/realisasi/2025.yaml, dokumen/2025-2029): 5 IKU in force in 2025;
    # nilai_sakip 83,1 / 82 = 101,34 %, ikm_kecamatan 88,7 / 86 = 103,14 % and
    # pengaduan_tidak_tepat_waktu (lower is better) (2 × 8 − 6,5) / 8 = 118,75 % met their
    # target; persentase_layanan_daring 34 / 35 (the Perjanjian Kinerja's target) = 97,14 % did
    # not; ikm has no 2025 survey, so no realisasi.
    assert (year, counts) == (
        2025,
        {"iku": 5, "mencapai": 3, "belum mencapai": 1, "belum dilaporkan": 1},
    )
    soup = home(demo_site)
    answer = soup.select_one("p.iku-jawaban")
    assert answer is not None
    assert text(answer) == (
        f"Tahun {year}: {counts['mencapai']} dari {counts['iku']} IKU mencapai target, "
        f"{counts['belum mencapai']} belum mencapai target, "
        f"{counts['belum dilaporkan']} belum dilaporkan."
    )
    # the sentence comes first on the page, right under the heading
    article = soup.select_one("article .iku-beranda")
    assert article is not None
    assert [t.name for t in article.find_all(recursive=False)][:3] == ["h1", "p", "p"]
    assert article.find_all("p", recursive=False)[1] is answer
    # which IKU are short or missing, by name
    details = [text(li) for li in soup.select("ul.iku-jawaban-rincian li")]
    assert details == [
        "Belum mencapai target: Persentase layanan administrasi yang diajukan secara daring.",
        "Belum dilaporkan: Indeks Kepuasan Masyarakat.",
    ]
    # each card says the same as the sentence
    statuses = [text(p) for p in soup.select("section.iku-kartu p.iku-status-kartu")]
    assert sorted(statuses) == sorted(
        ["Mencapai target"] * 3 + ["Belum mencapai target", "Belum dilaporkan"]
    )


def test_home_explains_the_words_and_links_to_metodologi(demo_site: Path) -> None:
    box = home(demo_site).select_one(".iku-istilah")
    assert box is not None
    terms = [text(dt) for dt in box.select("dt")]
    assert terms == ["IKU (Indikator Kinerja Utama)", "Target", "Realisasi", "Capaian", "Predikat"]
    # the demo's scale (pengaturan.yaml), highest first
    assert "Sangat Tinggi, Tinggi, Sedang, Rendah, Sangat Rendah" in text(box)
    links = [a["href"] for a in box.select("a[href]")]
    assert links == ["metodologi/"] and (demo_site / "metodologi" / "index.html").is_file()


def built_capaian_years(site: Path) -> list[int]:
    return sorted(
        int(p.name)
        for p in (site / "capaian").iterdir()
        if p.name.isdigit() and (p / "index.html").is_file()
    )


@pytest.mark.parametrize("name", ["demo", "kosong"])
def test_home_lists_exactly_the_years_that_have_pages(
    name: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(f"{name}_site")
    line = home(site).select_one("p.iku-tahun-capaian")
    assert line is not None
    links = line.select("a[href]")
    assert [int(text(a)) for a in links] == built_capaian_years(site)
    for a in links:
        assert (site / posixpath.normpath(str(a["href"])) / "index.html").is_file(), a["href"]


def assert_targets_only(soup: BeautifulSoup) -> None:
    """Nothing reported: said once, and the cards hold targets only (no empty fields, no
    empty charts)."""
    answer = soup.select_one("p.iku-jawaban")
    assert answer is not None
    assert text(answer).startswith("Realisasi belum dilaporkan untuk tahun mana pun.")
    assert " dari " not in text(answer)  # no count of a year without data
    cards = soup.select("section.iku-kartu")
    assert cards
    for card in cards:
        terms = [text(dt) for dt in card.select("dt")]
        assert len(terms) == 1 and terms[0].startswith("Target "), text(card)
        assert card.select("svg") == [] and "belum dilaporkan" not in text(card)
    assert text(soup.select_one("article")).count("belum dilaporkan") == 1


def test_home_of_a_unit_before_its_first_report_shows_the_targets(kosong_site: Path) -> None:
    assert_targets_only(home(kosong_site))


@data_unit
@seed_only
def test_seed_home_says_nothing_is_reported_yet(data_site: Path) -> None:
    assert build_laporan(load_dataset(DATA)).tahun_terakhir_berdata is None
    soup = home(data_site)
    assert_targets_only(soup)
    heading = soup.select_one("article h2")
    assert heading is not None and text(heading) == "Target Indikator Kinerja Utama tahun 2023"
    # Hand-checked (data/dokumen/2018-2023-perubahan/indikator/): 2023 targets IKM Kecamatan 88
    # and Nilai SAKIP Kecamatan 89; the IKM indicator has no column in the target table.
    cards = {
        text(c.h3): number(text(c.dd)) for c in soup.select("section.iku-kartu") if c.h3 and c.dd
    }
    assert cards == {
        "Indeks Kepuasan Masyarakat": "tidak tercantum di tabel target",
        "Indeks Kepuasan Masyarakat Kecamatan": Decimal(88),
        "Nilai SAKIP Kecamatan": Decimal(89),
    }
    # the document's period is 2018–2023, but its target table (and the capaian pages) start
    # in 2019: the home page says so
    kini = soup.select_one("p.iku-dokumen-kini")
    assert kini is not None and "tabel targetnya memuat tahun 2019–2023" in text(kini)
    assert built_capaian_years(data_site) == [2019, 2020, 2021, 2022, 2023]


# --- the rule, case by case ------------------------------------------------------------------


def nilai(target: int | None, realisasi: int | None, polaritas: Polaritas) -> NilaiTahun:
    t = None if target is None else Fraction(target)
    r = None if realisasi is None else Fraction(realisasi)
    return NilaiTahun(
        tahun=2025,
        target=t,
        target_tercantum=True,
        realisasi=r,
        status_realisasi="dilaporkan" if r is not None else "belum dilaporkan",
        catatan=None,
        bukti=None,
        capaian=compute_capaian(t, r, polaritas),
        predikat=None,
        predikat_nilai=None,
    )


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "status"),
    [
        (80, 80, Polaritas.POSITIF, Status.MENCAPAI),  # 100 % exactly
        (80, 79, Polaritas.POSITIF, Status.BELUM_MENCAPAI),  # 98,75 %
        (8, 8, Polaritas.NEGATIF, Status.MENCAPAI),  # (16 − 8) / 8 = 100 %
        (8, 9, Polaritas.NEGATIF, Status.BELUM_MENCAPAI),  # 87,5 %
        (0, 0, Polaritas.NEGATIF, Status.MENCAPAI),  # target 0 met by 0: no capaian, yet met
        (0, 3, Polaritas.NEGATIF, Status.BELUM_MENCAPAI),  # 3 findings where 0 was the target
        (0, 0, Polaritas.POSITIF, Status.MENCAPAI),
        (None, 5, Polaritas.POSITIF, Status.TANPA_TARGET),  # the document wrote "-"
        (80, None, Polaritas.POSITIF, Status.BELUM_DILAPORKAN),
        (None, None, Polaritas.POSITIF, Status.BELUM_DILAPORKAN),
    ],
)
def test_status_of_one_iku(
    target: int | None, realisasi: int | None, polaritas: Polaritas, status: Status
) -> None:
    assert status_tahun(nilai(target, realisasi, polaritas)) is status


# --- the screenshot tool (tests/tangkapan.py, make tangkapan): its page list and one picture ---


def test_screenshot_tool_finds_every_page_type_of_the_demo(demo_site: Path) -> None:
    pages, missing = tangkapan.page_list(DEMO, demo_site)
    assert missing == []
    assert [p.jenis for p in pages] == list(tangkapan.PAGE_TYPES)
    paths = {p.jenis: p.path for p in pages}
    # the current document (2025-2029) has BAB IV and a comparison with its predecessor; its
    # first IKU is ikm; 2025 is the latest year with realisasi and 2024 the latest IKM survey
    assert paths["bab"] == "dokumen/2025-2029/bab-4/"
    assert paths["perbandingan"] == "dokumen/2025-2029/perbandingan/"
    assert paths["indikator"] == "indikator/ikm/"
    assert (paths["capaian"], paths["ikm"]) == ("capaian/2025/", "ikm/2024/")
    for page in pages:
        assert (demo_site / page.path / "index.html").is_file(), page
    names = [
        page.file_name(width, scheme)
        for page in pages
        for width in tangkapan.WIDTHS
        for scheme in tangkapan.SCHEMES
    ]
    assert len(set(names)) == len(names) == 11 * 2 * 2
    assert names[0] == "01-beranda-360-terang.png"


def test_screenshot_tool_names_what_a_site_lacks(kosong_site: Path, kosong_data: Path) -> None:
    pages, missing = tangkapan.page_list(kosong_data, kosong_site)
    # no chapter in any document, no IKM survey (the IKM index stands in), no realisasi (the
    # latest year with a capaian page)
    assert missing == ["bab"]
    paths = {p.jenis: p.path for p in pages}
    assert paths["ikm"] == "ikm/"
    assert paths["capaian"] == f"capaian/{built_capaian_years(kosong_site)[-1]}/"


def test_screenshot_tool_takes_a_picture(demo_site: Path, tmp_path: Path) -> None:
    beranda = tangkapan.Halaman("beranda", "")
    with serve_directory(demo_site) as url, tangkapan.chromium() as browser:
        (picture,) = tangkapan.take(
            browser, url, [beranda], tmp_path, widths=[360], schemes=["gelap"]
        )
    assert picture == tmp_path / "01-beranda-360-gelap.png"
    header = picture.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    assert width == 360 and height > tangkapan.WIDTHS[360]  # the whole page, not the viewport


# --- an indicator page answers first too ---------------------------------------------------------


def test_indicator_page_opens_with_its_latest_reported_year(demo_site: Path) -> None:
    """Each demo indicator page's first sentence names the latest year (in which it is an
    indicator) with a realisasi, met or not by the rule capaian >= 100 % (target 0: realisasi
    <= 0 for a negative polaritas), with that year's realisasi; without any realisasi, it says
    so. Years and verdicts computed here from the report, apart from the renderer."""
    laporan = build_laporan(load_dataset(DEMO))
    seen = {"mencapai target": 0, "belum mencapai target": 0}
    for ident, hasil in laporan.indikator.items():
        page = BeautifulSoup(
            (demo_site / "indikator" / ident / "index.html").read_text(encoding="utf-8"),
            "html.parser",
        )
        answer = page.select_one(".iku-jawaban")
        assert answer is not None, ident
        said = text(answer)
        years = [
            t
            for t, nilai in sorted(hasil.tahun.items())
            if nilai.realisasi is not None
            and nilai.dokumen is not None
            and ident in laporan.dataset.dokumen[nilai.dokumen].indikator
        ]
        if not years:
            assert said == "Belum ada realisasi yang dilaporkan untuk indikator ini.", ident
            continue
        nilai = hasil.tahun[years[-1]]
        if nilai.capaian.nilai is not None:
            met = nilai.capaian.nilai >= 100
        else:
            assert nilai.target == 0, ident
            positive = hasil.indikator.polaritas is Polaritas.POSITIF
            met = nilai.realisasi >= 0 if positive else nilai.realisasi <= 0
        verdict = "mencapai target" if met else "belum mencapai target"
        seen[verdict] += 1
        assert said.startswith(f"Tahun {years[-1]}: {verdict}. Realisasi "), (ident, said)
        shown = said.split("Realisasi ", 1)[1].split(" ", 1)[0].rstrip(";")
        assert abs(Fraction(number(shown)) - Fraction(nilai.realisasi)) <= Fraction(1, 200), (
            ident,
            shown,
            nilai.realisasi,
        )
    # The demo has indicators that met their target and indicators that did not.
    assert seen["mencapai target"] and seen["belum mencapai target"], seen


def test_indicator_pages_before_the_first_report_say_so(kosong_site: Path) -> None:
    pages = sorted((kosong_site / "indikator").glob("*/index.html"))
    assert pages
    for path in pages:
        answer = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(
            ".iku-jawaban"
        )
        assert answer is not None and text(answer) == (
            "Belum ada realisasi yang dilaporkan untuk indikator ini."
        ), path
