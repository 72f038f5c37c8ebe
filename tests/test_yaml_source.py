"""The YAML reader: YAML 1.2 values, YAML 1.1 look-alikes refused, no tags, anchors or aliases,
bounded depth and numbers, and every problem in Indonesian at file:line:col."""

from __future__ import annotations

import re
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from iku_macros.data.errors import DataValidationError
from iku_macros.data.loading import load_dataset
from iku_macros.data.yaml_source import MAX_DEPTH, parse_yaml, read_yaml, resolve_plain

from .conftest import DEMO
from .hostile.harness import ENGLISH_PARSER_WORDS


def parse(text: str) -> tuple[Any, list[str]]:
    doc, errors = parse_yaml(text, "x.yaml", Path("x.yaml"))
    return (doc.data if doc else None), [str(e) for e in errors]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("", None),
        ("~", None),
        ("null", None),
        ("true", True),
        ("False", False),
        ("0", 0),
        ("-12", -12),
        ("+5", 5),
        ("2023", 2023),
        ("86.7", Decimal("86.7")),
        ("86.70", Decimal("86.70")),
        (".5", Decimal("0.5")),
        ("1.5e3", Decimal("1500")),
        ("1e3", Decimal("1000")),
        ("2.5E-3", Decimal("0.0025")),
        ("1000000000000", 10**12),
        ("2023-12-31", "2023-12-31"),
        ("2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00"),
        ("=", "="),
        ("86,5", "86,5"),
        ("y", "y"),
        ("Camat Contoh", "Camat Contoh"),
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(text: str, value: object) -> None:
    assert resolve_plain(text) == (value, None)
    assert type(resolve_plain(text)[0]) is type(value)


@pytest.mark.parametrize(
    ("text", "pesan"),
    [
        ("010", "diawali 0"),
        ("-007", "diawali 0"),
        ("0o10", "angka oktal"),
        ("0x5A", "angka heksadesimal"),
        ("0b101", "angka biner"),
        ("1:30", "basis 60"),
        ("190:20:30.15", "basis 60"),
        ("1_000", "garis bawah"),
        ("yes", "benar/salah"),
        ("OFF", "benar/salah"),
        (".inf", "bukan angka terhingga"),
        ("-.Inf", "bukan angka terhingga"),
        (".nan", "bukan angka terhingga"),
        ("1e400", "terlalu besar"),
        ("1.0e+999999999", "terlalu besar"),
        ("1e-999999999", "terlalu besar"),
        ("1000000000000.5", "terlalu besar"),
        ("10000000000000", "terlalu besar"),
        ("196608011987011001", "terlalu besar"),
        ("0.00000000001", "lebih dari 10 angka di belakang titik"),
        ("1e-11", "lebih dari 10 angka di belakang titik"),
    ],
)
def test_ambiguous_or_unbounded_scalars_are_refused(text: str, pesan: str) -> None:
    value, problem = resolve_plain(text)
    assert value is None
    assert problem is not None and pesan in problem[0]


def test_huge_exponents_are_refused_without_arithmetic() -> None:
    started = time.monotonic()
    for text in ("1e999999999999999999", "9" * 5000, "1." + "1" * 5000):
        assert resolve_plain(text)[1] is not None
    assert time.monotonic() - started < 0.5


def test_trailing_zeros_do_not_count_as_precision() -> None:
    assert resolve_plain("1.50000000000000") == (Decimal("1.50000000000000"), None)


def test_values_and_positions_are_kept() -> None:
    doc, errors = parse_yaml(
        "tahun: 2023\nrealisasi:\n  ikm:\n    nilai: 86.7\n", "x.yaml", Path("x.yaml")
    )
    assert errors == [] and doc is not None
    assert doc.data == {"tahun": 2023, "realisasi": {"ikm": {"nilai": Decimal("86.7")}}}
    position = doc.position(("realisasi", "ikm", "nilai"))
    assert position is not None and (position.line, position.column) == (4, 12)
    key = doc.position(("realisasi", "ikm"), key=True)
    assert key is not None and (key.line, key.column) == (3, 3)


def test_quoted_and_block_scalars_stay_text() -> None:
    data, errors = parse("a: '010'\nb: \"yes\"\nc: |\n  0x5A\n")
    assert errors == []
    assert data == {"a": "010", "b": "yes", "c": "0x5A\n"}


