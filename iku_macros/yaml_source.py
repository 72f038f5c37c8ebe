"""Safe YAML reading that remembers where every value came from.

PyYAML's safe loader is used to compose the node tree; we then build plain Python values
ourselves so that (1) every value's line and column is kept for error messages, (2) duplicate
keys are reported instead of silently overwritten, and (3) decimals are read exactly
(``86.7`` becomes ``Decimal("86.7")``, never a binary float).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel

from .errors import DataError

Loc = tuple[Any, ...]

_FLOAT_TAG = "tag:yaml.org,2002:float"

# PyYAML's syntax messages are English; staff get the common ones in Indonesian.
_SYNTAX_PROBLEMS = {
    "mapping values are not allowed here": "tanda ':' tidak boleh di sini (periksa indentasi "
    "atau beri tanda kutip pada teks yang memuat ':')",
    "could not find expected ':'": "tanda ':' yang diharapkan tidak ditemukan",
    "found character '\\t' that cannot start any token": "karakter TAB tidak boleh dipakai; "
    "gunakan spasi untuk indentasi",
    "found undefined alias": "alias YAML tidak dikenal",
    "expected <block end>, but found '<block sequence start>'": "indentasi daftar tidak sesuai",
    "expected <block end>, but found '-'": "indentasi daftar tidak sesuai",
    "expected <block end>, but found '<scalar>'": "indentasi tidak sesuai",
    "expected <block end>, but found '<block mapping start>'": "indentasi kunci tidak sesuai "
    "(kunci ini menjorok berbeda dari kunci lain di tingkat yang sama)",
    "found unexpected end of stream": "berkas berakhir sebelum tanda kutip ditutup",
}


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


def _position(node: yaml.Node) -> Position:
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)


def read_yaml(path: Path, display: str) -> tuple[Document | None, list[DataError]]:
    """Parse one file. Returns the document (None on syntax errors) and the errors found."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [
            DataError(
                display,
                None,
                None,
                f"berkas bukan teks UTF-8 ({exc.reason})",
                "simpan ulang berkas sebagai teks UTF-8 (di editor: Save with Encoding → UTF-8)",
            )
        ]
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(display, exc)]
    finally:
        loader.dispose()
    doc = Document(path, display, None)
    if node is None:
        doc.data = None
        return doc, []
    errors: list[DataError] = []
    doc.data = _build(node, (), doc, loader, errors)
    return doc, errors


def _syntax_error(display: str, exc: yaml.MarkedYAMLError) -> DataError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "kesalahan sintaks"
    pesan = _SYNTAX_PROBLEMS.get(problem, problem)
    return DataError(
        display,
        mark.line + 1 if mark else None,
        mark.column + 1 if mark else None,
        f"kesalahan sintaks YAML: {pesan}",
        "YAML yang sah, mis. `kunci: nilai` dengan indentasi spasi yang rata",
        repr(exc.context) if exc.context else None,
    )


def _build(
    node: yaml.Node, loc: Loc, doc: Document, loader: yaml.SafeLoader, errors: list[DataError]
) -> Any:
    doc.values[loc] = _position(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Position] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader)
            if not isinstance(key, str | int):
                errors.append(
                    doc.error(
                        loc, "kunci harus berupa teks atau angka", "kunci sederhana, mis. `nilai:`"
                    )
                )
                continue
            key_pos = _position(key_node)
            if key in first_seen:
                prior = first_seen[key]
                errors.append(
                    DataError(
                        doc.display,
                        key_pos.line,
                        key_pos.column,
                        f"kunci `{key}` ditulis dua kali (pertama di baris {prior.line})",
                        "setiap kunci hanya sekali dalam satu pemetaan; hapus salah satunya, "
                        "mis. sisakan satu baris `nilai: 86.5`",
                        f"`{key}` muncul lagi",
                    )
                )
                continue
            first_seen[key] = key_pos
            doc.keys[(*loc, key)] = key_pos
            result[key] = _build(value_node, (*loc, key), doc, loader, errors)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*loc, index), doc, loader, errors)
            for index, item in enumerate(node.value)
        ]
    return _scalar(node, loader)


def _scalar(node: yaml.Node, loader: yaml.SafeLoader) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return None
    if node.tag == _FLOAT_TAG:
        try:
            value = Decimal(node.value.replace("_", ""))
        except InvalidOperation:
            return loader.construct_object(node)  # .inf / .nan: rejected later as non-numbers
        if value.is_finite():
            return value
    return loader.construct_object(node)


M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated model together with the document it came from (for positions)."""

    model: M
    doc: Document

    @property
    def berkas(self) -> str:
        return self.doc.display
