"""The value changes of each commit, kept between builds so a rebuild reads only new commits.

What one commit changed is fixed by the commit itself (its content and its first parent are
part of its id), by the data folder followed and by the code that reads old versions. So the
changes are stored per commit id in one JSON file in the repository's git folder (never in the
working tree: nothing to commit, nothing ``mkdocs serve`` watches), under a name made of the
data folder, the current document (what an unreadable old ``profil.yaml`` stands for) and a
hash of the reading code's source, so a change to that code starts a new file.

The file is an optimisation only: missing, unreadable, or written by another version, it is
ignored and the history is read from git as before; a failure to write it is ignored too.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from fractions import Fraction
from pathlib import Path
from typing import Any

Change = tuple[str | None, str, int, str, Fraction | None, Fraction | None]
"""(document, indicator, year, column, old value, new value)."""

MAX_CACHE_BYTES = 64 * 1024 * 1024
"""A larger file is not read (a kabupaten's twenty years of history is a few megabytes)."""
UNUSED_DAYS = 30
"""A cache file no build has written for this long is deleted (each change to the reading
code starts a new file: the old ones would pile up in the git folder)."""


def _source_hash(sources: tuple[Path, ...]) -> str:
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def cache_file(git_dir: Path, rel: str, fallback: str | None, sources: tuple[Path, ...]) -> Path:
    """Where the changes of this data folder's history are kept."""
    key = json.dumps([rel, fallback, _source_hash(sources)])
    name = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    return git_dir / "iku-riwayat" / f"{name}.json"


class RiwayatCache:
    """Per commit id: its changes and the notes its reading left."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._stored: dict[str, tuple[list[Change], list[str]]] = {}
        self._seen: dict[str, tuple[list[Change], list[str]]] = {}
        if path is not None:
            self._stored = _read(path)

    def get(self, commit: str) -> tuple[list[Change], list[str]] | None:
        found = self._stored.get(commit)
        if found is not None:
            self._seen[commit] = found
        return found

    def put(self, commit: str, changes: list[Change], notes: list[str]) -> None:
        self._seen[commit] = (changes, notes)

    def save(self) -> None:
        """Write the commits of this read (a rewritten history leaves no stale entries)."""
        if self.path is None or self._seen.keys() == self._stored.keys():
            return
        content = {
            commit: {"perubahan": [_dump(c) for c in changes], "catatan": notes}
            for commit, (changes, notes) in self._seen.items()
        }
        try:
            self.path.parent.mkdir(exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"commit": content}, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, self.path)  # atomic: a parallel build reads old or new
            _prune(self.path.parent, keep=self.path)
        except OSError:
            return


def _prune(folder: Path, keep: Path) -> None:
    """Delete the cache files (and leftovers of interrupted writes) unused for a while."""
    limit = time.time() - UNUSED_DAYS * 24 * 3600
    for path in [*folder.glob("*.json"), *folder.glob("*.tmp")]:
        if path != keep and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def _dump(change: Change) -> list[Any]:
    dokumen, ident, tahun, kolom, lama, baru = change
    return [dokumen, ident, tahun, kolom, _fraction_text(lama), _fraction_text(baru)]


def _fraction_text(value: Fraction | None) -> str | None:
    return None if value is None else str(value)


def _read(path: Path) -> dict[str, tuple[list[Change], list[str]]]:
    try:
        if path.stat().st_size > MAX_CACHE_BYTES:
            return {}
        content = json.loads(path.read_text(encoding="utf-8"))
        return {
            str(commit): (
                [_load(change) for change in entry["perubahan"]],
                [str(note) for note in entry["catatan"]],
            )
            for commit, entry in content["commit"].items()
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError, ZeroDivisionError):
        return {}


def _load(change: list[Any]) -> Change:
    dokumen, ident, tahun, kolom, lama, baru = change
    if not (dokumen is None or isinstance(dokumen, str)):
        raise ValueError("dokumen")
    if not isinstance(tahun, int):
        raise ValueError("tahun")
    return (
        dokumen,
        str(ident),
        tahun,
        str(kolom),
        None if lama is None else Fraction(str(lama)),
        None if baru is None else Fraction(str(baru)),
    )
