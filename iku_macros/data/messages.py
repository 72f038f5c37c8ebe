"""Turn pydantic validation errors into Indonesian, positioned :class:`DataError` s.

Each message says what was expected, with an example of a correct value, and what was found,
so that staff editing YAML in a browser can fix it without reading Python.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from iku_macros.data.characters import id_problem, visible
from iku_macros.data.errors import DataError
from iku_macros.data.model import ID_PATTERN, MAX_ANGKA, MAX_DESIMAL
from iku_macros.data.yaml_source import Document, Loc

_PATTERNS = {
    ID_PATTERN: "id huruf kecil, angka, dan garis bawah, diawali huruf, mis. `ikm_layanan`",
    r"^[0-9]{18}$": 'NIP 18 digit dalam tanda kutip, mis. "196608011987011001"',
    r"^https?://[^\s<>\"']+$": "tautan yang diawali http:// atau https://, "
    "mis. https://contoh.go.id/bukti.pdf",
    r"^#[0-9a-fA-F]{6}$": 'kode warna heksadesimal dalam tanda kutip, mis. "#1b5e20"',
    r"^[A-Za-z0-9_.\-]+\.csv$": "nama berkas CSV di folder yang sama, mis. ikm-2023-responden.csv",
}


def describe_found(value: Any) -> str:
    """Short, YAML-flavoured description of a found value."""
    if value is None:
        return "kosong"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f'teks "{visible(shown, ascii_only=False)}"'
    if isinstance(value, int) and value.bit_length() > 200:
        return "angka yang sangat besar"  # str() of a huge int is slow, and refused by Python
    if isinstance(value, int | Decimal | float):
        shown = str(value)
        return f"angka {shown if len(shown) <= 30 else shown[:27] + '...'}"
    if isinstance(value, dict):
        return "pemetaan (kunci: nilai)"
    if isinstance(value, list):
        return "daftar (butir '- ...')"
    if isinstance(value, datetime.date):
        return f"tanggal {value.isoformat()} (beri tanda kutip bila maksudnya teks)"
    if isinstance(value, bytes):
        return "data biner"
    return "nilai yang tidak dikenal"


FIELD_EXAMPLES = {
    "nilai": "86.5",
    "tahun": "2023",
    "awal": "2018",
    "akhir": "2023",
    "id": "ikm_layanan",
    "indikator": "ikm",
    "induk": "sasaran_pelayanan",
    "urutan": "1",
    "jenis": "manual",
    "satuan": "persen",
    "polaritas": "positif",
    "jabatan": "Sekretaris",
    "nama": "Subbagian Umum dan Kepegawaian",
    "judul": "Indikator Kinerja Utama",
    "utara": "Kecamatan Contoh",
    "jumlah_nilai": "150",
    "jumlah_responden": "50",
    "label": "Baik",
    "catatan": "Data dari laporan triwulan IV",
    "bukti": "https://contoh.go.id/bukti.pdf",
    "min": "0",
    "max": "100",
}
"""A correct value for common fields, used as the example in 'expected' lines."""

LIST_EXAMPLES = {
    "penanggung_jawab": "Sekretaris",
    "sumber_data": "Laporan tahunan",
    "desa": "Nama Desa",
}


def _entry_example(field: str) -> str:
    example = FIELD_EXAMPLES.get(field)
    return f"`{field}: {example}`" if example else f"`{field}:` beserta isinya"


def _expected(error: dict[str, Any], field: str, mapping: str | None = None) -> str:
    """What was expected, with an example of a correct value. ``mapping`` is an example entry
    of the mapping expected at the error's place (for 'not a mapping' errors)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "angka":
        return "angka tanpa tanda kutip, mis. 87.5 (titik sebagai pemisah desimal)"
    if kind == "angka_besar":
        return f"angka antara -{MAX_ANGKA} dan {MAX_ANGKA}, mis. 87.5"
    if kind == "angka_desimal":
        return f"paling banyak {MAX_DESIMAL} angka di belakang titik desimal, mis. 87.5"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if field in ("tahun",) or str(field).isdigit():
            return "tahun berupa bilangan bulat, mis. 2023"
        return "bilangan bulat tanpa tanda kutip, mis. 3"
    if kind in ("string_type", "str_type"):
        return 'teks, mis. "Subbagian Umum" (beri tanda kutip bila memuat : atau #)'
    if kind == "string_too_short":
        return f'teks yang tidak kosong, mis. "{FIELD_EXAMPLES.get(field, "Subbagian Umum")}"'
    if kind == "string_too_long":
        return f"paling banyak {ctx.get('max_length')} karakter, mis. `{FIELD_EXAMPLES['id']}`"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        return _PATTERNS.get(pattern, f"teks dengan pola {pattern}")
    if kind in ("enum", "literal_error"):
        choices = str(ctx.get("expected", "")).replace("' or '", "' atau '")
        return f"salah satu dari: {choices}"
    if kind in ("bool_type", "bool_parsing"):
        return "true atau false"
    if kind in ("list_type",):
        return (
            "daftar, setiap butir diawali '- ' pada baris sendiri, "
            f"mis. `- {LIST_EXAMPLES.get(field, 'Subbagian Umum')}`"
        )
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return (
            "pemetaan berisi `kunci: nilai` yang menjorok ke dalam, "
            f"mis. {mapping or '`2023: 85`'} pada baris berikutnya, dua spasi lebih ke dalam"
        )
    if kind == "too_short":
        return (
            f"paling sedikit {ctx.get('min_length')} butir, "
            f"mis. `- {LIST_EXAMPLES.get(field, 'Subbagian Umum')}` di bawah `{field}:`"
        )
    year = field == "tahun" or str(field).isdigit()
    if kind == "greater_than_equal":
        return f"angka paling kecil {ctx.get('ge')}, mis. {2023 if year else ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"angka paling besar {ctx.get('le')}, mis. {2023 if year else ctx.get('le')}"
    if kind == "missing":
        if field == "nilai":
            return "kolom `nilai` diisi, mis. `nilai: 86.5` (atau `nilai:` kosong bila belum ada)"
        return f"kolom `{field}` diisi, mis. `{field}: {FIELD_EXAMPLES.get(field, '...')}`"
    if kind == "union_tag_invalid":
        return f"`jenis` salah satu dari: {ctx.get('expected_tags', '')}"
    if kind == "union_tag_not_found":
        return "kolom `jenis`: manual, komposit, atau ikm"
    if kind == "invalid_key":
        return "kunci berupa teks, mis. `nilai:`"
    # pydantic's own text is English: staff get a pointer to the editor's hints instead.
    return "isi yang sesuai dengan keterangan kolom ini di skema JSON (saran editor)"


