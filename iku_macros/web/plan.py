"""Which pages and files the site has, derived from the data (no MkDocs import).

Generated pages hold only fixed headings and macro calls with validated ids, never data text, so
nothing from YAML is ever parsed as Markdown or as a Jinja template. Titles that come from data
are returned as plain text; the MkDocs glue escapes them, because MkDocs' theme templates print
titles without escaping.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from iku_macros.compare import compare, pendahulu
from iku_macros.data import narasi
from iku_macros.data.documents import DokumenTerbaca
from iku_macros.data.loading import Dataset
from iku_macros.data.model import (
    FILE_MODELS,
    Indikator,
    JenisDokumen,
    JenisIndikator,
    Kerangka,
    Program,
)
from iku_macros.data.schema import render_schema
from iku_macros.report import Laporan
from iku_macros.web.opendata import to_csv, to_json
from iku_macros.web.spreadsheet import to_xlsx
from iku_macros.web.survei import survey_files


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


def _indicator_page(laporan: Laporan, ident: str, dipakai: set[str]) -> GeneratedPage:
    """``dipakai``: the indicators some composite formula reads."""
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
    if ident in dipakai:
        sections += ["## Dipakai oleh", f'{{{{ indikator_dipakai_oleh("{ident}") }}}}']
    sections += ["## Riwayat perubahan nilai", f'{{{{ indikator_riwayat("{ident}") }}}}']
    return GeneratedPage(
        indicator_path(ident),
        hasil.indikator.nama,
        "\n\n".join(sections) + "\n",
        laporan.dataset.berkas.get(f"indikator:{ident}"),
    )


PROGRAM_RINCI_MAKS = 40
"""A capaian page lists up to this many program indicators one by one (with their bar chart);
above it, one row per program, each linking to the program's own page: a kabupaten has a
thousand, and one page of them all is megabytes."""


def program_url(ident: str) -> str:
    return f"program/{ident}/"


def program_terpisah(laporan: Laporan) -> bool:
    """Program indicators are detailed on program pages: some year has more than
    PROGRAM_RINCI_MAKS of them."""
    for tahun in laporan.tahun_laporan:
        document = laporan.dataset.dokumen_berlaku(tahun)
        if document is None:
            continue
        kinds = [version.jenis for version in document.indikator.values()]
        if kinds.count(JenisIndikator.PROGRAM) > PROGRAM_RINCI_MAKS:
            return True
    return False


def _capaian_page(laporan: Laporan, tahun: int, per_program: bool) -> GeneratedPage:
    program = (
        [f"{{{{ capaian_program_ringkas({tahun}) }}}}"]
        if per_program
        else [
            f"{{{{ grafik_capaian({tahun}, 'program') }}}}",
            f"{{{{ capaian_tabel({tahun}, 'program') }}}}",
        ]
    )
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
            *program,
        ]
    )
    return GeneratedPage(
        f"capaian/{tahun}.md",
        f"Capaian {tahun}",
        body + "\n",
        laporan.dataset.berkas.get(f"realisasi:{tahun}"),
    )


def _program_page(laporan: Laporan, ident: str, nama: str) -> GeneratedPage:
    """One program's indicators, year by year, newest first (when capaian pages summarise
    programs)."""
    sections = [f'{{{{ program_pengantar("{ident}") }}}}']
    for tahun in sorted(laporan.tahun_laporan, reverse=True):
        sections += [f"## Tahun {tahun}", f"{{{{ capaian_tabel({tahun}, 'program', '{ident}') }}}}"]
    return GeneratedPage(f"program/{ident}.md", nama, "\n\n".join(sections) + "\n", None)


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


RIWAYAT_PER_HALAMAN = 200
"""Rows of the Riwayat data page and of each page after it: a repository gains a commit per
pull request, forever, so the history is split into pages of this many changes."""


def riwayat_pages(jumlah_perubahan: int) -> int:
    """How many pages the site-wide history takes (at least one, the hand-written page)."""
    return max(1, -(-jumlah_perubahan // RIWAYAT_PER_HALAMAN))


def riwayat_url(halaman: int) -> str:
    return "riwayat/" if halaman == 1 else f"riwayat/{halaman}/"


def _riwayat_page(halaman: int) -> GeneratedPage:
    """A later page of the history (the first is docs/riwayat.md); reached from the pager."""
    return GeneratedPage(
        f"riwayat/{halaman}.md",
        f"Riwayat data (halaman {halaman})",
        f"{{{{ riwayat_data({halaman}) }}}}\n",
        None,
    )


def generated_pages(laporan: Laporan, jumlah_perubahan: int = 0) -> list[GeneratedPage]:
    """Every page made from the data; ``jumlah_perubahan`` (changes in the history) sets how
    many history pages follow the first."""
    pages = [_list_page(), *_comparison_pages(laporan.dataset)]
    pages += [_riwayat_page(k) for k in range(2, riwayat_pages(jumlah_perubahan) + 1)]
    # Once for all pages: asked per indicator, it cost indicators squared.
    dipakai = {masukan for hasil in laporan.indikator.values() for masukan in hasil.masukan}
    pages += [_indicator_page(laporan, ident, dipakai) for ident in laporan.indikator]
    per_program = program_terpisah(laporan)
    pages += [_capaian_page(laporan, tahun, per_program) for tahun in laporan.tahun_laporan]
    pages += [_ikm_page(laporan, tahun) for tahun in laporan.dataset.tahun_ikm()]
    if per_program:
        pages += [_program_page(laporan, p.id, p.nama) for p in laporan.dataset.kerangka.program]
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
    files.update(survey_files(laporan.dataset))  # the IKM pages link the raw survey answers
    return files


NAV_TABS_MAKS = 7
"""At most this many top-level tabs: more do not fit a desktop header and read as a wall."""
STAFF_PAGES = ("panduan.md",)
"""Pages for staff, built but kept out of the public tabs (``not_in_nav`` in mkdocs.yml)."""

ABOUT_PAGES = ("profil.md", "landasan-hukum.md", "metodologi.md", "riwayat.md")
"""The hand-written pages about the unit and the site, under one tab ("Tentang")."""

NAV_INDICATOR_LIMIT = 150
"""Above this many indicators, program indicators leave the nav (reached through the Indikator
index and the tables): every page renders the nav, so a huge section makes builds quadratic."""


def indicators_in_nav(laporan: Laporan) -> set[str]:
    if len(laporan.indikator) <= NAV_INDICATOR_LIMIT:
        return set(laporan.indikator)
    return {h.indikator.id for h in laporan.iku()}


def navigation(laporan: Laporan, static_pages: set[str]) -> list[object]:
    """The nav tree: at most :data:`NAV_TABS_MAKS` top-level items (the tabs), public pages
    only; the operator guide (:data:`STAFF_PAGES`) is reached from the footer and the Unduh
    page. Titles are plain text — program section titles come from data, so the caller escapes
    titles. Pages take their own (escaped) titles. Hand-written pages missing from the docs
    tree are left out, so a fork can drop one."""

    def page(path: str, title: str | None = None) -> object | None:
        if path not in static_pages:
            return None
        return {title: path} if title else path

    def section(title: str, items: list[object | None]) -> dict[str, list[object]] | None:
        kept = [item for item in items if item is not None]
        return {title: kept} if kept else None

    iku = [indicator_path(h.indikator.id) for h in laporan.iku()]
    listed = indicators_in_nav(laporan)
    # Program indicators grouped by program. The active tab is never pruned (see
    # overrides/partials/nav-item.html): the phone menu shows the whole section.
    program = []
    for item in laporan.dataset.kerangka.program:
        paths = [
            indicator_path(h.indikator.id)
            for h in laporan.program()
            if h.indikator.induk == item.id and h.indikator.id in listed
        ]
        if paths:
            program.append({item.nama: paths})
    documents = [
        section(
            document.label,
            [
                page(document_page(document.id, "index")),
                *(page(document_page(document.id, name)) for name in CHAPTER_ORDER),
                page(document_page(document.id, "cetak")),
                page(document_page(document.id, "perbandingan")),
            ],
        )
        for document in documents_in_order(laporan.dataset)
    ]
    nav = [
        page("index.md"),
        section("Dokumen IKU", [page(LIST_PAGE), *documents]),
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
            [
                page("capaian/index.md"),
                *(f"capaian/{t}.md" for t in laporan.tahun_laporan),
                section(
                    "IKM",
                    [page("ikm/index.md"), *(f"ikm/{t}.md" for t in laporan.dataset.tahun_ikm())],
                ),
            ],
        ),
        section(
            "Tentang",
            [page(path) for path in ABOUT_PAGES],
        ),
        page("unduh/index.md"),
    ]
    return [item for item in nav if item is not None]


# --- the Dokumen IKU section ------------------------------------------------------------------

LIST_PAGE = "dokumen/index.md"
"""The list of every document of the unit."""
CHAPTER_ORDER = ("kata-pengantar", *(f"bab-{n}" for n in range(1, 6)))
"""A document's chapters in order (the printable document joins those it has)."""
CHAPTER_LABELS = {
    "kata-pengantar": "Kata Pengantar",
    **{f"bab-{n}": f"BAB {roman}" for n, roman in enumerate(("I", "II", "III", "IV", "V"), 1)},
}
"""Link text of each chapter in the engine's own lists (never a data heading)."""
PAGES_FROM_CHAPTERS = ("index", *CHAPTER_ORDER, "cetak")
"""A document's pages made of its narrative chapters (or, for ``index``, the engine's own
page in the chapters' grammar): rendered by :mod:`iku_macros.data.narasi`, never by Jinja."""

