"""Static SVG charts: the marks carry the demo data's numbers (hand-checked from data_contoh's
YAML), missing values leave gaps, every chart is a labelled image, data text is escaped and
nothing refers outside the SVG."""

from __future__ import annotations

import colorsys
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction
from itertools import pairwise
from pathlib import Path

import material
import pytest
import yaml

from iku_macros.compute.colour import contrast_ratio
from iku_macros.compute.numbers import round_half_up
from iku_macros.compute.predikat import SKALA_PERMENDAGRI_86_2017
from iku_macros.report import HasilIndikator, Laporan
from iku_macros.web.build_data import load_laporan
from iku_macros.web.charts import (
    BATANG_LEBAR,
    GARIS_LEBAR,
    LATAR_GELAP,
    LATAR_TERANG,
    chart_capaian_tahun,
    chart_target_realisasi,
    lebar_teks,
    skala_nilai,
    sparkline_capaian,
    warna_tanda,
)
from iku_macros.web.render import Halaman
from iku_macros.web.render.grafik import macros

from .conftest import DEMO, make_kosong

IKU_DEMO = [
    # The IKU of dokumen/2020-2024 (in force 2020-2021) and 2020-2024-perubahan (2022-2024), in
    # framework order (tujuan, sasaran), then `urutan`.
    "ikm",
    "nilai_sakip",
    "temuan_bpk_belum_ditindaklanjuti",
    "ikm_kecamatan",
    "pengaduan_tidak_tepat_waktu",
]
IKU_2025 = [
    # dokumen/2025-2029: temuan_bpk ends, persentase_layanan_daring (sasaran_kepuasan, urutan 2)
    # is new.
    "ikm",
    "nilai_sakip",
    "ikm_kecamatan",
    "persentase_layanan_daring",
    "pengaduan_tidak_tepat_waktu",
]
TAHUN_DEMO = [str(t) for t in range(2020, 2030)]
"""Every year of the chain: 2020-2024 (two documents), then 2025-2029."""


@pytest.fixture(scope="module")
def laporan() -> Laporan:
    return load_laporan(DEMO)


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "svg"
    return root


def marks(root: ET.Element, seri: str) -> list[ET.Element]:
    return [e for e in root.iter() if e.get("data-seri") == seri]


def centre_y(mark: ET.Element) -> float:
    if mark.tag == "circle":
        return float(mark.get("cy"))
    return float(mark.get("y")) + float(mark.get("height")) / 2


def centre_x(mark: ET.Element) -> float:
    if mark.tag == "circle":
        return float(mark.get("cx"))
    return float(mark.get("x")) + float(mark.get("width")) / 2


def text_of(element: ET.Element) -> str:
    """The text of an element; the lines of a multi-line text (its ``tspan``s) joined by a
    space, as they read."""
    spans = element.findall("tspan")
    if spans:
        return " ".join(text_of(span) for span in spans)
    return "".join(element.itertext())


def row(root: ET.Element, ident: str) -> ET.Element:
    rows = [g for g in root.iter("g") if g.get("data-indikator") == ident]
    assert len(rows) == 1, ident
    return rows[0]


def all_charts(laporan: Laporan) -> list[str]:
    charts = []
    for n, hasil in enumerate(laporan.indikator.values()):
        charts.append(chart_target_realisasi(hasil, f"g{n}", laporan.dataset.dokumen))
        charts.append(sparkline_capaian(hasil, f"t{n}"))
    for tahun in laporan.tahun_laporan:
        charts.append(chart_capaian_tahun(laporan, tahun, "iku", f"c{tahun}"))
        charts.append(chart_capaian_tahun(laporan, tahun, "program", f"p{tahun}"))
    return charts


# --- target vs realisasi -------------------------------------------------------------------


def test_target_and_realisasi_points_in_year_order(laporan: Laporan) -> None:
    hasil = laporan.indikator["persentase_layanan_pelayanan_publik"]
    root = parse(chart_target_realisasi(hasil, "uji", laporan.dataset.dokumen))
    target, realisasi = marks(root, "target"), marks(root, "realisasi")
    # dokumen/2020-2024*/indikator/persentase_layanan_pelayanan_publik.yaml: 80, 82, 84, 86, 88
    # (the revision keeps them); dokumen/2025-2029: 88, 89, 90, 91, 92.
    assert [m.get("data-nilai") for m in target] == [
        f"{t}.00" for t in (80, 82, 84, 86, 88, 88, 89, 90, 91, 92)
    ]
    # realisasi/2020.yaml … 2025.yaml: 84.5, 70.0, 86.0, 88.0, 89.3, 90.0.
    assert [m.get("data-nilai") for m in realisasi] == [
        "84.50",
        "70.00",
        "86.00",
        "88.00",
        "89.30",
        "90.00",
    ]
    assert [m.get("data-tahun") for m in target] == TAHUN_DEMO
    assert [m.get("data-tahun") for m in realisasi] == TAHUN_DEMO[:6]
    for series in (target, realisasi):
        assert {m.get("data-indikator") for m in series} == {"persentase_layanan_pelayanan_publik"}
        xs = [centre_x(m) for m in series]
        assert xs == sorted(xs) and len(set(xs)) == len(xs)
    # One scale for both series: a higher value is drawn higher (smaller y), equal values level.
    points = [(Fraction(m.get("data-nilai")), centre_y(m)) for m in target + realisasi]
    for value_a, y_a in points:
        for value_b, y_b in points:
            if value_a > value_b:
                assert y_a < y_b, (value_a, value_b)
            elif value_a == value_b:
                assert y_a == pytest.approx(y_b)
    # Same year, same x for both series.
    assert [centre_x(m) for m in target[:6]] == pytest.approx([centre_x(m) for m in realisasi])


