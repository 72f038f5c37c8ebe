"""Reading a data file's YAML safely, remembering where every value came from.

Data files arrive through pull requests, so the reader trusts nothing in them:

- the file is read through :mod:`iku_macros.data.safe_files` (no symlink, regular file, size limit,
  strict UTF-8 with the line and column of a bad byte);
- control, invisible and bidirectional-override characters are refused by name and position
  before parsing (they hide text from reviewers and PyYAML would stop with an English error);
- PyYAML only tokenises and composes the node tree. Its YAML 1.1 constructors are never called:
  plain scalars are resolved here with the YAML 1.2 core schema, and forms that YAML 1.1 tools
  read differently (``010``, ``0o10``, ``0x5A``, ``0b1``, ``1:30``, ``1_000``, ``yes``/``no``/
  ``on``/``off``) are refused with a hint instead of being silently converted. Dates such as
  ``2023-01-31`` stay text, since no field of the model is a date;
- tags (``!!python/...``, ``!!binary``, custom ``!x``), anchors, aliases (so no "billion laughs"),
  merge keys ``<<``, directives, a second document, complex and null keys are refused;
- nesting depth is bounded, and numbers must be finite, at most 10^12 in magnitude and with at
  most 10 digits after the point; the bounds are checked on the text before any arithmetic.
  Decimals are read exactly (``86.7`` becomes ``Decimal("86.7")``, never a binary float);
- every problem is an Indonesian message with file:line:column; PyYAML's English text is never
  shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel

from iku_macros.data.errors import DataError
from iku_macros.data.safe_files import (
    UnsafeFileError,
    describe_char,
    is_forbidden_char,
    read_data_text,
)

Loc = tuple[Any, ...]

MAX_YAML_BYTES = 256 * 1024
"""Largest data file read (the largest real one is about 12 KiB)."""
MAX_DEPTH = 20
"""Deepest nesting of mappings and lists (the model needs 5)."""
MAX_MAGNITUDE = Decimal(10) ** 12
"""Largest absolute value of a number."""
MAX_FRACTION_DIGITS = 10
"""Most significant digits after the decimal point."""
MAX_PROBLEMS = 30
"""Problems listed per file before the rest are summarised (e.g. a binary file)."""

_YAML_EXAMPLE = "YAML yang sah, mis. `kunci: nilai` dengan indentasi spasi yang rata"


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class Document:
    """A parsed YAML file: its plain data plus the position of every key and value."""

    path: Path
    display: str
    data: Any
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> Position | None:
        """Position of the value (or key) at ``loc``, else of its nearest existing ancestor."""
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc not in self.values and loc:
            loc = loc[:-1]
        return self.values.get(loc)

    def error(
        self,
        loc: Loc,
        pesan: str,
        diharapkan: str | None = None,
        ditemukan: str | None = None,
        *,
        key: bool = False,
    ) -> DataError:
        pos = self.position(loc, key=key)
        return DataError(
            self.display,
            pos.line if pos else None,
            pos.column if pos else None,
            pesan,
            diharapkan,
            ditemukan,
        )


def read_yaml(
    path: Path, display: str, *, root: Path | None = None
) -> tuple[Document | None, list[DataError]]:
    """Read and parse one file inside the data folder ``root`` (default: the file's folder).

    Returns the document (None when it could not be read or parsed) and the errors found. A
    document is returned together with errors when the problems are local (a refused value is
    kept as its text, an alias as null) so that the file's other errors show in the same run.
    """
    try:
        text = read_data_text(
            path, root if root is not None else path.parent, max_bytes=MAX_YAML_BYTES
        )
    except UnsafeFileError as exc:
        return None, [exc.error]
    if _kept is None:
        return parse_yaml(text, display, path)
    key = (str(path), display)
    found = _kept.get(key)
    if found is None or found[0] != text:
        found = (text, *parse_yaml(text, display, path))
        _kept[key] = found
    return found[1], list(found[2])


_kept: dict[tuple[str, str], tuple[str, Document | None, list[DataError]]] | None = None
"""Each file's last text and what it parsed to, once :func:`keep_parsed` was called."""


def keep_parsed() -> None:
    """From now on, keep each file's parse for as long as its text stays the same.

    For ``mkdocs serve``, which reads the whole data folder again after an edit to one file.
    A build reads each file once and would only hold them all in memory. The documents are
    not changed by their readers, so one parse can serve every read."""
    global _kept
    if _kept is None:
        _kept = {}


def parse_yaml(text: str, display: str, path: Path) -> tuple[Document | None, list[DataError]]:
    """Parse ``text`` (already decoded); ``display`` names the file in messages."""
    problems = _forbidden_characters(text)
    if problems:
        return None, _errors(display, problems)
    fast = _fast_parse(text, display, path)
    if fast is not None:
        return fast, []
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except _TooDeep as exc:
        return None, _errors(display, [*loader.problems, exc.problem])
    except yaml.MarkedYAMLError as exc:
        return None, _errors(display, [*loader.problems, _syntax_problem(exc)])
    except yaml.YAMLError:
        # ReaderError: the characters were checked above, so this is only a safety net.
        return None, _errors(display, [_Problem(None, "berkas tidak dapat dibaca sebagai YAML")])
    finally:
        loader.dispose()
    doc = Document(path, display, None)
    if node is not None:
        doc.data = _Builder(doc, loader).build(node, ())
    return doc, _errors(display, loader.problems)


def _fast_parse(text: str, display: str, path: Path) -> Document | None:
    """The document read with libyaml's event parser, or None when anything is amiss (a
    syntax error, or a problem the rules report): the pure-Python parser then reads the file
    again, so that every message and position a staff member sees comes from one parser.

    Most of the build's YAML time was PyYAML's pure-Python scanner; libyaml gives the same
    events with the same marks, and the rules below (composing, resolving scalars, building)
    are the same Python code for both."""
    if _CLoader is None:
        return None
    try:
        loader = _CLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if loader.problems:
            return None
        doc = Document(path, display, None)
        if node is not None:
            doc.data = _Builder(doc, loader).build(node, ())
    except Exception:  # any failure here: the pure-Python reader has the say
        return None
    return None if loader.problems else doc


# --- problems ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Problem:
    mark: tuple[int, int] | None
    """1-based line and column."""
    pesan: str
    diharapkan: str | None = _YAML_EXAMPLE
    ditemukan: str | None = None


def _at(mark: yaml.Mark | None) -> tuple[int, int] | None:
    return (mark.line + 1, mark.column + 1) if mark is not None else None


def _errors(display: str, problems: list[_Problem]) -> list[DataError]:
    shown = [
        DataError(
            display,
            p.mark[0] if p.mark else None,
            p.mark[1] if p.mark else None,
            p.pesan,
            p.diharapkan,
            p.ditemukan,
        )
        for p in problems[:MAX_PROBLEMS]
    ]
    if len(problems) > MAX_PROBLEMS:
        rest = len(problems) - MAX_PROBLEMS
        shown.append(
            DataError(
                display,
                None,
                None,
                f"{rest} masalah lain di berkas ini tidak ditampilkan",
                "perbaiki masalah di atas, lalu periksa lagi",
            )
        )
    return shown


# --- characters --------------------------------------------------------------------------

# Fast path: C0/C1 controls (but tab, line feed, carriage return), DEL, and the invisible or
# direction-changing characters that matter most; anything else non-ASCII is checked by category.
_SUSPECT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|[^\x00-\x7f]")


def forbidden_characters(text: str) -> bool:
    """Whether ``text`` holds a character the data folder refuses (controls, invisible or
    direction-changing characters)."""
    return any(is_forbidden_char(m.group()) for m in _SUSPECT.finditer(text))


def _forbidden_characters(text: str) -> list[_Problem]:
    problems = []
    for match in _SUSPECT.finditer(text):
        char = match.group()
        if not is_forbidden_char(char):
            continue
        described = describe_char(char)
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        problems.append(
            _Problem(
                (line, column),
                f"karakter kendali atau tak terlihat tidak boleh ada di berkas data ({described})",
                "hanya huruf, angka, tanda baca, spasi, tab, dan baris baru; hapus karakter ini "
                "(sering ikut tersalin dari dokumen lain)",
                described,
            )
        )
        if len(problems) > MAX_PROBLEMS:
            break
    return problems


# --- composing ---------------------------------------------------------------------------


class _TooDeep(Exception):
    def __init__(self, problem: _Problem) -> None:
        self.problem = problem


class _Rules(yaml.composer.Composer):
    """PyYAML's composer, with anchors, aliases, tags, directives refused and nesting bounded.
    Nothing is constructed: values are built by :class:`_Builder`. The events come from
    PyYAML's pure-Python parser (:class:`_Loader`) or from libyaml (:class:`_CLoader`)."""

    problems: list[_Problem]
    placeholders: set[int]
    depth: int

    def _start(self) -> None:
        self.problems = []
        self.placeholders = set()
        """ids of nodes that stand for a refused alias (built as null)."""
        self.depth = 0

    def compose_document(self) -> yaml.Node | None:
        start = self.get_event()
        if start.version is not None or start.tags:
            self.problems.append(
                _Problem(
                    _at(start.start_mark),
                    "direktif YAML (`%YAML` atau `%TAG`) tidak diperlukan",
                    "hapus baris yang diawali `%`; berkas data langsung dimulai dengan kunci",
                    "direktif",
                )
            )
        node = self.compose_node(None, None)
        self.get_event()
        return node

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.get_event()
            self.problems.append(
                _Problem(
                    _at(event.start_mark),
                    f"alias YAML `*{event.anchor}` tidak diizinkan",
                    "tulis nilainya langsung di sini (salin isinya), tanpa `&` dan `*`",
                    f"`*{event.anchor}`",
                )
            )
            node = yaml.ScalarNode("", "", event.start_mark, event.end_mark)
            self.placeholders.add(id(node))
            return node
        if event.anchor is not None:
            self.problems.append(
                _Problem(
                    _at(event.start_mark),
                    f"anchor YAML `&{event.anchor}` tidak diizinkan",
                    "tulis setiap nilai langsung di tempatnya, tanpa `&` dan `*`",
                    f"`&{event.anchor}`",
                )
            )
        if event.tag is not None:
            self.problems.append(_tag_problem(event))
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(
                    _Problem(
                        _at(event.start_mark),
                        f"susunan bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat)",
                        "berkas data paling banyak beberapa tingkat indentasi, seperti di "
                        "data_contoh/",
                        f"lebih dari {MAX_DEPTH} tingkat",
                    )
                )
            # Anchors are passed as None: nothing is registered, so no alias can expand.
            if isinstance(event, yaml.ScalarEvent):
                return self.compose_scalar_node(None)
            if isinstance(event, yaml.SequenceStartEvent):
                return self.compose_sequence_node(None)
            return self.compose_mapping_node(None)
        finally:
            self.depth -= 1

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        # Tags are resolved by _Builder with the YAML 1.2 core schema, not by PyYAML.
        return ""


class _Loader(_Rules, yaml.SafeLoader):
    """The rules on PyYAML's pure-Python scanner and parser (its English errors are mapped to
    Indonesian messages by :func:`_syntax_problem`)."""

    def __init__(self, text: str) -> None:
        yaml.SafeLoader.__init__(self, text)
        self._start()


if getattr(yaml, "__with_libyaml__", False):

    class _CLoaderImpl(_Rules, yaml.cyaml.CParser):  # type: ignore[misc]
        """The same rules on libyaml's parser: the composing methods are :class:`_Rules`'
        (Python, listed first), only the events come from C."""

        def __init__(self, text: str) -> None:
            yaml.cyaml.CParser.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            self._start()

    _CLoader: type[_Rules] | None = _CLoaderImpl
else:  # pragma: no cover - PyYAML built without libyaml: every file takes the slow path
    _CLoader = None


def _tag_problem(event: yaml.NodeEvent) -> _Problem:
    tag = str(event.tag)
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    if shown.startswith("!!python") or "python/" in shown:
        what = "tag Python (dapat menjalankan kode)"
    else:
        what = "tag YAML"
    return _Problem(
        _at(event.start_mark),
        f"{what} `{_short(shown)}` tidak diizinkan di berkas data",
        'nilai biasa tanpa `!`, mis. `nilai: 86.5` atau teks dalam tanda kutip `"..."`',
        f"`{_short(shown)}`",
    )


def _short(text: str, limit: int = 60) -> str:
    text = ascii(text)[1:-1] if not text.isprintable() else text
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- building values ---------------------------------------------------------------------


class _Builder:
    def __init__(self, doc: Document, loader: _Rules) -> None:
        self.doc = doc
        self.loader = loader
        self.problems = loader.problems

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.doc.values[loc] = _position(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Position] = {}
        for key_node, value_node in node.value:
            key_pos = _position(key_node)
            key = self._key(key_node)
            if key is _SKIP:
                continue
            if key in first_seen:
                prior = first_seen[key]
                self.problems.append(
                    _Problem(
                        (key_pos.line, key_pos.column),
                        f"kunci `{key}` ditulis dua kali (pertama di baris {prior.line})",
                        "setiap kunci hanya sekali dalam satu pemetaan; hapus salah satunya, "
                        "mis. sisakan satu baris `nilai: 86.5`",
                        f"`{key}` muncul lagi",
                    )
                )
                continue
            first_seen[key] = key_pos
            self.doc.keys[(*loc, key)] = key_pos
            result[key] = self.build(value_node, (*loc, key))
        return result

    def _key(self, node: yaml.Node) -> Any:
        mark = (node.start_mark.line + 1, node.start_mark.column + 1)
        if not isinstance(node, yaml.ScalarNode):
            self.problems.append(
                _Problem(
                    mark,
                    "kunci tidak boleh berupa daftar atau pemetaan (kunci kompleks)",
                    "kunci sederhana sebelum `:`, mis. `nilai: 86.5`",
                    "daftar" if isinstance(node, yaml.SequenceNode) else "pemetaan",
                )
            )
            return _SKIP
        if not node.style and node.value == "<<":
            self.problems.append(
                _Problem(
                    mark,
                    "kunci gabungan YAML `<<` tidak diizinkan",
                    "tulis setiap kunci langsung di pemetaan ini, tanpa `<<`, `&`, dan `*`",
                    "`<<`",
                )
            )
            return _SKIP
        key = self._scalar(node)
        if key is None:
            self.problems.append(
                _Problem(
                    mark,
                    "kunci kosong (null) tidak diizinkan",
                    "nama kunci sebelum `:`, mis. `nilai: 86.5`",
                    "kunci kosong" if not node.value else f"`{_short(node.value)}`",
                )
            )
            return _SKIP
        if not isinstance(key, str) and (isinstance(key, bool) or not isinstance(key, int)):
            self.problems.append(
                _Problem(
                    mark,
                    "kunci harus berupa teks atau bilangan bulat",
                    "kunci sederhana, mis. `nilai:` atau tahun `2023:`",
                    f"`{_short(node.value)}`",
                )
            )
            return _SKIP
        return key

    def _scalar(self, node: yaml.Node) -> Any:
        if id(node) in self.loader.placeholders:
            return None
        if not isinstance(node, yaml.ScalarNode):
            return None
        # A plain scalar's style is None from PyYAML's parser and "" from libyaml's.
        if node.style or node.tag:
            return node.value  # quoted, block or explicitly tagged (refused above): text
        value, problem = resolve_plain(node.value)
        if problem is not None:
            pesan, diharapkan = problem
            self.problems.append(
                _Problem(_at(node.start_mark), pesan, diharapkan, f"`{_short(node.value)}`")
            )
            return node.value
        return value


_SKIP = object()


def _position(node: yaml.Node) -> Position:
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)


