"""Read every file under a data directory into a validated :class:`Dataset`.

All problems are collected — syntax, schema, and cross-file references — and raised together as
one :class:`DataValidationError`, so staff fix everything in one round instead of one error per
build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from iku_macros.compute.ikm import RekapUnsur
from iku_macros.data.errors import DataError, DataValidationError, display_path
from iku_macros.data.ikm_csv import read_rekap, unreferenced_csv
from iku_macros.data.layout import LAYOUT, scan, survey_name
from iku_macros.data.messages import translate
from iku_macros.data.model import (
    FILE_MODELS,
    Indikator,
    Kerangka,
    LandasanHukum,
    Organisasi,
    Pengaturan,
    Pengertian,
    Profil,
    Realisasi,
    SurveiIKM,
    Wilayah,
)
from iku_macros.data.narasi import check_narasi
from iku_macros.data.unit_types import UnitType, unit_type
from iku_macros.data.validation import SurveyKey, check_references
from iku_macros.data.yaml_source import Document, Loaded, read_yaml

# Which files are where is defined once, in layout.LAYOUT; these are the YAML kinds read here.
SINGLE_FILES = tuple(r.kind for r in LAYOUT if "/" not in r.pattern and r.kind in FILE_MODELS)
# A kind may have several rules (ikm/<tahun>.yaml, ikm/<tahun>-<nama>.yaml): each is read once.
FOLDER_KINDS = tuple(
    dict.fromkeys(r.kind for r in LAYOUT if "/" in r.pattern and r.kind in FILE_MODELS)
)


@dataclass(frozen=True)
class SurveiTahun:
    """One IKM survey (of one indicator in one year) with its per-unsur totals (from the YAML
    or the raw CSV)."""

    survei: SurveiIKM
    rekap: tuple[RekapUnsur, ...]
    berkas: str
    berkas_responden: str | None

    @property
    def key(self) -> SurveyKey:
        return (self.survei.tahun, self.survei.indikator)


@dataclass(frozen=True)
class Dataset:
    root: Path
    profil: Profil
    wilayah: Wilayah | None
    """None when the folder has no wilayah.yaml (a dinas, a badan, ...)."""
    organisasi: Organisasi
    landasan_hukum: LandasanHukum
    pengertian: Pengertian
    kerangka: Kerangka
    pengaturan: Pengaturan
    indikator: dict[str, Indikator]
    """Indicators in document order (framework order, then ``urutan``)."""
    realisasi: dict[int, Realisasi]
    ikm: dict[SurveyKey, SurveiTahun]
    """Surveys by (tahun, indikator): by year, then in indicator (document) order."""
    berkas: dict[str, str]
    """Source file of each item, relative to the repository, keyed ``indikator:<id>``,
    ``realisasi:<tahun>``, ``ikm:<tahun>:<indikator>``, ``ikm:<tahun>`` (the year's first
    survey), or the single file's name."""

    @property
    def tahun(self) -> range:
        periode = self.profil.dokumen.periode
        return range(periode.awal, periode.akhir + 1)

    @property
    def unit_type(self) -> UnitType:
        return unit_type(self.profil.instansi.jenis)

    @property
    def sebutan_desa(self) -> str:
        """The word before each name of the wilayah's list: the data's own, else the type's."""
        if self.wilayah is not None and self.wilayah.sebutan is not None:
            return self.wilayah.sebutan
        return self.unit_type.sebutan_desa

    def tahun_ikm(self) -> list[int]:
        """Years with at least one survey."""
        return sorted({tahun for tahun, _ in self.ikm})

    def survei_tahun(self, tahun: int) -> list[SurveiTahun]:
        """The surveys of one year, in indicator order."""
        return [survei for (year, _), survei in self.ikm.items() if year == tahun]


# Mappings whose bad entries can be set aside so the rest of the file is still cross-checked
# (e.g. one mistyped realisasi value must not hide an unknown indicator id two lines below).
SALVAGEABLE = {"indikator": "target", "realisasi": "realisasi"}


