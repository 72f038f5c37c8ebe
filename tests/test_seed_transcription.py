"""Seed test: the first unit's ``data/`` must be a faithful transcription of its source document.

The source markdown, ``data/sumber/iku-pilangkenceng-2018-2023-perubahan.md``, is parsed here on
its own (line scanning and regexes), then
compared with the YAML files, so a transcription slip — a changed word, a missing or reordered
item — fails. The parser applies only the normalisations the transcription allows, each in a
named helper: list markers are stripped (``strip_list_marker``), markdown emphasis asterisks are
dropped (``drop_emphasis``) and text split by a page or line break is joined with a single space
(``join_split``).

Tied to that document: when ``data/`` holds another unit (the document is not in its
``sumber/``), every test here is reported as skipped with the reason ``tidak berlaku: ...``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from iku_macros.data.layout import match_kind
from iku_macros.data.model import FILE_MODELS

from .conftest import DATA, SEED_DOCUMENT, SEED_DOKUMEN, data_unit, seed_only

SOURCE = SEED_DOCUMENT
DOKUMEN = SEED_DOKUMEN.relative_to(DATA).as_posix()
"""``dokumen/<id>``: the document's own files (metadata, framework, indicators) are there."""
pytestmark = [seed_only, data_unit]


# --- normalisation allowed by the transcription rules ---------------------------------------

LIST_MARKER = re.compile(r"^\s*(?:-\s+)?(?:(?:\d+|[a-z])\.\s+)?")
LETTERED_ITEM = re.compile(r"^\s*-\s+([a-z])\.\s+(.*)$")
NUMBERED_ITEM = re.compile(r"^(\d+)\.\s+(.*)$")
DASH_ITEM = re.compile(r"^\s*-\s+(.*)$")


def strip_list_marker(line: str) -> str:
    """'- a. text', '1. text', '- text' -> 'text' (the site renumbers lists itself)."""
    return LIST_MARKER.sub("", line).strip()


def drop_emphasis(text: str) -> str:
    """'*Measurable*' -> 'Measurable'."""
    return text.replace("*", "")


def join_split(parts: list[str]) -> str:
    """Join the pieces of one item split by a page or line break with a single space."""
    return " ".join(part.strip() for part in parts)


# --- reading the source ---------------------------------------------------------------------


@cache
def source_lines() -> tuple[str, ...]:
    return tuple(SOURCE.read_text(encoding="utf-8").splitlines())


def index_of(pattern: str, start: int = 0) -> int:
    """Index of the first line (from ``start``) that fully matches ``pattern``."""
    lines = source_lines()
    for index in range(start, len(lines)):
        if re.fullmatch(pattern, lines[index]):
            return index
    raise AssertionError(f"source line not found: {pattern!r}")


def lines_between(start: str, end: str) -> list[str]:
    """Lines strictly between the line matching ``start`` and the next line matching ``end``."""
    first = index_of(start)
    return list(source_lines()[first + 1 : index_of(end, first + 1)])


def nonblank(lines: list[str]) -> list[str]:
    return [line for line in lines if line.strip()]


def numbered_items(lines: list[str]) -> list[str]:
    """'1. …' items in order; a non-numbered line continues the previous item (page break)."""
    numbers: list[int] = []
    items: list[list[str]] = []
    for line in nonblank(lines):
        match = NUMBERED_ITEM.match(line)
        if match:
            numbers.append(int(match[1]))
            items.append([match[2]])
        else:
            items[-1].append(line)
    assert numbers == list(range(1, len(numbers) + 1)), f"numbering out of order: {numbers}"
    return [drop_emphasis(join_split(parts)) for parts in items]


def lettered_items(lines: list[str]) -> list[str]:
    """'- a. …' items in order; a '- …' line without a letter continues the previous item."""
    letters: list[str] = []
    items: list[list[str]] = []
    for line in nonblank(lines):
        match = LETTERED_ITEM.match(line)
        if match:
            letters.append(match[1])
            items.append([match[2]])
        else:
            items[-1].append(strip_list_marker(line))
    expected = [chr(ord("a") + i) for i in range(len(letters))]
    assert letters == expected, f"lettering out of order: {letters}"
    return [join_split(parts) for parts in items]


def table_rows(lines: list[str]) -> list[list[str]]:
    """Tab-separated rows of a converted table, blank lines skipped."""
    return [line.split("\t") for line in nonblank(lines)]


