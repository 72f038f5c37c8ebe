"""Cross-file checks: ids, parents, formulas, years, realisasi keys and value ranges.

Each file already matched its schema; here we check what no single file can: that the references
between files resolve without cycles, that the years fit the document's period, and that every
target, entered realisasi and computed value lies in its indicator's range (``batas``, else the
default for its satuan), so nothing absurd reaches a published page.
"""

from __future__ import annotations

import difflib
import keyword
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from iku_macros.compute.formula import (
    FormulaError,
    FormulaResult,
    ParsedFormula,
    evaluate_formula,
    evaluation_order,
    find_cycles,
    parse_formula,
)
from iku_macros.compute.ikm import RekapUnsur, compute_ikm
from iku_macros.compute.numbers import round_half_up
from iku_macros.data.characters import fold_id, visible
from iku_macros.data.documents import BerkasDokumen, Berlaku, check_lineage, covered_years
from iku_macros.data.errors import DataError
from iku_macros.data.layout import survey_name
from iku_macros.data.model import (
    Indikator,
    JenisIndikator,
    Kerangka,
    Organisasi,
    Pengaturan,
    PenilaianNilai,
    PerhitunganKomposit,
    Realisasi,
    SurveiIKM,
)
from iku_macros.data.settings import scale_from_settings
from iku_macros.data.yaml_source import Loaded

SurveyKey = tuple[int, str]
"""(tahun, indikator id) of an IKM survey: one survey each."""


@dataclass(frozen=True)
class DocumentFiles:
    """The files of one IKU document, as read: its metadata (``dokumen.yaml``, or ``profil.yaml``
    in the first format), framework and indicators."""

    id: str
    meta: BerkasDokumen | None
    """None when the metadata file is missing or failed its schema (reported already)."""
    kerangka: Loaded | None
    indikator: list[Loaded]


def check_references(
    singles: Mapping[str, Loaded | None],
    folders: Mapping[str, list[Loaded]],
    invalid_ids: set[str] | frozenset[str] = frozenset(),
    rekap_ikm: Mapping[SurveyKey, Sequence[RekapUnsur]] | None = None,
    documents: Sequence[DocumentFiles] = (),
    complete: bool = True,
) -> tuple[Berlaku, list[DataError]]:
    """Which document is in force each year, and the errors in references between files.
    ``invalid_ids`` are indicators whose file failed its schema: they exist, so references to
    them are not reported again (nor references that differ from one only by an invisible or
    look-alike character, which its own error names). ``rekap_ikm`` are the survey totals per
    (tahun, indikator), for checking computed values. ``complete`` is False when a document
    was refused: then which indicators exist and which years are covered is not known, and
    is not reported."""
    invalid_ids = frozenset(invalid_ids) | {fold_id(ident) for ident in invalid_ids}
    errors: list[DataError] = []

    organisasi = singles.get("organisasi")
    if organisasi is not None:
        errors.extend(_check_organisasi(organisasi))

    berlaku, lineage_errors = check_lineage([d.meta for d in documents if d.meta is not None])
    errors.extend(lineage_errors)
    # Per document: its framework, and its indicators against it and against its own period.
    known: dict[str, Loaded] = {}
    per_document: dict[str, dict[str, Loaded]] = {}
    for document in documents:
        parents: dict[str, str] = {}
        if document.kerangka is not None:
            parents, kerangka_errors = _check_kerangka(document.kerangka)
            errors.extend(kerangka_errors)
        years: range | None = None
        if document.meta is not None and document.meta.meta.periode.akhir >= (
            document.meta.meta.periode.awal
        ):
            periode = document.meta.meta.periode
            years = range(periode.awal, periode.akhir + 1)
        errors.extend(
            _check_indicators(
                document.indikator,
                parents if document.kerangka else None,
                years,
                invalid_ids,
                document.id,
            )
        )
        own: dict[str, Loaded] = {}
        for item in document.indikator:
            own.setdefault(item.model.id, item)
        per_document[document.id] = own
        known.update(own)  # documents come in chronological order: the newest version wins
    in_force: dict[int, Mapping[str, Loaded]] = {}

    def for_year(year: int) -> Mapping[str, Loaded]:
        """Each indicator as the document in force in ``year`` defines it (its range, formula,
        kind), falling back to the newest version (a year no document covers is reported)."""
        if year not in in_force:
            own = per_document.get(berlaku.per_tahun.get(year, ""), {})
            in_force[year] = {**known, **own} if own else known
        return in_force[year]

    realisasi_files, realisasi_errors = _check_realisasi(
        folders.get("realisasi", []), for_year, None, invalid_ids, report_unknown=complete
    )
    errors.extend(realisasi_errors)
    survey_files, survey_errors = _check_surveys(
        folders.get("ikm", []), for_year, None, invalid_ids, report_unknown=complete
    )
    errors.extend(survey_errors)
    if complete:
        errors.extend(
            _check_in_force(realisasi_files, survey_files, berlaku, per_document, invalid_ids)
        )
    errors.extend(_check_computed(for_year, realisasi_files, survey_files, rekap_ikm or {}))

    pengaturan = singles.get("pengaturan")
    if pengaturan is not None:
        settings: Pengaturan = pengaturan.model
        try:
            scale_from_settings(settings)
        except ValueError as exc:
            errors.append(
                pengaturan.doc.error(
                    ("skala_predikat",),
                    f"skala predikat tidak sah: {exc}",
                    "tingkat berurutan dari batas_bawah tertinggi, terakhir batas_bawah: null, "
                    "mis. batas_bawah 91, 76, 66, 51, lalu null",
                )
            )
    return berlaku, errors


