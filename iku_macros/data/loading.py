"""Read every file under a data directory into a validated :class:`Dataset`.

All problems are collected — syntax, schema, and cross-file references — and raised together as
one :class:`DataValidationError`, so staff fix everything in one round instead of one error per
build.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel, ValidationError

from iku_macros.compute.ikm import RekapUnsur
from iku_macros.data.documents import (
    BerkasDokumen,
    DokumenTerbaca,
    legacy_document_id,
    legacy_meta,
    merged_framework,
    merged_indicators,
    ordered,
)
from iku_macros.data.errors import DataError, DataValidationError, display_path
from iku_macros.data.ikm_csv import read_rekap, unreferenced_csv
from iku_macros.data.layout import DOKUMEN_FOLDER, LAYOUT, document_of, scan, survey_name
from iku_macros.data.messages import translate
from iku_macros.data.model import (
    FILE_MODELS,
    Dokumen,
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
from iku_macros.data.validation import (
    TAMBAH_DOKUMEN,
    DocumentFiles,
    SurveyKey,
    check_references,
)
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
    """The framework of the view: every document's, merged (newest first), or in a
    :meth:`untuk_dokumen` view that document's own."""
    pengaturan: Pengaturan
    indikator: dict[str, Indikator]
    """Indicators in framework order. In the publication view: one series per id across
    documents, each year's target from the document in force that year (see
    :func:`~iku_macros.data.documents.merged_indicators`); in a document view: its own."""
    realisasi: dict[int, Realisasi]
    ikm: dict[SurveyKey, SurveiTahun]
    """Surveys by (tahun, indikator): by year, then in indicator (document) order."""
    berkas: dict[str, str]
    """Source file of each item, relative to the repository, keyed ``indikator:<id>`` (the
    newest version), ``indikator:<dokumen>:<id>``, ``dokumen:<dokumen>``,
    ``kerangka:<dokumen>``, ``realisasi:<tahun>``, ``ikm:<tahun>:<indikator>``, ``ikm:<tahun>``
    (the year's first survey), or the single file's name."""
    dokumen: dict[str, DokumenTerbaca] = field(default_factory=dict)
    """Every IKU document, in chronological order."""
    berlaku: dict[int, str] = field(default_factory=dict)
    """The id of the document in force, per year some document covers."""
    format_lama: bool = False
    """The folder is in the first format (one document, no ``dokumen/``)."""
    fokus: str | None = None
    """None for the whole publication; a document id in a :meth:`untuk_dokumen` view."""
    tahun_kini: int | None = None
    """The year the publication is seen from (a published year's snapshot, see
    :meth:`pada_tahun`); None: the last year any document covers."""

    @property
    def dokumen_kini(self) -> DokumenTerbaca:
        """The document of the view: in a document view, that document; else the one in force
        in :attr:`tahun_kini` (by default the last year any document covers: the newest plan)."""
        if self.fokus is not None:
            return self.dokumen[self.fokus]
        year = self.tahun_kini if self.tahun_kini in self.berlaku else max(self.berlaku)
        return self.dokumen[self.berlaku[year]]

    def pada_tahun(self, tahun: int) -> Dataset:
        """The publication as of ``tahun`` (a published year's snapshot): its current document
        is the one in force that year."""
        return replace(self, tahun_kini=tahun)

    def dokumen_berlaku(self, tahun: int) -> DokumenTerbaca | None:
        """The document in force in ``tahun``, if any covers it."""
        ident = self.berlaku.get(tahun)
        return self.dokumen[ident] if ident is not None else None

    def versi(self, ident: str, tahun: int) -> Indikator:
        """The indicator as the document in force in ``tahun`` defines it (its formula,
        polarity, ...), so each year is measured by its own plan; the view's version when that
        document does not adopt it (or in a document view)."""
        document = self.dokumen_berlaku(tahun) if self.fokus is None else None
        if document is not None and ident in document.indikator:
            return document.indikator[ident]
        return self.indikator[ident]

    def untuk_dokumen(self, ident: str) -> Dataset:
        """This data seen through one document: its framework, its indicators with its own
        targets, its period (its narrative chapters and tables are rendered from this)."""
        document = self.dokumen[ident]
        return replace(self, kerangka=document.kerangka, indikator=document.indikator, fokus=ident)

    @property
    def tahun(self) -> range:
        """The years of the view: from the first document's first year to the last one's
        last (in a document view: that document's period)."""
        if self.fokus is not None:
            return self.dokumen[self.fokus].periode
        return range(min(self.berlaku), max(self.berlaku) + 1)

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
        path = next((p for p in layout.files[name] if document_of(p, root) is None), None)
        singles[name] = _read(path, root, name, errors)[1] if path else None

    folders: dict[str, list[Loaded]] = {}
    # Ids of indicator files that failed their schema: references to them are not reported as
    # unknown, since the file's own errors already say what to fix.
    invalid_ids: set[str] = set()
    named_csv: set[str] = set()  # from every ikm file, valid or not, so none is called unused
    for kind in FOLDER_KINDS:
        folders[kind] = []
        paths = [p for p in layout.files[kind] if kind not in SINGLE_FILES or document_of(p, root)]
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

    # A refused part of dokumen/ (a symlink, a bad name, an unreadable dokumen.yaml) leaves
    # the chain incomplete: what it would have covered is not reported again as missing.
    shown = display_path(root / DOKUMEN_FOLDER)
    refused = any(e.berkas == shown or e.berkas.startswith(shown + "/") for e in errors)
    files = _document_files(root, layout.files, singles, folders, errors, refused)
    totals = {key: result for key, (result, _) in rekap.items()}
    complete = not refused and all(f.meta is not None and f.kerangka for f in files)
    berlaku, found = check_references(
        singles, folders, invalid_ids, rekap_ikm=totals, documents=files, complete=complete
    )
    errors.extend(found)
    errors.extend(check_narasi(root, [_narasi_folder(root, f) for f in files]))
    if not errors and not berlaku.per_tahun:
        errors.append(_no_document(root))
    if errors:
        # The layout scan and a reader may refuse the same file (e.g. a symlinked CSV) alike.
        raise DataValidationError(_capped(list(dict.fromkeys(errors))))

    def model(name: str) -> BaseModel:
        item = singles[name]
        assert item is not None  # guaranteed: missing/invalid files raised above
        return item.model

    repo_root = root.parent
    documents = ordered(_document(root, f, repo_root) for f in files)
    kerangka = merged_framework(documents)
    indikator = _ordered_indicators(kerangka, merged_indicators(documents, berlaku.per_tahun))
    berkas = {
        name: _rel(item.doc.path, repo_root)
        for name, item in singles.items()
        if item and name != "kerangka"
    }
    for document in documents:
        berkas.update({f"{k}:{document.id}": v for k, v in document.berkas.items()})
        for key, value in document.berkas.items():
            if key.startswith("indikator:"):
                ident = key.removeprefix("indikator:")
                berkas[f"indikator:{document.id}:{ident}"] = value
                berkas[key] = value  # the newest version wins: documents are chronological
    kini = next(d for d in documents if d.id == berlaku.per_tahun[max(berlaku.per_tahun)])
    berkas["kerangka"] = kini.berkas["kerangka"]
    berkas["dokumen"] = kini.berkas["dokumen"]
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
        dokumen={d.id: d for d in documents},
        berlaku=berlaku.per_tahun,
        format_lama=any(not _in_dokumen(root, f) for f in files),
    )


