"""What changed from one IKU document to the next: its predecessor and the differences.

A revision (IKU Perubahan) is compared with the document it revises; the first document of a
period with the document in force in the year before it starts. Indicators are matched by id
(an id is permanent: a renamed indicator keeps it). The result is plain data for the
comparison page; nothing here formats or renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from iku_macros.data.documents import DokumenTerbaca
from iku_macros.data.model import Indikator, JenisDokumen, Kerangka

ATRIBUT = (
    "jenis",
    "induk",
    "satuan",
    "polaritas",
    "penilaian_nilai",
    "predikat_target",
    "batas",
    "sumber_data",
    "penanggung_jawab",
)
"""Other fields compared, in the order shown. ``urutan`` is left out: it only orders the rows
under one parent, which a reader sees in the tables themselves."""

BAGIAN_KERANGKA = ("tujuan", "sasaran", "program")


def pendahulu(
    dokumen: Mapping[str, DokumenTerbaca], berlaku: Mapping[int, str], ident: str
) -> str | None:
    """The document ``ident`` is compared with: for a revision, the one it revises (None when
    that document is not in the folder); for a first document, the one in force in the year
    before it starts (None at the start of the chain)."""
    meta = dokumen[ident].meta
    if meta.jenis is JenisDokumen.PERUBAHAN:
        return meta.merevisi if meta.merevisi in dokumen else None
    earlier = [year for year in berlaku if year < meta.tahun_mulai]
    previous = berlaku[max(earlier)] if earlier else None  # a gap between periods is allowed
    return previous if previous != ident else None


@dataclass(frozen=True)
class PerubahanTarget:
    """One year's target in both documents, different (``None``: the document prints '-')."""

    tahun: int
    lama: Decimal | None
    baru: Decimal | None


@dataclass(frozen=True)
class PerubahanAtribut:
    """One field of :data:`ATRIBUT` with its old and new value."""

    atribut: str
    lama: Any
    baru: Any


@dataclass(frozen=True)
class PerbedaanIndikator:
    """An indicator both documents list, as each defines it, with what differs."""

    lama: Indikator
    baru: Indikator
    target: tuple[PerubahanTarget, ...]
    """Years both list with a different target."""
    tahun_ditambah: tuple[int, ...]
    """Years both periods cover that only the new document lists a target for."""
    tahun_dihapus: tuple[int, ...]
    """Years both periods cover that only the old document lists a target for."""
    atribut: tuple[PerubahanAtribut, ...]

    @property
    def id(self) -> str:
        return self.baru.id

    @property
    def nama_berubah(self) -> bool:
        return self.lama.nama != self.baru.nama

    @property
    def definisi_berubah(self) -> bool:
        return self.lama.definisi_operasional != self.baru.definisi_operasional

    @property
    def rumus_berubah(self) -> bool:
        """The published formula or the way the site computes realisasi differs."""
        return (
            self.lama.rumus_publikasi != self.baru.rumus_publikasi
            or self.lama.perhitungan != self.baru.perhitungan
        )

    @property
    def ada_perubahan(self) -> bool:
        return bool(
            self.nama_berubah
            or self.definisi_berubah
            or self.rumus_berubah
            or self.atribut
            or self.target
            or self.tahun_ditambah
            or self.tahun_dihapus
        )


@dataclass(frozen=True)
class Sambungan:
    """An indicator both periods keep: the old period's last target beside the new period's
    first (two plans, so not a change of target)."""

    indikator: Indikator
    """As the new document defines it."""
    tahun_lama: int | None
    target_lama: Decimal | None
    tahun_baru: int | None
    target_baru: Decimal | None


@dataclass(frozen=True)
class UnsurKerangka:
    """A tujuan, sasaran or program (``bagian``) as one document names it."""

    bagian: str
    id: str
    nama: str


@dataclass(frozen=True)
class GantiNama:
    bagian: str
    id: str
    lama: str
    baru: str


