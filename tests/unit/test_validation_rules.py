"""Validation rules: value ranges, formulas, structural cycles, ids, and Indonesian messages.

Each test breaks a copy of the demo dataset in one way and reads what ``load_dataset`` reports;
boundaries are hand-checked (exactly at a bound is accepted, just beyond it is refused). The demo
holds a chain of documents, each with its own copy of every indicator: a rule about an
indicator's definition (its ``batas``, its formula) is changed in every copy, so the test is
about the rule, not about which copy applies to a year (tests/unit/test_documents.py).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from iku_macros.data import messages
from iku_macros.data.characters import describe_character, fold_id, id_problem
from iku_macros.data.errors import DataValidationError
from iku_macros.data.loading import load_dataset
from iku_macros.data.model import (
    BATAS_SATUAN,
    FILE_MODELS,
    Indikator,
    RekapUnsurData,
    Satuan,
)
from iku_macros.report import build_laporan
from iku_macros.web.opendata import to_json

from ..conftest import DATA, DEMO, ROOT, UNIT_LAIN, data_unit

Mutation = Callable[[Path], None]


def _edit(relative: str, old: str, new: str) -> Mutation:
    def mutate(data: Path) -> None:
        path = data / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


DOKUMEN = ("2020-2024", "2020-2024-perubahan", "2025-2029")
"""The demo's documents, chronological."""


def _berkas(ident: str, dokumen: str = "2020-2024") -> str:
    """An indicator file of one document (2020-2024 is the document in force in 2020–2021)."""
    return f"dokumen/{dokumen}/indikator/{ident}.yaml"


def _edit_every_version(ident: str, old: str, new: str) -> Mutation:
    """The same edit in every document's copy of the indicator."""

    def mutate(data: Path) -> None:
        versions = [d for d in DOKUMEN if (data / _berkas(ident, d)).exists()]
        assert versions
        for dokumen in versions:
            _edit(_berkas(ident, dokumen), old, new)(data)

    return mutate


def _errors(tmp_path: Path, *mutations: Mutation) -> list[str]:
    """Every error reported for the demo data after ``mutations``; [] when it loads."""
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    for mutate in mutations:
        mutate(data)
    try:
        load_dataset(data)
    except DataValidationError as exc:
        return [str(error) for error in exc.errors]
    return []