TAMBAH_DOKUMEN = "python -m iku_macros dokumen-baru AWAL AKHIR --data FOLDER"


def _check_in_force(
    realisasi_files: list[Loaded],
    survey_files: list[Loaded],
    berlaku: Berlaku,
    per_document: Mapping[str, Mapping[str, Loaded]],
    invalid_ids: Set[str],
) -> list[DataError]:
    """Realisasi and surveys belong to a year some document covers, and name indicators of the
    document in force that year (years two documents claim are skipped: that conflict is
    reported with the documents)."""
    errors: list[DataError] = []
    covered = covered_years({**berlaku.per_tahun, **dict.fromkeys(berlaku.tahun_bentrok, "")})
    entries = [
        (item, item.model.tahun, ident, ("realisasi", ident))
        for item in realisasi_files
        for ident in item.model.realisasi
    ]
    entries += [
        (item, item.model.tahun, item.model.indikator, ("indikator",)) for item in survey_files
    ]
    reported_years: set[tuple[str, int]] = set()
    undecided = berlaku.tahun_bentrok  # two documents claim the year: reported with them
    for item, year, ident, loc in entries:
        doc_id = berlaku.per_tahun.get(year)
        if year in undecided:
            continue
        if doc_id is None:
            if (item.berkas, year) not in reported_years:
                reported_years.add((item.berkas, year))
                errors.append(
                    item.doc.error(
                        ("tahun",),
                        f"tidak ada dokumen IKU yang berlaku untuk tahun {year}",
                        f"tahun yang dicakup dokumen: {covered}; untuk tahun lain tambahkan "
                        f"dokumennya dulu: {TAMBAH_DOKUMEN}",
                        str(year),
                    )
                )
            continue
        own = per_document.get(doc_id, {})
        if ident not in own and ident not in invalid_ids and fold_id(ident) not in invalid_ids:
            if ident not in {i for doc in per_document.values() for i in doc}:
                continue  # unknown everywhere: reported as an unknown indicator already
            errors.append(
                item.doc.error(
                    loc,
                    f"indikator `{ident}` tidak ada di dokumen `{doc_id}` yang berlaku tahun "
                    f"{year}",
                    f"id indikator dokumen itu, mis. `{_closest(ident, own)}`; atau tambahkan "
                    f"indikatornya ke dokumen/{doc_id}/indikator/",
                    f"`{ident}`",
                    key=loc[0] == "realisasi",
                )
            )
    return errors