@dataclass(frozen=True)
class PerbandinganKerangka:
    ditambah: tuple[UnsurKerangka, ...]
    dihapus: tuple[UnsurKerangka, ...]
    diganti_nama: tuple[GantiNama, ...]

    @property
    def jumlah(self) -> int:
        return len(self.ditambah) + len(self.dihapus) + len(self.diganti_nama)


@dataclass(frozen=True)
class Perbandingan:
    lama: DokumenTerbaca
    baru: DokumenTerbaca
    ditambah: tuple[Indikator, ...]
    """Only in the new document, in its order."""
    dihapus: tuple[Indikator, ...]
    """Only in the old document, in its order."""
    berubah: tuple[PerbedaanIndikator, ...]
    """In both and different, in the new document's order."""
    kerangka: PerbandinganKerangka
    sambungan: tuple[Sambungan, ...]
    """For a new period: every indicator both keep (empty when the periods share years)."""

    @property
    def periode_baru(self) -> bool:
        """The new document plans another period: their periods share no year."""
        return not self.tahun_bersama

    @property
    def revisi(self) -> bool:
        """The new document revises the old one (else it follows it in the chain)."""
        return self.baru.meta.merevisi == self.lama.id

    @property
    def tahun_bersama(self) -> range:
        return shared_years(self.lama, self.baru)

    def dengan(self, syarat: str) -> list[PerbedaanIndikator]:
        """The changed indicators with one property true (``nama_berubah``, ...)."""
        return [item for item in self.berubah if getattr(item, syarat)]

    @property
    def target_berubah(self) -> list[PerbedaanIndikator]:
        return [item for item in self.berubah if item.target]

    @property
    def tahun_target_berubah(self) -> list[PerbedaanIndikator]:
        return [item for item in self.berubah if item.tahun_ditambah or item.tahun_dihapus]

    @property
    def atribut_berubah(self) -> list[PerbedaanIndikator]:
        return [item for item in self.berubah if item.atribut]

    def bagian(self) -> list[str]:
        """The parts of the comparison that have something to show, in page order."""
        present = {
            "target": bool(self.target_berubah),
            "tahun_target": bool(self.tahun_target_berubah),
            "ditambah": bool(self.ditambah),
            "dihapus": bool(self.dihapus),
            "nama": bool(self.dengan("nama_berubah")),
            "definisi": bool(self.dengan("definisi_berubah")),
            "rumus": bool(self.dengan("rumus_berubah")),
            "atribut": bool(self.atribut_berubah),
            "kerangka": bool(self.kerangka.jumlah),
            "sambungan": bool(self.sambungan),
        }
        return [name for name, shown in present.items() if shown]


def _target_changes(lama: Indikator, baru: Indikator) -> tuple[PerubahanTarget, ...]:
    years = sorted(set(lama.target) & set(baru.target))
    return tuple(
        PerubahanTarget(year, lama.target[year], baru.target[year])
        for year in years
        if lama.target[year] != baru.target[year]
    )


def compare_indicator(lama: Indikator, baru: Indikator, shared: range) -> PerbedaanIndikator:
    """Two versions of one indicator; ``shared``: the years both documents' periods cover."""
    return PerbedaanIndikator(
        lama=lama,
        baru=baru,
        target=_target_changes(lama, baru),
        tahun_ditambah=tuple(
            y for y in sorted(baru.target) if y in shared and y not in lama.target
        ),
        tahun_dihapus=tuple(y for y in sorted(lama.target) if y in shared and y not in baru.target),
        atribut=tuple(
            PerubahanAtribut(name, getattr(lama, name), getattr(baru, name))
            for name in ATRIBUT
            if getattr(lama, name) != getattr(baru, name)
        ),
    )