def translate(exc: ValidationError, doc: Document, model: type[BaseModel]) -> list[DataError]:
    """All errors of one file's validation, positioned in that file."""
    result = []
    for error in exc.errors():
        loc = _data_loc(doc.data, error["loc"])
        kind = error["type"]
        if kind == "extra_forbidden":
            field = visible(str(loc[-1]), ascii_only=False) if loc else ""
            allowed = _allowed_keys(model, error["loc"][:-1])
            result.append(
                doc.error(
                    loc,
                    f"kolom `{field}` tidak dikenal (salah ketik?)",
                    f"salah satu kolom: {', '.join(allowed)}" if allowed else None,
                    f"`{field}`",
                    key=True,
                )
            )
            continue
        field = _field_name(error["loc"])
        label = _label(doc.data, loc)
        is_key = error["loc"][-1:] == ("[key]",)
        found = "tidak ada" if kind == "missing" else describe_found(error.get("input"))
        if is_key:
            found = f"kunci {found}"
        expected = _expected(error, field, _mapping_example(model, error["loc"]))
        value = error.get("input")
        problem = _id_problem(error)
        if kind == "missing":
            pesan = f"kolom wajib `{field}` tidak ada" + (
                f" di `{_label(doc.data, loc[:-1])}`" if len(loc) > 1 else ""
            )
        elif kind == "angka":
            pesan = f"`{label}` harus berupa angka"
        elif kind == "angka_besar":
            pesan = f"`{label}` terlalu besar"
        elif kind == "angka_desimal":
            pesan = f"`{label}` memuat terlalu banyak angka desimal"
        elif problem is not None:
            # Name the character: an invisible or look-alike one cannot be seen in the editor.
            pesan = f"id `{visible(value)}` {problem[0]}"
            expected = f"{problem[1]}; {expected}"
            found = ("kunci " if is_key else "") + f'teks "{visible(value)}"'
        elif kind == "string_too_long" and isinstance(value, str):
            pesan = f"{'kunci' if is_key else 'teks'} terlalu panjang: {len(value)} karakter"
        elif kind == "greater_than_equal" and isinstance(value, int | Decimal) and value < 0:
            pesan = f"`{label}` tidak boleh negatif"
        else:
            pesan = f"nilai `{label}` tidak sesuai" if label else "isi berkas tidak sesuai"
        result.append(doc.error(loc, pesan, expected, found, key=is_key))
    return result


