"""HTML fragments for pages, rendered with Jinja2 templates that escape every data value.

Data text is never pasted into Markdown: Markdown passes raw HTML through and would interpret
``*`` or ``_``; instead each fragment is a complete HTML block, autoescaped, so a name such as
``<script>`` or ``{{ 7*7 }}`` shows literally.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from iku_macros.compute.colour import text_colour_for
from iku_macros.compute.numbers import format_id, format_tanggal

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"

SATUAN_LABEL = {"persen": "%", "indeks": "indeks", "nilai": "nilai"}


def format_size(size: int) -> str:
    """Indonesian file size: bytes below 1 KB, else KB with one decimal comma."""
    if size < 1024:
        return f"{size} bita"
    return f"{size / 1024:.1f} KB".replace(".", ",")


def _angka(value: Fraction | None, places: int = 2) -> str:
    return format_id(value, places)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # The templates are the package's own files: no modification-time check at each use
        # (thousands per build); `mkdocs serve` reloads the package, not its templates.
        auto_reload=False,
    )
    env.filters["angka"] = _angka
    env.filters["warna_teks"] = text_colour_for
    env.filters["ukuran"] = format_size
    env.filters["tanggal"] = format_tanggal
    env.globals["SATUAN_LABEL"] = SATUAN_LABEL
    return env


def render(template: str, **context: object) -> str:
    """Render one template; the result is a block of HTML safe to place in Markdown."""
    html = environment().get_template(template).render(**context)
    # Blank lines would end an HTML block in Markdown and let it parse the rest as text.
    return "\n".join(line for line in html.splitlines() if line.strip())


@dataclass(frozen=True)
class Halaman:
    """The page a fragment is rendered on, so that links in it are relative to that page
    (the site then works under any path, e.g. a mike version folder)."""

    current_url: Callable[[], str]

    def link(self, target: str) -> str:
        """Relative URL from the current page to ``target`` (a site-root path such as
        ``indikator/ikm/`` or ``unduh/iku.json``)."""
        return relative_url(self.current_url(), target)


def relative_url(page_url: str, target: str) -> str:
    """``target`` relative to a page whose directory URL is ``page_url`` (MkDocs style)."""
    base = page_url if page_url.endswith("/") or page_url == "" else posixpath.dirname(page_url)
    base = base.strip("/")
    rel = posixpath.relpath(target.rstrip("/") or ".", base or ".")
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel
