"""What git knows about the data: the commit a build comes from, and every change to a value.

Plain ``git`` subprocess calls (no MkDocs, no git library). Outside a git repository, or
without git, the functions say so instead of failing: a tarball of the project still builds.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from iku_macros.compute.numbers import to_fraction
from iku_macros.data.documents import legacy_document_id
from iku_macros.data.layout import DOKUMEN_FOLDER
from iku_macros.data.model import Dokumen, Periode
from iku_macros.data.yaml_source import MAX_YAML_BYTES, parse_yaml, read_yaml

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
"""Git's well-known empty tree: the 'parent' of a root commit."""


def git(repo: Path, *args: str) -> str | None:
    """Output of a git command in ``repo``, or None if git fails or is missing."""
    try:
        result = subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",  # bytes that are not UTF-8 in an old file must not stop the build
            check=False,
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


@dataclass(frozen=True)
class Asal:
    """Provenance of a build: the data commit and its date."""

    commit: str | None
    tanggal: datetime | None
    """Committer date of that commit (UTC): the build date shown, so rebuilds are identical."""
    data_berubah: bool
    """The data folder has uncommitted changes: the build is not exactly the commit."""

    @property
    def pendek(self) -> str | None:
        return self.commit[:7] if self.commit else None


def repo_root(path: Path) -> Path | None:
    top = git(path if path.is_dir() else path.parent, "rev-parse", "--show-toplevel")
    return Path(top.strip()) if top else None


def read_asal(data_dir: Path) -> Asal:
    root = repo_root(data_dir)
    if root is None:
        return Asal(None, None, False)
    line = git(root, "log", "-1", "--format=%H %ct")
    if not line:
        return Asal(None, None, False)
    commit, stamp = line.split()
    status = git(root, "status", "--porcelain", "--", str(data_dir))
    return Asal(commit, datetime.fromtimestamp(int(stamp), UTC), bool(status and status.strip()))


# --- history of published values -----------------------------------------------------------


@dataclass(frozen=True)
class Perubahan:
    """One published value changed by one commit."""

    tanggal: datetime
    commit: str
    subjek: str
    indikator: str
    tahun: int
    kolom: str
    """'target' (a document's), 'target_pk' (the Perjanjian Kinerja's, in the realisasi file)
    or 'realisasi'."""
    lama: Fraction | None
    baru: Fraction | None
    dokumen: str | None = None
    """The IKU document whose target changed (None for realisasi and PK targets, which belong
    to the unit)."""
    alasan: str | None = None
    """Why, in the words of the commit message's body (its first paragraph, lines joined);
    None when the commit says nothing beyond its subject line."""

    @property
    def pendek(self) -> str:
        return self.commit[:7]


@dataclass(frozen=True)
class Riwayat:
    perubahan: tuple[Perubahan, ...]
    tersedia: bool
    """False outside a git repository."""
    lengkap: bool
    """False in a shallow clone: older commits are missing, so the history would be wrong."""
    catatan: tuple[str, ...] = ()
    """Problems met while reading old versions (e.g. a file that did not parse then)."""

    def untuk(self, ident: str) -> list[Perubahan]:
        return [p for p in self.perubahan if p.indikator == ident]


Values = dict[tuple[str, int, str], Fraction | None]
Key = tuple[str | None, str, int, str]
"""(document, indicator, year, column): a document's target is its own value, so moving files
between layouts (same document, same numbers) changes nothing."""


def _number(value: Any) -> Fraction | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | Decimal):
        return to_fraction(value)
    if isinstance(value, float):
        return to_fraction(Decimal(repr(value)))
    return None


def _values_of(kind: str, document: Any) -> Values:
    """Target or realisasi values in one file's content (tolerant: old files may differ)."""
    values: Values = {}
    if not isinstance(document, dict):
        return values
    if kind == "indikator":
        ident, targets = document.get("id"), document.get("target")
        if isinstance(ident, str) and isinstance(targets, dict):
            for year, value in targets.items():
                if isinstance(year, int):
                    values[(ident, year, "target")] = _number(value)
    elif kind == "realisasi":
        year, entries = document.get("tahun"), document.get("realisasi")
        if isinstance(year, int) and isinstance(entries, dict):
            for ident, entry in entries.items():
                if isinstance(ident, str) and isinstance(entry, dict):
                    values[(ident, year, "realisasi")] = _number(entry.get("nilai"))
    return values


def _pk_targets_of(document: Any) -> Values:
    """The Perjanjian Kinerja targets a realisasi file sets (``target_pk``)."""
    values: Values = {}
    if not isinstance(document, dict):
        return values
    year, entries = document.get("tahun"), document.get("realisasi")
    if isinstance(year, int) and isinstance(entries, dict):
        for ident, entry in entries.items():
            if isinstance(ident, str) and isinstance(entry, dict) and "target_pk" in entry:
                values[(ident, year, "target_pk")] = _number(entry.get("target_pk"))
    return values


def _load(text: str) -> Any:
    """An old file's content, read with the same bounded reader as the data folder: history
    comes from pull requests too, so an alias bomb or a huge exponent in an old commit must
    not cost more than it would in the working tree. Unreadable content counts as empty."""
    if len(text.encode("utf-8")) > MAX_YAML_BYTES:
        return None
    doc, _ = parse_yaml(text, "riwayat", Path("riwayat.yaml"))
    return doc.data if doc is not None else None


_ID = r"[a-z][a-z0-9_]*"
_DOK = r"[a-z0-9][a-z0-9_-]*"
_PATHS = (
    (re.compile(rf"{DOKUMEN_FOLDER}/(?P<dok>{_DOK})/indikator/{_ID}\.yaml"), "indikator"),
    (re.compile(rf"indikator/{_ID}\.yaml"), "indikator"),
    (re.compile(r"realisasi/[0-9]{4}\.yaml"), "realisasi"),
)
"""The files whose values the history follows, relative to the data folder: each document's
indicators (with their targets), the first format's indicators, the realisasi."""


def _legacy_id(data: Any) -> str | None:
    """The id the loader gives a first-format folder's document, from ``profil.yaml``'s
    ``dokumen`` block as it was (only its period and kind matter)."""
    block = data.get("dokumen") if isinstance(data, dict) else None
    if not isinstance(block, dict):
        return None
    jenis = block.get("jenis")
    try:
        periode = Periode.model_validate(block.get("periode"))
    except ValidationError:
        return None
    fields = {"periode": periode, "jenis": jenis if isinstance(jenis, str) else None}
    return legacy_document_id(Dokumen.model_construct(**fields))  # type: ignore[arg-type]


class _Reader:
    """Reads the followed files at revisions, within one data folder of one repository."""

    def __init__(self, root: Path, rel: str, fallback: str | None) -> None:
        self.root, self.prefix, self.fallback = root, "" if rel == "." else f"{rel}/", fallback
        self.notes: list[str] = []
        self._legacy: dict[str, str | None] = {}

    def pathspecs(self) -> list[str]:
        base = re.sub(r"([*?\[\\])", r"\\\1", self.prefix)
        return [
            f":(glob){base}{DOKUMEN_FOLDER}/*/indikator/*.yaml",
            f":(glob){base}indikator/*.yaml",
            f":(glob){base}realisasi/*.yaml",
        ]

    def legacy_id(self, rev: str) -> str | None:
        """The first format's document id at ``rev``, else the one the current data give."""
        if rev not in self._legacy:
            text = git(self.root, "show", f"{rev}:{self.prefix}profil.yaml")
            found = _legacy_id(_load(text)) if text is not None else None
            self._legacy[rev] = found or self.fallback
        return self._legacy[rev]

    def snapshot(self, rev: str, paths: list[str]) -> dict[Key, Fraction | None]:
        values: dict[Key, Fraction | None] = {}
        for path in paths:
            relative = path.removeprefix(self.prefix)
            match = next(((m, k) for r, k in _PATHS if (m := r.fullmatch(relative))), None)
            if match is None:
                continue
            found, kind = match
            text = git(self.root, "show", f"{rev}:{path}")
            if text is None:
                continue  # the file did not exist at that revision
            document = _load(text)
            if document is None:
                self.notes.append(
                    f"{path} pada commit {rev[:7]} tidak dapat dibaca; perubahannya dilewati"
                )
                continue
            if kind == "realisasi":
                for (ident, year, column), value in _values_of(kind, document).items():
                    values[(None, ident, year, column)] = value
                for (ident, year, column), value in _pk_targets_of(document).items():
                    values[(None, ident, year, column)] = value
                continue
            dokumen = found.groupdict().get("dok") or self.legacy_id(rev)
            for (ident, year, column), value in _values_of(kind, document).items():
                values[(dokumen, ident, year, column)] = value
        return values


