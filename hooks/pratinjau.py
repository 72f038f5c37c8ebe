"""MkDocs hook for `mkdocs serve`: a page whose inputs did not change since the last build is
neither converted from Markdown nor rendered through the theme again.

A staff member previewing an edit changes one value, and `mkdocs serve` builds the whole site
again: hundreds of pages, of which a handful show that value. MkDocs' own ``--dirty`` does not
help (every generated page counts as modified, and its warning aborts a ``--strict`` build). So
while serving (never in ``mkdocs build``, CI or a publication), each page keeps from the last
successful build:

- its converted content (HTML, table of contents, title from the first heading, anchors and the
  anchors it links to), keyed by its final Markdown (with the macros' HTML), its front matter,
  its address, the site's file list and the Markdown settings. Narrative chapters keep nothing
  here: their macros are filled after Markdown, from the data (hooks/iku.py);
- its finished HTML, keyed by its content and by everything the theme prints around it: the
  whole navigation (titles and addresses), the site's settings, the build date and the
  project's custom templates. ``404.html`` and ``sitemap.xml`` likewise.

Every MkDocs event still runs for every page, so the search index, the sitemap and the link
checks see each page as a full build does. ``tests/test_pratinjau.py`` compares a rebuild after
an edit with a fresh ``mkdocs build`` of the edited data, byte for byte.
"""

from __future__ import annotations

import gc
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date
from watchdog.observers.polling import PollingObserver

from iku_macros.web import sisip
from iku_macros.web.plan import narrative_document
from iku_macros.web.pratinjau import CachePratinjau, sidik

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.toc import AnchorLink

SALINAN = "iku-pratinjau-salinan.html"
"""The template a reused page is "rendered" with: ``on_post_page`` puts the stored HTML back."""
TEMPLAT_SITUS = ("404.html", "sitemap.xml")
"""The theme's site-wide templates, reused like pages."""
POLL_SECONDS = 0.1
"""How often ``mkdocs serve`` looks for a changed data file (a folder of a thousand
indicators takes a few milliseconds to look at)."""


@dataclass(frozen=True)
class Isi:
    """What MkDocs' Markdown conversion leaves on a page."""

    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str] | None
    links: dict[str, dict[str, str]] | None
    """Anchors linked to, by target page (``src_uri``: the files are new each build)."""


