"""Hostile narrative chapters (``dokumen/<id>/narasi/*.md``): template injection, scripts and
dangerous links, page settings smuggled in front matter, and the files a tired operator gets
wrong (encoding, chapter names, a table macro inside a sentence). Each must be refused by
``check`` and by the build, at ``dokumen/<id>/narasi/<file>:line:col`` where the problem has a
position; nothing is evaluated.

Most payloads are appended to BAB IV of the demo's current document after a blank line, so their
line is known exactly: :func:`_at` gives the expected location.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..conftest import DEMO
from .harness import KINI, KINI_RE, SECRET, Case, write

BAB = f"{KINI}/narasi/bab-4.md"
_BAB_LINES = (DEMO / BAB).read_text(encoding="utf-8").count("\n")
"""The chapter ends with a newline; an appended payload starts two lines further."""


def _append(payload: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        path = data / BAB
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n") and text.count("\n") == _BAB_LINES, "fixture changed"
        path.write_text(f"{text}\n{payload}\n", encoding="utf-8")

    return mutate


def _at(column: int, line: int = 0) -> str:
    """Location of an appended payload's ``line`` (0 = first) at ``column``."""
    return rf"{KINI_RE}/narasi/bab-4\.md:{_BAB_LINES + 2 + line}:{column}"