_DOCUMENT_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
_NARRATIVE_PAGE = re.compile(
    rf"dokumen/({_DOCUMENT_ID.pattern})/({'|'.join(map(re.escape, PAGES_FROM_CHAPTERS))})\.md"
)


def document_page(ident: str, name: str) -> str:
    """Markdown path of one of a document's pages: ``index``, a chapter, ``cetak`` or
    ``perbandingan``. The id (a folder name the layout check accepted) becomes part of page
    addresses and of macro calls, so anything else is refused here too."""
    if not _DOCUMENT_ID.fullmatch(ident):
        raise ValueError(f"id dokumen tidak sah untuk alamat halaman: {ident!r}")
    return f"dokumen/{ident}/{name}.md"


def document_url(ident: str, name: str = "index") -> str:
    """Site-root URL of a document's page (``dokumen/<id>/``, ``dokumen/<id>/bab-4/``)."""
    page = document_page(ident, name).removesuffix(".md").removesuffix("index")
    return page if page.endswith("/") else page + "/"


def narrative_document(src_uri: str) -> str | None:
    """The document whose chapters make the page ``src_uri``, or None for any other page."""
    found = _NARRATIVE_PAGE.fullmatch(src_uri)
    return found.group(1) if found else None


def documents_in_order(dataset: Dataset) -> list[DokumenTerbaca]:
    """The current document first, then the others from the newest to the oldest."""
    kini = dataset.dokumen_kini
    return [kini, *(d for d in reversed(dataset.dokumen.values()) if d.id != kini.id)]


