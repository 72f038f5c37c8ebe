"""MkDocs hook: the glue between the data and MkDocs.

It validates the data before anything renders (bad data stops the build with every error),
names the site from the data, adds the generated pages and downloads, adds the data folder's
narrative chapters, and builds the navigation. Everything it calls is plain Python in
``iku_macros``; only this file and ``iku_macros/macros.py`` know about MkDocs.

Each IKU document of the data folder has its pages under ``dokumen/<id>/``: its narrative
chapters, from its own ``narasi/`` folder in the data (a unit's text never lives in ``docs/``),
its printable version, and, without ``index.md``, the engine's own page
(:func:`iku_macros.web.plan.default_index`). Chapters are never rendered by mkdocs-macros:
they go through :mod:`iku_macros.data.narasi` (strict macro grammar, HTML sanitised,
macros expanded after Markdown), with the data seen through their own document (its
indicators, targets and signature). mkdocs-macros renders only the hand-written pages, which opt
in with ``render_macros: true``; the generated ones (fixed text and macro calls with validated
ids) are filled here by :mod:`iku_macros.web.makro`, with no template engine.
"""

from __future__ import annotations

import html
import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from material.plugins.search.plugin import SearchPlugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from iku_macros.compute.numbers import format_tanggal
from iku_macros.data import narasi
from iku_macros.data.documents import DokumenTerbaca
from iku_macros.data.errors import DataError, DataValidationError, display_path
from iku_macros.data.gitdata import Asal, read_asal
from iku_macros.data.safe_files import UnsafeFileError
from iku_macros.data.yaml_source import keep_parsed
from iku_macros.macros import commit_url, data_dir, laporan_for, macro_functions
from iku_macros.report import Laporan
from iku_macros.web import makro, pratinjau, sisip
from iku_macros.web.build_data import load_downloads, load_laporan_dokumen, load_riwayat
from iku_macros.web.pencarian import Entri, entri_halaman
from iku_macros.web.plan import (
    CHAPTER_ORDER,
    default_index,
    document_page,
    generated_pages,
    iki_program_pages,
    indicator_path,
    indicators_in_nav,
    narrative_document,
    navigation,
    predecessor,
    printable_document,
)
from iku_macros.web.pratinjau import KunciHalaman
from iku_macros.web.render import Halaman, dokumen

if TYPE_CHECKING:
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink
    from mkdocs.utils.templates import TemplateContext

_prepared: dict[str, narasi.Prepared] = {}
"""Narrative page → its Markdown with macro placeholders (filled in ``on_page_content``)."""
_entries: dict[str, Entri] = {}
"""Data page → its search entry, written from the data (``on_page_context``)."""
_generated: dict[str, dict[str, Any]] = {}
"""The generated pages of this build, each with the macro functions its calls are filled with
in ``on_page_markdown`` (the site's, or a document's own for its program pages)."""
_current_url = [""]
"""URL of the page being filled, for the links of the functions below."""
_functions: dict[str, Any] = {}
"""The macro functions for generated pages, their links relative to ``_current_url``."""
_serving = [False]
"""Set by ``on_startup``: this process is ``mkdocs serve`` (it keeps this module between
builds)."""
_preview: pratinjau.CachePratinjau[list[str]] = pratinjau.CachePratinjau()
"""Indicator, program and Riwayat pages' macro results kept between the builds of
``mkdocs serve``."""
_asal: list[Asal] = []
"""Where this build's data stand in git (read once, in ``on_config``)."""
_kunci: list[KunciHalaman] = []
"""This build's page keys, while serving."""


def escape_text(text: str) -> str:
    """Escape data text for MkDocs/Material templates, which print titles unescaped; braces
    are escaped too so no template engine ever sees ``{{`` from data."""
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


