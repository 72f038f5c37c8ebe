"""Macro HTML goes round Markdown as a placeholder and comes back whole (iku_macros.web.sisip)."""

from __future__ import annotations

import markdown
import pytest

from iku_macros.web.sisip import Sisipan

TABLE = '<div class="x"><table><tr><td>1 &lt; 2 *a* _b_</td></tr></table></div>'


def test_html_comes_back_exactly_after_markdown() -> None:
    store = Sisipan()
    table = store.bungkus(lambda: TABLE)
    span = store.bungkus(lambda: '<span class="y">**3**</span>')
    source = f"# Judul\n\n{table()}\n\nTeks dengan {span()} di tengah.\n"
    html = markdown.markdown(source, extensions=["md_in_html", "tables", "attr_list"])
    restored = store.pulihkan(html)
    # The block stays a block (no <p> round it) and nothing in it was read as Markdown.
    assert f"\n{TABLE}\n" in f"\n{restored}\n"
    assert '<p>Teks dengan <span class="y">**3**</span> di tengah.</p>' in restored
    assert "iku-sisip" not in restored


def test_what_is_not_html_is_returned_as_it_is() -> None:
    store = Sisipan()
    assert store.bungkus(lambda: "12")() == "12"
    assert store.bungkus(lambda: "- butir *Markdown*")() == "- butir *Markdown*"
    assert store.bungkus(lambda: 7)() == 7


def test_each_build_has_its_own_placeholders() -> None:
    """A placeholder of another build (or one written into a chapter) is not this build's."""
    first, second = Sisipan(), Sisipan()
    token = first.simpan("<b>x</b>")
    assert second.pulihkan(token) == token
    assert first.pulihkan(token) == "<b>x</b>"


def test_a_placeholder_markdown_changed_stops_the_build() -> None:
    store = Sisipan()
    token = store.simpan("<b>x</b>")
    html = markdown.markdown(f"Kode: `{token}`")
    with pytest.raises(ValueError, match="di dalam `kode`"):
        store.pulihkan(html)


def test_a_placeholder_used_twice_stops_the_build() -> None:
    store = Sisipan()
    token = store.simpan("<b>x</b>")
    with pytest.raises(ValueError, match="dua kali"):
        store.pulihkan(token + token)