def _duplicate_ids(
    items: list[tuple[str, Loaded, tuple[Any, ...]]], what: str
) -> tuple[dict[str, Loaded], list[DataError]]:
    """First occurrence of each id, and an error for every later repeat."""
    seen: dict[str, tuple[Loaded, tuple[Any, ...]]] = {}
    errors = []
    for ident, loaded, loc in items:
        if ident in seen:
            first, first_loc = seen[ident]
            pos = first.doc.position(first_loc)
            where = f"{first.berkas}:{pos.line}" if pos else first.berkas
            errors.append(
                loaded.doc.error(
                    loc,
                    f"id {what} `{ident}` sudah dipakai di {where}",
                    f"id {what} yang unik, mis. `{ident}_2`",
                    f"`{ident}` (duplikat)",
                )
            )
        else:
            seen[ident] = (loaded, loc)
    return {k: v[0] for k, v in seen.items()}, errors


def _check_organisasi(loaded: Loaded) -> list[DataError]:
    organisasi: Organisasi = loaded.model
    entries = [(u.id, loaded, ("unit", i, "id")) for i, u in enumerate(organisasi.unit)]
    found, errors = _duplicate_ids(entries, "unit")
    index_of: dict[str, int] = {}
    parents: dict[str, list[str]] = {}
    for index, unit in enumerate(organisasi.unit):
        index_of.setdefault(unit.id, index)
        if unit.induk is not None and unit.induk not in found:
            errors.append(
                loaded.doc.error(
                    ("unit", index, "induk"),
                    f"unit induk `{unit.induk}` tidak ada",
                    f"salah satu id unit: {', '.join(found)}",
                    f"`{unit.induk}`",
                )
            )
        elif unit.induk is not None and index_of[unit.id] == index:
            parents[unit.id] = [unit.induk]
    # A unit above itself has no place in the hierarchy: BAB III would silently drop it.
    for cycle in find_cycles(parents):
        first = cycle[0]
        pesan = (
            f"unit `{first}` menjadi induk dirinya sendiri"
            if len(cycle) == 2
            else "induk unit membentuk lingkaran: " + " → ".join(f"`{u}`" for u in cycle)
        )
        errors.append(
            loaded.doc.error(
                ("unit", index_of[first], "induk"),
                pesan,
                "unit teratas tanpa `induk`, dan `induk` setiap unit lain menunjuk ke unit di "
                f"atasnya, mis. hapus baris `induk: {parents[first][0]}` dari unit `{first}`",
                " → ".join(cycle) + " (→ berarti ber-induk)",
            )
        )
    return errors


def _check_kerangka(loaded: Loaded) -> tuple[dict[str, str], list[DataError]]:
    """Ids of tujuan/sasaran/program mapped to their kind, and the errors found."""
    kerangka: Kerangka = loaded.model
    entries = []
    kinds: dict[str, str] = {}
    for section in ("tujuan", "sasaran", "program"):
        for index, item in enumerate(getattr(kerangka, section)):
            entries.append((item.id, loaded, (section, index, "id")))
            kinds.setdefault(item.id, section)
    _, errors = _duplicate_ids(entries, "kerangka")
    tujuan_ids = [t.id for t in kerangka.tujuan]
    sasaran_ids = [s.id for s in kerangka.sasaran]
    for index, sasaran in enumerate(kerangka.sasaran):
        if sasaran.tujuan not in tujuan_ids:
            errors.append(
                loaded.doc.error(
                    ("sasaran", index, "tujuan"),
                    f"tujuan `{sasaran.tujuan}` tidak ada di kerangka.yaml",
                    f"salah satu id tujuan: {', '.join(tujuan_ids)}",
                    f"`{sasaran.tujuan}`",
                )
            )
    for index, program in enumerate(kerangka.program):
        if program.sasaran is not None and program.sasaran not in sasaran_ids:
            errors.append(
                loaded.doc.error(
                    ("program", index, "sasaran"),
                    f"sasaran `{program.sasaran}` tidak ada di kerangka.yaml",
                    f"salah satu id sasaran: {', '.join(sasaran_ids) or '(belum ada sasaran)'}",
                    f"`{program.sasaran}`",
                )
            )
    return kinds, errors


def _year_error(
    loaded: Loaded, loc: tuple[Any, ...], year: int, years: range, document: str = ""
) -> DataError:
    named = f" `{document}`" if document else ""
    return loaded.doc.error(
        loc,
        f"tahun {year} di luar periode dokumen{named} {years.start}–{years.stop - 1}",
        f"tahun antara {years.start} dan {years.stop - 1}, mis. {years.stop - 1}",
        str(year),
        key=True,
    )