def test_legend_axis_and_description_in_indonesian(laporan: Laporan) -> None:
    hasil = laporan.indikator["persentase_layanan_pelayanan_publik"]
    root = parse(chart_target_realisasi(hasil, "uji", laporan.dataset.dokumen))
    texts = [text_of(t) for t in root.iter("text")]
    assert "Target" in texts and "Realisasi" in texts
    # Ten years on a chart laid out for a phone: every year has its place (the marks), every
    # other one is written under it, so the labels never touch.
    assert [t for t in texts if t in TAHUN_DEMO] == TAHUN_DEMO[::2]
    # Values 70 … 92 → (92 − 70) / 4 = 5,5 → steps of 10 from 70 to 100, Indonesian labels.
    assert [t for t in texts if t in {"70", "75", "80", "85", "90", "100"}] == [
        "70",
        "80",
        "90",
        "100",
    ]
    desc = root.find("desc").text
    assert "2021: target 82; realisasi 70,00" in desc
    assert "2024: target 88; realisasi 89,30" in desc


def test_missing_realisasi_leaves_a_gap(laporan: Laporan) -> None:
    # realisasi/2022.yaml: persentase_layanan_pembinaan_desa nilai null.
    hasil = laporan.indikator["persentase_layanan_pembinaan_desa"]
    root = parse(chart_target_realisasi(hasil, "uji", laporan.dataset.dokumen))
    realisasi = marks(root, "realisasi")
    assert [m.get("data-tahun") for m in realisasi] == ["2020", "2021", "2023", "2024", "2025"]
    assert [m.get("data-nilai") for m in realisasi] == [
        "70.00",
        "83.00",
        "85.00",
        "86.00",
        "88.00",
    ]
    assert len(marks(root, "target")) == 10
    # No segment runs through 2022: two separate lines, 2020–2021 and 2023–2025.
    x_2022 = centre_x(next(m for m in marks(root, "target") if m.get("data-tahun") == "2022"))
    lines = [e for e in root.iter("polyline") if e.get("data-garis") == "realisasi"]
    assert [len(line.get("points").split()) for line in lines] == [2, 3]
    for line in lines:
        xs = [float(p.split(",")[0]) for p in line.get("points").split()]
        assert not min(xs) <= x_2022 <= max(xs)
    assert "2022: target 84; realisasi belum diisi" in root.find("desc").text


def test_target_not_set_has_no_point(laporan: Laporan) -> None:
    # indikator/persentase_layanan_pemerintahan_umum.yaml: target 2020 null (document: '-').
    hasil = laporan.indikator["persentase_layanan_pemerintahan_umum"]
    root = parse(chart_target_realisasi(hasil, "uji", laporan.dataset.dokumen))
    assert [m.get("data-tahun") for m in marks(root, "target")] == TAHUN_DEMO[1:]
    assert "2020: target tidak ditetapkan; realisasi 75,00" in root.find("desc").text
    # realisasi/2024.yaml: nilai null → "belum diisi".
    assert "2024: target 85; realisasi belum diisi" in root.find("desc").text


def test_negative_polarity_is_stated(laporan: Laporan) -> None:
    hasil = laporan.indikator["pengaduan_tidak_tepat_waktu"]
    root = parse(chart_target_realisasi(hasil, "u", laporan.dataset.dokumen))
    assert "makin rendah" in root.find("desc").text


# --- capaian per year (bars) ---------------------------------------------------------------


