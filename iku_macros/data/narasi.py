"""Narrative chapters of a data folder (``narasi/*.md``): data, never templates.

A chapter arrives by pull request, so it is never handed to Jinja. It is read with a strict
grammar: the only template syntax is a call of one of the document macros in :data:`MACROS` with
literal arguments (``{{ tabel_iku() }}``, ``{{ tupoksi(tingkat=4) }}``). Each call becomes a
placeholder that survives Markdown; after Markdown the chapter's HTML is sanitised to an allow-list
(nh3) and only then are the placeholders replaced by the macros' HTML, which the engine renders from
autoescaping templates. ``check`` reports everything the sanitiser would remove, with
file:line:column, so an official text is never changed silently: the build stops instead.

No MkDocs import: ``hooks/iku.py`` calls these functions.
"""

from __future__ import annotations

import html
import re
import secrets
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import markdown
import nh3

from iku_macros.data.errors import DataError, display_path
from iku_macros.data.safe_files import (
    UnsafeFileError,
    describe_char,
    entry_kind,
    is_forbidden_char,
    list_data_dir,
    read_data_text,
)
from iku_macros.data.unit_types import requires_wilayah

if TYPE_CHECKING:
    from iku_macros.report import Laporan
    from iku_macros.web.render import Halaman

FOLDER = "narasi"
CHAPTER_NAMES = ("kata-pengantar", "index", "bab-1", "bab-2", "bab-3", "bab-4", "bab-5")
"""Chapters a data folder may replace; each becomes ``dokumen/<name>.md`` on the site."""
MAX_BYTES = 64 * 1024
"""A chapter of an official document is a few KiB (the longest today is under 3 KiB)."""
MAX_BLOCK_CHARS = 10_000
"""Characters in one paragraph, list or table (text between blank lines). Python-Markdown's
inline work grows faster than linearly with a paragraph's length and its brackets, so these
limits, far above any real chapter, keep ``check`` and the build fast on any input."""
MAX_MARKS_PER_BLOCK = {"[": 50, "<": 50, "*": 200, "_": 200}
"""Link brackets, HTML tags and emphasis markers in one paragraph."""
MAX_TAGS = 100
"""HTML tags (``<``) in a chapter: nested ``<div markdown>`` blocks recurse in Markdown."""
MAX_MARKDOWN_IN_HTML = 10
"""HTML elements with a ``markdown`` attribute in a chapter: each nests a Markdown parse, and
the printable document puts every chapter inside one more."""
MAX_INDENT = 40
"""Leading spaces of a line (tab = 4): ten levels of nested lists or quotes."""
MAX_CALLS = 100
"""Macro calls per chapter (each renders a whole table)."""
MAX_REPORTED = 20
"""Character errors reported per chapter before the rest are only counted."""
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc")
"""The ``markdown_extensions`` of mkdocs.yml, so ``check`` sees the HTML the site would get."""

EXPECTED_NAMES = ", ".join(f"{name}.md" for name in CHAPTER_NAMES)
MACRO_EXAMPLE = "`{{ tabel_iku() }}` atau `{{ tupoksi(tingkat=4) }}`"


# --- the documented macros -----------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """One argument a macro accepts: a string or an integer literal."""

    name: str
    kind: type[int] | type[str]
    minimum: int = 0
    maximum: int = 200
    """Integer range, or the longest string."""


@dataclass(frozen=True)
class MacroSpec:
    params: tuple[Param, ...] = ()
    inline: bool = False
    """Plain-text result that may stand inside a sentence; otherwise an HTML block that must
    stand alone between blank lines."""

    def signature(self, name: str) -> str:
        examples = {int: "4", str: '"teks"'}
        args = ", ".join(f"{p.name}={examples[p.kind]}" for p in self.params)
        return f"{{{{ {name}({args}) }}}}"


MACROS: dict[str, MacroSpec] = {
    "judul_dokumen": MacroSpec(),
    "tanda_tangan": MacroSpec(),
    "daftar_landasan_hukum": MacroSpec(),
    "daftar_syarat_kriteria": MacroSpec(),
    "daftar_pertimbangan": MacroSpec(),
    "gambaran_wilayah": MacroSpec(),
    "jumlah_desa": MacroSpec(inline=True),
    "daftar_desa": MacroSpec((Param("awalan", str),)),
    "tupoksi": MacroSpec((Param("tingkat", int, 1, 6),)),
    "struktur_organisasi": MacroSpec(),
    "tabel_tujuan_sasaran": MacroSpec(),
    "tabel_identitas_iku": MacroSpec((Param("judul", str),)),
    "tabel_iku": MacroSpec(),
    "tabel_target_iku": MacroSpec(),
    "tabel_iki": MacroSpec(),
    "profil_instansi": MacroSpec(),
    "pembagian_wilayah": MacroSpec(),
}
"""Every macro a chapter may call, with the arguments each accepts (all optional)."""

