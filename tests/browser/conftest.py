"""Browser fixtures: serve a built site on loopback and open its pages in headless Chromium.

Each xdist worker builds each site once (``demo_site`` / ``kosong_site`` from ``tests/conftest.py``:
the demo, and a unit before its first report, not marked as demo data, without chapters in any
of its documents),
serves it from a ``ThreadingHTTPServer`` on 127.0.0.1 with an ephemeral port, and starts one
Chromium for the whole session. Every test gets fresh browser contexts. Chromium is Debian's
``/usr/bin/chromium`` (``make browser``); Playwright's own browser download is not used.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from iku_macros.data.loading import load_dataset

from ..conftest import DEMO

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces: a request to any other host is still recorded by the tests (and fails
    # them), but it never leaves the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
LOOPBACK = "127.0.0.1"
TIMEOUT_MS = 15_000

# One representative page of each kind. ``ikm_tahun`` exists only when the dataset has surveys,
# ``dokumen_bab_4`` and ``dokumen_cetak`` (the chapters joined for print) only when the current
# document has chapters. The ``dokumen_*`` pages other than the list are those of the current
# document (the one in force in the last year).
KINDS = [
    "beranda",
    "dokumen_daftar",
    "dokumen_halaman",
    "dokumen_bab_4",
    "dokumen_cetak",
    "dokumen_perbandingan",
    "indikator_index",
    "indikator_iku",
    "indikator_program",
    "capaian_index",
    "capaian_tahun",
    "ikm_index",
    "ikm_tahun",
    "profil",
    "landasan_hukum",
    "metodologi",
    "unduh",
]
DEMO_KINDS = KINDS
# No survey and no chapter: each document's page is the engine's own (every table of the data).
KOSONG_KINDS = [k for k in KINDS if k not in ("ikm_tahun", "dokumen_bab_4", "dokumen_cetak")]
PAGE_CASES = [pytest.param("demo", kind, id=f"demo-{kind}") for kind in DEMO_KINDS] + [
    pytest.param("kosong", kind, id=f"kosong-{kind}") for kind in KOSONG_KINDS
]

DOCUMENT_PAGES = {
    "dokumen_halaman": "",
    "dokumen_bab_4": "bab-4/",
    "dokumen_cetak": "cetak/",
    "dokumen_perbandingan": "perbandingan/",
}
"""Pages under ``dokumen/<id>/`` of the current document, by kind."""
FIXED_PATHS = {
    "beranda": "",
    "dokumen_daftar": "dokumen/",
    "indikator_index": "indikator/",
    "capaian_index": "capaian/",
    "ikm_index": "ikm/",
    "profil": "profil/",
    "landasan_hukum": "landasan-hukum/",
    "metodologi": "metodologi/",
    "unduh": "unduh/",
}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (ephemeral port); yield the base URL ending in ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer((LOOPBACK, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"http-{directory}", daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass(frozen=True)
class Site:
    """A built site, its dataset and the URL it is served at."""

    name: str
    data: Path
    root: Path
    url: str

    def path_for(self, kind: str) -> str:
        """The site-relative path of the representative page of ``kind``."""
        if kind in FIXED_PATHS:
            return FIXED_PATHS[kind]
        if kind in DOCUMENT_PAGES:
            return f"dokumen/{self.dokumen_kini}/{DOCUMENT_PAGES[kind]}"
        if kind in ("indikator_iku", "indikator_program"):
            jenis = kind.removeprefix("indikator_")
            return f"indikator/{self._first_indicator(jenis)}/"
        if kind == "capaian_tahun":
            years = sorted(
                p.name
                for p in (self.root / "capaian").glob("*")
                if p.name.isdigit() and (p / "index.html").is_file()
            )
            if not years:
                pytest.fail(f"{self.name}: the build has no capaian/<tahun>/index.html page")
            return f"capaian/{years[-1]}/"
        if kind == "ikm_tahun":
            # From the build: survey files may be named <tahun>.yaml or <tahun>-<nama>.yaml.
            years = sorted(
                p.name
                for p in (self.root / "ikm").glob("*")
                if p.name.isdigit() and (p / "index.html").is_file()
            )
            if not years:
                pytest.fail(f"{self.name}: the build has no ikm/<tahun>/index.html page")
            return f"ikm/{years[-1]}/"
        raise ValueError(f"unknown page kind {kind!r}")

    @cached_property
    def dokumen_kini(self) -> str:
        """Id of the current document: in force in the last year the documents cover."""
        return load_dataset(self.data).dokumen_kini.id

    def _first_indicator(self, jenis: str) -> str:
        folder = self.data / "dokumen" / self.dokumen_kini / "indikator"
        for path in sorted(folder.glob("*.yaml")):
            document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if document.get("jenis") == jenis:
                return path.stem
        pytest.fail(f"{self.name}: no indicator with jenis: {jenis} in {folder}")

    def url_for(self, kind: str) -> str:
        return self.url + self.path_for(kind)


@pytest.fixture(scope="session")
def demo(demo_site: Path) -> Iterator[Site]:
    """The data_contoh site, served on loopback for this worker's session."""
    with serve_directory(demo_site) as url:
        yield Site("demo", DEMO, demo_site, url)


