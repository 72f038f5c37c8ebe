"""Every value of a data folder, found on its built site and in its downloads.

Generic over units: the values are read from the folder's YAML (never retyped), and the site's
text is every page's article, whitespace collapsed and compared case-insensitively (titles are
printed in capitals, e.g. a signatory's position). Numbers are compared with the open data
(``unduh/iku.json`` and ``unduh/iku.csv``, two decimals, half up), where they are exact.

A folder holds a chain of IKU documents (``dokumen/<id>/``, or the first format's one document
at the top); only which documents there are, their order and which one is in force each year
come from the loader. Each year's target is the one of the document in force (or the Perjanjian
Kinerja's ``target_pk``); an indicator's texts are those of the newest document that has it.

Used on ``data/`` by ``test_data_unit.py`` and on the engine's own datasets by
``test_site_pages.py``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

from iku_macros.data.loading import load_dataset

CSV_QUOTE = "'"
"""The open data prefixes text that a spreadsheet would run as a formula with this mark."""


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def site_text(site: Path) -> str:
    """The text of every page's article, whitespace collapsed, case folded."""
    parts = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        if article is not None:
            parts.append(article.get_text(" ", strip=True))
    return _normal(" \n ".join(parts))


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def documents(folder: Path) -> list[tuple[str, Path, dict[str, Any]]]:
    """(id, folder of its files, metadata) of every document, in the loader's (chronological)
    order."""
    found = []
    for ident, document in load_dataset(folder).dokumen.items():
        if document.folder:
            base = folder / document.folder
            found.append((ident, base, _yaml(base / "dokumen.yaml")))
        else:  # the first format: the folder itself, metadata in profil.yaml
            found.append((ident, folder, _yaml(folder / "profil.yaml")["dokumen"]))
    return found


