"""Composite indicators: arithmetic formulas over other indicators' ids.

A formula (rumus) may use indicator ids (``[a-z][a-z0-9_]*``), decimal numbers, ``+ - * /``,
unary minus and parentheses, nothing else.  It is never run with Python ``eval``: the syntax
tree is checked node by node, then evaluated by simpleeval restricted to those operators, with
every number read as an exact Fraction from its written text.  No regulation prescribes a
formula syntax; composites come from the penjenjangan (cascading) kinerja of PermenPANRB Nomor 89
Tahun 2021, and a composite is reported only when every indicator it is built from is.
"""

from __future__ import annotations

import ast
import heapq
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from simpleeval import SimpleEval

from .numbers import to_fraction

ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*", re.ASCII)
MAX_EXPONENT = 100
"""Largest decimal exponent accepted in a literal such as 1e5."""

_OPERATORS: dict[type[ast.AST], Callable[..., Fraction]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.USub: operator.neg,
}
_STRUCTURE = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Load)

# What a reader is told instead of a Python node name.
_DISALLOWED: dict[type[ast.AST], str] = {
    ast.Call: "pemanggilan fungsi",
    ast.Attribute: "akses atribut (titik)",
    ast.Subscript: "indeks atau potongan ([ ])",
    ast.Compare: "perbandingan",
    ast.BoolOp: "operator logika (and/or)",
    ast.Not: "operator logika (not)",
    ast.IfExp: "ekspresi bersyarat (if/else)",
    ast.Pow: "pangkat (**)",
    ast.FloorDiv: "pembagian bulat (//)",
    ast.Mod: "sisa bagi (%)",
    ast.UAdd: "tanda plus tunggal (+x)",
    ast.Lambda: "fungsi lambda",
    ast.NamedExpr: "penugasan (:=)",
    ast.Tuple: "daftar nilai dengan koma",
    ast.List: "daftar ([ ])",
    ast.Dict: "kamus ({ })",
    ast.Set: "himpunan ({ })",
    ast.JoinedStr: "teks (string)",
}


class FormulaError(ValueError):
    """A formula that is not valid; the message is Indonesian, for the data author."""


@dataclass(frozen=True)
class ParsedFormula:
    text: str
    references: tuple[str, ...]
    """Indicator ids used, sorted, each once."""


@dataclass(frozen=True)
class FormulaResult:
    nilai: Fraction | None
    hilang: tuple[str, ...]
    """Referenced ids with no value (None or absent), sorted."""
    alasan: str | None
    """Why ``nilai`` is None, in Indonesian; None when computed."""


def _normalise(text: str) -> str:
    # A formula may be wrapped over lines in YAML; whitespace never matters in it.
    return " ".join(text.split())


def _describe(node: ast.AST) -> str:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str | bytes):
            return "teks (string)"
        return f"konstanta {node.value!r}"
    if isinstance(node, ast.Name):
        return f"nama {node.id!r} (id indikator hanya huruf kecil, angka, dan garis bawah)"
    for kind, label in _DISALLOWED.items():
        if isinstance(node, kind):
            return label
    return f"unsur {type(node).__name__}"


def _written_number(source: str, node: ast.Constant) -> Fraction:
    """A decimal literal as written, not the float Python parsed it into (0.1 stays 1/10)."""
    written = ast.get_source_segment(source, node)
    if written is None:  # pragma: no cover - ast.parse always records positions
        raise FormulaError("angka dalam rumus tidak dapat dibaca")
    # 1e999999999 would be an exact integer of a billion digits: refuse it before building it.
    if abs(Decimal(written.replace("_", "")).adjusted()) > MAX_EXPONENT:
        raise FormulaError(f"angka dalam rumus terlalu besar atau terlalu kecil: {written}")
    return Fraction(written)