def rows_after(header: str) -> list[list[str]]:
    """Rows of the table whose header line matches ``header``, up to the first blank line."""
    lines = source_lines()
    start = index_of(header) + 1
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    return table_rows(list(lines[start:end]))


def dash_or_number(cell: str) -> int | None:
    """A target cell: '-' means no target."""
    return None if cell == "-" else int(cell)


def people(cell: str) -> list[str]:
    """'1. Kasi PMP 2. Kasi Kesos' -> ['Kasi PMP', 'Kasi Kesos']; a plain cell -> [cell]."""
    if not re.match(r"1\.\s", cell):
        return [cell]
    return [part for part in re.split(r"\s*\d+\.\s+", cell) if part]


# --- reading the data -----------------------------------------------------------------------


@cache
def load(relative: str) -> Any:
    return yaml.safe_load((DATA / relative).read_text(encoding="utf-8"))


@cache
def indicators() -> tuple[dict[str, Any], ...]:
    return tuple(
        load(f"{DOKUMEN}/indikator/{path.name}")
        for path in sorted(SEED_DOKUMEN.glob("indikator/*.yaml"))
    )


def indicators_of(jenis: str) -> list[dict[str, Any]]:
    return [item for item in indicators() if item["jenis"] == jenis]


def program_id(nama: str) -> str:
    (ident,) = [p["id"] for p in load(f"{DOKUMEN}/kerangka.yaml")["program"] if p["nama"] == nama]
    return ident


# --- every data file: schema comment and model ----------------------------------------------


def data_files() -> list[Path]:
    return sorted(DATA.rglob("*.yaml"))


@pytest.mark.parametrize("path", data_files(), ids=lambda p: p.relative_to(DATA).as_posix())
def test_data_file_has_schema_comment_and_validates(path: Path) -> None:
    relative = path.relative_to(DATA)
    kind = match_kind(relative.as_posix())
    assert kind in FILE_MODELS, f"{relative}: not a data file of the layout"
    prefix = "../" * len(relative.parts)
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={prefix}schema/{kind}.schema.json"
    model = FILE_MODELS[kind].model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    if kind == "indikator":
        assert model.id == path.stem


# --- profil.yaml ----------------------------------------------------------------------------


def iku_header_table() -> tuple[dict[str, str], list[str]]:
    """Rows 1–5 (label -> text) and the fungsi list of row 6 of the BAB IV header table."""
    rows = table_rows(
        lines_between(
            r"INDIKATOR KINERJA UTAMA PERUBAHAN KECAMATAN PILANGKENCENG", r"TUJUAN\tKINERJA.*"
        )
    )
    fields: dict[str, str] = {}
    numbers: list[int] = []
    fungsi: list[list[str]] = []
    for _number, label, fungsi_number, text in rows:
        if label and label != "Fungsi":
            fields[label] = text
        elif fungsi_number:
            numbers.append(int(fungsi_number))
            fungsi.append([text])
        else:
            fungsi[-1].append(text)
    assert numbers == list(range(1, len(numbers) + 1))
    return fields, [join_split(parts) for parts in fungsi]


def test_profil_matches_iku_header_table() -> None:
    profil = load("profil.yaml")
    fields, fungsi = iku_header_table()
    assert profil["instansi"]["nama"] == fields["Instansi"]
    assert profil["visi"] == fields["Visi"]
    assert profil["misi"] == [fields["Misi"]]
    assert profil["tujuan"] == fields["Tujuan"]
    assert profil["tujuan_pokok"] == fields["Tujuan Pokok"]
    assert len(fungsi) == 10
    assert profil["fungsi"] == fungsi