def _indicators(base: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in sorted((base / "indikator").glob("*.yaml")):
        yield path, _yaml(path)


def newest_indicators(folder: Path) -> dict[str, tuple[str, dict[str, Any]]]:
    """Per indicator id, (where, content) of the newest document's file that has it."""
    newest: dict[str, tuple[str, dict[str, Any]]] = {}
    for _, base, _ in documents(folder):
        for path, item in _indicators(base):
            newest[item["id"]] = (str(path.relative_to(folder)), item)
    return newest


def in_force(folder: Path) -> dict[int, dict[str, dict[str, Any]]]:
    """Per year some document covers, the indicators (id → content) of the one in force."""
    by_id = {ident: base for ident, base, _ in documents(folder)}
    return {
        year: {item["id"]: item for _, item in _indicators(by_id[ident])}
        for year, ident in load_dataset(folder).berlaku.items()
    }


def text_values(folder: Path) -> Iterator[tuple[str, str]]:
    """(where, text) of every value of the folder that the site prints as text."""
    profil = _yaml(folder / "profil.yaml")
    instansi, kepala = profil["instansi"], profil["kepala"]
    for key in ("nama", "nama_singkat", "kabupaten", "provinsi"):
        yield f"profil.instansi.{key}", instansi[key]
    for key in ("jabatan", "nama", "pangkat", "nip"):
        if kepala.get(key):
            yield f"profil.kepala.{key}", kepala[key]
    for ident, _, meta in documents(folder):
        yield f"dokumen {ident}: judul", meta["judul"]
    for key in ("visi", "misi", "tujuan", "tujuan_pokok", "fungsi"):
        for text in _texts(profil[key]):
            yield f"profil.{key}", text
    if (folder / "wilayah.yaml").exists():
        wilayah = _yaml(folder / "wilayah.yaml")
        yield "wilayah.gambaran_umum", wilayah["gambaran_umum"]
        for arah, text in wilayah["batas"].items():
            yield f"wilayah.batas.{arah}", text
        for text in wilayah["desa"]:
            yield "wilayah.desa", text
    for unit in _yaml(folder / "organisasi.yaml")["unit"]:
        for key in ("nama", "nama_struktur", "tugas", "pengantar_rincian", "rincian"):
            for text in _texts(unit.get(key)):
                yield f"organisasi.{unit['id']}.{key}", text
        for key in ("pengantar_kewenangan", "kewenangan"):
            for text in _texts(unit.get(key)):
                yield f"organisasi.{unit['id']}.{key}", text
    for text in _yaml(folder / "landasan_hukum.yaml")["dasar_hukum"]:
        yield "landasan_hukum.dasar_hukum", text
    pengertian = _yaml(folder / "pengertian.yaml")
    for key, items in pengertian.items():
        for text in _texts(items):
            yield f"pengertian.{key}", text
    # The framework as the site merges it: each tujuan, sasaran and program as the newest
    # document that has it writes it.
    framework: dict[tuple[str, str], str] = {}
    for _, base, _ in documents(folder):
        kerangka = _yaml(base / "kerangka.yaml")
        for kind in ("tujuan", "sasaran", "program"):
            for item in kerangka.get(kind) or []:
                framework[(kind, item["id"])] = item["nama"]
    for (kind, ident), nama in framework.items():
        yield f"kerangka.{kind}.{ident}", nama
    for where, item in newest_indicators(folder).values():
        for key in ("nama", "definisi_operasional", "rumus_publikasi"):
            yield f"{where}: {key}", item[key]
        for key in ("sumber_data", "penanggung_jawab"):
            for text in item[key]:
                yield f"{where}: {key}", text
    for path in sorted((folder / "realisasi").glob("*.yaml")):
        for ident, entry in (_yaml(path)["realisasi"] or {}).items():
            if entry.get("catatan"):
                yield f"realisasi/{path.name}: {ident}.catatan", entry["catatan"]


def links(folder: Path) -> Iterator[tuple[str, str]]:
    """(where, url) of every evidence link."""
    for path in sorted((folder / "realisasi").glob("*.yaml")):
        for ident, entry in (_yaml(path)["realisasi"] or {}).items():
            if entry.get("bukti"):
                yield f"realisasi/{path.name}: {ident}.bukti", entry["bukti"]


def missing_texts(folder: Path, site: Path) -> list[str]:
    text = site_text(site)
    return [
        f"{where}: {value!r}" for where, value in text_values(folder) if _normal(value) not in text
    ]


def missing_links(folder: Path, site: Path) -> list[str]:
    hrefs = set()
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        hrefs.update(str(a.get("href")) for a in soup.select("article a[href]"))
    return [f"{where}: {url}" for where, url in links(folder) if url not in hrefs]


def _two_places(value: Any) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def number_values(folder: Path) -> dict[tuple[str, int, str], Decimal | None]:
    """Every target (of the document in force that year, or the year's ``target_pk``) and every
    entered realisasi, keyed (id, year, 'target'|'realisasi'); computed realisasi (composite,
    IKM) are checked through the report instead."""
    values: dict[tuple[str, int, str], Decimal | None] = {}
    for year, indicators in in_force(folder).items():
        for ident, item in indicators.items():
            targets = item.get("target") or {}
            if year in targets:
                values[(ident, year, "target")] = _two_places(targets[year])
    for path in sorted((folder / "realisasi").glob("*.yaml")):
        doc = _yaml(path)
        for ident, entry in (doc["realisasi"] or {}).items():
            year = int(doc["tahun"])
            values[(ident, year, "realisasi")] = _two_places(entry.get("nilai"))
            if entry.get("target_pk") is not None:
                values[(ident, year, "target")] = _two_places(entry["target_pk"])
    return values


def computed_values(folder: Path) -> dict[tuple[str, int, str], Decimal | None]:
    """Realisasi of composite and IKM indicators, as the engine computes them."""
    from iku_macros.report import build_laporan

    laporan = build_laporan(load_dataset(folder))
    values: dict[tuple[str, int, str], Decimal | None] = {}
    for ident, hasil in laporan.indikator.items():
        if hasil.indikator.perhitungan.jenis == "manual":
            continue
        for year, nilai in hasil.tahun.items():
            if nilai.realisasi is not None:
                exact = Decimal(nilai.realisasi.numerator) / Decimal(nilai.realisasi.denominator)
                values[(ident, year, "realisasi")] = _two_places(exact)
    return values


def download_records(site: Path) -> dict[str, dict[tuple[str, int], dict[str, Any]]]:
    """The open data of the site: JSON and CSV records by (id, year)."""
    document = json.loads((site / "unduh" / "iku.json").read_text(encoding="utf-8"))
    rows = csv.DictReader(io.StringIO((site / "unduh" / "iku.csv").read_text(encoding="utf-8")))
    return {
        "json": {(r["id"], r["tahun"]): r for r in document["data"]},
        "csv": {(r["id"], int(r["tahun"])): r for r in rows},
    }


def missing_in_downloads(folder: Path, site: Path) -> list[str]:
    """Every indicator (by id and name, as the document in force each year names it), target and
    realisasi of the folder, in both downloads."""
    problems = []
    downloads = download_records(site)
    names = {
        (ident, year): item["nama"]
        for year, indicators in in_force(folder).items()
        for ident, item in indicators.items()
    }
    for kind, records in downloads.items():
        for ident in dict.fromkeys(i for i, _ in names):
            if not any(i == ident for i, _ in records):
                problems.append(f"{kind}: indikator {ident} tidak ada")
        for (ident, year), record in records.items():
            nama = names.get((ident, year))
            if nama is not None and record["nama"] not in (nama, CSV_QUOTE + nama):
                problems.append(f"{kind}: nama {ident} tahun {year} bukan {nama!r}")
        expected = {**number_values(folder), **computed_values(folder)}
        for (ident, year, field), value in expected.items():
            record = records.get((ident, year))
            if record is None:
                problems.append(f"{kind}: {ident} tahun {year} tidak ada")
                continue
            shown = _two_places(record[field]) if record[field] not in (None, "") else None
            if shown != value:
                problems.append(f"{kind}: {ident} {year} {field} = {record[field]!r}, data {value}")
    return problems
