"""Hostile files and folders: symlinks out of the data folder, loops, devices, FIFOs, directories
named like files, oversized files, unknown or unsafely named files, broken survey CSVs. Each
must be refused with the file named, without reading through a link and without hanging."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from .harness import KINI, KINI_RE, SECRET, Case, replace, write

CSV = "ikm/ikm-2023-responden.csv"


def _symlink(relative: str, target: str | Callable[[Path], str]) -> Callable[[Path], None]:
    """Replace (or create) ``relative`` with a symlink; ``target`` may depend on the folder."""

    def mutate(data: Path) -> None:
        path = data / relative
        link = target(data) if callable(target) else target
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(link)

    return mutate


def _outside(name: str, text: str) -> Callable[[Path], str]:
    """A file next to the data folder (in the scratch directory), as a link target."""

    def target(data: Path) -> str:
        path = data.parent / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return target


def _outside_folder(data: Path) -> str:
    folder = data.parent / "realisasi_lain"
    shutil.copytree(data / "realisasi", folder)
    return str(folder)


def _mkdir(relative: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        (data / relative).mkdir(parents=True)
        (data / relative / "isi.yaml").write_text("a: 1\n", encoding="utf-8")

    return mutate


def _fifo(relative: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        os.mkfifo(data / relative)

    return mutate


def _copy_as(source: str, name: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        shutil.copyfile(data / source, data / name)

    return mutate


def _rename(source: str, name: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        (data / source).rename(data / name)

    return mutate


def _csv_line(number: int, new: str) -> Callable[[Path], None]:
    """Replace line ``number`` (1-based, the header is line 1) of the 2023 survey CSV."""

    def mutate(data: Path) -> None:
        path = data / CSV
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[number - 1] = new
        path.write_text("\n".join(lines), encoding="utf-8")

    return mutate


def _oversized_yaml(data: Path) -> None:
    path = data / "wilayah.yaml"
    filler = "# " + "x" * 98 + "\n"
    path.write_text(path.read_text(encoding="utf-8") + filler * 6000, encoding="utf-8")


def _oversized_csv(data: Path) -> None:
    path = data / CSV
    row = "R999,3,3,3,3,3,3,3,3,3\n"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(row * (5 * 1024 * 1024 // len(row)))


def _latin1_csv(data: Path) -> None:
    path = data / CSV
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = "Resp\u00e9" + lines[3][4:]
    path.write_bytes("\n".join(lines).encode("latin-1"))


def _unreferenced_csv(data: Path) -> None:
    shutil.copyfile(data / CSV, data / "ikm" / "ikm-2023-cadangan.csv")


CASES = [
    Case(
        "berkas-symlink-yaml-out",
        _symlink("realisasi/2023.yaml", _outside("rahasia.yaml", f"tahun: {SECRET}\n")),
        r"tautan simbolik \(symlink\) tidak diizinkan",
        r"realisasi/2023\.yaml",
    ),
    Case(
        "berkas-symlink-yaml-inside",
        _symlink("realisasi/2022.yaml", "2023.yaml"),
        r"tautan simbolik \(symlink\) tidak diizinkan.*\n.*\n.*tautan simbolik ke `2023\.yaml`",
        r"realisasi/2022\.yaml",
    ),
    Case(
        "berkas-symlink-required-file",
        _symlink("profil.yaml", "/etc/passwd"),
        r"tautan simbolik ke `/etc/passwd`",
        r"profil\.yaml",
    ),
    Case(
        "berkas-symlink-loop",
        _symlink(f"{KINI}/indikator/putar.yaml", "putar.yaml"),
        r"tautan simbolik \(symlink\) tidak diizinkan",
        rf"{KINI_RE}/indikator/putar\.yaml",
    ),
    Case(
        "berkas-symlink-dev-zero",
        _symlink(f"{KINI}/indikator/nol.yaml", "/dev/zero"),
        r"tautan simbolik ke `/dev/zero`",
        rf"{KINI_RE}/indikator/nol\.yaml",
    ),
    Case(
        "berkas-symlink-folder",
        _symlink("realisasi", _outside_folder),
        r"tautan simbolik \(symlink\) tidak diizinkan",
        r"data/realisasi\b",
    ),
    Case(
        "berkas-symlink-csv",
        _symlink(CSV, _outside("jawaban.csv", "responden,U1,U2,U3,U4,U5,U6,U7,U8,U9\n")),
        r"tautan simbolik \(symlink\) tidak diizinkan",
        r"ikm/ikm-2023-responden\.csv",
    ),
    Case(
        "berkas-directory-named-yaml",
        _mkdir(f"{KINI}/indikator/folder.yaml"),
        r"bukan berkas biasa \(folder\)",
        rf"{KINI_RE}/indikator/folder\.yaml",
    ),
    Case(
        "berkas-directory-instead-of-required",
        lambda data: (
            (data / KINI / "kerangka.yaml").unlink(),
            _mkdir(f"{KINI}/kerangka.yaml")(data),
        ),
        r"bukan berkas biasa \(folder\)",
        rf"{KINI_RE}/kerangka\.yaml",
    ),
    Case(
        "berkas-fifo",
        _fifo("realisasi/2026.yaml"),
        r"bukan berkas biasa \(pipa bernama \(FIFO\)\)",
        r"realisasi/2026\.yaml",
    ),
    Case(
        "berkas-oversized-yaml",
        _oversized_yaml,
        r"berkas terlalu besar \([\d,]+ KiB; batas 256,0 KiB\)",
        r"wilayah\.yaml",
    ),
    Case(
        "berkas-oversized-csv",
        _oversized_csv,
        r"berkas terlalu besar \(.* MiB; batas 4,0 MiB\)",
        r"ikm/ikm-2023-responden\.csv",
    ),
    Case(
        "berkas-unknown-root-file",
        _copy_as("realisasi/2023.yaml", "realisasi_2023.yaml"),
        r"berkas `realisasi_2023\.yaml` tidak dikenal.*\n"
        r".*mungkin maksudnya `realisasi/2023\.yaml`",
        r"realisasi_2023\.yaml",
    ),
    Case(
        "berkas-uppercase-extension",
        _rename("realisasi/2023.yaml", "realisasi/2023.YAML"),
        r"U\+0059 LATIN CAPITAL LETTER Y \(huruf besar\).*\n.*mungkin maksudnya "
        r"`realisasi/2023\.yaml`",
        r"realisasi/2023\.YAML",
    ),
    Case(
        "berkas-yml-extension",
        _rename(f"{KINI}/indikator/nilai_sakip.yaml", f"{KINI}/indikator/nilai_sakip.yml"),
        rf"berkas `{KINI_RE}/indikator/nilai_sakip\.yml` tidak dikenal.*\n.*mungkin maksudnya "
        rf"`{KINI_RE}/indikator/nilai_sakip\.yaml`",
        rf"{KINI_RE}/indikator/nilai_sakip\.yml",
    ),
    Case(
        "berkas-stray-folder",
        _mkdir("lampiran"),
        r"folder `lampiran` tidak dikenal.*\n.*susunan folder data: profil\.yaml",
        r"data/lampiran",
    ),
    Case(
        "berkas-subfolder-in-known-folder",
        _mkdir("realisasi/2023"),
        r"folder `realisasi/2023` tidak dikenal",
        r"realisasi/2023\b",
    ),
    Case(
        "berkas-hidden-file",
        lambda data: write(data / ".env", f"TOKEN={SECRET}\n"),
        r"berkas `\.env` tidak dikenal",
        r"data/\.env",
    ),
    Case(
        "berkas-name-zero-width",
        _copy_as("realisasi/2023.yaml", "realisasi/20\u200b23.yaml"),
        r"U\+200B ZERO WIDTH SPACE di posisi 3",
        r"realisasi/20\\u200b23\.yaml",
    ),
    Case(
        "berkas-name-html",
        _copy_as(
            f"{KINI}/indikator/nilai_sakip.yaml",
            f'{KINI}/indikator/nilai_sakip"><img src=x onerror=alert(1)>.yaml',
        ),
        r"U\+0022 QUOTATION MARK di posisi 12; U\+003E GREATER-THAN SIGN di posisi 13; "
        r"U\+003C LESS-THAN SIGN",
        rf"{KINI_RE}/indikator/nilai_sakip\"><img",
    ),
    Case(
        "berkas-name-cyrillic",
        _copy_as("realisasi/2023.yaml", "realisasi/2023.y\u0430ml"),
        r"U\+0430 CYRILLIC SMALL LETTER A \(huruf bukan Latin dasar",
        r"realisasi/2023\.y\\u0430ml",
    ),
    Case(
        "berkas-name-bidi",
        _copy_as("realisasi/2023.yaml", "realisasi/2024\u202elmay.yaml"),
        r"U\+202E RIGHT-TO-LEFT OVERRIDE",
        r"realisasi/2024\\u202elmay\.yaml",
    ),
    Case(
        "berkas-name-space",
        _copy_as(f"{KINI}/narasi/bab-4.md", f"{KINI}/narasi/bab 4.md"),
        r"U\+0020 SPACE di posisi 4",
        rf"{KINI_RE}/narasi/bab 4\.md",
    ),
    Case(
        "berkas-csv-short-row",
        _csv_line(4, "R003,3,4,4,4,3,2,4"),
        r"baris 4 berisi 8 kolom, baris judul 10 kolom \(kurang 2\)",
        r"ikm/ikm-2023-responden\.csv:4:1",
    ),
    Case(
        "berkas-csv-long-row",
        _csv_line(5, "R004,4,4,4,4,2,4,3,3,4,4"),
        r"baris 5 berisi 11 kolom, baris judul 10 kolom \(lebih 1\)",
        r"ikm/ikm-2023-responden\.csv:5:1",
    ),
    Case(
        "berkas-csv-out-of-range",
        _csv_line(3, "R002,4,3,3,4,3,0,3,4,4"),
        r"baris 3, kolom U6: nilai '0' tidak sah.*di luar 1–4",
        r"ikm/ikm-2023-responden\.csv:3:7",
    ),
    Case(
        "berkas-csv-latin1",
        _latin1_csv,
        r"bukan teks UTF-8 \(bita 0xE9",
        r"ikm/ikm-2023-responden\.csv:4:5",
    ),
    Case(
        "berkas-csv-nul",
        _csv_line(2, "R001,3,4,4,3,4,3,3,3,\x003"),
        r"U\+0000 NULL",
        r"ikm/ikm-2023-responden\.csv:2:22",
    ),
    Case(
        "berkas-csv-broken-quote",
        _csv_line(2, 'R001,"3"4,4,3,4,3,3,3,3,3'),
        r"CSV tidak sah \(tanda kutip",
        r"ikm/ikm-2023-responden\.csv:2",
    ),
    Case(
        "berkas-csv-unreferenced",
        _unreferenced_csv,
        r"tidak disebut oleh berkas ikm/<tahun>\.yaml mana pun",
        r"ikm/ikm-2023-cadangan\.csv",
    ),
    Case(
        "berkas-csv-name-unsafe",
        lambda data: replace(data / "ikm" / "2023.yaml", "ikm-2023-responden.csv", "..csv"),
        r"nama berkas jawaban responden tidak sesuai aturan nama",
        r"ikm/2023\.yaml:\d+:\d+",
    ),
]