def _check_indicators(
    indicators: list[Loaded],
    parents: dict[str, str] | None,
    years: range | None,
    invalid_ids: Set[str],
    document: str = "",
) -> list[DataError]:
    entries = [(item.model.id, item, ("id",)) for item in indicators]
    found, errors = _duplicate_ids(entries, "indikator")
    expected_parent = {
        JenisIndikator.IKU: ("tujuan", "sasaran"),
        JenisIndikator.PROGRAM: ("program",),
    }
    order_seen: dict[tuple[str, int], Loaded] = {}
    references: dict[str, list[str]] = {}
    for item in indicators:
        indikator: Indikator = item.model
        if keyword.iskeyword(indikator.id):
            errors.append(
                item.doc.error(
                    ("id",),
                    f"id `{indikator.id}` adalah kata khusus dan tidak dapat dipakai di rumus",
                    f"id lain, mis. `{indikator.id}_indikator`",
                    f"`{indikator.id}`",
                )
            )
        if parents is not None:
            kind = parents.get(indikator.induk)
            allowed = expected_parent[indikator.jenis]
            if kind not in allowed:
                candidates = [p for p, k in parents.items() if k in allowed]
                errors.append(
                    item.doc.error(
                        ("induk",),
                        f"induk `{indikator.induk}` tidak ada sebagai "
                        f"{' atau '.join(allowed)} di kerangka.yaml",
                        f"salah satu id {'/'.join(allowed)}: {', '.join(candidates)}",
                        f"`{indikator.induk}`"
                        + (f" (sebuah {kind})" if kind else " (tidak dikenal)"),
                    )
                )
        key = (indikator.induk, indikator.urutan)
        if key in order_seen and order_seen[key] is not item:
            other = order_seen[key]
            errors.append(
                item.doc.error(
                    ("urutan",),
                    f"urutan {indikator.urutan} di bawah `{indikator.induk}` sudah dipakai "
                    f"oleh {other.berkas}",
                    "nomor urutan yang berbeda untuk setiap indikator dengan induk yang sama, "
                    f"mis. {_free_order(indicators, indikator.induk)}",
                    str(indikator.urutan),
                )
            )
        order_seen.setdefault(key, item)
        if item.doc.path.stem != indikator.id:
            # Staff find an indicator by its file name, and the site links the file to edit.
            name, stem = visible(item.doc.path.name), visible(item.doc.path.stem)
            errors.append(
                item.doc.error(
                    ("id",),
                    f"nama berkas `{name}` tidak sama dengan id `{indikator.id}`",
                    f"berkas bernama {indikator.id}.yaml (id + .yaml), "
                    f"atau `id: {stem}` bila nama berkasnya yang benar",
                    name,
                )
            )
        errors.extend(_batas_errors(item))
        for year, value in indikator.target.items():
            if years is not None and year not in years:
                errors.append(_year_error(item, ("target", year), year, years, document))
            if value is not None:
                errors.extend(
                    _value_errors(item, ("target", year), item, value, f"target tahun {year}")
                )
        if isinstance(indikator.perhitungan, PerhitunganKomposit):
            try:
                parsed = parse_formula(indikator.perhitungan.rumus)
            except FormulaError as exc:
                errors.append(
                    item.doc.error(
                        ("perhitungan", "rumus"),
                        f"rumus tidak sah: {exc}",
                        "rumus atas id indikator dengan + - * / dan kurung, mis. (a + b) / 2",
                        f'"{visible(indikator.perhitungan.rumus)}"',
                    )
                )
                continue
            references[indikator.id] = list(parsed.references)
            for name in parsed.references:
                if name not in found and name not in invalid_ids:
                    errors.append(
                        item.doc.error(
                            ("perhitungan", "rumus"),
                            f"rumus menyebut indikator `{name}` yang tidak ada",
                            "id indikator yang ada di folder indikator/ dokumen ini, "
                            f"mis. `{_closest(name, found)}`",
                            f"`{name}`",
                        )
                    )
    for cycle in find_cycles(references):
        first = found[cycle[0]]
        errors.append(
            first.doc.error(
                ("perhitungan", "rumus"),
                "rumus membentuk lingkaran: " + " → ".join(cycle),
                "rumus yang tidak bergantung (langsung atau tidak) pada dirinya sendiri, "
                "mis. rumus yang hanya menyebut indikator ber-perhitungan manual atau ikm",
                " → ".join(cycle),
            )
        )
    return errors


