"""The yardstick: a bare MkDocs + Material project with the same pages as this project's build.

Same page paths (so the same URLs), the same nav (:func:`iku_macros.web.plan.navigation`, so
above ``NAV_INDICATOR_LIMIT`` indicators the program indicators leave the nav there too), the
same theme features, language and Markdown extensions as ``mkdocs.yml``, and the search plugin;
no macros plugin, no hooks, no ``custom_dir``. Each page is plain Markdown with the page's
title and tables of the same numbers (targets, realisasi, capaian, the history of values), so
what is compared is the cost of the engine, not the amount of text.

The pages are written once, before any timing, from the data as this project reads them.
"""

from __future__ import annotations

import ast
import inspect
import json
import posixpath
import re
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from iku_macros.compute.numbers import (
    format_nilai,
    format_persen,
    format_tanggal,
    format_tertulis,
)
from iku_macros.data import narasi
from iku_macros.data.gitdata import Perubahan, Riwayat, read_riwayat
from iku_macros.report import HasilIndikator, Laporan
from iku_macros.web.build_data import load_laporan
from iku_macros.web.plan import (
    CHAPTER_ORDER,
    RIWAYAT_PER_HALAMAN,
    default_index,
    document_page,
    generated_pages,
    iki_program_pages,
    iki_terpisah,
    indicator_path,
    navigation,
    predecessor,
)

MACRO = re.compile(r"\{\{\s*([a-z_]+)\s*\((.*?)\)\s*\}\}", re.DOTALL)
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
DATA_PAGES = re.compile(
    r"(indikator|capaian|ikm)/[^/]+\.md|dokumen/[^/]+/perbandingan\.md|riwayat\.md|unduh/index\.md"
)
"""The pages whose table of contents this project hides (``hooks/iku.py``: ``DATA_PAGES``)."""


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _link(source: str, target: str, text: str) -> str:
    """A Markdown link from page ``source`` to page ``target`` (docs-relative paths)."""
    relative = posixpath.relpath(target, posixpath.dirname(source) or ".")
    return f"[{_cell(text)}]({relative})"


