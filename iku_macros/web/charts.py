"""Static SVG charts, drawn at build time from the computed report (no library, no JavaScript).

Each function returns one inline ``<svg>`` string that

* scales with its container (a ``viewBox``; width and height come from ``assets/grafik.css``),
* is announced as one image whose name and description are its own ``<title>`` and ``<desc>``
  (``role="img"`` and ``aria-labelledby``); the description lists every number, so a screen
  reader user gets the data and not only "a chart",
* takes its colours from CSS classes (Material's variables: light, dark and print) — only the
  predikat colour is written on the mark, and it is never the only carrier: the label is printed,
* carries machine-readable attributes on each data mark: ``data-seri`` (target, realisasi or
  capaian), ``data-tahun``, ``data-nilai`` (rounded half up to two decimals, '.' decimal) and
  ``data-indikator``.

Every text comes through :func:`el`, which escapes it, so a name such as ``<script>`` is drawn
literally. The SVG has no ``xmlns`` (the HTML parser places inline ``<svg>`` in the SVG namespace)
and no reference to anything outside itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from xml.sax.saxutils import escape

from iku_macros.compute.numbers import format_id, round_half_up
from iku_macros.data.documents import DokumenTerbaca
from iku_macros.data.model import JenisDokumen, JenisIndikator, Polaritas
from iku_macros.report import HasilIndikator, Laporan, NilaiTahun
from iku_macros.web.render.indikator import BUKAN_INDIKATOR, indikator_tahun, rentang_tahun

SATUAN = {"persen": "%", "indeks": "indeks", "nilai": "nilai"}
JENIS_LABEL = {
    JenisIndikator.IKU: "Indikator Kinerja Utama",
    JenisIndikator.PROGRAM: "indikator program",
}

SKALA_MAKS_CAPAIAN = Fraction(150)
"""Bars are drawn up to this capaian (%); a larger one is cut there but labelled with its value."""

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
# Characters XML 1.0 does not allow at all; a YAML string could still carry them ("\a").
_TIDAK_SAH = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPASI = re.compile(r"[ \t\r\n]+")
_WADAH = frozenset({"svg", "g"})
"""Container elements: their children go on separate lines (never text elements, where a line
break would be drawn as a space)."""


# --- a minimal, always-escaping SVG builder ------------------------------------------------


class Xml(str):
    """Markup already built by :func:`el`; any other ``str`` given to :func:`el` is text."""

    __slots__ = ()


def _escape_text(text: str) -> str:
    # Whitespace runs become one space, as SVG draws them anyway; so no line break, and never a
    # blank line (which would end the Markdown HTML block), comes from data text.
    return escape(_SPASI.sub(" ", _TIDAK_SAH.sub("", text)))


def _escape_attr(value: str) -> str:
    return escape(_SPASI.sub(" ", _TIDAK_SAH.sub("", value)), {'"': "&quot;"})


def el(tag: str, attrs: dict[str, object] | None = None, *children: str | None) -> Xml:
    """``<tag attrs>children</tag>``; attributes with value None are left out, plain-string
    children are escaped, :class:`Xml` children are inserted as they are."""
    parts = [tag]
    for name, value in (attrs or {}).items():
        if value is not None:
            parts.append(f'{name}="{_escape_attr(str(value))}"')
    opening = " ".join(parts)
    glue = "\n" if tag in _WADAH else ""
    body = glue.join(
        c if isinstance(c, Xml) else _escape_text(c) for c in children if c is not None
    )
    if not body:
        return Xml(f"<{opening}/>")
    return Xml(f"<{opening}>{glue}{body}{glue}</{tag}>")


def _n(x: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def data_nilai(value: Fraction) -> str:
    """The value for ``data-nilai``: rounded half up to 2 decimals, '.' as decimal (73.33)."""
    return str(round_half_up(value, 2))


def _check_prefix(id_prefix: str) -> None:
    if not _ID.fullmatch(id_prefix):
        raise ValueError(
            f"id_prefix harus diawali huruf dan hanya berisi huruf, angka, - atau _: {id_prefix!r}"
        )


def _svg(
    id_prefix: str,
    kind: str,
    size: tuple[int, int],
    title: str,
    desc: str,
    body: Sequence[str],
    extra: dict[str, object] | None = None,
) -> str:
    _check_prefix(id_prefix)
    judul, ket = f"{id_prefix}-judul", f"{id_prefix}-ket"
    width, height = size
    svg = el(
        "svg",
        {
            "class": f"iku-grafik-svg iku-grafik-svg--{kind}",
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-labelledby": f"{judul} {ket}",
            "font-family": "inherit",
            "font-size": "13",
            **(extra or {}),
        },
        el("title", {"id": judul}, title),
        el("desc", {"id": ket}, desc),
        *body,
    )
    return str(svg)


# --- shared helpers ------------------------------------------------------------------------


def tahun_grafik(hasil: HasilIndikator) -> list[int]:
    """Years to draw: from the first to the last year with a listed target or a realisasi
    (years in between stay, so a missing one shows as a gap); all years when none has data."""
    relevan = [t for t, v in hasil.tahun.items() if v.target_tercantum or v.realisasi is not None]
    semua = sorted(hasil.tahun)
    if not relevan:
        return semua
    return [t for t in semua if min(relevan) <= t <= max(relevan)]


def _teks_target(nilai: NilaiTahun) -> str:
    if not nilai.target_tercantum:
        return "tidak tercantum"
    if nilai.target is None:
        return "tidak ditetapkan"
    if nilai.target_pk:
        dokumen = (
            "dokumen tidak menetapkan target"
            if nilai.target_dokumen is None
            else f"target dokumen {format_id(nilai.target_dokumen)}"
        )
        return f"{format_id(nilai.target)} (Perjanjian Kinerja; {dokumen})"
    return format_id(nilai.target)


def _teks_realisasi(nilai: NilaiTahun) -> str:
    return nilai.status_realisasi if nilai.realisasi is None else format_id(nilai.realisasi)


def _teks_capaian(nilai: NilaiTahun) -> str:
    """'73,33% (Sedang)' or 'tidak terukur, <alasan>'."""
    capaian = nilai.capaian
    if capaian.nilai is None:
        return f"tidak terukur, {capaian.alasan}"
    predikat = f" ({nilai.predikat.label})" if nilai.predikat else ""
    dibatasi = ", dibatasi" if capaian.dibatasi else ""
    return f"{format_id(capaian.nilai)}%{predikat}{dibatasi}"


def _rentang(tahun: Sequence[int]) -> str:
    if not tahun:
        return ""
    return str(tahun[0]) if tahun[0] == tahun[-1] else f"{tahun[0]}–{tahun[-1]}"


def _runs(
    points: Sequence[tuple[int, Fraction | None]], pisah: frozenset[int] = frozenset()
) -> list[list[tuple[int, Fraction]]]:
    """Consecutive stretches of present values: a None breaks the line, and so does an index
    in ``pisah`` (a new line starts there)."""
    runs: list[list[tuple[int, Fraction]]] = [[]]
    for index, value in points:
        if index in pisah:
            runs.append([])
        if value is None:
            runs.append([])
        else:
            runs[-1].append((index, value))
    return [run for run in runs if run]


@dataclass(frozen=True)
class Skala:
    """A value axis: ``ticks`` from ``bawah`` to ``atas``, labelled with ``desimal`` places."""

    bawah: Fraction
    atas: Fraction
    ticks: tuple[Fraction, ...]
    desimal: int


def skala_nilai(values: Sequence[Fraction], jumlah: int = 4) -> Skala:
    """About ``jumlah`` round steps (1, 2, 2.5 or 5 × 10ⁿ) covering ``values``, exactly; starts
    at 0 when the data are non-negative and reach down to half their maximum or less, or are
    all one value."""
    if not values:
        lo, hi = Fraction(0), Fraction(100)
    else:
        lo, hi = min(values), max(values)
    if lo == hi:  # one value: an axis from 0 to it (or to 1 for 0)
        nol = Fraction(0)
        lo, hi = (min(lo, nol), max(hi, nol)) if lo != 0 else (nol, Fraction(1))
    elif lo >= 0 and lo * 2 <= hi:
        lo = Fraction(0)
    kasar = (hi - lo) / jumlah
    pangkat = Fraction(1)
    while pangkat * 10 <= kasar:
        pangkat *= 10
    while pangkat > kasar:
        pangkat /= 10
    langkah = next(m * pangkat for m in (1, 2, Fraction(5, 2), 5, 10) if m * pangkat >= kasar)
    mulai = math.floor(lo / langkah) * langkah
    akhir = math.ceil(hi / langkah) * langkah
    ticks = []
    tick = mulai
    while tick <= akhir:
        ticks.append(tick)
        tick += langkah
    desimal = 0
    while (langkah * 10**desimal).denominator != 1:
        desimal += 1
    return Skala(mulai, akhir, tuple(ticks), desimal)


def _bungkus(teks: str, lebar: int, baris: int = 2) -> list[str]:
    """Greedy word wrap to at most ``baris`` lines of about ``lebar`` characters; a line that
    does not fit (the last one, when the text is longer) is cut and ends in '…'."""
    lines: list[str] = []
    current = ""
    for word in teks.split():
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= lebar or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > baris:
        lines = [*lines[: baris - 1], " ".join(lines[baris - 1 :])]
    result = []
    for line in lines:
        if len(line) > lebar:
            head = line[: lebar - 1]
            if " " in head.strip():
                head = head.rsplit(" ", 1)[0]
            line = head.rstrip(" ,;:–-") + "…"
        result.append(line)
    return result


def _multiline(x: float, y_tengah: float, lines: Sequence[str], attrs: dict[str, object]) -> Xml:
    """A ``<text>`` of one ``<tspan>`` per line, centred vertically on ``y_tengah``."""
    tinggi = 15
    first = y_tengah + 4.5 - tinggi * (len(lines) - 1) / 2
    spans = [
        el("tspan", {"x": _n(x), "y": _n(first + i * tinggi)}, line) for i, line in enumerate(lines)
    ]
    return el("text", {"x": _n(x), **attrs}, *spans)


# --- target vs realisasi per year ----------------------------------------------------------


@dataclass(frozen=True)
class BatasDokumen:
    """A year from which another document is in force, and how the chart labels it."""

    tahun: int
    dokumen: str | None
    label: str


def batas_dokumen(
    nilai: Sequence[NilaiTahun], dokumen: Mapping[str, DokumenTerbaca]
) -> list[BatasDokumen]:
    """Where the document in force changes between consecutive drawn years: '2022 Perubahan'
    (a revision), '2025 periode baru' (another planning period), '… dokumen baru' otherwise."""
    result = []
    for before, after in pairwise(nilai):
        if after.dokumen == before.dokumen:
            continue
        new = dokumen.get(after.dokumen) if after.dokumen else None
        old = dokumen.get(before.dokumen) if before.dokumen else None
        if new is None:
            kind = "tanpa dokumen"
        elif new.meta.jenis is JenisDokumen.PERUBAHAN:
            kind = "Perubahan"
        elif old is None or old.meta.periode != new.meta.periode:
            kind = "periode baru"
        else:
            kind = "dokumen baru"
        result.append(BatasDokumen(after.tahun, after.dokumen, f"{after.tahun} {kind}"))
    return result


def _lebar_teks(teks: str) -> float:
    """A generous estimate of a 13px label's width (no font metrics at build time)."""
    return len(teks) * 7.0


