"""docs/panduan.md never drifts from the code: every message it quotes is produced by `check`.

The guide marks its examples with HTML comments (invisible on the site):

* ``<!-- berkas: KASUS PATH -->`` before a ```` ```yaml ```` block: a file of case KASUS, written
  at PATH (relative to the repository) into a copy of the real ``data/`` whose realisasi and IKM
  folders are emptied first. In these blocks a leading ``⇥`` stands for a TAB character.
* ``<!-- pesan: KASUS -->`` before a ```` ```text ```` block: output that ``check`` must print,
  verbatim, for that case.
* ``<!-- tahun-baru: TAHUN -->`` before a ```` ```yaml ```` block: an excerpt of what
  ``tahun-baru TAHUN`` writes for the real data.
* ``<!-- ringkasan: contoh -->`` before a Markdown table: rows that ``ringkasan`` prints when the
  demo data's 2023 realisasi of ``persentase_layanan_trantib`` goes from 90 to 70.

Any ```` ```text ```` block that looks like a check message must carry a ``pesan`` marker.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from iku_macros.cli import main

from .conftest import DATA, DEMO, ROOT

GUIDE = ROOT / "docs" / "panduan.md"
TEXT = GUIDE.read_text(encoding="utf-8")
BLOCK = re.compile(
    r"<!-- (?P<kind>berkas|pesan|tahun-baru): (?P<arg>[^>]+?) -->\n"
    r"```(?P<lang>\w+)\n(?P<body>.*?)\n```",
    re.S,
)
MESSAGE_LIKE = re.compile(r"^\S+\.(yaml|csv):\d+:\d+: |^Data (valid|tidak valid)", re.M)


@dataclass
class Case:
    files: dict[str, str] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


def _cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
    for match in BLOCK.finditer(TEXT):
        kind, arg, body = match["kind"], match["arg"].strip(), match["body"]
        if kind == "berkas":
            name, path = arg.split(maxsplit=1)
            text = re.sub(r"^⇥", "\t", body, flags=re.M)
            cases.setdefault(name, Case()).files[path] = text + "\n"
        elif kind == "pesan":
            cases.setdefault(arg, Case()).messages.append(body)
    return cases


CASES = _cases()


def test_guide_has_the_common_errors() -> None:
    expected = {
        "koma",
        "kutip",
        "id-salah",
        "tahun-luar",
        "kunci-ganda",
        "indentasi",
        "komposit",
        "ikm",
        "ikm-mustahil",
        "bukti",
    }
    assert expected <= set(CASES), expected - set(CASES)
    for name, case in CASES.items():
        assert case.files, f"kasus {name} tanpa berkas"
        assert case.messages, f"kasus {name} tanpa pesan"


def test_every_quoted_message_is_marked() -> None:
    marked = {m.start("body") for m in BLOCK.finditer(TEXT) if m["kind"] == "pesan"}
    for match in re.finditer(r"```text\n(?P<body>.*?)\n```", TEXT, re.S):
        if MESSAGE_LIKE.search(match["body"]):
            assert match.start("body") in marked, f"pesan tanpa penanda pesan:\n{match['body']}"


def _fresh_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for folder in ("realisasi", "ikm"):
        shutil.rmtree(data / folder, ignore_errors=True)
        (data / folder).mkdir()
    return data


@pytest.mark.parametrize("name", sorted(CASES))
def test_quoted_messages_are_what_check_prints(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = CASES[name]
    _fresh_data(tmp_path)
    for path, text in case.files.items():
        (tmp_path / path).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "data"])
    out = capsys.readouterr()
    output = out.out + out.err
    for message in case.messages:
        assert message in output, f"kasus {name}: pesan di panduan tidak dicetak.\n{output}"
    assert code == (0 if name == "berhasil" else 1)


def test_tahun_baru_excerpt_is_real(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    excerpts = [m for m in BLOCK.finditer(TEXT) if m["kind"] == "tahun-baru"]
    assert excerpts
    _fresh_data(tmp_path)
    monkeypatch.chdir(tmp_path)
    for match in excerpts:
        tahun = match["arg"].strip()
        assert main(["tahun-baru", tahun]) == 0
        written = (tmp_path / "data" / "realisasi" / f"{tahun}.yaml").read_text(encoding="utf-8")
        assert match["body"] in written
    capsys.readouterr()


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Operator", "-c", "user.email=operator@contoh.example", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def test_ringkasan_sample_is_real(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    section = TEXT.split("<!-- ringkasan: contoh -->\n", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    assert len(rows) >= 3  # header, then the sample rows
    repo = tmp_path / "repo"
    shutil.copytree(DEMO, repo / "data")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "awal")
    path = repo / "data" / "realisasi" / "2023.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  persentase_layanan_trantib:\n    nilai: 90.0\n"
    assert old in text
    path.write_text(text.replace(old, old.replace("90.0", "70.0")), encoding="utf-8")
    monkeypatch.chdir(repo)
    assert main(["ringkasan", "HEAD"]) == 0
    output = capsys.readouterr().out
    for row in rows:
        assert row in output, f"baris contoh tidak dicetak ringkasan:\n{row}\n{output}"
