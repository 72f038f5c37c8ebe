"""The expected layout of a data folder, and the check that nothing else is in it.

A file the loader does not read would be ignored without a word (``realisasi_2023.yaml`` in the
root, ``realisasi/2023.YAML``): the year would show "belum dilaporkan" and nobody would know why.
So every entry of the folder must match :data:`LAYOUT`; anything else, a symlink, a device or a
name outside the safe alphabet is refused, naming the offending character by its Unicode name.
Nothing is read here and no symlink is followed (entries are listed with ``lstat``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from iku_macros.data.errors import DataError, display_path
from iku_macros.data.safe_files import UnsafeFileError, describe_char, entry_kind, list_data_dir


@dataclass(frozen=True)
class Rule:
    """One kind of file in the data folder."""

    pattern: str
    """Path relative to the data folder; ``<id>``, ``<tahun>``, ``<nama>`` are placeholders."""
    kind: str
    """What the file is: a model name of :data:`iku_macros.data.model.FILE_MODELS`, or another
    reader's name (``ikm_csv``, ``narasi``, ``readme``)."""
    wajib: bool = False
    """Required (the single files); folders may be empty or absent."""


LAYOUT: tuple[Rule, ...] = (
    Rule("profil.yaml", "profil", wajib=True),
    Rule("wilayah.yaml", "wilayah"),  # a dinas or badan has no area of its own
    Rule("organisasi.yaml", "organisasi", wajib=True),
    Rule("landasan_hukum.yaml", "landasan_hukum", wajib=True),
    Rule("pengertian.yaml", "pengertian", wajib=True),
    Rule("pengaturan.yaml", "pengaturan"),
    # Each IKU document of the unit (an original, its revisions, the next period's): its
    # metadata, framework, indicators with their targets, and its narrative chapters.
    Rule("dokumen/<dok>/dokumen.yaml", "dokumen"),
    Rule("dokumen/<dok>/kerangka.yaml", "kerangka"),
    Rule("dokumen/<dok>/indikator/<id>.yaml", "indikator"),
    Rule("dokumen/<dok>/narasi/<nama>.md", "narasi"),
    # The first format, one document per folder (its metadata in profil.yaml → dokumen): still
    # read, as that one document; `python -m iku_macros migrasi` moves it under dokumen/.
    Rule("kerangka.yaml", "kerangka"),
    Rule("indikator/<id>.yaml", "indikator"),
    Rule("narasi/<nama>.md", "narasi"),
    Rule("realisasi/<tahun>.yaml", "realisasi"),
    Rule("ikm/<tahun>.yaml", "ikm"),
    Rule("ikm/<tahun>-<nama>.yaml", "ikm"),  # several surveys in one year, one per indicator
    Rule("ikm/<nama>.csv", "ikm_csv"),
    # The unit's official document(s): the Markdown transcription and/or the signed PDF. Never
    # read by the engine (nor published); the seed tests of the first unit read its Markdown.
    Rule("sumber/<nama>.md", "sumber"),
    Rule("sumber/<nama>.pdf", "sumber"),
    Rule("README.md", "readme"),
)
"""Every file a data folder may hold. To add a folder or a kind of file, add a rule here (and
the reader for its ``kind``); the error messages list this layout."""

PLACEHOLDERS = {
    "<id>": (r"[a-z][a-z0-9_]*", "huruf kecil, angka, `_`, diawali huruf"),
    "<tahun>": (r"[0-9]{4}", "empat angka"),
    "<nama>": (r"[a-z0-9][a-z0-9_-]*", "huruf kecil, angka, `-`, `_`"),
    "<dok>": (r"[a-z0-9][a-z0-9_-]*", "id dokumen: huruf kecil, angka, `-`, `_`, mis. 2025-2029"),
}
DOKUMEN_FOLDER = "dokumen"
ALWAYS_ALLOWED = ".gitkeep"
"""Git keeps empty folders with this file; allowed in the data folder and each of its folders."""
SAFE_NAME = re.compile(r"[a-z0-9_.-]+")
"""The alphabet of file and folder names (besides the exact names in :data:`LAYOUT`)."""