MACRO_LIST = ", ".join(f"{name}()" for name in MACROS)


def macro_functions(laporan: Laporan, halaman: Halaman) -> dict[str, Callable[..., str]]:
    """The Python functions behind :data:`MACROS`: the same ones the macros plugin registers."""
    # Imported here: render imports the report, which imports loading, which imports this module.
    from iku_macros.web.render import dokumen

    functions = dokumen.macros(laporan, halaman)
    return {name: functions[name] for name in MACROS}


# --- positions and messages ----------------------------------------------------------------------


class _Positions:
    """Offset → 1-based (line, column in characters)."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _shown(text: str, limit: int = 60) -> str:
    """Text from the chapter as it may be shown in a log: short, control characters visible."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(ch if ch.isprintable() or ch == " " else f"\\u{ord(ch):04x}" for ch in short)


@dataclass(frozen=True)
class _Where:
    berkas: str
    positions: _Positions

    def error(
        self, offset: int, pesan: str, diharapkan: str | None, ditemukan: str | None
    ) -> DataError:
        line, column = self.positions.at(offset)
        return DataError(self.berkas, line, column, pesan, diharapkan, ditemukan)


# --- characters and front matter -----------------------------------------------------------------

_NOT_PLAIN_ASCII = re.compile(r"[^\t\n\r\x20-\x7e]")


def _character_errors(text: str, where: _Where) -> list[DataError]:
    """Control, invisible and direction-changing characters, as in every other data file:
    Markdown uses some control characters internally, and the others make the text a reviewer
    sees differ from the text that is published."""
    found = [m for m in _NOT_PLAIN_ASCII.finditer(text) if is_forbidden_char(m.group())]
    errors = [
        where.error(
            match.start(),
            f"karakter {describe_char(match.group())} tidak diizinkan di bab naratif "
            "(karakter kendali, tak terlihat, atau pengubah arah teks)",
            "teks biasa; hapus karakter itu (biasanya terbawa saat menyalin dari dokumen lain)",
            describe_char(match.group()),
        )
        for match in found[:MAX_REPORTED]
    ]
    if len(found) > MAX_REPORTED:
        errors.append(
            where.error(
                found[MAX_REPORTED].start(),
                f"{len(found) - MAX_REPORTED} karakter lain yang tidak diizinkan di berkas ini",
                "teks biasa tanpa karakter tak terlihat",
                f"{len(found)} karakter seluruhnya",
            )
        )
    return errors


_FRONT_MATTER = re.compile(r"-{3}[ \t]*\r?\n")


def _front_matter_error(text: str, where: _Where) -> DataError | None:
    """Page settings (e.g. ``render_macros: true``) are the engine's, never a data file's."""
    if not _FRONT_MATTER.match(text):
        return None
    head = " ⏎ ".join(text.splitlines()[1:3])
    return where.error(
        0,
        "bab naratif tidak boleh diawali front matter YAML (`---`); pengaturan halaman tidak "
        "dapat diubah dari folder data",
        "berkas dimulai langsung dengan judul bab, mis. `# BAB I PENDAHULUAN`",
        f"`---` lalu `{_shown(head)}`",
    )


# --- size and structure ------------------------------------------------------------------------