@pytest.fixture(scope="session")
def kosong(kosong_site: Path, kosong_data: Path) -> Iterator[Site]:
    """The site of a unit before its first report (not demo data), served on loopback."""
    with serve_directory(kosong_site) as url:
        yield Site("kosong", kosong_data, kosong_site, url)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium per worker session."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install it with `make browser` (apt-get chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@dataclass
class Visit:
    """An opened page and everything it did while loading."""

    page: Any
    url: str
    status: int | None = None
    requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests to anything but the loopback server (data: and blob: URLs are local)."""
        foreign = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob"):
                continue
            if parts.scheme in ("http", "https") and parts.hostname == LOOPBACK:
                continue
            foreign.append(url)
        return foreign

    def problems(self) -> list[str]:
        """Everything that makes a page load unhealthy, one line each."""
        lines = []
        if self.status != 200:
            lines.append(f"HTTP status {self.status} (expected 200)")
        lines += [f"request to another host: {url}" for url in self.foreign_requests()]
        lines += [f"console error: {text}" for text in self.console_errors]
        lines += [f"uncaught page error: {text}" for text in self.page_errors]
        lines += [f"failed response: {text}" for text in self.bad_responses]
        lines += [f"dialog opened: {text}" for text in self.dialogs]
        return lines


@pytest.fixture
def open_page(chromium: Any) -> Iterator[Callable[..., Visit]]:
    """Open a URL in a fresh browser context, recording requests, errors and dialogs."""
    contexts: list[Any] = []

    def _open(url: str, *, settle: bool = True, **context_options: Any) -> Visit:
        context = chromium.new_context(**context_options)
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        visit = Visit(page, url)

        def on_response(response: Any) -> None:
            if response.status >= 400:
                visit.bad_responses.append(f"{response.status} {response.url}")

        def on_console(message: Any) -> None:
            if message.type == "error":
                location = message.location or {}
                where = location.get("url", "")
                visit.console_errors.append(f"{message.text} ({where})" if where else message.text)

        def on_dialog(dialog: Any) -> None:
            visit.dialogs.append(f"{dialog.type}: {dialog.message!r}")
            dialog.dismiss()

        page.on("request", lambda request: visit.requests.append(request.url))
        page.on("response", on_response)
        page.on("console", on_console)
        page.on("pageerror", lambda error: visit.page_errors.append(str(error)))
        page.on("dialog", on_dialog)

        response = page.goto(url, wait_until="load")
        visit.status = response.status if response is not None else None
        if settle:
            # Material loads its search worker and index after `load`; let that finish too.
            page.wait_for_load_state("networkidle")
        return visit

    yield _open
    for context in contexts:
        context.close()


def report(title: str, lines: list[str]) -> str:
    """A failure message: a heading and one indented line per problem."""
    return title + "\n" + "\n".join(f"  - {line}" for line in lines)