def chapter_names(root: Path, document: DokumenTerbaca) -> list[str]:
    """The chapters (of :data:`CHAPTER_ORDER`) the document's narasi folder holds."""
    found, _ = narasi.chapter_files(root, document.narasi_folder)
    return [name for name in CHAPTER_ORDER if name in found]


def predecessor(dataset: Dataset, ident: str) -> DokumenTerbaca | None:
    """The document a document's comparison page compares it with, if any."""
    found = pendahulu(dataset.dokumen, dataset.berlaku, ident)
    return dataset.dokumen[found] if found is not None else None


def _list_page() -> GeneratedPage:
    body = (
        "Semua dokumen Indikator Kinerja Utama (IKU) yang dimuat di situs ini, mulai dari yang "
        "berlaku kini. Setiap tahun diukur dengan target dokumen yang berlaku pada tahun itu.\n\n"
        "{{ daftar_dokumen() }}\n"
    )
    return GeneratedPage(LIST_PAGE, "Dokumen IKU", body, None)


COMPARISON_HEADINGS = {
    "target": "Target yang berubah",
    "tahun_target": "Tahun target yang ditambah atau dihapus",
    "ditambah": "Indikator yang ditambah",
    "dihapus": "Indikator yang dihapus",
    "nama": "Indikator yang berganti nama",
    "definisi": "Definisi operasional yang berubah",
    "rumus": "Rumus yang berubah",
    "atribut": "Keterangan lain yang berubah",
    "kerangka": "Tujuan, sasaran, dan program",
    "sambungan": "Target akhir periode lama dan awal periode baru",
}
"""Heading of each part of a comparison (:meth:`iku_macros.compare.Perbandingan.bagian`)."""