def _blocks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each run of non-blank lines (split at ``\n`` only, so a block is
    never smaller than the paragraph Markdown sees)."""
    start: int | None = None
    offset = 0
    for line in text.split("\n"):
        if line.strip(" \t\r"):
            start = offset if start is None else start
        elif start is not None:
            yield start, text[start:offset]
            start = None
        offset += len(line) + 1
    if start is not None:
        yield start, text[start:]


_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_MARKDOWN_IN_HTML = re.compile(r"<[A-Za-z][^<>]*?\smarkdown\b", re.IGNORECASE)


def _structure_errors(text: str, where: _Where) -> list[DataError]:
    """Paragraphs too long or too dense with markup, lines nested too deep (see the limits)."""
    errors: list[DataError] = []
    for block_start, body in _blocks(text):
        if len(body) > MAX_BLOCK_CHARS:
            errors.append(
                where.error(
                    block_start,
                    f"paragraf terlalu panjang ({len(body)} karakter; paling banyak "
                    f"{MAX_BLOCK_CHARS})",
                    "paragraf yang dipisah baris kosong, masing-masing beberapa kalimat",
                    f"{len(body)} karakter tanpa baris kosong",
                )
            )
            continue
        for mark, limit in MAX_MARKS_PER_BLOCK.items():
            count = body.count(mark)
            if count > limit:
                errors.append(
                    where.error(
                        block_start + _nth(body, mark, limit + 1),
                        f"terlalu banyak `{mark}` dalam satu paragraf ({count}; paling banyak "
                        f"{limit})",
                        "teks bab biasa; pisahkan paragraf dengan baris kosong",
                        f"{count} kali `{mark}`",
                    )
                )
    tags = text.count("<")
    if tags > MAX_TAGS:
        errors.append(
            where.error(
                _nth(text, "<", MAX_TAGS + 1),
                f"terlalu banyak tag HTML `<` ({tags}; paling banyak {MAX_TAGS})",
                "Markdown biasa; bab naratif hampir tidak memerlukan HTML",
                f"{tags} kali `<`",
            )
        )
    nested = list(_MARKDOWN_IN_HTML.finditer(text))
    if len(nested) > MAX_MARKDOWN_IN_HTML:
        errors.append(
            where.error(
                nested[MAX_MARKDOWN_IN_HTML].start(),
                f"terlalu banyak elemen HTML dengan atribut `markdown` ({len(nested)}; paling "
                f"banyak {MAX_MARKDOWN_IN_HTML})",
                "Markdown biasa, tanpa HTML",
                f"{len(nested)} elemen `markdown`",
            )
        )
    for match in _INDENT.finditer(text):
        width = len(match.group().expandtabs(4))
        if width > MAX_INDENT:
            errors.append(
                where.error(
                    match.start(),
                    f"baris menjorok terlalu dalam ({width} spasi; paling banyak {MAX_INDENT})",
                    "daftar atau kutipan bersarang paling banyak sepuluh tingkat",
                    f"{width} spasi di awal baris",
                )
            )
            break
    return errors


def _nth(text: str, mark: str, n: int) -> int:
    """Offset of the ``n``-th ``mark`` in ``text``."""
    offset = -1
    for _ in range(n):
        offset = text.find(mark, offset + 1)
    return offset


# --- the macro grammar ---------------------------------------------------------------------------

_OPENER = re.compile(r"\{[{%#]")
_CALL = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*\((.*)\)\s*", re.DOTALL)
_ARG = re.compile(
    r"""\s*(?:(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*)?"""
    r"""(?P<value>"[^"\\\n]*"|'[^'\\\n]*'|0|[1-9][0-9]{0,5})\s*(?P<end>,|$)"""
)
_PLACEHOLDER = "IKUMAKRO{token}N{index}Z"


@dataclass(frozen=True)
class MacroCall:
    name: str
    args: dict[str, int | str]
    offset: int
    """Where the ``{{`` is in the chapter."""

    @property
    def spec(self) -> MacroSpec:
        return MACROS[self.name]


@dataclass(frozen=True)
class Prepared:
    """A chapter's Markdown with each macro call replaced by a placeholder."""

    markdown: str
    token: str
    calls: dict[str, MacroCall] = field(default_factory=dict)
    """Placeholder → call."""

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(_PLACEHOLDER.format(token=self.token, index=r"\d+"))


def _closing(text: str, start: int) -> int:
    """Offset of the ``}}`` closing the expression at ``start`` (quotes respected), or -1 when
    the line ends first."""
    quote = ""
    index = start + 2
    while index < len(text):
        char = text[index]
        if char == "\n":
            return -1
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif text.startswith("}}", index):
            return index
        index += 1
    return -1


def _parse_args(body: str) -> tuple[list[tuple[str | None, int | str]], str | None]:
    """Arguments as (keyword or None, literal); or the problem in Indonesian."""
    result: list[tuple[str | None, int | str]] = []
    if not body.strip():
        return result, None
    position = 0
    while position < len(body):
        match = _ARG.match(body, position)
        if match is None:
            rest = body[position:].strip()
            return result, f"argumen `{_shown(rest, 40)}` bukan nilai tetap (teks atau bilangan)"
        raw = match.group("value")
        value: int | str = raw[1:-1] if raw[0] in "\"'" else int(raw)
        result.append((match.group("key"), value))
        position = match.end()
        if match.group("end") != ",":
            break
        if not body[position:].strip():
            return result, "tanda koma di akhir daftar argumen"
    return result, None