def _label_di_kanan(x: float, teks: str, batas_kanan: float) -> bool:
    """A boundary label starts right of its line, unless it would run past the plot."""
    return x + 3 + _lebar_teks(teks) <= batas_kanan


def _baris_label(posisi: Sequence[tuple[float, str]], batas_kanan: float) -> list[int]:
    """A row for each boundary label (0 = nearest the plot). A line runs from its label down
    to the plot, so a label sits above every line that passes under it, and beside no other
    label of its row. Placed from the right: labels start right of their line."""
    placed: list[tuple[float, int, float, float]] = []  # line x, row, label start, label end
    rows = [0] * len(posisi)
    for index in reversed(range(len(posisi))):
        x, teks = posisi[index]
        awal = x + 3 if _label_di_kanan(x, teks, batas_kanan) else x - 3 - _lebar_teks(teks)
        akhir = awal + _lebar_teks(teks)
        row = 1 + max((r for lx, r, _, _ in placed if awal <= lx <= akhir), default=-1)
        while any(r == row and a < akhir + 6 and awal < b + 6 for _, r, a, b in placed):
            row += 1
        placed.append((x, row, awal, akhir))
        rows[index] = row
    return rows


def chart_target_realisasi(
    hasil: HasilIndikator, id_prefix: str, dokumen: Mapping[str, DokumenTerbaca]
) -> str:
    """Line chart of one indicator's target (dashed, squares) and realisasi (solid, circles)
    over the years; a missing value leaves a gap. A labelled vertical line marks each year
    from which another document (``dokumen``: the dataset's, by id) is in force."""
    indikator = hasil.indikator
    satuan = SATUAN[indikator.satuan.value]
    tahun = tahun_grafik(hasil)
    nilai = [hasil.tahun[t] for t in tahun]
    batas = batas_dokumen(nilai, dokumen)

    lebar, tinggi = 640, 300
    kiri, kanan, bawah = 60, 20, 34
    langkah = (lebar - kiri - kanan) / max(len(tahun), 1)
    posisi = [(kiri + langkah * tahun.index(b.tahun), b.label) for b in batas]
    baris_label = _baris_label(posisi, lebar - kanan)
    # Each extra row of boundary labels takes room from the top of the plot.
    atas = 48 + 16 * max(baris_label, default=0)
    plot_w, plot_h = lebar - kiri - kanan, tinggi - atas - bawah
    values = [v for n in nilai for v in (n.target, n.realisasi) if v is not None]
    skala = skala_nilai(values)

    def x(i: int) -> float:
        return kiri + plot_w * (i + 0.5) / max(len(tahun), 1)

    def y(v: Fraction) -> float:
        return atas + plot_h * float(1 - (v - skala.bawah) / (skala.atas - skala.bawah))

    body: list[str] = []
    # Gridlines and value labels.
    grid = []
    for tick in skala.ticks:
        grid.append(
            el(
                "line",
                {
                    "x1": kiri,
                    "x2": lebar - kanan,
                    "y1": _n(y(tick)),
                    "y2": _n(y(tick)),
                    "class": "iku-grafik-grid",
                    "stroke": "currentColor",
                    "stroke-opacity": "0.15",
                },
            )
        )
        grid.append(
            el(
                "text",
                {
                    "x": kiri - 8,
                    "y": _n(y(tick) + 4.5),
                    "text-anchor": "end",
                    "class": "iku-grafik-sumbu-teks",
                    "fill": "currentColor",
                },
                format_id(tick, skala.desimal),
            )
        )
    for i, t in enumerate(tahun):
        grid.append(
            el(
                "text",
                {
                    "x": _n(x(i)),
                    "y": tinggi - 10,
                    "text-anchor": "middle",
                    "class": "iku-grafik-sumbu-teks",
                    "fill": "currentColor",
                },
                str(t),
            )
        )
    grid.append(
        el(
            "line",
            {
                "x1": kiri,
                "x2": lebar - kanan,
                "y1": _n(atas + plot_h),
                "y2": _n(atas + plot_h),
                "class": "iku-grafik-sumbu",
                "stroke": "currentColor",
            },
        )
    )
    body.append(el("g", {"aria-hidden": "true"}, *grid))

    # Document boundaries: a dotted vertical line between the two years, its label above.
    penanda = []
    for b, (xb, teks), row in zip(batas, posisi, baris_label, strict=True):
        dasar = atas - 8 - 16 * row
        di_kanan = _label_di_kanan(xb, teks, lebar - kanan)
        penanda.append(
            el(
                "g",
                {"class": "iku-grafik-batas", "data-tahun": b.tahun, "data-dokumen": b.dokumen},
                el(
                    "line",
                    {
                        "x1": _n(xb),
                        "x2": _n(xb),
                        "y1": _n(dasar + 4),
                        "y2": _n(atas + plot_h),
                        "class": "iku-grafik-sumbu",
                        "stroke": "currentColor",
                        "stroke-dasharray": "2 3",
                    },
                ),
                el(
                    "text",
                    {
                        "x": _n(xb + 3 if di_kanan else xb - 3),
                        "y": _n(dasar),
                        "text-anchor": "start" if di_kanan else "end",
                        "class": "iku-grafik-sumbu-teks",
                        "fill": "currentColor",
                    },
                    teks,
                ),
            )
        )
    if penanda:
        body.append(el("g", {"class": "iku-grafik-batas-dokumen", "aria-hidden": "true"}, *penanda))

    # Legend, in words; the unit beside it.
    body.append(
        el(
            "g",
            {"class": "iku-grafik-legenda", "aria-hidden": "true"},
            el(
                "line",
                {
                    "x1": kiri,
                    "x2": kiri + 28,
                    "y1": 18,
                    "y2": 18,
                    "class": "iku-grafik-garis-target",
                    "stroke": "currentColor",
                    "stroke-dasharray": "6 4",
                    "fill": "none",
                },
            ),
            _penanda_target(kiri + 14, 18),
            el(
                "text",
                {"x": kiri + 36, "y": 22.5, "class": "iku-grafik-teks", "fill": "currentColor"},
                "Target",
            ),
            el(
                "line",
                {
                    "x1": kiri + 100,
                    "x2": kiri + 128,
                    "y1": 18,
                    "y2": 18,
                    "class": "iku-grafik-garis-realisasi",
                    "stroke": "currentColor",
                    "fill": "none",
                },
            ),
            _penanda_realisasi(kiri + 114, 18),
            el(
                "text",
                {"x": kiri + 136, "y": 22.5, "class": "iku-grafik-teks", "fill": "currentColor"},
                "Realisasi",
            ),
            el(
                "text",
                {
                    "x": lebar - kanan,
                    "y": 22.5,
                    "text-anchor": "end",
                    "class": "iku-grafik-sumbu-teks",
                    "fill": "currentColor",
                },
                f"satuan: {satuan}",
            ),
        )
    )

    if not values:
        body.append(
            el(
                "text",
                {
                    "x": _n(kiri + plot_w / 2),
                    "y": _n(atas + plot_h / 2),
                    "text-anchor": "middle",
                    "class": "iku-grafik-kosong",
                    "fill": "currentColor",
                },
                "Belum ada target maupun realisasi untuk digambarkan.",
            )
        )

    # Each document's targets are their own plan: the target line breaks where it changes.
    pisah_target = frozenset(tahun.index(b.tahun) for b in batas)
    for seri in ("target", "realisasi"):
        points = [(i, getattr(n, seri)) for i, n in enumerate(nilai)]
        marks: list[str] = []
        for run in _runs(points, pisah_target if seri == "target" else frozenset()):
            if len(run) > 1:
                marks.append(
                    el(
                        "polyline",
                        {
                            "points": " ".join(f"{_n(x(i))},{_n(y(v))}" for i, v in run),
                            "class": f"iku-grafik-garis-{seri}",
                            "fill": "none",
                            "stroke": "currentColor",
                            "stroke-dasharray": "6 4" if seri == "target" else None,
                            "data-garis": seri,
                        },
                    )
                )
        for i, v in points:
            if v is None:
                continue
            label = f"{tahun[i]} – {seri}: {format_id(v)}"
            data = {
                "data-seri": seri,
                "data-tahun": tahun[i],
                "data-nilai": data_nilai(v),
                "data-indikator": indikator.id,
            }
            if seri == "target":
                marks.append(_penanda_target(x(i), y(v), data, label))
            else:
                marks.append(_penanda_realisasi(x(i), y(v), data, label))
        body.append(el("g", {"class": f"iku-grafik-seri-{seri}"}, *marks))

    polaritas = (
        " Polaritas negatif: makin rendah realisasi, makin baik."
        if indikator.polaritas is Polaritas.NEGATIF
        else ""
    )
    rincian = "; ".join(
        f"{t}: {BUKAN_INDIKATOR}"
        if not _diadopsi(n, indikator.id, dokumen)
        else f"{t}: target {_teks_target(n)}; realisasi {_teks_realisasi(n)}"
        for t, n in zip(tahun, nilai, strict=True)
    )
    desc = (
        f"Grafik garis target (garis putus-putus, penanda persegi) dan realisasi (garis utuh, "
        f"penanda lingkaran) {indikator.nama} per tahun {_rentang(tahun)}, satuan {satuan}."
        f"{polaritas}{_teks_dokumen(nilai, dokumen, batas)} Nilai per tahun — {rincian}."
    )
    title = f"Target dan realisasi {indikator.nama}, {_rentang(tahun)}"
    return _svg(
        id_prefix,
        "garis",
        (lebar, tinggi),
        title,
        desc,
        body,
        {"data-indikator": indikator.id},
    )


