"""Cross-file checks: ids, parents, formulas, years and realisasi keys.

Each file already matched its schema; here we check what no single file can: that the references
between files resolve and that the years fit the document's period.
"""

from __future__ import annotations

import difflib
import keyword
from collections.abc import Mapping, Set
from decimal import Decimal
from typing import Any

from .compute.formula import FormulaError, find_cycles, parse_formula
from .errors import DataError
from .model import (
    Indikator,
    JenisIndikator,
    Kerangka,
    Organisasi,
    Pengaturan,
    PenilaianNilai,
    PerhitunganKomposit,
    Profil,
    Realisasi,
    SurveiIKM,
)
from .settings import scale_from_settings
from .yaml_source import Loaded


def check_references(
    singles: Mapping[str, Loaded | None],
    folders: Mapping[str, list[Loaded]],
    invalid_ids: set[str] | frozenset[str] = frozenset(),
) -> list[DataError]:
    """Errors in references between files. ``invalid_ids`` are indicators whose file failed
    its schema: they exist, so references to them are not reported again."""
    errors: list[DataError] = []
    profil = singles.get("profil")
    years: range | None = None
    if profil is not None:
        model: Profil = profil.model
        periode = model.dokumen.periode
        if periode.akhir < periode.awal:
            errors.append(
                profil.doc.error(
                    ("dokumen", "periode", "akhir"),
                    "tahun akhir periode lebih kecil dari tahun awal",
                    f"tahun ≥ {periode.awal}, mis. {periode.awal + 5}",
                    str(periode.akhir),
                )
            )
        else:
            years = range(periode.awal, periode.akhir + 1)

    organisasi = singles.get("organisasi")
    if organisasi is not None:
        errors.extend(_check_organisasi(organisasi))

    kerangka = singles.get("kerangka")
    parents: dict[str, str] = {}
    if kerangka is not None:
        parents, kerangka_errors = _check_kerangka(kerangka)
        errors.extend(kerangka_errors)

    indicators = folders.get("indikator", [])
    errors.extend(_check_indicators(indicators, parents if kerangka else None, years, invalid_ids))
    known = {item.model.id: item.model for item in indicators}
    errors.extend(_check_realisasi(folders.get("realisasi", []), known, years, invalid_ids))
    errors.extend(_check_surveys(folders.get("ikm", []), known, years, invalid_ids))

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
    for index, unit in enumerate(organisasi.unit):
        if unit.induk is not None and unit.induk not in found:
            errors.append(
                loaded.doc.error(
                    ("unit", index, "induk"),
                    f"unit induk `{unit.induk}` tidak ada",
                    f"salah satu id unit: {', '.join(found)}",
                    f"`{unit.induk}`",
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


def _year_error(loaded: Loaded, loc: tuple[Any, ...], year: int, years: range) -> DataError:
    return loaded.doc.error(
        loc,
        f"tahun {year} di luar periode dokumen {years.start}–{years.stop - 1}",
        f"tahun antara {years.start} dan {years.stop - 1}, mis. {years.stop - 1}",
        str(year),
        key=True,
    )


def _check_indicators(
    indicators: list[Loaded],
    parents: dict[str, str] | None,
    years: range | None,
    invalid_ids: Set[str],
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
        for year, value in indikator.target.items():
            if years is not None and year not in years:
                errors.append(_year_error(item, ("target", year), year, years))
            if value is not None:
                errors.extend(_range_errors(item, ("target", year), indikator, value))
        if isinstance(indikator.perhitungan, PerhitunganKomposit):
            try:
                parsed = parse_formula(indikator.perhitungan.rumus)
            except FormulaError as exc:
                errors.append(
                    item.doc.error(
                        ("perhitungan", "rumus"),
                        f"rumus tidak sah: {exc}",
                        "rumus atas id indikator dengan + - * / dan kurung, mis. (a + b) / 2",
                        f'"{indikator.perhitungan.rumus}"',
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
                            "id indikator yang ada di folder indikator/, "
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
    return close[0] if close else next(iter(known), "ikm_kecamatan")


def _free_order(indicators: list[Loaded], induk: str) -> int:
    used = [i.model.urutan for i in indicators if i.model.induk == induk]
    return max(used, default=0) + 1


def _inputs_example(indikator: Indikator, year: int) -> str:
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


def _range_errors(
    item: Loaded, loc: tuple[Any, ...], indikator: Indikator, value: Decimal
) -> list[DataError]:
    if indikator.penilaian_nilai is None:
        return []
    low, high, what = RATED_RANGES[indikator.penilaian_nilai]
    if low <= value <= high:
        return []
    return [
        item.doc.error(
            loc,
            f"{what} harus antara {low} dan {high}",
            f"angka {low}–{high}, mis. 85.5",
            str(value),
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
    files: list[Loaded], known: dict[str, Indikator], years: range | None, invalid_ids: Set[str]
) -> list[DataError]:
    _, errors = _check_year_files(files, years, "realisasi")
    for item in files:
        realisasi: Realisasi = item.model
        for ident in realisasi.realisasi:
            indikator = known.get(ident)
            if indikator is None and ident in invalid_ids:
                continue
            if indikator is None:
                errors.append(
                    item.doc.error(
                        ("realisasi", ident),
                        f"indikator `{ident}` tidak ada",
                        "id indikator dari folder indikator/, mis. "
                        + (f"`{next(iter(known))}`" if known else "`ikm_kecamatan`"),
                        f"`{ident}`",
                        key=True,
                    )
                )
            elif indikator.perhitungan.jenis == "manual":
                value = realisasi.realisasi[ident].nilai
                if value is not None:
                    errors.extend(
                        _range_errors(item, ("realisasi", ident, "nilai"), indikator, value)
                    )
            else:
                sumber = "rumusnya" if indikator.perhitungan.jenis == "komposit" else "survei IKM"
                errors.append(
                    item.doc.error(
                        ("realisasi", ident),
                        f"realisasi `{ident}` dihitung dari {sumber}; jangan diisi di sini",
                        "hapus baris ini; isi data masukannya, mis. "
                        + _inputs_example(indikator, realisasi.tahun),
                        f"`{ident}`",
                        key=True,
                    )
                )
    return errors


def _check_surveys(
    files: list[Loaded], known: dict[str, Indikator], years: range | None, invalid_ids: Set[str]
) -> list[DataError]:
    _, errors = _check_year_files(files, years, "survei IKM")
    ikm_ids = [i.id for i in known.values() if i.perhitungan.jenis == "ikm"]
    for item in files:
        survei: SurveiIKM = item.model
        if survei.indikator not in ikm_ids and survei.indikator not in invalid_ids:
            errors.append(
                item.doc.error(
                    ("indikator",),
                    f"indikator `{survei.indikator}` tidak ada atau tidak ber-perhitungan ikm",
                    f"salah satu id: {', '.join(ikm_ids) or '(belum ada indikator ikm)'}",
                    f"`{survei.indikator}`",
                )
            )
    return errors
