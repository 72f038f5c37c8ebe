"""Values, formulas, ids and structure that pass YAML and the schema but are wrong or misleading:
numbers outside their indicator's range, formulas whose text is not what is computed, cycles in
the organisation, and ids with invisible or look-alike characters. Each must be refused with the
problem named at its file:line:col."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .harness import KINI, KINI_RE, Case, renamed, replace, together

LAMA = "dokumen/2020-2024"
"""The demo's first document, in force in 2020–2021 (revised from 2022)."""
TRANTIB = f"{KINI}/indikator/persentase_layanan_trantib.yaml"
KOMPOSIT = f"{KINI}/indikator/ikm_kecamatan.yaml"
TRANTIB_NILAI = {2021: "60.0", 2025: "92.0"}
"""The demo's realisasi of persentase_layanan_trantib in a year of each period."""
REALISASI_2021 = r"realisasi/2021\.yaml:17:12"
"""Where the 2021 realisasi of persentase_layanan_trantib is written (line 17, column 12)."""
REALISASI_2025 = r"realisasi/2025\.yaml:20:12"
"""Where the 2025 realisasi of persentase_layanan_trantib is written (line 20, column 12)."""
RUMUS = rf"{KINI_RE}/indikator/ikm_kecamatan\.yaml:13:10"
"""Where the current document's composite formula is written (line 13, column 10)."""


def _realisasi_trantib(value: str, tahun: int = 2021) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        replace(
            data / f"realisasi/{tahun}.yaml",
            f"  persentase_layanan_trantib:\n    nilai: {TRANTIB_NILAI[tahun]}",
            f"  persentase_layanan_trantib:\n    nilai: {value}",
        )

    return mutate


def _edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        replace(data / relative, old, new)

    return mutate


def _rumus(rumus: str, relative: str = KOMPOSIT) -> Callable[[Path], None]:
    """Replace the composite's formula line with ``rumus:`` followed by ``rumus`` (YAML text)."""

    def mutate(data: Path) -> None:
        path = data / relative
        text = path.read_text(encoding="utf-8")
        assert re.search(r"(?m)^  rumus: ", text), "fixture changed"
        path.write_text(
            re.sub(r"(?m)^  rumus: .*$", lambda _: f"  rumus: {rumus}", text), encoding="utf-8"
        )

    return mutate


def _ikm_batas(folder: str) -> Callable[[Path], None]:
    """A `batas` of 25–70 on the IKM indicator of the document in ``folder`` (line 14)."""
    return _edit(
        f"{folder}/indikator/ikm.yaml",
        "polaritas: positif\n",
        "polaritas: positif\nbatas: {min: 25, max: 70}\n",
    )


_SEKSI_PELAYANAN = "    nama_struktur: Seksi Pelayanan\n"
_CAMAT = "    nama_struktur: Camat\n"