class Pages:
    """Plain Markdown for the macro calls of this project's pages, from one report and the
    history of values: every page of the plan (hand-written, generated, chapters) goes through
    :meth:`expand`, so a new page or macro of the plan shows up here as well. Charts print
    nothing (bare Material has none); an unknown macro prints nothing and is listed in
    :attr:`unknown`."""

    def __init__(self, laporan: Laporan, riwayat: Riwayat) -> None:
        self.laporan = laporan
        self.riwayat = riwayat
        self.years = laporan.tahun_laporan
        self.unknown: set[str] = set()
        self.handlers: dict[str, Callable[..., str]] = {
            "tabel_iku": lambda p: self.targets(p, self.laporan.iku(), program=False),
            "tabel_identitas_iku": lambda p: self.targets(p, self.laporan.iku(), program=False),
            "tabel_target_iku": lambda p: self.targets(p, self.laporan.iku(), program=False),
            "tabel_iki": lambda p: self.iki(p),
            "tabel_iki_program": lambda p, program: self.iki(p, program),
            "daftar_indikator": self.daftar_indikator,
            "daftar_capaian": self.daftar_capaian,
            "daftar_ikm": self.daftar_ikm,
            "daftar_dokumen": self.daftar_dokumen,
            "riwayat_data": self.riwayat_data,
            "indikator_riwayat": lambda p, ident: self.changes(p, self.riwayat.untuk(ident), False),
            "beranda": self.beranda,
            "judul_dokumen": self.judul_dokumen,
            "tanda_tangan": self.tanda_tangan,
            "unduh_berkas": lambda p: "- iku.json\n- iku.csv\n- iku.xlsx\n",
            "indikator_ringkas": self.indikator_ringkas,
            "indikator_definisi": self.indikator_definisi,
            "indikator_tabel_tahunan": self.indikator_tabel_tahunan,
            "indikator_masukan": lambda p, ident: self.links(
                p, list(self.laporan.indikator[ident].masukan)
            ),
            "indikator_dipakai_oleh": lambda p, ident: self.links(
                p,
                [o.indikator.id for o in self.laporan.indikator.values() if ident in o.masukan],
            ),
            "capaian_pengantar": lambda p, tahun: f"Pengukuran kinerja tahun {tahun}.\n",
            "capaian_ringkasan": self.capaian_ringkasan,
            "capaian_tabel": self.capaian_tabel,
            "capaian_perbandingan": self.capaian_perbandingan,
            "capaian_program_ringkas": self.capaian_program_ringkas,
            "program_pengantar": self.program_pengantar,
            "ikm_ringkasan": self.ikm_ringkasan,
            "ikm_tabel_unsur": self.ikm_tabel_unsur,
            "ikm_survei": lambda p, tahun, ident: (
                self.ikm_ringkasan(p, tahun, ident) + "\n" + self.ikm_tabel_unsur(p, tahun, ident)
            ),
            "ikm_daftar_survei": lambda p, tahun: "",
        }

    def expand(self, page: str, markdown: str) -> str:
        return MACRO.sub(lambda m: self.macro(page, m.group(1), m.group(2)), markdown)

    def macro(self, page: str, name: str, args: str) -> str:
        if name.startswith("grafik_"):
            return ""
        handler = self.handlers.get(name)
        if handler is None:
            self.unknown.add(name)
            return ""
        call = ast.parse(f"f({args})", mode="eval").body
        assert isinstance(call, ast.Call)
        values = [ast.literal_eval(arg) for arg in call.args]
        # Keyword options of the real macros (a table's heading, ...) change no number.
        accepted = inspect.signature(handler).parameters
        named = {
            k.arg: ast.literal_eval(k.value)
            for k in call.keywords
            if k.arg is not None and k.arg in accepted
        }
        return handler(page, *values, **named)

    # --- pieces ---------------------------------------------------------------------------

    def _name(self, ident: str) -> str:
        hasil = self.laporan.indikator.get(ident)
        return hasil.indikator.nama if hasil else ident

    def _indicator_link(self, page: str, ident: str) -> str:
        return _link(page, indicator_path(ident), self._name(ident))

    def links(self, page: str, idents: list[str]) -> str:
        return "\n".join(f"- {self._indicator_link(page, i)}" for i in idents) + "\n"

    def iki(self, page: str, program: str | None = None) -> str:
        """BAB IV's table as the project shows it: whole, or per program above the limit."""
        results = self.laporan.program()
        if program is not None:
            chosen = [h for h in results if h.indikator.induk == program]
            return self.targets(page, chosen, program=True)
        if iki_terpisah(self.laporan.dataset.dokumen_kini):
            return self.program_counts(results)
        return self.targets(page, results, program=True)

    def daftar_indikator(self, page: str) -> str:
        if not iki_terpisah(self.laporan.dataset.dokumen_kini):
            return self.targets(page, list(self.laporan.indikator.values()), program=False)
        return (
            self.targets(page, self.laporan.iku(), program=False)
            + "\n"
            + (self.program_counts(self.laporan.program()))
        )

    def program_counts(self, results: list[HasilIndikator]) -> str:
        names = {p.id: p.nama for p in self.laporan.dataset.kerangka.program}
        counts: dict[str, int] = {}
        for hasil in results:
            induk = hasil.indikator.induk or ""
            counts[induk] = counts.get(induk, 0) + 1
        rows = [[n, names.get(k, k), c] for n, (k, c) in enumerate(counts.items(), 1)]
        return _table(["No", "Program", "Indikator"], rows)

    def targets(self, page: str, results: list[HasilIndikator], program: bool) -> str:
        programs = {p.id: p.nama for p in self.laporan.dataset.kerangka.program}
        header = ["No", *(["Program"] if program else []), "Indikator", "Satuan"]
        header += [str(y) for y in self.years]
        rows = []
        for number, hasil in enumerate(results, 1):
            item = hasil.indikator
            row: list[object] = [number]
            if program:
                row.append(programs.get(item.induk, item.induk))
            row += [self._indicator_link(page, item.id), item.satuan.value]
            row += [format_tertulis(item.target.get(y)) for y in self.years]
            rows.append(row)
        return _table(header, rows)

    def year_rows(self, page: str, tahun: int, results: list[HasilIndikator]) -> str:
        rows = []
        for number, hasil in enumerate(results, 1):
            nilai = hasil.tahun.get(tahun)
            if nilai is None:
                continue
            rows.append(
                [
                    number,
                    self._indicator_link(page, hasil.indikator.id),
                    format_tertulis(nilai.target),
                    format_nilai(nilai.realisasi, hasil.indikator.satuan.value),
                    format_persen(nilai.capaian.nilai),
                    nilai.predikat.label if nilai.predikat else "–",
                ]
            )
        header = ["No", "Indikator", "Target", "Realisasi", "Capaian", "Predikat"]
        return _table(header, rows)

    def changes(self, page: str, found: Sequence[Perubahan], named: bool) -> str:
        if not found:
            return "Belum ada perubahan target atau realisasi yang tercatat.\n"
        rows = []
        for p in found:
            row: list[object] = [format_tanggal(p.tanggal.date())]
            if named:
                row.append(self._indicator_link(page, p.indikator))
            lama = "kosong" if p.lama is None else format_tertulis(p.lama)
            baru = "kosong" if p.baru is None else format_tertulis(p.baru)
            row += [p.tahun, p.kolom, p.dokumen or "–", f"{lama} → {baru}"]
            row += [p.alasan or "tanpa keterangan", f"`{p.pendek}`"]
            rows.append(row)
        header = ["Tanggal", *(["Indikator"] if named else [])]
        header += ["Tahun", "Kolom", "Dokumen", "Lama → baru", "Alasan", "Kode perubahan"]
        return _table(header, rows)

    # --- macros -------------------------------------------------------------------------

    def daftar_capaian(self, page: str) -> str:
        return "\n".join(f"- {_link(page, f'capaian/{y}.md', f'Capaian {y}')}" for y in self.years)

    def daftar_ikm(self, page: str) -> str:
        years = self.laporan.dataset.tahun_ikm()
        return "\n".join(f"- {_link(page, f'ikm/{y}.md', f'IKM {y}')}" for y in years)

    def daftar_dokumen(self, page: str) -> str:
        return "\n".join(
            f"- {_link(page, document_page(d.id, 'index'), d.label)}"
            for d in self.laporan.dataset.dokumen.values()
        )

    def riwayat_data(self, page: str, halaman: int = 1) -> str:
        semua = self.riwayat.perubahan
        size = RIWAYAT_PER_HALAMAN
        shown = semua[(halaman - 1) * size : halaman * size]
        pages = max(1, -(-len(semua) // size))
        pager = " · ".join(
            _link(page, "riwayat.md" if k == 1 else f"riwayat/{k}.md", str(k))
            for k in range(1, pages + 1)
        )
        return self.changes(page, shown, True) + f"\nHalaman: {pager}\n"

    def beranda(self, page: str) -> str:
        rows = [
            [y, r.jumlah_indikator, r.jumlah_terukur, format_persen(r.rata_rata_capaian)]
            for y, r in sorted(self.laporan.ringkasan.items())
        ]
        nama = self.laporan.dataset.profil.instansi.nama
        return f"# {nama}\n\n" + _table(["Tahun", "IKU", "Terukur", "Rata-rata capaian"], rows)

    def judul_dokumen(self, page: str) -> str:
        meta = self.laporan.dataset.dokumen_kini.meta
        return f"**{meta.judul}** {meta.periode.awal}–{meta.periode.akhir}\n"

    def tanda_tangan(self, page: str) -> str:
        pejabat = self.laporan.dataset.dokumen_kini.meta.penandatangan
        return f"{pejabat.jabatan}\n\n**{pejabat.nama}**\n"

    def indikator_ringkas(self, page: str, ident: str) -> str:
        hasil = self.laporan.indikator[ident]
        reported = [n for n in hasil.tahun.values() if n.realisasi is not None]
        if not reported:
            return "Belum ada realisasi yang dilaporkan.\n"
        last = max(reported, key=lambda n: n.tahun)
        satuan = hasil.indikator.satuan.value
        return (
            f"Tahun {last.tahun}: realisasi {format_nilai(last.realisasi, satuan)} dari target "
            f"{format_tertulis(last.target)}, capaian {format_persen(last.capaian.nilai)}.\n"
        )

    def indikator_definisi(self, page: str, ident: str) -> str:
        item = self.laporan.indikator[ident].indikator
        row: list[object] = [item.jenis.value, item.satuan.value, item.polaritas.value]
        row += [item.rumus_publikasi, "; ".join(item.sumber_data)]
        row.append("; ".join(item.penanggung_jawab))
        header = ["Jenis", "Satuan", "Polaritas", "Rumus", "Sumber data", "Penanggung jawab"]
        return item.definisi_operasional + "\n\n" + _table(header, [row])

    def indikator_tabel_tahunan(self, page: str, ident: str) -> str:
        hasil = self.laporan.indikator[ident]
        satuan = hasil.indikator.satuan.value
        rows = [
            [
                tahun,
                format_tertulis(nilai.target),
                format_nilai(nilai.realisasi, satuan),
                format_persen(nilai.capaian.nilai),
                nilai.predikat.label if nilai.predikat else "–",
            ]
            for tahun, nilai in sorted(hasil.tahun.items())
        ]
        return _table(["Tahun", "Target", "Realisasi", "Capaian", "Predikat"], rows)

    def capaian_ringkasan(self, page: str, tahun: int) -> str:
        r = self.laporan.ringkasan.get(tahun)
        if r is None:
            return ""
        row = [r.jumlah_indikator, r.jumlah_terukur, format_persen(r.rata_rata_capaian)]
        return _table(["Indikator", "Terukur", "Rata-rata capaian"], [row])

    def capaian_tabel(self, page: str, tahun: int, jenis: str, program: str | None = None) -> str:
        results = self.laporan.iku() if jenis == "iku" else self.laporan.program()
        if program is not None:
            results = [h for h in results if h.indikator.induk == program]
        return self.year_rows(page, tahun, results)

    def capaian_perbandingan(self, page: str, tahun: int) -> str:
        rows = []
        for hasil in self.laporan.iku():
            satuan = hasil.indikator.satuan.value
            before, now = hasil.tahun.get(tahun - 1), hasil.tahun.get(tahun)
            rows.append(
                [
                    self._indicator_link(page, hasil.indikator.id),
                    format_nilai(before.realisasi if before else None, satuan),
                    format_nilai(now.realisasi if now else None, satuan),
                    format_tertulis(hasil.target_akhir),
                ]
            )
        header = ["Indikator", f"Realisasi {tahun - 1}", f"Realisasi {tahun}", "Target akhir"]
        return _table(header, rows)

    def capaian_program_ringkas(self, page: str, tahun: int) -> str:
        rows = []
        for program in self.laporan.dataset.kerangka.program:
            mine = [h for h in self.laporan.program() if h.indikator.induk == program.id]
            values = [
                v for h in mine if (n := h.tahun.get(tahun)) and (v := n.capaian.nilai) is not None
            ]
            mean = sum(values) / len(values) if values else None
            rows.append(
                [
                    _link(page, f"program/{program.id}.md", program.nama),
                    len(mine),
                    len(values),
                    format_persen(mean),
                ]
            )
        return _table(["Program", "Indikator", "Terukur", "Rata-rata capaian"], rows)

    def program_pengantar(self, page: str, ident: str) -> str:
        program = next(p for p in self.laporan.dataset.kerangka.program if p.id == ident)
        return f"Indikator {program.nama}, per tahun, terbaru di atas.\n"

    def ikm_ringkasan(self, page: str, tahun: int, ident: str) -> str:
        hasil = self.laporan.ikm[(tahun, ident)]
        return (
            f"IKM {self._name(ident)} {tahun}: **{hasil.ikm_dibulatkan}** ({hasil.mutu}), "
            f"{hasil.jumlah_responden} responden.\n"
        )

    def ikm_tabel_unsur(self, page: str, tahun: int, ident: str) -> str:
        hasil = self.laporan.ikm[(tahun, ident)]
        rows = [
            [u.kode, u.nama, u.jumlah_nilai, u.jumlah_responden, format_tertulis(u.nrr)]
            for u in hasil.unsur
        ]
        return _table(["Unsur", "Nama", "Jumlah nilai", "Responden", "NRR"], rows)


def _title_of(markdown: str, path: str) -> tuple[str, str]:
    """(title, body) of a hand-written page: front matter ``title``, else its first heading."""
    body, title = markdown, None
    found = FRONT_MATTER.match(markdown)
    if found:
        meta = yaml.safe_load(found.group(1)) or {}
        title = meta.get("title") if isinstance(meta, dict) else None
        body = markdown[found.end() :]
    if title is None:
        heading = re.search(r"^# (.+)$", body, re.MULTILINE)
        title = heading.group(1).strip() if heading else path
    return str(title), body


CONTOH = (
    "**Data contoh.** Situs ini dibangun dari data fiktif untuk demonstrasi dan pengujian; "
    "angka-angkanya bukan data resmi.\n\n"
)
"""The demo-data notice this project's pages carry (``overrides/main.html``), as text."""


def _front(title: str | None, path: str) -> str:
    """Front matter (title, hidden table of contents) and the demo-data notice."""
    meta: dict[str, Any] = {}
    if title is not None:
        meta["title"] = title
    if DATA_PAGES.fullmatch(path):
        meta["hide"] = ["toc"]
    if not meta:
        return CONTOH
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return "---\n" + dumped + "---\n\n" + CONTOH


def page_plan(project: Path, data_dir: Path) -> tuple[dict[str, str], set[str]]:
    """Docs path → Markdown of every page this project's build makes from ``data_dir``, and
    the macros met that have no plain counterpart here (they print nothing)."""
    laporan = load_laporan(data_dir)
    pages = Pages(laporan, read_riwayat(data_dir))
    out: dict[str, str] = {}
    docs = project / "docs"
    for source in sorted(docs.rglob("*.md")):
        path = source.relative_to(docs).as_posix()
        if path.startswith("dokumen/"):
            continue  # made from the data, never from docs/ (hooks/iku.py refuses them)
        title, body = _title_of(source.read_text(encoding="utf-8"), path)
        out[path] = _front(title, path) + pages.expand(path, body)
    for page in generated_pages(laporan, len(pages.riwayat.perubahan)):
        out[page.path] = _front(page.title, page.path) + pages.expand(page.path, page.body)
    for document in laporan.dataset.dokumen.values():
        chapters = {
            name: text for name, _, text in narasi.iter_chapters(data_dir, document.narasi_folder)
        }
        for name, text in chapters.items():
            path = document_page(document.id, name)
            out[path] = _front(None, path) + pages.expand(path, text)
        if "index" not in chapters:
            present = [name for name in CHAPTER_ORDER if name in chapters]
            has_predecessor = predecessor(laporan.dataset, document.id) is not None
            text = default_index(laporan, present, has_predecessor)
            path = document_page(document.id, "index")
            out[path] = _front(None, path) + pages.expand(path, text)
        for page in iki_program_pages(document):
            out[page.path] = _front(page.title, page.path) + pages.expand(page.path, page.body)
        present = [name for name in CHAPTER_ORDER if name in chapters]
        if present:
            path = document_page(document.id, "cetak")
            joined = "\n\n".join(pages.expand(path, chapters[name]) for name in present)
            out[path] = _front("Dokumen IKU lengkap (versi cetak)", path) + joined
    return out, pages.unknown


def mkdocs_config(project: Path, nav: list[object]) -> dict[str, Any]:
    """The bare config: the theme settings of the project's ``mkdocs.yml`` without its
    custom_dir, palette colour of its own, extra CSS/JS, macros plugin and hooks."""
    source = yaml.load(
        (project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTagsLoader
    )
    theme = source.get("theme", {})
    palette = [
        {k: v for k, v in scheme.items() if k != "primary"} | {"primary": "indigo"}
        for scheme in theme.get("palette", [])
    ]
    features = [f for f in theme.get("features", []) if f != "content.action.edit"]
    return {
        "site_name": "IKU data contoh (Material polos)",
        "docs_dir": "docs",
        "strict": True,
        "not_in_nav": source.get("not_in_nav", ""),
        "theme": {
            "name": "material",
            "language": theme.get("language", "id"),
            "font": theme.get("font", False),
            "palette": palette,
            "features": features,
        },
        "markdown_extensions": source.get("markdown_extensions", []),
        "plugins": ["search"],
        "nav": nav,
    }


class _IgnoreTagsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's ``!ENV`` tags as plain values (only the theme part is used)."""


_IgnoreTagsLoader.add_multi_constructor(
    "!",
    lambda loader, suffix, node: None,  # type: ignore[no-untyped-call]
)


def write(project: Path, data_dir: Path, target: Path) -> tuple[int, set[str]]:
    """Write the bare project into ``target``; returns the number of pages and the macros
    left without a plain counterpart."""
    pages, unknown = page_plan(project, data_dir)
    laporan = load_laporan(data_dir)
    nav = navigation(laporan, set(pages))
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    for path, text in pages.items():
        file = docs / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    config = mkdocs_config(project, nav)
    # JSON is valid YAML and quotes every title.
    (target / "mkdocs.yml").write_text(
        json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return len(pages), unknown
