"""MkDocs hook: validate data before anything renders and take the site name from it."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from iku_macros.macros import laporan_for


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    laporan = laporan_for(config)
    instansi = laporan.dataset.profil.instansi
    config.site_name = f"IKU {instansi.nama_singkat}"
    if laporan.dataset.profil.data_contoh:
        config.site_name += " (data contoh)"
    return config
