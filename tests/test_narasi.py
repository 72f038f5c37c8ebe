"""Narrative chapters are data: a strict macro grammar, sanitised HTML, nothing ever evaluated.

Unit tests of :mod:`iku_macros.data.narasi` (grammar, allow-list, sanitiser,
``check_narasi``), of the hook's pieces that turn a chapter into a page, and of the theme
overrides that print addresses; plus one real build proving that a payload which creates a
file when Jinja evaluates it creates nothing here. The hostile corpus
(``tests/hostile/cases_narasi.py``) runs ``check`` and the build on many more kinds of bad
chapters.
"""

from __future__ import annotations

import importlib.util
import inspect
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import jinja2
import pytest
import yaml
from bs4 import BeautifulSoup

from iku_macros.data import narasi
from iku_macros.data.errors import DataError
from iku_macros.web.render import dokumen

from .conftest import DEMO, ROOT, UNIT_LAIN
from .site_build import build_site

CHAPTER_SOURCES = sorted(DEMO.glob("dokumen/*/narasi/*.md")) + sorted(
    (UNIT_LAIN / "narasi").glob("*.md")
)
"""The engine's own chapters (those of the demo's documents and of the second fixture unit);
``check`` reads the chapters of data/ with the rest of that folder (test_data_unit.py)."""
FULL_DEMO = DEMO / "dokumen" / "2020-2024-perubahan"
"""The demo's document with every chapter."""


def errors_of(text: str) -> list[DataError]:
    return narasi.check_text(text, "narasi/bab-1.md")


