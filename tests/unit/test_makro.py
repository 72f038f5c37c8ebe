"""Generated pages' macro calls filled without a template engine (iku_macros.web.makro)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from iku_macros.web.makro import insert, results

CALLED: list[tuple[object, ...]] = []


def expand(
    markdown: str, functions: dict[str, Callable[..., Any]], keep: Callable[[str], str]
) -> str:
    """What the hook does with a generated page."""
    return insert(markdown, results(markdown, functions), keep)


def _tabel(tahun: int, jenis: str, program: str | None = None) -> str:
    CALLED.append((tahun, jenis, program))
    return f"<table><caption>{tahun} {jenis} {program}</caption></table>"


FUNCTIONS = {"tabel": _tabel, "jumlah": lambda: 3}


def _keep(html: str) -> str:
    return f"<!--kept:{len(html)}-->"


def test_calls_with_literal_arguments_are_made_and_html_is_kept_aside() -> None:
    CALLED.clear()
    markdown = (
        "## Judul\n\n{{ tabel(2025, 'iku') }}\n\n{{ tabel(2024, \"program\", program='p1') }}\n"
    )
    out = expand(markdown, FUNCTIONS, _keep)
    assert CALLED == [(2025, "iku", None), (2024, "program", "p1")]
    html_2025 = _tabel(2025, "iku", None)
    assert out == (
        f"## Judul\n\n<!--kept:{len(html_2025)}-->\n\n"
        f"<!--kept:{len(_tabel(2024, 'program', 'p1'))}-->\n"
    )


def test_a_result_that_is_not_html_is_written_as_text() -> None:
    assert expand("Ada {{ jumlah() }} IKU.", FUNCTIONS, _keep) == "Ada 3 IKU."


@pytest.mark.parametrize(
    "markdown",
    [
        "{{ tabel(__import__('os')) }}",  # a call is not a literal
        "{{ tabel(tahun) }}",  # a name is not a literal
        "{{ tabel(**{'tahun': 1}) }}",  # unpacking
        "{{ tabel(2025, 'iku' }}",  # unbalanced
    ],
)
def test_anything_but_literals_stops_the_build(markdown: str) -> None:
    with pytest.raises(ValueError, match=r"tidak sah|sintaks templat"):
        expand(markdown, FUNCTIONS, _keep)


def test_an_unknown_macro_or_other_template_syntax_stops_the_build() -> None:
    with pytest.raises(ValueError, match="makro tidak dikenal: hapus"):
        expand("{{ hapus() }}", FUNCTIONS, _keep)
    for markdown in ("{% if x %}a{% endif %}", "{{ 7*7 }}", "{# catatan #}"):
        with pytest.raises(ValueError, match="sintaks templat"):
            expand(markdown, FUNCTIONS, _keep)


def test_text_a_macro_returns_is_never_read_as_a_call() -> None:
    functions = {"nama": lambda: "{{ tabel(1, 'x') }}"}
    CALLED.clear()
    assert expand("{{ nama() }}", functions, _keep) == "{{ tabel(1, 'x') }}"
    assert CALLED == []
