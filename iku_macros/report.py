"""Every published number, computed from a validated :class:`Dataset`.

This is the one place that turns data into results: per indicator and year the target,
realisasi (entered, from a formula, or from the IKM survey), capaian, predikat, the change against
the previous year and the progress against the end-of-period target; per year a summary. The
formulas themselves live in :mod:`iku_macros.compute`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from iku_macros.compute.capaian import (
    CapaianResult,
    StatusCapaian,
    compute_capaian,
    compute_progress,
    status_capaian,
)
from iku_macros.compute.formula import (
    ParsedFormula,
    evaluate_formula,
    evaluation_order,
    parse_formula,
)
from iku_macros.compute.ikm import HasilIKM, compute_ikm, mutu_ikm
from iku_macros.compute.numbers import to_fraction
from iku_macros.compute.predikat import SkalaPredikat, TingkatPredikat, predikat_capaian
from iku_macros.compute.sakip import predikat_sakip
from iku_macros.compute.summary import Baris, RingkasanTahun, compute_change, summarize_year
from iku_macros.data.loading import Dataset
from iku_macros.data.model import Indikator, JenisIndikator, PenilaianNilai, PerhitunganKomposit
from iku_macros.data.settings import cap_from_settings, scale_from_settings

BELUM_DILAPORKAN = "belum dilaporkan"
BELUM_DIISI = "belum diisi"
MASUKAN_BELUM_LENGKAP = "belum dapat dihitung: masukan belum lengkap"


@dataclass(frozen=True)
class NilaiTahun:
    """One indicator in one year, with every number derived from it."""

    tahun: int
    target: Fraction | None
    """The target capaian is measured against: the Perjanjian Kinerja's when the year's
    realisasi file gives one (``target_pk``), else the document's."""
    target_tercantum: bool
    """The year appears in the indicator's target table (a null target prints as '-')."""
    realisasi: Fraction | None
    status_realisasi: str
    """'dilaporkan', or why there is no value ('belum dilaporkan', 'belum diisi', ...)."""
    catatan: str | None
    bukti: str | None
    capaian: CapaianResult
    predikat: TingkatPredikat | None
    predikat_nilai: str | None
    """Regulatory rating of the value itself (SAKIP predikat or IKM mutu), when defined."""
    input_hilang: tuple[str, ...] = ()
    perubahan_realisasi: Fraction | None = None
    perubahan_capaian: Fraction | None = None
    progres_akhir: CapaianResult | None = None
    dokumen: str | None = None
    """Id of the document in force that year (None: no document covers the year)."""
    target_dokumen: Fraction | None = None
    """The document's target for the year (equal to ``target`` unless the PK sets another)."""
    target_pk: bool = False
    """``target`` is the Perjanjian Kinerja's, not the document's."""

    @property
    def status(self) -> StatusCapaian:
        """How the indicator stands this year, in the words the site counts it with: no
        realisasi first, then met or not, then no target (compute.capaian.status_capaian)."""
        return status_capaian(self.realisasi is not None, self.capaian)


@dataclass(frozen=True)
class HasilIndikator:
    indikator: Indikator
    tahun: dict[int, NilaiTahun]
    target_akhir: Fraction | None
    masukan: tuple[str, ...] = ()
    """Ids a composite formula reads."""


@dataclass(frozen=True)
class Laporan:
    dataset: Dataset
    skala: SkalaPredikat
    batas_atas: Fraction | None
    indikator: dict[str, HasilIndikator]
    ikm: dict[tuple[int, str], HasilIKM]
    """Per survey, keyed (tahun, indikator) as :attr:`Dataset.ikm`."""
    ringkasan: dict[int, RingkasanTahun] = field(default_factory=dict)
    """Per year, over the IKU (LKjIP measurement table)."""

    @property
    def tahun_laporan(self) -> list[int]:
        """Years that have a target column, a realisasi file, or an IKM survey."""
        years = set(self.dataset.realisasi) | set(self.dataset.tahun_ikm())
        for indikator in self.dataset.indikator.values():
            years.update(indikator.target)
        return sorted(years)

    @property
    def tahun_terakhir_berdata(self) -> int | None:
        """The latest year for which any IKU has a realised value."""
        years = [
            nilai.tahun
            for hasil in self.iku()
            for nilai in hasil.tahun.values()
            if nilai.realisasi is not None
        ]
        return max(years, default=None)

    def iku(self) -> list[HasilIndikator]:
        return [h for h in self.indikator.values() if h.indikator.jenis is JenisIndikator.IKU]

    def program(self) -> list[HasilIndikator]:
        return [h for h in self.indikator.values() if h.indikator.jenis is JenisIndikator.PROGRAM]


