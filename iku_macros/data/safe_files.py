"""Reading files of a data folder, which arrives through pull requests and is untrusted.

Every path is walked from the data folder one component at a time with ``openat``-style calls
(``dir_fd``) and ``O_NOFOLLOW``: a symbolic link anywhere in the path is refused, even one that
points back inside the folder, so nothing outside the folder can be read or echoed into a CI log.
Only regular files are read (never a directory, FIFO, device or socket; ``O_NONBLOCK`` makes
opening a FIFO return at once instead of waiting for a writer), and a file larger than the limit
is refused from its ``fstat`` size before any of it is read.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from pathlib import Path

from iku_macros.data.errors import DataError, display_path

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_BOM = "\ufeff"

_SAVE_AS_FILE = (
    "berkas biasa yang disimpan langsung di folder data (bukan tautan, folder, atau pipa)"
)


class UnsafeFileError(Exception):
    """Carries the DataError that explains why the file was not read."""

    def __init__(self, error: DataError) -> None:
        self.error = error
        super().__init__(str(error))


class MissingFileError(UnsafeFileError):
    """The file (or one of its folders) does not exist; callers may treat this as "absent"."""


def read_data_bytes(path: Path, root: Path, *, max_bytes: int) -> bytes:
    """The content of ``path``, a regular file inside ``root`` reached without any symlink."""
    fd = _open(path, root, directory=False)
    try:
        info = os.fstat(fd)
        _require_regular(path, info.st_mode)
        if info.st_size > max_bytes:
            raise _too_big(path, info.st_size, max_bytes)
        chunks: list[bytes] = []
        remaining = max_bytes + 1  # one byte more tells a file that grew after fstat
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
    except OSError as exc:
        raise _os_error(path, exc) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise _too_big(path, len(data), max_bytes)
    return data


def read_data_text(path: Path, root: Path, *, max_bytes: int) -> str:
    """The content of ``path`` as strict UTF-8 text; a leading byte-order mark is dropped."""
    data = read_data_bytes(path, root, max_bytes=max_bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnsafeFileError(_not_utf8(path, data, exc.start)) from None
    return text[1:] if text.startswith(_BOM) else text


def list_data_dir(folder: Path, root: Path) -> list[Path]:
    """Entries of ``folder`` (inside ``root``), sorted by name; nothing is followed or read.

    An entry may itself be a symlink, folder or anything else: callers check each with
    :func:`entry_kind` before using it.
    """
    fd = _open(folder, root, directory=True)
    try:
        names = os.listdir(fd)
    except OSError as exc:
        raise _os_error(folder, exc) from None
    finally:
        os.close(fd)
    return [folder / name for name in sorted(names)]


def entry_kind(path: Path) -> str:
    """``"berkas"``, ``"folder"``, or an Indonesian description of anything else (not followed)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return "tidak ada"
    if stat.S_ISREG(mode):
        return "berkas"
    if stat.S_ISDIR(mode):
        return "folder"
    return _describe(mode)


def _open(path: Path, root: Path, *, directory: bool) -> int:
    """A file descriptor for ``path``, opened component by component from ``root``."""
    parts = _relative_parts(path, root)
    try:
        fd = os.open(root, _DIR_FLAGS)
    except OSError as exc:
        raise _component_error(root, root, exc) from None
    current = root
    try:
        for index, name in enumerate(parts):
            current = current / name
            last = index == len(parts) - 1
            if last and not directory:
                _check_entry(fd, name, current, want_dir=False)
                flags = _FILE_FLAGS
            else:
                _check_entry(fd, name, current, want_dir=True)
                flags = _DIR_FLAGS
            try:
                child = os.open(name, flags, dir_fd=fd)
            except OSError as exc:
                raise _component_error(current, path, exc) from None
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def _relative_parts(path: Path, root: Path) -> tuple[str, ...]:
    """Components of ``path`` below ``root``, compared without resolving any link."""
    absolute_root = Path(os.path.abspath(root))
    absolute = Path(os.path.abspath(path))
    try:
        parts = absolute.relative_to(absolute_root).parts
    except ValueError:
        raise UnsafeFileError(
            DataError(
                display_path(path),
                None,
                None,
                "berkas berada di luar folder data dan tidak dibaca",
                f"berkas di dalam folder {display_path(root)}, mis. nama berkas saja tanpa `../`",
                display_path(path),
            )
        ) from None
    return parts


def _check_entry(dir_fd: int, name: str, current: Path, *, want_dir: bool) -> None:
    """Refuse a symlink or the wrong kind of entry before opening it (a device is never opened)."""
    try:
        info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except OSError as exc:
        raise _component_error(current, current, exc) from None
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeFileError(_symlink_error(current, dir_fd, name))
    if want_dir and not stat.S_ISDIR(info.st_mode):
        raise UnsafeFileError(
            DataError(
                display_path(current),
                None,
                None,
                f"bukan folder ({_describe(info.st_mode)})",
                "folder biasa di dalam folder data",
                _describe(info.st_mode),
            )
        )
    if not want_dir:
        _require_regular(current, info.st_mode)