def _prepend(text: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        path = data / BAB
        path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")

    return mutate


def _latin1_chapter(data: Path) -> None:
    # An editor saved the chapter as Windows-1252: "é" is the single byte 0xE9 on line 3.
    (data / KINI / "narasi" / "bab-2.md").write_bytes(
        "# BAB II\n\nKecamatan menyusun kebijakan daerah.\nCaf\u00e9 desa.\n".encode("cp1252")
    )


def _unknown_chapter(data: Path) -> None:
    write(data / KINI / "narasi" / "bab-6.md", "# BAB VI LAMPIRAN\n\nLampiran tambahan.\n")


def _symlinked_chapter(data: Path) -> None:
    secret = data.parent / "rahasia.md"
    secret.write_text(f"# {SECRET}\n", encoding="utf-8")
    chapter = data / KINI / "narasi" / "kata-pengantar.md"
    chapter.unlink()
    chapter.symlink_to(secret)


def _huge_chapter(data: Path) -> None:
    # Markdown's work grows with the text; a chapter far larger than any real one is refused.
    paragraph = "Kalimat panjang yang terus diulang tanpa henti. " * 20 + "\n\n"
    write(data / KINI / "narasi" / "bab-3.md", "# BAB III\n\n" + paragraph * 400)


TEMPLATE = "ekspresi templat tidak diizinkan"

CASES: list[Case] = [
    # --- template injection: nothing but a documented macro call with literals -----------------
    Case(
        "narasi-ssti-globals",
        _append('{{ self.__init__.__globals__.__builtins__.__import__("os").system("id") }}'),
        TEMPLATE,
        _at(1),
    ),
    Case("narasi-variabel-config", _append("Konfigurasi: {{ config }}"), TEMPLATE, _at(14)),
    Case(
        "narasi-blok-jinja",
        _append("{% for x in range(99999999) %}x{% endfor %}"),
        r"perintah templat `\{% \.\.\. %\}`",
        _at(1),
    ),
    Case("narasi-komentar-jinja", _append("{# catatan #}"), "komentar templat", _at(1)),
    Case(
        "narasi-makro-halaman-lain",
        _append('{{ indikator_ringkas("ikm") }}'),
        "makro `indikator_ringkas` tidak tersedia di bab naratif",
        _at(1),
    ),
    Case(
        "narasi-argumen-bukan-nilai-tetap",
        _append("{{ tupoksi(tingkat=config.extra) }}"),
        "bukan nilai tetap",
        _at(1),
    ),
    Case(
        "narasi-kurung-tak-tertutup",
        _append("{{ tabel_iku()\n}}"),
        r"`\{\{` tanpa penutup `\}\}`",
        _at(1),
    ),
    Case(
        "narasi-front-matter-render-macros",
        _prepend("---\nrender_macros: true\ntitle: Judul lain\n---\n\n{{ config }}\n\n"),
        "front matter YAML",
        rf"{KINI_RE}/narasi/bab-4\.md:1:1",
    ),
    # --- scripts, event handlers and dangerous links (Markdown and raw HTML) -------------------
    Case(
        "narasi-script",
        _append("<script>alert(document.cookie)</script>"),
        r"tag HTML `<script>` \(menjalankan skrip\)",
        _at(1),
    ),
    Case(
        "narasi-atribut-peristiwa",
        _append('<img src="peta.png" onerror="alert(1)">'),
        "atribut peristiwa `onerror`",
        _at(21),
    ),
    Case(
        "narasi-atribut-peristiwa-attr-list",
        _append('## Penutup Tambahan {: onmouseover="alert(1)" }'),
        "atribut peristiwa `onmouseover`",
        _at(24),
    ),
    Case(
        "narasi-id-kutip-daftar-isi",
        _append('## Penutup Tambahan {: #x"y }'),
        "nilai `id` hanya boleh",
        _at(25),
    ),
    Case(
        "narasi-tautan-javascript-html",
        _append('<a href="javascript:alert(1)">unduh</a>'),
        "berskema `javascript:`",
        _at(10),
    ),
    Case(
        "narasi-tautan-javascript-markdown",
        _append("[unduh dokumen](javascript:alert(1))"),
        "berskema `javascript:`",
        _at(17),
    ),
    Case(
        "narasi-tautan-entitas-tersamar",
        _append('<a href="&#x6A;ava&#x73;cript:alert(1)">unduh</a>'),
        "berskema `javascript:`",
        _at(4),
    ),
    Case(
        "narasi-tautan-data-url",
        _append("[lampiran](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
        "berskema `data:`",
        _at(12),
    ),
    Case(
        "narasi-gambar-pelacak",
        _append("![logo](https://pelacak.example.org/p.gif)"),
        "gambar dari server lain",
        _at(9),
    ),
    Case(
        "narasi-iframe",
        _append('<iframe src="https://example.org/"></iframe>'),
        r"tag HTML `<iframe>`",
        _at(1),
    ),
    Case(
        "narasi-style-menutupi-halaman",
        _append('<div style="position:fixed;inset:0;background:#fff">Situs pindah</div>'),
        "atribut `style`",
        _at(6),
    ),
    Case(
        "narasi-karakter-kendali",
        _append("Teks \x02wzxhzdk:0\x03 palsu."),
        r"U\+0002",
        _at(6),
    ),
    # --- a tired operator ------------------------------------------------------------------------
    Case(
        "narasi-tabel-dalam-kalimat",
        _append("Lihat {{ tabel_iku() }} berikut."),
        "harus berdiri sendiri",
        _at(7),
    ),
    Case(
        "narasi-makro-dalam-atribut",
        _append('<a href="{{ jumlah_desa() }}">desa</a>'),
        "tidak menampilkan hasilnya",
        _at(10),
    ),
    Case("narasi-latin1", _latin1_chapter, "bukan teks UTF-8", rf"{KINI_RE}/narasi/bab-2\.md:4:4"),
    Case(
        "narasi-nama-bab-tak-dikenal",
        _unknown_chapter,
        r"bab naratif `bab-6\.md` tidak dikenal",
        rf"{KINI_RE}/narasi/bab-6\.md",
    ),
    Case(
        "narasi-tautan-simbolik",
        _symlinked_chapter,
        "tautan simbolik",
        rf"{KINI_RE}/narasi/kata-pengantar\.md",
    ),
    Case("narasi-terlalu-besar", _huge_chapter, "terlalu besar", rf"{KINI_RE}/narasi/bab-3\.md"),
    # --- work that grows faster than the text (Python-Markdown is quadratic on these) ----------
    Case(
        "narasi-kurung-siku-bertumpuk",
        _append("[" * 5000),
        r"terlalu banyak `\[` dalam satu paragraf \(5000; paling banyak 50\)",
        _at(51),
    ),
    Case(
        "narasi-html-bersarang-dalam",
        _append("<div markdown>\n\n" * 60),
        "terlalu banyak elemen HTML dengan atribut `markdown`",
        _at(1, line=20),
    ),
]
