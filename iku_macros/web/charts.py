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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from xml.sax.saxutils import escape

from iku_macros.compute.colour import contrast_ratio
from iku_macros.compute.numbers import (
    format_id,
    format_nilai,
    format_persen,
    format_tertulis,
    round_half_up,
)
from iku_macros.data.documents import DokumenTerbaca
from iku_macros.data.model import Indikator, JenisDokumen, JenisIndikator, Polaritas
from iku_macros.report import HasilIndikator, Laporan, NilaiTahun
from iku_macros.web.render.indikator import BUKAN_INDIKATOR, indikator_tahun, rentang_tahun

SATUAN = {"persen": "%", "indeks": "indeks", "nilai": "nilai"}
JENIS_LABEL = {
    JenisIndikator.IKU: "Indikator Kinerja Utama",
    JenisIndikator.PROGRAM: "indikator program",
}

SKALA_MAKS_CAPAIAN = Fraction(150)
"""Bars are drawn up to this capaian (%); a larger one is cut there but labelled with its value."""

LATAR_TERANG = "#ffffff"
"""Page background of the light scheme (Material's default ``--md-default-bg-color``)."""
LATAR_GELAP = "#1e2129"
"""Page background of the dark scheme (Material's slate: ``hsl(225deg 15% 14%)``)."""
KONTRAS_TANDA = 3.0
"""WCAG 2.1 SC 1.4.11: a chart mark needs 3:1 against what surrounds it."""


def warna_tanda(warna: str) -> str:
    """A predikat colour as drawn on a chart mark (bar, point): the same hue, darkened or
    lightened just enough to reach :data:`KONTRAS_TANDA` against both page backgrounds (one
    colour serves both schemes). Badges keep the configured colour, with black or white text;
    a mark has no text on it, so the mark itself must stand out from the page."""

    def cukup(colour: str) -> bool:
        return all(
            contrast_ratio(colour, latar) >= KONTRAS_TANDA for latar in (LATAR_TERANG, LATAR_GELAP)
        )

    colour = warna.lower()
    if cukup(colour):
        return colour
    # Too light for the white page: towards black; too dark for the dark page: towards white.
    arah = "#000000" if contrast_ratio(colour, LATAR_TERANG) < KONTRAS_TANDA else "#ffffff"
    for langkah in range(1, 101):
        candidate = _campur(colour, arah, langkah / 100)
        if cukup(candidate):
            return candidate
    raise AssertionError(f"tidak ada warna tanda untuk {warna}")  # pragma: no cover