def _bind(name: str, body: str) -> tuple[dict[str, int | str], str | None]:
    """Match literal arguments to the macro's parameters, as Python would."""
    spec = MACROS[name]
    parsed, problem = _parse_args(body)
    if problem:
        return {}, problem
    bound: dict[str, int | str] = {}
    seen_keyword = False
    for index, (key, value) in enumerate(parsed):
        if key is None:
            if seen_keyword:
                return {}, "argumen tanpa nama setelah argumen bernama"
            if index >= len(spec.params):
                return {}, f"{name}() menerima paling banyak {len(spec.params)} argumen"
            param = spec.params[index]
        else:
            seen_keyword = True
            matches = [p for p in spec.params if p.name == key]
            if not matches:
                known = ", ".join(p.name for p in spec.params) or "tidak ada"
                return {}, f"argumen `{key}` tidak dikenal oleh {name}() (yang dikenal: {known})"
            param = matches[0]
        if param.name in bound:
            return {}, f"argumen `{param.name}` diberikan dua kali"
        if not isinstance(value, param.kind):
            jenis = "bilangan bulat" if param.kind is int else "teks dalam tanda kutip"
            return {}, f"argumen `{param.name}` harus {jenis}"
        if isinstance(value, int) and not param.minimum <= value <= param.maximum:
            return {}, (f"argumen `{param.name}` harus antara {param.minimum} dan {param.maximum}")
        if isinstance(value, str) and len(value) > param.maximum:
            return {}, f"argumen `{param.name}` paling panjang {param.maximum} karakter"
        bound[param.name] = value
    return bound, None


def _parse_call(inner: str) -> tuple[MacroCall | None, str, str]:
    """(call without offset, or None; problem; what was expected)."""
    match = _CALL.fullmatch(inner)
    if match is None:
        return (
            None,
            "ekspresi templat tidak diizinkan di bab naratif; hanya panggilan makro dokumen",
            f"panggilan makro dengan nilai tetap, mis. {MACRO_EXAMPLE}",
        )
    name, body = match.groups()
    if name not in MACROS:
        return (
            None,
            f"makro `{name}` tidak tersedia di bab naratif",
            f"salah satu makro dokumen, mis. {MACRO_EXAMPLE}: {MACRO_LIST}",
        )
    args, problem = _bind(name, body)
    if problem:
        return None, f"argumen makro `{name}` tidak sah: {problem}", MACROS[name].signature(name)
    return MacroCall(name, args, 0), "", ""


def prepare(text: str, berkas: str, token: str | None = None) -> tuple[Prepared, list[DataError]]:
    """Replace every allowed macro call by a placeholder; report every other template syntax."""
    token = token or secrets.token_hex(8)
    where = _Where(berkas, _Positions(text))
    errors: list[DataError] = []
    calls: dict[str, MacroCall] = {}
    pieces: list[str] = []
    position = 0  # text before this offset is in ``pieces``
    skip = 0  # openers before this offset are inside an expression already read
    for match in _OPENER.finditer(text):
        start = match.start()
        if start < skip:
            continue
        opener = match.group()
        if opener == "{%":
            errors.append(
                where.error(
                    start,
                    "perintah templat `{% ... %}` tidak diizinkan di bab naratif",
                    f"teks biasa, atau panggilan makro dokumen seperti {MACRO_EXAMPLE}",
                    _shown(text[start : start + 60].split("\n")[0]),
                )
            )
            continue
        if opener == "{#":
            errors.append(
                where.error(
                    start,
                    "komentar templat `{# ... #}` tidak diizinkan di bab naratif",
                    "teks bab saja; catatan untuk penyunting ditulis di pesan commit atau "
                    f"pull request. Makro yang diizinkan: {MACRO_EXAMPLE}",
                    _shown(text[start : start + 60].split("\n")[0]),
                )
            )
            continue
        end = _closing(text, start)
        if end < 0:
            # The rest of the line belongs to this expression: never rescan it per opener.
            line_end = text.find("\n", start)
            skip = len(text) if line_end < 0 else line_end
            errors.append(
                where.error(
                    start,
                    "`{{` tanpa penutup `}}` di baris yang sama",
                    f"panggilan makro lengkap dalam satu baris, mis. {MACRO_EXAMPLE}",
                    _shown(text[start:].split("\n")[0]),
                )
            )
            continue
        source = text[start : end + 2]
        call, problem, expected = _parse_call(text[start + 2 : end])
        skip = end + 2
        if call is None:
            errors.append(where.error(start, problem, expected, _shown(source)))
            continue
        if len(calls) >= MAX_CALLS:
            errors.append(
                where.error(
                    start,
                    f"terlalu banyak panggilan makro (paling banyak {MAX_CALLS} per bab)",
                    "setiap tabel atau daftar dipanggil sekali di tempatnya",
                    _shown(source),
                )
            )
            continue
        placeholder = _PLACEHOLDER.format(token=token, index=len(calls))
        calls[placeholder] = MacroCall(call.name, call.args, start)
        pieces += [text[position:start], placeholder]
        position = end + 2
    pieces.append(text[position:])
    return Prepared("".join(pieces), token, calls), errors