def _entered_values(dataset: Dataset, year: int) -> dict[str, tuple[Fraction | None, str]]:
    """Entered realisasi of one year: value and status per indicator id."""
    realisasi = dataset.realisasi.get(year)
    if realisasi is None:
        return {}
    result: dict[str, tuple[Fraction | None, str]] = {}
    for ident, item in realisasi.realisasi.items():
        if item.nilai is None:
            result[ident] = (None, BELUM_DIISI)
        else:
            result[ident] = (to_fraction(item.nilai), "dilaporkan")
    return result


def build_laporan(dataset: Dataset) -> Laporan:
    """Compute every number the site publishes."""
    skala = scale_from_settings(dataset.pengaturan)
    cap = cap_from_settings(dataset.pengaturan)
    ikm = {key: compute_ikm(survey.rekap) for key, survey in dataset.ikm.items()}
    years = sorted(set(dataset.tahun) | set(dataset.realisasi) | set(dataset.tahun_ikm()))

    # Realised values per year, composites evaluated in dependency order, each year with the
    # definitions of the document in force (a new period may change a formula).
    values: dict[int, dict[str, tuple[Fraction | None, str, tuple[str, ...]]]] = {}
    formulas_of_year: dict[int, dict[str, ParsedFormula]] = {}
    for year in years:
        entered = _entered_values(dataset, year)
        versions = {ident: dataset.versi(ident, year) for ident in dataset.indikator}
        year_formulas = {
            ident: parse_formula(v.perhitungan.rumus)
            for ident, v in versions.items()
            if isinstance(v.perhitungan, PerhitunganKomposit)
        }
        formulas_of_year[year] = year_formulas
        order = evaluation_order({i: f.references for i, f in year_formulas.items()})
        row: dict[str, tuple[Fraction | None, str, tuple[str, ...]]] = {}
        for indikator in versions.values():
            jenis = indikator.perhitungan.jenis
            if jenis == "manual":
                value, status = entered.get(indikator.id, (None, BELUM_DILAPORKAN))
                row[indikator.id] = (value, status, ())
            elif jenis == "ikm":
                hasil = ikm.get((year, indikator.id))
                if hasil is None:
                    row[indikator.id] = (None, BELUM_DILAPORKAN, ())
                else:
                    row[indikator.id] = (hasil.ikm, "dilaporkan", ())
        for ident in order:
            if ident not in year_formulas:
                continue
            result = evaluate_formula(
                year_formulas[ident],
                {k: v[0] for k, v in row.items() if k in year_formulas[ident].references},
            )
            if result.nilai is None and result.hilang:
                row[ident] = (None, MASUKAN_BELUM_LENGKAP, result.hilang)
            elif result.nilai is None:
                row[ident] = (None, result.alasan or BELUM_DILAPORKAN, ())
            else:
                row[ident] = (result.nilai, "dilaporkan", ())
        values[year] = row

    results: dict[str, HasilIndikator] = {}
    for indikator in dataset.indikator.values():
        target_akhir = _final_target(dataset, indikator.id, dataset.dokumen_kini.id)
        per_year: dict[int, NilaiTahun] = {}
        previous: NilaiTahun | None = None
        for year in years:
            raw_target = indikator.target.get(year)
            target_dokumen = None if raw_target is None else to_fraction(raw_target)
            pk = _pk_target(dataset, year, indikator.id)
            target = target_dokumen if pk is None else pk
            realisasi, status, missing = values[year][indikator.id]
            note = _note(dataset, year, indikator.id)
            polaritas = dataset.versi(indikator.id, year).polaritas
            capaian = compute_capaian(target, realisasi, polaritas, cap)
            in_force = _in_force(dataset, year)
            final = _final_target(dataset, indikator.id, in_force) if in_force else None
            nilai = NilaiTahun(
                tahun=year,
                target=target,
                target_tercantum=year in indikator.target or pk is not None,
                realisasi=realisasi,
                status_realisasi=status,
                catatan=note[0],
                bukti=note[1],
                capaian=capaian,
                predikat=None if capaian.nilai is None else predikat_capaian(capaian.nilai, skala),
                predikat_nilai=_rating(dataset.versi(indikator.id, year), realisasi),
                input_hilang=missing,
                perubahan_realisasi=compute_change(
                    previous.realisasi if previous else None, realisasi
                ),
                perubahan_capaian=compute_change(
                    previous.capaian.nilai if previous else None, capaian.nilai
                ),
                progres_akhir=compute_progress(final, realisasi, polaritas),
                dokumen=in_force,
                target_dokumen=target_dokumen,
                target_pk=pk is not None,
            )
            per_year[year] = nilai
            previous = nilai
        # Every id its formula reads in any year (a new document may change the formula).
        masukan = dict.fromkeys(
            ref
            for year in years
            if indikator.id in formulas_of_year[year]
            for ref in formulas_of_year[year][indikator.id].references
        )
        results[indikator.id] = HasilIndikator(indikator, per_year, target_akhir, tuple(masukan))

    laporan = Laporan(dataset, skala, cap, results, ikm)
    for year in years:
        # The year's IKU as its document in force has them (an indicator may change kind, or
        # be computable in a year whose document does not adopt it).
        in_force = _in_force(dataset, year)
        adopted = dataset.dokumen[in_force].indikator if in_force else dataset.indikator
        rows = [
            Baris(
                h.indikator.id,
                h.tahun[year].capaian.nilai,
                h.tahun[year].predikat.label if h.tahun[year].predikat else None,
            )
            for h in laporan.indikator.values()
            if h.indikator.id in adopted and adopted[h.indikator.id].jenis is JenisIndikator.IKU
        ]
        if rows:
            laporan.ringkasan[year] = summarize_year(rows, skala)
    return laporan