class _Bytecode(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory: MkDocs makes a new template environment each
    build, and compiling Material's templates again costs more than rendering a few pages.
    Jinja checks each entry against the template's source before using it."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_serving = [False]
_frozen = [False]
_started = [False]
"""This build got as far as starting the caches (a failure before keeps the last good ones)."""
_isi: CachePratinjau[Isi] = CachePratinjau()
_keluaran: CachePratinjau[str] = CachePratinjau()
_bytecode = _Bytecode()
_build: dict[str, Any] = {}
"""This build's keys of the whole site (``berkas``, ``situs``), its nav and theme environment."""
_isi_dipakai: dict[str, Isi] = {}
_isi_kunci: dict[str, str] = {}
_keluaran_dipakai: dict[str, str] = {}
_keluaran_kunci: dict[str, str] = {}


def on_startup(command: str, dirty: bool) -> None:
    _serving[0] = command == "serve"


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Look at the data folder every :data:`POLL_SECONDS`, not every half second.

    MkDocs polls what it watches (docs/ and mkdocs.yml are scheduled before this event); the
    data folder is scheduled after it, from ``config.watch`` (hooks/iku.py), with the
    observer's interval at that moment. Watchdog sets the interval only when an observer is
    made, so the attribute is changed here; another observer is left as it is."""
    observer = server.observer
    if isinstance(observer, PollingObserver) and isinstance(
        getattr(observer, "_timeout", None), float
    ):
        observer._timeout = POLL_SECONDS
    return server


@event_priority(100)  # first of all: a plugin's on_config may already stop the build
def on_config(config: MkDocsConfig) -> None:
    _started[0] = False


def on_post_build(config: MkDocsConfig) -> None:
    if _serving[0] and not _frozen[0]:
        # What the first build leaves alive (modules, the theme, the data) lives as long as the
        # server: Python's collector need not walk it again after every edit (about a tenth
        # of a second a build at 250 indicators).
        gc.freeze()
        _frozen[0] = True


def on_build_error(error: Exception) -> None:
    if _started[0]:
        _isi.batal()
        _keluaran.batal()


@event_priority(-100)  # the files and nav are final
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    if not _serving[0]:
        return
    _started[0] = True
    for cache in (_isi, _keluaran):
        cache.mulai()
    for pending in (_isi_dipakai, _isi_kunci, _keluaran_dipakai, _keluaran_kunci):
        pending.clear()
    _build.clear()
    listed = sorted((f.src_uri, f.url, f.inclusion.name) for f in files)
    settings = [config.markdown_extensions, config.mdx_configs, config.use_directory_urls]
    _build["berkas"] = sidik(_json(listed), _json(settings), repr(config.validation))
    _build["nav"] = nav


@event_priority(-100)  # after every other handler: the Markdown MkDocs is about to convert
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not _serving[0] or narrative_document(page.file.src_uri) is not None:
        return markdown
    key = sidik(
        _build["berkas"], page.file.src_uri, page.url, _json(page.meta), sisip.lihat(markdown)
    )
    found = _isi.ambil(key)
    if found is None:
        _isi_kunci[page.file.src_uri] = key
        return markdown
    _isi_dipakai[page.file.src_uri] = found
    return ""  # converted in no time; on_page_content puts the stored content back


@event_priority(-100)  # after hooks/iku.py has put the macros' HTML back
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    found = _isi_dipakai.pop(src, None)
    if found is not None:
        page.toc = found.toc
        page._title_from_render = found.title  # set by Page.render, which converted ""
        page.present_anchor_ids = set(found.anchors) if found.anchors is not None else None
        page.links_to_anchors = (
            None
            if found.links is None
            else {files.src_uris[target]: dict(links) for target, links in found.links.items()}
        )
        return found.content
    key = _isi_kunci.pop(src, None)
    if key is not None:
        links = page.links_to_anchors
        _isi.simpan(
            key,
            Isi(
                html,
                page.toc,
                page._title_from_render,
                None if page.present_anchor_ids is None else frozenset(page.present_anchor_ids),
                None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
            ),
        )
    return html


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    if not _serving[0]:
        return env
    env.bytecode_cache = _bytecode
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({SALINAN: "salinan"}), env.loader])
    _build["env"] = env
    _build["situs"] = site = sidik(
        _build["berkas"],
        _json(_nav(_build["nav"].items)),
        _json(_settings(config)),
        get_build_date(),
        _json(_templates(config)),
    )
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        key = sidik(site, page.content or "", _json(_page(page)))
        found = _keluaran.ambil(key)
        if found is None:
            _keluaran_kunci[file.src_uri] = key
        else:
            page.meta["template"] = SALINAN
            _keluaran_dipakai[file.src_uri] = found
    return env


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    found = _keluaran_dipakai.pop(page.file.src_uri, None)
    if found is not None:
        return found
    key = _keluaran_kunci.pop(page.file.src_uri, None)
    if key is not None:
        _keluaran.simpan(key, output)
    return output


def on_pre_template(
    template: jinja2.Template, template_name: str, config: MkDocsConfig
) -> jinja2.Template:
    if not _serving[0] or template_name not in TEMPLAT_SITUS:
        return template
    key = sidik(_build["situs"], template_name)
    found = _keluaran.ambil(key)
    if found is None:
        _keluaran_kunci[f"/{template_name}"] = key
        return template
    _keluaran_dipakai[f"/{template_name}"] = found
    return _build["env"].get_template(SALINAN)


@event_priority(-100)
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    found = _keluaran_dipakai.pop(f"/{template_name}", None)
    if found is not None:
        return found
    key = _keluaran_kunci.pop(f"/{template_name}", None)
    if key is not None:
        _keluaran.simpan(key, output)
    return output


# --- what the theme prints around a page ---------------------------------------------------


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=repr, ensure_ascii=False)


def _nav(items: list[Any]) -> list[object]:
    """Every nav entry, in order (so each page's previous and next, too)."""
    found: list[object] = []
    for item in items:
        if isinstance(item, Section):
            found.append(["S", item.title, _nav(item.children)])
        elif isinstance(item, Page):
            found.append(["P", item.title, item.url])
        elif isinstance(item, Link):
            found.append(["L", item.title, item.url])
        else:
            found.append(["?", repr(item)])
    return found


def _page(page: Page) -> list[object]:
    return [
        page.file.src_uri,
        page.url,
        page.title,
        page.edit_url,
        page.canonical_url,
        page.abs_url,
        page.is_homepage,
        page.file.inclusion.name,
        page.meta,
        _toc(page.toc.items if page.toc else []),
    ]


def _toc(items: list[AnchorLink]) -> list[object]:
    return [[item.title, item.id, item.level, _toc(item.children)] for item in items]


def _settings(config: MkDocsConfig) -> dict[str, object]:
    """The configuration the templates can read (the plugins by their own settings; where
    the site is written is not part of any page)."""
    found: dict[str, object] = {
        key: value for key, value in config.items() if key not in ("plugins", "hooks", "site_dir")
    }
    found["theme"] = [config.theme.name, config.theme.dirs, dict(config.theme)]
    found["plugins"] = {
        name: dict(getattr(plugin, "config", None) or {}) for name, plugin in config.plugins.items()
    }
    return found


def _templates(config: MkDocsConfig) -> list[object]:
    """The project's own templates, by size and time: editing one renders every page again."""
    folder = config.theme.custom_dir
    if folder is None:
        return []
    root = Path(folder)
    return sorted(
        (p.relative_to(root).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file()
    )
