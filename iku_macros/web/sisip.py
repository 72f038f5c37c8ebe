"""Generated HTML kept out of Markdown.

A macro's HTML (tables, charts) is finished: passing it through Markdown only costs time, since
Python-Markdown re-parses every raw HTML block (with ``md_in_html``, twice) to leave it as it
was. So a macro that returns HTML returns a short placeholder instead, an HTML comment Markdown
passes through untouched, and the finished page gets the HTML back (the hook's
``on_page_content``, before the search plugin reads the page).

The placeholder carries a random per-build nonce: text from the data is escaped HTML and
cannot write ``<!--``, and a chapter (Markdown from the data, not rendered as a template) cannot
guess the nonce. A placeholder left in a page (one Markdown escaped, e.g. inside a code span)
is an error, never a silent gap.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable
from typing import Any

PREFIX = "iku-sisip"


class Sisipan:
    """The HTML of one build's macros, by placeholder, until each page takes its own back."""

    def __init__(self) -> None:
        self._nonce = secrets.token_hex(8)
        self._html: dict[str, str] = {}
        self._count = 0
        self._pattern = re.compile(rf"<!--{PREFIX}-{self._nonce}-\d+-->")

    def simpan(self, html: str) -> str:
        """The placeholder for ``html``."""
        self._count += 1
        token = f"<!--{PREFIX}-{self._nonce}-{self._count}-->"
        self._html[token] = html
        return token

    def pulihkan(self, text: str) -> str:
        """``text`` with every placeholder replaced by its HTML (each is used once)."""
        text = self._fill(text, self._take)
        if self._nonce in text:
            raise ValueError(
                "keluaran makro terletak di tempat yang diubah Markdown (mis. di dalam `kode`); "
                "panggil makro itu di luar blok kode"
            )
        return text

    def lihat(self, text: str) -> str:
        """``text`` with every placeholder replaced by its HTML, each kept for
        :meth:`pulihkan`: what the page will hold, comparable from one build to the next
        (the placeholders themselves differ)."""
        return self._fill(text, lambda m: self._html.get(m.group(), "\0"))

    def _fill(self, text: str, html_of: Callable[[re.Match[str]], str]) -> str:
        """``text`` with its placeholders replaced until none is left (an HTML may hold some)."""
        while self._pattern.search(text):
            text = self._pattern.sub(html_of, text)
        return text

    def _take(self, match: re.Match[str]) -> str:
        html = self._html.pop(match.group(), None)
        if html is None:  # a page that repeats a macro's output (a heading in the toc, say)
            raise ValueError("keluaran makro yang sama muncul dua kali di halaman")
        return html

    def bungkus(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function`` returning a placeholder when its result is HTML (starts with ``<``);
        any other result (a number, a word, Markdown) is returned as it is."""

        @functools.wraps(function)
        def macro(*args: Any, **kwargs: Any) -> Any:
            result = function(*args, **kwargs)
            if isinstance(result, str) and result.lstrip().startswith("<"):
                return self.simpan(result)
            return result

        return macro


_aktif: Sisipan | None = None


def mulai() -> Sisipan:
    """A new store for a new build (``mkdocs serve`` builds again on each edit)."""
    global _aktif
    _aktif = Sisipan()
    return _aktif


def pulihkan(text: str) -> str:
    """``text`` with this build's placeholders replaced; unchanged before any build started."""
    return text if _aktif is None else _aktif.pulihkan(text)


def lihat(text: str) -> str:
    """``text`` with this build's placeholders shown (and kept); unchanged before any build."""
    return text if _aktif is None else _aktif.lihat(text)


def aktif() -> Sisipan:
    """This build's store (the hook fills generated pages with it)."""
    if _aktif is None:
        raise RuntimeError("belum ada build yang dimulai (sisip.mulai)")
    return _aktif
