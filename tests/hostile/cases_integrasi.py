"""Hostile input that reaches the engine through its glue rather than through one file."""

from __future__ import annotations

from pathlib import Path

from .harness import Case


def _data_folder_is_a_symlink(data: Path) -> None:
    # The whole folder swapped for a link: the build must not follow it to wherever it points.
    real = data.parent / "di_luar"
    data.rename(real)
    data.symlink_to(real, target_is_directory=True)


CASES = [
    Case(
        "integrasi-folder-data-symlink",
        _data_folder_is_a_symlink,
        r"tautan simbolik",
        r"data:",
    ),
]