# --- the HTML allow-list -------------------------------------------------------------------------

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
        "var",
        "wbr",
    }
)
REMOVED_WITH_CONTENT = frozenset({"script", "style"})
GENERIC_ATTRIBUTES = frozenset({"class", "id", "title", "lang"})
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan", "style"}),
    "th": frozenset({"colspan", "rowspan", "style", "scope"}),
    "ol": frozenset({"start", "type"}),
    "li": frozenset({"value"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

_SAFE_NAME = re.compile(r"[A-Za-z0-9_-]+")
_SAFE_CLASSES = re.compile(r"[A-Za-z0-9_ -]*")
_NUMBER = re.compile(r"[0-9]{1,6}%?")
_ALIGN = re.compile(r"\s*text-align:\s*(left|right|center|justify)\s*;?\s*", re.IGNORECASE)
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see (it ignores whitespace and control characters)."""
    match = _SCHEME.match(_INVISIBLE.sub("", value).lower())
    return match.group(1) if match else None


def attribute_problem(tag: str, name: str, value: str) -> str | None:
    """Why the sanitiser drops this attribute (Indonesian), or None when it is kept."""
    if name.startswith("on"):
        return f"atribut peristiwa `{name}` pada `<{tag}>` menjalankan skrip"
    if name not in GENERIC_ATTRIBUTES and name not in TAG_ATTRIBUTES.get(tag, ()):
        return f"atribut `{name}` tidak diizinkan pada `<{tag}>`"
    if name == "id" and not _SAFE_NAME.fullmatch(value):
        return "nilai `id` hanya boleh huruf, angka, `-`, dan `_`"
    if name == "class" and not _SAFE_CLASSES.fullmatch(value):
        return "nilai `class` hanya boleh huruf, angka, `-`, `_`, dan spasi"
    numeric = ("width", "height", "colspan", "rowspan", "span", "start", "value")
    if name in numeric and not _NUMBER.fullmatch(value):
        return f"nilai `{name}` harus bilangan"
    if name == "style" and not _ALIGN.fullmatch(value):
        return "atribut `style` hanya boleh untuk perataan teks tabel (`text-align`)"
    if name == "href":
        scheme = url_scheme(value)
        if scheme is not None and scheme not in LINK_SCHEMES:
            return f"alamat tautan berskema `{scheme}:` tidak diizinkan"
    if name == "src":
        scheme = url_scheme(value)
        remote = _INVISIBLE.sub("", value).startswith(("//", "\\\\", "/\\"))
        if scheme in ("http", "https") or (scheme is None and remote):
            return "gambar dari server lain tidak diizinkan (situs tidak memuat apa pun dari sana)"
        if scheme is not None:
            return f"gambar berskema `{scheme}:` tidak diizinkan"
    return None


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    return value if attribute_problem(tag, name, value) is None else None


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    attributes={"*": set(GENERIC_ATTRIBUTES), **{t: set(a) for t, a in TAG_ATTRIBUTES.items()}},
    attribute_filter=_keep_attribute,
    url_schemes=set(LINK_SCHEMES),
    # Keep links as Markdown wrote them; no rel is needed without target=_blank.
    link_rel=None,
    strip_comments=True,
)


def sanitize(fragment: str) -> str:
    """A chapter's HTML (after Markdown) reduced to the allow-list above."""
    return _CLEANER.clean(fragment)


def render_markdown(text: str) -> str:
    """The chapter's HTML with the site's Markdown extensions (for ``check``)."""
    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS)).convert(text)


# --- what the sanitiser would remove -------------------------------------------------------------


@dataclass(frozen=True)
class _Finding:
    pesan: str
    diharapkan: str
    ditemukan: str
    needles: tuple[str, ...]
    """Text to look for in the chapter source, most precise first."""


_PLAIN_MARKDOWN = (
    "teks Markdown biasa: judul `#`, daftar `-`, tabel, **tebal**, *miring*, "
    "tautan `[teks](https://...)` atau `[BAB I](bab-1.md)`"
)


