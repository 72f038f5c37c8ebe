"""``python -m iku_macros ringkasan BASE [HEAD]``: what a change does to the published numbers.

The data folder is exported at each revision (``git archive``) into a temporary directory,
loaded and computed with :func:`iku_macros.report.build_laporan` exactly as the site does, and
every difference per indicator and year — target, realisasi, capaian, predikat — is listed as a
Markdown table for a pull request or a GitHub job summary. Each year's target is the one of the
IKU document in force that year (or the Perjanjian Kinerja's); a target changed in a document for
a year it is not in force (an original superseded by its revision) changes no published number,
so it is listed apart, with the document's id, as are documents added or removed and years whose
document in force changes. Without HEAD the data folder as it is on disk (uncommitted and
untracked files included) is compared, so staff and maintainers can preview a change before
committing it.

Exit status: 0 when HEAD's data is valid (whether or not anything changed), 1 when it is not (the
summary then lists the validation errors), 2 when the comparison cannot be made at all.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from iku_macros.compute.numbers import format_id, to_fraction
from iku_macros.data.documents import legacy_document_id
from iku_macros.data.errors import DataError, DataValidationError
from iku_macros.data.gitdata import git
from iku_macros.data.layout import DOKUMEN_FOLDER
from iku_macros.data.loading import Dataset, load_dataset
from iku_macros.data.model import Dokumen
from iku_macros.data.yaml_source import read_yaml
from iku_macros.report import Laporan, NilaiTahun, build_laporan

KOSONG = "—"
PANAH = " → "
STATUS = {"A": "ditambah", "M": "diubah", "D": "dihapus", "R": "diganti nama", "C": "disalin"}


class RingkasanError(Exception):
    """The comparison cannot be made (not a git repository, unknown revision, ...)."""


@dataclass(frozen=True)
class Sisi:
    """One side of the comparison: a revision (or the working tree) and what it computes to."""

    label: str
    laporan: Laporan | None
    galat: DataValidationError | None
    """Validation errors, with paths as in the repository."""
    mentah: dict[tuple[str, int, str], Fraction | None]
    """Targets and entered realisasi read leniently (used when the data is invalid), keyed
    (id, year, column): ``realisasi``, ``target_pk``, or ``target:<document id>``."""
    ada: bool = True
    """False when the data folder does not exist at that revision."""


# --- git -----------------------------------------------------------------------------------


def _root() -> Path:
    top = git(Path.cwd(), "rev-parse", "--show-toplevel")
    if not top:
        raise RingkasanError(f"{Path.cwd()} bukan repositori git (atau git tidak terpasang).")
    return Path(top.strip())


def _commit(root: Path, rev: str) -> str:
    sha = git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if not sha:
        raise RingkasanError(
            f"revisi `{rev}` tidak dikenal. Untuk cabang di GitHub, ambil dulu riwayat lengkapnya "
            "(actions/checkout dengan fetch-depth: 0), mis. origin/main."
        )
    return sha.strip()


def _export(root: Path, sha: str, rel: str, dest: Path) -> bool:
    """Write the data folder at ``sha`` under ``dest``; False if it does not exist there."""
    if not (git(root, "ls-tree", "-d", "--name-only", sha, "--", rel) or "").strip():
        return False
    result = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", sha, "--", rel],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise RingkasanError(f"git archive {sha[:7]} gagal: {result.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        archive.extractall(dest, filter="data")
    return True


def _changed_files(root: Path, base: str, head: str | None, rel: str) -> list[tuple[str, str]]:
    """(status, path) of the files that differ in the data folder."""
    args = ["diff", "--name-status", "--no-renames", base, *([head] if head else []), "--", rel]
    changed = []
    for line in (git(root, *args) or "").splitlines():
        status, _, path = line.partition("\t")
        changed.append((STATUS.get(status[:1], status), path))
    if head is None:
        untracked = git(root, "ls-files", "--others", "--exclude-standard", "--", rel) or ""
        changed += [("ditambah", path) for path in untracked.splitlines()]
    return sorted(changed, key=lambda item: item[1])


# --- loading one side ----------------------------------------------------------------------


def _relocate(error: DataError, prefix: str) -> DataError:
    """Show a path inside the temporary export as the repository path."""

    def fix(text: str | None) -> str | None:
        return text.replace(prefix, "") if text else text

    return replace(
        error,
        berkas=fix(error.berkas) or error.berkas,
        pesan=fix(error.pesan) or error.pesan,
        diharapkan=fix(error.diharapkan),
        ditemukan=fix(error.ditemukan),
    )


Values = dict[tuple[str, int, str], Fraction | None]


def _read(path: Path, folder: Path) -> Any:
    # The same safe reader as the loader: no symlink is followed, nothing unbounded.
    doc, _ = read_yaml(path, str(path), root=folder)
    return doc.data if doc is not None else None  # an unreadable file only loses its values


def _number(value: Any) -> Fraction | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return to_fraction(Decimal(repr(value)) if isinstance(value, float) else value)


def _legacy_id(folder: Path) -> str:
    """The first format's document id, if its ``profil.yaml`` → ``dokumen`` reads."""
    profil = _read(folder / "profil.yaml", folder) if (folder / "profil.yaml").is_file() else None
    try:
        return legacy_document_id(Dokumen.model_validate((profil or {}).get("dokumen")))
    except (ValidationError, AttributeError):
        return ""