def test_profil_signature_and_title() -> None:
    profil = load("profil.yaml")
    dokumen = load(f"{DOKUMEN}/dokumen.yaml")
    assert "dokumen" not in profil  # the first format's place for it
    salam = index_of(r"Mengetahui,")
    block = source_lines()[salam + 1 : index_of(r"DAFTAR ISI")]
    jabatan, nama, pangkat, nip = nonblank(list(block))
    kepala = profil["kepala"]
    assert dokumen["salam_penutup"] == source_lines()[salam]
    assert kepala["jabatan"].upper() == jabatan
    assert kepala["nama"] == nama
    assert kepala["pangkat"] == pangkat
    assert f"NIP. {kepala['nip']}" == nip
    assert dokumen["penandatangan"] == kepala

    title = index_of(r"INDIKATOR KINERJA UTAMA PERUBAHAN")
    assert dokumen["judul"].upper() == source_lines()[title]
    awal, akhir = nonblank(list(source_lines()[:title]))
    assert dokumen["periode"] == {"awal": int(awal), "akhir": int(akhir)}
    assert SEED_DOKUMEN.name == f"{awal}-{akhir}-perubahan"
    assert profil["instansi"]["nama_singkat"].upper() == source_lines()[index_of(r"KECAMATAN .*")]
    assert profil["instansi"]["kabupaten"].upper() == source_lines()[index_of(r"KABUPATEN .*")]
    assert f"Propinsi {profil['instansi']['provinsi']}" in load("wilayah.yaml")["gambaran_umum"]


def test_the_revision_invents_no_original() -> None:
    # The title says PERUBAHAN, but the IKU it revises is not in the source: nothing names it,
    # and the page tells the reader so instead.
    dokumen = load(f"{DOKUMEN}/dokumen.yaml")
    index_of(r"INDIKATOR KINERJA UTAMA PERUBAHAN")  # the title: an IKU Perubahan
    assert dokumen["jenis"] == "perubahan"
    assert dokumen.get("merevisi") is None
    assert "tidak tersedia" in dokumen["keterangan_revisi"]
    assert sorted(p.name for p in (DATA / "dokumen").iterdir()) == [SEED_DOKUMEN.name]


# --- wilayah.yaml ---------------------------------------------------------------------------


def without_desa_prefix(nama: str) -> str:
    assert nama.startswith("Desa "), nama
    return nama.removeprefix("Desa ")


def test_wilayah_gambaran_umum_and_borders() -> None:
    wilayah = load("wilayah.yaml")
    gambaran = source_lines()[index_of(r"Kecamatan Pilangkenceng merupakan salah satu .*")]
    assert wilayah["gambaran_umum"] == gambaran
    borders = {}
    for line in source_lines():
        match = re.fullmatch(r"- Sebelah (\w+) berbatasan dengan (.+)", line)
        if match:
            borders[match[1].lower()] = match[2]
    assert list(borders) == ["utara", "timur", "selatan", "barat"]
    assert wilayah["batas"] == borders


def test_wilayah_desa() -> None:
    intro = r"Sedangkan Wilayah Administrasi .* terbagi menjadi (\d+) Desa sebagai berikut :"
    count = int(re.fullmatch(intro, source_lines()[index_of(intro)])[1])
    items = numbered_items(lines_between(intro, r"2\. Tugas Pokok dan Fungsi Kantor .*"))
    desa = [without_desa_prefix(item) for item in items]
    assert len(desa) == count == 18
    assert load("wilayah.yaml")["desa"] == desa


# --- landasan_hukum.yaml, pengertian.yaml ---------------------------------------------------


def test_dasar_hukum() -> None:
    items = numbered_items(lines_between(r"Dasar hukum dalam penyusunan .* adalah :", r"BAB II"))
    assert len(items) == 18
    assert load("landasan_hukum.yaml")["dasar_hukum"] == items


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [
        (
            "syarat_kriteria",
            r"Syarat dan kriteria Indikator Kinerja Utama .* :",
            r"Penetapan Indikator Kinerja Utama \(IKU\) diharapkan .*",
        ),
        ("pertimbangan", r"Dalam menetapkan dan pemilihan .* :", r"BAB III"),
    ],
)
def test_pengertian_lists(key: str, start: str, end: str) -> None:
    items = numbered_items(lines_between(start, end))
    assert len(items) == 5
    assert load("pengertian.yaml")[key] == items


# --- organisasi.yaml ------------------------------------------------------------------------

UNIT_HEADING = re.compile(r"^(\d+(?:\.\d+)?)\.?\s+(\S.*)$")


@dataclass
class SourceUnit:
    nomor: str
    judul: str
    before: list[str] = field(default_factory=list)
    """Paragraphs before the lettered list (tugas, then the list's lead-in sentence)."""
    list_lines: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    """Paragraphs after the lettered list (the kewenangan lead-in)."""
    kewenangan: list[str] = field(default_factory=list)