def _validate(doc: Document, kind: str, errors: list[DataError]) -> BaseModel | None:
    """The validated model; on errors, a model of the file without its bad entries (used only
    for cross-checks, since the recorded errors already stop the build), or None."""
    model = FILE_MODELS[kind]
    if doc.data is None:
        errors.append(
            doc.error(
                (),
                "berkas kosong",
                f"isi berkas {kind}, mis. salin susunan berkas sejenis di data_contoh/",
                "tidak ada isi",
            )
        )
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        errors.extend(translate(exc, doc, model))
        return _salvage(model, doc.data, exc, SALVAGEABLE.get(kind))


def _salvage(
    model: type[BaseModel], data: object, exc: ValidationError, field: str | None
) -> BaseModel | None:
    locs = [error["loc"] for error in exc.errors()]
    if field is None or not isinstance(data, dict) or not isinstance(data.get(field), dict):
        return None
    if not all(len(loc) >= 2 and loc[0] == field for loc in locs):
        return None
    bad = {loc[1] for loc in locs}
    pruned = {**data, field: {k: v for k, v in data[field].items() if k not in bad}}
    try:
        return model.model_validate(pruned)
    except ValidationError:
        return None


def _read(
    path: Path, root: Path, kind: str, errors: list[DataError]
) -> tuple[Document | None, Loaded | None]:
    """Parse and validate one file; the document is returned even when validation fails."""
    doc, parse_errors = read_yaml(path, display_path(path), root=root)
    errors.extend(parse_errors)
    if doc is None:
        return None, None
    # A file with duplicate keys or a refused value is still validated, so its other errors
    # show in the same run; the schema's complaint about a value the reader already refused
    # (kept as its text) would only repeat it.
    refused = {(e.baris, e.kolom) for e in parse_errors if e.baris is not None}
    schema_errors: list[DataError] = []
    model = _validate(doc, kind, schema_errors)
    errors.extend(e for e in schema_errors if (e.baris, e.kolom) not in refused)
    return doc, (Loaded(model, doc) if model is not None else None)


def load_dataset(root: Path | str) -> Dataset:
    """Load and validate ``root``; raise :class:`DataValidationError` listing every problem."""
    root = Path(root)
    errors: list[DataError] = []
    if not root.is_dir():
        raise DataValidationError(
            [DataError(display_path(root), None, None, "folder data tidak ditemukan")]
        )

    layout = scan(root)
    errors.extend(layout.errors)
    singles: dict[str, Loaded | None] = {}
    for name in SINGLE_FILES:
        path = layout.single(name)
        singles[name] = _read(path, root, name, errors)[1] if path else None

    folders: dict[str, list[Loaded]] = {}
    # Ids of indicator files that failed their schema: references to them are not reported as
    # unknown, since the file's own errors already say what to fix.
    invalid_ids: set[str] = set()
    named_csv: set[str] = set()  # from every ikm file, valid or not, so none is called unused
    for kind in FOLDER_KINDS:
        folders[kind] = []
        paths = layout.files[kind]
        if kind == "ikm":  # the order that decides which of two clashing surveys is reported
            paths = sorted(paths, key=lambda p: survey_name(p.name) or (0, p.name))
        for path in paths:
            doc, loaded = _read(path, root, kind, errors)
            if doc is not None and isinstance(doc.data, dict) and kind == "ikm":
                named_csv.add(str(doc.data.get("berkas_responden")))
            if loaded is not None:
                folders[kind].append(loaded)
            elif kind == "indikator":
                # Also by file name: an unreadable file has no id, yet its errors are reported.
                invalid_ids.add(path.stem)
                if doc is not None and isinstance(doc.data, dict):
                    invalid_ids.add(str(doc.data.get("id")))

    rekap: dict[SurveyKey, tuple[tuple[RekapUnsur, ...], str | None]] = {}
    for loaded in folders["ikm"]:
        survei: SurveiIKM = loaded.model
        result, csv_display, csv_errors = read_rekap(survei, loaded.doc, root)
        errors.extend(csv_errors)
        if result is not None:
            # A second survey of the same key is an error of its own; the first one counts.
            rekap.setdefault((survei.tahun, survei.indikator), (result, csv_display))
    errors.extend(unreferenced_csv(layout.files["ikm_csv"], named_csv))

    totals = {key: result for key, (result, _) in rekap.items()}
    errors.extend(check_references(singles, folders, invalid_ids, rekap_ikm=totals))
    errors.extend(check_narasi(root))
    if errors:
        # The layout scan and a reader may refuse the same file (e.g. a symlinked CSV) alike.
        raise DataValidationError(_capped(list(dict.fromkeys(errors))))

    def model(name: str) -> BaseModel:
        item = singles[name]
        assert item is not None  # guaranteed: missing/invalid files raised above
        return item.model

    kerangka: Kerangka = model("kerangka")  # type: ignore[assignment]
    indikator = _ordered_indicators(kerangka, folders["indikator"])
    repo_root = root.parent
    berkas = {name: _rel(item.doc.path, repo_root) for name, item in singles.items() if item}
    berkas.update(
        {f"indikator:{i.model.id}": _rel(i.doc.path, repo_root) for i in folders["indikator"]}
    )
    berkas.update(
        {f"realisasi:{r.model.tahun}": _rel(r.doc.path, repo_root) for r in folders["realisasi"]}
    )
    order = {ident: index for index, ident in enumerate(indikator)}
    surveys: dict[SurveyKey, SurveiTahun] = {}
    for loaded in folders["ikm"]:
        survei = loaded.model
        key = (survei.tahun, survei.indikator)
        unsur, csv_display = rekap[key]
        path = _rel(loaded.doc.path, repo_root)
        berkas[f"ikm:{survei.tahun}:{survei.indikator}"] = path
        surveys[key] = SurveiTahun(survei, unsur, path, csv_display)
    surveys = dict(sorted(surveys.items(), key=lambda kv: (kv[0][0], order[kv[0][1]])))
    for (tahun, _), item in surveys.items():
        berkas.setdefault(f"ikm:{tahun}", item.berkas)
    pengaturan = singles["pengaturan"]
    wilayah = singles["wilayah"]
    return Dataset(
        root=root,
        profil=model("profil"),  # type: ignore[arg-type]
        wilayah=wilayah.model if wilayah else None,  # type: ignore[arg-type]
        organisasi=model("organisasi"),  # type: ignore[arg-type]
        landasan_hukum=model("landasan_hukum"),  # type: ignore[arg-type]
        pengertian=model("pengertian"),  # type: ignore[arg-type]
        kerangka=kerangka,
        pengaturan=pengaturan.model if pengaturan else Pengaturan(),  # type: ignore[arg-type]
        indikator=indikator,
        realisasi=dict(sorted((r.model.tahun, r.model) for r in folders["realisasi"])),
        ikm=surveys,
        berkas=berkas,
    )