def _line(tmp_path: Path, relative: str, needle: str) -> int:
    """1-based line of ``needle`` in the mutated copy made by ``_errors(tmp_path, ...)``."""
    lines = (tmp_path / "data" / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def _only(errors: list[str], pattern: str) -> str:
    matching = [e for e in errors if re.search(pattern, e)]
    assert len(matching) == 1, "\n".join(errors)
    return matching[0]


TRANTIB_2021 = "  persentase_layanan_trantib:\n    nilai: 60.0"
TRANTIB_ID = "persentase_layanan_trantib"
TRANTIB = _berkas(TRANTIB_ID)
ANY_TRANTIB = r"dokumen/[^/\s]+/indikator/persentase_layanan_trantib\.yaml"


def _trantib_2021(value: str) -> Mutation:
    return _edit(
        "realisasi/2021.yaml", TRANTIB_2021, f"  persentase_layanan_trantib:\n    nilai: {value}"
    )


# --- ranges ---------------------------------------------------------------------------------


def test_defaults_hold_every_current_value() -> None:
    for data in (DEMO, UNIT_LAIN):
        laporan = build_laporan(load_dataset(data))
        for hasil in laporan.indikator.values():
            rentang = hasil.indikator.rentang()
            for nilai in hasil.tahun.values():
                for value in (nilai.target, nilai.realisasi):
                    assert value is None or rentang.min <= value <= rentang.max


def test_default_range_of_every_satuan_is_0_to_100() -> None:
    assert set(BATAS_SATUAN) == set(Satuan)
    assert all(bounds == (0, 100) for bounds in BATAS_SATUAN.values())


@pytest.mark.parametrize("value", ["0", "0.0", "100", "100.0", "99.9999999999"])
def test_percentage_at_the_bounds_is_accepted(tmp_path: Path, value: str) -> None:
    assert _errors(tmp_path, _trantib_2021(value)) == []


@pytest.mark.parametrize(
    ("value", "example"), [("100.01", "100"), ("100.0000000001", "100"), ("-0.01", "0")]
)
def test_percentage_just_outside_is_refused(tmp_path: Path, value: str, example: str) -> None:
    error = _only(_errors(tmp_path, _trantib_2021(value)), "di luar rentang")
    assert re.match(r".*realisasi/2021\.yaml:17:12: ", error), error
    assert (
        f"realisasi `persentase_layanan_trantib` bernilai {value}, di luar rentang 0–100 "
        "(bawaan satuan persen)"
    ) in error
    assert f"diharapkan: angka dari 0 sampai 100, mis. {example}; bila indikator ini" in error
    assert re.search(rf"`batas: {{min: \.\.\., max: \.\.\.}}` di \S*{ANY_TRANTIB}\n", error), error
    assert error.endswith(f"ditemukan : {value}")


def test_target_out_of_range_is_refused_at_its_line(tmp_path: Path) -> None:
    perubahan = _berkas(TRANTIB_ID, "2020-2024-perubahan")  # its 2024 target is 90
    error = _only(_errors(tmp_path, _edit(perubahan, "2024: 90", "2024: 190")), "di luar rentang")
    assert re.search(
        r"persentase_layanan_trantib\.yaml:23:9: target tahun 2024 bernilai 190", error
    )


def test_declared_batas_replaces_the_default(tmp_path: Path) -> None:
    batas = _edit_every_version(
        TRANTIB_ID, "polaritas: positif\n", "polaritas: positif\nbatas: {min: 50, max: 150}\n"
    )
    assert _errors(tmp_path / "a", batas, _trantib_2021("150")) == []
    assert _errors(tmp_path / "b", batas, _trantib_2021("50")) == []
    error = _only(_errors(tmp_path / "c", batas, _trantib_2021("150.0000000001")), "rentang")
    assert "di luar rentang 50–150 (`batas` di " in error
    assert "persentase_layanan_trantib.yaml:14)" in error  # where the batas is written
    assert "diharapkan: angka dari 50 sampai 150, mis. 150\n" in error
    error = _only(_errors(tmp_path / "d", batas, _trantib_2021("49.99")), "rentang")
    assert "bernilai 49.99, di luar rentang 50–150" in error
    # The 2020-2024 targets (85…88) are inside 50–150; 85 is refused with a narrower batas.
    narrow = _edit(
        TRANTIB, "polaritas: positif\n", "polaritas: positif\nbatas: {min: 86, max: 90}\n"
    )
    targets = [e for e in _errors(tmp_path / "e", narrow) if "target tahun" in e]
    assert len(targets) == 2, targets  # 85 in 2020 and 2021; 86, 87, 88 are inside
    assert all(
        re.search(r"target tahun 202[01] bernilai 85, di luar rentang 86–90", e) for e in targets
    )


def test_batas_min_must_be_below_max(tmp_path: Path) -> None:
    bad = _edit(
        TRANTIB, "polaritas: positif\n", "polaritas: positif\nbatas: {min: 100, max: 100}\n"
    )
    errors = _errors(tmp_path, bad)
    error = _only(errors, "batas › max")
    assert "harus lebih besar dari `batas › min`" in error
    assert "ditemukan : min 100, max 100" in error
    assert len(errors) == 1  # its values are not also reported against a broken range


def test_rating_scale_still_applies_within_the_range(tmp_path: Path) -> None:
    # ikm: indeks 0–100, and an IKM value lies on 25–100 (PermenPANRB 14/2017).
    errors = _errors(tmp_path, _edit(_berkas("ikm"), "2020: 75", "2020: 24.99"))
    error = _only(errors, "ikm.yaml")
    assert "target tahun 2020 bernilai 24.99, di luar rentang 25–100 (skala nilai IKM)" in error


def test_negative_counts_are_refused(tmp_path: Path) -> None:
    survey = "U1: {jumlah_nilai: 193, jumlah_responden: 60}"
    errors = _errors(
        tmp_path, _edit("ikm/2021.yaml", survey, "U1: {jumlah_nilai: -193, jumlah_responden: -60}")
    )
    assert "ikm/2021.yaml:6:22: `rekap › U1 › jumlah_nilai` tidak boleh negatif" in "\n".join(
        errors
    )
    assert "ikm/2021.yaml:6:46: `rekap › U1 › jumlah_responden` tidak boleh negatif" in "\n".join(
        errors
    )


def test_zero_respondents_are_refused_and_one_is_accepted() -> None:
    assert RekapUnsurData(jumlah_nilai=0, jumlah_responden=1).jumlah_responden == 1
    with pytest.raises(ValidationError):
        RekapUnsurData(jumlah_nilai=0, jumlah_responden=0)


def test_computed_composite_out_of_its_range_is_refused(tmp_path: Path) -> None:
    # ikm_kecamatan 2021 = (70 + 80.5 + 60 + 35 + 83) / 5 = 328.5 / 5 = 65.7
    composite = "ikm_kecamatan"
    at = _edit_every_version(
        composite, "polaritas: positif\n", "polaritas: positif\nbatas: {min: 65.7, max: 90}\n"
    )
    assert not [e for e in _errors(tmp_path / "a", at) if "hasil rumus" in e]
    below = _edit_every_version(
        composite, "polaritas: positif\n", "polaritas: positif\nbatas: {min: 65.71, max: 90}\n"
    )
    errors = _errors(tmp_path / "b", below)
    error = _only(errors, "hasil rumus")
    assert (
        "ikm_kecamatan.yaml:13:10: hasil rumus untuk tahun 2021 = 65.70, di luar rentang 65.71–90"
        in error
    )
    assert "persentase_layanan_trantib = 60.00" in error and error.endswith("→ 65.70")


def test_survey_result_out_of_a_declared_range_is_refused(tmp_path: Path) -> None:
    narrow = _edit_every_version(
        "ikm",
        "polaritas: positif\n",
        "polaritas: positif\nbatas: {min: 25, max: 50}\n",
    )
    errors = [e for e in _errors(tmp_path, narrow) if "hasil survei" in e]
    assert len(errors) == 4  # every survey year: 2020, 2021, 2023, 2024
    assert all(
        re.search(
            r"ikm/20\d\d\.yaml:[45]:12: IKM hasil survei 20\d\d = \d+\.\d\d, di luar rentang 25–50",
            e,
        )
        for e in errors
    )


def test_extreme_values_within_bounds_compute_exactly_and_finitely(tmp_path: Path) -> None:
    # Realisasi 10^12 against a target of 10^-10 (both allowed by a declared batas):
    # capaian = 10^12 / 10^-10 × 100 = 10^24 %, exact, and a finite JSON number.
    pengaduan = "pengaduan_tidak_tepat_waktu"
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    _edit_every_version(pengaduan, "polaritas: negatif\n", f"polaritas: positif\n{WIDE}\n")(data)
    _edit(_berkas(pengaduan), "2021: 15", "2021: 0.0000000001")(data)  # in force in 2021
    _edit("realisasi/2021.yaml", "nilai: 19\n", "nilai: 1000000000000\n")(data)
    laporan = build_laporan(load_dataset(data))
    assert laporan.indikator["pengaduan_tidak_tepat_waktu"].tahun[2021].capaian.nilai == 10**24
    published = json.loads(to_json(laporan, 2021))["data"]
    (record,) = [r for r in published if r["id"] == "pengaduan_tidak_tepat_waktu"]
    assert record["capaian"] == 1e24


def test_inputs_in_range_that_combine_beyond_the_composite_range(tmp_path: Path) -> None:
    # 2021: (70 + 80.5 + 10^12 + 35 + 83) / 5 = (10^12 + 268.5) / 5 = 200000000053.7
    errors = _errors(
        tmp_path,
        _edit_every_version(TRANTIB_ID, "polaritas: positif\n", f"polaritas: positif\n{WIDE}\n"),
        _trantib_2021("1000000000000"),
    )
    error = _only(errors, "hasil rumus")
    assert (
        "hasil rumus untuk tahun 2021 = 200000000053.70, di luar rentang 0–100 "
        "(bawaan satuan indeks)"
    ) in error
    assert "persentase_layanan_trantib = 1000000000000.00" in error


WIDE = "batas: {min: 0, max: 1000000000000}"


def test_numbers_beyond_the_data_bounds_are_refused_by_the_model() -> None:
    base = Indikator.model_validate(_indikator({2020: 1})).model_dump()
    for ok in (Decimal("1000000000000"), Decimal("-1000000000000"), Decimal("0.0000000001")):
        assert Indikator.model_validate({**base, "target": {2020: ok}}).target[2020] == ok
    for bad, kind in (
        (Decimal("1000000000000.1"), "angka_besar"),
        (10**12 + 1, "angka_besar"),
        (Decimal("0.00000000001"), "angka_desimal"),
        (Decimal("1E-999999999"), "angka_desimal"),
    ):
        with pytest.raises(ValidationError) as caught:
            Indikator.model_validate({**base, "target": {2020: bad}})
        assert caught.value.errors()[0]["type"] == kind


def _indikator(target: dict[int, object]) -> dict[str, object]:
    return {
        "id": "contoh",
        "nama": "Contoh",
        "jenis": "iku",
        "induk": "sasaran_contoh",
        "urutan": 1,
        "definisi_operasional": "Contoh",
        "rumus_publikasi": "Contoh",
        "satuan": "persen",
        "polaritas": "positif",
        "sumber_data": ["Contoh"],
        "penanggung_jawab": ["Contoh"],
        "target": target,
    }


# --- formulas -------------------------------------------------------------------------------


def _rumus(rumus: str, dokumen: tuple[str, ...] = ("2025-2029",)) -> Mutation:
    """Replace the formula of ikm_kecamatan in these documents (a formula is checked in its own
    file: one document is enough for a refused one)."""

    def mutate(data: Path) -> None:
        for ident in dokumen:
            path = data / _berkas("ikm_kecamatan", ident)
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"(?m)^  rumus: .*$", lambda _: f"  rumus: {rumus}", text))

    return mutate


