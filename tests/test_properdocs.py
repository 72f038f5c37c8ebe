"""The site also builds with ProperDocs, the maintained fork of MkDocs 1.x, and mike keeps working.

ProperDocs is installed beside MkDocs in the same environment (requirements-dev.txt): it reads
``mkdocs.yml`` (given explicitly with ``-f``), loads the same Material theme, mkdocs-macros and
``hooks/iku.py`` (it redirects their ``mkdocs.*`` imports to itself). mike 2.x runs
``properdocs build`` instead of ``mkdocs build`` whenever ProperDocs is installed, so in this
environment every ``mike deploy`` (also the one behind ``python -m iku_macros terbitkan``) builds
with ProperDocs; the last test shows that it does and that the deployed version is complete.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import DEMO, ROOT

BIN = Path(sys.executable).parent
INDICATOR = "indikator/persentase_layanan_pelayanan_publik/index.html"
GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)"\s*/?>')
MIKE = [sys.executable, "-c", "import sys; from mike.driver import main; sys.exit(main())"]


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}
    # mike starts `properdocs` by name: the one installed beside this interpreter.
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


HISTORY_PAGE = re.compile(r"riwayat/\d+/index\.html")
"""The Riwayat data pages after the first: how many there are depends on the git history the
site is built in (a throwaway repository has one commit)."""


def html_pages(site: Path) -> list[str]:
    return sorted(
        path
        for p in site.rglob("*.html")
        if not HISTORY_PAGE.fullmatch(path := p.relative_to(site).as_posix())
    )


def generator(html: str) -> str:
    match = GENERATOR.search(html)
    assert match, "no generator meta tag"
    return match.group(1)


def article(html: str) -> str:
    """The page's content (what the data produced), without the generator-dependent chrome."""
    node = BeautifulSoup(html, "html.parser").select_one("article")
    assert node is not None, "page has no <article>"
    return str(node)


def capaian_per_tahun(html: str) -> dict[str, str]:
    """Year -> capaian cell of an indicator page's yearly table."""
    soup = BeautifulSoup(html, "html.parser")
    for table in soup.find_all("table"):
        caption = table.find("caption")
        if caption is None or not caption.get_text().startswith("Target, realisasi, dan capaian"):
            continue
        header = [th.get_text(strip=True) for th in table.find("thead").find_all("th")]
        col = header.index("Capaian")
        rows = {}
        for tr in table.find("tbody").find_all("tr"):
            cells = [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
            rows[cells[0]] = cells[col]
        return rows
    raise AssertionError("no 'Target, realisasi, dan capaian' table on the page")


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    site = tmp_path_factory.mktemp("properdocs") / "site"
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"]
    result = subprocess.run(
        [*command, "--site-dir", str(site)],
        cwd=ROOT,
        env=_env(IKU_DATA=str(DEMO)),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"properdocs build failed:\n{log}"
    return site, log


def test_properdocs_is_installed_beside_mkdocs() -> None:
    # Both are in the lock; ProperDocs is the maintained continuation of MkDocs 1.6.
    assert metadata.version("properdocs").startswith("1.6.")
    assert metadata.version("mkdocs").startswith("1.6.")
    assert (BIN / "properdocs").exists() and (BIN / "mkdocs").exists()


def test_properdocs_builds_the_demo_site_strictly(properdocs_site: tuple[Path, str]) -> None:
    site, log = properdocs_site
    assert "WARNING" not in log, log
    assert "Documentation built" in log
    # It really was ProperDocs that rendered the pages (Material names the generator).
    assert generator((site / "index.html").read_text(encoding="utf-8")).startswith(
        "mkdocs-ProperDocs 1.6."
    )


def test_properdocs_and_mkdocs_produce_the_same_pages(
    properdocs_site: tuple[Path, str], demo_site: Path
) -> None:
    site, _ = properdocs_site
    pages = html_pages(site)
    assert len(pages) >= 30 and INDICATOR in pages
    assert pages == html_pages(demo_site)
    # Same set of every other file too (downloads, assets, search index, sitemap).
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == sorted(
        p.relative_to(demo_site).as_posix() for p in demo_site.rglob("*") if p.is_file()
    )
    assert generator((demo_site / "index.html").read_text(encoding="utf-8")).startswith(
        "mkdocs-1.6."
    )
    differing = [
        page
        for page in pages
        if article((site / page).read_text(encoding="utf-8"))
        != article((demo_site / page).read_text(encoding="utf-8"))
    ]
    assert differing == []


def test_an_indicator_page_shows_the_same_capaian(
    properdocs_site: tuple[Path, str], demo_site: Path
) -> None:
    site, _ = properdocs_site
    ours = capaian_per_tahun((site / INDICATOR).read_text(encoding="utf-8"))
    theirs = capaian_per_tahun((demo_site / INDICATOR).read_text(encoding="utf-8"))
    assert ours == theirs
    # Real numbers, not an empty table on both sides (data_contoh fills 2020–2025; the later
    # years of the 2025–2029 document have targets but no realisasi yet).
    filled = [str(year) for year in range(2020, 2026)]
    assert set(ours) == {str(year) for year in range(2020, 2030)}
    assert all(re.fullmatch(r"\d{1,3}(\.\d{3})*,\d{2}%", ours[year]) for year in filled), ours
    assert not any(re.search(r"\d", ours[str(year)]) for year in range(2026, 2030)), ours


def _project_copy(repo: Path) -> None:
    """The project as a commit would see it, with the demo data as its data/ folder."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    skip = ("data/", "data_contoh/", "tests/", ".github/")
    for name in listed.split("\0"):
        source = ROOT / name
        if not name or name.startswith(skip) or source.is_symlink() or not source.is_file():
            continue
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    shutil.copytree(DEMO, repo / "data")


def test_mike_deploys_with_properdocs(tmp_path: Path, demo_site: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _project_copy(repo)
    git_env = _env(
        GIT_AUTHOR_NAME="Operator Contoh",
        GIT_AUTHOR_EMAIL="operator@contoh.example",
        GIT_COMMITTER_NAME="Operator Contoh",
        GIT_COMMITTER_EMAIL="operator@contoh.example",
        GIT_AUTHOR_DATE="2024-02-01T10:00:00+07:00",
        GIT_COMMITTER_DATE="2024-02-01T10:00:00+07:00",
    )
    git_env.pop("IKU_DATA", None)

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=repo, env=git_env, capture_output=True, text=True, check=True
        ).stdout

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "Data contoh")

    deploy = subprocess.run(
        [*MIKE, "deploy", "--config-file", "mkdocs.yml", "--branch", "gh-pages",
         "--ignore-remote-status", "--title", "2023", "2023"],
        cwd=repo,
        env=git_env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )  # fmt: skip
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    assert "WARNING" not in deploy.stderr, deploy.stderr

    # mike names the generator it ran in its commit message, and the pages carry it too.
    subject = git("log", "-1", "--format=%s", "gh-pages")
    assert "with ProperDocs 1.6." in subject, subject
    index = git("show", "gh-pages:2023/index.html")
    assert generator(index).startswith("mkdocs-ProperDocs 1.6.")

    deployed = sorted(
        name.removeprefix("2023/")
        for name in git("ls-tree", "-r", "--name-only", "gh-pages", "2023").splitlines()
        if name.endswith(".html")
    )
    assert deployed == html_pages(demo_site)
    assert '"version": "2023"' in git("show", "gh-pages:versions.json")
    page = git("show", f"gh-pages:2023/{INDICATOR}")
    assert capaian_per_tahun(page) == capaian_per_tahun(
        (demo_site / INDICATOR).read_text(encoding="utf-8")
    )