def _require_regular(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        what = _describe(mode)
        raise UnsafeFileError(
            DataError(
                display_path(path),
                None,
                None,
                f"bukan berkas biasa ({what}); tidak dibaca",
                _SAVE_AS_FILE,
                what,
            )
        )


def _describe(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISLNK(mode):
        return "tautan simbolik"
    if stat.S_ISFIFO(mode):
        return "pipa bernama (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "berkas perangkat"
    if stat.S_ISSOCK(mode):
        return "soket"
    return "jenis berkas tidak dikenal"


def _symlink_error(current: Path, dir_fd: int | None, name: str) -> DataError:
    try:
        target = os.readlink(name, dir_fd=dir_fd)
    except OSError:
        target = "?"
    # The link text comes from the pull request itself; it is shown (shortened, with control
    # characters made visible) so the reviewer sees where it pointed. Its target is never read.
    shown = ascii(target[:120])[1:-1]
    return DataError(
        display_path(current),
        None,
        None,
        "tautan simbolik (symlink) tidak diizinkan di folder data; tidak dibaca",
        _SAVE_AS_FILE,
        f"tautan simbolik ke `{shown}`",
    )


def _component_error(current: Path, path: Path, exc: OSError) -> UnsafeFileError:
    if exc.errno in (errno.ELOOP, errno.ENOTDIR) and os.path.islink(current):
        # O_NOFOLLOW met a symlink (the data folder itself, or one swapped in after the check).
        return UnsafeFileError(_symlink_error(current, None, str(current)))
    if exc.errno == errno.ENOENT:
        return MissingFileError(
            DataError(
                display_path(path),
                None,
                None,
                "berkas tidak ditemukan",
                f"berkas {path.name} di folder {display_path(path.parent)}",
                "tidak ada",
            )
        )
    if exc.errno == errno.ENOTDIR:
        return UnsafeFileError(
            DataError(
                display_path(current),
                None,
                None,
                "bukan folder",
                "folder biasa di dalam folder data",
                "berkas",
            )
        )
    return _os_error(path, exc)


_ERRNO_WORDS = {
    errno.EACCES: "izin ditolak",
    errno.EPERM: "izin ditolak",
    errno.EISDIR: "berupa folder",
    errno.ENAMETOOLONG: "nama terlalu panjang",
    errno.EIO: "kesalahan baca perangkat",
}


def _os_error(path: Path, exc: OSError) -> UnsafeFileError:
    code = exc.errno or 0
    words = _ERRNO_WORDS.get(code, f"kode {errno.errorcode.get(code, code)}")
    return UnsafeFileError(
        DataError(
            display_path(path),
            None,
            None,
            f"berkas tidak dapat dibaca ({words})",
            "berkas teks biasa yang dapat dibaca di folder data",
            words,
        )
    )


def _too_big(path: Path, size: int, max_bytes: int) -> UnsafeFileError:
    return UnsafeFileError(
        DataError(
            display_path(path),
            None,
            None,
            f"berkas terlalu besar ({_size(size)}; batas {_size(max_bytes)})",
            f"berkas data yang wajar, paling besar {_size(max_bytes)}",
            _size(size),
        )
    )


def _size(count: int) -> str:
    if count >= 1 << 20:
        return f"{count / (1 << 20):.1f} MiB".replace(".", ",")
    if count >= 1 << 10:
        return f"{count / (1 << 10):.1f} KiB".replace(".", ",")
    return f"{count} bita"


def _not_utf8(path: Path, data: bytes, start: int) -> DataError:
    """Line and column (in characters) of the first byte that is not valid UTF-8."""
    line_start = data.rfind(b"\n", 0, start) + 1
    line = data.count(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
    bad = data[start : start + 1].hex().upper()
    return DataError(
        display_path(path),
        line,
        column,
        f"berkas bukan teks UTF-8 (bita 0x{bad} tidak sah)",
        "simpan ulang berkas sebagai teks UTF-8 (di editor: Save with Encoding → UTF-8)",
        f"bita 0x{bad}, mis. huruf beraksen dari pengodean Latin-1/Windows-1252",
    )


_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x09: "CHARACTER TABULATION",
    0x0A: "LINE FEED",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}


def describe_char(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: a character named so that a reviewer can find it."""
    code = ord(char)
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(code, "karakter kendali")
    return f"U+{code:04X} {name}"


def is_forbidden_char(char: str) -> bool:
    """Control, invisible, direction-changing or non-characters: never in a data file's text.

    Tab, line feed and carriage return are allowed (YAML and CSV use them).
    """
    if char in "\t\n\r":
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        return True
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE
