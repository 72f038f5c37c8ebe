"""Charts for pages: each macro returns one ``<figure>`` HTML block holding a static SVG, or,
where there is nothing to draw, one line saying so (never a full-size empty chart).

The SVG comes from :mod:`iku_macros.web.charts`; the caption points the reader to the table with the
same numbers on the page, since the chart only illustrates them. Styles: ``assets/grafik.css``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from html import escape

from iku_macros.data.model import JenisIndikator
from iku_macros.report import Laporan
from iku_macros.web.charts import (
    batas_dokumen,
    chart_capaian_tahun,
    chart_target_realisasi,
    sparkline_capaian,
    tahun_grafik,
)
from iku_macros.web.render import Halaman
from iku_macros.web.render.indikator import indikator_tahun

JENIS_KETERANGAN = {
    JenisIndikator.IKU: "Indikator Kinerja Utama",
    JenisIndikator.PROGRAM: "indikator program",
}


def figure(svg: str, caption: str, kind: str) -> str:
    """``<figure>`` around ``svg`` with an escaped caption, as one Markdown HTML block."""
    html = (
        f'<figure class="iku-grafik iku-grafik--{kind}">\n{svg}\n'
        f"<figcaption>{escape(caption, quote=False)}</figcaption>\n</figure>"
    )
    # Blank lines would end the HTML block in Markdown and let it parse the rest as text.
    return "\n".join(line for line in html.splitlines() if line.strip())


def tanpa_grafik(message: str) -> str:
    """The one line shown instead of a chart that would have nothing on it."""
    return f'<p class="iku-grafik-kosong">{escape(message, quote=False)}</p>'


def macros(laporan: Laporan, halaman: Halaman) -> dict[str, Callable[..., str]]:
    # The same chart twice on one page must not repeat an id (aria-labelledby would then point
    # at the first copy): the second call on a page gets "-2", and so on. define_env runs once
    # per build, so every build numbers from the start again.
    calls: Counter[tuple[str, str]] = Counter()

    def id_unik(base: str) -> str:
        key = (halaman.current_url(), base)
        calls[key] += 1
        return base if calls[key] == 1 else f"{base}-{calls[key]}"

    def grafik_indikator(ident: str) -> str:
        """Target and realisasi of one indicator per year (line chart)."""
        hasil = laporan.indikator[ident]
        dokumen = laporan.dataset.dokumen
        if all(n.target is None and n.realisasi is None for n in hasil.tahun.values()):
            return tanpa_grafik(
                "Grafik tidak digambar: belum ada target maupun realisasi untuk indikator ini."
            )
        svg = chart_target_realisasi(hasil, id_unik(f"iku-grafik-{ident}"), dokumen)
        caption = "Grafik target dan realisasi per tahun."
        if batas_dokumen([hasil.tahun[t] for t in tahun_grafik(hasil)], dokumen):
            caption += (
                " Garis tegak bertanda tahun menandai pergantian dokumen IKU yang berlaku "
                "(kolom Dokumen pada tabel)."
            )
        caption += (
            " Angka yang sama tercantum dalam tabel target, realisasi, dan capaian per tahun "
            "di halaman ini."
        )
        return figure(svg, caption, "garis")

    def grafik_tren(ident: str) -> str:
        """Capaian of one indicator per year (small trend line, for cards)."""
        hasil = laporan.indikator[ident]
        if all(n.capaian.nilai is None for n in hasil.tahun.values()):
            return tanpa_grafik("Belum ada capaian yang dapat dihitung.")
        svg = sparkline_capaian(hasil, id_unik(f"iku-tren-{ident}"))
        caption = (
            "Tren capaian (%) per tahun; garis putus-putus = 100%. Angkanya ada di halaman ini."
        )
        return figure(svg, caption, "tren")

    def grafik_capaian(tahun: int, jenis: str = "iku") -> str:
        """Capaian of every indicator of ``jenis`` ("iku" or "program") in ``tahun`` (bars)."""
        kind = JenisIndikator(jenis)
        if tahun not in laporan.tahun_laporan:
            raise ValueError(f"tahun {tahun} tidak ada dalam laporan")
        daftar = indikator_tahun(laporan, tahun, kind)
        if not daftar:
            return ""  # the table below says the document has no indicator of this kind
        if all(baris.nilai[tahun].capaian.nilai is None for baris in daftar):
            return tanpa_grafik(
                f"Grafik tidak digambar: belum ada capaian {JENIS_KETERANGAN[kind]} yang dapat "
                f"dihitung untuk tahun {tahun} (alasannya di tabel)."
            )
        svg = chart_capaian_tahun(laporan, tahun, kind, id_unik(f"iku-capaian-{tahun}-{kind}"))
        caption = (
            f"Capaian {JENIS_KETERANGAN[kind]} tahun {tahun} beserta predikatnya, dibandingkan "
            "dengan garis acuan 100%. Angka yang sama tercantum dalam tabel pengukuran kinerja "
            "di halaman ini."
        )
        return figure(svg, caption, "batang")

    return {
        "grafik_indikator": grafik_indikator,
        "grafik_tren": grafik_tren,
        "grafik_capaian": grafik_capaian,
    }