def _id_problem(error: Any) -> tuple[str, str] | None:
    """What is wrong with a refused id (None for any other error)."""
    value = error.get("input")
    pattern = (error.get("ctx") or {}).get("pattern")
    if error["type"] != "string_pattern_mismatch" or pattern != ID_PATTERN:
        return None
    return id_problem(value) if isinstance(value, str) else None


def _label(data: Any, loc: Loc) -> str:
    """Human path of a value: ``target › 2021``, ``misi › butir 1``."""
    parts = []
    current = data
    for part in loc:
        if isinstance(current, list) and isinstance(part, int):
            parts.append(f"butir {part + 1}")
        else:
            parts.append(visible(str(part), ascii_only=False))
        try:
            current = current[part]
        except (KeyError, IndexError, TypeError):
            current = None
    return " › ".join(parts)


def _field_name(loc: tuple[Any, ...]) -> str:
    for part in reversed(loc):
        if part != "[key]" and not isinstance(part, int):
            return str(part)
    for part in reversed(loc):
        if isinstance(part, int):
            return str(part)
    return ""


def _data_loc(data: Any, loc: tuple[Any, ...]) -> Loc:
    """Map a pydantic loc onto the data: drop union tags and ``[key]`` markers."""
    result: list[Any] = []
    current = data
    for part in loc:
        exists = (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        )
        if exists:
            result.append(part)
            current = current[part]
        elif isinstance(current, dict) and part != "[key]" and part not in _UNION_TAGS:
            # A missing key: keep it to name it; its position falls back to the parent's.
            result.append(part)
            current = None
    return tuple(result)


_UNION_TAGS = {"manual", "komposit", "ikm"}


def _mapping_example(model: type[BaseModel], loc: tuple[Any, ...]) -> str | None:
    """An example entry of the mapping expected at ``loc`` (None if none is expected)."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return None
    if isinstance(current, type) and issubclass(current, BaseModel):
        required = [name for name, f in current.model_fields.items() if f.is_required()]
        fields = required or list(current.model_fields)
        return _entry_example(fields[0]) if fields else None
    if get_origin(current) is dict:
        key, value = (_unwrap(arg) for arg in get_args(current))
        if get_origin(key) is Literal:
            first = get_args(key)[0]
            if isinstance(value, type) and issubclass(value, BaseModel):
                inner = ", ".join(
                    f"{n}: {FIELD_EXAMPLES.get(n, '...')}" for n in value.model_fields
                )
                return f"`{first}: {{{inner}}}`"
            return f"`{first}: ...`"
        if isinstance(value, type) and issubclass(value, BaseModel):
            return f"`{FIELD_EXAMPLES['id']}:` dengan {_mapping_example(value, ())} di bawahnya"
        return "`2023: 85`"
    return None


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names allowed at ``loc`` inside ``model`` (for 'unknown key' hints)."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _step(annotation: Any, part: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if isinstance(part, str) and part in annotation.model_fields:
            return _unwrap(annotation.model_fields[part].annotation)
        return None
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is list and args:
        return _unwrap(args[0]) if isinstance(part, int) else None
    if origin is dict and len(args) == 2:
        return _unwrap(args[1])
    # discriminated union: the loc carries the tag
    for arg in args:
        arg = _unwrap(arg)
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            tag = arg.model_fields.get("jenis")
            if tag is not None and part in get_args(tag.annotation):
                return arg
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional so that the underlying model or container shows."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
            continue
        args = get_args(annotation)
        if origin is Union or (origin is not None and type(None) in args and origin is not dict):
            non_none = [a for a in args if a is not type(None)]
            if len(non_none) == 1:
                annotation = non_none[0]
                continue
        return annotation
