"""Composite-indicator formulas: safe parsing, exact evaluation, cycles and order."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from iku_macros.compute.formula import (
    MAX_DEPTH,
    MAX_LENGTH,
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
        ("a * 0.1234567891", Fraction(3703703673, 10**10)),  # 3 × 0.1234567891, 10 decimals
        ("a * 1e2", Fraction(300)),
        ("  (a +   b) / 2 ", Fraction(7, 2)),  # spaces anywhere: (3 + 4) / 2
        ("a * 0 + 7", Fraction(7)),  # 3 × 0 + 7
        ("a * 1e12 / 3", Fraction(10**12)),  # the largest number a formula may write
        ("a * 1e-10", Fraction(3, 10**10)),  # the smallest step a formula may write
        ("a * .5 + b * 5.", Fraction(43, 2)),  # 1.5 + 20
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


@pytest.mark.parametrize("text", ["(a + b", "a +", "a b", "a = 1", "2a", "007 * a"])
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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a * 1e999999999", "terlalu besar"),  # refused from its exponent, never built
        ("a * 1e13", "terlalu besar"),
        ("a * 1000000000000.5", "terlalu besar"),
        ("a * 1e-101", "terlalu banyak desimal"),
        ("a * 1e-11", "terlalu banyak desimal"),
        ("a * 0.12345678901", "terlalu banyak desimal"),  # 11 decimals
        ("a * 1e99999999999999999999999999", "terlalu besar atau terlalu kecil"),  # not a Decimal
        ("a * 1e-99999999999999999999999999", "terlalu besar atau terlalu kecil"),
        ("a * " + "9" * 5000, "terlalu panjang"),
    ],
)
def test_numbers_beyond_the_data_bounds_are_refused(text: str, message: str) -> None:
    with pytest.raises(FormulaError, match=message):
        parse_formula(text)


def test_values_may_be_decimal() -> None:
    values = {"a": Decimal("0.1"), "b": Decimal("0.2")}
    # 0.1 + 0.2 = 0.3 exactly
    result = evaluate_formula(parse_formula("a + b"), values)  # type: ignore[arg-type]
    assert result.nilai == Fraction(3, 10)


# --- what is displayed must be all that is computed ---------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Python would skip the comment and compute 100.
        ("100 # (a + b) / 5", r"karakter ke-5 .*U\+0023 NUMBER SIGN.*komentar"),
        ("(a + b) / 2 #", r"U\+0023 NUMBER SIGN"),
        ("a; b", r"karakter ke-2 .*U\+003B SEMICOLON.*hanya satu rumus"),
        ("a;b * 100", r"U\+003B SEMICOLON"),
        ("a\n+ b", r"karakter ke-2 .*U\+000A LINE FEED.*satu baris"),
        ("a +\r\nb", r"U\+000D CARRIAGE RETURN.*satu baris"),
        ("a \\\n+ b", r"U\+005C REVERSE SOLIDUS"),
        ("a\t+ b", r"U\+0009 CHARACTER TABULATION \(tak terlihat\)"),
        ("a\u00a0+ b", r"U\+00A0 NO-BREAK SPACE \(tak terlihat\)"),
        ("a\u200b+ b", r"U\+200B ZERO WIDTH SPACE \(tak terlihat\)"),
        ("a + b\u202e", r"U\+202E RIGHT-TO-LEFT OVERRIDE"),
        # NFKC would fold a fullwidth letter into the ASCII id `nilai`.
        ("\uff4eilai + 1", r"U\+FF4E FULLWIDTH LATIN SMALL LETTER N \(mirip `n`\)"),
        ("nilai_s\u0430kip * 2", r"U\+0430 CYRILLIC SMALL LETTER A \(mirip `a`\)"),
        ("\u03bfmega + 1", r"U\+03BF GREEK SMALL LETTER OMICRON \(mirip `o`\)"),
        ("a * \uff10.\uff15", r"U\+FF10 FULLWIDTH DIGIT ZERO \(mirip `0`\)"),
        ("a * \u0663", r"U\+0663 ARABIC-INDIC DIGIT THREE"),
        ("a \u2212 b", r"U\+2212 MINUS SIGN.*tulis `-`"),
        ("a \u00d7 2", r"U\+00D7 MULTIPLICATION SIGN.*tulis `\*`"),
        ("a \u00f7 2", r"U\+00F7 DIVISION SIGN.*tulis `/`"),
    ],
)
def test_text_that_would_not_be_computed_as_displayed(text: str, message: str) -> None:
    with pytest.raises(FormulaError, match=message):
        parse_formula(text)


@pytest.mark.parametrize("text", ["100", "7 * 2", "(1 + 2) / 3", "-5"])
def test_a_formula_must_name_an_indicator(text: str) -> None:
    with pytest.raises(FormulaError, match="tidak menyebut satu pun id indikator"):
        parse_formula(text)


@pytest.mark.parametrize("text", ["0x10 + a", "0o17 + a", "0b1 + a", "1_000 * a", "1E2 * a"])
def test_numbers_must_be_plain_decimals(text: str) -> None:
    # Python would read 0x10 as 16 and 1_000 as 1000; 1E2 is refused for its capital letter.
    with pytest.raises(FormulaError, match=r"bilangan desimal biasa|LATIN CAPITAL LETTER E"):
        parse_formula(text)


def test_nesting_limit_is_exact() -> None:
    # A flat sum of n terms is n - 1 nested additions.
    at_limit = " + ".join(["a"] * (MAX_DEPTH + 1))
    assert evaluate_formula(parse_formula(at_limit), {"a": Fraction(1)}).nilai == MAX_DEPTH + 1
    with pytest.raises(FormulaError, match=f"paling banyak {MAX_DEPTH}"):
        parse_formula(" + ".join(["a"] * (MAX_DEPTH + 2)))
    with pytest.raises(FormulaError, match="terlalu dalam"):
        parse_formula("-" * (MAX_DEPTH + 1) + "a")


@pytest.mark.parametrize("text", ["(" * 2000 + "a" + ")" * 2000, "-" * 4000 + "a"])
def test_absurd_nesting_is_refused_without_a_recursion_error(text: str) -> None:
    with pytest.raises(FormulaError, match="terlalu dalam"):
        parse_formula(text)


def test_length_limit() -> None:
    long = "(" + " + ".join(["a"] * 50) + ") / 50 + 0" + " " * MAX_LENGTH
    assert parse_formula(long.strip()).references == ("a",)
    with pytest.raises(FormulaError, match=f"paling banyak {MAX_LENGTH}"):
        parse_formula("a" + " + a" * (MAX_LENGTH // 4))


# --- results are exact, finite, and bounded ------------------------------------------------


def test_extreme_inputs_within_bounds_compute_exactly() -> None:
    # 10^12 / 10^-10 = 10^22: beyond ±10^12, refused as a result rather than published.
    result = evaluate_formula(
        parse_formula("a / b"), {"a": Fraction(10**12), "b": Fraction(1, 10**10)}
    )
    assert result == FormulaResult(None, (), result.alasan, melampaui_batas=True)
    assert result.alasan is not None and "melampaui batas" in result.alasan


def test_result_exactly_at_the_bound_is_kept() -> None:
    # 10^6 × 10^6 = 10^12, the largest value data may hold; one more is beyond it.
    values = {"a": Fraction(10**6), "b": Fraction(10**6)}
    assert evaluate_formula(parse_formula("a * b"), values).nilai == 10**12
    beyond = evaluate_formula(parse_formula("a * b + 1"), values)
    assert beyond.nilai is None and beyond.melampaui_batas
    negative = evaluate_formula(parse_formula("-a * b - 1"), values)
    assert negative.nilai is None and negative.melampaui_batas


def test_repeated_products_stay_fast_and_finite() -> None:
    # 99 factors of 10^12 = 10^1188 exactly (no float overflow), then refused as a result.
    text = " * ".join(["a"] * 99)
    result = evaluate_formula(parse_formula(text), {"a": Fraction(10**12)})
    assert result.melampaui_batas and result.nilai is None