@pytest.mark.parametrize(
    ("text", "pesan", "where"),
    [
        ("a: !!python/name:os.system\n", "tag Python (dapat menjalankan kode)", "1:4"),
        ("a: !!python/object/apply:os.system [id]\n", "tag Python", "1:4"),
        ("a: !!binary aGk=\n", "tag YAML `!!binary`", "1:4"),
        ("a: !!str 1\n", "tag YAML `!!str`", "1:4"),
        ("a: !rahasia x\n", "tag YAML `!rahasia`", "1:4"),
        ("a: &x 1\n", "anchor YAML `&x`", "1:4"),
        ("a: 1\nb: *x\n", "alias YAML `*x`", "2:4"),
        ("a: 1\nb:\n  <<: {c: 1}\n", "kunci gabungan YAML `<<`", "3:3"),
        ("a: 1\n? [b, c]\n: 2\n", "kunci kompleks", "2:3"),
        ("a: 1\n? {b: 1}\n: 2\n", "kunci kompleks", "2:3"),
        ("a: 1\n~: 2\n", "kunci kosong (null)", "2:1"),
        ("a: 1\nnull: 2\n", "kunci kosong (null)", "2:1"),
        ("a: 1\ntrue: 2\n", "kunci harus berupa teks atau bilangan bulat", "2:1"),
        ("a: 1\na: 2\n", "kunci `a` ditulis dua kali (pertama di baris 1)", "2:1"),
        ("%YAML 1.1\n---\na: 1\n", "direktif YAML", "1:1"),
        ("a: 1\n---\nb: 2\n", "hanya boleh berisi satu dokumen YAML", "2:1"),
        ("a:\n\tb: 1\n", "karakter TAB", "2:1"),
        ('a: "x\nb: 2\n', "berkas berakhir sebelum tanda kutip", "3:1"),
        ("a: [1, 2\nb: 3\n", "daftar `[...]` belum ditutup", "2:2"),
        ("a: b: c\n", "tanda ':' tidak boleh di sini", "1:5"),
        ("a: `x`\n", "tidak boleh mengawali nilai", "1:4"),
        ("a: 1\n b: 2\n", "tanda ':' tidak boleh di sini", "2:3"),
        ("a: x\x00y\n", "U+0000 NULL", "1:5"),
        ("a: \u202ex\n", "U+202E RIGHT-TO-LEFT OVERRIDE", "1:4"),
        ("# \u2066 komentar\na: 1\n", "U+2066 LEFT-TO-RIGHT ISOLATE", "1:3"),
        ("a\u200b: 1\n", "U+200B ZERO WIDTH SPACE", "1:2"),
        ("a: 1\nb: x\ufeffy\n", "U+FEFF ZERO WIDTH NO-BREAK SPACE", "2:5"),
        ("a: x\x85y\n", "U+0085 NEXT LINE", "1:5"),
        ("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n", "bersarang", "1:"),
    ],
)
def test_refusals_are_indonesian_and_positioned(text: str, pesan: str, where: str) -> None:
    _, errors = parse(text)
    assert errors, "not refused"
    assert any(pesan in e and e.startswith(f"x.yaml:{where}") for e in errors), errors
    for error in errors:
        assert ENGLISH_PARSER_WORDS.search(error) is None, error


def test_an_alias_bomb_is_not_expanded() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghijklmnop":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.monotonic()
    data, errors = parse("\n".join(lines) + "\n")
    assert time.monotonic() - started < 2
    assert data["b"] == [None] * 9
    assert errors[0].startswith("x.yaml:1:4: anchor YAML `&a` tidak diizinkan")
    assert errors[-1] == (
        "x.yaml: " + f"{16 + 15 * 9 - 30} masalah lain di berkas ini tidak ditampilkan\n"
        "    diharapkan: perbaiki masalah di atas, lalu periksa lagi"
    )


def test_no_english_parser_text_for_any_broken_file() -> None:
    """Every kind of break of a real file gives Indonesian messages with a position, never
    an exception: each special character inserted at each position of a small document."""
    source = (DEMO / "ikm" / "2020.yaml").read_text(encoding="utf-8")
    source = source[source.index("tahun:") :][:400]
    specials = ["'", '"', "[", "]", "{", "}", ":", "-", "?", "*", "&", "!", "|", ">", "%", "@",
                "`", "\t", "\\", "#", ",", "\n ", "---\n", "...\n"]  # fmt: skip
    checked = 0
    for index in range(0, len(source), 7):
        for special in specials:
            text = source[:index] + special + source[index:]
            _, errors = parse(text)
            for error in errors:
                assert ENGLISH_PARSER_WORDS.search(error) is None, (text, error)
                assert re.match(r"x\.yaml(:\d+:\d+)?: ", error), error
            checked += 1
    assert checked > 1000


