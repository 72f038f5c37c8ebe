"""MkDocs hook: the glue between the data and MkDocs.

It validates the data before anything renders (bad data stops the build with every error),
names the site from the data, adds the generated pages and downloads, swaps in a dataset's own
narrative chapters, and builds the navigation. Everything it calls is plain Python in
``iku_macros``; only this file and ``iku_macros/macros.py`` know about MkDocs.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from iku_macros.gitdata import read_asal
from iku_macros.macros import commit_url, data_dir, laporan_for
from iku_macros.site_data import load_downloads
from iku_macros.site_plan import (
    CHAPTERS,
    PRINT_PAGE,
    generated_pages,
    indicator_path,
    indicators_in_nav,
    json_front_matter,
    navigation,
    printable_document,
)


def escape_text(text: str) -> str:
    """Escape data text for MkDocs/Material templates, which print titles unescaped; braces
    are escaped too so no template engine ever sees ``{{`` from data."""
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
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


def _provenance(config: MkDocsConfig) -> None:
    """Footer facts: data commit and its date; the commit date is also the build date, so
    two builds of one commit are byte-identical (MkDocs reads SOURCE_DATE_EPOCH)."""
    asal = read_asal(data_dir(config))
    if asal.tanggal is not None and "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = str(int(asal.tanggal.timestamp()))
    config.extra["iku_asal"] = {
        "commit": asal.pendek,
        "url": commit_url(config, asal.commit) if asal.commit else None,
        "tanggal": asal.tanggal.strftime("%Y-%m-%d") if asal.tanggal else None,
        "data_berubah": asal.data_berubah,
    }
    # Set by `python -m iku_macros terbitkan`: the version selector only exists on mike builds.
    versi = os.environ.get("IKU_VERSI")
    if versi:
        config.extra["version"] = {"provider": "mike", "default": "terbaru"}
        config.extra["iku_versi"] = versi
        config.extra["iku_direvisi"] = os.environ.get("IKU_DIREVISI") or None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    laporan = laporan_for(config)
    data_root = data_dir(config)
    repo_root = Path(config.config_file_path).resolve().parent

    # A dataset may carry its own narrative chapters (the demo does): they replace docs/dokumen.
    narasi = data_root / "narasi"
    if narasi.is_dir():
        for source in sorted(narasi.glob("*.md")):
            src_uri = f"dokumen/{source.name}"
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            file = File.generated(config, src_uri, content=source.read_text(encoding="utf-8"))
            file.edit_uri = _edit_path(source, repo_root)
            files.append(file)

    chapters = [files.get_file_from_path(path) for path in CHAPTERS]
    if all(chapters):
        files.append(
            File.generated(
                config,
                PRINT_PAGE,
                content=printable_document([f.content_string for f in chapters if f]),
            )
        )

    in_nav = {indicator_path(ident) for ident in indicators_in_nav(laporan)}
    for page in generated_pages(laporan):
        content = json_front_matter(escape_text(page.title)) + page.body
        inclusion = (
            InclusionLevel.NOT_IN_NAV
            if page.path.startswith("indikator/") and page.path not in in_nav
            else InclusionLevel.UNDEFINED
        )
        file = File.generated(config, page.path, content=content, inclusion=inclusion)
        file.edit_uri = f"../{page.sumber}" if page.sumber else None
        files.append(file)
    for path, content in load_downloads(data_root).items():
        files.append(File.generated(config, path, content=content))
    # The nav lists generated pages, so it is built here, after the files are known.
    config.nav = _escape_titles(
        navigation(laporan, {f.src_uri for f in files.documentation_pages()})
    )
    return files


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
    """Edit link target relative to docs/ (edit_uri points into docs/)."""
    try:
        return "../" + path.resolve().relative_to(repo_root).as_posix()
    except ValueError:
        return None
