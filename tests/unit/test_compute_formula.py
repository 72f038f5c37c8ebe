"""Composite-indicator formulas: safe parsing, exact evaluation, cycles and order."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from iku_macros.compute.formula import (
    FormulaError,
    FormulaResult,
    ParsedFormula,
    evaluate_formula,
    evaluation_order,
    find_cycles,
    parse_formula,
)

AVERAGE_OF_5 = "(ikk_a + ikk_b + ikk_c + ikk_d + ikk_e) / 5"
FIVE = {
    "ikk_a": Fraction(80),
    "ikk_b": Fraction(85),
    "ikk_c": Fraction(90),
    "ikk_d": Fraction(95),
    "ikk_e": Fraction(100),
}


def test_parse_lists_references_sorted_and_unique() -> None:
    assert parse_formula("b2 * 2 + a_1 - b2") == ParsedFormula(
        text="b2 * 2 + a_1 - b2", references=("a_1", "b2")
    )


def test_composite_of_five() -> None:
    # (80 + 85 + 90 + 95 + 100) / 5 = 450 / 5 = 90
    assert evaluate_formula(parse_formula(AVERAGE_OF_5), FIVE) == FormulaResult(
        Fraction(90), (), None
    )


@pytest.mark.parametrize("missing", ["none", "absent"])
def test_composite_with_one_input_missing(missing: str) -> None:
    values: dict[str, Fraction | None] = dict(FIVE)
    if missing == "none":
        values["ikk_c"] = None
    else:
        del values["ikk_c"]
    assert evaluate_formula(parse_formula(AVERAGE_OF_5), values) == FormulaResult(
        None, ("ikk_c",), "nilai belum lengkap: ikk_c belum tersedia"
    )


def test_several_missing_inputs_are_all_named() -> None:
    result = evaluate_formula(parse_formula(AVERAGE_OF_5), {"ikk_a": Fraction(1)})
    assert result.hilang == ("ikk_b", "ikk_c", "ikk_d", "ikk_e")
    assert result.alasan == "nilai belum lengkap: ikk_b, ikk_c, ikk_d, ikk_e belum tersedia"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a * 0.1", Fraction(3, 10)),  # 3 × 0.1 = 0.3 exactly (float: 0.30000000000000004)
        ("a / 9", Fraction(1, 3)),  # 3 / 9
        ("a + b * c", Fraction(23)),  # 3 + 4 × 5
        ("(a + b) * c", Fraction(35)),  # (3 + 4) × 5
        ("-a + b", Fraction(1)),  # −3 + 4
        ("a - -b", Fraction(7)),  # 3 − (−4)
        ("a * 0.12345678901234567890", Fraction(37037036703703703670, 10**20)),  # 3 × digits
        ("a * 1e2", Fraction(300)),
        ("  (a +\n   b) / 2 ", Fraction(7, 2)),  # wrapped over lines in YAML: (3 + 4) / 2
        ("7", Fraction(7)),
    ],
)
def test_exact_evaluation(text: str, expected: Fraction) -> None:
    values = {"a": Fraction(3), "b": Fraction(4), "c": Fraction(5)}
    result = evaluate_formula(parse_formula(text), values)
    assert result == FormulaResult(expected, (), None)
    assert type(result.nilai) is Fraction


def test_division_by_zero_gives_reason() -> None:
    # b − b = 0
    result = evaluate_formula(parse_formula("a / (b - b)"), {"a": Fraction(1), "b": Fraction(2)})
    assert result.nilai is None
    assert result.hilang == ()
    assert result.alasan is not None
    assert "pembagian dengan nol" in result.alasan


@pytest.mark.parametrize("text", ["(a + b", "a +", "a b", "a = 1", "a; b", "2a"])
def test_syntax_error(text: str) -> None:
    with pytest.raises(FormulaError, match="penulisan rumus salah"):
        parse_formula(text)


def test_empty_formula() -> None:
    with pytest.raises(FormulaError, match="rumus kosong"):
        parse_formula("  ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("max(a, b)", "pemanggilan fungsi"),
        ("__import__('os').system('x')", "pemanggilan fungsi"),
        ("a.real", "akses atribut"),
        ("'80'", "teks"),
        ("a + 'x'", "teks"),
        ("a > b", "perbandingan"),
        ("a == b", "perbandingan"),
        ("a ** 2", "pangkat"),
        ("a // 2", "pembagian bulat"),
        ("a % 2", "sisa bagi"),
        ("a and b", "operator logika"),
        ("not a", "operator logika"),
        ("a if b else c", "ekspresi bersyarat"),
        ("a[0]", "indeks"),
        ("lambda: a", "lambda"),
        ("(a, b)", "daftar nilai"),
        ("+a", "tanda plus"),
        ("True", "konstanta"),
        ("None", "konstanta"),
        ("2j", "konstanta"),
        ("A + b", "nama 'A'"),
        ("__class__", "nama '__class__'"),
        ("_a", "nama '_a'"),
        ("f'{a}'", "teks"),
    ],
)
def test_disallowed_constructs(text: str, message: str) -> None:
    with pytest.raises(FormulaError, match=message):
        parse_formula(text)


def test_formula_error_is_a_value_error() -> None:
    assert issubclass(FormulaError, ValueError)


def test_unknown_names_are_found_through_references() -> None:
    known = {"ikk_a", "ikk_b"}
    parsed = parse_formula("(ikk_a + ikk_x) / 2")
    assert [ref for ref in parsed.references if ref not in known] == ["ikk_x"]


def test_no_cycle() -> None:
    assert find_cycles({"c": ["a", "b"], "d": ["c", "a"]}) == []


def test_two_cycle() -> None:
    assert find_cycles({"a": ["b"], "b": ["a"]}) == [["a", "b", "a"]]


def test_self_reference() -> None:
    assert find_cycles({"a": ["a", "x"]}) == [["a", "a"]]


def test_three_cycle_starts_at_smallest_id() -> None:
    assert find_cycles({"c": ["a"], "a": ["b"], "b": ["c"]}) == [["a", "b", "c", "a"]]


def test_several_cycles_each_once_in_order() -> None:
    references = {
        "a": ["b"],
        "b": ["a", "c"],
        "c": ["c"],
        "d": ["e"],
        "e": ["f"],
        "f": ["d", "a"],
    }
    assert find_cycles(references) == [["a", "b", "a"], ["c", "c"], ["d", "e", "f", "d"]]


def test_evaluation_order_puts_dependencies_first() -> None:
    # x uses z and y; z uses y; y uses only plain indicators
    references = {"x": ["z", "y", "p"], "z": ["y", "q"], "y": ["p"]}
    assert evaluation_order(references) == ["y", "z", "x"]


def test_evaluation_order_is_alphabetical_among_independent() -> None:
    assert evaluation_order({"m": ["p"], "b": ["q"], "k": []}) == ["b", "k", "m"]


def test_evaluation_order_rejects_cycles() -> None:
    with pytest.raises(FormulaError, match="lingkaran: a → b → a"):
        evaluation_order({"a": ["b"], "b": ["a"], "c": ["a"]})


@pytest.mark.parametrize("text", ["a * 1e999999999", "a * 1e-101"])
def test_absurd_exponent_is_refused_before_computing(text: str) -> None:
    with pytest.raises(FormulaError, match="terlalu besar atau terlalu kecil"):
        parse_formula(text)


def test_values_may_be_decimal() -> None:
    values = {"a": Decimal("0.1"), "b": Decimal("0.2")}
    # 0.1 + 0.2 = 0.3 exactly
    result = evaluate_formula(parse_formula("a + b"), values)  # type: ignore[arg-type]
    assert result.nilai == Fraction(3, 10)