# --- plain scalars: the YAML 1.2 core schema, with YAML 1.1 look-alikes refused --------------

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_BOOL_11 = {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?P<mantissa>\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE](?P<exp>[-+]?[0-9]+))?")
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_BASED = re.compile(r"[-+]?0(?P<base>[oOxXbB])[0-9a-fA-F_]*")
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")
_UNDERSCORED = re.compile(
    r"[-+]?[0-9][0-9_]*_[0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|[-+]?\.[0-9_]*_[0-9_]*"
)
_QUOTE_HINT = '; bila maksudnya teks, beri tanda kutip, mis. `"{text}"`'
_BASE_NAMES = {"o": "oktal", "x": "heksadesimal", "b": "biner"}
_MAX_EXPONENT_DIGITS = 3
_MAX_MANTISSA_CHARS = 40


def resolve_plain(text: str) -> tuple[Any, tuple[str, str] | None]:
    """The value of an unquoted scalar, or a refusal ``(pesan, diharapkan)`` in Indonesian."""
    if text in _NULL:
        return None, None
    if text in _TRUE:
        return True, None
    if text in _FALSE:
        return False, None
    hint = _QUOTE_HINT.format(text=_short(text, 30))
    if text in _BOOL_11:
        return None, (
            f"`{text}` dibaca sebagai benar/salah oleh YAML 1.1 tetapi sebagai teks oleh YAML 1.2",
            "`true` atau `false` untuk benar/salah" + hint,
        )
    based = _BASED.fullmatch(text)
    if based:
        name = _BASE_NAMES[based.group("base").lower()]
        return None, (
            f"angka {name} `{text}` tidak diizinkan",
            "angka desimal biasa, mis. `90`" + hint,
        )
    if _INT.fullmatch(text):
        digits = text.lstrip("+-")
        if len(digits) > 1 and digits.startswith("0"):
            return None, (
                f"angka `{text}` diawali 0: YAML 1.1 membacanya sebagai oktal "
                f"(`010` menjadi 8), YAML 1.2 sebagai desimal",
                f"angka tanpa 0 di depan, mis. `{int(digits)}`" + hint,
            )
        if len(digits) > 13:
            return None, _too_large(text, hint)
        value = int(text)
        if abs(value) > MAX_MAGNITUDE:
            return None, _too_large(text, hint)
        return value, None
    if _SEXAGESIMAL.fullmatch(text):
        return None, (
            f"`{text}` dibaca sebagai angka basis 60 oleh YAML 1.1 (`1:30` menjadi 90)",
            "angka desimal biasa, mis. `90`" + hint,
        )
    if _UNDERSCORED.fullmatch(text):
        return None, (
            f"angka `{text}` memakai garis bawah, yang hanya dikenal YAML 1.1",
            f"angka tanpa pemisah ribuan, mis. `{text.replace('_', '')}`" + hint,
        )
    if _SPECIAL_FLOAT.fullmatch(text):
        return None, (
            f"`{text}` bukan angka terhingga",
            "angka biasa, mis. `86.5`; kosongkan nilai bila belum ada" + hint,
        )
    number = _FLOAT.fullmatch(text)
    if number:
        return _decimal(text, number, hint)
    return text, None