# --- documents ------------------------------------------------------------------------------

MIGRASI = "python -m iku_macros migrasi FOLDER"


def _in_dokumen(root: Path, files: DocumentFiles) -> bool:
    if files.meta is not None:
        return document_of(files.meta.sumber.doc.path, root) is not None
    return any(document_of(i.doc.path, root) for i in files.indikator)


def _narasi_folder(root: Path, files: DocumentFiles) -> str:
    """The chapters' folder, decided as the site decides it (DokumenTerbaca.narasi_folder)."""
    return f"{DOKUMEN_FOLDER}/{files.id}/narasi" if _in_dokumen(root, files) else "narasi"


def _document_files(
    root: Path,
    paths: dict[str, list[Path]],
    singles: dict[str, Loaded | None],
    folders: dict[str, list[Loaded]],
    errors: list[DataError],
    refused: bool,
) -> list[DocumentFiles]:
    """The files of each document: ``dokumen/<id>/...``, or the first format's one document."""
    ids = sorted(
        {ident for found in paths.values() for p in found if (ident := document_of(p, root))}
    )
    profil = singles.get("profil")
    legacy_meta_model: Dokumen | None = profil.model.dokumen if profil is not None else None
    legacy_parts = [
        p
        for kind in ("kerangka", "indikator", "narasi")
        for p in paths[kind]
        if document_of(p, root) is None
    ]
    if ids:
        for path in legacy_parts:
            errors.append(_mixed(path, ids[0]))
        if legacy_meta_model is not None and profil is not None:
            errors.append(
                profil.doc.error(
                    ("dokumen",),
                    "`dokumen` di profil.yaml adalah format lama, sedangkan folder ini sudah "
                    "memakai dokumen/",
                    f"hapus `dokumen:` dari profil.yaml; isinya milik "
                    f"dokumen/{ids[0]}/dokumen.yaml",
                    "dokumen:",
                    key=True,
                )
            )
        result = []
        for ident in ids:
            meta = _one(folders["dokumen"], root, ident)
            kerangka = _one(folders["kerangka"], root, ident)
            for name, loaded in (("dokumen.yaml", meta), ("kerangka.yaml", kerangka)):
                path = root / DOKUMEN_FOLDER / ident / name
                present = any(p == path for p in paths[name.removesuffix(".yaml")])
                if loaded is None and not present and not refused:
                    errors.append(
                        DataError(
                            display_path(path),
                            None,
                            None,
                            "berkas wajib dokumen tidak ada",
                            f"berkas {DOKUMEN_FOLDER}/{ident}/{name} (contoh: data_contoh/"
                            f"{DOKUMEN_FOLDER}/*/{name})",
                            "tidak ada",
                        )
                    )
            result.append(
                DocumentFiles(
                    ident,
                    BerkasDokumen(ident, meta.model, meta, ()) if meta is not None else None,
                    kerangka,
                    [i for i in folders["indikator"] if document_of(i.doc.path, root) == ident],
                )
            )
        return result
    # The first format: one document, its metadata in profil.yaml.
    kerangka = singles.get("kerangka")
    if refused:
        return []  # dokumen/ exists but was refused (reported): not a first-format folder
    if kerangka is None and not paths["kerangka"]:
        errors.append(
            DataError(
                display_path(root / "kerangka.yaml"),
                None,
                None,
                "berkas wajib tidak ada",
                "berkas kerangka.yaml di folder data (format lama), atau dokumen/<id>/"
                "kerangka.yaml (contoh: data_contoh/dokumen/)",
                "tidak ada",
            )
        )
    if profil is None or legacy_meta_model is None:
        return []  # no profil (reported), or no document at all (reported after the checks)
    ident = legacy_document_id(legacy_meta_model)
    meta = BerkasDokumen(ident, legacy_meta(legacy_meta_model), profil, ("dokumen",))
    return [DocumentFiles(ident, meta, kerangka, list(folders["indikator"]))]