def _lenient(folder: Path) -> Values:
    """Every target (per document) and entered realisasi the files hold, read without
    validation: an invalid side still shows what its files say."""
    values: Values = {}
    documents = [(_legacy_id(folder), folder / "indikator")]
    documents += [
        (path.name, path / "indikator")
        for path in sorted((folder / DOKUMEN_FOLDER).glob("*"))
        if path.is_dir() and not path.is_symlink()
    ]
    for ident, indikator in documents:
        for path in sorted(indikator.glob("*.yaml")):
            data = _read(path, folder)
            if isinstance(data, dict) and isinstance(data.get("target"), dict):
                for year, value in data["target"].items():
                    if isinstance(year, int):
                        values[(str(data.get("id")), year, f"target:{ident}")] = _number(value)
    for path in sorted((folder / "realisasi").glob("*.yaml")):
        data = _read(path, folder)
        if not isinstance(data, dict) or not isinstance(data.get("realisasi"), dict):
            continue
        year = data.get("tahun")
        for ident, entry in data["realisasi"].items():
            if isinstance(year, int) and isinstance(entry, dict):
                values[(str(ident), year, "realisasi")] = _number(entry.get("nilai"))
                if entry.get("target_pk") is not None:
                    values[(str(ident), year, "target_pk")] = _number(entry["target_pk"])
    return values


def _entered(dataset: Dataset) -> Values:
    """The same values as :func:`_lenient`, from a validated dataset."""
    values: Values = {}
    for document in dataset.dokumen.values():
        for indikator in document.indikator.values():
            for year, target in indikator.target.items():
                values[(indikator.id, year, f"target:{document.id}")] = _fraction(target)
    for year, realisasi in dataset.realisasi.items():
        for ident, item in realisasi.realisasi.items():
            values[(ident, year, "realisasi")] = _fraction(item.nilai)
            if item.target_pk is not None:
                values[(ident, year, "target_pk")] = _fraction(item.target_pk)
    return values


def _target_used(values: Values, ident: str, year: int, dokumen: str | None) -> Fraction | None:
    """The target capaian is measured against: the Perjanjian Kinerja's, else the document's."""
    pk = values.get((ident, year, "target_pk"))
    return pk if pk is not None else values.get((ident, year, f"target:{dokumen}"))


def _fraction(value: Decimal | None) -> Fraction | None:
    return None if value is None else to_fraction(value)


def _side(label: str, folder: Path, prefix: str | None, ada: bool = True) -> Sisi:
    if not ada:
        return Sisi(label, None, None, {}, ada=False)
    try:
        dataset = load_dataset(folder)
    except DataValidationError as exc:
        errors = [_relocate(e, prefix) for e in exc.errors] if prefix else exc.errors
        return Sisi(label, None, DataValidationError(errors), _lenient(folder))
    return Sisi(label, build_laporan(dataset), None, _entered(dataset))