def _decimal(text: str, match: re.Match[str], hint: str) -> tuple[Any, tuple[str, str] | None]:
    exponent = (match.group("exp") or "").lstrip("+-")
    if len(exponent.lstrip("0")) > _MAX_EXPONENT_DIGITS or len(text) > _MAX_MANTISSA_CHARS:
        # Checked on the text: Decimal arithmetic on 1.0e+999999999 could take forever.
        return None, _too_large(text, hint)
    value = Decimal(text)
    if abs(value) > MAX_MAGNITUDE:
        return None, _too_large(text, hint)
    _, digits, exp = value.as_tuple()
    assert isinstance(exp, int)  # finite: the pattern has no inf/nan
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    fraction_digits = max(0, -exp - trailing_zeros)
    if fraction_digits > MAX_FRACTION_DIGITS:
        return None, (
            f"angka `{_short(text, 30)}` punya lebih dari {MAX_FRACTION_DIGITS} angka di "
            "belakang titik",
            f"paling banyak {MAX_FRACTION_DIGITS} angka di belakang titik, mis. `86.25`" + hint,
        )
    if match.group("exp") is not None:
        # 1.5e3 is stored as 1500, so no exponent notation reaches a page or a download.
        value = Decimal(format(value, "f"))
    return value, None


def _too_large(text: str, hint: str) -> tuple[str, str]:
    return (
        f"angka `{_short(text, 30)}` terlalu besar",
        "angka paling besar 1000000000000 (10^12), mis. `86.5`; nomor panjang seperti NIP "
        "ditulis sebagai teks" + hint,
    )


