"""Versioned publishing with real mike in a throwaway git repository, and the audit trail.

Story: publish 2021; correct a 2022 realised value and add 2023; publish 2023. Then the 2021
snapshot still shows the old value, 2023's Riwayat shows old → new with the commit subject, and
re-publishing 2021 without forcing is refused and leaves the branch untouched. In the demo's chain
2021 is measured by document 2020-2024 and 2023 by its revision 2020-2024-perubahan: each
snapshot shows the document in force in its year as the current one.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO

import pytest
from bs4 import BeautifulSoup

from .conftest import DEMO, copy_project

INDICATOR = "persentase_layanan_pelayanan_publik"
OLD, NEW = "nilai: 86.0", "nilai: 84.5"  # its 2022 value in data_contoh, and the correction
FIRST, SECOND = 2021, 2023
DOCUMENT = {FIRST: "2020-2024", SECOND: "2020-2024-perubahan"}
"""The demo's document in force in each published year."""


class NoSymlinkHandler(SimpleHTTPRequestHandler):
    """Serves regular files only: any path through a symlink is 404, because GitHub Pages
    deployments fail on symlinks, so nothing published may depend on one."""

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        root = Path(self.directory)
        target = Path(self.translate_path(self.path))
        current = root
        for part in target.relative_to(root).parts:
            current = current / part
            if current.is_symlink():
                self.send_error(404, "symlink tidak disajikan")
                return None
        return super().send_head()

    def log_message(self, format: str, *args: object) -> None:
        pass


def tree_symlinks(repo: Repo, branch: str = "gh-pages") -> list[str]:
    """Entries of ``branch`` stored as symlinks (git mode 120000)."""
    listing = repo.git("ls-tree", "-r", "--full-tree", branch)
    return [line.split("\t", 1)[1] for line in listing.splitlines() if line.startswith("120000")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Repo:
    """A throwaway fork of the project: code plus the demo data as its data/ folder."""

    def __init__(self, path: Path, site_url: str) -> None:
        self.path = path
        self.env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Operator Contoh",
            "GIT_AUTHOR_EMAIL": "operator@contoh.example",
            "GIT_COMMITTER_NAME": "Operator Contoh",
            "GIT_COMMITTER_EMAIL": "operator@contoh.example",
            "IKU_SITE_URL": site_url,
            "NO_MKDOCS_2_WARNING": "1",
        }
        self.env.pop("SOURCE_DATE_EPOCH", None)
        self.env.pop("IKU_DATA", None)
        self.env.pop("IKU_VERSI", None)
        self.outputs: dict[int, str] = {}
        """What ``terbitkan`` printed for each year the fixture published."""

    def git(self, *args: str, date: str | None = None) -> str:
        env = dict(self.env)
        if date:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
        result = subprocess.run(
            ["git", *args], cwd=self.path, env=env, capture_output=True, text=True, check=True
        )
        return result.stdout

    def commit(self, message: str, date: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, date=date)

    def publish(self, tahun: int, *extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "iku_macros", "terbitkan", str(tahun), *extra],
            cwd=self.path,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )

    def show(self, path: str, branch: str = "gh-pages") -> str:
        return self.git("show", f"{branch}:{path}")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Repo, int]]:
    path = copy_project(tmp_path_factory.mktemp("fork") / "iku", extra=(".gitignore",))
    shutil.copytree(DEMO, path / "data")
    for year in (2023, 2024, 2025):  # later years (their survey answer files too) come later
        for later in (f"realisasi/{year}.yaml", f"ikm/{year}.yaml", f"ikm/*{year}*.csv"):
            for file in (path / "data").glob(later):
                file.unlink()
    port = free_port()
    repo = Repo(path, f"http://127.0.0.1:{port}/")
    repo.git("init", "-q", "-b", "main")
    repo.commit("Data IKU sampai realisasi 2022", "2023-01-15T10:00:00+07:00")
    first = repo.publish(FIRST)
    assert first.returncode == 0, first.stderr
    repo.outputs[FIRST] = first.stdout

    realisasi_2022 = path / "data" / "realisasi" / "2022.yaml"
    text = realisasi_2022.read_text(encoding="utf-8")
    block = text.split(f"  {INDICATOR}:\n", 1)[1].split("\n", 1)[0]
    assert block.strip() == OLD, "data_contoh changed: update OLD in this test"
    realisasi_2022.write_text(
        text.replace(f"  {INDICATOR}:\n    {OLD}", f"  {INDICATOR}:\n    {NEW}"), encoding="utf-8"
    )
    shutil.copy2(DEMO / "realisasi" / "2023.yaml", path / "data" / "realisasi" / "2023.yaml")
    repo.commit(
        "Fix 2022 value, add 2023\n\nRealisasi 2022 dikoreksi sesuai laporan akhir; realisasi "
        "2023 ditambahkan.",
        "2024-01-20T09:00:00+07:00",
    )
    second = repo.publish(SECOND)
    assert second.returncode == 0, second.stderr
    repo.outputs[SECOND] = second.stdout
    yield repo, port


