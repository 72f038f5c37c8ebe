"""What git knows about the data: the commit a build comes from, and every change to a value.

Plain ``git`` subprocess calls (no MkDocs, no git library). Outside a git repository, or
without git, the functions say so instead of failing: a tarball of the project still builds.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from iku_macros.compute.numbers import to_fraction
from iku_macros.data.documents import legacy_document_id
from iku_macros.data.layout import DOKUMEN_FOLDER
from iku_macros.data.model import Dokumen, Periode
from iku_macros.data.riwayat_cache import Change, RiwayatCache, cache_file
from iku_macros.data.yaml_source import MAX_YAML_BYTES, forbidden_characters, read_yaml


def git(repo: Path, *args: str) -> str | None:
    """Output of a git command in ``repo``, or None if git fails or is missing."""
    try:
        result = subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",  # bytes that are not UTF-8 in an old file must not stop the build
            check=False,
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


@dataclass(frozen=True)
class Asal:
    """Provenance of a build: the data commit and its date."""

    commit: str | None
    tanggal: datetime | None
    """Committer date of that commit (UTC): the build date shown, so rebuilds are identical."""
    data_berubah: bool
    """The data folder has uncommitted changes: the build is not exactly the commit."""

    @property
    def pendek(self) -> str | None:
        return self.commit[:7] if self.commit else None


def repo_root(path: Path) -> Path | None:
    top = git(path if path.is_dir() else path.parent, "rev-parse", "--show-toplevel")
    return Path(top.strip()) if top else None


def read_asal(data_dir: Path) -> Asal:
    root = repo_root(data_dir)
    if root is None:
        return Asal(None, None, False)
    line = git(root, "log", "-1", "--format=%H %ct")
    if not line:
        return Asal(None, None, False)
    commit, stamp = line.split()
    status = git(root, "status", "--porcelain", "--", str(data_dir))
    return Asal(commit, datetime.fromtimestamp(int(stamp), UTC), bool(status and status.strip()))


# --- history of published values -----------------------------------------------------------


@dataclass(frozen=True)
class Perubahan:
    """One published value changed by one commit."""

    tanggal: datetime
    commit: str
    subjek: str
    indikator: str
    tahun: int
    kolom: str
    """'target' (a document's), 'target_pk' (the Perjanjian Kinerja's, in the realisasi file)
    or 'realisasi'."""
    lama: Fraction | None
    baru: Fraction | None
    dokumen: str | None = None
    """The IKU document whose target changed (None for realisasi and PK targets, which belong
    to the unit)."""
    alasan: str | None = None
    """Why, in the words of the commit message's body (its first paragraph, lines joined);
    None when the commit says nothing beyond its subject line."""

    @property
    def pendek(self) -> str:
        return self.commit[:7]


@dataclass(frozen=True)
class Riwayat:
    perubahan: tuple[Perubahan, ...]
    tersedia: bool
    """False outside a git repository."""
    lengkap: bool
    """False in a shallow clone: older commits are missing, so the history would be wrong."""
    catatan: tuple[str, ...] = ()
    """Problems met while reading old versions (e.g. a file that did not parse then)."""

    def untuk(self, ident: str) -> list[Perubahan]:
        return list(self._per_indikator.get(ident, ()))

    @cached_property
    def _per_indikator(self) -> dict[str, list[Perubahan]]:
        # Built once: every indicator page asks for its own changes.
        index: dict[str, list[Perubahan]] = {}
        for p in self.perubahan:
            index.setdefault(p.indikator, []).append(p)
        return index


Values = dict[tuple[str, int, str], Any]
Key = tuple[str | None, str, int, str]
"""(document, indicator, year, column): a document's target is its own value, so moving files
between layouts (same document, same numbers) changes nothing."""


def _number(value: Any) -> Fraction | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        if isinstance(value, int | Decimal):
            return to_fraction(value)
        if isinstance(value, float):
            return to_fraction(Decimal(repr(value)))
    except (ValueError, ArithmeticError):  # .nan or .inf in an old version: not a number
        return None
    return None


def _values_of(kind: str, document: Any) -> Values:
    """Target or realisasi values in one file's content, as parsed (tolerant: old files may
    differ); :func:`_number` reads them, only where two versions differ."""
    values: Values = {}
    if not isinstance(document, dict):
        return values
    if kind == "indikator":
        ident, targets = document.get("id"), document.get("target")
        if isinstance(ident, str) and isinstance(targets, dict):
            for year, value in targets.items():
                if isinstance(year, int):
                    values[(ident, year, "target")] = value
    elif kind == "realisasi":
        year, entries = document.get("tahun"), document.get("realisasi")
        if isinstance(year, int) and isinstance(entries, dict):
            for ident, entry in entries.items():
                if isinstance(ident, str) and isinstance(entry, dict):
                    values[(ident, year, "realisasi")] = entry.get("nilai")
    return values


def _pk_targets_of(document: Any) -> Values:
    """The Perjanjian Kinerja targets a realisasi file sets (``target_pk``)."""
    values: Values = {}
    if not isinstance(document, dict):
        return values
    year, entries = document.get("tahun"), document.get("realisasi")
    if isinstance(year, int) and isinstance(entries, dict):
        for ident, entry in entries.items():
            if isinstance(ident, str) and isinstance(entry, dict) and "target_pk" in entry:
                values[(ident, year, "target_pk")] = entry.get("target_pk")
    return values


def _text(data: bytes) -> str | None:
    """An old file's text, if it may be read at all. History comes from pull requests too, so
    it is read as untrusted: bounded size, UTF-8, none of the characters the data folder
    refuses."""
    if len(data) > MAX_YAML_BYTES:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if forbidden_characters(text) else text


def _parse(text: str) -> Any:
    """YAML with the safe loader; any failure (bad YAML, a nesting bomb, a number too long to
    convert) counts as unreadable. libyaml's loader where there is one: positions are not
    needed here, and it reads a large file many times faster than the pure-Python one the data
    folder's messages need."""
    try:
        return yaml.load(text, Loader=_FAST_LOADER)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError):
        return None