# --- PyYAML's syntax errors, in Indonesian -------------------------------------------------

_TOKENS = {
    "<document start>": "`---` (awal dokumen)",
    "<document end>": "`...` (akhir dokumen)",
    "<stream end>": "akhir berkas",
    "<block mapping start>": "kunci baru",
    "<block sequence start>": "daftar `-`",
    "<block end>": "akhir blok",
    "<block entry>": "butir daftar `-`",
    "<flow sequence start>": "`[`",
    "<flow sequence end>": "`]`",
    "<flow mapping start>": "`{`",
    "<flow mapping end>": "`}`",
    "<flow entry>": "`,`",
    "<key>": "kunci `?`",
    "<value>": "`:`",
    "<scalar>": "nilai",
    "<alias>": "alias `*`",
    "<anchor>": "anchor `&`",
    "<tag>": "tag `!`",
    "<directive>": "direktif `%`",
}


def _found(raw: str) -> str:
    """Indonesian description of what PyYAML found: a token name or a quoted character."""
    if raw.startswith("'") and raw.endswith("'"):
        raw = raw[1:-1]
    if raw in _TOKENS:
        return _TOKENS[raw]
    if raw in ("\\t", "\t"):
        return "karakter TAB"
    if raw in ("\\0", "\\x00", "\0"):
        return "akhir berkas"
    if raw in ("\\n", "\\r", " ", "\\x85"):
        return "akhir baris"
    if raw == "`":
        return "petik terbalik (`)"
    return f"`{_short(raw, 20)}`"