def _diadopsi(nilai: NilaiTahun, ident: str, dokumen: Mapping[str, DokumenTerbaca]) -> bool:
    found = dokumen.get(nilai.dokumen) if nilai.dokumen else None
    return found is not None and ident in found.indikator


def _teks_dokumen(
    nilai: Sequence[NilaiTahun],
    dokumen: Mapping[str, DokumenTerbaca],
    batas: Sequence[BatasDokumen],
) -> str:
    """The documents in force over the drawn years, for the description (only when more than
    one: a single document needs no mention)."""
    if not batas:
        return ""
    years: dict[str | None, list[int]] = {}
    for n in nilai:
        years.setdefault(n.dokumen, []).append(n.tahun)
    runs = "; ".join(
        f"{rentang_tahun(y)} {dokumen[d].label if d in dokumen else 'tanpa dokumen IKU'}"
        for d, y in years.items()
    )
    garis = ", ".join(b.label for b in batas)
    return (
        f" Dokumen IKU yang berlaku: {runs}. Garis tegak menandai pergantian dokumen (garis "
        f"target terputus di situ): {garis}."
    )


def _penanda_target(
    cx: float, cy: float, data: dict[str, object] | None = None, label: str | None = None
) -> Xml:
    size = 9
    return el(
        "rect",
        {
            "x": _n(cx - size / 2),
            "y": _n(cy - size / 2),
            "width": size,
            "height": size,
            "class": "iku-grafik-titik-target",
            "fill": "none",
            "stroke": "currentColor",
            "stroke-width": "2",
            **(data or {}),
        },
        el("title", {}, label) if label else None,
    )