@pytest.mark.parametrize(
    ("rumus", "message"),
    [
        ('"100"', "tidak menyebut satu pun id indikator"),
        ('"100 # (persentase_layanan_trantib) / 5"', r"U\+0023 NUMBER SIGN .*komentar"),
        ('"persentase_layanan_trantib; persentase_layanan_pemberdayaan"', r"U\+003B SEMICOLON"),
        ('"persentase_layanan_trantib\\n/ 5"', r"U\+000A LINE FEED .*satu baris"),
        ("|\n    persentase_layanan_trantib\n    / 5", r"U\+000A LINE FEED"),
        ('"persentase_layanan_tr\u0430ntib * 1"', r"U\+0430 CYRILLIC SMALL LETTER A \(mirip `a`\)"),
        ('"0x64 + persentase_layanan_trantib"', "bilangan desimal biasa"),
    ],
)
def test_misleading_formulas_are_refused_at_the_formula(
    tmp_path: Path, rumus: str, message: str
) -> None:
    errors = _errors(tmp_path, _rumus(rumus))
    error = _only(errors, "rumus tidak sah")
    assert re.search(
        r"dokumen/2025-2029/indikator/ikm_kecamatan\.yaml:13:10: rumus tidak sah: .*" + message,
        error,
    ), error
    assert '\n    ditemukan : "' in error  # the formula, on one line, every character visible
    assert re.fullmatch(r'"[ -~⟨⟩]*"', error.split("ditemukan : ")[1]), error