def page(repo: Repo, path: str) -> BeautifulSoup:
    return BeautifulSoup(repo.show(path), "html.parser")


def table_rows(soup: BeautifulSoup, selector: str) -> list[dict[str, str]]:
    """The body rows of the table ``selector``, each cell by its column's heading."""
    table = soup.select_one(selector)
    assert table is not None, selector
    heads = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    return [
        dict(
            zip(
                heads,
                (c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])),
                strict=False,
            )
        )
        for tr in table.select("tbody tr")
    ]


def test_versions_json_lists_both_years_with_terbaru_on_2023(published) -> None:
    repo, _ = published
    versions = {v["version"]: v["aliases"] for v in json.loads(repo.show("versions.json"))}
    assert versions == {"2023": ["terbaru"], "2021": []}
    root = repo.show("index.html")
    assert 'href="terbaru/"' in root  # the root redirects to the newest
    assert '<html lang="id">' in root and "Redirecting" not in root
    assert "Halaman tidak ditemukan" in repo.show("404.html")


def test_terbaru_is_a_copy_of_the_newest_year_and_nothing_is_a_symlink(published) -> None:
    repo, _ = published
    assert tree_symlinks(repo) == []
    # a copy: the very same files (so also the open data at a stable address), not redirects
    newest = repo.git("rev-parse", "gh-pages:2023")
    assert repo.git("rev-parse", "gh-pages:terbaru") == newest
    assert repo.show("terbaru/unduh/iku.json") == repo.show("2023/unduh/iku.json")


def test_old_snapshot_keeps_the_old_value(published) -> None:
    repo, _ = published

    def realisasi_2022(version: str) -> str:
        soup = page(repo, f"{version}/indikator/{INDICATOR}/index.html")
        for row in table_rows(soup, "table.iku-tahunan"):
            if row["Tahun"] == "2022":
                return row["Realisasi"]
        raise AssertionError("no 2022 row")

    assert realisasi_2022("2021") == "86,00"
    assert realisasi_2022("2023") == "84,50"
    footer = page(repo, "2021/index.html").select_one(".iku-asal").get_text(" ", strip=True)
    assert "Versi terbitan tahun 2021" in footer


def test_each_snapshot_shows_the_document_in_force_in_its_year(published) -> None:
    repo, _ = published
    for year, ident in DOCUMENT.items():
        assert f"Versi {year}" in repo.outputs[year]
        assert f"(dokumen IKU yang berlaku: {ident})" in repo.outputs[year]
        # Beranda names the current document and links to its page.
        current = page(repo, f"{year}/index.html").select_one(".iku-dokumen-kini a[href]")
        assert current is not None
        assert str(current["href"]).rstrip("/").endswith(f"dokumen/{ident}"), current
        # The Dokumen IKU list starts with it, marked as in force now.
        cards = page(repo, f"{year}/dokumen/index.html").select("section.iku-dokumen")
        assert cards[0]["id"] == f"dokumen-{ident}"
        marked = [c["id"] for c in cards if c.select_one(".iku-berlaku-kini")]
        assert marked == [f"dokumen-{ident}"]
        # Both documents are in both snapshots; only the current one differs.
        assert {c["id"] for c in cards} >= {f"dokumen-{d}" for d in DOCUMENT.values()}


def test_a_year_no_document_covers_is_refused(published) -> None:
    repo, _ = published
    before = repo.git("rev-parse", "gh-pages")
    result = repo.publish(2030)
    assert result.returncode == 1
    assert result.stderr == (
        "Penerbitan ditolak: Tahun 2030 tidak dicakup dokumen IKU mana pun (tahun yang "
        "dicakup: 2020–2029); tidak ada yang diterbitkan. Tambahkan dulu dokumennya: "
        "python -m iku_macros dokumen-baru 2030 AKHIR --data data\n"
    )
    assert repo.git("rev-parse", "gh-pages") == before