# --- comparing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Baris:
    """One indicator in one year whose published numbers differ."""

    ident: str
    nama: str
    tahun: int
    target: tuple[Fraction | None, Fraction | None]
    realisasi: tuple[Fraction | None, Fraction | None]
    capaian: tuple[Fraction | None, Fraction | None] | None
    """None when the old capaian is unknown (invalid BASE): only the new one is shown."""
    predikat: tuple[str | None, str | None] | None
    capaian_baru: Fraction | None = None
    predikat_baru: str | None = None


def _numbers(nilai: NilaiTahun | None) -> tuple[Fraction | None, ...]:
    if nilai is None:
        return (None, None, None)
    return (nilai.target, nilai.realisasi, nilai.capaian.nilai)


def _predikat(nilai: NilaiTahun | None) -> str | None:
    return nilai.predikat.label if nilai and nilai.predikat else None


def _order(head: Laporan | None, base: Laporan | None) -> list[tuple[str, str]]:
    """(id, name) in the new document order, then indicators only the old data has."""
    seen: dict[str, str] = {}
    for laporan in (head, base):
        if laporan is not None:
            for ident, hasil in laporan.indikator.items():
                seen.setdefault(ident, hasil.indikator.nama)
    return list(seen.items())


def compare(base: Laporan | None, head: Laporan) -> list[Baris]:
    """Every (indicator, year) whose target, realisasi, capaian or predikat differs."""
    rows = []
    for ident, nama in _order(head, base):
        old_h = base.indikator.get(ident) if base else None
        new_h = head.indikator.get(ident)
        years = sorted(set(old_h.tahun if old_h else ()) | set(new_h.tahun if new_h else ()))
        for year in years:
            old = old_h.tahun.get(year) if old_h else None
            new = new_h.tahun.get(year) if new_h else None
            (ot, orl, oc), (nt, nr, nc) = _numbers(old), _numbers(new)
            op, np_ = _predikat(old), _predikat(new)
            if (ot, orl, oc, op) != (nt, nr, nc, np_):
                rows.append(Baris(ident, nama, year, (ot, nt), (orl, nr), (oc, nc), (op, np_)))
    return rows


def compare_lenient(base: Sisi, head: Laporan) -> list[Baris]:
    """Targets and entered realisasi against an invalid BASE read leniently (each year's target
    from HEAD's document in force that year)."""
    new_values = _entered(head.dataset)
    rows = []
    for ident, nama in _order(head, None):
        hasil = head.indikator[ident]
        for year, nilai in hasil.tahun.items():
            old = [
                _target_used(base.mentah, ident, year, nilai.dokumen),
                base.mentah.get((ident, year, "realisasi")),
            ]
            new = [
                _target_used(new_values, ident, year, nilai.dokumen),
                new_values.get((ident, year, "realisasi")),
            ]
            if old != new:
                rows.append(
                    Baris(
                        ident,
                        nama,
                        year,
                        (old[0], new[0]),
                        (old[1], new[1]),
                        None,
                        None,
                        nilai.capaian.nilai,
                        _predikat(nilai),
                    )
                )
    return rows


@dataclass(frozen=True)
class BarisDokumen:
    """A target of one document changed for a year that document is not in force in (so no
    published number of that year changes; its own page shows it)."""

    dokumen: str
    ident: str
    nama: str
    tahun: int
    target: tuple[Fraction | None, Fraction | None]


def compare_documents(base: Laporan, head: Laporan) -> list[BarisDokumen]:
    """Targets changed in a document present on both sides, in years it is in force on
    neither (a year it is in force shows in :func:`compare`)."""
    rows = []
    old_docs, new_docs = base.dataset.dokumen, head.dataset.dokumen
    for doc_id, document in new_docs.items():
        if doc_id not in old_docs:
            continue
        old_ind, new_ind = old_docs[doc_id].indikator, document.indikator
        for ident in dict.fromkeys([*new_ind, *old_ind]):
            old_t = old_ind[ident].target if ident in old_ind else {}
            new_t = new_ind[ident].target if ident in new_ind else {}
            nama = (new_ind.get(ident) or old_ind[ident]).nama
            for year in sorted(set(old_t) | set(new_t)):
                if doc_id in (base.dataset.berlaku.get(year), head.dataset.berlaku.get(year)):
                    continue
                pair = (_fraction(old_t.get(year)), _fraction(new_t.get(year)))
                if pair[0] != pair[1] or (year in old_t) != (year in new_t):
                    rows.append(BarisDokumen(doc_id, ident, nama, year, pair))
    return rows