def source_units() -> list[SourceUnit]:
    """BAB III.A.2 task descriptions, split at the unit headings ('1. C A M A T', '2.1 …')."""
    body = lines_between(
        r".*maka Tugas Pokok dan Fungsi Jabatan Struktural .* sebagai berikut :",
        r"3\. Struktur Organisasi Kecamatan Pilangkenceng",
    )
    units: list[SourceUnit] = []
    run: list[str] = []

    def end_paragraph() -> None:
        if run:
            unit = units[-1]
            (unit.after if unit.list_lines else unit.before).append(join_split(run))
            run.clear()

    for line in body:
        heading = UNIT_HEADING.match(line)
        if heading:
            end_paragraph()
            units.append(SourceUnit(heading[1], heading[2]))
        elif not line.strip():
            end_paragraph()
        elif DASH_ITEM.match(line):
            end_paragraph()
            unit = units[-1]
            if unit.after:  # the list after 'Selain tugas tersebut, …'
                unit.kewenangan.append(strip_list_marker(line))
            else:
                unit.list_lines.append(line)
        else:
            run.append(line)
    end_paragraph()
    return units


def expected_unit(unit: SourceUnit) -> dict[str, Any]:
    """The organisasi.yaml fields that come straight from one unit's text."""
    expected: dict[str, Any] = {"nomor": unit.nomor, "rincian": lettered_items(unit.list_lines)}
    if " mempunyai tugas" in unit.judul:  # seksi: the heading is the lead-in sentence
        expected["nama"] = unit.judul.split(" mempunyai tugas")[0]
        expected["pengantar_rincian"] = join_split([unit.judul, *unit.before])
        expected["tugas"] = None
    else:
        expected["nama"] = unit.judul
        expected["pengantar_rincian"] = unit.before[-1]
        expected["tugas"] = unit.before[0] if len(unit.before) == 2 else None
    expected["pengantar_kewenangan"] = unit.after[0] if unit.after else None
    expected["kewenangan"] = unit.kewenangan
    return expected


def organisation_list() -> list[tuple[str, int | None]]:
    """'3. Struktur Organisasi': each name with the index of its parent entry (or None)."""
    lines = nonblank(
        lines_between(
            r"Berdasarkan .* Susunan Organisasi Kantor Kecamatan Pilangkenceng terdiri dari :",
            r"B\. Tujuan dan Sasaran",
        )
    )
    entries: list[tuple[str, int | None]] = []
    parent: int | None = None
    for line in lines:
        if LETTERED_ITEM.match(line):
            entries.append((strip_list_marker(line), parent))
        else:
            parent = len(entries)
            entries.append((strip_list_marker(line), None))
    return entries


def test_organisasi_unit_order_and_structure() -> None:
    units = load("organisasi.yaml")["unit"]
    assert [u["nomor"] for u in units] == [u.nomor for u in source_units()]
    structure = organisation_list()
    assert [u["nama_struktur"] for u in units] == [name for name, _ in structure]
    parents = [None if p is None else units[p]["id"] for _, p in structure]
    assert [u.get("induk") for u in units] == parents


@pytest.mark.parametrize("index", range(9))
def test_organisasi_unit_text(index: int) -> None:
    source = source_units()
    assert len(source) == 9
    unit = load("organisasi.yaml")["unit"][index]
    expected = expected_unit(source[index])
    actual = {key: unit.get(key, [] if key == "kewenangan" else None) for key in expected}
    assert actual == expected


def test_camat_kewenangan() -> None:
    camat = load("organisasi.yaml")["unit"][0]
    assert len(camat["kewenangan"]) == 9
    assert camat["kewenangan"] == source_units()[0].kewenangan


# --- kerangka.yaml and indicators -----------------------------------------------------------


def test_tujuan_and_sasaran_table() -> None:
    ((urusan, tujuan, indikator_tujuan, sasaran),) = rows_after(
        r"URUSAN\tTUJUAN OPD\tINDIKATOR TUJUAN OPD\tSASARAN OPD"
    )
    kerangka = load(f"{DOKUMEN}/kerangka.yaml")
    (kerangka_tujuan,) = kerangka["tujuan"]
    (kerangka_sasaran,) = kerangka["sasaran"]
    assert (kerangka_tujuan["urusan"], kerangka_tujuan["nama"]) == (urusan, tujuan)
    assert (kerangka_sasaran["tujuan"], kerangka_sasaran["nama"]) == (
        kerangka_tujuan["id"],
        sasaran,
    )
    tujuan_indicators = [i["nama"] for i in indicators() if i["induk"] == kerangka_tujuan["id"]]
    assert tujuan_indicators == [indikator_tujuan]