def _comparison_pages(dataset: Dataset) -> list[GeneratedPage]:
    """Each document that has a predecessor: what changed, one part per kind of change."""
    pages = []
    for document in dataset.dokumen.values():
        lama = predecessor(dataset, document.id)
        if lama is None:
            continue
        path = document_page(document.id, "perbandingan")
        parts = [f'{{{{ perbandingan("{document.id}", "ringkasan") }}}}']
        for bagian in compare(lama, document).bagian():
            parts += [
                f"## {COMPARISON_HEADINGS[bagian]}",
                f'{{{{ perbandingan("{document.id}", "{bagian}") }}}}',
            ]
        pages.append(
            GeneratedPage(
                path,
                f"Perbandingan dengan {lama.label}",
                "\n\n".join(parts) + "\n",
                dataset.berkas.get(f"dokumen:{document.id}"),
            )
        )
    return pages


IKI_RINCI_MAKS = PROGRAM_RINCI_MAKS
"""BAB IV's table of program indicators (TARGET INDIKATOR KINERJA INDIVIDU) lists up to this many
rows where a chapter calls it, as the document prints it; above it, the table has one row per
program and each program's rows, with the same columns, go on a page of their own
(:func:`iki_program_pages`). The capaian pages' limit, so a kabupaten's programs are detailed on
pages of their own in both places: its thousand rows, each with a definition and a formula, make
a chapter of over half a megabyte."""

_PROGRAM_ID = re.compile(r"[a-z][a-z0-9_]*")
"""A program id as the data model accepts it (``ID_PATTERN`` of :mod:`iku_macros.data.model`)."""


def iki_per_program(
    kerangka: Kerangka, indikator: dict[str, Indikator]
) -> list[tuple[Program, list[Indikator]]]:
    """Each program that has program indicators, with them: programs in framework order, their
    indicators in document order (the table's order)."""
    # Grouped once per document: each program's page asks for its own group, so grouping on
    # every call cost programs × indicators (the callers only read the result).
    for known, items, grouped in _grouped:
        if known is kerangka and items is indikator:
            return grouped
    by_program: dict[str, list[Indikator]] = {}
    for item in indikator.values():
        if item.jenis is JenisIndikator.PROGRAM and item.induk is not None:
            by_program.setdefault(item.induk, []).append(item)
    grouped = [(p, by_program[p.id]) for p in kerangka.program if p.id in by_program]
    _grouped[:] = [(kerangka, indikator, grouped), *_grouped[:3]]
    return grouped


_grouped: list[tuple[Kerangka, dict[str, Indikator], list[tuple[Program, list[Indikator]]]]] = []
"""The last documents' groups, by the identity of their framework and indicators (kept alive
here, so an identity is never reused while listed)."""