def _load(data: bytes) -> Any:
    """An old file's content, or None if unreadable."""
    text = _text(data)
    return None if text is None else _parse(text)


class _Entries:
    """Parses a realisasi file entry by entry, remembering each entry's parse by its text.

    A one-value commit changes one entry of a file of a thousand: parsing the file whole at
    every commit makes history cost commits × file size. Here a version costs a split into
    entries and the parse of the entries not seen before. Anything outside the plain layout
    (``realisasi:`` at the margin, entries two spaces in, no anchors or aliases) is parsed
    whole, so the result is always the full parse's."""

    _ENTRY = re.compile(r"  [^\s#-][^\n]*")

    def __init__(self) -> None:
        self._parsed: dict[str, Any] = {}

    def load(self, data: bytes) -> Any:
        text = _text(data)
        if text is None:
            return None
        split = self._split(text)
        if split is None:
            return _parse(text)
        head, entries = split
        document = _parse(head)
        if not isinstance(document, dict) or document.get("realisasi", ...) is not None:
            return _parse(text)
        values: dict[Any, Any] = {}
        for chunk in entries:
            if chunk not in self._parsed:
                self._parsed[chunk] = _parse(chunk)
            parsed = self._parsed[chunk]
            if not isinstance(parsed, dict) or len(parsed) != 1:
                return _parse(text)
            values.update(parsed)
        document["realisasi"] = values
        return document

    def _split(self, text: str) -> tuple[str, list[str]] | None:
        """(the file without its entries, each entry's lines), or None if the layout is not
        the plain one."""
        if _ANCHOR.search(text) or "\t" in text:
            return None  # anchors and aliases may join entries; tabs make indentation unclear
        lines = text.splitlines(keepends=True)
        head: list[str] = []
        entries: list[list[str]] = []
        inside = False
        for line in lines:
            if line.startswith("realisasi:"):
                if inside or line.split("#", 1)[0].strip() != "realisasi:":
                    return None
                inside = True
                head.append(line)
                continue
            if inside and line[:1] not in ("", " ", "\n", "#"):
                inside = False  # the next top-level key
            if not inside:
                head.append(line)
            elif self._ENTRY.fullmatch(line.rstrip("\n")):
                entries.append([line])
            elif entries:
                entries[-1].append(line)
            elif line.strip() and not line.lstrip().startswith("#"):
                return None  # something between "realisasi:" and its first entry
        if not entries:
            return None
        return "".join(head), ["".join(entry) for entry in entries]


