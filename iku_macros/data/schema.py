"""JSON Schemas for editors, generated from the pydantic models and committed under ``schema/``."""

from __future__ import annotations

import json
from pathlib import Path

from iku_macros.data.model import FILE_MODELS

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"


def render_schema(kind: str) -> str:
    """The JSON Schema text for one kind of data file (stable key order, trailing newline)."""
    model = FILE_MODELS[kind]
    schema = model.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind}.schema.json",
        **schema,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FILE_MODELS:
        path = directory / f"{kind}.schema.json"
        path.write_text(render_schema(kind), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(directory: Path = SCHEMA_DIR) -> list[str]:
    """Kinds whose committed schema differs from the models (or is missing)."""
    stale = []
    for kind in FILE_MODELS:
        path = directory / f"{kind}.schema.json"
        if not path.exists() or path.read_text(encoding="utf-8") != render_schema(kind):
            stale.append(kind)
    return stale