class _Finder(HTMLParser):
    """Every tag, attribute and URL in the rendered chapter that the allow-list removes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[_Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            runs = " (menjalankan skrip)" if tag == "script" else ""
            self.findings.append(
                _Finding(
                    f"tag HTML `<{tag}>`{runs} tidak diizinkan di bab naratif dan akan dibuang",
                    _PLAIN_MARKDOWN,
                    _shown(self.get_starttag_text() or f"<{tag}>"),
                    (f"<{tag}",),
                )
            )
            return
        for name, value in attrs:
            problem = attribute_problem(tag, name, value or "")
            if problem is None:
                continue
            needles: tuple[str, ...]
            if name in ("href", "src"):
                expected = (
                    "tautan http://, https://, mailto:, atau alamat relatif, "
                    "mis. [Peraturan](https://peraturan.go.id/) atau [BAB I](bab-1.md)"
                    if name == "href"
                    else "gambar dari situs ini sendiri (alamat relatif), atau tanpa gambar"
                )
                scheme = url_scheme(value or "") or ""
                needles = (value or "", f"{scheme}:", name, "](")
            elif name.startswith("on"):
                expected = "tag tanpa atribut `on...`, mis. `<b>teks</b>`, atau Markdown biasa"
                needles = (name,)
            elif name in ("id", "class"):
                expected = "nama dari huruf, angka, `-`, `_`, mis. `{: #latar-belakang }`"
                needles = (value or name, name, "{:")
            else:
                allowed = sorted(GENERIC_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, frozenset()))
                expected = f"atribut yang diizinkan pada `<{tag}>`: {', '.join(allowed)}"
                # attr_list rewrites odd names (`_x_onfocus`): fall back to its `{:`.
                needles = (name, "{:")
            self.findings.append(
                _Finding(
                    f"{problem}; akan dibuang dari bab naratif",
                    expected,
                    _shown(f'{name}="{value}"' if value is not None else name),
                    needles,
                )
            )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


class _Locator:
    """Finds findings in the source in document order (a cursor keeps duplicates apart)."""

    def __init__(self, text: str) -> None:
        self.lower = text.lower()
        self.cursor = 0

    def find(self, needles: tuple[str, ...]) -> int:
        for start in (self.cursor, 0):
            for needle in needles:
                if not needle:
                    continue
                found = self.lower.find(needle.lower(), start)
                if found >= 0:
                    self.cursor = found
                    return found
        return self.cursor


def _unsafe_html_errors(text: str, rendered: str, where: _Where) -> list[DataError]:
    finder = _Finder()
    finder.feed(rendered)
    finder.close()
    locator = _Locator(text)
    return [
        where.error(locator.find(f.needles), f.pesan, f.diharapkan, f.ditemukan)
        for f in finder.findings
    ]


# --- placing the macros' HTML --------------------------------------------------------------------

_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
_VOID = frozenset({"br", "col", "hr", "img", "wbr"})
_NO_MACRO_INSIDE = {
    **{f"h{n}": "judul bagian" for n in range(1, 7)},
    "code": "kode",
    "pre": "kode",
}


@dataclass(frozen=True)
class _Spot:
    """Where a placeholder ended up in the sanitised HTML."""

    block: bool
    """Alone in its own paragraph (``<p>PLACEHOLDER</p>``)."""
    inside: str | None
    """What it sits in that cannot hold a macro (a heading, code), if anything."""


def _spots(sanitized: str, prepared: Prepared) -> dict[str, list[_Spot]]:
    """Every placeholder occurrence in the text of the sanitised HTML (never in a tag, since
    nh3 escapes ``<`` and ``>`` inside attribute values)."""
    tokens = _TAG.split(sanitized)
    stack: list[str] = []
    spots: dict[str, list[_Spot]] = {}
    for index, token in enumerate(tokens):
        if index % 2:
            match = _TAG_NAME.match(token)
            if match is None or match.group(2).lower() in _VOID:
                continue
            closing, name = match.group(1), match.group(2).lower()
            if closing:
                if name in stack:
                    del stack[len(stack) - 1 - stack[::-1].index(name) :]
            elif not token.endswith("/>"):
                stack.append(name)
            continue
        for found in prepared.pattern.finditer(token):
            block = (
                token.strip() == found.group()
                and index > 0
                and tokens[index - 1] == "<p>"
                and index + 1 < len(tokens)
                and tokens[index + 1] == "</p>"
            )
            inside = next((_NO_MACRO_INSIDE[t] for t in stack if t in _NO_MACRO_INSIDE), None)
            spots.setdefault(found.group(), []).append(_Spot(block, inside))
    return spots


def _placement_errors(rendered: str, prepared: Prepared, where: _Where) -> list[DataError]:
    spots = _spots(sanitize(rendered), prepared)
    errors = []
    for placeholder, call in prepared.calls.items():
        shown = f"{{{{ {call.name}(...) }}}}" if call.args else f"{{{{ {call.name}() }}}}"
        found = spots.get(placeholder, [])
        standalone = f"baris sendiri dengan baris kosong di atas dan di bawahnya: {shown}"
        if len(found) != 1:
            problem = (
                "makro berada di tempat yang tidak menampilkan hasilnya "
                "(di dalam atribut HTML, alamat tautan, komentar, atau bagian yang dibuang)"
            )
            expected = f"makro di teks biasa, mis. {standalone}"
        elif found[0].inside:
            problem = f"makro tidak boleh berada di dalam {found[0].inside}"
            expected = f"makro di paragraf biasa, mis. {standalone}"
        elif not call.spec.inline and not found[0].block:
            problem = (
                f"makro `{call.name}` menghasilkan tabel atau daftar dan harus berdiri sendiri"
            )
            expected = standalone
        else:
            continue
        errors.append(where.error(call.offset, problem, expected, shown))
    return errors


def expand(sanitized: str, prepared: Prepared, functions: Mapping[str, Callable[..., str]]) -> str:
    """Put each macro's HTML where its placeholder is: a block macro replaces its whole
    paragraph, an inline macro's text is escaped into the sentence."""
    tokens = _TAG.split(sanitized)
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if index % 2 == 0:
            stripped = token.strip()
            call = prepared.calls.get(stripped)
            closes = index + 1 < len(tokens) and tokens[index + 1] == "</p>"
            if call and not call.spec.inline and out and out[-1] == "<p>" and closes:
                out[-1] = functions[call.name](**call.args)
                index += 2
                continue
            token = prepared.pattern.sub(lambda m: _inline(m.group(), prepared, functions), token)
        out.append(token)
        index += 1
    return "".join(out)