def _penanda_realisasi(
    cx: float, cy: float, data: dict[str, object] | None = None, label: str | None = None
) -> Xml:
    return el(
        "circle",
        {
            "cx": _n(cx),
            "cy": _n(cy),
            "r": "4.5",
            "class": "iku-grafik-titik-realisasi",
            "fill": "currentColor",
            **(data or {}),
        },
        el("title", {}, label) if label else None,
    )


# --- capaian trend (sparkline) -------------------------------------------------------------


def sparkline_capaian(hasil: HasilIndikator, id_prefix: str) -> str:
    """A small line of capaian (%) per year, points coloured by predikat, with a 100% line."""
    indikator = hasil.indikator
    tahun = tahun_grafik(hasil)
    nilai = [hasil.tahun[t] for t in tahun]
    lebar, tinggi = 240, 60
    kiri, kanan, atas, bawah = 6, 36, 6, 18
    plot_w, plot_h = lebar - kiri - kanan, tinggi - atas - bawah

    values = [n.capaian.nilai for n in nilai if n.capaian.nilai is not None]
    seratus = Fraction(100)
    lo, hi = min([*values, seratus]), max([*values, seratus])
    pad = (hi - lo) / 10 or Fraction(10)
    lo, hi = lo - pad, hi + pad

    def x(i: int) -> float:
        if len(tahun) <= 1:
            return kiri + plot_w / 2
        return kiri + plot_w * i / (len(tahun) - 1)

    def y(v: Fraction) -> float:
        return atas + plot_h * float(1 - (v - lo) / (hi - lo))

    body: list[str] = [
        el(
            "g",
            {"aria-hidden": "true"},
            el(
                "line",
                {
                    "x1": kiri,
                    "x2": _n(kiri + plot_w),
                    "y1": _n(y(seratus)),
                    "y2": _n(y(seratus)),
                    "class": "iku-grafik-acuan",
                    "stroke": "currentColor",
                    "stroke-dasharray": "3 3",
                },
            ),
            el(
                "text",
                {
                    "x": _n(kiri + plot_w + 5),
                    "y": _n(y(seratus) + 4),
                    "class": "iku-grafik-sumbu-teks",
                    "fill": "currentColor",
                    "font-size": "10",
                },
                "100%",
            ),
            *(
                el(
                    "text",
                    {
                        "x": _n(x(i)),
                        "y": tinggi - 5,
                        "class": "iku-grafik-sumbu-teks",
                        "fill": "currentColor",
                        "font-size": "10",
                        "text-anchor": anchor,
                    },
                    str(tahun[i]),
                )
                for i, anchor in _ujung_tahun(len(tahun))
            ),
        )
    ]
    if not values:
        body.append(
            el(
                "text",
                {
                    "x": _n(kiri + plot_w / 2),
                    "y": _n(atas + plot_h / 2 + 12),
                    "text-anchor": "middle",
                    "class": "iku-grafik-kosong",
                    "fill": "currentColor",
                    "font-size": "10",
                },
                "belum ada capaian terukur",
            )
        )
    points = [(i, n.capaian.nilai) for i, n in enumerate(nilai)]
    marks: list[str] = [
        el(
            "polyline",
            {
                "points": " ".join(f"{_n(x(i))},{_n(y(v))}" for i, v in run),
                "class": "iku-grafik-garis-capaian",
                "fill": "none",
                "stroke": "currentColor",
                "data-garis": "capaian",
            },
        )
        for run in _runs(points)
        if len(run) > 1
    ]
    for i, n in enumerate(nilai):
        if n.capaian.nilai is None:
            continue
        marks.append(
            el(
                "circle",
                {
                    "cx": _n(x(i)),
                    "cy": _n(y(n.capaian.nilai)),
                    "r": "4",
                    "class": "iku-grafik-titik-capaian",
                    "fill": n.predikat.warna if n.predikat else "currentColor",
                    "data-seri": "capaian",
                    "data-tahun": tahun[i],
                    "data-nilai": data_nilai(n.capaian.nilai),
                    "data-indikator": indikator.id,
                    "data-predikat": n.predikat.label if n.predikat else None,
                },
                el("title", {}, f"{tahun[i]}: capaian {_teks_capaian(n)}"),
            )
        )
    body.append(el("g", {"class": "iku-grafik-seri-capaian"}, *marks))
    rincian = "; ".join(f"{t}: {_teks_capaian(n)}" for t, n in zip(tahun, nilai, strict=True))
    title = f"Tren capaian {indikator.nama}, {_rentang(tahun)}"
    desc = (
        f"Grafik garis kecil capaian (%) terhadap target per tahun, dengan garis acuan 100%. "
        f"{rincian}."
    )
    return _svg(
        id_prefix, "tren", (lebar, tinggi), title, desc, body, {"data-indikator": indikator.id}
    )