_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*]\S", re.M)
"""Something that may be a YAML anchor or alias (a false alarm only costs the fast path)."""


_ID = r"[a-z][a-z0-9_]*"
_DOK = r"[a-z0-9][a-z0-9_-]*"
_PATHS = (
    (re.compile(rf"{DOKUMEN_FOLDER}/(?P<dok>{_DOK})/indikator/{_ID}\.yaml"), "indikator"),
    (re.compile(rf"indikator/{_ID}\.yaml"), "indikator"),
    (re.compile(r"realisasi/[0-9]{4}\.yaml"), "realisasi"),
)
"""The files whose values the history follows, relative to the data folder: each document's
indicators (with their targets), the first format's indicators, the realisasi."""


def _legacy_id(data: Any) -> str | None:
    """The id the loader gives a first-format folder's document, from ``profil.yaml``'s
    ``dokumen`` block as it was (only its period and kind matter)."""
    block = data.get("dokumen") if isinstance(data, dict) else None
    if not isinstance(block, dict):
        return None
    jenis = block.get("jenis")
    try:
        periode = Periode.model_validate(block.get("periode"))
    except ValidationError:
        return None
    fields = {"periode": periode, "jenis": jenis if isinstance(jenis, str) else None}
    return legacy_document_id(Dokumen.model_construct(**fields))  # type: ignore[arg-type]


class _Blobs:
    """One ``git cat-file --batch`` process for every object a history read needs, instead of
    one ``git show`` per file and revision."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._process: subprocess.Popen[bytes] | None = None
        self._started = False

    def _start(self) -> subprocess.Popen[bytes] | None:
        # On first use: a rebuild whose commits are all cached reads no object.
        if not self._started:
            self._started = True
            try:
                self._process = subprocess.Popen(
                    ["git", "-C", str(self._root), "cat-file", "--batch"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                self._process = None
        return self._process

    def read(self, name: str) -> bytes | None:
        """Content of an object (``<oid>`` or ``<rev>:<path>``), or None if it is missing or not
        a file."""
        process = self._start()
        if process is None or process.stdin is None or process.stdout is None:
            return None
        if "\n" in name:
            return None
        process.stdin.write(name.encode("utf-8") + b"\n")
        process.stdin.flush()
        header = process.stdout.readline().split()
        if len(header) != 3:
            return None  # "<name> missing" / "ambiguous"
        size = int(header[2])
        content = process.stdout.read(size)
        process.stdout.read(1)  # the newline after the content
        return content if header[1] == b"blob" else None

    def close(self) -> None:
        if self._process is not None:
            if self._process.stdin is not None:
                self._process.stdin.close()
            self._process.wait()


class _Reader:
    """Reads the followed files' values within one data folder of one repository; each object
    is read and parsed once (a file unchanged by a commit is the same blob before and after)."""

    def __init__(self, root: Path, rel: str, fallback: str | None, blobs: _Blobs) -> None:
        self.root, self.prefix, self.fallback = root, "" if rel == "." else f"{rel}/", fallback
        self.blobs = blobs
        self.notes: list[str] = []
        self._legacy: dict[str, str | None] = {}
        self._parsed: dict[tuple[str, str], Any] = {}
        self._entries = _Entries()
        self._values: dict[tuple[str, str, str | None], dict[Key, Any]] = {}

    def pathspecs(self) -> list[str]:
        base = re.sub(r"([*?\[\\])", r"\\\1", self.prefix)
        return [
            f":(glob){base}{DOKUMEN_FOLDER}/*/indikator/*.yaml",
            f":(glob){base}indikator/*.yaml",
            f":(glob){base}realisasi/*.yaml",
        ]

    def legacy_id(self, rev: str) -> str | None:
        """The first format's document id at ``rev``, else the one the current data give."""
        if rev not in self._legacy:
            data = self.blobs.read(f"{rev}:{self.prefix}profil.yaml")
            found = _legacy_id(_load(data)) if data is not None else None
            self._legacy[rev] = found or self.fallback
        return self._legacy[rev]

    def values(self, rev: str, path: str, blob: str) -> dict[Key, Any]:
        """The values the file ``path`` holds as object ``blob`` at revision ``rev``, as parsed
        (one dict per blob and document: a commit's "after" is the next one's "before")."""
        relative = path.removeprefix(self.prefix)
        match = next(((m, k) for r, k in _PATHS if (m := r.fullmatch(relative))), None)
        if match is None or not blob.strip("0"):
            return {}
        found, kind = match
        if (blob, kind) not in self._parsed:
            data = self.blobs.read(blob)
            load = self._entries.load if kind == "realisasi" else _load
            document = load(data) if data is not None else None
            if document is None:
                self.notes.append(
                    f"{path} pada commit {rev[:7]} tidak dapat dibaca; perubahannya dilewati"
                )
            self._parsed[(blob, kind)] = document
        document = self._parsed[(blob, kind)]
        if document is None:
            return {}
        dokumen = (
            None if kind == "realisasi" else found.groupdict().get("dok") or self.legacy_id(rev)
        )
        cached = self._values.get((blob, kind, dokumen))
        if cached is not None:
            return cached
        values: dict[Key, Any] = {}
        found_values = _values_of(kind, document)
        if kind == "realisasi":
            found_values.update(_pk_targets_of(document))
        for (ident, year, column), value in found_values.items():
            values[(dokumen, ident, year, column)] = value
        self._values[(blob, kind, dokumen)] = values
        return values