def test_capaian_bars_2021(laporan: Laporan) -> None:
    root = parse(chart_capaian_tahun(laporan, 2021, "iku", "uji"))
    bars = marks(root, "capaian")
    assert [b.get("data-indikator") for b in bars] == IKU_DEMO
    assert {b.get("data-tahun") for b in bars} == {"2021"}
    nilai = {b.get("data-indikator"): b.get("data-nilai") for b in bars}
    # pengaduan_tidak_tepat_waktu (negatif): (2×15 − 19) / 15 × 100 = 73,333… → 73.33
    assert nilai["pengaduan_tidak_tepat_waktu"] == "73.33"
    # nilai_sakip: 66,7 / 72 × 100 = 92,638… → 92.64
    assert nilai["nilai_sakip"] == "92.64"
    # temuan_bpk_belum_ditindaklanjuti (negatif): (2×4 − 4) / 4 × 100 = 100
    assert nilai["temuan_bpk_belum_ditindaklanjuti"] == "100.00"
    # ikm_kecamatan: (70 + 80,5 + 60 + 35 + 83) / 5 = 65,7; 65,7 / 82 × 100 = 80,121… → 80.12
    assert nilai["ikm_kecamatan"] == "80.12"
    # ikm comes from the survey (tested in test_compute_ikm); here it must equal the report.
    assert nilai["ikm"] == str(round_half_up(laporan.indikator["ikm"].tahun[2021].capaian.nilai))

    # Value and predikat are written beside the bar: 73,33 is "Sedang" (66 ≤ x < 76).
    pengaduan = row(root, "pengaduan_tidak_tepat_waktu")
    label = next(t for t in pengaduan.iter("text") if t.get("class") == "iku-grafik-label")
    assert text_of(label) == "73,33% Sedang"
    assert pengaduan.find("rect").get("data-predikat") == "Sedang"
    # Sedang is #ffc107 in the default scale: as a mark, darkened to 3:1 on white (#ba8d05).
    assert pengaduan.find("rect").get("fill") == "#ba8d05"
    sakip = row(root, "nilai_sakip")
    assert "92,64% Sangat Tinggi" in [text_of(t) for t in sakip.iter("text")]

    # Longer bar for a larger capaian, all starting at the same x.
    widths = {b.get("data-indikator"): float(b.get("width")) for b in bars}
    assert widths["nilai_sakip"] > widths["ikm_kecamatan"] > widths["pengaduan_tidak_tepat_waktu"]
    assert len({b.get("x") for b in bars}) == 1
    # A 100% reference line and its label.
    assert [e for e in root.iter() if "iku-grafik-acuan" in (e.get("class") or "")]
    assert "100%" in [text_of(t) for t in root.iter("text")]


def test_capaian_rounds_half_up(laporan: Laporan) -> None:
    # ikm_kecamatan 2020: (84,5 + 45 + 78 + 75 + 70) / 5 = 70,5; 70,5 / 80 × 100 = 88,125
    # → 88.13 (half up; binary floats or banker's rounding would give 88.12).
    root = parse(chart_capaian_tahun(laporan, 2020, "iku", "uji"))
    bar = row(root, "ikm_kecamatan").find("rect")
    assert bar.get("data-nilai") == "88.13"
    assert "88,13% Tinggi" in [text_of(t) for t in row(root, "ikm_kecamatan").iter("text")]


def test_not_computable_capaian_has_text_and_no_bar(laporan: Laporan) -> None:
    # dokumen/2020-2024-perubahan/indikator/temuan_bpk_belum_ditindaklanjuti.yaml: target 2023
    # = 0 (division by zero).
    root = parse(chart_capaian_tahun(laporan, 2023, "iku", "uji"))
    temuan = row(root, "temuan_bpk_belum_ditindaklanjuti")
    assert temuan.find("rect") is None
    assert not marks(temuan, "capaian")
    texts = [text_of(t) for t in temuan.iter("text")]
    assert any(
        t.startswith("tidak terukur: target bernilai 0, capaian tidak dapat dihitung")
        for t in texts
    )
    # Every other IKU still has its bar.
    assert [b.get("data-indikator") for b in marks(root, "capaian")] == [
        i for i in IKU_DEMO if i != "temuan_bpk_belum_ditindaklanjuti"
    ]
    assert "tercapai (target 0; persentase tidak dapat dihitung)" in root.find("desc").text


def test_capaian_bars_follow_the_document_in_force(laporan: Laporan) -> None:
    # 2025: dokumen/2025-2029's IKU, with its new indicator and without temuan_bpk.
    root = parse(chart_capaian_tahun(laporan, 2025, "iku", "uji"))
    assert [g.get("data-indikator") for g in root.iter("g") if g.get("data-indikator")] == IKU_2025
    nilai = {b.get("data-indikator"): b.get("data-nilai") for b in marks(root, "capaian")}
    # persentase_layanan_daring against the Perjanjian Kinerja's 35: 34 / 35 × 100 = 97,142…
    assert nilai["persentase_layanan_daring"] == "97.14"
    # ikm has no 2025 survey: a row without a bar.
    assert "ikm" not in nilai
    # Each row is named as that year's document names it (the name changed in 2025).
    nama_2025 = laporan.dataset.dokumen["2025-2029"].indikator["pengaduan_tidak_tepat_waktu"].nama
    nama_2021 = laporan.dataset.dokumen["2020-2024"].indikator["pengaduan_tidak_tepat_waktu"].nama
    assert nama_2025 != nama_2021
    assert row(root, "pengaduan_tidak_tepat_waktu").find("title").text.startswith(nama_2025)
    root = parse(chart_capaian_tahun(laporan, 2021, "iku", "uji"))
    assert row(root, "pengaduan_tidak_tepat_waktu").find("title").text == (
        f"{nama_2021}: 73,33% (Sedang)"
    )