def _in_force(dataset: Dataset, year: int) -> str | None:
    """The document whose targets the view uses in ``year``: in a document view, that
    document (within its period); else the one in force."""
    if dataset.fokus is not None:
        return dataset.fokus if year in dataset.dokumen[dataset.fokus].periode else None
    return dataset.berlaku.get(year)


def _final_target(dataset: Dataset, ident: str, document: str) -> Fraction | None:
    """The indicator's target for the last year of ``document``'s period (progress is
    measured against the end of the plan in force)."""
    dokumen = dataset.dokumen[document]
    version = dokumen.indikator.get(ident)
    raw = version.target.get(dokumen.meta.periode.akhir) if version else None
    return None if raw is None else to_fraction(raw)


def _pk_target(dataset: Dataset, year: int, ident: str) -> Fraction | None:
    """The Perjanjian Kinerja's target for the year, when the realisasi file sets one."""
    realisasi = dataset.realisasi.get(year)
    item = realisasi.realisasi.get(ident) if realisasi else None
    if item is None or item.target_pk is None:
        return None
    return to_fraction(item.target_pk)


def _note(dataset: Dataset, year: int, ident: str) -> tuple[str | None, str | None]:
    realisasi = dataset.realisasi.get(year)
    item = realisasi.realisasi.get(ident) if realisasi else None
    return (item.catatan, item.bukti) if item else (None, None)


def _rating(indikator: Indikator, realisasi: Fraction | None) -> str | None:
    if realisasi is None or indikator.penilaian_nilai is None:
        return None
    if indikator.penilaian_nilai is PenilaianNilai.SAKIP:
        hasil = predikat_sakip(realisasi)
        return f"{hasil.predikat} – {hasil.keterangan}"
    mutu = mutu_ikm(realisasi)
    return f"{mutu.kode} – {mutu.keterangan}"