def test_riwayat_of_2023_shows_the_correction(published) -> None:
    repo, _ = published
    rows = table_rows(page(repo, "2023/riwayat/index.html"), "table.iku-riwayat")
    correction = [
        r
        for r in rows
        if r["Tahun"] == "2022" and r["Kolom"] == "realisasi" and "84,50" in r["Lama → baru"]
    ]
    assert len(correction) == 1, rows
    row = correction[0]
    assert row["Tanggal"] == "20 Januari 2024"
    assert (
        row["Indikator"] == "Persentase Layanan Penyelenggaraan Pemerintahan dan Pelayanan Publik"
    )
    assert row["Lama → baru"] == "86,00 → 84,50"
    # The reason is the commit body (Indonesian, for the public); the subject is not shown.
    assert row["Alasan"] == (
        "Realisasi 2022 dikoreksi sesuai laporan akhir; realisasi 2023 ditambahkan."
    )
    assert re.fullmatch(r"[0-9a-f]{7}", row["Kode perubahan"]), row
    assert "Fix 2022 value" not in page(repo, "2023/riwayat/index.html").get_text(" ")
    # the same change on the indicator's own page
    text = page(repo, f"2023/indikator/{INDICATOR}/index.html").get_text(" ", strip=True)
    assert "86,00 → 84,50" in text
    # the added 2023 values appear as new values
    assert any(r["Tahun"] == "2023" and r["Lama → baru"].startswith("kosong →") for r in rows)


def test_republishing_a_year_is_refused_and_the_branch_is_unchanged(published) -> None:
    repo, _ = published
    before = repo.git("rev-parse", "gh-pages")
    result = repo.publish(FIRST)
    assert result.returncode == 1
    assert "Versi 2021 sudah diterbitkan" in result.stderr
    assert "--paksa" in result.stderr
    assert repo.git("rev-parse", "gh-pages") == before


def _refused(repo: Repo, *expected: str) -> str:
    """Publishing 2024 is refused with each expected line, and gh-pages does not move."""
    before = repo.git("rev-parse", "gh-pages")
    result = repo.publish(2024)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert "belum di-commit" in result.stderr
    assert "gh-pages tidak diubah" in result.stderr
    for line in expected:
        assert line in result.stderr, result.stderr
    assert repo.git("rev-parse", "gh-pages") == before
    return result.stderr


def test_an_untracked_data_file_is_refused(published) -> None:
    repo, _ = published
    extra = repo.path / "data" / "realisasi" / "2024.yaml"
    shutil.copy2(DEMO / "realisasi" / "2024.yaml", extra)
    try:
        message = _refused(repo, "data/realisasi/2024.yaml — belum dilacak git (untracked)")
        assert "git add BERKAS lalu git commit" in message
    finally:
        extra.unlink()


def test_a_modified_data_file_is_refused(published) -> None:
    repo, _ = published
    target = repo.path / "data" / "realisasi" / "2023.yaml"
    original = target.read_bytes()
    target.write_bytes(original + b"# catatan lokal\n")
    try:
        _refused(repo, "data/realisasi/2023.yaml — diubah")
    finally:
        target.write_bytes(original)


def test_a_git_ignored_file_in_the_data_folder_is_refused(published) -> None:
    repo, _ = published
    exclude = repo.path / ".git" / "info" / "exclude"
    original = exclude.read_text(encoding="utf-8") if exclude.exists() else None
    exclude.parent.mkdir(exist_ok=True)
    exclude.write_text("*.yaml.lokal\n", encoding="utf-8")
    hidden = repo.path / "data" / "realisasi" / "2024.yaml.lokal"
    hidden.write_text("tahun: 2024\n", encoding="utf-8")
    try:
        _refused(repo, "data/realisasi/2024.yaml.lokal — diabaikan git (.gitignore)")
    finally:
        hidden.unlink()
        if original is None:
            exclude.unlink()
        else:
            exclude.write_text(original, encoding="utf-8")


def test_untracked_files_where_pages_live_are_refused_elsewhere_ignored(published) -> None:
    from iku_macros.workflow.publish import uncommitted

    repo, _ = published
    page = repo.path / "docs" / "halaman-lokal.md"
    note = repo.path / "catatan-operator.txt"
    page.write_text("# Belum di-commit\n", encoding="utf-8")
    note.write_text("bukan bagian situs\n", encoding="utf-8")
    try:
        assert uncommitted(repo.path, "data") == [("??", "docs/halaman-lokal.md")]
        _refused(repo, "docs/halaman-lokal.md — belum dilacak git (untracked)")
    finally:
        page.unlink()
        note.unlink()
    assert uncommitted(repo.path, "data") == []