def document_changes(base: Dataset, head: Dataset) -> list[str]:
    """Documents added or removed, and years whose document in force changes."""
    lines = []
    for ident, document in head.dokumen.items():
        if ident not in base.dokumen:
            periode = document.meta.periode
            lines.append(
                f"Dokumen IKU baru: `{ident}` ({document.meta.jenis.value}, periode "
                f"{periode.awal}–{periode.akhir})."
            )
    lines += [f"Dokumen IKU dihapus: `{i}`." for i in base.dokumen if i not in head.dokumen]
    moved = [
        f"{year}: `{base.berlaku.get(year) or KOSONG}` → `{head.berlaku.get(year) or KOSONG}`"
        for year in sorted(set(base.berlaku) | set(head.berlaku))
        if base.berlaku.get(year) != head.berlaku.get(year)
    ]
    if moved:
        lines.append("Dokumen IKU yang berlaku berubah: " + "; ".join(moved) + ".")
    return lines


# --- Markdown ------------------------------------------------------------------------------


def _angka(value: Fraction | None, suffix: str = "") -> str:
    return KOSONG if value is None else format_id(value) + suffix


def _sel(pair: tuple[object, object], show) -> str:  # type: ignore[no-untyped-def]
    old, new = pair
    if old == new:
        return show(new)
    return f"{show(old)}{PANAH}{show(new)}"


def _teks(value: str | None) -> str:
    return KOSONG if value is None else value


def _md(text: str) -> str:
    """Table-cell text: a data value must not break the table or become Markdown."""
    for char in "\\|*_`[]<>":
        text = text.replace(char, "\\" + char)
    return text


HEADER = ("Indikator", "Tahun", "Target", "Realisasi", "Capaian", "Predikat")


def number_cells(row: Baris) -> list[str]:
    """The cells after the indicator's: tahun, target, realisasi, capaian, predikat (plain
    text; the Panduan shows them in an HTML table)."""
    if row.capaian is None:
        capaian = f"? → {_angka(row.capaian_baru, '%')}"
        predikat = f"? → {_teks(row.predikat_baru)}"
    else:
        capaian = _sel(row.capaian, lambda v: _angka(v, "%"))
        predikat = _sel(row.predikat, _teks)  # type: ignore[arg-type]
    return [
        str(row.tahun),
        _sel(row.target, _angka),
        _sel(row.realisasi, _angka),
        capaian,
        predikat,
    ]


