"""mkdocs-macros entry point: exposes the computed report and HTML fragments to pages.

Kept thin on purpose: it only locates the data folder, loads the report and hands rendering to
:mod:`iku_macros.web.render`, so the site can move off MkDocs without touching the core.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from iku_macros.data.errors import DataValidationError
from iku_macros.report import Laporan
from iku_macros.web import sisip
from iku_macros.web.build_data import data_date, load_downloads, load_laporan, load_riwayat
from iku_macros.web.render import (
    Halaman,
    beranda,
    capaian,
    dokumen,
    grafik,
    ikm,
    indikator,
    metodologi,
    panduan,
    perbandingan,
    riwayat,
    unduh,
)


def data_dir(config: Any) -> Path:
    """The data folder named by ``extra.iku.data`` in mkdocs.yml, relative to that file."""
    base = Path(config["config_file_path"]).resolve().parent
    extra = config.get("extra") or {}
    name = (extra.get("iku") or {}).get("data") or "data"
    # Normalised but not resolved: a data folder that is itself a symlink must reach the
    # safe reader as a symlink (and be refused there), not be silently followed.
    return Path(os.path.abspath(base / name))


def laporan_for(config: Any) -> Laporan:
    try:
        return load_laporan(data_dir(config))
    except DataValidationError as exc:
        # PluginError makes MkDocs stop with this text and no traceback.
        raise PluginError(exc.report()) from None


def define_env(env: Any) -> None:
    laporan = laporan_for(env.conf)
    env.variables["iku"] = laporan
    # The staff guide's ids, years and file names, from this unit's data (docs/panduan.md).
    env.variables["panduan"] = panduan.Panduan(laporan)
    # HTML goes round Markdown (iku_macros.web.sisip); the hook puts it back in each page.
    sisipan = sisip.mulai()
    for name, function in macro_functions(laporan, Halaman(lambda: env.page.url), env.conf).items():
        env.macro(sisipan.bungkus(function), name)


def macro_functions(laporan: Laporan, halaman: Halaman, conf: Any) -> dict[str, Any]:
    """Every macro by name, its links relative to ``halaman``: for mkdocs-macros (hand-written
    pages) and for the hook, which fills the generated pages itself."""
    modules = (beranda, dokumen, perbandingan, indikator, capaian, ikm, metodologi, grafik)
    macros: dict[str, Any] = {}
    for module in modules:
        macros.update(module.macros(laporan, halaman))
    macros.update(panduan.macros(panduan.Panduan(laporan)))
    folder = data_dir(conf)
    macros.update(unduh.macros(laporan, halaman, data_date(folder), lambda: load_downloads(folder)))
    # Read the git history once per build, on first use, not once per indicator page.
    history = cache(lambda: load_riwayat(folder))
    macros.update(riwayat.macros(laporan, halaman, history, lambda c: commit_url(conf, c)))
    return macros


def commit_url(config: Any, commit: str) -> str | None:
    """Link to a commit on the repository host, when ``repo_url`` is configured."""
    repo = config.get("repo_url")
    return f"{repo.rstrip('/')}/commit/{commit}" if repo else None
