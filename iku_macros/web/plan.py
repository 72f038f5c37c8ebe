"""Which pages and files the site has, derived from the data (no MkDocs import).

Generated pages hold only fixed headings and macro calls with validated ids, never data text, so
nothing from YAML is ever parsed as Markdown or as a Jinja template. Titles that come from data
are returned as plain text; the MkDocs glue escapes them, because MkDocs' theme templates print
titles without escaping.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from iku_macros.data.model import FILE_MODELS
from iku_macros.data.schema import render_schema
from iku_macros.report import Laporan
from iku_macros.web.opendata import to_csv, to_json
from iku_macros.web.spreadsheet import to_xlsx


@dataclass(frozen=True)
class GeneratedPage:
    path: str
    """Markdown path inside the docs tree, e.g. ``indikator/ikm.md``."""
    title: str
    """Plain-text title (not yet escaped)."""
    body: str
    """Markdown body: fixed headings and macro calls only."""
    sumber: str | None
    """Repository path of the data file the page shows, for the 'edit' link."""


def indicator_path(ident: str) -> str:
    return f"indikator/{ident}.md"


def indicator_url(ident: str) -> str:
    return f"indikator/{ident}/"


def capaian_url(tahun: int) -> str:
    return f"capaian/{tahun}/"


def ikm_url(tahun: int) -> str:
    return f"ikm/{tahun}/"


def _indicator_page(laporan: Laporan, ident: str) -> GeneratedPage:
    hasil = laporan.indikator[ident]
    sections = [
        f'{{{{ indikator_ringkas("{ident}") }}}}',
        "## Definisi dan cara menghitung",
        f'{{{{ indikator_definisi("{ident}") }}}}',
        "## Target, realisasi, dan capaian per tahun",
        f'{{{{ grafik_indikator("{ident}") }}}}',
        f'{{{{ indikator_tabel_tahunan("{ident}") }}}}',
    ]
    if hasil.masukan:
        sections += ["## Masukan rumus komposit", f'{{{{ indikator_masukan("{ident}") }}}}']
    if any(ident in other.masukan for other in laporan.indikator.values()):
        sections += ["## Dipakai oleh", f'{{{{ indikator_dipakai_oleh("{ident}") }}}}']
    sections += ["## Riwayat perubahan nilai", f'{{{{ indikator_riwayat("{ident}") }}}}']
    return GeneratedPage(
        indicator_path(ident),
        hasil.indikator.nama,
        "\n\n".join(sections) + "\n",
        laporan.dataset.berkas.get(f"indikator:{ident}"),
    )


def _capaian_page(laporan: Laporan, tahun: int) -> GeneratedPage:
    body = "\n\n".join(
        [
            f"{{{{ capaian_pengantar({tahun}) }}}}",
            "## Ringkasan",
            f"{{{{ capaian_ringkasan({tahun}) }}}}",
            "## Pengukuran kinerja IKU",
            f"{{{{ grafik_capaian({tahun}, 'iku') }}}}",
            f"{{{{ capaian_tabel({tahun}, 'iku') }}}}",
            "## Perbandingan dengan tahun lalu dan target akhir periode",
            f"{{{{ capaian_perbandingan({tahun}) }}}}",
            "## Indikator program",
            f"{{{{ grafik_capaian({tahun}, 'program') }}}}",
            f"{{{{ capaian_tabel({tahun}, 'program') }}}}",
        ]
    )
    return GeneratedPage(
        f"capaian/{tahun}.md",
        f"Capaian {tahun}",
        body + "\n",
        laporan.dataset.berkas.get(f"realisasi:{tahun}"),
    )


def _ikm_page(laporan: Laporan, tahun: int) -> GeneratedPage:
    """Every survey of the year; with several, each under its indicator's name."""
    surveys = laporan.dataset.survei_tahun(tahun)
    if len(surveys) == 1:
        ident = surveys[0].survei.indikator
        sections = [
            f'{{{{ ikm_ringkasan({tahun}, "{ident}") }}}}',
            "## Nilai per unsur pelayanan",
            f'{{{{ ikm_tabel_unsur({tahun}, "{ident}") }}}}',
        ]
    else:
        # An indicator's name is data: it reaches the page only through an escaping template.
        sections = [f"{{{{ ikm_daftar_survei({tahun}) }}}}"] + [
            f'{{{{ ikm_survei({tahun}, "{s.survei.indikator}") }}}}' for s in surveys
        ]
    return GeneratedPage(
        f"ikm/{tahun}.md",
        f"IKM {tahun}",
        "\n\n".join(sections) + "\n",
        laporan.dataset.berkas.get(f"ikm:{tahun}"),
    )


def generated_pages(laporan: Laporan) -> list[GeneratedPage]:
    pages = [_indicator_page(laporan, ident) for ident in laporan.indikator]
    pages += [_capaian_page(laporan, tahun) for tahun in laporan.tahun_laporan]
    pages += [_ikm_page(laporan, tahun) for tahun in laporan.dataset.tahun_ikm()]
    return pages


def download_files(laporan: Laporan, when: datetime) -> dict[str, bytes]:
    """Site path -> content of every downloadable file; ``when`` dates the workbook."""
    texts = {"unduh/iku.json": to_json(laporan), "unduh/iku.csv": to_csv(laporan)}
    for tahun in laporan.tahun_laporan:
        texts[f"unduh/iku-{tahun}.json"] = to_json(laporan, tahun)
        texts[f"unduh/iku-{tahun}.csv"] = to_csv(laporan, tahun)
    for kind in FILE_MODELS:
        texts[f"unduh/skema/{kind}.schema.json"] = render_schema(kind)
    files = {path: text.encode("utf-8") for path, text in texts.items()}
    files["unduh/iku.xlsx"] = to_xlsx(laporan, when)
    return files