def _ujung_tahun(jumlah: int) -> tuple[tuple[int, str], ...]:
    """Which year labels a sparkline prints: the first and the last (index, text-anchor)."""
    if jumlah == 0:
        return ()
    if jumlah == 1:
        return ((0, "middle"),)
    return ((0, "start"), (jumlah - 1, "end"))


# --- capaian of every indicator in one year ------------------------------------------------


def chart_capaian_tahun(
    laporan: Laporan, tahun: int, jenis: str | JenisIndikator, id_prefix: str
) -> str:
    """Horizontal bars: one per indicator of ``jenis`` ("iku" or "program") of the document in
    force in ``tahun``, in its order,
    length = capaian (drawn up to 150%, labelled with the true value), fill = predikat colour,
    with the value and predikat written beside the bar and a 100% reference line. An indicator
    without a computable capaian gets the text "tidak terukur: <alasan>" and no bar."""
    kind = JenisIndikator(jenis)
    if any(tahun not in h.tahun for h in laporan.indikator.values()):
        raise ValueError(f"tahun {tahun} tidak ada dalam laporan")
    # The indicators of the document in force that year, named as it names them.
    daftar = indikator_tahun(laporan, tahun, kind)

    lebar, kiri, atas, bawah = 740, 8, 30, 10
    x0, per_persen = 264, 1.8  # 0% at 264, 150% at 534
    x_label = 562  # value and predikat, in one column right of the scale: never under a line
    tinggi_baris = 44
    tinggi = atas + max(len(daftar), 1) * tinggi_baris + bawah

    def x(v: Fraction) -> float:
        return x0 + float(min(v, SKALA_MAKS_CAPAIAN)) * per_persen

    # Gridlines run through the rows that have a bar; a "tidak terukur" text interrupts them.
    terukur = [x.nilai[tahun].capaian.nilai is not None for x in daftar]
    potongan: list[tuple[float, float]] = []
    for index, ada in enumerate(terukur):
        if not ada:
            continue
        y_atas = atas + index * tinggi_baris
        if potongan and potongan[-1][1] == y_atas:
            potongan[-1] = (potongan[-1][0], y_atas + tinggi_baris)
        else:
            potongan.append((y_atas - 4 if index == 0 else y_atas, y_atas + tinggi_baris))

    sumbu: list[str] = []
    for tick in (0, 50, 100, 150):
        acuan = tick == 100
        posisi = _n(x(Fraction(tick)))
        if potongan:
            sumbu.append(
                el(
                    "path",
                    {
                        "d": "".join(f"M{posisi} {_n(a)}V{_n(b)}" for a, b in potongan),
                        "class": "iku-grafik-acuan" if acuan else "iku-grafik-grid",
                        "stroke": "currentColor",
                        "stroke-opacity": None if acuan else "0.15",
                        "stroke-dasharray": "4 3" if acuan else None,
                        "fill": "none",
                    },
                )
            )
        sumbu.append(
            el(
                "text",
                {
                    "x": posisi,
                    "y": atas - 10,
                    "text-anchor": "middle",
                    "class": "iku-grafik-teks" if acuan else "iku-grafik-sumbu-teks",
                    "fill": "currentColor",
                    "font-weight": "bold" if acuan else None,
                },
                f"{tick}%",
            )
        )
    for posisi, judul_kolom in ((kiri, "Indikator"), (x_label, "Capaian · predikat")):
        sumbu.append(
            el(
                "text",
                {
                    "x": posisi,
                    "y": atas - 10,
                    "class": "iku-grafik-sumbu-teks",
                    "fill": "currentColor",
                },
                judul_kolom,
            )
        )
    body: list[str] = [el("g", {"aria-hidden": "true"}, *sumbu)]

    if not daftar:
        body.append(
            el(
                "text",
                {
                    "x": kiri,
                    "y": _n(atas + tinggi_baris / 2 + 4.5),
                    "class": "iku-grafik-kosong",
                    "fill": "currentColor",
                },
                "Tidak ada indikator jenis ini.",
            )
        )

    for index, baris in enumerate(daftar):
        nilai = baris.nilai[tahun]
        ident, nama = baris.indikator.id, baris.indikator.nama
        tengah = atas + index * tinggi_baris + tinggi_baris / 2
        nama_baris = _bungkus(nama, 36)
        parts: list[str] = [
            # The row's tooltip and the full name when the drawn one is cut.
            el("title", {}, f"{nama}: {_teks_capaian(nilai)}"),
            _multiline(
                kiri,
                tengah,
                nama_baris,
                {"class": "iku-grafik-teks iku-grafik-nama", "fill": "currentColor"},
            ),
        ]
        capaian = nilai.capaian.nilai
        if capaian is None:
            baris = _bungkus(f"tidak terukur: {nilai.capaian.alasan}", 62)
            parts.append(
                _multiline(
                    x0 + 4,
                    tengah,
                    baris,
                    {
                        "class": "iku-grafik-tak-terukur",
                        "fill": "currentColor",
                        "font-style": "italic",
                    },
                )
            )
        else:
            parts.extend(_batang(nilai, ident, x0, x(capaian), tengah))
            catatan = " (dibatasi)" if nilai.capaian.dibatasi else ""
            parts.append(
                el(
                    "text",
                    {
                        "x": x_label,
                        "y": _n(tengah + 4.5),
                        "class": "iku-grafik-label",
                        "fill": "currentColor",
                    },
                    el(
                        "tspan",
                        {"class": "iku-grafik-label-nilai", "font-weight": "bold"},
                        f"{format_id(capaian)}%{catatan}",
                    ),
                    " · ",
                    el(
                        "tspan",
                        {"class": "iku-grafik-label-predikat"},
                        nilai.predikat.label if nilai.predikat else "–",
                    ),
                )
            )
        body.append(el("g", {"class": "iku-grafik-baris", "data-indikator": ident}, *parts))

    label = JENIS_LABEL[kind]
    rincian = "; ".join(f"{x.indikator.nama}: {_teks_capaian(x.nilai[tahun])}" for x in daftar)
    title = f"Capaian {label} tahun {tahun}"
    desc = (
        f"Diagram batang mendatar capaian (%) setiap {label} tahun {tahun} terhadap targetnya, "
        "dengan garis acuan 100%; batang digambar sampai 150%, label menunjukkan nilai "
        "sebenarnya. " + (f"{rincian}." if rincian else "Tidak ada indikator jenis ini.")
    )
    return _svg(id_prefix, "batang", (lebar, tinggi), title, desc, body, {"data-tahun": tahun})