def front_matter(title: str | None, *, macros: bool) -> str:
    """The engine's own front matter: a page's title and whether mkdocs-macros renders it.
    JSON string syntax is valid YAML and quotes anything."""
    lines = [f"title: {json.dumps(title, ensure_ascii=False)}"] if title is not None else []
    lines.append(f"render_macros: {'true' if macros else 'false'}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def edit_uri(path: str) -> str:
    """A repository path as the URL path of the "Sunting" link: percent-encoded, so a file
    name with quotes or angle brackets stays inside the href."""
    return quote(path, safe="/")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _check_addresses(config)
    laporan = laporan_for(config)
    profil = laporan.dataset.profil
    name = f"IKU {profil.instansi.nama_singkat}"
    config.site_name = escape_text(name)
    config.copyright = escape_text(
        f"{profil.instansi.nama} · {profil.instansi.kabupaten}, {profil.instansi.provinsi}"
    )
    config.extra["data_contoh"] = profil.data_contoh
    _provenance(config)
    # `mkdocs serve` rebuilds when a data file changes, not only when docs/ does.
    folder = str(data_dir(config))
    if folder not in config.watch:
        config.watch.append(folder)
    if not config.repo_url:
        # Without a repository there is nothing to edit; an edit_uri alone is a strict warning.
        config.edit_uri = None
    return config


_UNSAFE_IN_URL = re.compile(r"[\s\"'<>`\\]")


def _check_addresses(config: MkDocsConfig) -> None:
    """The addresses from the environment end up in href attributes, some of which Material
    prints unescaped (the canonical link): refuse what could leave the attribute."""
    for variable, value in (
        ("IKU_SITE_URL", config.site_url),
        ("IKU_REPO_URL", config.repo_url),
        ("IKU_EDIT_URI", config.edit_uri),
    ):
        found = _UNSAFE_IN_URL.search(value or "")
        if found:
            raise PluginError(
                f"{variable} tidak sah: alamat tidak boleh memuat spasi, tanda kutip, `<`, `>`, "
                f"`` ` `` atau `\\` (ditemukan {found.group()!r} di {value!r}); "
                "contoh: https://github.com/pemilik/iku"
            )


def _provenance(config: MkDocsConfig) -> None:
    """Footer facts: data commit and its date; the commit date is also the build date, so
    two builds of one commit are byte-identical (MkDocs reads SOURCE_DATE_EPOCH)."""
    asal = read_asal(data_dir(config))
    _asal[:] = [asal]
    if asal.tanggal is not None and "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = str(int(asal.tanggal.timestamp()))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    built = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    config.extra["iku_asal"] = {
        "commit": asal.pendek,
        "url": commit_url(config, asal.commit) if asal.commit else None,
        "tanggal": asal.tanggal.strftime("%Y-%m-%d") if asal.tanggal else None,
        # Dates as Indonesian readers write them (the footer is read by the public too).
        "tanggal_teks": format_tanggal(asal.tanggal.date()) if asal.tanggal else None,
        "dibangun_teks": format_tanggal(built.date()),
        "data_berubah": asal.data_berubah,
        "pratinjau": _serving[0],
    }
    if _serving[0]:
        # `mkdocs serve` shows the working folder, and its footer says so. Whether the folder
        # differs from the commit is left out: the first edit would change it, and with it
        # the footer of every page, which would all be rendered again.
        config.extra["iku_asal"]["data_berubah"] = None
    # Set by `python -m iku_macros terbitkan`: the version selector only exists on mike builds.
    versi = os.environ.get("IKU_VERSI")
    if versi:
        config.extra["version"] = {"provider": "mike", "default": "terbaru"}
        config.extra["iku_versi"] = versi
        config.extra["iku_direvisi"] = os.environ.get("IKU_DIREVISI") or None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    laporan = laporan_for(config)
    _entries.clear()
    _entries.update(entri_halaman(laporan))
    data_root = data_dir(config)
    repo_root = Path(config.config_file_path).resolve().parent

    _refuse_leftovers(files, data_root, laporan.dataset.dokumen_kini.narasi_folder)
    _functions.clear()
    _functions.update(macro_functions(laporan, Halaman(lambda: _current_url[0]), config))
    _kunci[:] = [_preview_keys(laporan, data_root, config)] if _serving[0] else []
    _preview.mulai()
    _prepared.clear()
    _generated.clear()
    for document in laporan.dataset.dokumen.values():
        _document_pages(files, config, laporan, document, repo_root)

    in_nav = {indicator_path(ident) for ident in indicators_in_nav(laporan)}
    # History pages after the first are reached from its pager, program pages from the capaian
    # pages' program tables: neither from the nav (there may be hundreds).
    changes = len(load_riwayat(data_root).perubahan)
    for page in generated_pages(laporan, changes):
        # Filled by on_page_markdown, not by mkdocs-macros (iku_macros.web.makro).
        content = front_matter(escape_text(page.title), macros=False) + page.body
        _generated[page.path] = _functions
        inclusion = (
            InclusionLevel.NOT_IN_NAV
            if (page.path.startswith("indikator/") and page.path not in in_nav)
            or page.path.startswith(("riwayat/", "program/"))
            else InclusionLevel.UNDEFINED
        )
        file = File.generated(config, page.path, content=content, inclusion=inclusion)
        file.edit_uri = edit_uri(f"../{page.sumber}") if page.sumber else None
        files.append(file)
    for path, content in load_downloads(data_root).items():
        files.append(File.generated(config, path, content=content))
    # The nav lists generated pages, so it is built here, after the files are known.
    config.nav = _escape_titles(
        navigation(laporan, {f.src_uri for f in files.documentation_pages()})
    )
    return files