def _closest(name: str, known: Mapping[str, object]) -> str:
    """The known id nearest to a mistyped one (else the first), as an example."""
    close = difflib.get_close_matches(name, list(known), n=1)
    return close[0] if close else next(iter(known), "ikm_layanan")


def _free_order(indicators: list[Loaded], induk: str) -> int:
    used = [i.model.urutan for i in indicators if i.model.induk == induk]
    return max(used, default=0) + 1


def inputs_example(indikator: Indikator, year: int) -> str:
    """Where the inputs of a computed indicator go, for the 'do not fill this' message."""
    if isinstance(indikator.perhitungan, PerhitunganKomposit):
        try:
            names = parse_formula(indikator.perhitungan.rumus).references
        except FormulaError:
            return "nilai indikator yang disebut rumusnya"
        return "nilai " + ", ".join(f"`{n}`" for n in names) + " di berkas ini"
    return f"survei di ikm/{year}.yaml"


RATED_RANGES = {
    PenilaianNilai.SAKIP: (Decimal(0), Decimal(100), "nilai SAKIP"),
    PenilaianNilai.IKM: (Decimal(25), Decimal(100), "nilai IKM"),
}
"""Values that carry a regulatory rating must lie on that rating's scale."""


def _angka(value: Decimal | Fraction) -> str:
    """A number as staff write it in YAML (decimal point, no exponent); fractions to 2 places."""
    exact = value if isinstance(value, Decimal) else round_half_up(value, 2)
    return format(exact, "f")


def _batas_errors(item: Loaded) -> list[DataError]:
    indikator: Indikator = item.model
    if indikator.batas is None or indikator.batas.min < indikator.batas.max:
        return []
    return [
        item.doc.error(
            ("batas", "max"),
            "`batas › max` harus lebih besar dari `batas › min`",
            f"mis. `batas: {{min: {_angka(indikator.batas.min)}, "
            f"max: {_angka(indikator.batas.min + 100)}}}`",
            f"min {_angka(indikator.batas.min)}, max {_angka(indikator.batas.max)}",
        )
    ]


@dataclass(frozen=True)
class _Bounds:
    low: Decimal
    high: Decimal
    source: str
    """Where the range comes from, as staff can find it."""
    widen: str | None
    """How to allow values beyond it, when the indicator may declare so."""

    def contains(self, value: Decimal | Fraction) -> bool:
        return self.low <= value <= self.high

    def expected(self, value: Decimal | Fraction) -> str:
        low, high = _angka(self.low), _angka(self.high)
        text = f"angka dari {low} sampai {high}, mis. {low if value < self.low else high}"
        return f"{text}; {self.widen}" if self.widen else text


def _bounds(item: Loaded) -> list[_Bounds] | None:
    """The ranges every value of the indicator must lie in: its own (``batas``, else its
    satuan's default), then the scale of its rating; None when its ``batas`` is itself wrong."""
    if _batas_errors(item):
        return None
    indikator: Indikator = item.model
    rentang = indikator.rentang()
    if rentang.dari_indikator:
        pos = item.doc.position(("batas",), key=True)
        source, widen = f"`batas` di {item.berkas}:{pos.line if pos else 1}", None
    else:
        source = f"bawaan satuan {indikator.satuan.value}"
        widen = (
            f"bila indikator ini memang dapat bernilai di luar {_angka(rentang.min)}–"
            f"{_angka(rentang.max)}, tulis `batas: {{min: ..., max: ...}}` di {item.berkas}"
        )
    bounds = [_Bounds(rentang.min, rentang.max, source, widen)]
    if indikator.penilaian_nilai is not None:
        # A rated value outside its regulation's scale has no predikat at all.
        low, high, scale = RATED_RANGES[indikator.penilaian_nilai]
        bounds.append(_Bounds(low, high, f"skala {scale}", None))
    return bounds