# --- structure ------------------------------------------------------------------------------


def test_organisation_cycle_is_named(tmp_path: Path) -> None:
    cycle = (
        _edit("organisasi.yaml", "    induk: sekretaris\n", "    induk: seksi_pelayanan\n"),
        _edit(
            "organisasi.yaml",
            "    nama_struktur: Seksi Pelayanan\n",
            "    nama_struktur: Seksi Pelayanan\n    induk: subbag_umum\n",
        ),
    )
    error = _only(_errors(tmp_path, *cycle), "lingkaran")
    line = _line(tmp_path, "organisasi.yaml", "induk: subbag_umum")  # seksi_pelayanan's
    assert (
        f"organisasi.yaml:{line}:12: induk unit membentuk lingkaran: `seksi_pelayanan` → "
        "`subbag_umum` → `seksi_pelayanan`"
    ) in error
    assert "ditemukan : seksi_pelayanan → subbag_umum → seksi_pelayanan" in error


def test_three_unit_cycle_is_reported_once(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        _edit(
            "organisasi.yaml",
            "    nama_struktur: Camat\n",
            "    nama_struktur: Camat\n    induk: subbag_umum\n",
        ),
        _edit(
            "organisasi.yaml",
            "    nama_struktur: Sekretaris Kecamatan\n",
            "    nama_struktur: Sekretaris Kecamatan\n    induk: camat\n",
        ),
    )
    error = _only(errors, "lingkaran")
    # camat's induk is subbag_umum, whose induk is sekretaris, whose induk is camat.
    assert "`camat` → `subbag_umum` → `sekretaris` → `camat`" in error


def test_self_parent_is_named(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        _edit(
            "organisasi.yaml",
            "    nama_struktur: Camat\n",
            "    nama_struktur: Camat\n    induk: camat\n",
        ),
    )
    assert "organisasi.yaml:8:12: unit `camat` menjadi induk dirinya sendiri" in _only(
        errors, "induk"
    )