def only_error(text: str) -> DataError:
    errors = errors_of(text)
    assert len(errors) == 1, "\n".join(str(e) for e in errors)
    return errors[0]


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("iku_hook_for_tests", ROOT / "hooks" / "iku.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the allow-list of macros ---------------------------------------------------------------------


def test_allowed_macros_are_the_document_macros_with_their_real_parameters() -> None:
    laporan = SimpleNamespace(dataset=SimpleNamespace(profil=None))
    functions = dokumen.macros(laporan, None)  # type: ignore[arg-type]
    assert set(narasi.MACROS) <= set(functions)
    for name, spec in narasi.MACROS.items():
        parameters = inspect.signature(functions[name]).parameters
        assert [p.name for p in spec.params] == list(parameters), name
        for param in spec.params:
            default = parameters[param.name].default
            assert default is None or isinstance(default, param.kind), (name, param.name)


def test_every_macro_the_chapters_use_is_allowed() -> None:
    used = set()
    for path in CHAPTER_SOURCES:
        prepared, errors = narasi.prepare(path.read_text(encoding="utf-8"), str(path))
        assert errors == []
        used |= {call.name for call in prepared.calls.values()}
    assert "tupoksi" in used and "jumlah_desa" in used
    assert used <= set(narasi.MACROS)


def mkdocs_yml() -> dict[str, Any]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def test_markdown_extensions_are_those_of_mkdocs_yml() -> None:
    extensions = mkdocs_yml()["markdown_extensions"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    assert tuple(names) == narasi.MARKDOWN_EXTENSIONS


def test_macros_plugin_renders_only_pages_that_opt_in() -> None:
    assert mkdocs_yml()["plugins"][1]["macros"]["render_by_default"] is False
    opted_in = {
        p.relative_to(ROOT / "docs").as_posix()
        for p in (ROOT / "docs").rglob("*.md")
        if p.read_text(encoding="utf-8").startswith("---\n")
        and "render_macros: true" in p.read_text(encoding="utf-8").split("\n---\n")[0]
    }
    with_macros = {
        p.relative_to(ROOT / "docs").as_posix()
        for p in (ROOT / "docs").rglob("*.md")
        if "{{" in p.read_text(encoding="utf-8")
    }
    assert with_macros == opted_in
    # dokumen/ is made from the data folder: a page there would be refused (see below)
    assert not (ROOT / "docs" / "dokumen").exists()


# --- the grammar ----------------------------------------------------------------------------------


def test_existing_chapters_are_accepted() -> None:
    for path in CHAPTER_SOURCES:
        assert narasi.check_text(path.read_text(encoding="utf-8"), str(path)) == [], path


@pytest.mark.parametrize(
    ("source", "bound"),
    [
        ("{{ tabel_iku() }}", {}),
        ("{{tupoksi(tingkat=3)}}", {"tingkat": 3}),
        ("{{ tupoksi(5) }}", {"tingkat": 5}),
        ('{{ daftar_desa("Kelurahan") }}', {"awalan": "Kelurahan"}),
        ("{{ daftar_desa(awalan='Desa }} ini') }}", {"awalan": "Desa }} ini"}),
        ('{{ tabel_identitas_iku(judul="Identitas") }}', {"judul": "Identitas"}),
    ],
)
def test_allowed_calls_become_placeholders(source: str, bound: dict[str, object]) -> None:
    prepared, errors = narasi.prepare(f"Teks\n\n{source}\n", "narasi/bab-1.md", token="t")
    assert errors == []
    ((placeholder, call),) = prepared.calls.items()
    assert call.args == bound
    assert prepared.markdown == f"Teks\n\n{placeholder}\n"
    assert "{{" not in prepared.markdown


@pytest.mark.parametrize(
    ("source", "pesan", "kolom"),
    [
        ("{{ config }}", "ekspresi templat tidak diizinkan", 6),
        ("{{ self.__init__.__globals__ }}", "ekspresi templat tidak diizinkan", 6),
        ("{{ tabel_iku() | safe }}", "ekspresi templat tidak diizinkan", 6),
        ("{{ iku.dataset }}", "ekspresi templat tidak diizinkan", 6),
        ("{% set x = 1 %}", "perintah templat `{% ... %}`", 6),
        ("{# catatan #}", "komentar templat", 6),
        ("{{ lipsum() }}", "makro `lipsum` tidak tersedia", 6),
        ("{{ range(9) }}", "makro `range` tidak tersedia", 6),
        ("{{ tupoksi(tingkat=config) }}", "bukan nilai tetap", 6),
        ("{{ tupoksi(tingkat=2+2) }}", "bukan nilai tetap", 6),
        ("{{ tupoksi(tingkat=9) }}", "antara 1 dan 6", 6),
        ("{{ tupoksi(tingkat='4') }}", "harus bilangan bulat", 6),
        ("{{ daftar_desa(4) }}", "harus teks dalam tanda kutip", 6),
        ("{{ daftar_desa(warna='x') }}", "argumen `warna` tidak dikenal", 6),
        ("{{ daftar_desa('a', 'b') }}", "paling banyak 1 argumen", 6),
        ("{{ daftar_desa('a', awalan='b') }}", "diberikan dua kali", 6),
        ("{{ daftar_desa(awalan='a', 'b') }}", "tanpa nama setelah argumen bernama", 6),
        ("{{ tabel_iku(,) }}", "bukan nilai tetap", 6),
        ("{{ tabel_iku()", "tanpa penutup", 6),
    ],
)
def test_other_template_syntax_is_an_error_at_its_position(
    source: str, pesan: str, kolom: int
) -> None:
    error = only_error(f"# Judul\n\nTeks {source}\n")
    assert pesan in error.pesan
    assert (error.baris, error.kolom) == (3, kolom)
    assert error.diharapkan and "{{ " in error.diharapkan  # an example of what is allowed


def test_every_problem_is_reported_not_only_the_first() -> None:
    text = "# A\n\n{{ config }}\n\n{% if 1 %}\n\n<script>x</script>\n\n{{ nope() }}\n"
    errors = errors_of(text)
    assert [(e.baris, e.kolom) for e in errors] == [(3, 1), (5, 1), (9, 1), (7, 1)]


def test_front_matter_cannot_turn_rendering_back_on() -> None:
    error = only_error("---\nrender_macros: true\n---\n\n# BAB I\n")
    assert "front matter" in error.pesan and (error.baris, error.kolom) == (1, 1)
    assert "render_macros" in (error.ditemukan or "")


def test_control_and_invisible_characters_are_named() -> None:
    errors = errors_of("# A\n\nteks\x02wzxhzdk:0\x03 dan \u202egnp.exe\n")
    assert [(e.baris, e.kolom) for e in errors] == [(3, 5), (3, 15), (3, 21)]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in errors[2].pesan


def test_misplaced_macros() -> None:
    heading = only_error("# Ada {{ jumlah_desa() }} desa\n")
    assert "judul bagian" in heading.pesan
    sentence = only_error("Tabel {{ tabel_iku() }} ini.\n")
    assert "harus berdiri sendiri" in sentence.pesan and sentence.kolom == 7
    attribute = only_error('<a href="{{ jumlah_desa() }}" title="x">x</a>\n')
    assert "tidak menampilkan hasilnya" in attribute.pesan
    code = only_error("`{{ jumlah_desa() }}`\n")
    assert "kode" in code.pesan
    assert errors_of("Terbagi menjadi {{ jumlah_desa() }} desa.\n") == []


def test_too_many_calls() -> None:
    text = "\n\n".join(["{{ tabel_iku() }}"] * (narasi.MAX_CALLS + 1)) + "\n"
    errors = errors_of(text)
    assert len(errors) == 1 and "terlalu banyak" in errors[0].pesan


# --- HTML: what check reports and what the sanitiser removes --------------------------------------

HOSTILE_HTML = [
    ("<script>alert(1)</script>", "<script>", 1),
    ("<SCRIPT SRC=//evil/x.js></SCRIPT>", "<script>", 1),
    ('<img src="a.png" onerror="alert(1)">', "onerror", 18),
    ('<b onmouseover="alert(1)">x</b>', "onmouseover", 4),
    ('<a href="javascript:alert(1)">x</a>', "javascript:", 10),
    ('<a href=" JaVa\tScRiPt:alert(1)">x</a>', "javascript:", 4),
    ('<a href="&#106;avascript:alert(1)">x</a>', "javascript:", 4),
    ("[x](javascript:alert(1))", "javascript:", 5),
    ("[r]: vbscript:msgbox(1)\n\n[x][r]", "vbscript:", 6),
    ("![x](data:image/svg+xml;base64,PHN2Zz4=)", "data:", 6),
    ('<img src="https://pelacak.example/p.gif">', "server lain", 11),
    ('<iframe src="https://example.org"></iframe>', "<iframe>", 1),
    ('<form action="https://example.org"><input name="nik"></form>', "<form>", 1),
    ("<svg onload=alert(1)>", "<svg>", 1),
    ('<object data="x.swf"></object>', "<object>", 1),
    ("<style>body{display:none}</style>", "<style>", 1),
    ('<div style="position:fixed;inset:0">x</div>', "style", 6),
    ('## Judul {: onclick="alert(1)" }', "onclick", 13),
    ('## Judul {: #a"b }', "id", 14),
    ('## Judul {: #x"onfocus="alert(1)"autofocus }', "_x_onfocus", 10),
    ("<javascript:alert(1)>", "<javascript:alert(1)>", 1),
]


@pytest.mark.parametrize(("source", "named", "kolom"), HOSTILE_HTML)
def test_unsafe_html_is_reported_and_removed(source: str, named: str, kolom: int) -> None:
    errors = errors_of(f"# Judul\n\nTeks.\n\n{source}\n")
    assert errors, source
    assert named.lower() in (errors[0].pesan + (errors[0].ditemukan or "")).lower()
    assert (errors[0].baris, errors[0].kolom) == (5, kolom)
    assert "akan dibuang" in errors[0].pesan or "tidak diizinkan" in errors[0].pesan

    cleaned = narasi.sanitize(narasi.render_markdown(source))
    soup = BeautifulSoup(cleaned, "html.parser")
    assert not soup.find(["script", "style", "iframe", "object", "form", "input", "svg"])
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.startswith("on"), cleaned
            text = " ".join(value) if isinstance(value, list) else value
            assert narasi.url_scheme(text) in (None, "http", "https", "mailto"), cleaned
            assert name != "style" or "text-align" in text, cleaned
        assert tag.get("id") is None or '"' not in tag["id"], cleaned
    assert not [i for i in soup.find_all("img") if "//" in i.get("src", "")], cleaned


def normalised(fragment: str) -> str:
    return BeautifulSoup(fragment, "html.parser").decode(formatter="html5")


@pytest.mark.parametrize("path", CHAPTER_SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_sanitiser_keeps_every_existing_chapter_intact(path: Path) -> None:
    prepared, _ = narasi.prepare(path.read_text(encoding="utf-8"), str(path))
    rendered = narasi.render_markdown(prepared.markdown)
    assert normalised(narasi.sanitize(rendered)) == normalised(rendered)


def test_sanitiser_keeps_ordinary_markdown() -> None:
    source = (
        "# BAB I {: #bab-satu .judul }\n\n**tebal** *miring* [tautan](https://example.org/a?b=1) "
        "[surel](mailto:camat@example.go.id) [bab](bab-2.md#a) ![denah](denah.png)\n\n"
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n1. satu\n2. dua\n"
    )
    assert errors_of(source) == []
    rendered = narasi.render_markdown(source)
    assert normalised(narasi.sanitize(rendered)) == normalised(rendered)


# --- expansion ------------------------------------------------------------------------------------


def test_expand_places_blocks_and_escapes_inline_text() -> None:
    text = "Ada {{ jumlah_desa() }} desa.\n\n{{ tabel_iku() }}\n\n{{ tupoksi(tingkat=3) }}\n"
    prepared, errors = narasi.prepare(text, "narasi/bab-3.md")
    assert errors == []
    seen: list[tuple[str, dict[str, object]]] = []

    def fake(name: str, result: str) -> Callable[..., str]:
        def function(**kwargs: object) -> str:
            seen.append((name, kwargs))
            return result

        return function

    functions = {
        "jumlah_desa": fake("jumlah_desa", "<b>18</b>"),
        "tabel_iku": fake("tabel_iku", '<table class="iku"><tr><td>x</td></tr></table>'),
        "tupoksi": fake("tupoksi", "<h3>Camat</h3>"),
    }
    html = narasi.expand(
        narasi.sanitize(narasi.render_markdown(prepared.markdown)), prepared, functions
    )
    assert html == (
        "<p>Ada &lt;b&gt;18&lt;/b&gt; desa.</p>\n"
        '<table class="iku"><tr><td>x</td></tr></table>\n'
        "<h3>Camat</h3>"
    )
    assert seen == [("jumlah_desa", {}), ("tabel_iku", {}), ("tupoksi", {"tingkat": 3})]


def test_expand_refuses_a_block_macro_inside_a_sentence() -> None:
    prepared, _ = narasi.prepare("Lihat {{ tabel_iku() }}.\n", "narasi/bab-4.md")
    html = narasi.sanitize(narasi.render_markdown(prepared.markdown))
    with pytest.raises(ValueError, match="tidak sah"):
        narasi.expand(html, prepared, {"tabel_iku": lambda: "<table></table>"})


def test_a_placeholder_cannot_be_guessed_from_data() -> None:
    first, _ = narasi.prepare("{{ tabel_iku() }}\n", "a")
    second, _ = narasi.prepare("{{ tabel_iku() }}\n", "a")
    assert first.token != second.token


# --- the payload never runs -----------------------------------------------------------------------


def ssti_payload(target: Path) -> str:
    """Creates ``target`` when a Jinja template engine evaluates it."""
    return f'{{{{ self.__init__.__globals__.__builtins__.open("{target}", "w").close() }}}}'


def test_the_payload_is_live_under_jinja_but_never_evaluated_here(tmp_path: Path) -> None:
    jinja_target = tmp_path / "jinja-ran"
    jinja2.Environment().from_string(ssti_payload(jinja_target)).render()
    assert jinja_target.exists(), "the payload does not work: the test would prove nothing"

    target = tmp_path / "narasi-ran"
    text = f"# BAB V\n\n{ssti_payload(target)}\n\n{{{{ config }}}}\n"
    errors = narasi.check_text(text, "narasi/bab-5.md")
    assert [(e.baris, e.kolom) for e in errors] == [(3, 1), (5, 1)]
    prepared, _ = narasi.prepare(text, "narasi/bab-5.md")
    narasi.expand(narasi.sanitize(narasi.render_markdown(prepared.markdown)), prepared, {})
    assert not target.exists()


def test_build_refuses_the_payload_and_runs_nothing(
    copy_data: Callable[[Path], Path], tmp_path: Path
) -> None:
    data = copy_data(DEMO)
    target = tmp_path / "build-ran"
    chapter = data / "dokumen" / "2020-2024-perubahan" / "narasi" / "bab-5.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + f"\n{ssti_payload(target)}\n", encoding="utf-8"
    )
    with pytest.raises(AssertionError) as refused:
        build_site(data, tmp_path / "site")
    assert "narasi/bab-5.md:" in str(refused.value)
    assert "ekspresi templat tidak diizinkan" in str(refused.value)
    assert not target.exists()
    assert not (tmp_path / "site").exists()


# --- check_narasi ---------------------------------------------------------------------------------


def test_check_narasi_reports_every_file_together(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(FULL_DEMO / "narasi", root / "narasi")
    shutil.copy(DEMO / "wilayah.yaml", root / "wilayah.yaml")  # bab-3 lists the desa
    (root / "narasi" / "bab-6.md").write_text("# BAB VI\n", encoding="utf-8")
    (root / "narasi" / "bab-2.md").write_bytes("# BAB II\n\nCaf\u00e9\n".encode("latin-1"))
    (root / "narasi" / "bab-5.md").write_text("# BAB V\n\n{{ config }}\n", encoding="utf-8")
    (root / "narasi" / "bab-4.md").write_bytes(b"#" * (narasi.MAX_BYTES + 1))
    errors = {Path(e.berkas).name: e for e in narasi.check_narasi(root)}
    assert set(errors) == {"bab-2.md", "bab-4.md", "bab-5.md", "bab-6.md"}
    assert "UTF-8" in errors["bab-2.md"].pesan and errors["bab-2.md"].baris == 3
    assert "terlalu besar" in errors["bab-4.md"].pesan
    assert (errors["bab-5.md"].baris, errors["bab-5.md"].kolom) == (3, 1)
    assert "kata-pengantar.md" in (errors["bab-6.md"].diharapkan or "")


def test_wilayah_macros_need_wilayah_yaml(tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / "narasi").mkdir(parents=True)
    text = "# BAB III\n\nTerbagi menjadi {{ jumlah_desa() }} desa:\n\n{{ daftar_desa() }}\n"
    (root / "narasi" / "bab-3.md").write_text(text, encoding="utf-8")
    errors = narasi.check_narasi(root)
    assert [(e.baris, e.kolom) for e in errors] == [(3, 17), (5, 1)]
    assert all("wilayah.yaml tidak ada" in e.pesan for e in errors)
    (root / "wilayah.yaml").write_text("gambaran_umum: x\n", encoding="utf-8")
    assert narasi.check_narasi(root) == []


def test_check_narasi_without_chapters(tmp_path: Path) -> None:
    assert narasi.check_narasi(tmp_path) == []
    (tmp_path / "narasi").mkdir()
    assert narasi.check_narasi(tmp_path) == []


def test_check_narasi_never_follows_a_symlink(tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.md"
    secret.write_text("# RAHASIA {{ config }}\n", encoding="utf-8")
    root = tmp_path / "data"
    (root / "narasi").mkdir(parents=True)
    (root / "narasi" / "bab-1.md").symlink_to(secret)
    assert narasi.check_narasi(root) == []  # the layout check refuses the link itself
    assert list(narasi.iter_chapters(root)) == []


# --- the hook and the theme -----------------------------------------------------------------------


def test_edit_links_are_percent_encoded() -> None:
    hook = load_hook()
    uri = hook.edit_uri('../data/indikator/nilai_sakip"><img src=x onerror=alert(1)>.yaml')
    assert (
        uri
        == "../data/indikator/nilai_sakip%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.yaml"
    )


def test_a_chapter_left_in_docs_stops_the_build_saying_where_it_belongs(tmp_path: Path) -> None:
    """Chapters belong to the data folder: one in docs/dokumen/ (a fork from before the move)
    is refused, not silently used or ignored."""
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File, Files

    hook = load_hook()
    docs = tmp_path / "docs"
    (docs / "dokumen").mkdir(parents=True)
    (docs / "dokumen" / "bab-1.md").write_text("# BAB I\n", encoding="utf-8")
    files = Files([File("dokumen/bab-1.md", str(docs), str(tmp_path / "site"), True)])
    with pytest.raises(PluginError) as refused:
        hook._refuse_leftovers(files, DEMO, "dokumen/2025-2029/narasi")
    message = str(refused.value)
    assert "docs/dokumen/bab-1.md" in message
    assert "bab naratif dokumen milik folder data" in message
    assert "pindahkan ke" in message and "dokumen/2025-2029/narasi/bab-1.md" in message


def test_hook_never_lets_mkdocs_macros_render_a_chapter() -> None:
    hook = load_hook()
    for src_uri in ("dokumen/2020-2024/bab-1.md", "dokumen/2020-2024/cetak.md"):
        page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), meta={"render_macros": True})
        markdown = hook.on_page_markdown("# BAB I\n\n{{ tabel_iku() }}\n", page, None, None)
        assert page.meta["render_macros"] is False
        assert "{{" not in markdown
        with pytest.raises(Exception, match="ekspresi templat tidak diizinkan"):
            hook.on_page_markdown("{{ config }}\n", page, None, None)
    # the engine's own pages of the section are macro pages, left to mkdocs-macros
    listing = SimpleNamespace(
        file=SimpleNamespace(src_uri="dokumen/index.md"), meta={"render_macros": True}
    )
    assert hook.on_page_markdown("{{ daftar_dokumen() }}\n", listing, None, None) == (
        "{{ daftar_dokumen() }}\n"
    )
    assert listing.meta["render_macros"] is True


def test_generated_pages_opt_in_with_a_quoted_title() -> None:
    hook = load_hook()
    head = hook.front_matter('a"\nrender_macros: false', macros=True)
    assert yaml.safe_load(head.strip().strip("-")) == {
        "title": 'a"\nrender_macros: false',
        "render_macros": True,
    }
    assert yaml.safe_load(hook.front_matter(None, macros=False).strip().strip("-")) == {
        "render_macros": False
    }


HOSTILE = '"><img src=x onerror=alert(1)>'


def test_theme_overrides_escape_addresses() -> None:
    from mkdocs.theme import Theme

    env = Theme(name="material", custom_dir=str(ROOT / "overrides"), language="id").get_env()
    lang = SimpleNamespace(t=lambda key: key)
    config = SimpleNamespace(
        theme=SimpleNamespace(icon=SimpleNamespace(edit=None, repo=None)),
        repo_url=f"https://example.org/{HOSTILE}",
        repo_name=HOSTILE,
    )
    page = SimpleNamespace(edit_url=f"https://example.org/edit/{HOSTILE}.yaml")
    rendered = env.get_template("partials/actions.html").render(
        page=page, features=["content.action.edit"], lang=lang, config=config
    ) + env.get_template("partials/source.html").render(config=config, lang=lang)
    soup = BeautifulSoup(rendered, "html.parser")
    assert soup.find("img") is None
    assert [a["href"] for a in soup.find_all("a")] == [page.edit_url, config.repo_url]


@pytest.mark.parametrize("variable", ["IKU_REPO_URL", "IKU_SITE_URL"])
def test_build_refuses_an_address_that_would_leave_its_attribute(
    variable: str, tmp_path: Path
) -> None:
    # Material prints the canonical link (from IKU_SITE_URL) without escaping it.
    with pytest.raises(AssertionError) as refused:
        build_site(DEMO, tmp_path / "site", extra_env={variable: f"https://example.org/{HOSTILE}"})
    assert f"{variable} tidak sah" in str(refused.value)
    assert "Traceback" not in str(refused.value)
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("source", "pesan", "position"),
    [
        ("a" * (narasi.MAX_BLOCK_CHARS + 1), "paragraf terlalu panjang", (3, 1)),
        ("x " + "[" * 5000, "terlalu banyak `[` dalam satu paragraf (5000", (3, 53)),
        ("**a " * 300, "terlalu banyak `*`", (3, 401)),
        ("".join(f"{'    ' * i}- x\n" for i in range(12)), "menjorok terlalu dalam", (14, 1)),
        ("<div markdown>\n\n" * 11, "atribut `markdown`", (23, 1)),
        ("<b>\n\n" * 101, "terlalu banyak tag HTML", (203, 1)),
    ],
)
def test_limits_keep_markdown_work_bounded(
    source: str, pesan: str, position: tuple[int, int]
) -> None:
    errors = [e for e in errors_of(f"# A\n\n{source}\n") if pesan in e.pesan]
    assert len(errors) == 1
    assert (errors[0].baris, errors[0].kolom) == position


def test_worst_case_within_the_limits_is_fast() -> None:
    # Just under every limit, on the construct Python-Markdown is slowest on (#798 upstream).
    block = "[" * 50 + "a" * (narasi.MAX_BLOCK_CHARS - 60)
    text = "\n\n".join([block] * (narasi.MAX_BYTES // (len(block) + 2)))
    started = time.process_time()
    assert errors_of(text) == []
    assert time.process_time() - started < 5