def _checked_tree(text: str) -> ast.Expression:
    source = _normalise(text)
    if not source:
        raise FormulaError("rumus kosong")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        where = f" pada kolom {exc.offset}" if exc.offset else ""
        raise FormulaError(f"penulisan rumus salah{where}: {source!r}") from None
    except (ValueError, RecursionError, MemoryError):
        # Absurd input (thousands of digits or of nested parentheses) is also a bad formula.
        raise FormulaError(
            f"rumus terlalu panjang atau bertingkat terlalu dalam: {source!r}"
        ) from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant):
            # bool is an int subclass; complex (1j), str, bytes, None and ... are refused.
            allowed = type(node.value) in (int, float)
            if type(node.value) is float:
                _written_number(source, node)
        elif isinstance(node, ast.Name):
            allowed = ID_PATTERN.fullmatch(node.id) is not None
        elif isinstance(node, ast.operator | ast.unaryop):
            allowed = type(node) in _OPERATORS
        else:
            allowed = isinstance(node, _STRUCTURE)
        if not allowed:
            raise FormulaError(f"tidak diizinkan dalam rumus: {_describe(node)}")
    return tree


def parse_formula(text: str) -> ParsedFormula:
    """Check a formula and list the indicator ids it uses; raises FormulaError."""
    tree = _checked_tree(text)
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return ParsedFormula(text=text, references=tuple(sorted(names)))


class _ExactEval(SimpleEval):
    """simpleeval limited to the formula grammar, reading literals as exact Fractions."""

    def __init__(self, source: str, names: Mapping[str, Fraction]) -> None:
        super().__init__(operators=dict(_OPERATORS), functions={}, names=dict(names))
        self._source = source
        # Only the node kinds the grammar allows; anything else fails inside simpleeval too.
        self.nodes = {
            ast.BinOp: self._eval_binop,
            ast.UnaryOp: self._eval_unaryop,
            ast.Name: self._eval_name,
            ast.Constant: self._exact_constant,
        }

    def _exact_constant(self, node: ast.Constant) -> Fraction:
        if type(node.value) is int:
            return Fraction(node.value)
        return _written_number(self._source, node)


def evaluate_formula(parsed: ParsedFormula, values: Mapping[str, Fraction | None]) -> FormulaResult:
    """The formula's exact value, or None with a reason when an input is missing or x/0."""
    present: dict[str, Fraction] = {}
    for ident in parsed.references:
        value = values.get(ident)
        if value is not None:
            present[ident] = to_fraction(value)
    hilang = tuple(ident for ident in parsed.references if ident not in present)
    if hilang:
        return FormulaResult(
            None, hilang, f"nilai belum lengkap: {', '.join(hilang)} belum tersedia"
        )
    tree = _checked_tree(parsed.text)
    evaluator = _ExactEval(_normalise(parsed.text), present)
    try:
        result = evaluator.eval(parsed.text, previously_parsed=tree.body)
    except ZeroDivisionError:
        return FormulaResult(
            None, (), "pembagian dengan nol dalam rumus, nilai tidak dapat dihitung"
        )
    return FormulaResult(Fraction(result), (), None)


def _graph(references: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    return {node: sorted(set(targets)) for node, targets in references.items()}


def find_cycles(references: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Every elementary cycle once, starting and ending at its smallest id: ``["a", "b", "a"]``.

    Deterministic: cycles are found from each id in sorted order, neighbours in sorted order.
    """
    graph = _graph(references)
    cycles: list[list[str]] = []
    for start in sorted(graph):
        # Only through ids greater than ``start``, so each cycle is reported from its minimum.
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for target in reversed(graph.get(node, [])):
                if target == start:
                    cycles.append([*path, start])
                elif target > start and target not in path and target in graph:
                    stack.append((target, [*path, target]))
    cycles.sort()
    return cycles


def evaluation_order(references: Mapping[str, Iterable[str]]) -> list[str]:
    """Composite ids ordered so each comes after the composites it uses; FormulaError on a cycle.

    Ids that only appear as references (plain indicators) are not listed.  Among ids that are
    ready at the same time the alphabetical one comes first, so the order is reproducible.
    """
    graph = _graph(references)
    waiting = {node: {t for t in targets if t in graph} for node, targets in graph.items()}
    users: dict[str, list[str]] = {node: [] for node in graph}
    for node, needs in waiting.items():
        for need in needs:
            users[need].append(node)
    ready = [node for node, needs in waiting.items() if not needs]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        node = heapq.heappop(ready)
        order.append(node)
        for user in users[node]:
            waiting[user].discard(node)
            if not waiting[user]:
                heapq.heappush(ready, user)
    if len(order) < len(graph):
        cycle = find_cycles(references)[0]
        raise FormulaError("rumus membentuk lingkaran: " + " → ".join(cycle))
    return order
