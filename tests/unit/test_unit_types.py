"""Unit types, the optional wilayah, and several IKM surveys in one year.

The table of :mod:`iku_macros.data.unit_types` covers every kind; ``jenis`` is matched whatever its
case; a folder without ``wilayah.yaml`` loads (and its wilayah macros refuse to print nothing);
the word before each desa comes from the data or the type; IKM files may be named
``<tahun>-<nama>.yaml``, must agree with their ``tahun``, and a clash blames the later file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from iku_macros.data.errors import DataValidationError
from iku_macros.data.layout import match_kind, scan, survey_name
from iku_macros.data.loading import load_dataset
from iku_macros.data.model import Instansi
from iku_macros.data.narasi import MACROS
from iku_macros.data.unit_types import (
    UNIT_TYPES,
    WILAYAH_MACROS,
    JenisInstansi,
    requires_wilayah,
    unit_type,
)
from iku_macros.report import build_laporan
from iku_macros.web.render import Halaman, dokumen
from iku_macros.workflow.new_year import realisasi_template

from ..conftest import DATA, DEMO, ROOT, data_unit, seed_only

DINAS = ROOT / "tests" / "fixtures" / "unit_lain" / "data"


def _copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(source, target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _without_wilayah(tmp_path: Path) -> Path:
    """The demo without wilayah.yaml, and its documents' chapters without the macros that print
    it (the revised 2020–2024 document's BAB III has them)."""
    data = _copy(DEMO, tmp_path)
    (data / "wilayah.yaml").unlink()
    edited = 0
    for chapter in sorted(data.glob("dokumen/*/narasi/*.md")):
        lines = chapter.read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if not any(name in line for name in WILAYAH_MACROS)]
        if kept != lines:
            chapter.write_text("\n".join(kept) + "\n", encoding="utf-8")
            edited += 1
    assert edited, "no chapter of the demo prints the wilayah any more"
    return data


def _macros(data: Path) -> dict[str, object]:
    return dokumen.macros(build_laporan(load_dataset(data)), Halaman(lambda: "profil/"))


def _errors(data: Path) -> list[str]:
    with pytest.raises(DataValidationError) as caught:
        load_dataset(data)
    return [str(error) for error in caught.value.errors]


# --- the table -----------------------------------------------------------------------------


def test_every_kind_has_its_row() -> None:
    assert set(UNIT_TYPES) == set(JenisInstansi)


def test_area_units_expect_a_wilayah_and_offices_do_not() -> None:
    assert unit_type(JenisInstansi.KECAMATAN).punya_wilayah
    assert unit_type(JenisInstansi.KELURAHAN).sebutan_desa == "RW"
    assert unit_type(JenisInstansi.PUSKESMAS).judul_wilayah == "Wilayah kerja"
    for jenis in (JenisInstansi.DINAS, JenisInstansi.BADAN, JenisInstansi.RSUD):
        assert not unit_type(jenis).punya_wilayah


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("Kecamatan", JenisInstansi.KECAMATAN),
        ("dinas", JenisInstansi.DINAS),
        ("  BADAN ", JenisInstansi.BADAN),
        ("rsud", JenisInstansi.RSUD),
    ],
)
def test_jenis_is_matched_whatever_its_case(written: str, stored: JenisInstansi) -> None:
    instansi = Instansi(nama="X", nama_singkat="X", jenis=written, kabupaten="K", provinsi="P")
    assert instansi.jenis is stored
    assert str(instansi.jenis) == stored.value  # the display spelling reaches the site


@pytest.mark.parametrize("written", ["Dinsa", "Kecamatan Contoh", "", 3])
def test_unknown_jenis_is_refused(written: object) -> None:
    with pytest.raises(ValidationError) as caught:
        Instansi(nama="X", nama_singkat="X", jenis=written, kabupaten="K", provinsi="P")
    assert caught.value.errors()[0]["type"] == "enum"


@data_unit
@seed_only
def test_the_real_unit_keeps_its_spelling() -> None:
    assert load_dataset(DATA).profil.instansi.jenis is JenisInstansi.KECAMATAN
    assert "jenis: Kecamatan\n" in (DATA / "profil.yaml").read_text(encoding="utf-8")


def test_requires_wilayah_names_real_macros() -> None:
    assert requires_wilayah("daftar_desa") and requires_wilayah("gambaran_wilayah")
    assert requires_wilayah("jumlah_desa")
    assert not requires_wilayah("tabel_iku") and not requires_wilayah("tupoksi")
    every_macro = set(_macros(DEMO))
    assert every_macro >= WILAYAH_MACROS
    # What a chapter may call and what needs a wilayah, as narasi.py will combine them.
    assert {"gambaran_wilayah", "jumlah_desa", "daftar_desa"} <= set(MACROS)


# --- wilayah.yaml is optional ----------------------------------------------------------------


def test_a_folder_without_wilayah_loads(tmp_path: Path) -> None:
    data = _without_wilayah(tmp_path)
    assert scan(data).errors == []
    dataset = load_dataset(data)
    assert dataset.wilayah is None
    macros = _macros(data)
    for name in sorted(WILAYAH_MACROS):
        with pytest.raises(ValueError, match=r"wilayah\.yaml"):
            macros[name]()  # type: ignore[operator]


def test_required_files_are_still_required(tmp_path: Path) -> None:
    data = _copy(DEMO, tmp_path)
    (data / "organisasi.yaml").unlink()
    assert any("organisasi.yaml: berkas wajib tidak ada" in e for e in _errors(data))