def test_indicator_file_must_be_named_after_its_id(tmp_path: Path) -> None:
    def rename(data: Path) -> None:
        folder = data / "dokumen/2025-2029/indikator"
        (folder / "nilai_sakip.yaml").rename(folder / "sakip.yaml")

    error = _only(_errors(tmp_path, rename), "nama berkas")
    assert (
        "2025-2029/indikator/sakip.yaml:3:5: nama berkas `sakip.yaml` tidak sama dengan id "
        "`nilai_sakip`"
    ) in error


# --- ids ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("nilai_s\u200bakip", "memuat U+200B ZERO WIDTH SPACE (tak terlihat) pada karakter ke-8"),
        ("nil\u0430i", "memuat U+0430 CYRILLIC SMALL LETTER A (mirip `a`) pada karakter ke-4"),
        (
            "\uff4eilai",
            "memuat U+FF4E FULLWIDTH LATIN SMALL LETTER N (mirip `n`) pada karakter ke-1",
        ),
        ("nilai sakip", "memuat U+0020 SPACE (spasi) pada karakter ke-6"),
        ("Nilai", "memuat U+004E LATIN CAPITAL LETTER N `N` pada karakter ke-1"),
        ("1nilai", "diawali U+0031 DIGIT ONE `1`"),
        ("", "kosong"),
    ],
)
def test_id_problem_names_the_character(text: str, problem: str) -> None:
    assert id_problem(text) is not None
    assert id_problem(text)[0] == problem  # type: ignore[index]


def test_valid_ids_have_no_problem() -> None:
    assert id_problem("a") is None
    assert id_problem("nilai_sakip_2") is None