_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), pesan)
    for pattern, pesan in (
        (
            r"mapping values are not allowed here",
            "tanda ':' tidak boleh di sini (periksa indentasi atau beri tanda kutip pada teks "
            "yang memuat ':')",
        ),
        (r"could not find expected ':'", "tanda ':' yang diharapkan tidak ditemukan"),
        (
            r"found character '\\t' that cannot start any token",
            "karakter TAB tidak boleh dipakai; gunakan spasi untuk indentasi",
        ),
        (
            r"found character (?P<found>.*) that cannot start any token",
            "karakter {found} tidak boleh mengawali nilai; beri tanda kutip pada teks",
        ),
        (
            r"expected <block end>, but found '<block mapping start>'",
            "indentasi kunci tidak sesuai (kunci ini menjorok berbeda dari kunci lain di "
            "tingkat yang sama)",
        ),
        (
            r"expected <block end>, but found '(<block sequence start>|-|<block entry>)'",
            "indentasi daftar tidak sesuai",
        ),
        (r"expected <block end>, but found (?P<found>.*)", "indentasi tidak sesuai"),
        (
            r"found unexpected end of stream",
            "berkas berakhir sebelum tanda kutip atau kurung ditutup",
        ),
        (
            r"found unexpected document separator",
            "`---` atau `...` di awal baris di dalam teks bertanda kutip",
        ),
        (
            r"found unknown escape character (?P<found>.*)",
            "urutan `\\` {found} tidak dikenal di dalam tanda kutip ganda; pakai tanda kutip "
            "tunggal `'...'` atau tulis `\\\\`",
        ),
        (
            r"expected escape sequence of \d+ hexadecimal numbers, but found (?P<found>.*)",
            "kode `\\x`/`\\u` tidak lengkap di dalam tanda kutip ganda",
        ),
        (
            r"expected a comment or a line break, but found (?P<found>.*)",
            "setelah nilai ini hanya boleh ada komentar `#` atau baris baru",
        ),
        (r"expected ' ', but found (?P<found>.*)", "diharapkan spasi setelah tanda ini"),
        (
            r"expected alphabetic or numeric character, but found (?P<found>.*)",
            "tanda `*`, `&`, atau `!` punya arti khusus di YAML; beri tanda kutip pada teks, "
            "dan pakai `- ` untuk butir daftar",
        ),
        (
            r"expected (indentation indicator|chomping or indentation indicators).*",
            "penanda blok teks `|` atau `>` tidak sah",
        ),
        (r"expected the node content, but found (?P<found>.*)", "nilai diharapkan di sini"),
        (
            r"expected ',' or '\]', but got (?P<found>.*)",
            "daftar `[...]` belum ditutup atau koma pemisah hilang",
        ),
        (
            r"expected ',' or '}', but got (?P<found>.*)",
            "pemetaan `{...}` belum ditutup atau koma pemisah hilang",
        ),
        (
            r"expected '<document start>', but found (?P<found>.*)",
            "ada isi setelah akhir dokumen `...`",
        ),
        (
            r"but found another document",
            "berkas hanya boleh berisi satu dokumen YAML; hapus `---` yang kedua",
        ),
        (
            r"sequence entries are not allowed here",
            "butir daftar `-` tidak boleh di sini (periksa indentasi)",
        ),
        (
            r"mapping keys are not allowed here",
            "kunci kompleks `?` tidak boleh di sini",
        ),
        (
            r"invalid indentation or unclosed '\[' or '\{'",
            "indentasi tidak sah atau `[`/`{` belum ditutup",
        ),
        (
            r"found undefined tag handle.*|expected '!'.*|expected URI.*|expected '>'.*",
            "tag YAML tidak sah (tag tidak diizinkan)",
        ),
        (
            r".*(YAML directive|tag handle|YAML document|a digit).*",
            "direktif YAML `%` tidak sah (direktif tidak diperlukan)",
        ),
    )
)