def compare_framework(lama: Kerangka, baru: Kerangka) -> PerbandinganKerangka:
    ditambah: list[UnsurKerangka] = []
    dihapus: list[UnsurKerangka] = []
    diganti: list[GantiNama] = []
    for bagian in BAGIAN_KERANGKA:
        old = {item.id: item.nama for item in getattr(lama, bagian)}
        new = {item.id: item.nama for item in getattr(baru, bagian)}
        ditambah += [UnsurKerangka(bagian, i, nama) for i, nama in new.items() if i not in old]
        dihapus += [UnsurKerangka(bagian, i, nama) for i, nama in old.items() if i not in new]
        diganti += [
            GantiNama(bagian, i, old[i], nama)
            for i, nama in new.items()
            if old.get(i, nama) != nama
        ]
    return PerbandinganKerangka(tuple(ditambah), tuple(dihapus), tuple(diganti))


def _last(target: Mapping[int, Decimal | None]) -> tuple[int | None, Decimal | None]:
    return (max(target), target[max(target)]) if target else (None, None)


def _first(target: Mapping[int, Decimal | None]) -> tuple[int | None, Decimal | None]:
    return (min(target), target[min(target)]) if target else (None, None)


def shared_years(lama: DokumenTerbaca, baru: DokumenTerbaca) -> range:
    """Years both documents' periods cover (empty between two periods)."""
    start = max(lama.periode.start, baru.periode.start)
    return range(start, max(start, min(lama.periode.stop, baru.periode.stop)))


def compare(lama: DokumenTerbaca, baru: DokumenTerbaca) -> Perbandingan:
    """What ``baru`` changes from ``lama``."""
    old, new = lama.indikator, baru.indikator
    shared = shared_years(lama, baru)
    kept = [ident for ident in new if ident in old]
    differences = (compare_indicator(old[ident], new[ident], shared) for ident in kept)
    sambungan: tuple[Sambungan, ...] = ()
    if not shared:  # two periods: their targets are shown side by side, not compared
        sambungan = tuple(
            Sambungan(new[ident], *_last(old[ident].target), *_first(new[ident].target))
            for ident in kept
        )
    return Perbandingan(
        lama=lama,
        baru=baru,
        ditambah=tuple(item for ident, item in new.items() if ident not in old),
        dihapus=tuple(item for ident, item in old.items() if ident not in new),
        berubah=tuple(d for d in differences if d.ada_perubahan),
        kerangka=compare_framework(lama.kerangka, baru.kerangka),
        sambungan=sambungan,
    )


def ringkasan(p: Perbandingan) -> str:
    """One sentence of counts, e.g. "9 target berubah pada 3 indikator; tidak ada indikator
    ditambah atau dihapus." (fixed words and numbers only)."""
    parts: list[str] = []
    if p.tahun_bersama:  # targets are compared only for years both documents plan
        changed = p.target_berubah
        values = sum(len(item.target) for item in changed)
        parts.append(
            f"{values} target berubah pada {len(changed)} indikator"
            if changed
            else "tidak ada target berubah"
        )
        added = sum(len(item.tahun_ditambah) for item in p.berubah)
        removed = sum(len(item.tahun_dihapus) for item in p.berubah)
        if added:
            parts.append(f"{added} target tahunan ditambah")
        if removed:
            parts.append(f"{removed} target tahunan dihapus")
    if p.ditambah and p.dihapus:
        parts.append(f"{len(p.ditambah)} indikator ditambah dan {len(p.dihapus)} dihapus")
    elif p.ditambah:
        parts.append(f"{len(p.ditambah)} indikator ditambah")
    elif p.dihapus:
        parts.append(f"{len(p.dihapus)} indikator dihapus")
    else:
        parts.append("tidak ada indikator ditambah atau dihapus")
    for syarat, template in (
        ("nama_berubah", "{n} indikator berganti nama"),
        ("definisi_berubah", "definisi operasional {n} indikator berubah"),
        ("rumus_berubah", "rumus {n} indikator berubah"),
    ):
        if count := len(p.dengan(syarat)):
            parts.append(template.format(n=count))
    if p.atribut_berubah:
        parts.append(f"keterangan lain {len(p.atribut_berubah)} indikator berubah")
    if p.kerangka.jumlah:
        parts.append(f"{p.kerangka.jumlah} perubahan pada tujuan, sasaran, atau program")
    sentence = "; ".join(parts)
    return sentence[:1].upper() + sentence[1:] + "."
