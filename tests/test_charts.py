"""Static SVG charts: the marks carry the demo data's numbers (hand-checked from data_contoh's
YAML), missing values leave gaps, every chart is a labelled image, data text is escaped and
nothing refers outside the SVG."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from iku_macros.compute.numbers import round_half_up
from iku_macros.report import HasilIndikator, Laporan
from iku_macros.web.build_data import load_laporan
from iku_macros.web.charts import (
    chart_capaian_tahun,
    chart_target_realisasi,
    skala_nilai,
    sparkline_capaian,
)
from iku_macros.web.render import Halaman
from iku_macros.web.render.grafik import macros

from .conftest import DEMO

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
    assert [t for t in texts if t in TAHUN_DEMO] == TAHUN_DEMO
    # Values 70 … 92 → (92 − 70) / 4 = 5,5 → steps of 10 from 70 to 100, Indonesian labels.
    assert [t for t in texts if t in {"70", "75", "80", "85", "90", "100"}] == [
        "70",
        "80",
        "90",
        "100",
    ]
    desc = root.find("desc").text
    assert "2021: target 82,00; realisasi 70,00" in desc
    assert "2024: target 88,00; realisasi 89,30" in desc


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
    assert "2022: target 84,00; realisasi belum diisi" in root.find("desc").text


def test_target_not_set_has_no_point(laporan: Laporan) -> None:
    # indikator/persentase_layanan_pemerintahan_umum.yaml: target 2020 null (document: '-').
    hasil = laporan.indikator["persentase_layanan_pemerintahan_umum"]
    root = parse(chart_target_realisasi(hasil, "uji", laporan.dataset.dokumen))
    assert [m.get("data-tahun") for m in marks(root, "target")] == TAHUN_DEMO[1:]
    assert "2020: target tidak ditetapkan; realisasi 75,00" in root.find("desc").text
    # realisasi/2024.yaml: nilai null → "belum diisi".
    assert "2024: target 85,00; realisasi belum diisi" in root.find("desc").text


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
    assert text_of(label) == "73,33% · Sedang"
    assert pengaduan.find("rect").get("data-predikat") == "Sedang"
    assert pengaduan.find("rect").get("fill") == "#ffc107"  # Sedang in the default scale
    sakip = row(root, "nilai_sakip")
    assert "92,64% · Sangat Tinggi" in [text_of(t) for t in sakip.iter("text")]

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
    assert "88,13% · Tinggi" in [text_of(t) for t in row(root, "ikm_kecamatan").iter("text")]


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
    assert "tidak terukur, target bernilai 0" in root.find("desc").text


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
    # Ten years over 560 units: boundaries 56 apart, less than a label's width (about 7 per
    # character): labels sharing a row never overlap, so they take several rows.
    assert {t.get("text-anchor") for t in labels} == {"start"}  # all fit right of their line
    ys = sorted({float(t.get("y")) for t in labels})
    assert len(ys) > 1
    for y in ys:
        same_row = sorted(
            (float(t.get("x")), len(text_of(t))) for t in labels if float(t.get("y")) == y
        )
        for (x_a, length_a), (x_b, _) in pairwise(same_row):
            assert x_a + 7 * length_a < x_b
    # The lowest row sits just above the plot, whose top moved down by 16 per extra row.
    grid_top = min(
        float(e.get("y1")) for e in root.iter("line") if e.get("class") == "iku-grafik-grid"
    )
    assert ys[-1] == grid_top - 8 and grid_top == 48 + 16 * (len(ys) - 1)
    assert [y_b - y_a for y_a, y_b in pairwise(ys)] == [16] * (len(ys) - 1)
    # No line runs through a label: a line under a label's span starts below it.
    for g in batas:
        label = g.find("text")
        start = float(label.get("x"))
        end = start + 7 * len(text_of(label))
        for other in batas:
            line = other.find("line")
            if other is not g and start <= float(line.get("x1")) <= end:
                assert float(line.get("y1")) > float(label.get("y")), text_of(label)
    # Every label stays inside the drawing.
    for t in labels:
        assert 0 < float(t.get("x")) < 640


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
    assert [p.get("fill") for p in points] == [
        "#1b5e20",
        "#ffc107",
        "#c62828",
        "#1b5e20",
        "#1b5e20",
        "#1b5e20",
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
    assert "200,00% · Sangat Tinggi" in [text_of(t) for t in temuan.iter("text")]


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
    assert "--md-primary-fg-color" in css and "--md-default-fg-color" in css
    assert "url(" not in css