def _outside(item: Loaded, value: Decimal | Fraction) -> _Bounds | None:
    """The first range of the indicator that ``value`` is outside of, if any."""
    return next((b for b in _bounds(item) or [] if not b.contains(value)), None)


def _value_errors(
    where: Loaded,
    loc: tuple[Any, ...],
    indikator_item: Loaded,
    value: Decimal,
    what: str,
) -> list[DataError]:
    """A target or entered realisasi outside its indicator's range or rating scale."""
    bounds = _outside(indikator_item, value)
    if bounds is None:
        return []
    return [
        where.doc.error(
            loc,
            f"{what} bernilai {_angka(value)}, di luar rentang {_angka(bounds.low)}–"
            f"{_angka(bounds.high)} ({bounds.source})",
            bounds.expected(value),
            _angka(value),
        )
    ]


def _check_year_files(
    files: list[Loaded], years: range | None, what: str
) -> tuple[list[Loaded], list[DataError]]:
    """Year files: year inside the period, file named after its year, one file per year."""
    errors = []
    seen: dict[int, Loaded] = {}
    for item in files:
        year = item.model.tahun
        if years is not None and year not in years:
            errors.append(_year_error(item, ("tahun",), year, years))
        if item.doc.path.stem != str(year):
            errors.append(
                item.doc.error(
                    ("tahun",),
                    f"nama berkas tidak sesuai dengan tahun {what}",
                    f"berkas bernama {year}.yaml",
                    item.doc.path.name,
                )
            )
        if year in seen:
            errors.append(
                item.doc.error(
                    ("tahun",),
                    f"tahun {year} sudah ada di {seen[year].berkas}",
                    f"satu berkas {what} per tahun, mis. hanya {year}.yaml untuk tahun {year}",
                    str(year),
                )
            )
        seen.setdefault(year, item)
    return list(seen.values()), errors


def _check_realisasi(
    files: list[Loaded],
    for_year: Callable[[int], Mapping[str, Loaded]],
    years: range | None,
    invalid_ids: Set[str],
    *,
    report_unknown: bool = True,
) -> tuple[list[Loaded], list[DataError]]:
    """Errors in realisasi files, and the files to compute from (one per year); each year's
    values are checked against the indicators as the document in force that year has them."""
    unique, errors = _check_year_files(files, years, "realisasi")
    for item in files:
        realisasi: Realisasi = item.model
        known = for_year(realisasi.tahun)
        for ident in realisasi.realisasi:
            indikator_item = known.get(ident)
            if indikator_item is None and (ident in invalid_ids or not report_unknown):
                continue
            if indikator_item is None:
                errors.append(
                    item.doc.error(
                        ("realisasi", ident),
                        f"indikator `{ident}` tidak ada",
                        "id indikator (nama berkas di folder indikator/ dokumen IKU), mis. "
                        f"`{_closest(ident, known)}`",
                        f"`{ident}`",
                        key=True,
                    )
                )
                continue
            indikator: Indikator = indikator_item.model
            target_pk = realisasi.realisasi[ident].target_pk
            if target_pk is not None:
                errors.extend(
                    _value_errors(
                        item,
                        ("realisasi", ident, "target_pk"),
                        indikator_item,
                        target_pk,
                        f"target_pk `{ident}`",
                    )
                )
            if indikator.perhitungan.jenis == "manual":
                value = realisasi.realisasi[ident].nilai
                if value is not None:
                    errors.extend(
                        _value_errors(
                            item,
                            ("realisasi", ident, "nilai"),
                            indikator_item,
                            value,
                            f"realisasi `{ident}`",
                        )
                    )
            elif realisasi.realisasi[ident].nilai is not None or target_pk is None:
                # Only a Perjanjian Kinerja target may be given for a computed indicator.
                sumber = "rumusnya" if indikator.perhitungan.jenis == "komposit" else "survei IKM"
                errors.append(
                    item.doc.error(
                        ("realisasi", ident),
                        f"realisasi `{ident}` dihitung dari {sumber}; jangan diisi di sini",
                        "hapus baris ini; isi data masukannya, mis. "
                        + inputs_example(indikator, realisasi.tahun),
                        f"`{ident}`",
                        key=True,
                    )
                )
    return unique, errors