def _inline(
    placeholder: str, prepared: Prepared, functions: Mapping[str, Callable[..., str]]
) -> str:
    call = prepared.calls.get(placeholder)
    if call is None or not call.spec.inline:
        # check refuses this; the build must not guess where a table goes.
        raise ValueError(f"makro di tempat yang tidak sah: {placeholder}")
    return html.escape(functions[call.name](**call.args))


# --- whole chapters ------------------------------------------------------------------------------


def check_text(text: str, berkas: str) -> list[DataError]:
    """Every problem of one chapter: characters, front matter, size and structure, template
    syntax, unsafe HTML and links, misplaced macros."""
    where = _Where(berkas, _Positions(text))
    errors = _character_errors(text, where)
    front = _front_matter_error(text, where)
    if front:
        errors.append(front)
    structure = _structure_errors(text, where)
    errors += structure
    prepared, grammar = prepare(text, berkas, token="0")
    errors += grammar
    if structure:
        return errors  # Markdown is only run on text within the limits
    try:
        rendered = render_markdown(prepared.markdown)
    except RecursionError:
        return [
            *errors,
            where.error(
                0,
                "struktur Markdown bersarang terlalu dalam",
                "daftar, kutipan, dan penekanan (`*`, `_`) bersarang beberapa tingkat saja",
                "bersarang sangat dalam",
            ),
        ]
    errors += _unsafe_html_errors(text, rendered, where)
    errors += _placement_errors(rendered, prepared, where)
    errors += _upward_link_errors(text, where)
    return errors


_UPWARD_LINK = re.compile(r"""(?:\]\(\s*<?|href\s*=\s*["']?)(?P<target>\.\./[^)\s"'>]*)""")
"""A relative link out of the chapters' folder (``](../indikator/x.md)``)."""


def _upward_link_errors(text: str, where: _Where) -> list[DataError]:
    """A chapter's page sits at ``dokumen/<id>/<bab>/``: a link climbing out of its folder
    would depend on that depth (it broke when chapters moved under the document's id), so
    only links to sibling chapters (``bab-3.md``) and full addresses are accepted."""
    return [
        where.error(
            match.start("target"),
            "tautan relatif ke luar folder bab tidak didukung (alamat halaman bab bergantung "
            "pada dokumennya)",
            "tautan ke bab lain dokumen ini (mis. `bab-3.md`) atau alamat lengkap https://...; "
            "tabel indikator dari makro seperti `{{ tabel_iku() }}` sudah menautkan setiap "
            "indikator",
            f"`{_shown(match['target'])}`",
        )
        for match in _UPWARD_LINK.finditer(text)
    ]


_MD_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*\.md")
"""A Markdown name the data-folder layout (``layout.py``) accepts; it refuses every other entry
of ``narasi/`` (symlinks, folders, other names) itself, so those are not reported twice."""


