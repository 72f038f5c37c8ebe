"""Staff-facing data errors: where (file:line:column), what was expected, what was found."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in a data file, phrased in Indonesian for the staff who edit it."""

    berkas: str
    baris: int | None
    kolom: int | None
    pesan: str
    diharapkan: str | None = None
    ditemukan: str | None = None

    @property
    def lokasi(self) -> str:
        if self.baris is None:
            return self.berkas
        return f"{self.berkas}:{self.baris}:{self.kolom or 1}"

    def __str__(self) -> str:
        lines = [f"{self.lokasi}: {self.pesan}"]
        if self.diharapkan:
            lines.append(f"    diharapkan: {self.diharapkan}")
        if self.ditemukan:
            lines.append(f"    ditemukan : {self.ditemukan}")
        return "\n".join(lines)


class DataValidationError(Exception):
    """Raised when data/ is invalid; carries every error found, not only the first."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = sorted(errors, key=_sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        head = f"Data tidak valid: {count} kesalahan ditemukan."
        return "\n".join([head, *(str(e) for e in self.errors)])


def _sort_key(error: DataError) -> tuple[str, int, int, str]:
    return (error.berkas, error.baris or 0, error.kolom or 0, error.pesan)


def display_path(path: Path) -> str:
    """Path as staff see it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel
