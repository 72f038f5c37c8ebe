"""Composite indicators: arithmetic formulas over other indicators' ids.

A formula (rumus) may use indicator ids (``[a-z][a-z0-9_]*``), decimal numbers, ``+ - * /``,
unary minus and parentheses, nothing else, and must name at least one indicator.  It is never
run with Python ``eval``: the syntax tree is checked node by node, then evaluated by simpleeval
restricted to those operators, with every number read as an exact Fraction from its written
text.  What a reviewer reads must be all that is computed, so the text is printable ASCII on one
line with no comment (``#``), no second statement (``;``) and no line continuation: Python would
silently skip a comment and fold a fullwidth or other look-alike letter (NFKC) into an ASCII id.
No regulation prescribes a formula syntax; composites come from the penjenjangan (cascading)
kinerja of PermenPANRB Nomor 89 Tahun 2021, and a composite is reported only when every indicator
it is built from is.
"""

from __future__ import annotations

import ast
import heapq
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from simpleeval import SimpleEval

from iku_macros.compute.numbers import to_fraction
from iku_macros.data.characters import describe_character, invisible, lookalike

ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*", re.ASCII)
MAX_LENGTH = 5000
"""Longest formula text accepted (an average of 100 long ids fits)."""
MAX_DEPTH = 100
"""Deepest nesting of operations (a sum of n terms nests n − 1 deep): simpleeval recurses once
per operation, and this keeps it far from Python's recursion limit wherever it is called from."""
MAX_MAGNITUDE = Fraction(10**12)
MAX_DECIMALS = 10
"""Numbers written in a formula, and its result, stay within the bounds of numbers in data files:
so the result is exact, finite, and quick to compute whatever the inputs."""
_DECIMAL_LITERAL = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?", re.ASCII)

_OPERATORS: dict[type[ast.AST], Callable[..., Fraction]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.USub: operator.neg,
}
_STRUCTURE = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Load)

# ASCII that Python's tokenizer would not compute although a reviewer reads it.
_HIDDEN_ASCII = {
    "#": "komentar tidak diizinkan, karena seluruh teks rumus harus ikut dihitung",
    ";": "hanya satu rumus; titik koma memisahkan pernyataan kedua",
    "\\": "garis miring terbalik tidak diizinkan; untuk membagi tulis `/`",
}
# Symbols staff may type for an operator the formula writes in ASCII.
_OPERATOR_LOOKALIKES = {
    "\u00d7": "*",  # MULTIPLICATION SIGN
    "\u2217": "*",  # ASTERISK OPERATOR
    "\u00f7": "/",  # DIVISION SIGN
    "\u2215": "/",  # DIVISION SLASH
    "\uff0f": "/",  # FULLWIDTH SOLIDUS
    "\u2212": "-",  # MINUS SIGN
    "\u2013": "-",  # EN DASH
    "\u2014": "-",  # EM DASH
    "\uff0b": "+",  # FULLWIDTH PLUS SIGN
}

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
    melampaui_batas: bool = False
    """True when the result was beyond ±10^12 (a data error, not a missing value)."""


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


def _short(text: str) -> str:
    """At most 80 characters of ``text``, for a message."""
    return text if len(text) <= 80 else text[:77] + "..."


def _check_characters(text: str) -> None:
    """Printable ASCII on one line, without what Python would skip or silently normalise."""
    for index, char in enumerate(text):
        if " " <= char <= "~" and char not in _HIDDEN_ASCII:
            continue
        if char in _HIDDEN_ASCII:
            reason = _HIDDEN_ASCII[char]
        elif char in "\n\r\x0b\x0c\x85\u2028\u2029":
            reason = "rumus harus ditulis dalam satu baris"
        elif char in _OPERATOR_LOOKALIKES:
            reason = f"tulis `{_OPERATOR_LOOKALIKES[char]}`"
        elif (similar := lookalike(char)) is not None:
            reason = f"ketik ulang sebagai `{similar}` biasa"
        elif invisible(char):
            reason = "hapus karakter tak terlihat ini (ketik ulang rumusnya)"
        else:
            reason = (
                "rumus hanya boleh memuat id indikator, angka, spasi, + - * / dan kurung "
                "(huruf dan tanda baca ASCII)"
            )
        raise FormulaError(
            f"karakter ke-{index + 1} dalam rumus adalah {describe_character(char)}: {reason}"
        )