def table(rows: list[Baris]) -> list[str]:
    lines = ["| " + " | ".join(HEADER) + " |", "| --- | ---: | ---: | ---: | ---: | --- |"]
    for row in rows:
        cells = [f"{_md(row.nama)} (`{row.ident}`)", *number_cells(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def document_table(rows: list[BarisDokumen]) -> list[str]:
    lines = ["| Dokumen | Indikator | Tahun | Target |", "| --- | --- | ---: | ---: |"]
    for row in rows:
        cells = [
            f"`{row.dokumen}`",
            f"{_md(row.nama)} (`{row.ident}`)",
            str(row.tahun),
            _sel(row.target, _angka),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _notes_changed(base: Laporan | None, head: Laporan) -> list[str]:
    """Indicators and years whose catatan or bukti changed (shown on the site, not numbers)."""
    found = []
    for ident, hasil in head.indikator.items():
        for year, nilai in hasil.tahun.items():
            old_h = base.indikator.get(ident) if base else None
            old = old_h.tahun.get(year) if old_h else None
            before = (old.catatan, old.bukti) if old else (None, None)
            if before != (nilai.catatan, nilai.bukti):
                found.append(f"{_md(hasil.indikator.nama)} (`{ident}`) tahun {year}")
    return found


def render(
    base: Sisi,
    head: Sisi,
    files: list[tuple[str, str]],
) -> str:
    lines = [
        "## Ringkasan perubahan angka IKU",
        "",
        f"Dibandingkan: {base.label} → {head.label}.",
        "",
    ]
    if files:
        lines.append("Berkas data yang berubah:")
        lines += [f"- `{path}` ({status})" for status, path in files]
        lines.append("")
    if head.galat is not None:
        count = len(head.galat.errors)
        lines += [
            f"**Data pada {head.label} tidak valid ({count} kesalahan)**, jadi situs tidak dapat "
            "dibangun dan angkanya belum dapat dibandingkan. Perbaiki setiap baris di bawah ini "
            "(berkas:baris:kolom), lalu simpan lagi; pemeriksaan berjalan ulang dengan sendirinya.",
            "",
            "```text",
            head.galat.report(),
            "```",
        ]
        return "\n".join(lines) + "\n"
    assert head.laporan is not None
    if base.galat is not None:
        rows = compare_lenient(base, head.laporan)
        lines += [
            f"Data pada {base.label} tidak valid ({len(base.galat.errors)} kesalahan), jadi "
            "capaian dan predikat lamanya tidak dapat dihitung. Di bawah ini target dan realisasi "
            "yang tertulis dibandingkan apa adanya; capaian dan predikat hanya menunjukkan nilai "
            "baru (tanda ? berarti nilai lama tidak diketahui).",
            "",
        ]
    else:
        rows = compare(base.laporan, head.laporan)
        if not base.ada:
            lines += [f"Folder data belum ada pada {base.label}: semua angka adalah baru.", ""]
    if rows:
        lines += [
            f"{len(rows)} baris angka terbitan berubah. Dibaca: lama → baru; angka tanpa "
            f"panah tidak berubah; {KOSONG} berarti tidak ada (belum diisi, belum dilaporkan, "
            "atau tidak dapat dihitung).",
            "",
            *table(rows),
        ]
    else:
        lines.append(
            "Tidak ada angka terbitan yang berubah: target, realisasi, capaian, dan predikat "
            f"sama dengan {base.label}."
        )
    if base.laporan is not None:
        changes = document_changes(base.laporan.dataset, head.laporan.dataset)
        if changes:
            lines += ["", *changes]
        doc_rows = compare_documents(base.laporan, head.laporan)
        if doc_rows:
            lines += [
                "",
                f"{len(doc_rows)} target dokumen berubah untuk tahun yang tidak diatur dokumen "
                "itu (dokumen lain berlaku tahun itu, jadi angka terbitannya tetap; target ini "
                "tampil di halaman dokumennya):",
                "",
                *document_table(doc_rows),
            ]
    notes = _notes_changed(base.laporan, head.laporan) if base.galat is None else []
    if notes:
        lines += ["", "Catatan atau tautan bukti berubah (tidak mengubah angka):"]
        lines += [f"- {note}" for note in notes]
    if base.galat is not None:
        lines += [
            "",
            "<details><summary>Kesalahan pada data lama</summary>",
            "",
            "```text",
            base.galat.report(),
            "```",
            "",
            "</details>",
        ]
    return "\n".join(lines) + "\n"


def ringkasan(base: str, head: str | None = None, *, data: str | Path = "data") -> tuple[str, int]:
    """The Markdown summary and the exit status (0 valid HEAD, 1 invalid HEAD)."""
    root = _root()
    data_dir = Path(data).resolve()
    try:
        rel = data_dir.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise RingkasanError(
            f"folder data {data} tidak berada di dalam repositori {root}"
        ) from None
    base_sha = _commit(root, base)
    head_sha = _commit(root, head) if head is not None else None
    with tempfile.TemporaryDirectory(prefix="iku-ringkasan-") as tmp:
        tmp_path = Path(tmp).resolve()
        sides = []
        for name, rev, sha in (("lama", base, base_sha), ("baru", head, head_sha)):
            if sha is None:
                label = f"folder `{rel}` saat ini (termasuk yang belum di-commit)"
                sides.append(_side(label, data_dir, None))
                continue
            dest = tmp_path / name
            ada = _export(root, sha, rel, dest)
            label = f"`{rev}` ({sha[:7]})"
            sides.append(_side(label, dest / rel, str(dest) + os.sep, ada))
    base_side, head_side = sides
    if not head_side.ada:
        head_side = replace(
            head_side,
            galat=DataValidationError([DataError(rel, None, None, "folder data tidak ditemukan")]),
        )
    text = render(base_side, head_side, _changed_files(root, base_sha, head_sha, rel))
    return text, 0 if head_side.galat is None else 1