def _regex(pattern: str) -> re.Pattern[str]:
    parts = re.split(r"(<[a-z]+>)", pattern)
    return re.compile(
        "".join(PLACEHOLDERS[p][0] if p in PLACEHOLDERS else re.escape(p) for p in parts)
    )


_COMPILED = tuple((rule, _regex(rule.pattern)) for rule in LAYOUT)
FOLDERS = tuple(sorted({rule.pattern.split("/")[0] for rule in LAYOUT if "/" in rule.pattern}))
_FOLDER_PATTERNS = tuple(
    _regex(prefix)
    for prefix in sorted(
        {
            "/".join(rule.pattern.split("/")[:depth])
            for rule in LAYOUT
            for depth in range(1, rule.pattern.count("/") + 1)
        }
    )
)
"""Every folder a rule's files sit in (``dokumen``, ``dokumen/<dok>/indikator``, ...)."""


def known_folder(relative: str) -> bool:
    return any(regex.fullmatch(relative) for regex in _FOLDER_PATTERNS)


def document_of(path: Path, root: Path) -> str | None:
    """The id of the document a file under ``dokumen/<dok>/`` belongs to (None elsewhere)."""
    parts = path.relative_to(root).parts
    return parts[1] if len(parts) > 2 and parts[0] == DOKUMEN_FOLDER else None


def describe_layout() -> str:
    """The layout in one line, for 'expected' in messages."""
    files = [r.pattern + ("" if r.wajib or "/" in r.pattern else " (opsional)") for r in LAYOUT]
    names = "; ".join(f"{name}: {words}" for name, (_, words) in PLACEHOLDERS.items())
    return f"{', '.join(files)}; {names}"


@dataclass
class Scan:
    """The files found, by kind, in name order."""

    files: dict[str, list[Path]]
    errors: list[DataError]

    def single(self, kind: str) -> Path | None:
        found = self.files.get(kind, [])
        return found[0] if found else None


def scan(root: Path) -> Scan:
    """Match every entry of ``root`` (and of its known folders) against :data:`LAYOUT`."""
    result = Scan({rule.kind: [] for rule in LAYOUT}, [])
    if not _scan_folder(root, root, "", result):
        return result  # the folder itself was refused (e.g. a symlink): nothing else to say
    for rule in LAYOUT:
        if rule.wajib and not result.files[rule.kind] and not _blocked(root / rule.pattern, result):
            path = root / rule.pattern
            result.errors.append(
                DataError(
                    display_path(path),
                    None,
                    None,
                    "berkas wajib tidak ada",
                    f"berkas {rule.pattern} di folder data (contoh: data_contoh/{rule.pattern})",
                    "tidak ada",
                )
            )
    return result


def _blocked(path: Path, result: Scan) -> bool:
    """Whether ``path`` exists but was refused (a folder or symlink named like the file)."""
    shown = display_path(path)
    return any(error.berkas == shown for error in result.errors)


def _scan_folder(folder: Path, root: Path, prefix: str, result: Scan) -> bool:
    """Add the folder's files to ``result``; False when the folder itself cannot be listed."""
    try:
        entries = list_data_dir(folder, root)
    except UnsafeFileError as exc:
        result.errors.append(exc.error)
        return False
    for path in entries:
        relative = prefix + path.name
        kind = entry_kind(path)
        if kind == "berkas" and path.name == ALWAYS_ALLOWED:
            continue
        rule = _match(relative)
        if kind == "folder" and known_folder(relative):
            _scan_folder(path, root, relative + "/", result)
        elif rule is not None and kind == "berkas":
            result.files[rule.kind].append(path)
        elif kind == "tautan simbolik":
            try:  # the safe reader gives the message that names the link's target
                list_data_dir(path, root)
            except UnsafeFileError as exc:
                result.errors.append(exc.error)
        elif rule is not None or (kind == "folder" and known_folder(relative)):
            result.errors.append(
                DataError(
                    _shown(path),
                    None,
                    None,
                    f"`{relative}` bukan berkas biasa ({kind}); tidak dibaca",
                    f"berkas biasa bernama {relative}",
                    kind,
                )
            )
        else:
            result.errors.append(_unknown(path, relative, kind))
    return True