def _document_pages(
    files: Files,
    config: MkDocsConfig,
    laporan: Laporan,
    document: DokumenTerbaca,
    repo_root: Path,
) -> None:
    """One document's pages: its chapters (``check`` has already read them with the dataset),
    the engine's page when it has no ``index.md``, its printable version, and, when BAB IV's
    program-indicator table is split per program, each program's page."""
    data_root = data_dir(config)
    try:
        chapters = {
            name: (source, text)
            for name, source, text in narasi.iter_chapters(data_root, document.narasi_folder)
        }
    except UnsafeFileError as exc:
        raise PluginError(DataValidationError([exc.error]).report()) from None
    for name, (source, text) in chapters.items():
        # Our front matter comes first, so nothing in the chapter is read as page settings.
        file = File.generated(
            config,
            document_page(document.id, name),
            content=front_matter(None, macros=False) + text,
        )
        file.edit_uri = _edit_path(source, repo_root)
        files.append(file)
    present = [name for name in CHAPTER_ORDER if name in chapters]
    if "index" not in chapters:
        text = default_index(
            _document_view(data_root, document.id),
            present,
            predecessor(laporan.dataset, document.id) is not None,
        )
        content = front_matter(None, macros=False) + text
        files.append(File.generated(config, document_page(document.id, "index"), content=content))
    if present:
        content = printable_document([chapters[name][1] for name in present])
        files.append(File.generated(config, document_page(document.id, "cetak"), content=content))
    pages = iki_program_pages(document)
    if not pages:
        return
    # BAB IV split per program: each program's rows, filled like every generated page but
    # from the document's own view.
    view = _document_view(data_root, document.id)
    functions = dokumen.macros(view, Halaman(lambda: _current_url[0]))
    for page in pages:
        _generated[page.path] = functions
        # A wide table: no empty table-of-contents column beside it (see hide_toc).
        head = front_matter(escape_text(page.title), macros=False).removesuffix("---\n\n")
        content = head + "hide:\n  - toc\n---\n\n" + page.body
        inclusion = InclusionLevel.NOT_IN_NAV  # reached from BAB IV's summary, as program pages
        files.append(File.generated(config, page.path, content=content, inclusion=inclusion))


def _document_view(data_root: Path, ident: str) -> Laporan:
    try:
        return load_laporan_dokumen(data_root, ident)
    except DataValidationError as exc:
        raise PluginError(exc.report()) from None


def _refuse_leftovers(files: Files, data_root: Path, narasi_folder: str) -> None:
    """A page under ``docs/dokumen/`` (a fork from before chapters moved to the data folder)
    stops the build, saying where it belongs: ``dokumen/`` is made from the data."""
    leftovers = [
        file
        for file in files.documentation_pages()
        if file.src_uri.startswith("dokumen/") and file.abs_src_path is not None
    ]
    if leftovers:
        errors = [_leftover(f, data_root, narasi_folder) for f in leftovers]
        raise PluginError(DataValidationError(errors).report())


def _leftover(file: File, data_root: Path, narasi_folder: str) -> DataError:
    name = file.src_uri.rsplit("/", 1)[-1]
    target = display_path(data_root / narasi_folder / name)
    return DataError(
        display_path(Path(file.abs_src_path or file.src_uri)),
        None,
        None,
        "halaman di docs/dokumen/ tidak dipakai lagi: bab naratif dokumen milik folder data",
        f"pindahkan ke {target} (mis. `git mv docs/{file.src_uri} {target}`); nama bab: "
        + narasi.EXPECTED_NAMES,
        f"docs/{file.src_uri}",
    )


DATA_PAGES = re.compile(
    r"(indikator|capaian|ikm)/[^/]+\.md|dokumen/[^/]+/perbandingan\.md|riwayat\.md|unduh/index\.md"
)
"""Data-dense pages (tables and charts, few headings)."""
WIDE_TABLES = re.compile(r"\{\{\s*tabel_(iku|target_iku|iki|tujuan_sasaran)\s*\(")
"""Macros of a document's wide tables (seven columns and more)."""


def hide_toc(page: Page, markdown: str) -> None:
    """Page front matter ``hide: [toc]`` for a data-dense page and for a document's page that
    holds its wide tables: without the right-hand table of contents their tables and charts get
    the full width instead of an empty column. A page's own ``hide`` is kept."""
    if "hide" in page.meta:
        return
    path = page.file.src_uri
    wide = narrative_document(path) is not None and WIDE_TABLES.search(markdown) is not None
    if wide or DATA_PAGES.fullmatch(path):
        page.meta["hide"] = ["toc"]