def test_uncommitted_changes_are_refused(published) -> None:
    repo, _ = published
    before = repo.git("rev-parse", "gh-pages")
    target = repo.path / "data" / "realisasi" / "2023.yaml"
    original = target.read_text(encoding="utf-8")
    target.write_text(original + "\n", encoding="utf-8")
    try:
        result = repo.publish(2024)
        assert result.returncode == 1 and "belum di-commit" in result.stderr
    finally:
        target.write_text(original, encoding="utf-8")
    assert repo.git("rev-parse", "gh-pages") == before


def test_browser_switches_versions_and_shows_outdated_banner(published, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    repo, port = published
    served = tmp_path / "gh-pages"
    served.mkdir()
    archive = subprocess.run(
        ["git", "archive", "gh-pages"], cwd=repo.path, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(served)], input=archive, check=True)
    assert [p for p in served.rglob("*") if p.is_symlink()] == []
    # The server really refuses symlinks: one planted here is not followed.
    (served / "lewat-symlink").symlink_to("2023", target_is_directory=True)
    handler = partial(NoSymlinkHandler, directory=str(served))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}/"
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}lewat-symlink/index.html")
        assert refused.value.code == 404
        with urllib.request.urlopen(f"{base}terbaru/unduh/iku.json") as response:
            assert response.read().decode("utf-8") == repo.show("2023/unduh/iku.json")
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            )
            pg = browser.new_page()
            pg.goto(base)
            pg.wait_for_url(f"{base}terbaru/")
            selector = pg.locator(".md-version")
            selector.wait_for()
            titles = pg.locator(".md-version__link").all_text_contents()
            assert any(t.strip().startswith("2023") for t in titles), titles
            assert any(t.strip().startswith("2021") for t in titles), titles
            assert not pg.locator("[data-md-component=outdated]").is_visible()

            pg.goto(f"{base}2023/indikator/{INDICATOR}/")
            # The list opens on hover; click the entry directly as a keyboard/touch user would.
            pg.locator(".md-version__current").focus()
            pg.locator(".md-version__link", has_text="2021").click(force=True)
            pg.wait_for_url(f"{base}2021/indikator/{INDICATOR}/")
            banner = pg.locator("[data-md-component=outdated]")
            banner.wait_for(state="visible")
            assert "versi terbitan tahun lama" in banner.inner_text()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def _alias_as_symlink(repo: Repo, alias: str, version: str) -> None:
    """Rewrite ``alias`` on gh-pages as a symlink to ``version``: what mike's default alias
    type left on branches published before aliases were copies."""
    index = repo.path / ".git" / "uji-index"
    env = {**repo.env, "GIT_INDEX_FILE": str(index)}

    def run(*args: str, stdin: str | None = None) -> str:
        return subprocess.run(
            ["git", *args], cwd=repo.path, env=env, input=stdin,
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip

    run("read-tree", "gh-pages")
    run("rm", "-r", "-q", "--cached", alias)
    blob = run("hash-object", "-w", "--stdin", stdin=version)
    run("update-index", "--add", "--cacheinfo", f"120000,{blob},{alias}")
    commit = run("commit-tree", run("write-tree"), "-p", "gh-pages", "-m", "alias lama")
    run("update-ref", "refs/heads/gh-pages", commit)
    index.unlink()


def test_forced_republication_is_recorded(published, tmp_path: Path) -> None:
    """Also: a branch carrying a symlink alias from an older publication is left with a copy."""
    original, _ = published
    repo = Repo(tmp_path / "iku", original.env["IKU_SITE_URL"])
    shutil.copytree(original.path, repo.path, symlinks=True)
    _alias_as_symlink(repo, "terbaru", "2023")
    assert tree_symlinks(repo) == ["terbaru"]
    result = repo.publish(FIRST, "--paksa")
    assert result.returncode == 0, result.stderr
    assert "revisi tercatat" in result.stdout
    versions = {v["version"]: v for v in json.loads(repo.show("versions.json"))}
    assert versions["2021"]["properties"] == {"direvisi": "2024-01-20"}
    assert versions["2023"]["aliases"] == ["terbaru"]  # an older year never takes the alias
    footer = page(repo, "2021/index.html").select_one(".iku-asal").get_text(" ", strip=True)
    assert "direvisi pada 2024-01-20" in footer
    subjects = repo.git("log", "--format=%s", "gh-pages").splitlines()
    assert any(s.startswith("Terbitkan ulang (revisi) IKU tahun 2021") for s in subjects)
    assert tree_symlinks(repo) == []
    assert repo.git("rev-parse", "gh-pages:terbaru") == repo.git("rev-parse", "gh-pages:2023")
