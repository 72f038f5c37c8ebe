"""HTML fragments for pages, rendered with Jinja2 templates that escape every data value.

Data text is never pasted into Markdown: Markdown passes raw HTML through and would interpret
``*`` or ``_``; instead each fragment is a complete HTML block, autoescaped, so a name such as
``<script>`` or ``{{ 7*7 }}`` shows literally.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..compute.numbers import format_id
from ..report import Laporan

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"

SATUAN_LABEL = {"persen": "%", "indeks": "indeks", "nilai": "nilai"}


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
    )
    env.filters["angka"] = _angka
    env.globals["SATUAN_LABEL"] = SATUAN_LABEL
    return env


def render(template: str, **context: object) -> str:
    """Render one template; the result is a block of HTML safe to place in Markdown."""
    html = environment().get_template(template).render(**context)
    # Blank lines would end an HTML block in Markdown and let it parse the rest as text.
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_beranda(laporan: Laporan) -> str:
    return render("beranda.html", laporan=laporan, profil=laporan.dataset.profil)