IKU_HEADER = r"TUJUAN\tKINERJA UTAMA/SASARAN STRATEGI/OUTCOME\tINDIKATOR KINERJA UTAMA \(IKU\)\t.*"


def test_iku_table() -> None:
    kerangka = load(f"{DOKUMEN}/kerangka.yaml")
    rows = rows_after(IKU_HEADER)
    assert len(rows) == len(indicators_of("iku")) == 3
    parent = None
    order: dict[str, int] = {}
    for tujuan, sasaran, nama, definisi, rumus, sumber, pj in rows:
        if tujuan:
            (parent,) = [t["id"] for t in kerangka["tujuan"] if t["nama_tabel_iku"] == tujuan]
        if sasaran:
            (parent,) = [s["id"] for s in kerangka["sasaran"] if s["nama"] == sasaran]
        order[parent] = order.get(parent, 0) + 1
        (item,) = [i for i in indicators_of("iku") if i["nama"] == nama]
        assert (item["induk"], item["urutan"]) == (parent, order[parent])
        assert item["definisi_operasional"] == definisi
        assert item["rumus_publikasi"] == rumus
        assert item["sumber_data"] == [sumber]
        assert item["penanggung_jawab"] == [pj]


def test_iku_targets() -> None:
    header, *rows = rows_after(r"NO\tSASARAN STRATEGI\tINDIKATOR KINERJA UTAMA\tTARGET\t*")
    years = [int(year) for year in header[3:]]
    assert years == [2019, 2020, 2021, 2022, 2023]
    sasaran = None
    listed = set()
    for _, sasaran_cell, indikator_cell, *values in rows:
        sasaran = sasaran_cell or sasaran
        nama, predikat = re.fullmatch(r"(.+?)(?: (AA|A|BB|B|CC|C|D))?", indikator_cell).groups()
        (item,) = [i for i in indicators_of("iku") if i["nama"] == nama]
        listed.add(item["id"])
        (parent,) = [
            s for s in load(f"{DOKUMEN}/kerangka.yaml")["sasaran"] if s["id"] == item["induk"]
        ]
        assert parent["nama"] == sasaran
        assert item["target"] == dict(zip(years, map(dash_or_number, values), strict=True))
        assert item.get("predikat_target") == predikat
    assert len(listed) == len(rows) == 2
    for item in indicators_of("iku"):
        if item["id"] not in listed:
            assert "target" not in item, f"{item['id']} has no target in the document"


def test_komposit_formula_follows_published_formula() -> None:
    (rumus,) = [row[4] for row in rows_after(IKU_HEADER) if row[4].startswith("(")]
    names, divisor = re.fullmatch(r"\((.*)\) dibagi (\d+) dikali 100%", rumus).groups()
    ids = []
    for name in names.split(" + "):
        # The IKU formula capitalises the indicator names differently from the IKI table.
        (item,) = [i for i in indicators_of("program") if i["nama"].casefold() == name.casefold()]
        ids.append(item["id"])
    (komposit,) = [i for i in indicators_of("iku") if i["rumus_publikasi"] == rumus]
    assert komposit["perhitungan"] == {
        "jenis": "komposit",
        "rumus": f"({' + '.join(ids)}) / {divisor}",
    }


IKI_HEADER = r"Program\tIndikator\tDefinisi Operasional\tRumus Hitung\tSumber Data\tPenanggung .*"


def test_program_table() -> None:
    rows = table_rows(lines_between(IKI_HEADER, r"BAB V"))
    programs = [row[0] for row in rows if row[0]]
    assert [p["nama"] for p in load(f"{DOKUMEN}/kerangka.yaml")["program"]] == programs
    assert len(rows) == len(indicators_of("program")) == 7
    program = None
    order: dict[str, int] = {}
    for program_cell, nama, definisi, rumus, sumber, pj in rows:
        program = program_id(program_cell) if program_cell else program
        order[program] = order.get(program, 0) + 1
        (item,) = [
            i
            for i in indicators_of("program")
            if i["induk"] == program and i["urutan"] == order[program]
        ]
        assert item["nama"] == nama
        assert item["definisi_operasional"] == definisi
        assert item["rumus_publikasi"] == rumus
        assert item["sumber_data"] == people(sumber)
        assert item["penanggung_jawab"] == people(pj)
        assert "target" not in item