def _check_surveys(
    files: list[Loaded],
    for_year: Callable[[int], Mapping[str, Loaded]],
    years: range | None,
    invalid_ids: Set[str],
    *,
    report_unknown: bool = True,
) -> tuple[list[Loaded], list[DataError]]:
    """Errors in survey files, and the surveys to compute from (one per year and indicator).

    ``files`` come in :func:`~iku_macros.data.layout.survey_name` order, so of two surveys of one
    indicator in one year the later file is the one reported."""
    errors: list[DataError] = []
    seen: dict[SurveyKey, Loaded] = {}
    for item in files:
        survei: SurveiIKM = item.model
        # An indicator may be computed from a survey in one document and not in another.
        known = for_year(survei.tahun)
        ikm_ids = [i for i, entry in known.items() if entry.model.perhitungan.jenis == "ikm"]
        if years is not None and survei.tahun not in years:
            errors.append(_year_error(item, ("tahun",), survei.tahun, years))
        named = survey_name(item.doc.path.name)
        if named is not None and named[0] != survei.tahun:
            errors.append(_survey_year_error(item, survei.tahun, named))
        unknown = survei.indikator not in ikm_ids and survei.indikator not in invalid_ids
        if unknown and (report_unknown or survei.indikator in known):
            errors.append(
                item.doc.error(
                    ("indikator",),
                    f"indikator `{survei.indikator}` tidak ada atau tidak ber-perhitungan ikm",
                    f"salah satu id: {', '.join(ikm_ids) or '(belum ada indikator ikm)'}",
                    f"`{survei.indikator}`",
                )
            )
        key = (survei.tahun, survei.indikator)
        if key in seen:
            errors.append(_duplicate_survey_error(item, seen[key], ikm_ids))
        else:
            seen[key] = item
    return list(seen.values()), errors


def _survey_year_error(item: Loaded, tahun: int, named: tuple[int, str]) -> DataError:
    year, nama = named
    name = visible(item.doc.path.name)
    fixed = f"{tahun}-{nama}.yaml" if nama else f"{tahun}.yaml"
    return item.doc.error(
        ("tahun",),
        f"`tahun: {tahun}` tidak sama dengan tahun {year} di nama berkas `{name}`",
        f"berkas bernama {fixed}, atau `tahun: {year}` bila nama berkasnya yang benar",
        str(tahun),
    )


def _duplicate_survey_error(item: Loaded, first: Loaded, ikm_ids: list[str]) -> DataError:
    survei: SurveiIKM = item.model
    pos = first.doc.position(("indikator",))
    where = f"{first.berkas}:{pos.line}" if pos else first.berkas
    others = [i for i in ikm_ids if i != survei.indikator]
    instead = f"`indikator:` id indikator ikm lain, mis. `{others[0]}`, atau " if others else ""
    return item.doc.error(
        ("indikator",),
        f"survei IKM tahun {survei.tahun} untuk indikator `{survei.indikator}` sudah ada di "
        f"{where}",
        f"satu survei per indikator per tahun: {instead}gabungkan jawabannya ke "
        f"{first.doc.path.name} lalu hapus berkas ini",
        f"`{survei.indikator}` (lagi, untuk tahun {survei.tahun})",
    )


def _formulas(
    known: Mapping[str, Loaded],
) -> tuple[dict[str, ParsedFormula], list[str]] | None:
    """The composites' parsed formulas and their evaluation order (None on a cycle, which is
    reported with the indicators; unparsable formulas are too, and left out)."""
    formulas: dict[str, ParsedFormula] = {}
    for ident, item in known.items():
        if isinstance(item.model.perhitungan, PerhitunganKomposit):
            try:
                formulas[ident] = parse_formula(item.model.perhitungan.rumus)
            except FormulaError:
                continue
    try:
        return formulas, evaluation_order({i: f.references for i, f in formulas.items()})
    except FormulaError:
        return None


