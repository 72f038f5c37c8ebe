"""Comparing two IKU documents (iku_macros.compare), without MkDocs: small hand-made documents
whose every difference is listed by hand, and the demo's chain as its YAML files set it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from iku_macros.compare import (
    GantiNama,
    PerubahanAtribut,
    PerubahanTarget,
    UnsurKerangka,
    compare,
    compare_framework,
    pendahulu,
    ringkasan,
)
from iku_macros.data.documents import DokumenTerbaca
from iku_macros.data.loading import load_dataset
from iku_macros.data.model import BatasNilai, DokumenIKU, Indikator, Kerangka, Polaritas
from iku_macros.web.render.perbandingan import format_attribute, format_year_target

from .conftest import DEMO

KERANGKA = {
    "tujuan": [{"id": "t1", "urusan": "U", "nama": "Tujuan satu"}],
    "sasaran": [
        {"id": "s1", "tujuan": "t1", "nama": "Sasaran satu"},
        {"id": "s2", "tujuan": "t1", "nama": "Sasaran dua"},
    ],
    "program": [{"id": "p1", "nama": "Program satu"}],
}


def indikator(ident: str, **changes: Any) -> Indikator:
    data: dict[str, Any] = {
        "id": ident,
        "nama": f"Nama {ident}",
        "jenis": "iku",
        "induk": "s1",
        "urutan": 1,
        "definisi_operasional": f"Definisi {ident}",
        "rumus_publikasi": f"Rumus {ident}",
        "satuan": "persen",
        "polaritas": "positif",
        "sumber_data": ["Sumber"],
        "penanggung_jawab": ["Seksi"],
        "target": {},
    }
    data.update(changes)
    return Indikator.model_validate(data)


def dokumen(
    ident: str,
    items: list[Indikator],
    *,
    jenis: str = "awal",
    periode: tuple[int, int] = (2020, 2024),
    kerangka: dict[str, Any] | None = None,
    **meta: Any,
) -> DokumenTerbaca:
    model = DokumenIKU.model_validate(
        {
            "judul": f"IKU {ident}",
            "jenis": jenis,
            "periode": {"awal": periode[0], "akhir": periode[1]},
            "penandatangan": {"jabatan": "Camat", "nama": "Nama"},
            **meta,
        }
    )
    return DokumenTerbaca(
        ident,
        model,
        Kerangka.model_validate(kerangka or KERANGKA),
        {item.id: item for item in items},
        f"dokumen/{ident}",
    )


def d(text: str) -> Decimal:
    return Decimal(text)


# --- which document a document is compared with ---------------------------------------------------


def test_predecessor_of_a_revision_is_the_document_it_revises() -> None:
    awal = dokumen("a", [])
    revisi = dokumen("b", [], jenis="perubahan", merevisi="a", berlaku_mulai=2022)
    documents = {"a": awal, "b": revisi}
    berlaku = {2020: "a", 2021: "a", 2022: "b", 2023: "b", 2024: "b"}
    assert pendahulu(documents, berlaku, "b") == "a"
    assert pendahulu(documents, berlaku, "a") is None  # nothing in force in 2019


def test_a_revision_of_a_document_not_in_the_folder_has_no_predecessor() -> None:
    revisi = dokumen("b", [], jenis="perubahan", keterangan_revisi="Dokumen awal hilang.")
    assert pendahulu({"b": revisi}, {2020: "b"}, "b") is None


def test_predecessor_of_a_new_period_is_the_document_in_force_the_year_before() -> None:
    documents = {
        "a": dokumen("a", []),
        "b": dokumen("b", [], jenis="perubahan", merevisi="a", berlaku_mulai=2022),
        "c": dokumen("c", [], periode=(2025, 2029)),
        "d": dokumen("d", [], periode=(2031, 2035)),
    }
    berlaku = {2020: "a", 2021: "a", 2022: "b", 2023: "b", 2024: "b"}
    berlaku |= {year: "c" for year in range(2025, 2030)}
    berlaku |= {year: "d" for year in range(2031, 2036)}
    assert pendahulu(documents, berlaku, "c") == "b"  # the revision, not the original
    # 2030 has no document: the one before the gap is the predecessor.
    assert pendahulu(documents, berlaku, "d") == "c"
    assert pendahulu(documents, berlaku, "a") is None  # the start of the chain


# --- one indicator --------------------------------------------------------------------------------


def test_targets_of_the_years_both_list_are_compared() -> None:
    lama = indikator("x", target={2020: 70, 2021: 72, 2022: 74, 2023: None, 2024: 80})
    baru = indikator("x", target={2020: 70, 2021: 72.0, 2022: 75, 2023: 78, 2024: None})
    (found,) = compare(dokumen("a", [lama]), dokumen("b", [baru])).berubah
    assert found.target == (
        PerubahanTarget(2022, d("74"), d("75")),
        PerubahanTarget(2023, None, d("78")),  # '-' set to a value
        PerubahanTarget(2024, d("80"), None),  # a value unset
    )  # 72 and 72.0 are one number
    assert found.tahun_ditambah == () and found.tahun_dihapus == ()
    assert not (found.nama_berubah or found.definisi_berubah or found.rumus_berubah)
    assert found.atribut == ()


def test_target_years_added_or_removed_within_the_shared_years() -> None:
    lama = indikator("x", target={2020: 1, 2021: 2, 2022: 3})
    baru = indikator("x", target={2021: 2, 2022: 3, 2023: 4, 2024: 5})
    (found,) = compare(dokumen("a", [lama]), dokumen("b", [baru])).berubah
    assert found.target == ()
    assert found.tahun_ditambah == (2023, 2024)
    assert found.tahun_dihapus == (2020,)


def test_names_definitions_formulas_and_other_fields() -> None:
    lama = indikator("x", urutan=1, target={2020: 5})
    baru = indikator(
        "x",
        nama="Nama baru",
        definisi_operasional="Definisi baru",
        perhitungan={"jenis": "komposit", "rumus": "(y + z) / 2"},
        induk="s2",
        polaritas="negatif",
        batas={"min": 0, "max": 200},
        sumber_data=["Sumber", "Aplikasi"],
        urutan=3,  # order only: not a change a reader needs listed
        target={2020: 5},
    )
    (found,) = compare(dokumen("a", [lama]), dokumen("b", [baru])).berubah
    assert found.nama_berubah and found.definisi_berubah
    assert found.rumus_berubah  # the way realisasi is computed changed; the text did not
    assert found.lama.rumus_publikasi == found.baru.rumus_publikasi
    assert found.atribut == (
        PerubahanAtribut("induk", "s1", "s2"),
        PerubahanAtribut("polaritas", Polaritas.POSITIF, Polaritas.NEGATIF),
        PerubahanAtribut("batas", None, BatasNilai(min=d("0"), max=d("200"))),
        PerubahanAtribut("sumber_data", ["Sumber"], ["Sumber", "Aplikasi"]),
    )
    assert found.target == ()


def test_an_unchanged_indicator_is_not_listed() -> None:
    same = indikator("x", urutan=1, target={2020: 5})
    moved = indikator("x", urutan=2, target={2020: 5})
    result = compare(dokumen("a", [same]), dokumen("b", [moved]))
    assert result.berubah == () and result.bagian() == []
    assert (
        ringkasan(result) == "Tidak ada target berubah; tidak ada indikator ditambah atau dihapus."
    )


# --- whole documents ------------------------------------------------------------------------------


def test_added_removed_and_changed_in_document_order() -> None:
    lama = dokumen(
        "a",
        [
            indikator("p", target={2022: 1}),
            indikator("q", target={2022: 2}),
            indikator("r", target={2022: 3}),
        ],
    )
    baru = dokumen(
        "b",
        [
            indikator("s", jenis="program", induk="p1", target={2022: 9}),
            indikator("r", target={2022: 4}),
            indikator("p", target={2022: 1}),
            indikator("t", target={2022: 9}),
        ],
        jenis="perubahan",
        merevisi="a",
    )
    result = compare(lama, baru)
    assert [i.id for i in result.ditambah] == ["s", "t"]
    assert [i.id for i in result.dihapus] == ["q"]
    assert [c.id for c in result.berubah] == ["r"]
    assert result.revisi and not result.periode_baru
    assert result.sambungan == ()
    assert result.bagian() == ["target", "ditambah", "dihapus"]
    assert (
        ringkasan(result)
        == "1 target berubah pada 1 indikator; 2 indikator ditambah dan 1 dihapus."
    )


def test_a_new_period_sets_targets_side_by_side_instead_of_comparing_them() -> None:
    lama = dokumen(
        "a",
        [
            indikator("p", target={2020: 70, 2024: 78}),
            indikator("q", target={}),
            indikator("r", target={2024: 9}),
        ],
    )
    baru = dokumen(
        "c",
        [
            indikator("p", target={2026: 81, 2025: 80}),
            indikator("q", target={2025: None}),
            indikator("n", target={2025: 1}),
        ],
        periode=(2025, 2029),
    )
    result = compare(lama, baru)
    assert result.periode_baru and not result.revisi and result.tahun_bersama == range(2025, 2025)
    assert result.berubah == ()  # no year in common: targets are not "changes"
    assert [(s.indikator.id, s.tahun_lama, s.target_lama, s.tahun_baru, s.target_baru)
            for s in result.sambungan] == [
        ("p", 2024, d("78"), 2025, d("80")),
        ("q", None, None, 2025, None),
    ]  # fmt: skip
    assert result.bagian() == ["ditambah", "dihapus", "sambungan"]
    assert ringkasan(result) == "1 indikator ditambah dan 1 dihapus."


def test_framework_added_removed_renamed() -> None:
    lama = Kerangka.model_validate(KERANGKA)
    baru = Kerangka.model_validate(
        {
            "tujuan": [{"id": "t1", "urusan": "U", "nama": "Tujuan pertama"}],
            "sasaran": [
                {"id": "s1", "tujuan": "t1", "nama": "Sasaran satu"},
                {"id": "s3", "tujuan": "t1", "nama": "Sasaran tiga"},
            ],
            "program": [{"id": "p1", "nama": "Program satu"}],
        }
    )
    result = compare_framework(lama, baru)
    assert result.ditambah == (UnsurKerangka("sasaran", "s3", "Sasaran tiga"),)
    assert result.dihapus == (UnsurKerangka("sasaran", "s2", "Sasaran dua"),)
    assert result.diganti_nama == (GantiNama("tujuan", "t1", "Tujuan satu", "Tujuan pertama"),)
    assert result.jumlah == 3


def test_summary_of_every_kind_of_change() -> None:
    kerangka = {**KERANGKA, "program": [{"id": "p1", "nama": "Program pertama"}]}
    lama = dokumen("a", [indikator("x", target={2020: 1, 2021: 2}), indikator("y")])
    baru = dokumen(
        "b",
        [
            indikator(
                "x",
                nama="X",
                definisi_operasional="D",
                rumus_publikasi="R",
                satuan="indeks",
                target={2020: 3, 2022: 4},
            ),
            indikator("y", nama="Y"),
        ],
        jenis="perubahan",
        merevisi="a",
        kerangka=kerangka,
    )
    assert ringkasan(compare(lama, baru)) == (
        "1 target berubah pada 1 indikator; 1 target tahunan ditambah; 1 target tahunan "
        "dihapus; tidak ada indikator ditambah atau dihapus; 2 indikator berganti nama; "
        "definisi operasional 1 indikator berubah; rumus 1 indikator berubah; keterangan lain 1 "
        "indikator berubah; 1 perubahan pada tujuan, sasaran, atau program."
    )


# --- the demo's chain -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> dict[str, DokumenTerbaca]:
    return load_dataset(DEMO).dokumen


def test_demo_revision_changes_nine_targets(demo: dict[str, DokumenTerbaca]) -> None:
    result = compare(demo["2020-2024"], demo["2020-2024-perubahan"])
    changes = {(c.id, t.tahun): (t.lama, t.baru) for c in result.berubah for t in c.target}
    assert changes == {
        ("nilai_sakip", 2022): (d("74"), d("75")),
        ("nilai_sakip", 2023): (d("76"), d("80")),
        ("nilai_sakip", 2024): (d("78"), d("82")),
        ("pengaduan_tidak_tepat_waktu", 2022): (d("14"), d("12")),
        ("pengaduan_tidak_tepat_waktu", 2023): (d("12"), d("10")),
        ("pengaduan_tidak_tepat_waktu", 2024): (d("10"), d("8")),
        ("persentase_layanan_trantib", 2022): (d("86"), d("87")),
        ("persentase_layanan_trantib", 2023): (d("87"), d("88")),
        ("persentase_layanan_trantib", 2024): (d("88"), d("90")),
    }
    assert result.ditambah == () and result.dihapus == () and result.kerangka.jumlah == 0
    assert result.bagian() == ["target"]
    assert ringkasan(result) == (
        "9 target berubah pada 3 indikator; tidak ada indikator ditambah atau dihapus."
    )


def test_demo_new_period(demo: dict[str, DokumenTerbaca]) -> None:
    result = compare(demo["2020-2024-perubahan"], demo["2025-2029"])
    assert [i.id for i in result.ditambah] == ["persentase_layanan_daring"]
    assert [i.id for i in result.dihapus] == ["temuan_bpk_belum_ditindaklanjuti"]
    (changed,) = result.berubah
    assert changed.id == "pengaduan_tidak_tepat_waktu"
    assert changed.lama.nama == "Persentase pengaduan yang tidak selesai tepat waktu"
    assert changed.baru.nama == "Persentase pengaduan yang tidak selesai dalam batas waktu layanan"
    assert changed.definisi_berubah and changed.rumus_berubah and changed.atribut == ()
    assert changed.lama.perhitungan == changed.baru.perhitungan  # only the published formula
    assert ringkasan(result) == (
        "1 indikator ditambah dan 1 dihapus; 1 indikator berganti nama; definisi operasional 1 "
        "indikator berubah; rumus 1 indikator berubah."
    )
    sakip = next(s for s in result.sambungan if s.indikator.id == "nilai_sakip")
    assert (sakip.tahun_lama, sakip.target_lama, sakip.tahun_baru, sakip.target_baru) == (
        2024,
        d("82"),
        2025,
        d("82"),
    )
    assert len(result.sambungan) == 9  # the 10 old indicators less the one removed


# --- how values are shown -------------------------------------------------------------------------


def test_attribute_values_in_words(demo: dict[str, DokumenTerbaca]) -> None:
    document = demo["2025-2029"]
    assert format_attribute("induk", "sasaran_kepuasan", document) == (
        "Meningkatnya Kepuasan Masyarakat atas Layanan Kecamatan (data contoh)"
    )
    assert format_attribute("polaritas", Polaritas.NEGATIF, document) == (
        "negatif (makin rendah makin baik)"
    )
    batas = BatasNilai(min=d("0"), max=d("1500.5"))
    assert format_attribute("batas", batas, document) == "0–1.500,5"
    assert format_attribute("batas", None, document) == "bawaan satuan (0–100)"
    assert format_attribute("predikat_target", None, document) == "tidak ada"
    assert format_attribute("sumber_data", ["A", "B"], document) == "A, B"


def test_year_targets_as_the_document_prints_them() -> None:
    assert format_year_target(2024, d("82.50")) == "82,50 (2024)"
    assert format_year_target(2025, None) == "- (2025)"
    assert format_year_target(None, None) == "tidak ada target"