def _batang(nilai: NilaiTahun, ident: str, x0: float, ujung: float, tengah: float) -> list[Xml]:
    """One bar (and its break mark when the capaian runs past the drawn scale)."""
    capaian = nilai.capaian.nilai
    assert capaian is not None
    dipotong = capaian > SKALA_MAKS_CAPAIAN
    marks = [
        el(
            "rect",
            {
                "x": _n(x0),
                "y": _n(tengah - 10),
                "width": _n(ujung - x0),
                "height": 20,
                "class": "iku-grafik-batang" + (" iku-grafik-batang--dipotong" if dipotong else ""),
                "fill": nilai.predikat.warna if nilai.predikat else "currentColor",
                "stroke": "currentColor",
                "data-seri": "capaian",
                "data-tahun": nilai.tahun,
                "data-nilai": data_nilai(capaian),
                "data-indikator": ident,
                "data-predikat": nilai.predikat.label if nilai.predikat else None,
                "data-dipotong": "ya" if dipotong else None,
            },
        )
    ]
    if dipotong:
        # Two slanted strokes near the end: the bar continues beyond the drawn scale.
        marks.append(
            el(
                "path",
                {
                    "d": f"M{_n(ujung - 12)} {_n(tengah - 13)}l6 26"
                    f"M{_n(ujung - 7)} {_n(tengah - 13)}l6 26",
                    "class": "iku-grafik-potong",
                    "stroke": "currentColor",
                    "stroke-width": "2",
                    "fill": "none",
                },
            )
        )
    return marks
