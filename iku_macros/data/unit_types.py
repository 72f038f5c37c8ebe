"""Kinds of government unit (``profil.yaml`` › ``instansi.jenis``) and what depends on the kind.

The engine serves any perangkat daerah, so nothing in templates or code may assume a kecamatan:
whatever differs between kinds (whether a wilayah is expected, the word printed before each
desa/kelurahan, the heading of the wilayah section) is read from :data:`UNIT_TYPES`, the one
table of this module, or from the unit's own data, which always wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class JenisInstansi(StrEnum):
    """The kinds of unit; the value is the spelling stored in YAML and shown on the site."""

    KECAMATAN = "Kecamatan"
    KELURAHAN = "Kelurahan"
    DINAS = "Dinas"
    BADAN = "Badan"
    BAGIAN = "Bagian"
    PUSKESMAS = "Puskesmas"
    RSUD = "RSUD"
    INSPEKTORAT = "Inspektorat"
    SEKRETARIAT = "Sekretariat"
    KANTOR = "Kantor"
    SATUAN = "Satuan"

    @classmethod
    def _missing_(cls, value: object) -> JenisInstansi | None:
        # Staff write "dinas" or "DINAS" as often as "Dinas": the kind is the same word.
        if isinstance(value, str):
            wanted = " ".join(value.split()).casefold()
            for member in cls:
                if member.value.casefold() == wanted:
                    return member
        return None


@dataclass(frozen=True)
class UnitType:
    """What the site does differently for one kind of unit."""

    punya_wilayah: bool
    """A unit of this kind normally describes its area in ``wilayah.yaml``."""
    sebutan_desa: str
    """Word printed before each name in the wilayah's list ("Desa Bulu", "RW 03"), unless
    ``wilayah.yaml`` sets its own ``sebutan``."""
    judul_wilayah: str
    """Heading of the wilayah section of the Profil page."""


_AREA = UnitType(punya_wilayah=True, sebutan_desa="Desa", judul_wilayah="Wilayah")
_OFFICE = UnitType(punya_wilayah=False, sebutan_desa="Desa", judul_wilayah="Wilayah")

UNIT_TYPES: dict[JenisInstansi, UnitType] = {
    JenisInstansi.KECAMATAN: _AREA,
    # A kelurahan's area is divided into rukun warga, not desa.
    JenisInstansi.KELURAHAN: UnitType(True, sebutan_desa="RW", judul_wilayah="Wilayah"),
    # A puskesmas serves the desa of its wilayah kerja.
    JenisInstansi.PUSKESMAS: UnitType(True, sebutan_desa="Desa", judul_wilayah="Wilayah kerja"),
    JenisInstansi.DINAS: _OFFICE,
    JenisInstansi.BADAN: _OFFICE,
    JenisInstansi.BAGIAN: _OFFICE,
    JenisInstansi.RSUD: _OFFICE,
    JenisInstansi.INSPEKTORAT: _OFFICE,
    JenisInstansi.SEKRETARIAT: _OFFICE,
    JenisInstansi.KANTOR: _OFFICE,
    JenisInstansi.SATUAN: _OFFICE,
}
"""Every kind of :class:`JenisInstansi` (a test checks none is missing)."""


def unit_type(jenis: JenisInstansi) -> UnitType:
    return UNIT_TYPES[jenis]


WILAYAH_MACROS = frozenset({"gambaran_wilayah", "jumlah_desa", "daftar_desa", "pembagian_wilayah"})
"""Document macros that print ``wilayah.yaml``: a narrative chapter may call them only when the
data folder has that file."""


def requires_wilayah(macro_name: str) -> bool:
    """Whether the document macro ``macro_name`` needs ``wilayah.yaml``."""
    return macro_name in WILAYAH_MACROS
