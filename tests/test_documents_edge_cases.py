"""Edge cases of the document chain found in review: each was a wrong page, a crash, a refused
valid folder or a check that let something through."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from iku_macros.compare import pendahulu
from iku_macros.data.errors import DataValidationError
from iku_macros.data.loading import load_dataset
from iku_macros.report import build_laporan
from iku_macros.workflow.migrate import MigrasiError, migrate
from iku_macros.workflow.new_document import dokumen_baru

from .conftest import DEMO, FORMAT_V1


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    return data


@pytest.fixture
def lama(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FORMAT_V1, data)
    return data


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_revision_starting_with_its_original_is_the_newer_whatever_its_id(demo: Path) -> None:
    # The revision takes the whole period (no berlaku_mulai) and its id sorts before the
    # original's: it is still the one in force and the newest definition.
    revisi = demo / "dokumen" / "2020-2024-perubahan"
    revisi.rename(demo / "dokumen" / "00-revisi")
    meta = demo / "dokumen" / "00-revisi" / "dokumen.yaml"
    edit(meta, "berlaku_mulai: 2022\n", "")
    edit(
        demo / "dokumen" / "00-revisi" / "indikator" / "temuan_bpk_belum_ditindaklanjuti.yaml",
        "nama: Jumlah temuan BPK yang belum ditindaklanjuti",
        "nama: Temuan BPK yang belum ditindaklanjuti (nama revisi)",
    )
    dataset = load_dataset(demo)
    assert [dataset.berlaku[y] for y in range(2020, 2025)] == ["00-revisi"] * 5
    assert list(dataset.dokumen) == ["2020-2024", "00-revisi", "2025-2029"]
    merged = dataset.indikator["temuan_bpk_belum_ditindaklanjuti"]
    assert merged.nama == "Temuan BPK yang belum ditindaklanjuti (nama revisi)"
    assert dataset.berkas["indikator:temuan_bpk_belum_ditindaklanjuti"].startswith(
        "data/dokumen/00-revisi/"
    )


def test_surveys_are_checked_against_the_document_in_force_in_their_year(demo: Path) -> None:
    # The next period measures `ikm` by hand: the earlier surveys stay valid for their years.
    edit(demo / "dokumen" / "2025-2029" / "indikator" / "ikm.yaml", "jenis: ikm", "jenis: manual")
    dataset = load_dataset(demo)
    assert dataset.versi("ikm", 2024).perhitungan.jenis == "ikm"
    assert dataset.versi("ikm", 2025).perhitungan.jenis == "manual"
    hasil = build_laporan(dataset).indikator["ikm"]
    assert hasil.tahun[2024].status_realisasi == "dilaporkan"
    assert hasil.tahun[2025].status_realisasi == "belum dilaporkan"


def test_a_new_period_after_a_gap_is_compared_with_the_last_document_before_it(
    demo: Path,
) -> None:
    edit(
        demo / "dokumen" / "2025-2029" / "dokumen.yaml", "periode:", "berlaku_mulai: 2026\nperiode:"
    )
    (demo / "realisasi" / "2025.yaml").unlink()
    dataset = load_dataset(demo)
    assert 2025 not in dataset.berlaku
    assert pendahulu(dataset.dokumen, dataset.berlaku, "2025-2029") == "2020-2024-perubahan"


def test_old_format_chapters_are_checked_even_beside_an_empty_dokumen_folder(
    lama: Path,
) -> None:
    (lama / "dokumen" / "2020-2024").mkdir(parents=True)
    (lama / "dokumen" / "2020-2024" / ".gitkeep").write_text("", encoding="utf-8")
    with (lama / "narasi" / "bab-4.md").open("a", encoding="utf-8") as chapter:
        chapter.write("\n{{ makro_tak_dikenal() }}\n")
    with pytest.raises(DataValidationError) as refused:
        load_dataset(lama)
    assert any(
        e.berkas.endswith("narasi/bab-4.md") and "makro_tak_dikenal" in e.pesan
        for e in refused.value.errors
    ), refused.value.report()


def test_a_chapter_link_out_of_the_chapters_folder_is_refused(demo: Path) -> None:
    chapter = demo / "dokumen" / "2020-2024-perubahan" / "narasi" / "bab-2.md"
    with chapter.open("a", encoding="utf-8") as text:
        text.write("\nLihat [nilai SAKIP](../indikator/nilai_sakip.md) dan [bab 3](bab-3.md).\n")
    with pytest.raises(DataValidationError) as refused:
        load_dataset(demo)
    (error,) = refused.value.errors
    assert error.berkas.endswith("narasi/bab-2.md") and error.baris is not None
    assert "tautan relatif ke luar folder bab" in error.pesan
    assert error.ditemukan == "`../indikator/nilai_sakip.md`"


@pytest.mark.parametrize(
    "change",
    ["quoted-key", "four-spaces", "flow", "gitkeep"],
)
def test_migrasi_accepts_every_valid_way_of_writing_the_old_folder(lama: Path, change: str) -> None:
    profil = lama / "profil.yaml"
    text = profil.read_text(encoding="utf-8")
    block = re.search(r"^dokumen:\n(?:  .*\n)+", text, re.MULTILINE)
    assert block is not None
    if change == "quoted-key":
        text = text.replace("\ndokumen:\n", '\n"dokumen":\n', 1)
    elif change == "four-spaces":
        text = text.replace(block[0], re.sub(r"^  ", "    ", block[0], flags=re.MULTILINE))
    elif change == "flow":
        text = text.replace(
            block[0],
            'dokumen: {judul: "IKU (data contoh)", jenis: Perubahan Kedua, periode: {awal: 2020, '
            "akhir: 2024}, penandatangan: {jabatan: Camat Contoh, nama: Nama Contoh}}\n",
        )
    else:
        (lama / "dokumen" / "2020-2024").mkdir(parents=True)
        (lama / "dokumen" / "2020-2024" / ".gitkeep").write_text("", encoding="utf-8")
    profil.write_text(text, encoding="utf-8")
    before = load_dataset(lama)
    ident, compared = migrate(lama)
    assert compared == 50
    after = load_dataset(lama)
    assert not after.format_lama
    assert after.dokumen[ident].meta == before.dokumen[ident].meta
    written = (lama / "dokumen" / ident / "dokumen.yaml").read_text(encoding="utf-8")
    if change == "flow":
        assert ident == "2020-2024-perubahan"
        assert "# jenis di profil.yaml: Perubahan Kedua\n" in written


def test_migrasi_refuses_a_document_folder_that_already_has_files(lama: Path) -> None:
    (lama / "dokumen" / "2020-2024").mkdir(parents=True)
    (lama / "dokumen" / "2020-2024" / "catatan.md").write_text("x", encoding="utf-8")
    before = sorted(p.relative_to(lama) for p in lama.rglob("*"))
    with pytest.raises((MigrasiError, DataValidationError)):
        migrate(lama)
    assert sorted(p.relative_to(lama) for p in lama.rglob("*")) == before


def test_dokumen_baru_names_a_second_revision_by_its_first_year(demo: Path) -> None:
    made = dokumen_baru(2020, 2024, demo, perubahan=True, berlaku_mulai=2024)
    assert made.id == "2020-2024-perubahan-2024"
    dataset = load_dataset(demo)
    assert dataset.dokumen["2020-2024-perubahan-2024"].meta.merevisi == "2020-2024-perubahan"
    assert [dataset.berlaku[y] for y in (2021, 2023, 2024)] == [
        "2020-2024",
        "2020-2024-perubahan",
        "2020-2024-perubahan-2024",
    ]


def test_dokumen_baru_copes_with_a_comment_inside_the_targets(demo: Path) -> None:
    edit(
        demo / "dokumen" / "2025-2029" / "indikator" / "nilai_sakip.yaml",
        "  2027: 84\n",
        "# target 2027 dinaikkan\n  2027: 84\n",
    )
    made = dokumen_baru(2030, 2034, demo)
    new = (made.folder / "indikator" / "nilai_sakip.yaml").read_text(encoding="utf-8")
    assert "  2027: 84" not in new
    assert load_dataset(demo).dokumen["2030-2034"].indikator["nilai_sakip"].target == {}