REGULAR_FILES = {"100644", "100755"}
"""File modes whose content is read: a symlink or a submodule in the data folder is not."""


@dataclass
class _Commit:
    commit: str
    parent: str | None
    stamp: int
    message: str
    files: list[tuple[str, str, str]]
    """(path, old blob, new blob) of each followed file the commit changed."""


# SHA-1 or SHA-256 object ids; an all-zero id is the missing side of an added or deleted file.
_HEADER = re.compile(r"([0-9a-f]{40}|[0-9a-f]{64})\x1f([0-9a-f ]*)\x1f([0-9]+)\x1f(.*)", re.S)


def _commits(log: str) -> list[_Commit]:
    """The commits of ``git log -z --raw --format=%H%x1f%P%x1f%ct%x1f%B``: each header is one
    NUL-ended field (a message cannot hold NUL), then a ``:<modes> <oids> <status>`` field and
    a path field per changed file."""
    commits: list[_Commit] = []
    fields = log.split("\0")
    i = 0
    while i < len(fields):
        field = fields[i].lstrip("\n")
        i += 1
        if field.startswith(":") and commits and i < len(fields):
            meta, path = field[1:].split(), fields[i]
            i += 1
            if len(meta) == 5 and meta[1] in REGULAR_FILES | {"000000"}:
                commits[-1].files.append((path, meta[2], meta[3]))
            continue
        header = _HEADER.fullmatch(field)
        if header:
            commit, parents, stamp, message = header.groups()
            parent = parents.split()[0] if parents.split() else None
            commits.append(_Commit(commit, parent, int(stamp), message, []))
    return commits


def _current_document(data_dir: Path) -> str | None:
    """The id the working tree gives its one document (first format, or one ``dokumen/``
    folder): what an unreadable old ``profil.yaml`` stands for."""
    # The loader's own safe reader: no symlink followed, nothing unbounded.
    profil, _ = read_yaml(data_dir / "profil.yaml", "profil.yaml", root=data_dir)
    found = _legacy_id(profil.data) if profil is not None else None
    if found:
        return found
    folder = data_dir / DOKUMEN_FOLDER
    if folder.is_dir() and not folder.is_symlink():
        ids = [p.name for p in folder.iterdir() if p.is_dir() and re.fullmatch(_DOK, p.name)]
        if len(ids) == 1:
            return ids[0]
    return None


MAX_ALASAN = 500
"""Characters of a commit body shown as the reason; a longer one is cut at a word."""


def split_message(message: str) -> tuple[str, str | None]:
    """(subject, reason) of a raw commit message: the subject is its first paragraph (as git's
    ``%s``, lines joined), the reason the first paragraph of the rest (see
    :func:`first_paragraph`)."""
    parts = re.split(r"\n\s*\n", message.strip(), maxsplit=1)
    subject = " ".join(line.strip() for line in parts[0].splitlines() if line.strip())
    return subject, first_paragraph(parts[1]) if len(parts) > 1 else None


