"""What git knows about the data: the commit a build comes from, and every change to a value.

Plain ``git`` subprocess calls (no MkDocs, no git library). Outside a git repository, or
without git, the functions say so instead of failing: a tarball of the project still builds.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from iku_macros.compute.numbers import to_fraction
from iku_macros.data.yaml_source import MAX_YAML_BYTES, parse_yaml

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
    """'target' or 'realisasi'."""
    lama: Fraction | None
    baru: Fraction | None

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


def _load(text: str) -> Any:
    """An old file's content, read with the same bounded reader as the data folder: history
    comes from pull requests too, so an alias bomb or a huge exponent in an old commit must
    not cost more than it would in the working tree. Unreadable content counts as empty."""
    if len(text.encode("utf-8")) > MAX_YAML_BYTES:
        return None
    doc, _ = parse_yaml(text, "riwayat", Path("riwayat.yaml"))
    return doc.data if doc is not None else None


def _snapshot(root: Path, rev: str, paths: list[str], notes: list[str]) -> Values:
    values: Values = {}
    for path in paths:
        kind = Path(path).parent.name
        text = git(root, "show", f"{rev}:{path}")
        if text is None:
            continue  # the file did not exist at that revision
        document = _load(text)
        if document is None:
            notes.append(f"{path} pada commit {rev[:7]} tidak dapat dibaca; perubahannya dilewati")
            continue
        values.update(_values_of(kind, document))
    return values


def read_riwayat(data_dir: Path) -> Riwayat:
    """Every change to a target or realisasi value in the data folder's first-parent history."""
    root = repo_root(data_dir)
    if root is None:
        return Riwayat((), tersedia=False, lengkap=False)
    if (git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        return Riwayat((), tersedia=True, lengkap=False)
    rel = data_dir.resolve().relative_to(root.resolve()).as_posix()
    scopes = [f"{rel}/indikator", f"{rel}/realisasi"]
    log = git(root, "log", "--first-parent", "--reverse", "--format=%H%x1f%ct%x1f%s", "--", *scopes)
    changes: list[Perubahan] = []
    notes: list[str] = []
    for line in (log or "").splitlines():
        commit, stamp, subject = line.split("\x1f", 2)
        parent = (git(root, "rev-parse", "--verify", "--quiet", f"{commit}^1") or "").strip()
        base = parent or EMPTY_TREE
        names = git(root, "diff", "--no-renames", "--name-only", base, commit, "--", *scopes) or ""
        paths = [p for p in names.splitlines() if p.endswith(".yaml")]
        before = _snapshot(root, parent, paths, notes) if parent else {}
        after = _snapshot(root, commit, paths, notes)
        when = datetime.fromtimestamp(int(stamp), UTC)
        for key in sorted(set(before) | set(after)):
            old, new = before.get(key), after.get(key)
            if old != new:
                ident, year, column = key
                changes.append(Perubahan(when, commit, subject, ident, year, column, old, new))
    changes.reverse()  # newest first
    return Riwayat(tuple(changes), tersedia=True, lengkap=True, catatan=tuple(notes))
