"""Computation core: exact arithmetic for capaian, predikat, Nilai SAKIP, IKM and composites.

Regulations followed (one per module): LKjIP practice under PermenPANRB 53/2014 (capaian,
summary), Permendagri 86/2017 (predikat capaian), PermenPANRB 88/2021 (predikat SAKIP),
PermenPANRB 14/2017 (IKM).  Plain Python, no MkDocs: everything here is unit-testable alone.
"""

from iku_macros.compute.capaian import CapaianResult, Polaritas, compute_capaian, compute_progress
from iku_macros.compute.colour import contrast_ratio, relative_luminance, text_colour_for
from iku_macros.compute.formula import (
    FormulaError,
    FormulaResult,
    ParsedFormula,
    evaluate_formula,
    evaluation_order,
    find_cycles,
    parse_formula,
)
from iku_macros.compute.ikm import (
    KODE_UNSUR,
    MUTU_PELAYANAN,
    PENIMBANG,
    UNSUR_IKM,
    HasilIKM,
    MutuPelayanan,
    NilaiUnsur,
    RekapUnsur,
    Unsur,
    compute_ikm,
    mutu_ikm,
    nrr,
    rekap_from_responses,
)
from iku_macros.compute.numbers import format_id, round_half_up, to_fraction
from iku_macros.compute.predikat import (
    SKALA_PERMENDAGRI_86_2017,
    SkalaPredikat,
    TingkatPredikat,
    predikat_capaian,
)
from iku_macros.compute.sakip import PREDIKAT_SAKIP, PredikatSakip, predikat_sakip
from iku_macros.compute.summary import Baris, RingkasanTahun, compute_change, summarize_year

__all__ = [
    "KODE_UNSUR",
    "MUTU_PELAYANAN",
    "PENIMBANG",
    "PREDIKAT_SAKIP",
    "SKALA_PERMENDAGRI_86_2017",
    "UNSUR_IKM",
    "Baris",
    "CapaianResult",
    "FormulaError",
    "FormulaResult",
    "HasilIKM",
    "MutuPelayanan",
    "NilaiUnsur",
    "ParsedFormula",
    "Polaritas",
    "PredikatSakip",
    "RekapUnsur",
    "RingkasanTahun",
    "SkalaPredikat",
    "TingkatPredikat",
    "Unsur",
    "compute_capaian",
    "compute_change",
    "compute_ikm",
    "compute_progress",
    "contrast_ratio",
    "evaluate_formula",
    "evaluation_order",
    "find_cycles",
    "format_id",
    "mutu_ikm",
    "nrr",
    "parse_formula",
    "predikat_capaian",
    "predikat_sakip",
    "rekap_from_responses",
    "relative_luminance",
    "round_half_up",
    "summarize_year",
    "text_colour_for",
    "to_fraction",
]
