"""``python -m iku_macros dokumen-baru AWAL AKHIR [--perubahan]``: a new IKU document of the chain,
scaffolded from the one in force before it, ready to complete from the official document.

A new period's document (``AWAL-AKHIR``) starts from the document in force in AWAL−1 (else the
newest); a revision (``AWAL-AKHIR-perubahan``, ``--perubahan``) from the newest document in force
within AWAL..AKHIR, which it then revises (``merevisi``). Written under ``dokumen/<id>/``:

* ``dokumen.yaml``: title, kind, period, revision fields, the signatory copied (to check) and
  the legal act (``penetapan``) as commented lines to fill in;
* ``kerangka.yaml`` and every ``indikator/<id>.yaml``, copied as files (definitions and comments
  kept). A new period's targets are empty (``target: {}``, with the years to fill and an example
  in comments: never ``null``, which means the document printed "-"); a revision keeps the
  revised document's targets, to change where revised.

Narrative chapters are not copied: they are optional (the site makes the document's page). The
scaffold is loaded before the command returns; if it does not check, it is removed.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from iku_macros.data.documents import DokumenTerbaca, covered_years
from iku_macros.data.errors import DataValidationError, display_path
from iku_macros.data.layout import DOKUMEN_FOLDER
from iku_macros.data.loading import Dataset, load_dataset
from iku_macros.data.model import Indikator
from iku_macros.data.safe_files import UnsafeFileError, read_data_text
from iku_macros.data.yaml_source import MAX_YAML_BYTES
from iku_macros.workflow.migrate import comment_within, inside_block

SCHEMA = "# yaml-language-server: $schema={up}schema/{name}.schema.json"
"""First line of each written file (``up``: ``../`` up to the repository root)."""
_SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=\S*\n?", re.M)
_TARGET_YEAR = re.compile(r"^\s+([0-9]{4})\s*:")


class DokumenBaruError(Exception):
    """A refusal, phrased for the person running the command (nothing was written)."""


@dataclass(frozen=True)
class DokumenBaru:
    """What was written."""

    id: str
    folder: Path
    sumber: str
    """Id of the document it was copied from."""
    indikator: int
    berlaku_mulai_otomatis: int | None
    """A revision's first year, when chosen by the command (not given with --berlaku-mulai)."""
    tahun_realisasi: int | None
    """The first year it is in force that has no realisasi file yet (for ``tahun-baru``)."""


def document_id(awal: int, akhir: int, perubahan: bool, mulai: int | None = None) -> str:
    """``AWAL-AKHIR``, ``AWAL-AKHIR-perubahan``, and for a further revision of the same period
    ``AWAL-AKHIR-perubahan-MULAI`` (the year it takes over)."""
    base = f"{awal}-{akhir}" + ("-perubahan" if perubahan else "")
    return f"{base}-{mulai}" if mulai is not None else base


