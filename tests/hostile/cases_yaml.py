"""Hostile YAML: code-like tags, bombs, YAML 1.1 look-alike numbers, hidden characters, broken
syntax. Each must be refused in Indonesian at its file:line:col, never converted silently."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .harness import KINI, KINI_RE, Case, replace

REALISASI = "realisasi/2023.yaml"
NILAI = "nilai: 86.0"
"""The first value of the demo's realisasi 2023 file, replaced by the payload."""
AT_NILAI = r"realisasi/2023\.yaml:6:\d+"
"""Where that value is: line 6 of the file."""


def _nilai(payload: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        replace(data / REALISASI, NILAI, f"nilai: {payload}")

    return mutate


def _append(relative: str, text: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        path = data / relative
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return mutate


def _replace(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        replace(data / relative, old, new)

    return mutate


def _write_bytes(relative: str, prefix: bytes = b"", suffix: bytes = b"") -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        path = data / relative
        path.write_bytes(prefix + path.read_bytes() + suffix)

    return mutate


def _billion_laughs(data: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    path = data / "pengertian.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")


def _deep_nesting(data: Path) -> None:
    replace(data / REALISASI, NILAI, "nilai: " + "[" * 50_000 + "]" * 50_000)


def _deep_block_nesting(data: Path) -> None:
    lines = [f"{'  ' * depth}k{depth}:" for depth in range(60)]
    _append("wilayah.yaml", "\n".join(lines) + " 1\n")(data)


def _utf16(data: Path) -> None:
    path = data / "wilayah.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))


CASES = [
    Case(
        "yaml-python-name-tag",
        _nilai("!!python/name:os.system"),
        r"tag Python .*tidak diizinkan",
        AT_NILAI,
    ),
    Case(
        "yaml-python-apply-tag",
        _append("wilayah.yaml", 'catatan: !!python/object/apply:os.system ["touch /tmp/x"]\n'),
        r"tag Python .*`!!python/object/apply:os\.system`",
        r"wilayah\.yaml:\d+:\d+",
    ),
    Case(
        "yaml-custom-tag",
        _replace("wilayah.yaml", "gambaran_umum:", "gambaran_umum: !include /etc/passwd\nx:"),
        r"tag YAML `!include` tidak diizinkan",
        r"wilayah\.yaml:\d+:\d+",
    ),
    Case(
        "yaml-binary-tag",
        _nilai("!!binary ODYuMA=="),
        r"tag YAML `!!binary` tidak diizinkan",
        AT_NILAI,
    ),
    Case("yaml-alias-bomb", _billion_laughs, r"alias YAML `\*a`", r"pengertian\.yaml:\d+:\d+"),
    Case(
        "yaml-merge-key",
        _replace(
            REALISASI,
            "  temuan_bpk_belum_ditindaklanjuti:\n",
            "  temuan_bpk_belum_ditindaklanjuti:\n    <<: {nilai: 3}\n",
        ),
        r"kunci gabungan YAML `<<`",
        r"realisasi/2023\.yaml:9:5",
    ),
    Case(
        "yaml-huge-exponent",
        _nilai("1.0e+999999999"),
        r"angka `1\.0e\+999999999` terlalu besar",
        AT_NILAI,
    ),
    Case("yaml-exponent-400", _nilai("1e400"), r"angka `1e400` terlalu besar", AT_NILAI),
    Case("yaml-infinity", _nilai(".inf"), r"`\.inf` bukan angka terhingga", AT_NILAI),
    Case("yaml-not-a-number", _nilai(".NaN"), r"`\.NaN` bukan angka terhingga", AT_NILAI),
    Case(
        "yaml-too-precise",
        _nilai("86.123456789012"),
        r"lebih dari 10 angka di belakang titik",
        AT_NILAI,
    ),
    Case(
        "yaml-nip-unquoted",
        _replace("profil.yaml", 'nip: "199001012020011001"', "nip: 199001012020011001"),
        r"angka `199001012020011001` terlalu besar",
        r"profil\.yaml:15:8",
    ),
    Case("yaml-octal-leading-zero", _nilai("010"), r"`010` diawali 0.*oktal", AT_NILAI),
    Case("yaml-octal-0o", _nilai("0o10"), r"angka oktal `0o10`", AT_NILAI),
    Case("yaml-hex", _nilai("0x5A"), r"angka heksadesimal `0x5A`", AT_NILAI),
    Case("yaml-binary-int", _nilai("0b1011"), r"angka biner `0b1011`", AT_NILAI),
    Case("yaml-sexagesimal", _nilai("1:30"), r"`1:30` dibaca sebagai angka basis 60", AT_NILAI),
    Case("yaml-underscore-number", _nilai("8_6"), r"angka `8_6` memakai garis bawah", AT_NILAI),
    Case(
        "yaml-yes-boolean",
        _replace("profil.yaml", "data_contoh: true", "data_contoh: yes"),
        r"`yes` dibaca sebagai benar/salah oleh YAML 1\.1",
        r"profil\.yaml:4:14",
    ),
    Case(
        "yaml-date-as-year",
        _replace(REALISASI, "tahun: 2023", "tahun: 2023-12-31"),
        r"tahun.*(bilangan bulat|angka)",
        r"realisasi/2023\.yaml:3:8",
    ),
    Case(
        "yaml-nul-byte",
        _write_bytes(f"{KINI}/kerangka.yaml", suffix=b"catatan: a\x00b\n"),
        r"U\+0000 NULL",
        rf"{KINI_RE}/kerangka\.yaml:\d+:11",
    ),
    Case(
        "yaml-escape-control",
        _append("wilayah.yaml", "catatan: merah \x1b[31m teks\n"),
        r"karakter kendali .*U\+001B ESCAPE",
        r"wilayah\.yaml:\d+:16",
    ),
    Case(
        "yaml-bidi-override",
        _replace("profil.yaml", "nama_singkat: Kecamatan", "nama_singkat: \u202eKecamatan"),
        r"U\+202E RIGHT-TO-LEFT OVERRIDE",
        r"profil\.yaml:7:17",
    ),
    Case(
        "yaml-zero-width-id",
        _replace(f"{KINI}/indikator/ikm.yaml", "id: ikm", "id: ik\u200bm"),
        r"U\+200B ZERO WIDTH SPACE",
        rf"{KINI_RE}/indikator/ikm\.yaml:3:7",
    ),
    Case(
        "yaml-latin1",
        _write_bytes("wilayah.yaml", suffix="catatan: Caf\u00e9\n".encode("latin-1")),
        r"bukan teks UTF-8 \(bita 0xE9",
        r"wilayah\.yaml:\d+:13",
    ),
    Case("yaml-utf16", _utf16, r"bukan teks UTF-8", r"wilayah\.yaml:1:1"),
    Case(
        "yaml-bom-then-second-document",
        _write_bytes("landasan_hukum.yaml", prefix=b"\xef\xbb\xbf", suffix=b"---\nlain: 1\n"),
        r"hanya boleh berisi satu dokumen YAML",
        r"landasan_hukum\.yaml:\d+:1",
    ),
    Case(
        "yaml-deep-flow-nesting",
        _deep_nesting,
        r"bersarang terlalu dalam",
        AT_NILAI,
    ),
    Case(
        "yaml-deep-block-nesting",
        _deep_block_nesting,
        r"bersarang terlalu dalam",
        r"wilayah\.yaml:\d+:\d+",
    ),
    Case(
        "yaml-complex-key",
        _replace(
            REALISASI,
            "  nilai_sakip:\n",
            "  ? [nilai_sakip, ikm]\n  : {nilai: 1}\n  nilai_sakip:\n",
        ),
        r"kunci tidak boleh berupa daftar atau pemetaan",
        r"realisasi/2023\.yaml:5:5",
    ),
    Case(
        "yaml-null-key",
        _replace(REALISASI, "  nilai_sakip:\n", "  ~:\n    nilai: 1\n  nilai_sakip:\n"),
        r"kunci kosong \(null\)",
        r"realisasi/2023\.yaml:5:3",
    ),
    Case(
        "yaml-tab-indent",
        _replace(REALISASI, "    nilai: 86.0", "\tnilai: 86.0"),
        r"karakter TAB tidak boleh dipakai; gunakan spasi",
        r"realisasi/2023\.yaml:6:1",
    ),
    Case(
        "yaml-unclosed-quote",
        _replace("wilayah.yaml", "gambaran_umum:", 'gambaran_umum: "tidak ditutup\nx:'),
        r"berkas berakhir sebelum tanda kutip",
        r"wilayah\.yaml:\d+:\d+",
    ),
    Case(
        "yaml-backslash-in-double-quotes",
        _nilai('86.0\n    catatan: "lihat C:\\data\\sakip.pdf"'),
        r"urutan `\\` `d` tidak dikenal di dalam tanda kutip ganda",
        r"realisasi/2023\.yaml:7:\d+",
    ),
    Case(
        "yaml-star-bullet",
        _replace("landasan_hukum.yaml", "dasar_hukum:\n", "dasar_hukum:\n  * Undang-Undang\n"),
        r"tanda `\*`, `&`, atau `!` punya arti khusus",
        r"landasan_hukum\.yaml:\d+:\d+",
    ),
    Case(
        "yaml-directive",
        _write_bytes(REALISASI, prefix=b"%YAML 1.1\n---\n"),
        r"direktif YAML",
        r"realisasi/2023\.yaml:1:1",
    ),
    Case(
        "yaml-unclosed-flow-list",
        _replace(REALISASI, "tahun: 2023", "tahun: [2023"),
        r"daftar `\[\.\.\.\]` belum ditutup",
        r"realisasi/2023\.yaml:\d+:\d+",
    ),
]
