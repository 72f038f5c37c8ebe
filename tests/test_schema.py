"""The committed JSON Schemas match the models, and every data file points to its schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iku_macros.data.layout import scan
from iku_macros.data.model import FILE_MODELS
from iku_macros.data.schema import SCHEMA_DIR, render_schema, stale_schemas

from .conftest import DEMO, ROOT, UNIT_LAIN


def test_committed_schemas_are_current() -> None:
    assert stale_schemas() == [], "skema usang: jalankan `make schema` dan commit hasilnya"


def test_stale_schema_is_detected(tmp_path: Path) -> None:
    for kind in FILE_MODELS:
        (tmp_path / f"{kind}.schema.json").write_text(render_schema(kind), encoding="utf-8")
    assert stale_schemas(tmp_path) == []
    (tmp_path / "indikator.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "ikm.schema.json").unlink()
    assert stale_schemas(tmp_path) == ["indikator", "ikm"]


def test_schemas_are_json_with_indonesian_descriptions() -> None:
    schema = json.loads((SCHEMA_DIR / "indikator.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    assert "positif" in schema["properties"]["polaritas"]["description"]


def _data_files(root: Path) -> list[tuple[Path, str]]:
    """Every YAML file the loader reads, with its kind (the layout's, in either format)."""
    found = scan(root).files
    return [(path, kind) for kind in FILE_MODELS for path in found[kind]]


@pytest.mark.parametrize("root", [DEMO, UNIT_LAIN], ids=["data_contoh", "unit_lain"])
def test_every_data_file_names_its_schema(root: Path) -> None:
    assert_every_data_file_names_its_schema(root)


def test_every_kind_of_file_of_a_document_chain_is_checked() -> None:
    """The demo's chain: each document's dokumen.yaml, kerangka.yaml and indicators, four
    folders deep, besides the unit's own files."""
    kinds = {kind for _, kind in _data_files(DEMO)}
    assert kinds == set(FILE_MODELS)
    deep = [p.relative_to(DEMO).as_posix() for p, kind in _data_files(DEMO) if kind == "dokumen"]
    assert deep == [
        f"dokumen/{d}/dokumen.yaml" for d in ("2020-2024", "2020-2024-perubahan", "2025-2029")
    ]


def assert_every_data_file_names_its_schema(root: Path) -> None:
    """Also a unit-data test of data/ (test_data_unit.py). The link is resolved as from the
    folder's place in a repository (``data/``, ``data_contoh/``): the second fixture unit is
    written to be copied there."""
    files = _data_files(root)
    assert files
    for path, kind in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        rel = "../" * (len(path.relative_to(root).parts)) + f"schema/{kind}.schema.json"
        assert first == f"# yaml-language-server: $schema={rel}", path
        placed = ROOT / "data" / path.relative_to(root)
        assert (placed.parent / rel).resolve() == (SCHEMA_DIR / f"{kind}.schema.json").resolve()