def test_boundary_labels_never_overlap(laporan: Laporan) -> None:
    """Documents changing in consecutive years (2022, 2023, 2024 here, by giving 2023 back to
    the original document) stack their labels in rows and push the plot down."""
    hasil = laporan.indikator["nilai_sakip"]
    tahun = {**hasil.tahun, 2023: replace(hasil.tahun[2023], dokumen="2020-2024")}
    root = parse(
        chart_target_realisasi(
            HasilIndikator(hasil.indikator, tahun, hasil.target_akhir),
            "uji",
            laporan.dataset.dokumen,
        )
    )
    batas = [g for g in root.iter("g") if g.get("class") == "iku-grafik-batas"]
    labels = [g.find("text") for g in batas]
    assert [text_of(t) for t in labels] == [
        "2022 Perubahan",
        "2023 dokumen baru",
        "2024 Perubahan",
        "2025 periode baru",
    ]
    # Ten years over about 350 units: boundaries 35 apart, less than a label's width: labels
    # sharing a row never overlap, so they take several rows; a label that would run past the
    # right edge sits left of its line.
    ys = sorted({float(t.get("y")) for t in labels})
    assert len(ys) > 1

    def extent(t: ET.Element) -> tuple[float, float]:
        x, width = float(t.get("x")), lebar_teks(text_of(t))
        return (x, x + width) if t.get("text-anchor") == "start" else (x - width, x)

    for y in ys:
        same_row = sorted(extent(t) for t in labels if float(t.get("y")) == y)
        for (_, end_a), (start_b, _) in pairwise(same_row):
            assert end_a < start_b
    # The lowest row sits just above the plot, whose top moved down by 16 per extra row.
    grid_top = min(
        float(e.get("y1")) for e in root.iter("line") if e.get("class") == "iku-grafik-grid"
    )
    assert ys[-1] == grid_top - 8 and grid_top == 48 + 16 * (len(ys) - 1)
    assert [y_b - y_a for y_a, y_b in pairwise(ys)] == [16] * (len(ys) - 1)
    # No line runs through a label: a line under a label's span starts below it.
    for g in batas:
        label = g.find("text")
        start, end = extent(label)
        for other in batas:
            line = other.find("line")
            if other is not g and start <= float(line.get("x1")) <= end:
                assert float(line.get("y1")) > float(label.get("y")), text_of(label)
    # Every label stays inside the drawing.
    for t in labels:
        start, end = extent(t)
        assert start >= 0 and end <= GARIS_LEBAR


def test_program_bars_and_bad_arguments(laporan: Laporan) -> None:
    root = parse(chart_capaian_tahun(laporan, 2021, "program", "uji"))
    assert [b.get("data-indikator") for b in marks(root, "capaian")] == [
        h.indikator.id for h in laporan.program()
    ]
    with pytest.raises(ValueError):
        chart_capaian_tahun(laporan, 2021, "lainnya", "uji")
    with pytest.raises(ValueError):
        chart_capaian_tahun(laporan, 1999, "iku", "uji")
    with pytest.raises(ValueError):
        chart_capaian_tahun(laporan, 2021, "iku", "bukan id")


# --- sparkline -----------------------------------------------------------------------------


def test_sparkline_values_colours_and_gap(laporan: Laporan) -> None:
    root = parse(sparkline_capaian(laporan.indikator["pengaduan_tidak_tepat_waktu"], "uji"))
    points = marks(root, "capaian")
    assert [p.get("data-tahun") for p in points] == TAHUN_DEMO[:6]
    # (2t − r)/t × 100 with (t, r) = (20, 18), (15, 19), (12, 26), (10, 9,5), (8, 7,2), (8, 6,5)
    # (targets 2022-2024 of the IKU Perubahan, 2025 of 2025-2029):
    # 110; 73,33; (24 − 26)/12 < 0 → 0; 105; 110; 9,5/8 = 118,75.
    assert [p.get("data-nilai") for p in points] == [
        "110.00",
        "73.33",
        "0.00",
        "105.00",
        "110.00",
        "118.75",
    ]
    assert [p.get("data-predikat") for p in points] == [
        "Sangat Tinggi",
        "Sedang",
        "Sangat Rendah",
        "Sangat Tinggi",
        "Sangat Tinggi",
        "Sangat Tinggi",
    ]
    # The predikat colours as marks (see test_predikat_mark_colours): Sangat Tinggi #1b5e20 →
    # #3f7844, Sedang #ffc107 → #ba8d05, Sangat Rendah #c62828 → #c83131.
    assert [p.get("fill") for p in points] == [
        "#3f7844",
        "#ba8d05",
        "#c83131",
        "#3f7844",
        "#3f7844",
        "#3f7844",
    ]
    ys = {p.get("data-tahun"): centre_y(p) for p in points}
    assert ys["2022"] > ys["2021"] > ys["2023"] > ys["2020"] == ys["2024"] > ys["2025"]
    reference = [e for e in root.iter("line") if e.get("class") == "iku-grafik-acuan"]
    assert len(reference) == 1
    # 100% lies between 73,33 (2021) and 105 (2023).
    assert ys["2023"] < float(reference[0].get("y1")) < ys["2021"]
    desc = root.find("desc").text
    assert "2021: 73,33% (Sedang)" in desc

    # ikm_kecamatan: 2022 and 2024 have no realisasi (composite inputs missing), 2026 on none.
    root = parse(sparkline_capaian(laporan.indikator["ikm_kecamatan"], "uji"))
    assert [p.get("data-tahun") for p in marks(root, "capaian")] == [
        "2020",
        "2021",
        "2023",
        "2025",
    ]
    assert len([e for e in root.iter("polyline") if e.get("data-garis") == "capaian"]) == 1
    assert "2022: tidak terukur, realisasi belum dilaporkan" in root.find("desc").text