def test_desa_word_comes_from_the_data_then_the_type(tmp_path: Path) -> None:
    data = _copy(DEMO, tmp_path)
    desa = load_dataset(data).wilayah.desa  # type: ignore[union-attr]
    assert load_dataset(data).sebutan_desa == "Desa"
    assert f"<li>Desa {desa[0]}</li>" in _macros(data)["daftar_desa"]()  # type: ignore[operator]

    _replace(data / "profil.yaml", "  jenis: Kecamatan\n", "  jenis: Kelurahan\n")
    assert load_dataset(data).sebutan_desa == "RW"

    _replace(data / "wilayah.yaml", "desa:\n", "sebutan: Kelurahan\ndesa:\n")
    macros = _macros(data)
    listed = macros["daftar_desa"]()  # type: ignore[operator]
    assert f"<li>Kelurahan {desa[0]}</li>" in listed and "Desa " not in listed
    # A chapter may still choose its own word, or none.
    assert f"<li>{desa[0]}</li>" in macros["daftar_desa"](awalan="")  # type: ignore[operator]
    sentence = macros["pembagian_wilayah"]()  # type: ignore[operator]
    assert f"terbagi menjadi {len(desa)} Kelurahan:" in sentence


def test_desa_word_is_escaped(tmp_path: Path) -> None:
    data = _copy(DEMO, tmp_path)
    _replace(data / "wilayah.yaml", "desa:\n", 'sebutan: "<b>Desa</b>"\ndesa:\n')
    listed = _macros(data)["daftar_desa"]()  # type: ignore[operator]
    assert "&lt;b&gt;Desa&lt;/b&gt; " in listed and "<b>" not in listed


# --- IKM file names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("relative", "kind"),
    [
        ("ikm/2024.yaml", "ikm"),
        ("ikm/2024-ikm_layanan_ppid.yaml", "ikm"),
        ("ikm/2024-loket-2.yaml", "ikm"),
        ("ikm/2024-.yaml", None),
        ("ikm/24-loket.yaml", None),
        ("ikm/2024-Loket.yaml", None),
        ("ikm/2024_loket.yaml", None),
        ("wilayah.yaml", "wilayah"),
        ("sumber/iku-2021-2026.md", "sumber"),
    ],
)
def test_survey_file_names(relative: str, kind: str | None) -> None:
    assert match_kind(relative) == kind


def test_the_plain_year_file_comes_first() -> None:
    names = ["2024-b.yaml", "2024.yaml", "2025.yaml", "2024-a.yaml", "2023-z.yaml"]
    assert sorted(names)[:2] == ["2023-z.yaml", "2024-a.yaml"]  # plain name order would not
    assert sorted(names, key=survey_name) == [
        "2023-z.yaml",
        "2024.yaml",
        "2024-a.yaml",
        "2024-b.yaml",
        "2025.yaml",
    ]
    assert survey_name("2024-loket-2.yaml") == (2024, "loket-2")


def test_two_surveys_of_one_indicator_blame_the_later_file(tmp_path: Path) -> None:
    data = _copy(DEMO, tmp_path)
    ikm = data / "ikm"
    shutil.copyfile(ikm / "2020.yaml", ikm / "2020-ulang.yaml")
    shutil.copyfile(ikm / "2020.yaml", ikm / "2020-b.yaml")
    errors = _errors(data)
    located = [e.split(": ", 1)[0] for e in errors]
    assert located == [
        f"{ikm / '2020-b.yaml'}:4:12",
        f"{ikm / '2020-ulang.yaml'}:4:12",
    ], errors
    assert all(f"sudah ada di {ikm / '2020.yaml'}:4" in e for e in errors)


def test_a_named_survey_must_agree_with_its_year(tmp_path: Path) -> None:
    data = _copy(DEMO, tmp_path)
    ikm = data / "ikm"
    (ikm / "2021.yaml").rename(ikm / "2022-loket.yaml")
    (errors,) = _errors(data)
    assert errors.startswith(f"{ikm / '2022-loket.yaml'}:3:8: `tahun: 2021` tidak sama")
    assert "berkas bernama 2021-loket.yaml, atau `tahun: 2022`" in errors


def test_a_named_survey_loads_like_the_plain_one(tmp_path: Path) -> None:
    data = _copy(DEMO, tmp_path)
    before = build_laporan(load_dataset(data))
    (data / "ikm" / "2021.yaml").rename(data / "ikm" / "2021-kantor.yaml")
    after = build_laporan(load_dataset(data))
    assert after.ikm == before.ikm
    assert after.dataset.berkas["ikm:2021:ikm"].endswith("ikm/2021-kantor.yaml")
    assert after.dataset.berkas["ikm:2021"] == after.dataset.berkas["ikm:2021:ikm"]


def test_two_indicators_each_with_a_survey_in_one_year() -> None:
    dataset = load_dataset(DINAS)
    assert dataset.tahun_ikm() == [2021, 2022, 2023, 2024]
    assert [s.survei.indikator for s in dataset.survei_tahun(2024)] == [
        "ikm_layanan_ppid",
        "ikm_layanan_aplikasi",
    ]
    laporan = build_laporan(dataset)
    for ident in ("ikm_layanan_ppid", "ikm_layanan_aplikasi"):
        assert laporan.indikator[ident].tahun[2024].realisasi == laporan.ikm[(2024, ident)].ikm
    assert laporan.indikator["ikm_layanan_aplikasi"].tahun[2023].realisasi is None


def test_new_year_template_names_one_file_per_survey(tmp_path: Path) -> None:
    several = realisasi_template(load_dataset(DINAS), 2025)
    assert "data/ikm/2025-ikm_layanan_ppid.yaml" in several
    assert "data/ikm/2025-ikm_layanan_aplikasi.yaml" in several
    single = realisasi_template(load_dataset(DEMO), 2025)
    assert "data/ikm/2025.yaml" in single
    assert not re.search(r"ikm/2025-\w", single)
