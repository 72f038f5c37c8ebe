"""Read every file under a data directory into a validated :class:`Dataset`.

All problems are collected — syntax, schema, and cross-file references — and raised together as
one :class:`DataValidationError`, so staff fix everything in one round instead of one error per
build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .compute.ikm import RekapUnsur
from .errors import DataError, DataValidationError, display_path
from .ikm_csv import read_rekap
from .messages import translate
from .model import (
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
from .validation import check_references
from .yaml_source import Document, Loaded, read_yaml

SINGLE_FILES = (
    "profil",
    "wilayah",
    "organisasi",
    "landasan_hukum",
    "pengertian",
    "kerangka",
)
OPTIONAL_FILES = ("pengaturan",)
FOLDERS = {"indikator": "indikator", "realisasi": "realisasi", "ikm": "ikm"}


@dataclass(frozen=True)
class SurveiTahun:
    """One year's IKM survey with its per-unsur totals (from the YAML or the raw CSV)."""

    survei: SurveiIKM
    rekap: tuple[RekapUnsur, ...]
    berkas: str
    berkas_responden: str | None


@dataclass(frozen=True)
class Dataset:
    root: Path
    profil: Profil
    wilayah: Wilayah
    organisasi: Organisasi
    landasan_hukum: LandasanHukum
    pengertian: Pengertian
    kerangka: Kerangka
    pengaturan: Pengaturan
    indikator: dict[str, Indikator]
    """Indicators in document order (framework order, then ``urutan``)."""
    realisasi: dict[int, Realisasi]
    ikm: dict[int, SurveiTahun]
    berkas: dict[str, str]
    """Source file of each item, relative to the repository, keyed ``indikator:<id>``,
    ``realisasi:<tahun>``, ``ikm:<tahun>``, or the single file's name."""

    @property
    def tahun(self) -> range:
        periode = self.profil.dokumen.periode
        return range(periode.awal, periode.akhir + 1)


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


def _read(path: Path, kind: str, errors: list[DataError]) -> tuple[Document | None, Loaded | None]:
    """Parse and validate one file; the document is returned even when validation fails."""
    doc, parse_errors = read_yaml(path, display_path(path))
    errors.extend(parse_errors)
    if doc is None:
        return None, None
    # A file with duplicate keys is still validated, so its other errors show in the same run.
    model = _validate(doc, kind, errors)
    return doc, (Loaded(model, doc) if model is not None else None)


def load_dataset(root: Path | str) -> Dataset:
    """Load and validate ``root``; raise :class:`DataValidationError` listing every problem."""
    root = Path(root)
    errors: list[DataError] = []
    if not root.is_dir():
        raise DataValidationError(
            [DataError(display_path(root), None, None, "folder data tidak ditemukan")]
        )

    singles: dict[str, Loaded | None] = {}
    for name in (*SINGLE_FILES, *OPTIONAL_FILES):
        path = root / f"{name}.yaml"
        if not path.exists():
            if name in SINGLE_FILES:
                errors.append(
                    DataError(
                        display_path(path),
                        None,
                        None,
                        "berkas wajib tidak ada",
                        f"berkas {name}.yaml di folder data (contoh: data_contoh/{name}.yaml)",
                        "tidak ada",
                    )
                )
            singles[name] = None
            continue
        singles[name] = _read(path, name, errors)[1]

    folders: dict[str, list[Loaded]] = {}
    # Ids of indicator files that failed their schema: references to them are not reported as
    # unknown, since the file's own errors already say what to fix.
    invalid_ids: set[str] = set()
    for kind, folder in FOLDERS.items():
        folders[kind] = []
        for path in sorted((root / folder).glob("*.yaml")) if (root / folder).is_dir() else []:
            doc, loaded = _read(path, kind, errors)
            if loaded is not None:
                folders[kind].append(loaded)
            elif doc is not None and isinstance(doc.data, dict) and kind == "indikator":
                invalid_ids.add(str(doc.data.get("id")))
        for path in sorted((root / folder).glob("*.yml")) if (root / folder).is_dir() else []:
            errors.append(
                DataError(
                    display_path(path),
                    None,
                    None,
                    "ekstensi berkas tidak dibaca",
                    f"nama berkas berakhiran .yaml, mis. {path.stem}.yaml",
                    path.name,
                )
            )

    rekap: dict[int, tuple[tuple[RekapUnsur, ...], str | None]] = {}
    for loaded in folders["ikm"]:
        survei: SurveiIKM = loaded.model
        result, csv_display, csv_errors = read_rekap(survei, loaded.doc)
        errors.extend(csv_errors)
        if result is not None:
            rekap[survei.tahun] = (result, csv_display)

    errors.extend(check_references(singles, folders, invalid_ids))
    if errors:
        raise DataValidationError(errors)

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
    surveys = {}
    for loaded in folders["ikm"]:
        survei = loaded.model
        totals, csv_display = rekap[survei.tahun]
        berkas[f"ikm:{survei.tahun}"] = _rel(loaded.doc.path, repo_root)
        surveys[survei.tahun] = SurveiTahun(
            survei, totals, berkas[f"ikm:{survei.tahun}"], csv_display
        )
    pengaturan = singles["pengaturan"]
    return Dataset(
        root=root,
        profil=model("profil"),  # type: ignore[arg-type]
        wilayah=model("wilayah"),  # type: ignore[arg-type]
        organisasi=model("organisasi"),  # type: ignore[arg-type]
        landasan_hukum=model("landasan_hukum"),  # type: ignore[arg-type]
        pengertian=model("pengertian"),  # type: ignore[arg-type]
        kerangka=kerangka,
        pengaturan=pengaturan.model if pengaturan else Pengaturan(),  # type: ignore[arg-type]
        indikator=indikator,
        realisasi=dict(sorted((r.model.tahun, r.model) for r in folders["realisasi"])),
        ikm=dict(sorted(surveys.items())),
        berkas=berkas,
    )


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