# --- every chart: accessible, self-contained -----------------------------------------------


def test_every_chart_is_a_labelled_scalable_image(laporan: Laporan) -> None:
    for svg in all_charts(laporan):
        root = parse(svg)
        assert root.get("role") == "img"
        assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))
        assert root.get("font-family") == "inherit"
        title, desc = root.find("title"), root.find("desc")
        assert title is not None and title.text
        assert desc is not None and desc.text
        assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
        ids = [e.get("id") for e in root.iter() if e.get("id")]
        assert len(ids) == len(set(ids))
        assert "\n\n" not in svg and not any(not line.strip() for line in svg.splitlines())


def test_no_external_reference_script_or_style(laporan: Laporan) -> None:
    for svg in all_charts(laporan):
        for element in parse(svg).iter():
            assert element.tag not in {"script", "foreignObject", "image", "a", "use", "style"}
            assert "style" not in element.attrib
            for name, value in element.attrib.items():
                assert not name.startswith("on"), name
                assert "href" not in name, name
                assert not re.search(r"https?:|url\(|javascript:|//", value), (name, value)
        assert "http" not in svg


def test_every_data_mark_has_machine_readable_attributes(laporan: Laporan) -> None:
    for svg in all_charts(laporan):
        for mark in parse(svg).iter():
            if mark.get("data-seri") is None:
                continue
            assert mark.get("data-seri") in {"target", "realisasi", "capaian"}
            assert re.fullmatch(r"\d{4}", mark.get("data-tahun"))
            assert re.fullmatch(r"-?\d+\.\d\d", mark.get("data-nilai"))
            assert mark.get("data-indikator") in laporan.indikator


# --- data text is escaped ------------------------------------------------------------------

EVIL = "<script>alert(1)</script> & \"kutip\" 'petik' ]]> " + "panjang " * 8 + "akhir"


@pytest.fixture
def evil_laporan(copy_data: Callable[[Path], Path]) -> Laporan:
    """The demo data with a hostile, long name (in every document) and a capaian past the
    drawn scale."""
    data = copy_data(DEMO)
    paths = sorted(data.glob("dokumen/*/indikator/pengaduan_tidak_tepat_waktu.yaml"))
    assert len(paths) == 3
    for path in paths:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8").replace(
            f"nama: {document['nama']}", f"nama: {json.dumps(EVIL)}"
        )
        path.write_text(text, encoding="utf-8")
    realisasi = data / "realisasi" / "2021.yaml"
    # temuan_bpk_belum_ditindaklanjuti 2021: 4 → 0, capaian (2×4 − 0) / 4 × 100 = 200.
    old = "temuan_bpk_belum_ditindaklanjuti:\n    nilai: 4\n"
    content = realisasi.read_text(encoding="utf-8")
    assert old in content
    realisasi.write_text(
        content.replace(old, "temuan_bpk_belum_ditindaklanjuti:\n    nilai: 0\n"),
        encoding="utf-8",
    )
    return load_laporan(data)


def test_names_are_escaped_and_round_trip(evil_laporan: Laporan) -> None:
    hasil = evil_laporan.indikator["pengaduan_tidak_tepat_waktu"]
    assert hasil.indikator.nama == EVIL
    charts = [
        chart_target_realisasi(hasil, "a", evil_laporan.dataset.dokumen),
        sparkline_capaian(hasil, "b"),
        chart_capaian_tahun(evil_laporan, 2021, "iku", "c"),
    ]
    for svg in charts:
        assert "<script>" not in svg
        assert "&lt;script&gt;" in svg
        root = parse(svg)  # still well-formed XML
        assert not list(root.iter("script"))
        texts = [text_of(e) for e in root.iter() if e.tag in {"title", "desc"}]
        assert any(EVIL in t for t in texts)

    # The bar chart cuts the long name on the drawing, with the full name in the row's title.
    root = parse(charts[2])
    pengaduan = row(root, "pengaduan_tidak_tepat_waktu")
    assert pengaduan.find("title").text.startswith(EVIL + ":")
    nama = next(t for t in pengaduan.iter("text") if "iku-grafik-nama" in t.get("class"))
    lines = [text_of(s) for s in nama.iter("tspan")]
    assert len(lines) == 2
    assert lines[0].startswith('<script>alert(1)</script> & "kutip"')
    assert lines[-1].endswith("…")


def test_capaian_past_the_scale_is_cut_but_labelled(evil_laporan: Laporan) -> None:
    root = parse(chart_capaian_tahun(evil_laporan, 2021, "iku", "uji"))
    temuan = row(root, "temuan_bpk_belum_ditindaklanjuti")
    bar = temuan.find("rect")
    # See evil_laporan: 200%, drawn only up to 150% and marked as cut.
    assert bar.get("data-nilai") == "200.00"
    assert bar.get("data-dipotong") == "ya"
    reference = next(e for e in root.iter("path") if e.get("class") == "iku-grafik-acuan")
    x_100 = float(re.match(r"M([\d.]+) ", reference.get("d")).group(1))
    x_0 = float(bar.get("x"))
    assert float(bar.get("width")) == pytest.approx(1.5 * (x_100 - x_0))
    assert "200,00% Sangat Tinggi" in [text_of(t) for t in temuan.iter("text")]


