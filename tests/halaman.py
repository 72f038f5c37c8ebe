"""Reading the built document pages: YAML of a data folder, and the HTML of a built site.

The YAML readers take a folder ``root``: the data folder for the unit's files (``profil``,
``organisasi``, ...), and one document's folder (``DATA/dokumen/<id>``, or a first-format data
folder, which is its own one document) for ``kerangka``, ``dokumen`` and the indicators."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup, Tag

from iku_macros.web.render.dokumen import format_target


@cache
def load(root: Path, name: str) -> Any:
    return yaml.safe_load((root / f"{name}.yaml").read_text(encoding="utf-8"))


@cache
def indicators(root: Path) -> dict[str, dict[str, Any]]:
    items = (
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((root / "indikator").glob("*.yaml"))
    )
    return {item["id"]: item for item in items}


def children(root: Path, induk: str, jenis: str) -> list[dict[str, Any]]:
    found = [i for i in indicators(root).values() if i["induk"] == induk and i["jenis"] == jenis]
    return sorted(found, key=lambda i: (i["urutan"], i["id"]))


def iku_in_table_order(root: Path, *, with_targets: bool = False) -> list[dict[str, Any]]:
    """IKU as the document's tables list them: per tujuan its own, then per sasaran."""
    kerangka = load(root, "kerangka")
    result = []
    for tujuan in kerangka["tujuan"]:
        result.extend(children(root, tujuan["id"], "iku"))
        for sasaran in kerangka.get("sasaran", []):
            if sasaran["tujuan"] == tujuan["id"]:
                result.extend(children(root, sasaran["id"], "iku"))
    return [i for i in result if i.get("target") or not with_targets]


def soup_of(site: Path, page: str) -> BeautifulSoup:
    path = site / page / "index.html"
    assert path.exists(), f"halaman {page} tidak ada"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(tag: Tag) -> str:
    return tag.get_text(" ", strip=True).replace("¶", "").strip()


def headings(soup: BeautifulSoup) -> list[str]:
    article = soup.select_one("article")
    assert article is not None
    return [text(h) for h in article.find_all(["h1", "h2", "h3"])]


def items(soup: BeautifulSoup, selector: str) -> list[str]:
    return [text(li) for li in soup.select(f"{selector} > li")]


def cells(row: Tag) -> list[Tag]:
    return row.find_all(["th", "td"], recursive=False)


def list_or_text(cell: Tag) -> list[str]:
    """A cell holding one value, or a numbered list of several."""
    entries = cell.select("ol > li")
    return [text(li) for li in entries] if entries else [text(cell)]


def target_text(value: int | float | None) -> str:
    """A target as the document tables print it (Indonesian decimal comma)."""
    return "-" if value is None else format_target(Decimal(str(value)))
