"""Text from the data is shown as text: no script runs, no template expression is evaluated."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

import yaml

from ..conftest import DEMO, copy_project
from ..site_build import build_site
from .conftest import Visit, report, serve_directory

INDICATOR = "pengaduan_tidak_tepat_waktu"
KINI = "dokumen/2025-2029"
"""The demo's current document; it renames the indicator and changes its definition, so its
comparison page shows the indicator's name too."""
NAME = "<script>alert(1)</script> {{ 7*7 }}"
CATATAN = "<img src=x onerror=alert(2)>"
CATATAN_YEAR = 2021

# Text of the innermost elements (and the title) whose text mentions the hostile name.
NAME_CONTAINERS = """
() => {
  const hits = [];
  for (const el of document.querySelectorAll('title, body *')) {
    if (!el.textContent.includes('alert(1)')) continue;
    if ([...el.children].some((child) => child.textContent.includes('alert(1)'))) continue;
    hits.push(el.tagName.toLowerCase() + ': ' + el.textContent.trim());
  }
  return hits;
}
"""
SCRIPTS_WITH_ALERT = """
() => [...document.scripts].filter((s) => s.textContent.includes('alert(')).length
"""


def hostile_dataset(copy_data: Callable[[Path], Path]) -> Path:
    """The demo data with a hostile indicator name (in every document that has the indicator)
    and a hostile note on one of its values."""
    data = copy_data(DEMO)
    versions = sorted(data.glob(f"dokumen/*/indikator/{INDICATOR}.yaml"))
    assert len(versions) == 3, versions
    for indicator in versions:
        lines = indicator.read_text(encoding="utf-8").splitlines()
        # A JSON string is a valid double-quoted YAML scalar.
        lines = [
            f"nama: {json.dumps(NAME)}" if line.startswith("nama:") else line for line in lines
        ]
        indicator.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert yaml.safe_load(indicator.read_text(encoding="utf-8"))["nama"] == NAME

    realisasi_path = data / "realisasi" / f"{CATATAN_YEAR}.yaml"
    realisasi = yaml.safe_load(realisasi_path.read_text(encoding="utf-8"))
    realisasi["realisasi"][INDICATOR]["catatan"] = CATATAN
    realisasi_path.write_text(
        yaml.safe_dump(realisasi, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return data


def check_page(visit: Visit, *, expect_title: bool, expect_catatan: bool) -> list[str]:
    page = visit.page
    problems = []
    if visit.status != 200:
        problems.append(f"HTTP status {visit.status} (expected 200)")
    problems += [f"a dialog was opened: {dialog}" for dialog in visit.dialogs]
    problems += [f"uncaught page error: {error}" for error in visit.page_errors]
    text = page.inner_text("body")
    if NAME not in text:
        problems.append(f"the visible text does not contain the literal name {NAME!r}")
    if "</script> 49" in text:
        problems.append("{{ 7*7 }} in the name was evaluated to 49 by a template engine")
    for hit in page.evaluate(NAME_CONTAINERS):
        if "{{ 7*7 }}" not in hit or "49" in hit:
            problems.append(f"the name is not shown literally here: {hit!r}")
    if page.evaluate(SCRIPTS_WITH_ALERT):
        problems.append("a <script> element containing alert( is in the DOM")
    if page.locator('img[src="x"]').count():
        problems.append('an <img src="x"> element was created from the catatan')
    problems += [
        f"request for the injected image: {url}" for url in visit.requests if url.endswith("/x")
    ]
    if expect_title and NAME not in page.title():
        problems.append(f"<title> does not contain the literal name: {page.title()!r}")
    if expect_catatan and CATATAN not in text:
        problems.append(f"the catatan {CATATAN!r} ({CATATAN_YEAR}) is not shown as literal text")
    return problems


def test_hostile_text_is_shown_literally(
    copy_data: Callable[[Path], Path], tmp_path: Path, open_page: Callable[..., Visit]
) -> None:
    site = tmp_path / "site"
    build_site(hostile_dataset(copy_data), site)
    pages = {
        f"indikator/{INDICATOR}/": {"expect_title": True, "expect_catatan": True},
        "": {"expect_title": False, "expect_catatan": False},
        "indikator/": {"expect_title": False, "expect_catatan": False},
        f"capaian/{CATATAN_YEAR}/": {"expect_title": False, "expect_catatan": False},
        # Document tables go through the narrative chapters' pipeline (macros after Markdown).
        f"{KINI}/bab-4/": {"expect_title": False, "expect_catatan": False},
        "dokumen/2020-2024/bab-4/": {"expect_title": False, "expect_catatan": False},
        f"{KINI}/perbandingan/": {"expect_title": False, "expect_catatan": False},
        f"{KINI}/cetak/": {"expect_title": False, "expect_catatan": False},
    }
    failures = []
    with serve_directory(site) as url:
        for path, expectations in pages.items():
            visit = open_page(url + path)
            problems = check_page(visit, **expectations)
            if problems:
                failures.append(report(f"/{path}:", problems))
    assert not failures, "Hostile data text was not kept as text:\n" + "\n".join(failures)


# --- addresses built from file paths ---------------------------------------------------------

REPO_URL = "https://example.org/pemilik/iku"
HOSTILE_FOLDER = 'data"><img src=x onerror=alert(3)>'
"""A data folder name that breaks out of an unescaped href: it reaches the "Sunting" link of
every page built from a data file (the other checks refuse such names for files inside it)."""


def build_project_with_hostile_paths(project: Path) -> Path:
    """The demo data in a folder with a hostile name, inside a copy of the project, built with
    IKU_REPO_URL set so every page from a data file (narrative chapters included) has an edit
    link whose URL contains the folder's path."""
    copy_project(project)
    shutil.copytree(DEMO, project / HOSTILE_FOLDER)
    site = project / "site"
    env = {
        **os.environ,
        "IKU_DATA": HOSTILE_FOLDER,
        "IKU_REPO_URL": REPO_URL,
        "NO_MKDOCS_2_WARNING": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


HREFS = "(selector) => [...document.querySelectorAll(selector)].map((a) => a.getAttribute('href'))"


def test_edit_links_from_hostile_paths_run_nothing(
    tmp_path: Path, open_page: Callable[..., Visit]
) -> None:
    site = build_project_with_hostile_paths(tmp_path / "proyek")
    edit = f"{REPO_URL}/edit/main/{HOSTILE_FOLDER}"
    pages = {
        # The indicator page is edited where its current definition is: the current document.
        f"indikator/{INDICATOR}/": f"{edit}/{KINI}/indikator/{INDICATOR}.yaml",
        f"capaian/{CATATAN_YEAR}/": f"{edit}/realisasi/{CATATAN_YEAR}.yaml",
        "ikm/2023/": f"{edit}/ikm/2023.yaml",
        "dokumen/2020-2024-perubahan/bab-3/": f"{edit}/dokumen/2020-2024-perubahan/narasi/bab-3.md",
        f"{KINI}/": f"{edit}/{KINI}/narasi/index.md",
    }
    failures = []
    with serve_directory(site) as url:
        for path, target in pages.items():
            visit = open_page(url + path)
            problems = [f"a dialog was opened: {dialog}" for dialog in visit.dialogs]
            problems += [f"uncaught page error: {error}" for error in visit.page_errors]
            problems += [f"console error: {error}" for error in visit.console_errors]
            if visit.page.locator('img[src="x"]').count():
                problems.append('an <img src="x"> element was created from the folder name')
            problems += [f"request for x: {u}" for u in visit.requests if u.endswith("/x")]
            links = visit.page.evaluate(HREFS, "a[rel=edit]")
            if [unquote(link) for link in links] != [target]:
                problems.append(f"edit links {links!r}, expected one to {target!r}")
            if any(c in link for link in links for c in '"<> '):
                problems.append(f"edit link not percent-encoded: {links!r}")
            sources = visit.page.evaluate(HREFS, "a.md-source")
            if not sources or set(sources) != {REPO_URL}:
                problems.append(f"repository links {sources!r}, expected {REPO_URL!r}")
            if problems:
                failures.append(report(f"/{path}:", problems))
    assert not failures, "A hostile path reached a page as markup:\n" + "\n".join(failures)