# --- the value axis ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "ticks", "desimal"),
    [
        # pengaduan_tidak_tepat_waktu: 7,2 … 26 → from 0 (7,2 ≤ 26 / 2), step 10.
        (["7.2", "26"], ["0", "10", "20", "30"], 0),
        # ikm: 71,54 … 88,52 → step 5.
        (["71.54", "88.52"], ["70", "75", "80", "85", "90"], 0),
        (["0", "1"], ["0", "0.25", "0.5", "0.75", "1"], 2),
        # One value: from 0 to it; all zero: 0 to 1 (never a negative axis for a count).
        (["5", "5"], ["0", "2", "4", "6"], 0),
        (["0"], ["0", "0.25", "0.5", "0.75", "1"], 2),
        ([], ["0", "25", "50", "75", "100"], 0),
    ],
)
def test_value_axis_has_round_ticks(values: list[str], ticks: list[str], desimal: int) -> None:
    skala = skala_nilai([Fraction(v) for v in values])
    assert list(skala.ticks) == [Fraction(t) for t in ticks]
    assert skala.desimal == desimal


# --- macros --------------------------------------------------------------------------------


def test_macros_return_one_figure_block(laporan: Laporan) -> None:
    m = macros(laporan, Halaman(lambda: "indikator/ikm/"))
    assert set(m) == {"grafik_indikator", "grafik_tren", "grafik_capaian"}
    blocks = [
        m["grafik_indikator"]("ikm"),
        m["grafik_tren"]("ikm"),
        m["grafik_capaian"](2021),
        m["grafik_capaian"](2021, jenis="program"),
    ]
    for html in blocks:
        assert html.startswith('<figure class="iku-grafik')
        assert html.endswith("</figure>")
        assert all(line.strip() for line in html.splitlines())
        figure = ET.fromstring(html)
        assert figure.find("svg") is not None
        caption = figure.find("figcaption")
        assert "di halaman ini" in caption.text
    # The same chart twice on one page gets distinct ids; another page starts again.
    again = ET.fromstring(m["grafik_tren"]("ikm")).find("svg")
    assert again.find("title").get("id") == "iku-tren-ikm-2-judul"
    other = macros(laporan, Halaman(lambda: "lain/"))
    assert ET.fromstring(other["grafik_tren"]("ikm")).find("svg/title").get("id") == (
        "iku-tren-ikm-judul"
    )
    with pytest.raises(ValueError):
        m["grafik_capaian"](2021, jenis="lainnya")


def test_stylesheet_defines_the_classes_used() -> None:
    css = (DEMO.parent / "docs" / "assets" / "grafik.css").read_text(encoding="utf-8")
    for name in (
        "iku-grafik-garis-target",
        "iku-grafik-titik-target",
        "iku-grafik-garis-realisasi",
        "iku-grafik-titik-realisasi",
        "iku-grafik-titik-capaian",
        "iku-grafik-batang",
        "iku-grafik-acuan",
        "iku-grafik-grid",
        "iku-grafik-sumbu-teks",
        "iku-grafik-tak-terukur",
    ):
        assert f".{name}" in css, name
    assert "@media print" in css
    assert "--iku-grafik-realisasi" in css and "--md-default-fg-color" in css
    assert "url(" not in css


# --- every chart fits a phone: text inside the drawing, never on other text -------------------


def text_boxes(root: ET.Element) -> list[tuple[str, float, float, float, float]]:
    """(text, left, right, top, bottom) of every line of text, from its position, anchor and
    :func:`lebar_teks` (a generous width): what a 13-unit font covers."""
    boxes = []
    for text in root.iter("text"):
        size = float(text.get("font-size") or root.get("font-size"))
        anchor = text.get("text-anchor") or "start"
        lines = text.findall("tspan") if text.find("tspan") is not None else [text]
        for line in lines:
            if line.get("x") is None and line is not text:
                continue  # a tspan inside a line of text (style only)
            content = text_of(line) if line is not text else "".join(text.itertext())
            bold = "bold" in (line.get("font-weight"), text.get("font-weight"))
            width = lebar_teks(content, size, tebal=bold)
            x, y = float(line.get("x")), float(line.get("y"))
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            boxes.append((content, left, left + width, y - 0.75 * size, y + 0.25 * size))
    return boxes


