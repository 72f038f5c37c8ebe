"""Screenshots of each page type, at phone and desktop width, light and dark, so that a reviewer
can look at a change without building it: ``python -m tests.tangkapan`` (``make tangkapan``).

Each site (the demo, ``data_contoh/``, and the unit's ``data/``) is built with
``mkdocs build --strict`` into a temporary folder, served on 127.0.0.1 and opened in Debian's
Chromium through Playwright, with the launch arguments of the browser tests. The pictures go to
``tangkapan/<situs>/<nn>-<halaman>-<lebar>-<skema>.png`` (the folder is not committed).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from iku_macros.data.loading import load_dataset
from iku_macros.data.model import JenisIndikator
from iku_macros.report import build_laporan

from .browser.conftest import CHROMIUM, LAUNCH_ARGS, serve_directory
from .conftest import DATA, DEMO, ROOT
from .site_build import build_site

SITES = {"demo": DEMO, "data": DATA}
"""The data folders photographed, by the name of their output folder."""
WIDTHS = {360: 800, 1280: 900}
"""Viewport width -> height: a phone and a desktop."""
SCHEMES = {"terang": "light", "gelap": "dark"}
"""Output name -> the colour scheme the browser prefers (Material follows it)."""
MAX_HEIGHT = 12_000
"""Full-page pictures are cut at this height (px) to stay within what Chromium captures."""
PAGE_TYPES = (
    "beranda",
    "dokumen",
    "bab",
    "perbandingan",
    "indikator",
    "capaian",
    "ikm",
    "profil",
    "metodologi",
    "riwayat",
    "unduh",
)
"""Every page type, in the order the pictures are numbered."""


@dataclass(frozen=True)
class Halaman:
    """One page type and the site path of the page that shows it."""

    jenis: str
    path: str

    def file_name(self, width: int, scheme: str) -> str:
        number = PAGE_TYPES.index(self.jenis) + 1
        return f"{number:02d}-{self.jenis}-{width}-{scheme}.png"


def _built(site: Path, path: str) -> bool:
    return (site / path / "index.html").is_file()


def _first_built(site: Path, paths: Iterable[str]) -> str | None:
    return next((p for p in paths if _built(site, p)), None)


def page_list(data: Path, site: Path) -> tuple[list[Halaman], list[str]]:
    """The page of each type in the built ``site`` of ``data``, and the types it has none of
    (a unit with one document has no comparison, one without chapters no chapter page).

    Chosen to show the most: the current document's BAB IV (its widest tables), the first IKU of
    the current document, the latest year with realisasi (else the latest with a page), the
    latest IKM survey (else the IKM index)."""
    laporan = build_laporan(load_dataset(data))
    dataset = laporan.dataset
    kini = dataset.dokumen_kini.id
    others = [d for d in dataset.dokumen if d != kini]
    folder = site / "dokumen" / kini
    chapters = [f"dokumen/{kini}/bab-4/"] + [
        f"dokumen/{kini}/{p.name}/"
        for p in sorted(folder.iterdir() if folder.is_dir() else [])
        if p.is_dir() and p.name not in ("cetak", "perbandingan")
    ]
    iku = [i for i, v in dataset.dokumen_kini.indikator.items() if v.jenis is JenisIndikator.IKU]
    years = [laporan.tahun_terakhir_berdata, *reversed(laporan.tahun_laporan)]
    candidates: dict[str, list[str]] = {
        "beranda": [""],
        "dokumen": ["dokumen/"],
        "bab": chapters,
        "perbandingan": [f"dokumen/{d}/perbandingan/" for d in [kini, *others]],
        "indikator": [f"indikator/{i}/" for i in iku],
        "capaian": [f"capaian/{y}/" for y in years if y is not None],
        "ikm": [f"ikm/{y}/" for y in reversed(dataset.tahun_ikm())] + ["ikm/"],
        "profil": ["profil/"],
        "metodologi": ["metodologi/"],
        "riwayat": ["riwayat/"],
        "unduh": ["unduh/"],
    }
    found, missing = [], []
    for jenis in PAGE_TYPES:
        path = _first_built(site, candidates[jenis])
        if path is None:
            missing.append(jenis)
        else:
            found.append(Halaman(jenis, path))
    return found, missing


def context_options(width: int, scheme: str) -> dict[str, Any]:
    """Browser context of one picture: the viewport, a phone below 600 px, the scheme."""
    phone = width < 600
    return {
        "viewport": {"width": width, "height": WIDTHS[width]},
        "device_scale_factor": 1,
        "is_mobile": phone,
        "has_touch": phone,
        "color_scheme": SCHEMES[scheme],
    }


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} tidak ada: pasang dengan `make browser`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def take(
    browser: Any,
    url: str,
    pages: Iterable[Halaman],
    out: Path,
    widths: Iterable[int] = tuple(WIDTHS),
    schemes: Iterable[str] = tuple(SCHEMES),
) -> list[Path]:
    """Photograph ``pages`` of the site served at ``url`` into ``out``; return the files."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for halaman in pages:
        for width in widths:
            for scheme in schemes:
                context = browser.new_context(**context_options(width, scheme))
                try:
                    tab = context.new_page()
                    tab.goto(url + halaman.path, wait_until="load")
                    tab.wait_for_load_state("networkidle")
                    height = tab.evaluate("document.documentElement.scrollHeight")
                    target = out / halaman.file_name(width, scheme)
                    tab.screenshot(
                        path=str(target),
                        full_page=True,
                        clip={"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT)},
                    )
                    written.append(target)
                finally:
                    context.close()
    return written


def photograph(name: str, data: Path, out: Path, work: Path) -> list[Path]:
    """Build the site of ``data``, then photograph each of its page types into ``out``."""
    site = work / name
    build_site(data, site)
    pages, missing = page_list(data, site)
    for old in out.glob("*.png"):
        old.unlink()
    if missing:
        print(f"{name}: situs ini tidak memiliki halaman {', '.join(missing)}")
    with serve_directory(site) as url, chromium() as browser:
        return take(browser, url, pages, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.tangkapan",
        description="Tangkapan layar setiap jenis halaman (360 dan 1280 px, terang dan gelap).",
    )
    parser.add_argument("--keluar", type=Path, default=ROOT / "tangkapan", help="folder keluaran")
    parser.add_argument(
        "--situs", nargs="+", choices=sorted(SITES), default=list(SITES), help="situs yang dipotret"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tangkapan-") as work:
        for name in args.situs:
            written = photograph(name, SITES[name], args.keluar / name, Path(work))
            print(f"{name}: {len(written)} gambar di {args.keluar / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