def _one(items: list[Loaded], root: Path, ident: str) -> Loaded | None:
    return next((i for i in items if document_of(i.doc.path, root) == ident), None)


def _mixed(path: Path, example: str) -> DataError:
    relative = (
        path.name
        if path.parent.name not in ("indikator", "narasi")
        else (f"{path.parent.name}/{path.name}")
    )
    return DataError(
        display_path(path),
        None,
        None,
        f"`{relative}` di luar dokumen/ adalah format lama, sedangkan folder ini sudah memakai "
        "dokumen/",
        f"pindahkan ke dokumen/<id>/{relative} (mis. dokumen/{example}/{relative}), atau "
        f"kembalikan folder ke format lama lalu jalankan `{MIGRASI}`",
        relative,
    )


def _no_document(root: Path) -> DataError:
    return DataError(
        display_path(root / "profil.yaml"),
        None,
        None,
        "folder data belum memuat dokumen IKU",
        f"folder dokumen/<id>/ dengan dokumen.yaml, kerangka.yaml, dan indikator/ (contoh: "
        f"data_contoh/dokumen/); buat dengan `{TAMBAH_DOKUMEN}`",
        "tidak ada dokumen",
    )


def _document(root: Path, files: DocumentFiles, repo_root: Path) -> DokumenTerbaca:
    assert files.meta is not None and files.kerangka is not None  # errors raised otherwise
    kerangka: Kerangka = files.kerangka.model
    items = [i.model for i in files.indikator]
    berkas = {
        "dokumen": _rel(files.meta.sumber.doc.path, repo_root),
        "kerangka": _rel(files.kerangka.doc.path, repo_root),
    }
    berkas.update({f"indikator:{i.model.id}": _rel(i.doc.path, repo_root) for i in files.indikator})
    folder = f"{DOKUMEN_FOLDER}/{files.id}" if _in_dokumen(root, files) else ""
    return DokumenTerbaca(
        files.id,
        files.meta.meta,
        kerangka,
        _ordered_indicators(kerangka, items),
        folder,
        berkas,
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


def _ordered_indicators(
    kerangka: Kerangka, items: list[Indikator] | dict[str, Indikator]
) -> dict[str, Indikator]:
    """Framework order: each tujuan, its sasaran, then programs; ``urutan`` within a parent."""
    parents = [t.id for t in kerangka.tujuan]
    for tujuan in kerangka.tujuan:
        parents.extend(s.id for s in kerangka.sasaran if s.tujuan == tujuan.id)
    parents.extend(p.id for p in kerangka.program)
    rank = {parent: index for index, parent in enumerate(parents)}
    items = list(items.values()) if isinstance(items, dict) else list(items)
    items.sort(key=lambda i: (rank.get(i.induk, len(rank)), i.urutan, i.id))
    return {item.id: item for item in items}