def test_every_chart_fits_its_drawing_and_no_text_overlaps(laporan: Laporan) -> None:
    for svg in all_charts(laporan):
        root = parse(svg)
        # Scales to its box: a viewBox and no fixed size (assets/grafik.css sets the width).
        assert root.get("width") is None and root.get("height") is None
        _, _, width, height = (float(v) for v in root.get("viewBox").split())
        if "iku-grafik-svg--tren" not in root.get("class"):
            assert width in (GARIS_LEBAR, BATANG_LEBAR)
        boxes = text_boxes(root)
        for content, left, right, top, bottom in boxes:
            assert left >= 0 and right <= width, (root.find("title").text, content)
            assert top >= 0 and bottom <= height, (root.find("title").text, content)
        for index, (a, left_a, right_a, top_a, bottom_a) in enumerate(boxes):
            for b, left_b, right_b, top_b, bottom_b in boxes[index + 1 :]:
                apart = right_a <= left_b or right_b <= left_a
                apart = apart or bottom_a <= top_b or bottom_b <= top_a
                assert apart, (root.find("title").text, a, b)


def test_bar_chart_shows_values_and_the_100_line_within_a_phone_width(laporan: Laporan) -> None:
    # 2021: capaian 73,33 … 101,53; the value column and the 100% line inside 400 units, so
    # on a 328 px box (a 360 px phone) nothing is cut off.
    root = parse(chart_capaian_tahun(laporan, 2021, "iku", "uji"))
    assert root.get("viewBox").split()[2] == str(BATANG_LEBAR)
    reference = next(e for e in root.iter("path") if e.get("class") == "iku-grafik-acuan")
    x_100 = float(re.match(r"M([\d.]+) ", reference.get("d")).group(1))
    assert 0 < x_100 < BATANG_LEBAR / 2
    for bar in marks(root, "capaian"):
        label = next(
            t
            for t in row(root, bar.get("data-indikator")).iter("text")
            if t.get("class") == "iku-grafik-label"
        )
        x_label = float(label.find("tspan").get("x"))
        # The value starts right of the longest bar the scale draws (150%).
        assert x_label > float(bar.get("x")) + 1.5 * (x_100 - float(bar.get("x")))


# --- colours: every mark stands out from both page backgrounds (WCAG 2.1 SC 1.4.11) ----------

STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
GRAFIK_CSS = DEMO.parent / "docs" / "assets" / "grafik.css"


def material_backgrounds() -> dict[str, str]:
    """The page background of Material's light (default) and dark (slate) scheme, as #rrggbb,
    read from the stylesheets the site ships."""
    (main,) = STYLESHEETS.glob("main.*.min.css")
    (palette,) = STYLESHEETS.glob("palette.*.min.css")
    main_css, palette_css = main.read_text("utf-8"), palette.read_text("utf-8")
    light = re.search(
        r"\[data-md-color-scheme=default\]\{[^}]*?--md-default-bg-color:#(fff|ffffff)[;}]",
        main_css,
    )
    hue = re.search(r"--md-hue:(\d+)deg", main_css)
    dark = re.search(
        r"\[data-md-color-scheme=slate\]\{[^}]*?--md-default-bg-color:"
        r"hsla\(var\(--md-hue\), ?(\d+)%, ?(\d+)%, ?1\)",
        palette_css,
    )
    assert light and hue and dark
    rgb = colorsys.hls_to_rgb(
        int(hue.group(1)) / 360, int(dark.group(2)) / 100, int(dark.group(1)) / 100
    )
    return {
        "default": "#ffffff",
        "slate": "#" + "".join(f"{round(channel * 255):02x}" for channel in rgb),
    }


def scheme_colours() -> dict[str, dict[str, str]]:
    """The chart colours grafik.css defines for each scheme (``--iku-grafik-*``)."""
    css = GRAFIK_CSS.read_text(encoding="utf-8")
    blocks = {
        "default": re.search(r'\[data-md-color-scheme="default"\] \{([^}]*)\}', css),
        "slate": re.search(r'\[data-md-color-scheme="slate"\] \{([^}]*)\}', css),
    }
    return {
        scheme: dict(re.findall(r"--iku-grafik-([a-z]+): (#[0-9a-f]{6});", block.group(1)))
        for scheme, block in blocks.items()
    }


def test_page_backgrounds_are_materials() -> None:
    # Material's slate: hsla(225deg, 15%, 14%, 1) = rgb(30.3, 33.0, 41.1) → #1e2129.
    assert material_backgrounds() == {"default": LATAR_TERANG, "slate": LATAR_GELAP}
    assert LATAR_GELAP == "#1e2129"


def test_line_colours_stand_out_in_both_schemes() -> None:
    backgrounds = material_backgrounds()
    colours = scheme_colours()
    for scheme, named in colours.items():
        assert set(named) == {"target", "realisasi", "acuan"}, scheme
        for name, colour in named.items():
            ratio = contrast_ratio(colour, backgrounds[scheme])
            assert ratio >= 3, (scheme, name, colour, ratio)
    # Hand-checked: the dark realisasi #4db6ac on #1e2129 is about 6.6:1; Material's primary
    # #00695c, used before, was 2.43:1.
    assert round(contrast_ratio(colours["slate"]["realisasi"], LATAR_GELAP), 1) == 6.6
    assert round(contrast_ratio("#00695c", LATAR_GELAP), 2) == 2.43
    # The marks take these colours: lines, points and the 100% line.
    css = GRAFIK_CSS.read_text(encoding="utf-8")
    for rule, colour in (
        (r"\.iku-grafik-garis-target \{[^}]*stroke: var\(--iku-grafik-target\)", "target"),
        (r"\.iku-grafik-titik-target \{[^}]*stroke: var\(--iku-grafik-target\)", "target"),
        (r"\.iku-grafik-garis-realisasi \{[^}]*stroke: var\(--iku-grafik-realisasi\)", ""),
        (r"\.iku-grafik-titik-realisasi \{[^}]*fill: var\(--iku-grafik-realisasi\)", ""),
        (r"\.iku-grafik-garis-capaian \{[^}]*stroke: var\(--iku-grafik-target\)", ""),
        (r"\.iku-grafik-acuan \{[^}]*stroke: var\(--iku-grafik-acuan\)", ""),
    ):
        assert re.search(rule, css), (rule, colour)


