"""``python -m iku_macros migrasi DIR``: move a first-format data folder (one document) to the
``dokumen/<id>/`` layout, in place, losing nothing.

The first format keeps the document's metadata in ``profil.yaml`` (``dokumen:``) and its
framework, indicators and chapters at the top of the folder. The migration moves them, as files
(comments and all), to ``dokumen/<id>/`` under the id the loader already gives that document
(:func:`~iku_macros.data.documents.legacy_document_id`), cuts the ``dokumen:`` block out of
``profil.yaml`` into ``dokumen/<id>/dokumen.yaml``, and fixes the relative ``$schema`` comments.

It is done on a copy first: the copy must load, and every published number (target,
realisasi, capaian, predikat, per indicator and year) must be identical to the folder's before,
or nothing is changed.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import yaml

from iku_macros.data.documents import legacy_document_id, legacy_meta
from iku_macros.data.errors import DataValidationError, display_path
from iku_macros.data.layout import DOKUMEN_FOLDER
from iku_macros.data.loading import Dataset, load_dataset
from iku_macros.data.model import Dokumen
from iku_macros.data.safe_files import UnsafeFileError, read_data_text
from iku_macros.data.yaml_source import MAX_YAML_BYTES
from iku_macros.report import build_laporan
from iku_macros.web.opendata import records


class MigrasiError(Exception):
    """The folder cannot be migrated; the message says why, in Indonesian."""


MOVED = ("kerangka.yaml", "indikator", "narasi")
"""What moves from the top of the folder into the document's folder."""
_SCHEMA_COMMENT = re.compile(r"^(# yaml-language-server: \$schema=)((?:\.\./)+)(schema/)", re.M)


def migrate(folder: Path | str) -> tuple[str, int]:
    """Migrate ``folder`` in place; the document's id and the number of values compared."""
    folder = Path(folder)
    try:
        before = load_dataset(folder)
    except DataValidationError as exc:
        raise MigrasiError(
            "data belum valid; perbaiki dulu kesalahan berikut, lalu jalankan lagi:\n"
            + exc.report()
        ) from exc
    if not before.format_lama:
        raise MigrasiError(
            f"{folder} sudah memakai dokumen/ (format sekarang); tidak ada yang diubah"
        )
    assert before.profil.dokumen is not None  # the first format has it
    ident = legacy_document_id(before.profil.dokumen)
    with tempfile.TemporaryDirectory(prefix="iku-migrasi-") as scratch:
        trial = Path(scratch) / folder.name
        shutil.copytree(folder, trial, symlinks=True)
        try:
            _move(trial, ident, before)
            after = load_dataset(trial)
        except DataValidationError as exc:
            raise MigrasiError(
                "hasil percobaan migrasi (pada salinan) tidak valid; folder tidak diubah:\n"
                + exc.report()
            ) from exc
        except (OSError, UnsafeFileError, ValueError) as exc:
            raise MigrasiError(
                f"migrasi tidak dapat dilakukan ({exc}); folder tidak diubah"
            ) from exc
        compared = _compare(before, after, ident)
    _move(folder, ident, before)
    return ident, compared


def _move(folder: Path, ident: str, before: Dataset) -> None:
    target = folder / DOKUMEN_FOLDER / ident
    if target.exists() and any(p.name != ".gitkeep" for p in target.iterdir()):
        raise MigrasiError(f"{display_path(target)} sudah berisi berkas; folder tidak diubah")
    target.mkdir(parents=True, exist_ok=True)
    for name in MOVED:
        source = folder / name
        if source.exists():
            source.rename(target / name)
    profil_path = folder / "profil.yaml"
    profil_text, block = _cut_block(_read(profil_path, folder), "dokumen")
    assert before.profil.dokumen is not None  # the first format has it
    (target / "dokumen.yaml").write_text(_document_file(block, before.profil.dokumen), "utf-8")
    profil_path.write_text(profil_text, "utf-8")
    for path in sorted(target.rglob("*.yaml")):
        depth = len(path.relative_to(folder).parts)  # data/<...>/file.yaml → ../ × depth
        text = _read(path, folder)
        fixed = _SCHEMA_COMMENT.sub(lambda m, up="../" * depth: m[1] + up + m[3], text)
        if fixed != text:
            path.write_text(fixed, "utf-8")


def _read(path: Path, root: Path) -> str:
    """A data file's text through the safe reader (no symlink, bounded size)."""
    return read_data_text(path, root, max_bytes=MAX_YAML_BYTES)


def _cut_block(text: str, key: str) -> tuple[str, list[str]]:
    """``text`` without the top-level ``key:`` block, and that block's lines (key line first)."""
    lines = text.splitlines(keepends=True)
    top = re.compile(rf"""(["']?){key}\1\s*:""")
    start = next((i for i, line in enumerate(lines) if top.match(line)), None)
    if start is None:
        raise MigrasiError(
            f"`{key}:` tidak ditemukan di awal baris profil.yaml; folder tidak diubah"
        )
    end = start + 1
    while end < len(lines) and (inside_block(lines[end]) or comment_within(lines, end)):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines after the block stay in profil.yaml
    return "".join(lines[:start] + lines[end:]), lines[start:end]


def inside_block(line: str) -> bool:
    """An indented or blank line: part of the block above it."""
    return line[:1] in (" ", "\t") or not line.strip()


def comment_within(lines: list[str], index: int) -> bool:
    """A comment at the margin between two lines of a block (the block goes on after it):
    moved with the block, or its lines below would be left behind in profil.yaml."""
    if not lines[index].startswith("#"):
        return False
    rest = (line for line in lines[index + 1 :] if line.strip() and not line.startswith("#"))
    following = next(rest, "")
    return following[:1] in (" ", "\t")


HEADER = (
    "# yaml-language-server: $schema=../../../schema/dokumen.schema.json\n"
    "# Dipindahkan dari profil.yaml (dokumen:) oleh `python -m iku_macros migrasi`.\n"
)


def _document_file(block: list[str], dokumen: Dokumen) -> str:
    """``dokumen.yaml`` from the ``dokumen:`` block of ``profil.yaml``: the same lines, one
    level less indented, with ``jenis`` in today's words (``awal``/``perubahan``); a block in
    another style (flow, other indentation) is written anew from its values, its comments
    kept above them."""
    jenis = legacy_meta(dokumen).jenis.value
    note = (
        f"# jenis di profil.yaml: {dokumen.jenis}\n"
        if dokumen.jenis and dokumen.jenis.strip().lower() != jenis
        else ""
    )
    body_lines = [line for line in block[1:] if line.strip() and not line.lstrip().startswith("#")]
    two_spaces = (
        block[0].split("#")[0].rstrip().endswith(":")
        and bool(body_lines)
        and re.match(r"  \S", body_lines[0]) is not None
        and all(line.startswith("  ") for line in body_lines)
    )
    if not two_spaces:
        comments = "".join(line.lstrip() for line in block if line.lstrip().startswith("#"))
        values = legacy_meta(dokumen).model_dump(mode="json", exclude_none=True)
        dumped = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=100)
        return HEADER + comments + note + dumped
    body = [line[2:] if line.startswith("  ") else line.lstrip() for line in block[1:]]
    kept = []
    for line in body:
        if re.match(r"jenis:\s*(.*)", line):
            continue
        kept.append(line)
    judul = next((i for i, line in enumerate(kept) if line.startswith("judul:")), -1)
    kept.insert(judul + 1, f"{note}jenis: {jenis}\n")
    while kept and not kept[-1].strip():
        kept.pop()
    return HEADER + "".join(kept)


def _compare(before: Dataset, after: Dataset, ident: str) -> int:
    """The number of published values compared; raises when any differs, or when the
    document's metadata (title, period, signatory, ...) did not come through unchanged."""
    if after.dokumen[ident].meta != before.dokumen[ident].meta:
        raise MigrasiError(
            "data dokumen (judul, periode, penandatangan) berubah; folder tidak diubah"
        )
    old = [_numbers(r) for r in records(build_laporan(before), None)]
    new = [_numbers(r) for r in records(build_laporan(after), None)]
    if old != new:
        changed = (
            next(o for o, n in zip(old, new, strict=False) if o != n)
            if len(old) == len(new)
            else "jumlah baris"
        )
        raise MigrasiError(f"angka berubah setelah migrasi ({changed}); folder tidak diubah")
    return len(old)


NUMBER_FIELDS = (
    "id",
    "tahun",
    "target",
    "realisasi",
    "capaian",
    "predikat",
    "status",
    "keterangan_capaian",
)


def _numbers(record: dict[str, object]) -> tuple[object, ...]:
    return tuple(record.get(name) for name in NUMBER_FIELDS)