def _depth(tree: ast.AST) -> int:
    """Deepest nesting of operations, computed without recursion (the tree may be deep)."""
    deepest = 0
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        depth += isinstance(node, ast.BinOp | ast.UnaryOp)
        deepest = max(deepest, depth)
        stack.extend((child, depth) for child in ast.iter_child_nodes(node))
    return deepest


def _written_number(source: str, node: ast.Constant) -> Fraction:
    """A decimal literal as written, not the number Python parsed it into (0.1 stays 1/10,
    and 0x10 or 1_000 are refused rather than read as 16 or 1000)."""
    written = ast.get_source_segment(source, node)
    if written is None:  # pragma: no cover - ast.parse always records positions
        raise FormulaError("angka dalam rumus tidak dapat dibaca")
    if not _DECIMAL_LITERAL.fullmatch(written):
        raise FormulaError(
            f"angka `{_short(written)}` harus ditulis sebagai bilangan desimal biasa, "
            "mis. 5 atau 0.25"
        )
    try:
        exact = Decimal(written)
    except InvalidOperation:  # an exponent beyond what Decimal can hold
        raise FormulaError(
            f"angka dalam rumus terlalu besar atau terlalu kecil: {_short(written)}"
        ) from None
    # Checked on the exponent before building the Fraction: 1e999999999 would be an integer of
    # a billion digits.
    too_big = exact != 0 and exact.adjusted() > 12
    too_precise = exact != 0 and exact.adjusted() < -MAX_DECIMALS
    value = Fraction(0) if exact == 0 or too_big or too_precise else Fraction(exact)
    if too_big or abs(value) > MAX_MAGNITUDE:
        raise FormulaError(
            f"angka dalam rumus terlalu besar (paling besar 10^12): {_short(written)}"
        )
    if too_precise or (value * 10**MAX_DECIMALS).denominator != 1:
        raise FormulaError(
            f"angka dalam rumus terlalu banyak desimal (paling banyak {MAX_DECIMALS}): "
            f"{_short(written)}"
        )
    return value


def _checked_tree(text: str) -> ast.Expression:
    source = text.strip()
    if not source:
        raise FormulaError("rumus kosong")
    if len(source) > MAX_LENGTH:
        raise FormulaError(
            f"rumus terlalu panjang: {len(source)} karakter (paling banyak {MAX_LENGTH})"
        )
    _check_characters(source)
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        if "nested" in str(exc.msg):  # Python's own limit on parentheses
            raise FormulaError("rumus bertingkat terlalu dalam (kurung terlalu banyak)") from None
        where = f" di dekat karakter ke-{exc.offset}" if exc.offset else ""
        raise FormulaError(f"penulisan rumus salah{where}: {_short(source)!r}") from None
    except (ValueError, RecursionError, MemoryError):
        # Absurd input (thousands of digits or of nested parentheses) is also a bad formula.
        raise FormulaError(
            f"rumus terlalu panjang atau bertingkat terlalu dalam: {_short(source)!r}"
        ) from None
    if _depth(tree) > MAX_DEPTH:
        raise FormulaError(
            f"rumus bertingkat terlalu dalam: paling banyak {MAX_DEPTH} operasi bersambung "
            f"(mis. jumlah {MAX_DEPTH + 1} indikator) atau bertingkat di dalam kurung"
        )
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant):
            # bool is an int subclass; complex (1j), str, bytes, None and ... are refused.
            allowed = type(node.value) in (int, float)
            if allowed:
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
    if not names:
        # A constant would be published as if it were computed from other indicators.
        raise FormulaError(
            "rumus tidak menyebut satu pun id indikator; angka tetap saja bukan rumus komposit"
        )
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
        return _written_number(self._source, node)


def evaluate_formula(parsed: ParsedFormula, values: Mapping[str, Fraction | None]) -> FormulaResult:
    """The formula's exact value, or None with a reason when an input is missing, on x/0, or
    when the result is beyond ±10^12 (inputs within bounds can still multiply past them)."""
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
    source = parsed.text.strip()
    evaluator = _ExactEval(source, present)
    try:
        result = Fraction(evaluator.eval(source, previously_parsed=tree.body))
    except ZeroDivisionError:
        return FormulaResult(
            None, (), "pembagian dengan nol dalam rumus, nilai tidak dapat dihitung"
        )
    if abs(result) > MAX_MAGNITUDE:
        return FormulaResult(
            None,
            (),
            "hasil rumus melampaui batas angka yang dapat diolah (±10^12)",
            melampaui_batas=True,
        )
    return FormulaResult(result, (), None)


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