DEFAULT_MARKS = {
    # Predikat colour → mark colour, hand-checked: #1b5e20 is 2.05:1 on the dark page; 16% of
    # the way to white, (27 + 228 × 0.16, 94 + 161 × 0.16, 32 + 223 × 0.16) = (63, 120, 68)
    # = #3f7844, 3.05:1 (15% gives 2.96:1). #ffc107 is 1.63:1 on white; 27% towards black
    # gives #ba8d05, 3.04:1. #43a047 already reaches 3:1 on both (3.30 and 4.87).
    "#1b5e20": "#3f7844",
    "#43a047": "#43a047",
    "#ffc107": "#ba8d05",
    "#f57c00": "#e67500",
    "#c62828": "#c83131",
}


def test_predikat_mark_colours() -> None:
    assert {
        t.warna: warna_tanda(t.warna) for t in SKALA_PERMENDAGRI_86_2017.tingkat
    } == DEFAULT_MARKS
    # Any configured scale (here the example of data_contoh/pengaturan.yaml and some extremes):
    # 3:1 on both backgrounds, and no further from the configured colour than needed.
    for warna in ("#2e7d32", "#f9a825", "#c62828", "#ffffff", "#000000", "#808080", "#FFFF00"):
        mark = warna_tanda(warna)
        for latar in (LATAR_TERANG, LATAR_GELAP):
            assert contrast_ratio(mark, latar) >= 3, (warna, mark, latar)
        if mark != warna.lower():
            towards = "#000000" if contrast_ratio(warna, LATAR_TERANG) < 3 else "#ffffff"
            step = next(k for k in range(101) if campur(warna, towards, k) == mark)
            before = campur(warna, towards, step - 1)
            assert min(contrast_ratio(before, b) for b in (LATAR_TERANG, LATAR_GELAP)) < 3


def campur(warna: str, towards: str, percent: int) -> str:
    """``warna`` moved ``percent`` % of the way to ``towards``, channel by channel."""
    a = [int(warna[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(towards[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(
        f"{round(p + (q - p) * percent / 100):02x}" for p, q in zip(a, b, strict=True)
    )


def test_every_predikat_mark_stands_out(laporan: Laporan) -> None:
    for svg in all_charts(laporan):
        for mark in parse(svg).iter():
            if mark.get("data-predikat") is None:
                continue
            fill = mark.get("fill")
            assert fill in DEFAULT_MARKS.values(), fill
            assert min(contrast_ratio(fill, b) for b in (LATAR_TERANG, LATAR_GELAP)) >= 3


# --- a chart only where there is something to draw --------------------------------------------


def test_nothing_to_draw_is_one_line(
    laporan: Laporan, tmp_path: Path, copy_data: Callable[[Path], Path]
) -> None:
    # Targets only (no realisasi, no survey): the target chart is drawn, capaian charts are not.
    kosong = load_laporan(make_kosong(tmp_path / "kosong"))
    m = macros(kosong, Halaman(lambda: "capaian/2021/"))
    assert m["grafik_indikator"]("nilai_sakip").startswith('<figure class="iku-grafik')
    for tahun in kosong.tahun_laporan:
        text = m["grafik_capaian"](tahun)
        assert text == (
            '<p class="iku-grafik-kosong">Grafik tidak digambar: belum ada capaian Indikator '
            f"Kinerja Utama yang dapat dihitung untuk tahun {tahun} (alasannya di tabel).</p>"
        )
    assert m["grafik_tren"]("nilai_sakip") == (
        '<p class="iku-grafik-kosong">Belum ada capaian yang dapat dihitung.</p>'
    )
    # An indicator without any target or realisasi: no chart at all.
    hasil = laporan.indikator["persentase_layanan_trantib"]
    kosong_semua = {t: replace(n, target=None, realisasi=None) for t, n in hasil.tahun.items()}
    tanpa = replace(
        laporan,
        indikator={
            **laporan.indikator,
            "persentase_layanan_trantib": replace(hasil, tahun=kosong_semua),
        },
    )
    text = macros(tanpa, Halaman(lambda: "x/"))["grafik_indikator"]("persentase_layanan_trantib")
    assert text == (
        '<p class="iku-grafik-kosong">Grafik tidak digambar: belum ada target maupun realisasi '
        "untuk indikator ini.</p>"
    )
    # The demo has capaian in 2021: bars are drawn.
    assert macros(laporan, Halaman(lambda: "y/"))["grafik_capaian"](2021).startswith("<figure")
