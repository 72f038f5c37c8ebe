"""Panduan (the staff guide): every example built from the unit's own data.

The guide (``docs/panduan.md``) shows files staff might write and what ``check`` prints for each.
Their indicator ids, years, period, file names and counts come from the data folder being built,
so each unit's guide speaks of its own indicators: those of the current IKU document (the first
hand-entered one with a target in the year of the example, if any; the first composite and the
first IKM indicator), the last year that document is in force, and its folder. A case whose
indicator the unit lacks (no composite, no IKM) is left out. The chain of documents and the
``dokumen-baru`` commands for the next period and for a revision come from the same data.
``tests/test_panduan.py`` writes each example into a copy of the data folder and runs the real
``check``, ``tahun-baru``, ``dokumen-baru`` and ``ringkasan`` to prove every quoted output.

Each example carries ``data-kasus`` (and the file's path in ``data-berkas``) in the HTML, so the
test reads them from the built page.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property

from iku_macros.data.documents import covered_years
from iku_macros.data.model import Indikator, NilaiRealisasi, Realisasi
from iku_macros.data.validation import RATED_RANGES, TAMBAH_DOKUMEN, inputs_example
from iku_macros.report import Laporan, build_laporan
from iku_macros.web.render import environment, render
from iku_macros.workflow.change_summary import HEADER, Baris, compare, number_cells
from iku_macros.workflow.new_document import document_id
from iku_macros.workflow.new_year import realisasi_template

DATA = "data"
"""The data folder as staff see it in their repository; messages name files under it."""
TAB = "⇥"
"""How a TAB character at the start of a line is shown in an example (the test restores it)."""
CATATAN = "Data dari laporan triwulan IV"
BUKTI = "https://drive.google.com/file/d/contoh/view"
BUKTI_SALAH = "drive.google.com/file/d/contoh/view"
CANDIDATE_VALUES = (Decimal("86.5"), Decimal("8.5"), Decimal("0.5"))
"""Example values, the first within the indicator's range is used (a decimal, to show the
decimal point)."""
NUMBER = "    diharapkan: angka tanpa tanda kutip, mis. 87.5 (titik sebagai pemisah desimal)"
SYNTAX = "    diharapkan: YAML yang sah, mis. `kunci: nilai` dengan indentasi spasi yang rata"
MAPPING = (
    "    diharapkan: pemetaan berisi `kunci: nilai` yang menjorok ke dalam, mis. `nilai: 86.5` "
    "pada baris berikutnya, dua spasi lebih ke dalam"
)
COMMAND = (
    '<pre class="iku-panduan-perintah" data-perintah="{{ perintah }}">'
    '<code class="language-sh">python -m iku_macros {{ perintah }}</code></pre>'
)
"""A command the guide shows and tests/test_panduan.py runs (autoescaped like every template)."""
REKAP_MUSTAHIL = (
    (210, 50),
    (141, 50),
    (139, 50),
    (152, 50),
    (137, 50),
    (150, 50),
    (140, 50),
    (135, 49),
    (143, 50),
)
"""A survey summary whose U1 total is impossible for 50 respondents (at most 4 × 50)."""


@dataclass(frozen=True)
class Contoh:
    """One case of the guide: a file as staff might write it, and what ``check`` prints."""

    kasus: str
    berkas: str
    """Path of the file in the repository, e.g. ``data/realisasi/2023.yaml``."""
    isi: str
    pesan: str


@dataclass(frozen=True)
class ContohRingkasan:
    """One realisasi changed (or filled in) and the rows ``ringkasan`` prints for it."""

    ident: str
    tahun: int
    lama: Decimal | None
    baru: Decimal
    rows: list[Baris]


def _text(value: Decimal) -> str:
    """A number as staff type it in YAML."""
    return format(value, "f")


def _in_range(indikator: Indikator, value: Decimal) -> bool:
    rentang = indikator.rentang()
    if not rentang.min <= value <= rentang.max:
        return False
    if indikator.penilaian_nilai is not None:
        low, high, _ = RATED_RANGES[indikator.penilaian_nilai]
        return low <= value <= high
    return True


def example_value(indikator: Indikator) -> Decimal:
    """A valid realisasi for ``indikator``, with one decimal."""
    for value in CANDIDATE_VALUES:
        if _in_range(indikator, value):
            return value
    rentang = indikator.rentang()
    return ((rentang.min + rentang.max) / 2).quantize(Decimal("0.1"))


def _other_value(indikator: Indikator, lama: Decimal) -> Decimal:
    """A valid realisasi different from ``lama`` (a fifth lower, else one more or less)."""
    for value in (lama * Decimal("0.8"), lama + 1, lama - 1, example_value(indikator)):
        value = value.quantize(Decimal("0.1"))
        if value != lama and _in_range(indikator, value):
            return value
    return lama


def _typo(ident: str, known: set[str]) -> str:
    """``ident`` with its last character changed, as a mistyped id (never another real id)."""
    # An id starts with a letter: a one-letter id stays a letter.
    alphabet = "abcdefghijklmnopqrstuvwxyz" + ("0123456789" if len(ident) > 1 else "")
    last = ident[-1]
    for step in range(1, len(alphabet)):
        candidate = ident[:-1] + alphabet[(alphabet.index(last) + step) % len(alphabet)]
        if candidate not in known:
            return candidate
    return ident + "x"


class Panduan:
    """The guide's examples for one dataset (computed on first use: only the Panduan page
    needs them)."""

    def __init__(self, laporan: Laporan) -> None:
        self.laporan = laporan
        dataset = laporan.dataset
        self.data_contoh = dataset.profil.data_contoh
        kini = dataset.dokumen_kini
        self.dokumen = kini.id
        """The current document: its indicators are the examples'."""
        self.folder = f"{DATA}/{kini.folder}" if kini.folder else DATA
        """Where its files are (the data folder itself in the first format)."""
        self.format_lama = dataset.format_lama
        periode = kini.meta.periode
        self.awal, self.akhir = periode.awal, periode.akhir
        self.tahun = max(y for y, d in dataset.berlaku.items() if d == kini.id)
        """The year of the examples: the last the current document is in force."""
        self.tercakup = covered_years(dataset.berlaku)
        """The years some document covers, as ranges."""
        by_kind: dict[str, list[Indikator]] = {"manual": [], "komposit": [], "ikm": []}
        for indikator in kini.indikator.values():
            by_kind[indikator.perhitungan.jenis].append(indikator)
        manual = by_kind["manual"]
        with_target = [i for i in manual if i.target.get(self.tahun) is not None]
        self.contoh: Indikator | None = next(iter(with_target or manual), None)
        """The indicator of the realisasi examples (hand-entered)."""
        self.kedua: Indikator | None = next((i for i in manual if i is not self.contoh), None)
        """A second hand-entered indicator, left empty in the first example."""
        self.komposit: Indikator | None = next(iter(by_kind["komposit"]), None)
        self.ikm: Indikator | None = next(iter(by_kind["ikm"]), None)
        self.jumlah_ikm = len(by_kind["ikm"])
        self.berkas = f"{DATA}/realisasi/{self.tahun}.yaml"

    # --- values used in the page's text ---------------------------------------------------

    @property
    def id(self) -> str:
        return self.contoh.id if self.contoh else ""

    @cached_property
    def nilai(self) -> str:
        return _text(example_value(self.contoh)) if self.contoh else "86.5"

    @property
    def nilai_koma(self) -> str:
        return self.nilai.replace(".", ",")

    @cached_property
    def id_salah(self) -> str:
        return _typo(self.id, set(self.laporan.indikator)) if self.contoh else ""

    @property
    def kolom(self) -> list[str]:
        """The keys of one realisasi entry, in the model's order."""
        return list(NilaiRealisasi.model_fields)

    @property
    def tahun_luar(self) -> int:
        """A year no document covers: the one after the last covered."""
        return max(self.laporan.dataset.berlaku) + 1

    @property
    def rantai(self) -> list[tuple[str, str, str, str]]:
        """Each document: id, kind, period and the years it is in force (text)."""
        dataset = self.laporan.dataset
        rows = []
        for ident, document in dataset.dokumen.items():
            years = [y for y, d in dataset.berlaku.items() if d == ident]
            periode = document.meta.periode
            rows.append(
                (
                    ident,
                    document.meta.jenis.value,
                    f"{periode.awal}–{periode.akhir}",
                    covered_years({y: ident for y in years}) if years else "tidak ada",
                )
            )
        return rows

    @property
    def awal_berikut(self) -> int:
        """The first year of the next period: the one after the last covered year."""
        return self.tahun_luar

    @property
    def akhir_berikut(self) -> int:
        """The next period as long as the current document's."""
        return self.awal_berikut + self.akhir - self.awal

    @property
    def perubahan(self) -> tuple[int, int, int]:
        """(awal, akhir, berlaku_mulai) of the guide's revision example: a revision of the
        current document, unless its id is taken (then of the next period's document, which the
        example before it makes), taking over the year after that document's first year."""
        dataset = self.laporan.dataset
        awal, akhir = self.awal, self.akhir
        first = dataset.dokumen_kini.meta.tahun_mulai
        if document_id(awal, akhir, True) in dataset.dokumen:
            awal, akhir = self.awal_berikut, self.akhir_berikut
            first = awal
        return awal, akhir, min(first + 1, akhir)

    @property
    def perintah(self) -> list[str]:
        """The ``dokumen-baru`` commands of the guide, in the order it gives them."""
        awal, akhir, mulai = self.perubahan
        return [
            f"dokumen-baru {self.awal_berikut} {self.akhir_berikut}",
            f"dokumen-baru {awal} {akhir} --perubahan --berlaku-mulai {mulai}",
        ]

    @property
    def berkas_ikm(self) -> str:
        """The survey file of the IKM example (one per indicator when there are several)."""
        if self.ikm is None:
            return ""
        name = f"{self.tahun}-{self.ikm.id}" if self.jumlah_ikm > 1 else str(self.tahun)
        return f"{DATA}/ikm/{name}.yaml"

    # --- the cases ------------------------------------------------------------------------

    def _realisasi(self, *lines: str, tahun: int | None = None) -> str:
        return "\n".join((f"tahun: {tahun or self.tahun}", "realisasi:", *lines)) + "\n"

    @cached_property
    def kasus(self) -> dict[str, Contoh]:
        """Every case that applies to this unit, by name."""
        cases: list[Contoh] = []
        if self.contoh is not None:
            cases += self._manual_cases()
        if self.komposit is not None:
            cases.append(self._computed_case("komposit", self.komposit, "rumusnya"))
        if self.ikm is not None:
            cases.append(self._computed_case("ikm", self.ikm, "survei IKM"))
            cases.append(self._survey_case())
        return {case.kasus: case for case in cases}

    def _manual_cases(self) -> list[Contoh]:
        ident, nilai, r = self.id, self.nilai, self.berkas
        number = (
            "    diharapkan: angka tanpa tanda kutip, mis. 87.5 (titik sebagai pemisah desimal)"
        )
        header = f"{r}:4:12: `realisasi › {ident} › nilai` harus berupa angka"
        cases = [
            self._berhasil(),
            Contoh(
                "koma",
                r,
                self._realisasi(f"  {ident}:", f"    nilai: {self.nilai_koma}"),
                f'{header}\n{number}\n    ditemukan : teks "{self.nilai_koma}"',
            ),
            Contoh(
                "kutip",
                r,
                self._realisasi(f"  {ident}:", f'    nilai: "{nilai}"'),
                f'{header}\n{number}\n    ditemukan : teks "{nilai}"',
            ),
        ]
        salah = self.id_salah
        close = difflib.get_close_matches(salah, list(self.laporan.indikator), n=1)
        cases.append(
            Contoh(
                "id-salah",
                r,
                self._realisasi(f"  {salah}:", f"    nilai: {nilai}"),
                f"{r}:3:3: indikator `{salah}` tidak ada\n"
                "    diharapkan: id indikator (nama berkas di folder indikator/ dokumen IKU), "
                f"mis. `{close[0] if close else ident}`\n"
                f"    ditemukan : `{salah}`",
            )
        )
        luar = f"{DATA}/realisasi/{self.tahun_luar}.yaml"
        cases.append(
            Contoh(
                "tahun-luar",
                luar,
                self._realisasi(f"  {ident}:", f"    nilai: {nilai}", tahun=self.tahun_luar),
                f"{luar}:1:8: tidak ada dokumen IKU yang berlaku untuk tahun {self.tahun_luar}\n"
                f"    diharapkan: tahun yang dicakup dokumen: {self.tercakup}; untuk tahun lain "
                f"tambahkan dokumennya dulu: {TAMBAH_DOKUMEN}\n"
                f"    ditemukan : {self.tahun_luar}",
            )
        )
        cases.append(
            Contoh(
                "kunci-ganda",
                r,
                self._realisasi(
                    f"  {ident}:", f"    nilai: {nilai}", f"  {ident}:", f"    nilai: {nilai}"
                ),
                f"{r}:5:3: kunci `{ident}` ditulis dua kali (pertama di baris 3)\n"
                "    diharapkan: setiap kunci hanya sekali dalam satu pemetaan; hapus salah "
                "satunya, mis. sisakan satu baris `nilai: 86.5`\n"
                f"    ditemukan : `{ident}` muncul lagi",
            )
        )
        cases.append(
            Contoh(
                "indentasi",
                r,
                self._realisasi(
                    f"  {ident}:", f"    nilai: {nilai}", "     catatan: Laporan triwulan IV"
                ),
                f"{r}:5:13: kesalahan sintaks YAML: tanda ':' tidak boleh di sini (periksa "
                "indentasi atau beri tanda kutip pada teks yang memuat ':')\n" + SYNTAX,
            )
        )
        cases.append(
            Contoh(
                "tidak-menjorok",
                r,
                self._realisasi(f"  {ident}:", f"  nilai: {nilai}"),
                f"{r}:3:{len(ident) + 4}: nilai `realisasi › {ident}` tidak sesuai\n{MAPPING}\n"
                "    ditemukan : kosong\n"
                f"{r}:4:10: nilai `realisasi › nilai` tidak sesuai\n{MAPPING}\n"
                f"    ditemukan : angka {nilai}",
            )
        )
        cases.append(
            Contoh(
                "tab",
                r,
                self._realisasi(f"  {ident}:", f"\tnilai: {nilai}"),
                f"{r}:4:1: kesalahan sintaks YAML: karakter TAB tidak boleh dipakai; gunakan "
                "spasi untuk indentasi\n" + SYNTAX,
            )
        )
        cases.append(
            Contoh(
                "kolom-salah",
                r,
                self._realisasi(f"  {ident}:", f"    nilal: {nilai}"),
                f"{r}:4:5: kolom `nilal` tidak dikenal (salah ketik?)\n"
                f"    diharapkan: salah satu kolom: {', '.join(self.kolom)}\n"
                "    ditemukan : `nilal`",
            )
        )
        cases.append(self._target_pk())
        cases.append(
            Contoh(
                "bukti",
                r,
                self._realisasi(f"  {ident}:", f"    nilai: {nilai}", f"    bukti: {BUKTI_SALAH}"),
                f"{r}:5:12: nilai `realisasi › {ident} › bukti` tidak sesuai\n"
                "    diharapkan: tautan yang diawali http:// atau https://, mis. "
                "https://contoh.go.id/bukti.pdf\n"
                f'    ditemukan : teks "{BUKTI_SALAH}"',
            )
        )
        return cases

    @property
    def target_dokumen(self) -> str:
        """The current document's target for the example's year, as written ("" if none)."""
        target = self.contoh.target.get(self.tahun) if self.contoh else None
        return "" if target is None else _text(target)

    @cached_property
    def target_pk(self) -> str:
        """The Perjanjian Kinerja target of the ``target-pk`` example: one more than the
        document's target (or one less, at the top of the range)."""
        if self.contoh is None:
            return ""
        target = self.contoh.target.get(self.tahun)
        base = target if target is not None else Decimal(self.nilai)
        for value in (base + 1, base - 1, example_value(self.contoh)):
            if value != target and _in_range(self.contoh, value):
                return _text(value)
        return _text(base)

    def _target_pk(self) -> Contoh:
        """A realisasi measured against the Perjanjian Kinerja's target of the year."""
        contoh = " (data contoh)" if self.data_contoh else ""
        return Contoh(
            "target-pk",
            self.berkas,
            self._realisasi(
                f"  {self.id}:",
                f"    nilai: {self.nilai}",
                f"    target_pk: {self.target_pk}",
                f"    catatan: Target Perjanjian Kinerja {self.tahun}",
            ),
            f"Data valid{contoh}: {DATA} — {len(self.laporan.indikator)} indikator, "
            "1 berkas realisasi (1 nilai terisi), 0 survei IKM.",
        )

    def _berhasil(self) -> Contoh:
        """A correct file: one value with catatan and bukti, and (if any) one left empty."""
        lines = [f"  {self.id}:", f"    nilai: {self.nilai}", f"    catatan: {CATATAN}"]
        lines.append(f"    bukti: {BUKTI}")
        contoh = " (data contoh)" if self.data_contoh else ""
        pesan = (
            f"Data valid{contoh}: {DATA} — {len(self.laporan.indikator)} indikator, "
            "1 berkas realisasi (1 nilai terisi), 0 survei IKM."
        )
        if self.kedua is not None:
            lines += [f"  {self.kedua.id}:", "    nilai:"]
            pesan += f"\nBelum diisi: 1 nilai (tahun {self.tahun}: {self.kedua.id})"
        return Contoh("berhasil", self.berkas, self._realisasi(*lines), pesan)

    def _computed_case(self, kasus: str, indikator: Indikator, sumber: str) -> Contoh:
        ident = indikator.id
        return Contoh(
            kasus,
            self.berkas,
            self._realisasi(f"  {ident}:", f"    nilai: {self.nilai}"),
            f"{self.berkas}:3:3: realisasi `{ident}` dihitung dari {sumber}; jangan diisi di "
            "sini\n"
            f"    diharapkan: hapus baris ini; isi data masukannya, mis. "
            f"{inputs_example(indikator, self.tahun)}\n"
            f"    ditemukan : `{ident}`",
        )

    def _survey_case(self) -> Contoh:
        assert self.ikm is not None
        rekap = [
            f"  U{n}: {{jumlah_nilai: {total}, jumlah_responden: {count}}}"
            for n, (total, count) in enumerate(REKAP_MUSTAHIL, start=1)
        ]
        isi = "\n".join([f"tahun: {self.tahun}", f"indikator: {self.ikm.id}", "rekap:", *rekap])
        total, count = REKAP_MUSTAHIL[0]
        return Contoh(
            "ikm-mustahil",
            self.berkas_ikm,
            isi + "\n",
            f"{self.berkas_ikm}:4:22: jumlah nilai U1 mustahil untuk {count} responden\n"
            f"    diharapkan: antara {count} dan {4 * count} (setiap jawaban bernilai 1–4)\n"
            f"    ditemukan : {total}",
        )

    # --- tahun-baru and ringkasan -----------------------------------------------------------

    @cached_property
    def tahun_baru(self) -> str:
        """The lines ``tahun-baru`` writes for the example's indicator (comments included)."""
        if self.contoh is None:
            return ""
        lines = realisasi_template(self.laporan.dataset, self.tahun, DATA).splitlines()
        start = lines.index(f"  {self.id}:") - 2
        return "\n".join(lines[start : start + 6])

    @cached_property
    def ringkasan(self) -> ContohRingkasan | None:
        """A realisasi changed (if the data has one; preferably the input of a composite, so
        the composite's row changes too) or else filled in, and the rows that result."""
        if self.contoh is None:
            return None
        dataset = self.laporan.dataset
        # (input, year) pairs whose composite has a value that year: changing one moves both.
        moves_composite = {
            (ident, tahun)
            for hasil in self.laporan.indikator.values()
            for tahun, nilai in hasil.tahun.items()
            if hasil.masukan and nilai.realisasi is not None
            for ident in hasil.masukan
        }
        entered = [
            ((ident, tahun) in moves_composite, tahun, ident, item.nilai)
            for tahun, realisasi in dataset.realisasi.items()
            for ident, item in realisasi.realisasi.items()
            if item.nilai is not None and dataset.indikator[ident].perhitungan.jenis == "manual"
        ]
        if entered:
            # The latest such year, its first value in file order.
            best = max(entered, key=lambda e: (e[0], e[1]))
            _, tahun, ident, lama = next(e for e in entered if e[:2] == best[:2])
        else:
            tahun, ident, lama = self.tahun, self.id, None
        indikator = dataset.indikator[ident]
        baru = example_value(indikator) if lama is None else _other_value(indikator, lama)
        old = dataset.realisasi.get(tahun) or Realisasi(tahun=tahun, realisasi={})
        item = old.realisasi.get(ident) or NilaiRealisasi(nilai=None)
        changed = old.model_copy(
            update={"realisasi": {**old.realisasi, ident: item.model_copy(update={"nilai": baru})}}
        )
        realisasi = dict(sorted({**dataset.realisasi, tahun: changed}.items()))
        after = build_laporan(replace(dataset, realisasi=realisasi))
        return ContohRingkasan(ident, tahun, lama, baru, compare(self.laporan, after))