def _check_computed(
    for_year: Callable[[int], Mapping[str, Loaded]],
    realisasi_files: list[Loaded],
    survey_files: list[Loaded],
    rekap_ikm: Mapping[SurveyKey, Sequence[RekapUnsur]],
) -> list[DataError]:
    """Realisasi computed from a survey or a formula must lie in its indicator's range too:
    inputs that are each within range can still combine into an absurd figure. Each year is
    computed with the definitions of the document in force that year."""
    realisasi = {item.model.tahun: item.model for item in realisasi_files}
    surveys: dict[int, list[Loaded]] = {}
    for item in survey_files:
        surveys.setdefault(item.model.tahun, []).append(item)
    errors: list[DataError] = []
    parsed: dict[int, tuple[dict[str, ParsedFormula], list[str]] | None] = {}
    for year in sorted(set(realisasi) | set(surveys)):
        known = for_year(year)
        if id(known) not in parsed:
            parsed[id(known)] = _formulas(known)
        found = parsed[id(known)]
        if found is None:
            continue
        formulas, order = found
        values = _entered_in_range(known, realisasi.get(year))
        for survey in surveys.get(year, []):
            key = (year, survey.model.indikator)
            target = known.get(survey.model.indikator)
            # A survey naming a missing or non-ikm indicator is reported with the survey.
            if target and target.model.perhitungan.jenis == "ikm" and key in rekap_ikm:
                value, error = _survey_value(target, survey, rekap_ikm[key])
                values[survey.model.indikator] = value
                errors.extend(error)
        for ident in order:
            result = evaluate_formula(formulas[ident], values)
            value, error = _composite_value(known[ident], year, formulas[ident], values, result)
            values[ident] = value
            errors.extend(error)
    return errors


def _entered_in_range(
    known: Mapping[str, Loaded], realisasi: Realisasi | None
) -> dict[str, Fraction | None]:
    """A year's entered values; out-of-range ones are left out, as they are reported already."""
    values: dict[str, Fraction | None] = {}
    for ident, entry in (realisasi.realisasi if realisasi else {}).items():
        item = known.get(ident)
        if item is None or entry.nilai is None or item.model.perhitungan.jenis != "manual":
            continue
        value = Fraction(entry.nilai)
        values[ident] = None if _outside(item, value) else value
    return values


def _survey_value(
    item: Loaded, survey: Loaded, rekap: Sequence[RekapUnsur]
) -> tuple[Fraction | None, list[DataError]]:
    try:
        value = compute_ikm(rekap).ikm
    except ValueError:
        return None, []  # impossible totals are reported with the survey
    bounds = _outside(item, value)
    if bounds is None:
        return value, []
    return None, [
        survey.doc.error(
            ("indikator",),
            f"IKM hasil survei {survey.model.tahun} = {_angka(value)}, di luar rentang "
            f"{_angka(bounds.low)}–{_angka(bounds.high)} ({bounds.source})",
            bounds.expected(value),
            _angka(value),
        )
    ]


def _composite_value(
    item: Loaded,
    year: int,
    parsed: ParsedFormula,
    values: Mapping[str, Fraction | None],
    result: FormulaResult,
) -> tuple[Fraction | None, list[DataError]]:
    """The composite's value to feed later formulas, and an error when it is out of range."""
    value: Fraction | None = result.nilai
    if value is None and not result.melampaui_batas:
        return None, []  # missing input or x/0: shown on the site with its reason
    bounds = _outside(item, value) if value is not None else _first_bounds(item)
    if bounds is None:
        return value, []
    shown = "melampaui ±10^12" if value is None else _angka(value)
    inputs = ", ".join(
        f"{ref} = {_angka(v) if (v := values.get(ref)) is not None else '–'}"
        for ref in parsed.references
    )
    return None, [
        item.doc.error(
            ("perhitungan", "rumus"),
            f"hasil rumus untuk tahun {year} = {shown}, di luar rentang {_angka(bounds.low)}–"
            f"{_angka(bounds.high)} ({bounds.source})",
            f"hasil dari {_angka(bounds.low)} sampai {_angka(bounds.high)}: periksa nilai "
            f"masukannya di realisasi/{year}.yaml, rumusnya, atau `batas`-nya",
            f"{inputs} → {shown}",
        )
    ]


def _first_bounds(item: Loaded) -> _Bounds | None:
    """The indicator's own range (for a result too large to compare), if its batas is sound."""
    bounds = _bounds(item)
    return bounds[0] if bounds else None