NAV_INDICATOR_LIMIT = 150
"""Above this many indicators, program indicators leave the nav (reached through the Indikator
index and the tables): every page renders the nav, so a huge section makes builds quadratic."""


def indicators_in_nav(laporan: Laporan) -> set[str]:
    if len(laporan.indikator) <= NAV_INDICATOR_LIMIT:
        return set(laporan.indikator)
    return {h.indikator.id for h in laporan.iku()}


def navigation(laporan: Laporan, static_pages: set[str]) -> list[object]:
    """The nav tree. Titles are plain text — program section titles come from data, so the
    caller escapes titles. Pages take their own (escaped) titles. Hand-written pages missing
    from the docs tree are left out, so a fork can drop one."""

    def page(path: str, title: str | None = None) -> object | None:
        if path not in static_pages:
            return None
        return {title: path} if title else path

    def section(title: str, items: list[object | None]) -> dict[str, list[object]] | None:
        kept = [item for item in items if item is not None]
        return {title: kept} if kept else None

    iku = [indicator_path(h.indikator.id) for h in laporan.iku()]
    listed = indicators_in_nav(laporan)
    # Program indicators grouped by program: with navigation.prune a page renders only its group.
    program = []
    for item in laporan.dataset.kerangka.program:
        paths = [
            indicator_path(h.indikator.id)
            for h in laporan.program()
            if h.indikator.induk == item.id and h.indikator.id in listed
        ]
        if paths:
            program.append({item.nama: paths})
    dokumen = [INDEX_PAGE, *CHAPTERS, PRINT_PAGE]
    nav = [
        page("index.md"),
        section("Dokumen IKU", [page(p) for p in dokumen]),
        section(
            "Indikator",
            [
                page("indikator/index.md"),
                {"Indikator Kinerja Utama": iku} if iku else None,
                {"Indikator program": program} if program else None,
            ],
        ),
        section(
            "Capaian",
            [page("capaian/index.md"), *(f"capaian/{t}.md" for t in laporan.tahun_laporan)],
        ),
        section(
            "IKM",
            [page("ikm/index.md"), *(f"ikm/{t}.md" for t in laporan.dataset.tahun_ikm())],
        ),
        page("profil.md"),
        page("landasan-hukum.md"),
        page("metodologi.md"),
        page("riwayat.md"),
        page("panduan.md"),
        page("unduh/index.md"),
    ]
    return [item for item in nav if item is not None]


CHAPTERS = ["dokumen/kata-pengantar.md", *(f"dokumen/bab-{n}.md" for n in range(1, 6))]
"""The IKU document's chapters in order (the printable document joins those the unit has)."""
INDEX_PAGE = "dokumen/index.md"
PRINT_PAGE = "dokumen/cetak.md"
CHAPTER_LABELS = {
    "dokumen/kata-pengantar.md": "Kata Pengantar",
    **{
        f"dokumen/bab-{n}.md": f"BAB {roman}"
        for n, roman in enumerate(("I", "II", "III", "IV", "V"), 1)
    },
}
"""Link text of each chapter in the engine's own table of contents (never a data heading)."""


def default_index(laporan: Laporan, chapters: list[str]) -> str:
    """The Dokumen IKU page of a unit whose data folder has no ``narasi/index.md``: the title
    block and a list of the chapters it has; without any chapter, every part of the document
    that lives in the data (legal basis, criteria, tables) instead. Engine text in the
    chapters' macro grammar (it is rendered like them)."""
    lines = ["# Dokumen IKU", "", "{{ judul_dokumen() }}", ""]
    if chapters:
        lines += ["## Daftar Isi", ""]
        lines += [f"- [{CHAPTER_LABELS[p]}]({p.removeprefix('dokumen/')})" for p in chapters]
        lines += ["- [Versi cetak seluruh dokumen](cetak.md)", ""]
        return "\n".join(lines)
    sections = [
        ("Landasan hukum", "daftar_landasan_hukum"),
        ("Syarat dan kriteria indikator kinerja", "daftar_syarat_kriteria"),
        ("Pertimbangan pemilihan indikator kinerja", "daftar_pertimbangan"),
        ("Tujuan dan sasaran", "tabel_tujuan_sasaran"),
        ("Indikator Kinerja Utama", "tabel_iku"),
        ("Target Indikator Kinerja Utama", "tabel_target_iku"),
    ]
    if laporan.program():
        sections.append(("Indikator program", "tabel_iki"))
    lines += [
        "Bab naratif dokumen ini belum dimuat di situs. Isi dokumen yang tersimpan sebagai data:"
    ]
    for title, macro in sections:
        lines += ["", f"## {title}", "", f"{{{{ {macro}() }}}}"]
    return "\n".join(lines) + "\n"


def printable_document(chapters: list[str]) -> str:
    """Markdown of the whole document on one page: every chapter in order, in a wrapper the
    print stylesheet uses to start each chapter on a new page."""
    body = "\n\n".join(chapter.strip() for chapter in chapters)
    return (
        json_front_matter("Dokumen IKU lengkap (versi cetak)")
        + '<div class="iku-dokumen-cetak" markdown>\n\n'
        + "{{ judul_dokumen() }}\n\n"
        + body
        + "\n\n</div>\n"
    )


def json_front_matter(title: str) -> str:
    """YAML front matter with a title; JSON string syntax is valid YAML and quotes anything."""
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n"