def _current_document(data_dir: Path) -> str | None:
    """The id the working tree gives its one document (first format, or one ``dokumen/``
    folder): what an unreadable old ``profil.yaml`` stands for."""
    # The loader's own safe reader: no symlink followed, nothing unbounded.
    profil, _ = read_yaml(data_dir / "profil.yaml", "profil.yaml", root=data_dir)
    found = _legacy_id(profil.data) if profil is not None else None
    if found:
        return found
    folder = data_dir / DOKUMEN_FOLDER
    if folder.is_dir() and not folder.is_symlink():
        ids = [p.name for p in folder.iterdir() if p.is_dir() and re.fullmatch(_DOK, p.name)]
        if len(ids) == 1:
            return ids[0]
    return None


MAX_ALASAN = 500
"""Characters of a commit body shown as the reason; a longer one is cut at a word."""


def split_message(message: str) -> tuple[str, str | None]:
    """(subject, reason) of a raw commit message: the subject is its first paragraph (as git's
    ``%s``, lines joined), the reason the first paragraph of the rest (see
    :func:`first_paragraph`)."""
    parts = re.split(r"\n\s*\n", message.strip(), maxsplit=1)
    subject = " ".join(line.strip() for line in parts[0].splitlines() if line.strip())
    return subject, first_paragraph(parts[1]) if len(parts) > 1 else None


def first_paragraph(body: str) -> str | None:
    """The first paragraph of a commit body, its lines joined by spaces; None if empty. Git
    trailers (``Signed-off-by: ...``) alone are not a reason."""
    for paragraph in re.split(r"\n\s*\n", body.strip()):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if lines and not all(_TRAILER.fullmatch(line) for line in lines):
            text = " ".join(lines)
            if len(text) > MAX_ALASAN:
                text = text[:MAX_ALASAN].rsplit(" ", 1)[0] + " …"
            return text
    return None


_TRAILER = re.compile(r"[A-Za-z][A-Za-z0-9-]*: .+")
"""A git trailer line (``Co-authored-by: ...``): metadata, not a reason."""


def read_riwayat(data_dir: Path) -> Riwayat:
    """Every change to a target or realisasi value in the data folder's first-parent history.

    A target belongs to its document (``dokumen/<id>/indikator/...``, or the first format's one
    document), so a commit that moves files without changing a number records nothing."""
    root = repo_root(data_dir)
    if root is None:
        return Riwayat((), tersedia=False, lengkap=False)
    if (git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        return Riwayat((), tersedia=True, lengkap=False)
    rel = data_dir.resolve().relative_to(root.resolve()).as_posix()
    reader = _Reader(root, rel, _current_document(data_dir))
    scopes = reader.pathspecs()
    # -z ends each commit with NUL, which a commit message cannot hold; the raw message (%B)
    # comes last, so whatever it contains stays in it.
    log = git(
        root, "log", "-z", "--first-parent", "--reverse", "--format=%H%x1f%ct%x1f%B", "--",
        *scopes,
    )  # fmt: skip
    changes: list[Perubahan] = []
    for record in (log or "").split("\0"):
        if not record.strip():
            continue
        commit, stamp, message = record.split("\x1f", 2)
        subject, alasan = split_message(message)
        parent = (git(root, "rev-parse", "--verify", "--quiet", f"{commit}^1") or "").strip()
        base = parent or EMPTY_TREE
        names = git(root, "diff", "--no-renames", "--name-only", base, commit, "--", *scopes) or ""
        paths = names.splitlines()
        before = reader.snapshot(parent, paths) if parent else {}
        after = reader.snapshot(commit, paths)
        when = datetime.fromtimestamp(int(stamp), UTC)
        for key in sorted(set(before) | set(after), key=lambda k: (k[0] or "", *k[1:])):
            old, new = before.get(key), after.get(key)
            if old != new:
                dokumen, ident, year, column = key
                changes.append(
                    Perubahan(when, commit, subject, ident, year, column, old, new, dokumen, alasan)
                )
    changes.reverse()  # newest first
    return Riwayat(tuple(changes), tersedia=True, lengkap=True, catatan=tuple(reader.notes))