_CONTEXTS: tuple[tuple[str, str], ...] = (
    ("while scanning a simple key", "kunci"),
    ("while scanning a quoted scalar", "teks bertanda kutip"),
    ("while scanning a double-quoted scalar", "teks bertanda kutip ganda"),
    ("while scanning a single-quoted scalar", "teks bertanda kutip tunggal"),
    ("while scanning a block scalar", "blok teks `|`/`>`"),
    ("while scanning an anchor", "anchor `&`"),
    ("while scanning an alias", "alias `*`"),
    ("while scanning a tag", "tag `!`"),
    ("while parsing a tag", "tag `!`"),
    ("while scanning a directive", "direktif `%`"),
    ("while parsing a block mapping", "pemetaan (kunci: nilai)"),
    ("while parsing a block collection", "daftar"),
    ("while parsing a flow sequence", "daftar `[...]`"),
    ("while parsing a flow mapping", "pemetaan `{...}`"),
    ("while parsing a block node", "nilai"),
    ("while parsing a flow node", "nilai"),
    ("while parsing a node", "nilai"),
    ("expected a single document in the stream", "dokumen pertama"),
)


def _syntax_problem(exc: yaml.MarkedYAMLError) -> _Problem:
    """Indonesian version of a PyYAML error; its English text is never passed through."""
    problem = exc.problem or ""
    pesan = "struktur YAML tidak dapat dibaca di sini"
    found = None
    for pattern, template in _PROBLEMS:
        match = pattern.fullmatch(problem)
        if match:
            groups = match.groupdict()
            found = _found(groups["found"]) if groups.get("found") else None
            pesan = template.replace("{found}", found or "")
            break
    where = None
    for english, indonesian in _CONTEXTS:
        if exc.context and exc.context.startswith(english):
            where = indonesian
            break
    ditemukan = found
    mark = exc.problem_mark or exc.context_mark
    if where and exc.context_mark is not None and exc.context_mark is not mark:
        line, column = exc.context_mark.line + 1, exc.context_mark.column + 1
        started = f"di dalam {where} yang dimulai di baris {line} kolom {column}"
        ditemukan = f"{found}, {started}" if found else started
    return _Problem(_at(mark), f"kesalahan sintaks YAML: {pesan}", _YAML_EXAMPLE, ditemukan)


M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated model together with the document it came from (for positions)."""

    model: M
    doc: Document

    @property
    def berkas(self) -> str:
        return self.doc.display