MAX_ERRORS_PER_FILE = 50
"""Errors listed per file; a generated or pasted file with thousands of bad entries would
otherwise bury the rest of the report (and the CI log)."""


def _capped(errors: list[DataError]) -> list[DataError]:
    by_file: dict[str, list[DataError]] = {}
    for error in errors:
        by_file.setdefault(error.berkas, []).append(error)
    kept: list[DataError] = []
    for berkas, found in by_file.items():
        found.sort(key=lambda e: (e.baris or 0, e.kolom or 0))
        kept.extend(found[:MAX_ERRORS_PER_FILE])
        if len(found) > MAX_ERRORS_PER_FILE:
            kept.append(
                DataError(
                    berkas,
                    None,
                    None,
                    f"{len(found) - MAX_ERRORS_PER_FILE} kesalahan lain di berkas ini tidak "
                    "ditampilkan",
                    "perbaiki kesalahan di atas, lalu periksa lagi",
                )
            )
    return kept


def _rel(path: Path, base: Path) -> str:
    return path.resolve().relative_to(base.resolve()).as_posix()


def _ordered_indicators(kerangka: Kerangka, loaded: list[Loaded]) -> dict[str, Indikator]:
    """Framework order: each tujuan, its sasaran, then programs; ``urutan`` within a parent."""
    parents = [t.id for t in kerangka.tujuan]
    for tujuan in kerangka.tujuan:
        parents.extend(s.id for s in kerangka.sasaran if s.tujuan == tujuan.id)
    parents.extend(p.id for p in kerangka.program)
    rank = {parent: index for index, parent in enumerate(parents)}
    items: list[Indikator] = [item.model for item in loaded]
    items.sort(key=lambda i: (rank.get(i.induk, len(rank)), i.urutan, i.id))
    return {item.id: item for item in items}