def chapter_files(root: Path, folder_name: str = FOLDER) -> tuple[dict[str, Path], list[DataError]]:
    """The chapters in ``root/<folder_name>`` (``narasi``, or a document's
    ``dokumen/<id>/narasi``) by name (``bab-1``), and an error for each other Markdown file
    (a chapter name the site does not have is never read)."""
    folder = root / folder_name
    if entry_kind(folder) != "folder":
        return {}, []  # absent, or refused by the layout check (e.g. a symlink)
    try:
        entries = list_data_dir(folder, root)
    except UnsafeFileError as exc:
        return {}, [exc.error]
    chapters: dict[str, Path] = {}
    errors = []
    for path in entries:
        if entry_kind(path) != "berkas" or not _MD_NAME.fullmatch(path.name):
            continue
        if path.stem in CHAPTER_NAMES:
            chapters[path.stem] = path
            continue
        errors.append(
            DataError(
                display_path(path),
                None,
                None,
                f"bab naratif `{path.name}` tidak dikenal (tidak dibaca)",
                f"nama bab dokumen: {EXPECTED_NAMES}",
                path.name,
            )
        )
    return chapters, errors


def read_chapter(path: Path, root: Path) -> str:
    """A chapter's text, read safely (raises :class:`UnsafeFileError`)."""
    return read_data_text(path, root, max_bytes=MAX_BYTES)


_CHAPTER_LINK = re.compile(
    r"""(?:\]\(\s*<?|href\s*=\s*["']?)(?:\./)?(?P<name>[a-z0-9-]+)\.md(?=[#)>\s"']|$)"""
)
"""A link from a chapter to a sibling chapter, in Markdown (``[..](bab-3.md#a)``) or HTML."""
ALWAYS_PRESENT = frozenset({"index"})
"""Chapters the site has whatever the data folder holds (the engine writes a Dokumen IKU page
when ``narasi/index.md`` is absent)."""


def _missing_chapter_errors(
    text: str, berkas: str, present: set[str], folder_name: str = FOLDER
) -> list[DataError]:
    """Links to a chapter the folder does not have: the page would not exist on the site, so
    the chapter is required (the strict build would otherwise stop on a dead link)."""
    where = _Where(berkas, _Positions(text))
    errors = []
    for match in _CHAPTER_LINK.finditer(text):
        name = match["name"]
        if name in CHAPTER_NAMES and name not in present | ALWAYS_PRESENT:
            errors.append(
                where.error(
                    match.start("name"),
                    f"tautan ke bab `{name}.md`, tetapi {folder_name}/{name}.md tidak ada di "
                    "folder data: bab itu wajib selama ada tautan kepadanya",
                    f"berkas {folder_name}/{name}.md, atau hapus tautannya",
                    f"`{name}.md`",
                )
            )
    return errors


def check_narasi(root: Path, folders: Iterable[str] = (FOLDER,)) -> list[DataError]:
    """Every problem in the narrative chapters of the data folder's documents (each document
    has its ``narasi`` folder), all at once. Each chapter is optional (the site shows those the
    folder has), unless another chapter links to it."""
    root = Path(root)
    errors: list[DataError] = []
    has_wilayah = entry_kind(root / "wilayah.yaml") == "berkas"
    for folder_name in folders:
        chapters, found = chapter_files(root, folder_name)
        errors += found
        for path in chapters.values():
            try:
                text = read_chapter(path, root)
            except UnsafeFileError as exc:
                errors.append(exc.error)
                continue
            errors += check_text(text, display_path(path))
            errors += _missing_chapter_errors(text, display_path(path), set(chapters), folder_name)
            if not has_wilayah:
                errors += _wilayah_errors(text, display_path(path))
    return errors


def _wilayah_errors(text: str, berkas: str) -> list[DataError]:
    """Calls that print ``wilayah.yaml`` in a folder without one (a dinas has no desa)."""
    where = _Where(berkas, _Positions(text))
    prepared, _ = prepare(text, berkas, token="0")
    return [
        where.error(
            call.offset,
            f"bab ini memakai `{call.name}()`, tetapi wilayah.yaml tidak ada di folder data",
            "tambahkan wilayah.yaml (susunannya seperti data_contoh/wilayah.yaml) atau hapus "
            f"`{{{{ {call.name}() }}}}` dari bab ini",
            f"`{{{{ {call.name}() }}}}`",
        )
        for call in sorted(prepared.calls.values(), key=lambda c: c.offset)
        if requires_wilayah(call.name)
    ]


def missing_chapters(root: Path, folder_name: str = FOLDER) -> list[str]:
    """File names of the chapters a document's narasi folder does not have (``bab-5.md``)."""
    chapters, _ = chapter_files(Path(root), folder_name)
    return [f"{name}.md" for name in CHAPTER_NAMES if name not in chapters]


def iter_chapters(root: Path, folder_name: str = FOLDER) -> Iterator[tuple[str, Path, str]]:
    """(name, path, text) of each chapter of a document's narasi folder that ``check``
    accepted."""
    chapters, _ = chapter_files(root, folder_name)
    for name, path in sorted(chapters.items()):
        yield name, path, read_chapter(path, root)