@event_priority(100)  # before mkdocs-macros, so it never sees a chapter
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    hide_toc(page, markdown)
    functions = _generated.get(page.file.src_uri)
    if functions is not None:
        _current_url[0] = page.url
        try:
            found = _results(markdown, page, functions)
            return makro.insert(markdown, found, sisip.aktif().simpan)
        except ValueError as exc:
            raise PluginError(f"{page.file.src_uri}: {exc}") from None
    if narrative_document(page.file.src_uri) is None:
        return markdown
    page.meta["render_macros"] = False
    prepared, errors = narasi.prepare(markdown, page.file.src_uri)
    if errors:
        raise PluginError(DataValidationError(errors).report())
    _prepared[page.file.src_uri] = prepared
    return prepared.markdown


def _results(markdown: str, page: Page, functions: dict[str, Any]) -> list[str]:
    """A generated page's macro results; while serving, an indicator, program or Riwayat page
    whose inputs did not change since the last build reuses them (iku_macros.web.pratinjau)."""
    found = _KEYED_PAGE.fullmatch(page.file.src_uri)
    if not _kunci or found is None:
        return makro.results(markdown, functions)
    kind, ident = found.groups()
    keys = _kunci[0]
    key_of = {"indikator": keys.indikator, "program": keys.program, "riwayat": keys.riwayat}
    kunci = key_of[kind](ident, page.url, markdown)
    results = _preview.ambil(kunci)
    if results is None:
        results = makro.results(markdown, functions)
        _preview.simpan(kunci, results)
    return results


_KEYED_PAGE = re.compile(r"(indikator|program|riwayat)/([a-z][a-z0-9_]*|[0-9]+)\.md")


def _preview_keys(laporan: Laporan, data_root: Path, config: MkDocsConfig) -> KunciHalaman:
    settings = (
        config.site_url or "",
        config.repo_url or "",
        config.edit_uri or "",
        json.dumps(config.extra.get("iku_asal"), sort_keys=True, default=str),
        os.environ.get("IKU_VERSI", ""),
        (_asal[0].commit or "") if _asal else "",
    )
    return KunciHalaman(laporan, pratinjau.kunci_dasar(data_root, settings))


def on_startup(command: str, dirty: bool) -> None:
    # The preview caches are for `mkdocs serve` only: a build renders every page.
    _serving[0] = command == "serve"
    if _serving[0]:
        keep_parsed()


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        html_text = sisip.pulihkan(html_text)
    except ValueError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None
    prepared = _prepared.get(page.file.src_uri)
    ident = narrative_document(page.file.src_uri)
    if prepared is None or ident is None:
        return html_text
    # The chapter's tables, title block and signature are those of its own document.
    laporan = _document_view(data_dir(config), ident)
    functions = narasi.macro_functions(laporan, Halaman(lambda: page.url))
    try:
        content = narasi.expand(narasi.sanitize(html_text), prepared, functions)
    except ValueError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None
    # Material prints titles and the table of contents unescaped: normalise what Markdown made
    # of the chapter's headings to escaped text, and percent-encode anchor ids.
    if page.title is not None:
        page.title = escape_text(html.unescape(page.title))
    _escape_toc(page.toc.items if page.toc else [])
    return content


def _escape_toc(items: list[AnchorLink]) -> None:
    for item in items:
        item.title = escape_text(html.unescape(item.title))
        item.id = quote(item.id, safe="-_.~")
        _escape_toc(item.children)


def _escape_titles(items: list[object]) -> list[object]:
    """Escape section titles: Material prints nav titles unescaped, and some come from data."""
    result: list[object] = []
    for item in items:
        if isinstance(item, dict):
            ((title, value),) = item.items()
            inner = _escape_titles(value) if isinstance(value, list) else value
            result.append({escape_text(title): inner})
        else:
            result.append(item)
    return result


def _edit_path(path: Path, repo_root: Path) -> str | None:
    """Edit link target relative to docs/ (edit_uri points into docs/), percent-encoded."""
    try:
        return edit_uri("../" + path.resolve().relative_to(repo_root).as_posix())
    except ValueError:
        return None


# --- search ------------------------------------------------------------------------------------


def _search_plugin(config: MkDocsConfig) -> SearchPlugin | None:
    return next((p for p in config.plugins.values() if isinstance(p, SearchPlugin)), None)


@event_priority(10)  # before the search plugin reads the page
def on_page_context(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    """A data page goes into the search index with the entry written from the data
    (iku_macros.web.pencarian), not parsed from its tables and charts."""
    path = page.file.src_uri
    search = _search_plugin(config)
    if search is None or not (path in _entries or path.startswith("riwayat/")):
        return context
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    entry = _entries.get(path)
    if entry is not None:
        search.search_index.entries.append(entry.as_dict())
    return context