def dokumen_baru(
    awal: int,
    akhir: int,
    data: Path | str = "data",
    *,
    perubahan: bool = False,
    berlaku_mulai: int | None = None,
) -> DokumenBaru:
    """Write ``<data>/dokumen/<id>/``; raise :class:`DokumenBaruError` (nothing written)."""
    data = Path(data)
    shown = display_path(data)
    if akhir < awal:
        raise DokumenBaruError(
            f"tahun akhir {akhir} sebelum tahun awal {awal}; periode ditulis AWAL AKHIR, "
            f"mis. {awal} {awal + 4}"
        )
    if berlaku_mulai is not None and not awal <= berlaku_mulai <= akhir:
        raise DokumenBaruError(
            f"--berlaku-mulai {berlaku_mulai} di luar periode {awal}–{akhir}; isi tahun antara "
            f"{awal} dan {akhir}"
        )
    dataset = _load(data)
    if dataset.format_lama:
        raise DokumenBaruError(
            f"folder {shown} masih memakai format lama (satu dokumen, tanpa folder dokumen/). "
            f"Pindahkan dulu dengan: python -m iku_macros migrasi {shown}"
        )
    otomatis = None
    if perubahan:
        source = _revised(dataset, awal, akhir)
        if berlaku_mulai is None:
            berlaku_mulai = otomatis = _default_start(dataset, source, awal, akhir)
    ident = document_id(awal, akhir, perubahan)
    if perubahan and ident in dataset.dokumen:
        # A second revision of the period: named by the year it takes over.
        ident = document_id(awal, akhir, perubahan, berlaku_mulai)
    target = data / DOKUMEN_FOLDER / ident
    if ident in dataset.dokumen or target.exists() or target.is_symlink():
        raise DokumenBaruError(
            f"dokumen `{ident}` sudah ada ({display_path(target)}/); dokumen-baru tidak menimpa "
            "dokumen. Untuk revisi berikutnya pilih tahun mulai lain (--berlaku-mulai); untuk "
            "memperbaiki salah ketik di dokumen itu, sunting berkasnya langsung."
        )
    if not perubahan:
        source = _predecessor(dataset, awal)
        _refuse_overlap(dataset, range(berlaku_mulai or awal, akhir + 1), ident)
    (target / "indikator").mkdir(parents=True)  # refused above if it exists: ours to remove
    try:
        _write(dataset, source, target, awal, akhir, perubahan, berlaku_mulai, otomatis)
        after = load_dataset(data)
    except DataValidationError as exc:
        shutil.rmtree(target)
        raise DokumenBaruError(
            f"dokumen yang dibuat tidak lolos pemeriksaan, jadi dihapus lagi:\n{exc.report()}"
        ) from None
    except (OSError, UnsafeFileError, ValueError) as exc:
        shutil.rmtree(target, ignore_errors=True)  # half a document would not check
        raise DokumenBaruError(
            f"dokumen tidak dapat dibuat ({exc}); tidak ada yang ditulis"
        ) from exc
    next_year = next(
        (y for y, d in after.berlaku.items() if d == ident and y not in after.realisasi), None
    )
    return DokumenBaru(ident, target, source.id, len(source.indikator), otomatis, next_year)


def _load(data: Path) -> Dataset:
    try:
        return load_dataset(data)
    except DataValidationError as exc:
        raise DokumenBaruError(
            f"data di {display_path(data)} belum valid; perbaiki dulu, lalu ulangi.\n"
            + exc.report()
        ) from None


def _predecessor(dataset: Dataset, awal: int) -> DokumenTerbaca:
    """A new period starts from the document in force the year before, else the newest."""
    before = dataset.dokumen_berlaku(awal - 1)
    return before if before is not None else dataset.dokumen[dataset.berlaku[max(dataset.berlaku)]]


def _revised(dataset: Dataset, awal: int, akhir: int) -> DokumenTerbaca:
    """A revision revises the newest document in force within its period."""
    years = [year for year in range(awal, akhir + 1) if year in dataset.berlaku]
    if not years:
        raise DokumenBaruError(
            f"tidak ada dokumen yang berlaku dalam {awal}–{akhir} untuk direvisi (tahun yang "
            f"dicakup dokumen: {covered_years(dataset.berlaku)}). Untuk dokumen periode baru, "
            "jalankan tanpa --perubahan."
        )
    return dataset.dokumen[dataset.berlaku[years[-1]]]


def _default_start(dataset: Dataset, source: DokumenTerbaca, awal: int, akhir: int) -> int:
    """A revision's first year when not given: the first year of the period after the revised
    document's first one that has no realisasi file yet (earlier years were reported against
    the targets in force then)."""
    for year in range(max(awal, source.meta.tahun_mulai + 1), akhir + 1):
        if year not in dataset.realisasi:
            return year
    raise DokumenBaruError(
        f"tahun mulai berlakunya perubahan tidak dapat dipilih: setiap tahun {awal}–{akhir} "
        "sesudah tahun pertama dokumen yang direvisi sudah berisi realisasi. Sebutkan dengan "
        f"--berlaku-mulai TAHUN (tahun pertama target barunya dipakai, mis. {akhir})."
    )