def test_describe_character() -> None:
    assert describe_character("\u0430") == "U+0430 CYRILLIC SMALL LETTER A (mirip `a`)"
    assert describe_character("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE (tak terlihat)"
    assert describe_character("#") == "U+0023 NUMBER SIGN `#`"


def test_fold_id_makes_lookalikes_equal() -> None:
    assert fold_id("nilai_s\u200bakip") == fold_id("nilai_s\u0430kip") == "nilai_sakip"


def test_refused_id_and_lookalike_reference(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        # Refused in every document: no valid nilai_sakip is left anywhere.
        _edit_every_version("nilai_sakip", "id: nilai_sakip", "id: nilai_s\u0430kip"),
        _edit("organisasi.yaml", "    induk: sekretaris\n", "    induk: sekret\u0430ris\n"),
    )
    text = "\n".join(errors)
    assert (
        "nilai_sakip.yaml:3:5: id `nilai_s⟨U+0430⟩kip` memuat U+0430 CYRILLIC SMALL LETTER A"
        in text
    )
    assert "ketik ulang sebagai `a`" in text
    assert 'ditemukan : teks "nilai_s⟨U+0430⟩kip"' in text
    line = _line(tmp_path, "organisasi.yaml", "induk: sekret")
    assert f"organisasi.yaml:{line}:12: id `sekret⟨U+0430⟩ris` memuat U+0430" in text
    # References to the refused indicator by its intended id are not reported again.
    assert "indikator `nilai_sakip` tidak ada" not in text


def test_realisasi_key_with_an_invisible_character(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path, _edit("realisasi/2021.yaml", "  nilai_sakip:", "  nilai_sakip\u00a0:")
    )
    error = _only(errors, "NO-BREAK SPACE")
    assert "realisasi/2021.yaml:5:3: id `nilai_sakip⟨U+00A0⟩` memuat U+00A0 NO-BREAK SPACE" in error
    assert 'ditemukan : kunci teks "nilai_sakip⟨U+00A0⟩"' in error


# --- messages -------------------------------------------------------------------------------

ENGLISH = re.compile(
    r"\b(Input should|Field required|should be|valid|Value error|Extra inputs|"
    r"not permitted|String should|at least|at most)\b"
)


@pytest.mark.parametrize(
    "data",
    [
        {"tahun": "x", "realisasi": {"a": {"nilai": 1}}},
        {"tahun": 2023, "realisasi": {"a": {"nilai": "1"}}},
        {"tahun": 2023, "realisasi": {"A": {"nilai": 1, "bukti": "x"}}},
        {"tahun": 2023, "realisasi": {2023: {"nilai": 1}}},
        {"tahun": 2023, "realisasi": [1, 2]},
        {"tahun": 2023, "realisasi": {"a": {"nilai": 1, "lain": 2}}},
        {"tahun": 2023, "realisasi": {"a": {"nilai": Decimal("1e20")}}},
        {"tahun": 2023, "realisasi": {"a": {"nilai": Decimal("1e-20")}}},
        {1: 2},
    ],
)
def test_no_pydantic_english_reaches_staff(data: object) -> None:
    from iku_macros.data.yaml_source import Document

    model = FILE_MODELS["realisasi"]
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    doc = Document(Path("realisasi/2023.yaml"), "realisasi/2023.yaml", data)
    errors = messages.translate(caught.value, doc, model)
    assert errors
    english = {e["msg"] for e in caught.value.errors() if ENGLISH.search(e["msg"])}
    for error in errors:
        text = str(error)
        assert not ENGLISH.search(text), text
        assert not any(msg in text for msg in english), text


@pytest.mark.parametrize("kind", ["angka_besar", "angka_desimal", "invalid_key", "float_type"])
def test_every_expected_text_is_indonesian(kind: str) -> None:
    expected = messages._expected({"type": kind, "msg": "Input should be English"}, "nilai")
    assert "Input should" not in expected
    assert not ENGLISH.search(expected)


@data_unit
def test_examples_do_not_quote_the_real_unit() -> None:
    """Message examples and schema descriptions are unit-neutral: no name of a unit (the one in
    data/, whichever it is, and the second fixture unit), nor an id of the first unit."""
    import yaml

    names = {"Pilangkenceng", "Madiun", "ikm_kecamatan", "nilai_sakip_kecamatan"}

    def frameworks(folder: Path) -> list[dict[str, list[dict[str, str]]]]:
        # The first format's kerangka.yaml, or every document's.
        paths = [folder / "kerangka.yaml"] if (folder / "kerangka.yaml").exists() else []
        paths += sorted(folder.glob("dokumen/*/kerangka.yaml"))
        assert paths, folder
        return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in paths]

    for folder in (DATA, UNIT_LAIN):
        profil = yaml.safe_load((folder / "profil.yaml").read_text(encoding="utf-8"))
        names |= {profil["instansi"]["nama_singkat"], profil["instansi"]["kabupaten"]}
        for kerangka in frameworks(folder):
            names |= {item["id"] for section in kerangka.values() for item in section}
        if (folder / "wilayah.yaml").exists():
            wilayah = yaml.safe_load((folder / "wilayah.yaml").read_text(encoding="utf-8"))
            names |= set(wilayah["desa"])
    names -= {i["id"] for kerangka in frameworks(DEMO) for i in kerangka["tujuan"]}
    texts = [
        str(messages.FIELD_EXAMPLES),
        str(messages.LIST_EXAMPLES),
        *(p.read_text(encoding="utf-8") for p in (ROOT / "schema").glob("*.json")),
    ]
    for name in names:
        for text in texts:
            assert name not in text, name


def test_rated_composite_beyond_its_rating_scale_is_refused(tmp_path: Path) -> None:
    # A composite rated as a SAKIP score may declare a wider range, but its value must still lie
    # on the SAKIP scale (0–100), or it would have no predikat: 2021 = 60 × 2 = 120.
    errors = _errors(
        tmp_path,
        _edit_every_version(
            "ikm_kecamatan",
            "polaritas: positif\n",
            "polaritas: positif\npenilaian_nilai: sakip\nbatas: {min: 0, max: 1000}\n",
        ),
        _rumus("persentase_layanan_trantib * 2", DOKUMEN),
    )
    error = _only(errors, "hasil rumus untuk tahun 2021")
    assert "= 120.00, di luar rentang 0–100 (skala nilai SAKIP)" in error


def test_id_length_is_bounded(tmp_path: Path) -> None:
    longest = "a" * 100
    errors = _errors(
        tmp_path,
        _edit("realisasi/2021.yaml", "  nilai_sakip:", f"  {longest}a:"),
        _edit("organisasi.yaml", "id: camat", f"id: {longest}"),
    )
    error = _only(errors, "terlalu panjang")
    assert "realisasi/2021.yaml:5:3: kunci terlalu panjang: 101 karakter" in error
    assert "diharapkan: paling banyak 100 karakter" in error
    assert not [e for e in errors if "organisasi.yaml" in e]  # exactly 100 is accepted