_SURVEY_NAME = re.compile(r"([0-9]{4})(?:-(.+))?\.yaml")


def survey_name(name: str) -> tuple[int, str] | None:
    """Year and ``<nama>`` (empty for ``<tahun>.yaml``) of an IKM survey file name.

    As a sort key it puts ``2024.yaml`` before ``2024-layanan.yaml`` (plain name order would
    not, since ``-`` sorts before ``.``): when two surveys collide, the file added beside the
    year's usual one is the later, and the one named in the error."""
    found = _SURVEY_NAME.fullmatch(name)
    return (int(found[1]), found[2] or "") if found else None


def match_kind(relative: str) -> str | None:
    """The kind of the file at ``relative`` (a path inside the data folder), if it fits."""
    rule = _match(relative)
    return rule.kind if rule else None


def _match(relative: str) -> Rule | None:
    for rule, regex in _COMPILED:
        if regex.fullmatch(relative):
            return rule
    return None


def _unknown(path: Path, relative: str, kind: str) -> DataError:
    what = "folder" if kind == "folder" else "berkas" if kind == "berkas" else kind
    hint = _suggest(relative)
    diharapkan = f"susunan folder data: {describe_layout()}"
    if hint:
        diharapkan = f"mungkin maksudnya `{hint}`; {diharapkan}"
    unsafe = unsafe_characters(path.name)
    if unsafe:
        return DataError(
            _shown(path),
            None,
            None,
            f"nama {what} memuat karakter yang tidak diizinkan: {unsafe}",
            "nama dari huruf kecil a–z, angka 0–9, `_` dan `-` saja, mis. "
            + ("`2025-2029`; " if kind == "folder" else "`2023.yaml`; ")
            + diharapkan,
            safe_name(path.name),
        )
    return DataError(
        _shown(path),
        None,
        None,
        f"{what} `{relative}` tidak dikenal di folder data (tidak dibaca)",
        diharapkan,
        relative + ("/" if kind == "folder" else ""),
    )


def _suggest(relative: str) -> str | None:
    """The name the author probably meant: lower case, ``.yaml`` not ``.yml``, a folder name
    written as a prefix (``realisasi_2023.yaml`` → ``realisasi/2023.yaml``)."""
    fixed = relative.lower()
    fixed = re.sub(r"\.yml$", ".yaml", fixed)
    candidates = [fixed]
    head, _, name = fixed.rpartition("/")
    for folder in FOLDERS:
        for sep in ("_", "-", " "):
            if name.startswith(folder + sep) and not head:
                candidates.append(f"{folder}/{name[len(folder) + 1 :]}")
    for candidate in candidates:
        if candidate != relative and _match(candidate):
            return candidate
    return None


def unsafe_characters(name: str) -> str:
    """Each character of ``name`` outside the safe alphabet, by Unicode name and position."""
    found = []
    for index, char in enumerate(name, start=1):
        if not SAFE_NAME.fullmatch(char):
            label = describe_char(char)
            if char.isupper() and char.isascii():
                label += " (huruf besar)"
            elif unicodedata.category(char).startswith("L") and not char.isascii():
                label += " (huruf bukan Latin dasar; mirip huruf lain)"
            found.append(f"{label} di posisi {index}")
        if len(found) == 5:
            break
    return "; ".join(found)


def safe_name(name: str) -> str:
    """``name`` with every character outside printable ASCII written as ``\\uXXXX``."""
    return "".join(
        char if char.isascii() and char.isprintable() else f"\\u{ord(char):04x}" for char in name
    )


def _shown(path: Path) -> str:
    """The display path with an unsafe last component escaped (bidi or zero-width characters
    would otherwise reorder or hide text in a CI log)."""
    return str(Path(display_path(path.parent)) / safe_name(path.name))