def test_read_yaml_goes_through_safe_files(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    (tmp_path / "luar.yaml").write_text("rahasia: 1\n", encoding="utf-8")
    (root / "profil.yaml").symlink_to(tmp_path / "luar.yaml")
    doc, errors = read_yaml(root / "profil.yaml", "profil.yaml", root=root)
    assert doc is None
    assert "tautan simbolik" in errors[0].pesan
    (root / "besar.yaml").write_text("# " + "x" * 600_000 + "\n", encoding="utf-8")
    doc, errors = read_yaml(root / "besar.yaml", "besar.yaml", root=root)
    assert doc is None and "terlalu besar" in errors[0].pesan


def test_a_refused_value_is_reported_once_and_other_errors_still_shown(copy_data) -> None:
    data = copy_data(DEMO)
    path = data / "realisasi" / "2023.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("nilai: 86.0", "nilai: 010", 1).replace("nilai: 9.5", "nilai: sembilan")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        load_dataset(data)
    messages = [e for e in info.value.errors if e.berkas.endswith("2023.yaml")]
    assert [(e.baris, e.kolom) for e in messages] == [(6, 12), (12, 12)]
    assert "diawali 0" in messages[0].pesan


def test_a_byte_order_mark_is_accepted_and_positions_unchanged(tmp_path: Path) -> None:
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbfa: 1\nb: 010\n")
    doc, errors = read_yaml(tmp_path / "bom.yaml", "bom.yaml", root=tmp_path)
    assert doc is not None and doc.data == {"a": 1, "b": "010"}
    assert [(e.baris, e.kolom) for e in errors] == [(2, 4)]


# --- libyaml fast path -------------------------------------------------------------------------

_PARSER_CASES = [
    "nama: Ñandú éé\nnilai: 86.5\n",
    "a:\n  - x\n  - {b: 1, 'c': \"2\"}\n  -   [3, 4.50, ~]\n",
    "teks: |\n  baris satu\n  baris dua\nlipat: >-\n  a\n  b\nkosong:\nnol: null\n",
    "\ufeffnama: BOM\r\nnilai: 1\r\n",
    "# komentar\n'kunci berkutip': \"nilai: dengan titik dua\"  # lagi\n2023: 80\n",
    "daftar:\n- nama: 名前 ✓\n  nilai: -0.5\n- nama: x\n  nilai: 1e3\n",
]


def _both_parsers(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    from iku_macros.data import yaml_source

    fast = parse_yaml(text, "uji.yaml", Path("uji.yaml"))
    with monkeypatch.context() as patched:
        patched.setattr(yaml_source, "_CLoader", None)
        slow = parse_yaml(text, "uji.yaml", Path("uji.yaml"))
    return fast, slow


def _same(fast: Any, slow: Any) -> None:
    (fast_doc, fast_errors), (slow_doc, slow_errors) = fast, slow
    assert fast_errors == slow_errors
    assert (fast_doc is None) == (slow_doc is None)
    if fast_doc is not None:
        assert fast_doc.data == slow_doc.data
        assert fast_doc.values == slow_doc.values
        assert fast_doc.keys == slow_doc.keys


@pytest.mark.parametrize("text", _PARSER_CASES)
def test_libyaml_and_pure_python_read_the_same_values_and_positions(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from iku_macros.data import yaml_source

    assert yaml_source._CLoader is not None, "PyYAML here has libyaml: the fast path is tested"
    _same(*_both_parsers(text, monkeypatch))


def test_every_shipped_and_fixture_yaml_file_reads_the_same_with_both_parsers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = Path(__file__).resolve().parents[1]
    files = [
        path
        for folder in (DEMO, root / "tests")
        for path in sorted(folder.rglob("*.yaml"))
        if path.is_file() and not path.is_symlink()
    ]
    assert len(files) > 50
    for path in files:
        try:
            text = path.read_text("utf-8")
        except UnicodeDecodeError:
            continue  # a deliberately broken fixture: read_yaml refuses it before parsing
        _same(*_both_parsers(text, monkeypatch))


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2\n",  # syntax error
        "a: &x 1\nb: *x\n",  # anchor and alias
        "a: !!python/object:os.system x\n",  # tag
        "a: 010\n",  # refused scalar
        "a: 1\na: 2\n",  # duplicate key
    ],
)
def test_a_file_with_problems_gets_the_pure_python_messages(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, slow = _both_parsers(text, monkeypatch)
    assert fast[1], "the case has a problem"
    _same(fast, slow)