def _campur(warna: str, arah: str, bagian: float) -> str:
    """``warna`` moved ``bagian`` (0 … 1) of the way to ``arah``, channel by channel in sRGB."""
    a = [int(warna[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(arah[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(p + (q - p) * bagian):02x}" for p, q in zip(a, b, strict=True))


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
    if _POLOS.fullmatch(value) and "  " not in value:
        return value  # most attributes are numbers and class names: nothing to escape
    return escape(_SPASI.sub(" ", _TIDAK_SAH.sub("", value)), {'"': "&quot;"})


_POLOS = re.compile(r"[A-Za-z0-9 .,:;#%()_/+-]*")
"""Characters escaping leaves unchanged (no ``&<>"``, no control or invisible character, no
whitespace but spaces; with no two spaces in a row, such a text is left as it is)."""


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
            else f"target dokumen {format_tertulis(nilai.target_dokumen)}"
        )
        return f"{format_tertulis(nilai.target)} (Perjanjian Kinerja; {dokumen})"
    return format_tertulis(nilai.target)


def _teks_realisasi(nilai: NilaiTahun, satuan: str) -> str:
    if nilai.realisasi is None:
        return nilai.status_realisasi
    return format_nilai(nilai.realisasi, satuan)


def _teks_capaian(nilai: NilaiTahun) -> str:
    """'73,33% (Sedang)' or 'tidak terukur, <alasan>'."""
    capaian = nilai.capaian
    if capaian.nilai is None and capaian.tercapai_khusus is not None:
        hasil = "tercapai" if capaian.tercapai_khusus else "belum tercapai"
        return f"{hasil} (target 0; persentase tidak dapat dihitung)"
    if capaian.nilai is None:
        return f"tidak terukur, {capaian.alasan}"
    predikat = f" ({nilai.predikat.label})" if nilai.predikat else ""
    dibatasi = ", dibatasi" if capaian.dibatasi else ""
    return f"{format_persen(capaian.nilai)}{predikat}{dibatasi}"


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


UKURAN_HURUF = 13
"""Font size of chart text, in viewBox units (assets/grafik.css may show it smaller on wide
screens, where a chart is drawn larger: never larger, so the layout below always has room)."""
_LEBAR_HURUF = {
    **dict.fromkeys("0123456789", 0.64),
    **dict.fromkeys(" ,.:;'|", 0.33),
    **dict.fromkeys("ilj()[]", 0.35),
    **dict.fromkeys("mwMW%…—", 1.0),
    "→": 0.84,
}
"""Width of a character in em, rounded up from DejaVu Sans (the widest of the fonts the site
falls back to); any other character counts as 0.64 em, a capital as 0.8 em."""


def lebar_teks(teks: str, ukuran: float = UKURAN_HURUF, tebal: bool = False) -> float:
    """A generous estimate of a label's width in viewBox units (no font metrics at build
    time): so labels laid out with it never overlap or run off, whatever the font."""
    em = sum(_LEBAR_HURUF.get(c, 0.8 if c.isupper() else 0.64) for c in teks)
    return em * ukuran * (1.14 if tebal else 1.0)


def _bungkus(teks: str, lebar: float, baris: int = 2, tebal: bool = False) -> list[str]:
    """Greedy word wrap to at most ``baris`` lines no wider than ``lebar`` units; a line that
    does not fit (the last one, when the text is longer) is cut and ends in '…'."""

    def muat(line: str) -> bool:
        return lebar_teks(line, tebal=tebal) <= lebar

    lines: list[str] = []
    current = ""
    for word in teks.split():
        candidate = f"{current} {word}" if current else word
        if muat(candidate) or not current:
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
        if not muat(line):
            while line and not muat(line + "…"):
                cut = line.rsplit(" ", 1)[0] if " " in line.strip() else line[:-1]
                line = cut.rstrip(" ,;:–-")
            line += "…"
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


def _label_di_kanan(x: float, teks: str, batas_kanan: float) -> bool:
    """A boundary label starts right of its line, unless it would run past the plot."""
    return x + 3 + lebar_teks(teks) <= batas_kanan


def _baris_label(posisi: Sequence[tuple[float, str]], batas_kanan: float) -> list[int]:
    """A row for each boundary label (0 = nearest the plot). A line runs from its label down
    to the plot, so a label sits above every line that passes under it, and beside no other
    label of its row. Placed from the right: labels start right of their line."""
    placed: list[tuple[float, int, float, float]] = []  # line x, row, label start, label end
    rows = [0] * len(posisi)
    for index in reversed(range(len(posisi))):
        x, teks = posisi[index]
        awal = x + 3 if _label_di_kanan(x, teks, batas_kanan) else x - 3 - lebar_teks(teks)
        akhir = awal + lebar_teks(teks)
        row = 1 + max((r for lx, r, _, _ in placed if awal <= lx <= akhir), default=-1)
        while any(r == row and a < akhir + 6 and awal < b + 6 for _, r, a, b in placed):
            row += 1
        placed.append((x, row, awal, akhir))
        rows[index] = row
    return rows


GARIS_LEBAR, GARIS_TINGGI = 400, 280
"""viewBox of the line chart, laid out for a phone: on a 328 px box its text is about 11 px."""


def chart_target_realisasi(
    hasil: HasilIndikator, id_prefix: str, dokumen: Mapping[str, DokumenTerbaca]
) -> str:
    """Line chart of one indicator's target (dashed, squares) and realisasi (solid, circles)
    over the years; a missing value leaves a gap. A labelled vertical line marks each year
    from which another document (``dokumen``: the dataset's, by id) is in force."""
    indikator = hasil.indikator
    satuan_nilai = indikator.satuan.value
    satuan = SATUAN[satuan_nilai]
    tahun = tahun_grafik(hasil)
    nilai = [hasil.tahun[t] for t in tahun]
    batas = batas_dokumen(nilai, dokumen)
    values = [v for n in nilai for v in (n.target, n.realisasi) if v is not None]
    skala = skala_nilai(values)
    tick_labels = [format_id(tick, skala.desimal) for tick in skala.ticks]

    lebar, tinggi = GARIS_LEBAR, GARIS_TINGGI
    # Room left of the plot for the longest value label; right of it for half a year label.
    kiri = max(30.0, 10 + max(lebar_teks(t) for t in tick_labels))
    kanan, bawah = 12, 30
    slot = (lebar - kiri - kanan) / max(len(tahun), 1)
    posisi = [(kiri + slot * tahun.index(b.tahun), b.label) for b in batas]
    baris_label = _baris_label(posisi, lebar - 2)
    # Each extra row of boundary labels takes room from the top of the plot.
    atas = 48 + 16 * max(baris_label, default=0)
    plot_w, plot_h = lebar - kiri - kanan, tinggi - atas - bawah

    def x(i: int) -> float:
        return kiri + plot_w * (i + 0.5) / max(len(tahun), 1)

    def y(v: Fraction) -> float:
        return atas + plot_h * float(1 - (v - skala.bawah) / (skala.atas - skala.bawah))

    body: list[str] = []
    # Gridlines and value labels.
    grid = []
    for tick, teks in zip(skala.ticks, tick_labels, strict=True):
        grid.append(
            el(
                "line",
                {
                    "x1": _n(kiri),
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
                    "x": _n(kiri - 6),
                    "y": _n(y(tick) + 4.5),
                    "text-anchor": "end",
                    "class": "iku-grafik-sumbu-teks",
                    "fill": "currentColor",
                },
                teks,
            )
        )
    # Every year has its place; on a narrow chart only every other year is written under it.
    tiap = 1 if slot >= lebar_teks("2000") + 6 else 2
    for i, t in enumerate(tahun):
        if i % tiap:
            continue
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
                "x1": _n(kiri),
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
        di_kanan = _label_di_kanan(xb, teks, lebar - 2)
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

    body.append(_legenda(lebar, satuan))

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
                "Belum ada target maupun realisasi.",
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
            teks = format_tertulis(v) if seri == "target" else format_nilai(v, satuan_nilai)
            label = f"{tahun[i]} – {seri}: {teks}"
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
        else f"{t}: target {_teks_target(n)}; realisasi {_teks_realisasi(n, satuan_nilai)}"
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


def _legenda(lebar: float, satuan: str) -> Xml:
    """The legend in words (target: dashed line and square; realisasi: solid line and circle),
    and the unit at the right."""
    x_realisasi = 4 + 36 + lebar_teks("Target") + 16
    return el(
        "g",
        {"class": "iku-grafik-legenda", "aria-hidden": "true"},
        el(
            "line",
            {
                "x1": 4,
                "x2": 32,
                "y1": 18,
                "y2": 18,
                "class": "iku-grafik-garis-target",
                "stroke": "currentColor",
                "stroke-dasharray": "6 4",
                "fill": "none",
            },
        ),
        _penanda_target(18, 18),
        el(
            "text",
            {"x": 40, "y": 22.5, "class": "iku-grafik-teks", "fill": "currentColor"},
            "Target",
        ),
        el(
            "line",
            {
                "x1": _n(x_realisasi),
                "x2": _n(x_realisasi + 28),
                "y1": 18,
                "y2": 18,
                "class": "iku-grafik-garis-realisasi",
                "stroke": "currentColor",
                "fill": "none",
            },
        ),
        _penanda_realisasi(x_realisasi + 14, 18),
        el(
            "text",
            {
                "x": _n(x_realisasi + 36),
                "y": 22.5,
                "class": "iku-grafik-teks",
                "fill": "currentColor",
            },
            "Realisasi",
        ),
        el(
            "text",
            {
                "x": _n(lebar - 4),
                "y": 22.5,
                "text-anchor": "end",
                "class": "iku-grafik-sumbu-teks",
                "fill": "currentColor",
            },
            f"satuan: {satuan}",
        ),
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
                    "fill": warna_tanda(n.predikat.warna) if n.predikat else "currentColor",
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


BATANG_LEBAR = 400
"""viewBox width of the bar chart, laid out for a phone like the line chart."""
_BARIS = 15
"""Line height of chart text."""


def chart_capaian_tahun(
    laporan: Laporan, tahun: int, jenis: str | JenisIndikator, id_prefix: str
) -> str:
    """Horizontal bars: one row per indicator of ``jenis`` ("iku" or "program") of the document
    in force in ``tahun``, in its order. Each row is the indicator's name (wrapped, at most two
    lines) over its bar: length = capaian (drawn up to 150%, labelled with the true value),
    fill = predikat colour (:func:`warna_tanda`), with the value and predikat written right of
    the scale and a 100% reference line. An indicator without a computable capaian gets the
    text "tidak terukur: <alasan>" and no bar."""
    kind = JenisIndikator(jenis)
    if any(tahun not in h.tahun for h in laporan.indikator.values()):
        raise ValueError(f"tahun {tahun} tidak ada dalam laporan")
    # The indicators of the document in force that year, named as it names them.
    daftar = indikator_tahun(laporan, tahun, kind)

    lebar, kiri = BATANG_LEBAR, 4
    labels = [_label_capaian(baris.nilai[tahun]) for baris in daftar]
    # The value and predikat column, right of the scale: as wide as its longest line.
    kolom = max(
        (lebar_teks(line, tebal=i == 0) for label in labels for i, line in enumerate(label)),
        default=0,
    )
    kolom = max(kolom, lebar_teks("150%"))  # room for the scale's last label, centred on 150%
    per_persen = (lebar - kiri - 8 - kolom) / float(SKALA_MAKS_CAPAIAN)
    x_label = lebar - kolom

    def x(v: Fraction) -> float:
        return kiri + float(min(v, SKALA_MAKS_CAPAIAN)) * per_persen

    atas = 26
    rows: list[Xml] = []
    spans: list[tuple[float, float]] = []  # top and bottom of each bar, for the scale's lines
    y = atas
    for baris, label in zip(daftar, labels, strict=True):
        row, y, span = _baris_capaian(baris.indikator, baris.nilai[tahun], label, y, x, x_label)
        rows.append(row)
        if span is not None:
            spans.append(span)
    tinggi = y + 4

    sumbu: list[str] = []
    for tick in (0, 50, 100, 150):
        acuan = tick == 100
        posisi = _n(x(Fraction(tick)))
        if spans:
            sumbu.append(
                el(
                    "path",
                    {
                        "d": "".join(f"M{posisi} {_n(a)}V{_n(b)}" for a, b in spans),
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
                    "text-anchor": "start" if tick == 0 else "middle",
                    "class": "iku-grafik-teks" if acuan else "iku-grafik-sumbu-teks",
                    "fill": "currentColor",
                    "font-weight": "bold" if acuan else None,
                },
                f"{tick}%",
            )
        )
    body: list[str] = [el("g", {"aria-hidden": "true"}, *sumbu), *rows]
    if not daftar:
        body.append(
            el(
                "text",
                {"x": kiri, "y": atas + 12, "class": "iku-grafik-kosong", "fill": "currentColor"},
                "Tidak ada indikator jenis ini.",
            )
        )
        tinggi = atas + 24

    label = JENIS_LABEL[kind]
    rincian = "; ".join(f"{x.indikator.nama}: {_teks_capaian(x.nilai[tahun])}" for x in daftar)
    title = f"Capaian {label} tahun {tahun}"
    desc = (
        f"Diagram batang mendatar capaian (%) setiap {label} tahun {tahun} terhadap targetnya, "
        "dengan garis acuan 100%; batang digambar sampai 150%, label menunjukkan nilai "
        "sebenarnya. " + (f"{rincian}." if rincian else "Tidak ada indikator jenis ini.")
    )
    return _svg(
        id_prefix, "batang", (lebar, round(tinggi)), title, desc, body, {"data-tahun": tahun}
    )


def _label_capaian(nilai: NilaiTahun) -> tuple[str, ...]:
    """The text beside a bar, one line each: the value, then the predikat; none without
    a capaian."""
    capaian = nilai.capaian.nilai
    if capaian is None:
        return ()
    catatan = " (dibatasi)" if nilai.capaian.dibatasi else ""
    return (f"{format_persen(capaian)}{catatan}", nilai.predikat.label if nilai.predikat else "–")


def _baris_capaian(
    indikator: Indikator,
    nilai: NilaiTahun,
    label: tuple[str, ...],
    y: float,
    x: Callable[[Fraction], float],
    x_label: float,
) -> tuple[Xml, float, tuple[float, float] | None]:
    """One indicator's row from ``y`` down: the row, where the next one starts, and the top
    and bottom of its bar (None without a bar)."""
    kiri = x(Fraction(0))
    nama = _bungkus(indikator.nama, BATANG_LEBAR - 2 * kiri)
    parts: list[str] = [
        # The row's tooltip and the full name when the drawn one is cut.
        el("title", {}, f"{indikator.nama}: {_teks_capaian(nilai)}"),
        _multiline(
            kiri,
            y + _BARIS * len(nama) / 2,
            nama,
            {"class": "iku-grafik-teks iku-grafik-nama", "fill": "currentColor"},
        ),
    ]
    y += _BARIS * len(nama) + 3
    span = None
    if nilai.capaian.nilai is None:
        alasan = _bungkus(f"tidak terukur: {nilai.capaian.alasan}", BATANG_LEBAR - 2 * kiri)
        parts.append(
            _multiline(
                kiri,
                y + _BARIS * len(alasan) / 2,
                alasan,
                {"class": "iku-grafik-tak-terukur", "fill": "currentColor", "font-style": "italic"},
            )
        )
        y += _BARIS * len(alasan)
    else:
        tengah = y + _BARIS
        span = (tengah - 12, tengah + 12)
        parts.extend(_batang(nilai, indikator.id, kiri, x(nilai.capaian.nilai), tengah))
        nilai_teks, predikat = label
        parts.append(
            el(
                "text",
                {"class": "iku-grafik-label", "fill": "currentColor"},
                el(
                    "tspan",
                    {
                        "x": _n(x_label),
                        "y": _n(tengah - 2.5),
                        "class": "iku-grafik-label-nilai",
                        "font-weight": "bold",
                    },
                    nilai_teks,
                ),
                el(
                    "tspan",
                    {
                        "x": _n(x_label),
                        "y": _n(tengah + 12.5),
                        "class": "iku-grafik-label-predikat",
                    },
                    predikat,
                ),
            )
        )
        y += 2 * _BARIS
    y += 14
    return el("g", {"class": "iku-grafik-baris", "data-indikator": indikator.id}, *parts), y, span


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
                "y": _n(tengah - 8),
                "width": _n(ujung - x0),
                "height": 16,
                "class": "iku-grafik-batang" + (" iku-grafik-batang--dipotong" if dipotong else ""),
                "fill": warna_tanda(nilai.predikat.warna) if nilai.predikat else "currentColor",
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
                    "d": f"M{_n(ujung - 12)} {_n(tengah - 11)}l5 22"
                    f"M{_n(ujung - 7)} {_n(tengah - 11)}l5 22",
                    "class": "iku-grafik-potong",
                    "stroke": "currentColor",
                    "stroke-width": "2",
                    "fill": "none",
                },
            )
        )
    return marks