def iki_terpisah(document: DokumenTerbaca) -> bool:
    """The document's program indicators are detailed program by program: it has more than
    :data:`IKI_RINCI_MAKS` of them."""
    kinds = [i.jenis for i in document.indikator.values()]
    return kinds.count(JenisIndikator.PROGRAM) > IKI_RINCI_MAKS


def iki_programs(document: DokumenTerbaca) -> list[tuple[Program, list[Indikator]]]:
    """The programs that have a page of the document's program indicators (with them): every
    program with indicators when the table is split, none otherwise."""
    if not iki_terpisah(document):
        return []
    return iki_per_program(document.kerangka, document.indikator)


def iki_program_page(document: str, program: str) -> str:
    """Markdown path of one program's page of a document's program indicators. The program id
    becomes part of the address and of macro calls, so anything but an id is refused here."""
    if not _PROGRAM_ID.fullmatch(program):
        raise ValueError(f"id program tidak sah untuk alamat halaman: {program!r}")
    return document_page(document, f"iki/{program}")


def iki_program_url(document: str, program: str) -> str:
    """Site-root URL of that page (``dokumen/<id>/iki/<program>/``)."""
    return iki_program_page(document, program).removesuffix(".md") + "/"


def iki_program_title(nama: str) -> str:
    """Plain-text title of a program's page (the name is data: the caller escapes it)."""
    return f"BAB IV – {nama}"


def iki_program_pages(document: DokumenTerbaca) -> list[GeneratedPage]:
    """A page per program of a document whose BAB IV table is split (:func:`iki_terpisah`): that
    program's rows of the table, with the same columns. Pages of the document, not of the site,
    because each document has its own programs and wording. The printable document keeps the
    per-program summary (all the rows would be as big as the chapter was) and each program's
    page prints on its own with the same print stylesheet; the summary says so."""
    return [
        GeneratedPage(
            iki_program_page(document.id, program.id),
            iki_program_title(program.nama),
            f'{{{{ iki_program_pengantar("{program.id}") }}}}\n\n'
            f'{{{{ tabel_iki_program("{program.id}") }}}}\n',
            None,
        )
        for program, _ in iki_programs(document)
    ]


def default_index(laporan: Laporan, chapters: list[str], perbandingan: bool) -> str:
    """The page of a document whose narasi folder has no ``index.md`` (``laporan`` is seen
    through that document): the title block and a list of the chapters it has; without any
    chapter, every part of the document that lives in the data (legal basis, criteria, tables)
    instead. Engine text in the chapters' macro grammar (it is rendered like them); the heading
    is made of the document's kind and period only, never of its text."""
    meta = laporan.dataset.dokumen_kini.meta
    kind = " Perubahan" if meta.jenis is JenisDokumen.PERUBAHAN else ""
    heading = f"# Dokumen IKU{kind} {meta.periode.awal}–{meta.periode.akhir}"
    lines = [heading, "", "{{ judul_dokumen() }}", ""]
    comparison = ["- [Perbandingan dengan dokumen sebelumnya](perbandingan.md)"]
    if chapters:
        lines += ["## Daftar Isi", ""]
        lines += [f"- [{CHAPTER_LABELS[name]}]({name}.md)" for name in chapters]
        lines += ["- [Versi cetak seluruh dokumen](cetak.md)"]
        lines += comparison if perbandingan else []
        return "\n".join(lines) + "\n"
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
    if perbandingan:
        lines += ["", *comparison]
    for title, macro in sections:
        lines += ["", f"## {title}", "", f"{{{{ {macro}() }}}}"]
    return "\n".join(lines) + "\n"


def printable_document(chapters: list[str]) -> str:
    """Markdown of the whole document on one page: every chapter in order, in a wrapper the
    print stylesheet uses to start each chapter on a new page. A BAB IV table split per program
    (:func:`iki_terpisah`) stays the per-program summary here, as on the chapter's page: the
    whole document must stay one page a browser opens and prints, and every row would make it as
    big as the split chapter was; each program's page prints on its own with the same print
    stylesheet, which the summary tells the reader."""
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
