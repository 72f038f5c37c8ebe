"""IKM pages: per survey the per-unsur NRR, the index, its mutu and the respondents; a year may
hold several surveys, one per IKM indicator (e.g. one per service)."""

from __future__ import annotations

from collections.abc import Callable

from iku_macros.compute.ikm import DASAR_HUKUM_IKM, PENIMBANG
from iku_macros.report import Laporan
from iku_macros.web.plan import ikm_url, indicator_url
from iku_macros.web.render import Halaman, render
from iku_macros.web.render.indikator import FILTERS  # noqa: F401  (the number filters)
from iku_macros.web.survei import survey_url


def survey_anchor(ident: str) -> str:
    """Id of a survey's section on its year page (ids are snake_case: safe in HTML)."""
    return f"survei-{ident}"


def macros(laporan: Laporan, halaman: Halaman) -> dict[str, Callable[..., str]]:
    def base(tahun: int, indikator: str) -> dict[str, object]:
        survei = laporan.dataset.ikm[(tahun, indikator)]
        return {
            "tahun": tahun,
            "hasil": laporan.ikm[(tahun, indikator)],
            "survei": survei,
            "indikator": laporan.indikator[indikator].indikator,
            "link": halaman.link,
            "indicator_url": indicator_url,
            "dasar_hukum": DASAR_HUKUM_IKM,
            "penimbang": PENIMBANG,
            # The raw answers, downloadable (see iku_macros.web.survei).
            "unduh_responden": (
                halaman.link(survey_url(survei.survei.berkas_responden))
                if survei.survei.berkas_responden
                else None
            ),
        }

    def ikm_ringkasan(tahun: int, indikator: str) -> str:
        return render("ikm/ringkasan.html", **base(tahun, indikator))

    def ikm_tabel_unsur(tahun: int, indikator: str) -> str:
        return render("ikm/unsur.html", **base(tahun, indikator))

    def ikm_survei(tahun: int, indikator: str) -> str:
        """One of several surveys of a year, under its indicator's name."""
        return render("ikm/survei.html", anchor=survey_anchor(indikator), **base(tahun, indikator))

    def ikm_daftar_survei(tahun: int) -> str:
        """The surveys of a year, each linked to its section."""
        items = [
            (survey_anchor(s.survei.indikator), laporan.indikator[s.survei.indikator].indikator)
            for s in laporan.dataset.survei_tahun(tahun)
        ]
        return render("ikm/survei_tahun.html", tahun=tahun, items=items)

    def survey_link(tahun: int, indikator: str) -> str:
        page = halaman.link(ikm_url(tahun))
        several = len(laporan.dataset.survei_tahun(tahun)) > 1
        return f"{page}#{survey_anchor(indikator)}" if several else page

    def daftar_ikm() -> str:
        return render(
            "ikm/daftar.html",
            laporan=laporan,
            link=halaman.link,
            survey_link=survey_link,
            indicator_url=indicator_url,
        )

    return {
        "ikm_ringkasan": ikm_ringkasan,
        "ikm_tabel_unsur": ikm_tabel_unsur,
        "ikm_survei": ikm_survei,
        "ikm_daftar_survei": ikm_daftar_survei,
        "daftar_ikm": daftar_ikm,
    }
