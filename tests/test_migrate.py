"""``python -m iku_macros migrasi``: a first-format folder (one document, ``profil.yaml`` →
``dokumen``) moved to ``dokumen/<id>/``, losing nothing and changing no number.

The fixture ``tests/fixtures/format_v1/data`` is the demo as it was before the chain, and
``iku-format-v1.json`` the open data the engine of that time built from it (golden): both the
folder as it is (still read, as a chain of one document) and the migrated folder must give
those numbers.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from iku_macros.data.loading import load_dataset
from iku_macros.report import build_laporan
from iku_macros.web.opendata import to_json
from iku_macros.workflow.migrate import NUMBER_FIELDS

from .conftest import DEMO, FORMAT_V1, ROOT, run_cli

GOLDEN = ROOT / "tests" / "fixtures" / "format_v1" / "iku-format-v1.json"
FIELDS = NUMBER_FIELDS
IDENT = "2020-2024"
"""The id the old document gets: its period (its kind is not a revision)."""


run = run_cli


def numbers(folder: Path) -> list[dict[str, Any]]:
    """The open data's rows of ``folder`` (as published: JSON numbers), golden fields only."""
    document = json.loads(to_json(build_laporan(load_dataset(folder))))
    return [{name: row[name] for name in FIELDS} for row in document["data"]]


def golden() -> list[dict[str, Any]]:
    document = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return [{name: row[name] for name in FIELDS} for row in document["data"]]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def lama(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FORMAT_V1, data)
    return data


def test_golden_has_every_indicator_and_year() -> None:
    rows = golden()
    assert len(rows) == 50  # 10 indicators × 2020–2024
    assert {row["tahun"] for row in rows} == set(range(2020, 2025))


def test_the_unmigrated_folder_checks_and_gives_the_golden_numbers(lama: Path) -> None:
    result = run("check", "data", cwd=lama.parent)
    assert result.returncode == 0, result.stderr
    assert f"Dokumen IKU: {IDENT} (awal, periode 2020–2024, berlaku 2020–2024)" in result.stdout
    dataset = load_dataset(lama)
    assert dataset.format_lama
    assert list(dataset.dokumen) == [IDENT]
    assert numbers(lama) == golden()


def test_migrasi_moves_every_file_and_keeps_the_golden_numbers(lama: Path) -> None:
    before = tree(lama)
    profil_before = _yaml(lama / "profil.yaml")
    result = run("migrasi", "data", cwd=lama.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"Dimigrasi: data — dokumen/{IDENT}/ (dokumen.yaml dari profil.yaml, kerangka.yaml, "
        "indikator/, narasi/); 50 baris angka terbitan sama persis dengan sebelumnya. "
        "Periksa dengan: python -m iku_macros check data\n"
    )
    after = tree(lama)
    moved = f"dokumen/{IDENT}/"
    # Nothing left at the top but the unit's own files; each moved file kept, byte for byte,
    # except the relative `$schema` comment (one folder deeper: two more `../`).
    assert not any(name.startswith(("indikator/", "narasi/")) for name in after)
    assert "kerangka.yaml" not in after
    for name, content in before.items():
        if name.startswith(("indikator/", "narasi/")) or name == "kerangka.yaml":
            new = after[moved + name]
            assert new == content.replace(b"$schema=../", b"$schema=../../../"), name
        elif name != "profil.yaml":
            assert after[name] == content, name
    assert after[f"{moved}indikator/nilai_sakip.yaml"].startswith(
        b"# yaml-language-server: $schema=../../../../schema/indikator.schema.json\n"
    )
    # profil.yaml loses its `dokumen:` block, and dokumen.yaml holds it in today's words.
    profil_after = _yaml(lama / "profil.yaml")
    old_document = profil_before.pop("dokumen")
    assert profil_after == profil_before
    meta = (lama / "dokumen" / IDENT / "dokumen.yaml").read_text(encoding="utf-8")
    assert meta.startswith("# yaml-language-server: $schema=../../../schema/dokumen.schema.json\n")
    assert yaml.safe_load(meta) == {**old_document, "jenis": "awal"}

    check = run("check", "data", cwd=lama.parent)
    assert check.returncode == 0, check.stderr
    dataset = load_dataset(lama)
    assert not dataset.format_lama
    assert dataset.dokumen[IDENT].folder == f"dokumen/{IDENT}"
    assert numbers(lama) == golden()


def test_migrasi_moves_a_comment_written_inside_the_dokumen_block(lama: Path) -> None:
    profil = lama / "profil.yaml"
    text = profil.read_text(encoding="utf-8")
    marked = text.replace(
        "  salam_penutup: Mengetahui,\n",
        "# Penandatangan dari halaman Kata Pengantar.\n  salam_penutup: Mengetahui,\n",
    )
    assert marked != text
    profil.write_text(marked, encoding="utf-8")
    result = run("migrasi", "data", cwd=lama.parent)
    assert result.returncode == 0, result.stderr
    meta = (lama / "dokumen" / IDENT / "dokumen.yaml").read_text(encoding="utf-8")
    assert "# Penandatangan dari halaman Kata Pengantar.\nsalam_penutup: Mengetahui,\n" in meta
    assert "Kata Pengantar" not in profil.read_text(encoding="utf-8")
    assert numbers(lama) == golden()


def _refused(data: Path) -> str:
    before = tree(data)
    result = run("migrasi", data.name, cwd=data.parent)
    assert result.returncode == 1, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith("Migrasi tidak dilakukan: ")
    assert "Traceback" not in result.stderr
    assert tree(data) == before
    return result.stderr


def test_migrasi_refuses_an_already_migrated_folder(lama: Path, tmp_path: Path) -> None:
    assert run("migrasi", "data", cwd=lama.parent).returncode == 0
    assert "data sudah memakai dokumen/ (format sekarang); tidak ada yang diubah" in _refused(lama)
    demo = tmp_path / "demo"
    shutil.copytree(DEMO, demo)
    assert "demo sudah memakai dokumen/" in _refused(demo)


def test_migrasi_refuses_an_invalid_folder(lama: Path) -> None:
    path = lama / "realisasi" / "2023.yaml"
    text = path.read_text(encoding="utf-8")
    assert "nilai: 90.0" in text
    path.write_text(text.replace("nilai: 90.0", "nilai: 90,0", 1), encoding="utf-8")
    message = _refused(lama)
    assert "data belum valid; perbaiki dulu kesalahan berikut, lalu jalankan lagi:" in message
    assert "data/realisasi/2023.yaml:" in message and 'teks "90,0"' in message