CASES = [
    # --- ranges ---------------------------------------------------------------------------
    Case(
        "aturan-persen-lebih-dari-100",
        _realisasi_trantib("100.01"),
        r"realisasi `persentase_layanan_trantib` bernilai 100\.01, di luar rentang 0–100 "
        r"\(bawaan satuan persen\)",
        REALISASI_2021,
    ),
    Case(
        "aturan-persen-negatif",
        _realisasi_trantib("-5"),
        r"bernilai -5, di luar rentang 0–100 \(bawaan satuan persen\)",
        REALISASI_2021,
    ),
    Case(
        "aturan-responden-negatif",
        _edit(
            "ikm/2021.yaml",
            "U1: {jumlah_nilai: 193, jumlah_responden: 60}",
            "U1: {jumlah_nilai: 193, jumlah_responden: -60}",
        ),
        r"`rekap › U1 › jumlah_responden` tidak boleh negatif",
        r"ikm/2021\.yaml:6:45",
    ),
    Case(
        "aturan-target-di-luar-rentang",
        _edit(TRANTIB, "2029: 94", "2029: 194"),
        r"target tahun 2029 bernilai 194, di luar rentang 0–100 \(bawaan satuan persen\)",
        rf"{KINI_RE}/indikator/persentase_layanan_trantib\.yaml:23:9",
    ),
    Case(
        "aturan-di-luar-batas-indikator",
        together(
            _edit(
                TRANTIB, "polaritas: positif\n", "polaritas: positif\nbatas: {min: 50, max: 95}\n"
            ),
            _realisasi_trantib("96", 2025),
        ),
        r"bernilai 96, di luar rentang 50–95 "
        rf"\(`batas` di \S*{KINI_RE}/indikator/persentase_layanan_trantib\.yaml:14\)",
        REALISASI_2025,
    ),
    Case(
        # A year is checked against the document in force that year (2021: the first one,
        # whose targets 85–88 fit the batas).
        "aturan-di-luar-batas-dokumen-lama",
        together(
            _edit(
                f"{LAMA}/indikator/persentase_layanan_trantib.yaml",
                "polaritas: positif\n",
                "polaritas: positif\nbatas: {min: 50, max: 90}\n",
            ),
            _realisasi_trantib("91"),
        ),
        r"bernilai 91, di luar rentang 50–90 "
        r"\(`batas` di \S*dokumen/2020-2024/indikator/persentase_layanan_trantib\.yaml:14\)",
        REALISASI_2021,
    ),
    Case(
        "aturan-batas-terbalik",
        _edit(TRANTIB, "polaritas: positif\n", "polaritas: positif\nbatas: {min: 100, max: 0}\n"),
        r"`batas › max` harus lebih besar dari `batas › min`",
        rf"{KINI_RE}/indikator/persentase_layanan_trantib\.yaml:14:\d+",
    ),
    Case(
        "aturan-hasil-rumus-di-luar-rentang",
        # Every input within 0–100, yet the composite (an indeks, 0–100) becomes 9200.
        _rumus("persentase_layanan_trantib * 100"),
        r"hasil rumus untuk tahun 2025 = 9200\.00, di luar rentang 0–100 "
        r"\(bawaan satuan indeks\)",
        RUMUS,
    ),
    Case(
        "aturan-hasil-rumus-di-luar-skala-predikat",
        # A wider batas does not widen the SAKIP scale: 2025 = 92 × 2 = 184 has no predikat.
        together(
            _edit(
                KOMPOSIT,
                "polaritas: positif\n",
                "polaritas: positif\npenilaian_nilai: sakip\nbatas: {min: 0, max: 1000}\n",
            ),
            _rumus("persentase_layanan_trantib * 2"),
        ),
        r"hasil rumus untuk tahun 2025 = 184\.00, di luar rentang 0–100 \(skala nilai SAKIP\)",
        RUMUS,
    ),
    Case(
        "aturan-hasil-survei-di-luar-batas",
        together(*(_ikm_batas(folder) for folder in (LAMA, f"{LAMA}-perubahan", KINI))),
        r"IKM hasil survei 2021 = 79\.19, di luar rentang 25–70",
        r"ikm/2021\.yaml:4:12",
    ),
    Case(
        # The 2021 survey against the batas of the document in force in 2021 only.
        "aturan-hasil-survei-di-luar-batas-dokumen-lama",
        _ikm_batas(LAMA),
        r"IKM hasil survei 2021 = 79\.19, di luar rentang 25–70 "
        r"\(`batas` di \S*dokumen/2020-2024/indikator/ikm\.yaml:14\)",
        r"ikm/2021\.yaml:4:12",
    ),
    Case(
        # The first document's own formula gives 2020 = 78 × 100 = 7800 for an indeks.
        "aturan-hasil-rumus-dokumen-lama",
        _rumus("persentase_layanan_trantib * 100", f"{LAMA}/indikator/ikm_kecamatan.yaml"),
        r"hasil rumus untuk tahun 2020 = 7800\.00, di luar rentang 0–100 "
        r"\(bawaan satuan indeks\)",
        r"dokumen/2020-2024/indikator/ikm_kecamatan\.yaml:13:10",
    ),
    # --- formulas -------------------------------------------------------------------------
    Case(
        "aturan-rumus-tanpa-indikator",
        _rumus('"100"'),
        r"rumus tidak sah: rumus tidak menyebut satu pun id indikator",
        RUMUS,
    ),
    Case(
        "aturan-rumus-komentar",
        # Python would skip the comment and compute 100 while the page shows the whole text.
        _rumus('"100 # (persentase_layanan_trantib + persentase_layanan_pemberdayaan) / 2"'),
        r"karakter ke-5 dalam rumus adalah U\+0023 NUMBER SIGN `#`: komentar tidak diizinkan",
        RUMUS,
    ),
    Case(
        "aturan-rumus-titik-koma",
        _rumus('"persentase_layanan_trantib; persentase_layanan_pemberdayaan"'),
        r"U\+003B SEMICOLON `;`: hanya satu rumus",
        RUMUS,
    ),
    Case(
        "aturan-rumus-baris-baru",
        _rumus("|\n    persentase_layanan_trantib\n    / 2"),
        r"U\+000A LINE FEED \(tak terlihat\): rumus harus ditulis dalam satu baris",
        RUMUS,
    ),
    Case(
        "aturan-rumus-huruf-lebar",
        # NFKC would fold the fullwidth letter into the ASCII id, so it would compute silently.
        _rumus('"\uff50ersentase_layanan_trantib / 2"'),
        r"U\+FF50 FULLWIDTH LATIN SMALL LETTER P \(mirip `p`\)",
        RUMUS,
    ),
    Case(
        "aturan-rumus-heksadesimal",
        # Python reads 0x64 as 100; a reviewer may not.
        _rumus('"persentase_layanan_trantib * 0x64 / 100"'),
        r"angka `0x64` harus ditulis sebagai bilangan desimal biasa",
        RUMUS,
    ),
    Case(
        "aturan-rumus-terlalu-dalam",
        _rumus(" + ".join(["persentase_layanan_trantib"] * 150)),
        r"rumus bertingkat terlalu dalam: paling banyak 100 operasi bersambung",
        RUMUS,
    ),
    # --- structure ------------------------------------------------------------------------
    Case(
        "aturan-organisasi-lingkaran",
        together(
            _edit("organisasi.yaml", "    induk: sekretaris\n", "    induk: seksi_pelayanan\n"),
            _edit(
                "organisasi.yaml", _SEKSI_PELAYANAN, _SEKSI_PELAYANAN + "    induk: subbag_umum\n"
            ),
        ),
        r"induk unit membentuk lingkaran: `seksi_pelayanan` → `subbag_umum` → `seksi_pelayanan`",
        r"organisasi\.yaml:\d+:12",
    ),
    Case(
        "aturan-organisasi-induk-sendiri",
        _edit("organisasi.yaml", _CAMAT, _CAMAT + "    induk: camat\n"),
        r"unit `camat` menjadi induk dirinya sendiri",
        r"organisasi\.yaml:8:12",
    ),
    Case(
        "aturan-berkas-beda-dengan-id",
        renamed(f"{KINI}/indikator/nilai_sakip.yaml", f"{KINI}/indikator/sakip.yaml"),
        r"nama berkas `sakip\.yaml` tidak sama dengan id `nilai_sakip`",
        rf"{KINI_RE}/indikator/sakip\.yaml:3:5",
    ),
    # --- ids ------------------------------------------------------------------------------
    Case(
        "aturan-id-lebar-nol",
        _edit(f"{KINI}/indikator/nilai_sakip.yaml", "id: nilai_sakip", "id: nilai_s\u200bakip"),
        r"U\+200B ZERO WIDTH SPACE",
        rf"{KINI_RE}/indikator/nilai_sakip\.yaml:3:\d+",
    ),
    Case(
        "aturan-id-spasi-tak-putus",
        _edit(f"{KINI}/indikator/nilai_sakip.yaml", "id: nilai_sakip", "id: nilai_s\u00a0akip"),
        r"id `nilai_s⟨U\+00A0⟩akip` memuat U\+00A0 NO-BREAK SPACE \(tak terlihat\) "
        r"pada karakter ke-8",
        rf"{KINI_RE}/indikator/nilai_sakip\.yaml:3:5",
    ),
    Case(
        "aturan-id-kiril",
        _edit(
            f"{KINI}/indikator/pengaduan_tidak_tepat_waktu.yaml",
            "id: pengaduan_tidak_tepat_waktu",
            "id: pengaduan_tid\u0430k_tepat_waktu",
        ),
        r"memuat U\+0430 CYRILLIC SMALL LETTER A \(mirip `a`\) pada karakter ke-14",
        rf"{KINI_RE}/indikator/pengaduan_tidak_tepat_waktu\.yaml:4:5",
    ),
    Case(
        "aturan-rujukan-kiril",
        _edit(
            "realisasi/2021.yaml",
            "  persentase_layanan_trantib:",
            "  persentase_layanan_tr\u0430ntib:",
        ),
        r"id `persentase_layanan_tr⟨U\+0430⟩ntib` memuat U\+0430 CYRILLIC SMALL LETTER A",
        r"realisasi/2021\.yaml:16:3",
    ),
    Case(
        "aturan-id-terlalu-panjang",
        _edit("realisasi/2021.yaml", "  nilai_sakip:", "  " + "a" * 101 + ":"),
        r"kunci terlalu panjang: 101 karakter",
        r"realisasi/2021\.yaml:5:3",
    ),
    Case(
        "aturan-rumus-rujukan-kiril",
        _rumus('"persentase_layanan_tr\u0430ntib / 2"'),
        r"U\+0430 CYRILLIC SMALL LETTER A \(mirip `a`\): ketik ulang sebagai `a` biasa",
        RUMUS,
    ),
]
