"""Data of another kind of unit gone wrong: an unknown unit type, and IKM survey files that
collide or contradict their own name. Each is refused at the file and line to fix, and a
collision blames the file that was added, never the survey that was already there."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from .harness import Case, renamed, replace, together


def _copy(source: str, target: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        shutil.copyfile(data / source, data / target)

    return mutate


def _jenis(value: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        replace(data / "profil.yaml", "  jenis: Kecamatan\n", f"  jenis: {value}\n")

    return mutate


CASES = [
    Case(
        "unit-jenis-tidak-dikenal",
        _jenis("Kecamatn"),
        r"nilai `instansi › jenis` tidak sesuai\n\s+diharapkan: salah satu dari: 'Kecamatan', "
        r"'Kelurahan', 'Dinas'.* atau 'Satuan'\n\s+ditemukan : teks \"Kecamatn\"",
        r"profil\.yaml:8:10",
    ),
    Case(
        # The usual 2020.yaml stays valid; the copy added beside it is the one named.
        "unit-ikm-survei-ganda",
        _copy("ikm/2020.yaml", "ikm/2020-ulang.yaml"),
        r"survei IKM tahun 2020 untuk indikator `ikm` sudah ada di \S*ikm/2020\.yaml:4\n"
        r"\s+diharapkan: satu survei per indikator per tahun",
        r"ikm/2020-ulang\.yaml:4:\d+: survei IKM",
    ),
    Case(
        # Two named surveys: the later in name order is the one reported.
        "unit-ikm-survei-ganda-bernama",
        together(
            renamed("ikm/2020.yaml", "ikm/2020-layanan-b.yaml"),
            _copy("ikm/2020-layanan-b.yaml", "ikm/2020-layanan-a.yaml"),
        ),
        r"sudah ada di \S*ikm/2020-layanan-a\.yaml:4",
        r"ikm/2020-layanan-b\.yaml:4:\d+: survei IKM",
    ),
    Case(
        "unit-ikm-tahun-beda-nama-berkas",
        renamed("ikm/2021.yaml", "ikm/2022-layanan.yaml"),
        r"`tahun: 2021` tidak sama dengan tahun 2022 di nama berkas `2022-layanan\.yaml`\n"
        r"\s+diharapkan: berkas bernama 2021-layanan\.yaml, atau `tahun: 2022`",
        r"ikm/2022-layanan\.yaml:3:8",
    ),
    Case(
        "unit-ikm-tahun-beda-nama-berkas-polos",
        renamed("ikm/2021.yaml", "ikm/2022.yaml"),
        r"`tahun: 2021` tidak sama dengan tahun 2022 di nama berkas `2022\.yaml`",
        r"ikm/2022\.yaml:3:8",
    ),
]


def _no_wilayah_but_desa_in_chapter(data: Path) -> None:
    # BAB III of the demo's revised 2020–2024 document lists the desa; a unit without
    # wilayah.yaml cannot.
    (data / "wilayah.yaml").unlink()


CASES.append(
    Case(
        "unit-narasi-desa-tanpa-wilayah",
        _no_wilayah_but_desa_in_chapter,
        r"wilayah\.yaml tidak ada",
        r"dokumen/2020-2024-perubahan/narasi/bab-3\.md:\d+:\d+",
    )
)