def _refuse_overlap(dataset: Dataset, years: range, ident: str) -> None:
    """A new period's document must not share a year with another (the one in force first:
    that is the one a revision would revise)."""
    in_force = [dataset.dokumen[dataset.berlaku[y]] for y in years if y in dataset.berlaku]
    for document in [*in_force, *dataset.dokumen.values()]:
        shared = [year for year in years if year in document.tahun_berlaku]
        if shared:
            span = f"{shared[0]}–{shared[-1]}" if len(shared) > 1 else str(shared[0])
            raise DokumenBaruError(
                f"dokumen `{ident}` akan berlaku bersama dokumen `{document.id}` untuk tahun "
                f"{span} tanpa merevisinya. Bila dokumen baru ini merevisi `{document.id}`, "
                "tambahkan --perubahan; bila periode baru, mulailah sesudah "
                f"{document.tahun_berlaku[-1]} (tahun yang dicakup dokumen: "
                f"{covered_years(dataset.berlaku)})."
            )


# --- writing --------------------------------------------------------------------------------


def _schema_line(name: str, depth: int) -> str:
    """The ``$schema`` comment of a file ``depth`` levels below the repository root's child."""
    return SCHEMA.format(up="../" * depth, name=name)


def _with_schema(text: str, name: str, depth: int) -> str:
    """``text`` with its ``$schema`` comment (if any) replaced by the right one, first."""
    return _schema_line(name, depth) + "\n" + _SCHEMA_LINE.sub("", text, count=1)


def _write(
    dataset: Dataset,
    source: DokumenTerbaca,
    target: Path,
    awal: int,
    akhir: int,
    perubahan: bool,
    berlaku_mulai: int | None,
    otomatis: int | None,
) -> None:
    base = dataset.root.resolve().parent
    (target / "dokumen.yaml").write_text(
        _document_text(dataset, source, awal, akhir, perubahan, berlaku_mulai, otomatis), "utf-8"
    )
    kerangka = _read(base / source.berkas["kerangka"], dataset.root)
    (target / "kerangka.yaml").write_text(_with_schema(kerangka, "kerangka", 3), "utf-8")
    period = range(awal, akhir + 1)
    for ident, indikator in source.indikator.items():
        text = _read(base / source.berkas[f"indikator:{ident}"], dataset.root)
        if perubahan:
            block = _kept_targets(indikator, text, period, source.id, berlaku_mulai or awal)
        else:
            block = _empty_targets(indikator, period, source.id)
        text = _replace_targets(text, block)
        (target / "indikator" / f"{ident}.yaml").write_text(
            _with_schema(text, "indikator", 4), "utf-8"
        )


def _document_text(
    dataset: Dataset,
    source: DokumenTerbaca,
    awal: int,
    akhir: int,
    perubahan: bool,
    berlaku_mulai: int | None,
    otomatis: int | None,
) -> str:
    command = f"python -m iku_macros dokumen-baru {awal} {akhir}" + (
        " --perubahan" if perubahan else ""
    )
    lines = [
        _schema_line("dokumen", 3),
        f"# Dibuat dengan `{command}` dari dokumen {source.id}.",
        "# Lengkapi dari dokumen resmi: judul seperti di sampulnya, penetapan, penandatangan.",
        "judul: Indikator Kinerja Utama" + (" Perubahan" if perubahan else ""),
        f"jenis: {'perubahan' if perubahan else 'awal'}",
        "periode:",
        f"  awal: {awal}",
        f"  akhir: {akhir}",
    ]
    if perubahan:
        if otomatis is not None:
            lines += [
                f"# berlaku_mulai dipilih otomatis: {otomatis}, tahun pertama yang belum berisi",
                "# realisasi. Ganti dengan tahun pertama target barunya dipakai menurut dokumen",
                "# resmi.",
            ]
        lines += [
            f"berlaku_mulai: {berlaku_mulai}",
            f"merevisi: {source.id}",
            "# keterangan_revisi: (opsional) apa yang direvisi, untuk pembaca",
        ]
    elif berlaku_mulai is not None:
        lines.append(f"berlaku_mulai: {berlaku_mulai}")
    lines += [
        "# penetapan: isi dari dokumen resmi, lalu hapus tanda # di depan baris-baris ini",
        "#   nomor: 050/123/404.401/" + str(awal),
        f"#   tanggal: {berlaku_mulai or awal}-01-31",
    ]
    source_text = _read(dataset.root.resolve().parent / source.berkas["dokumen"], dataset.root)
    salam = _top_block(source_text, "salam_penutup")
    if salam:
        lines += [line.rstrip("\n") for line in salam]
    lines.append(f"# penandatangan: disalin dari dokumen {source.id}; periksa dengan dokumen resmi")
    lines += [line.rstrip("\n") for line in _top_block(source_text, "penandatangan")]
    return "\n".join(lines) + "\n"


def _read(path: Path, root: Path) -> str:
    """A data file's text through the safe reader (no symlink, bounded size)."""
    return read_data_text(path, root.resolve(), max_bytes=MAX_YAML_BYTES)


def _top_block(text: str, key: str) -> list[str]:
    """The lines of a top-level ``key:`` block (key line first, trailing blank lines left out);
    empty when the key is absent."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(rf"{key}\s*:", line)), None)
    if start is None:
        return []
    end = start + 1
    while end < len(lines) and (inside_block(lines[end]) or comment_within(lines, end)):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _replace_targets(text: str, block: list[str]) -> str:
    """``text`` with its top-level ``target:`` block replaced by ``block`` (appended when the
    indicator has none)."""
    old = _top_block(text, "target")
    new = "".join(line + "\n" for line in block)
    if not old:
        return text + ("" if text.endswith("\n") else "\n") + new
    start = text.index("".join(old))
    return text[:start] + new + text[start + len("".join(old)) :]


def _angka(value: Decimal) -> str:
    """A number as staff type it in YAML (decimal point, no exponent)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _example(indikator: Indikator) -> str:
    """The example target: the source document's last one, else mid-range."""
    known = [value for _, value in sorted(indikator.target.items()) if value is not None]
    if known:
        return _angka(known[-1])
    rentang = indikator.rentang()
    return _angka((rentang.min + rentang.max) / 2)


def _empty_targets(indikator: Indikator, period: range, source: str) -> list[str]:
    years = f"{period[0]}–{period[-1]}" if len(period) > 1 else str(period[0])
    known = any(value is not None for value in indikator.target.values())
    basis = f"angkanya target terakhir dokumen {source}" if known else "angkanya hanya contoh"
    example = _example(indikator)
    return [
        f"# Target {years} belum diisi. Salin dari dokumen resmi: ganti `target: {{}}` dengan",
        f"# satu baris per tahun dan hapus tanda # di depannya, mis. ({basis}):",
        "# target:",
        *(f"#   {year}: {example}" for year in period),
        "target: {}",
    ]


def _kept_targets(
    indikator: Indikator, text: str, period: range, source: str, mulai: int
) -> list[str]:
    """The revised document's targets, with a comment to change the revised ones."""
    comment = (
        f"# Target disalin dari dokumen {source}: ubah target yang direvisi (yang berlaku mulai "
        f"{mulai}); target lain biarkan seperti di dokumen resmi."
    )
    old = _top_block(text, "target")
    years = [int(m[1]) for line in old[1:] if (m := _TARGET_YEAR.match(line))]
    block_style = old and old[0].split(":", 1)[1].strip() in ("", "{}")
    if block_style and all(year in period for year in years):
        return [comment, *(line.rstrip("\n") for line in old)]
    # Written another way, or with years outside the new period: rewritten from the values.
    kept = {year: value for year, value in indikator.target.items() if year in period}
    if not kept:
        return [comment, "target: {}"]
    lines = [comment, "target:"]
    for year, value in sorted(kept.items()):
        lines.append(f"  {year}: {'null' if value is None else _angka(value)}")
    return lines