def first_paragraph(body: str) -> str | None:
    """The first paragraph of a commit body, its lines joined by spaces; None if empty. Git
    trailers (``Signed-off-by: ...``) alone are not a reason."""
    for paragraph in re.split(r"\n\s*\n", body.strip()):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if lines and not all(_TRAILER.fullmatch(line) for line in lines):
            text = " ".join(lines)
            if len(text) > MAX_ALASAN:
                text = text[:MAX_ALASAN].rsplit(" ", 1)[0] + " …"
            return text
    return None


_TRAILER = re.compile(r"[A-Za-z][A-Za-z0-9-]*: .+")
"""A git trailer line (``Co-authored-by: ...``): metadata, not a reason."""


def read_riwayat(data_dir: Path) -> Riwayat:
    """Every change to a target or realisasi value in the data folder's first-parent history.

    A target belongs to its document (``dokumen/<id>/indikator/...``, or the first format's one
    document), so a commit that moves files without changing a number records nothing."""
    root = repo_root(data_dir)
    if root is None:
        return Riwayat((), tersedia=False, lengkap=False)
    if (git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        return Riwayat((), tersedia=True, lengkap=False)
    rel = data_dir.resolve().relative_to(root.resolve()).as_posix()
    blobs = _Blobs(root)
    try:
        fallback = _current_document(data_dir)
        reader = _Reader(root, rel, fallback, blobs)
        # One log for the whole history: each commit (first parent only), its date and raw
        # message, and the followed files it changed with their blob ids before and after.
        log = git(
            root, "log", "-z", "--first-parent", "--reverse", "--no-renames", "--raw",
            "--no-abbrev", "--format=%H%x1f%P%x1f%ct%x1f%B", "--", *reader.pathspecs(),
        )  # fmt: skip
        # Commits read by an earlier build come from the cache; only new ones are read.
        cache = RiwayatCache(_cache_path(root, rel, fallback))
        changes: list[Perubahan] = []
        notes: list[str] = []
        for commit in _commits(log or ""):
            found = cache.get(commit.commit)
            if found is None:
                mark = len(reader.notes)
                found = (_changes(reader, commit), reader.notes[mark:])
                cache.put(commit.commit, *found)
            changes += _perubahan(commit, found[0])
            notes += [note for note in found[1] if note not in notes]
        cache.save()
    finally:
        blobs.close()
    changes.reverse()  # newest first
    return Riwayat(tuple(changes), tersedia=True, lengkap=True, catatan=tuple(notes))


_CACHE_SOURCES = tuple(
    Path(__file__).resolve().parent.parent / name
    for name in (
        "data/gitdata.py",
        "data/riwayat_cache.py",
        "data/yaml_source.py",
        "data/documents.py",
        "compute/numbers.py",
    )
)
"""The code that decides what a commit changed: the cache starts afresh when it changes."""


def _cache_path(root: Path, rel: str, fallback: str | None) -> Path | None:
    common = git(root, "rev-parse", "--git-common-dir")
    if not common:
        return None
    return cache_file((root / common.strip()).resolve(), rel, fallback, _CACHE_SOURCES)


def _changes(reader: _Reader, commit: _Commit) -> list[Change]:
    """The values one commit changed: its files' values before (in its first parent) and after."""
    before: dict[Key, Any] = {}
    after: dict[Key, Any] = {}
    for path, old, new in commit.files:
        if commit.parent:
            before.update(reader.values(commit.parent, path, old))
        after.update(reader.values(commit.commit, path, new))
    # Only values whose parsed form differs are read as numbers: a one-value commit to a file
    # of a thousand converts two numbers, not two thousand.
    missing = object()
    differ = [
        key
        for key in before.keys() | after.keys()
        if type(a := before.get(key, missing)) is not type(b := after.get(key, missing)) or a != b
    ]
    changes: list[Change] = []
    for key in sorted(differ, key=lambda k: (k[0] or "", *k[1:])):
        old_value, new_value = _number(before.get(key)), _number(after.get(key))
        if old_value != new_value:
            dokumen, ident, year, column = key
            changes.append((dokumen, ident, year, column, old_value, new_value))
    return changes


def _perubahan(commit: _Commit, changes: list[Change]) -> list[Perubahan]:
    """One commit's changes with its date, subject and reason."""
    subject, alasan = split_message(commit.message)
    when = datetime.fromtimestamp(commit.stamp, UTC)
    return [
        Perubahan(when, commit.commit, subject, ident, year, column, lama, baru, dokumen, alasan)
        for dokumen, ident, year, column, lama, baru in changes
    ]