def macros(panduan: Panduan) -> dict[str, Callable[..., str]]:
    """The Panduan page's macros; the page reads ids, years and file names from ``panduan``
    (a page variable), and the examples from these."""

    def panduan_berkas(kasus: str) -> str:
        """The file of one case, as staff would write it (TAB shown as ⇥)."""
        contoh = panduan.kasus[kasus]
        isi = "\n".join(
            TAB + line[1:] if line.startswith("\t") else line
            for line in contoh.isi.rstrip("\n").splitlines()
        )
        return render(
            "panduan/berkas.html", kasus=kasus, berkas=contoh.berkas, isi=isi, bahasa="yaml"
        )

    def panduan_pesan(kasus: str) -> str:
        """What ``check`` prints for one case."""
        return render("panduan/pesan.html", kasus=kasus, pesan=panduan.kasus[kasus].pesan)

    def panduan_tahun_baru() -> str:
        return render("panduan/tahun_baru.html", tahun=panduan.tahun, isi=panduan.tahun_baru)

    def panduan_perintah(nomor: int) -> str:
        """One ``dokumen-baru`` command of the guide (0: next period, 1: a revision)."""
        template = environment().from_string(COMMAND)
        return template.render(perintah=panduan.perintah[nomor])

    def panduan_ringkasan() -> str:
        contoh = panduan.ringkasan
        if contoh is None:
            return ""
        rows = [(row.ident, row.nama, number_cells(row)) for row in contoh.rows]
        return render(
            "panduan/ringkasan.html",
            contoh=contoh,
            lama=None if contoh.lama is None else _text(contoh.lama),
            baru=_text(contoh.baru),
            header=HEADER,
            rows=rows,
            lain=[ident for ident, _, _ in rows if ident != contoh.ident],
            data_contoh=panduan.data_contoh,
        )

    return {
        "panduan_berkas": panduan_berkas,
        "panduan_pesan": panduan_pesan,
        "panduan_tahun_baru": panduan_tahun_baru,
        "panduan_perintah": panduan_perintah,
        "panduan_ringkasan": panduan_ringkasan,
    }
