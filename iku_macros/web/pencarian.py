"""Search entries for the data pages, written from the data instead of parsed from their HTML.

The search plugin reads every page's finished HTML to index it: on data pages that is mostly
tables and charts, a fifth of a kabupaten-scale build, and an index of megabytes a phone
downloads before its first search. A data page is indexed instead by what a reader searches
for: its title, what it measures (an indicator's definition and formula, a program's
indicators) and where it sits. The text is escaped: the search box shows it as HTML.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from iku_macros.data.model import JenisIndikator
from iku_macros.report import Laporan
from iku_macros.web.plan import (
    PROGRAM_RINCI_MAKS,
    iki_program_page,
    iki_program_title,
    iki_program_url,
    iki_programs,
    program_terpisah,
)

JENIS = {
    JenisIndikator.IKU: "Indikator Kinerja Utama (IKU)",
    JenisIndikator.PROGRAM: "Indikator program",
}


@dataclass(frozen=True)
class Entri:
    """One search entry: a page (site-root path of its URL), its title and its text."""

    location: str
    title: str
    text: str

    def as_dict(self) -> dict[str, str]:
        return {
            "location": self.location,
            "title": html.escape(self.title, quote=False),
            "text": html.escape(self.text, quote=False),
        }


def _kalimat(*parts: str | None) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def entri_halaman(laporan: Laporan) -> dict[str, Entri]:
    """Markdown path of each data page → its entry (the history's later pages have none: the
    first page's entry leads there)."""
    dataset = laporan.dataset
    kerangka = dataset.kerangka
    parents = (*kerangka.tujuan, *kerangka.sasaran, *kerangka.program)
    names = {item.id: item.nama for item in parents}
    entries: dict[str, Entri] = {}
    for ident, hasil in laporan.indikator.items():
        i = hasil.indikator
        entries[f"indikator/{ident}.md"] = Entri(
            f"indikator/{ident}/",
            i.nama,
            _kalimat(
                f"{JENIS[i.jenis]}.",
                f"{names.get(i.induk, '')}." if names.get(i.induk) else None,
                i.definisi_operasional,
                f"Rumus: {i.rumus_publikasi}",
            ),
        )
    for tahun in laporan.tahun_laporan:
        entries[f"capaian/{tahun}.md"] = Entri(
            f"capaian/{tahun}/",
            f"Capaian {tahun}",
            f"Pengukuran kinerja tahun {tahun}: target, realisasi, capaian, dan predikat "
            "setiap indikator dibandingkan dengan targetnya.",
        )
    for tahun in dataset.tahun_ikm():
        entries[f"ikm/{tahun}.md"] = Entri(
            f"ikm/{tahun}/",
            f"IKM {tahun}",
            f"Indeks Kepuasan Masyarakat tahun {tahun}: survei, nilai per unsur pelayanan, "
            "dan mutu pelayanan.",
        )
    if program_terpisah(laporan):
        by_program: dict[str, list[str]] = {}
        for h in laporan.program():
            by_program.setdefault(h.indikator.induk, []).append(h.indikator.nama)
        for program in dataset.kerangka.program:
            mine = by_program.get(program.id, [])
            entries[f"program/{program.id}.md"] = Entri(
                f"program/{program.id}/",
                program.nama,
                _kalimat(
                    f"Indikator program (lebih dari {PROGRAM_RINCI_MAKS} per tahun dirinci per "
                    "program):",
                    "; ".join(mine),
                ),
            )
    for document in dataset.dokumen.values():
        for program, items in iki_programs(document):
            entries[iki_program_page(document.id, program.id)] = Entri(
                iki_program_url(document.id, program.id),
                iki_program_title(program.nama),
                _kalimat(
                    "Indikator kinerja individu (indikator program) dalam BAB IV",
                    f"{document.label}:",
                    "; ".join(i.nama for i in items),
                ),
            )
    entries["riwayat.md"] = Entri(
        "riwayat/",
        "Riwayat data",
        "Setiap perubahan target dan realisasi yang pernah diterbitkan: tanggal, indikator, "
        "tahun, nilai lama dan baru, alasan, dan kode perubahannya.",
    )
    return entries
