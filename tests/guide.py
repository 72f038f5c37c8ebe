"""Reading the examples of a built Panduan page and proving them with the real commands.

The Panduan's examples are generated from the data folder being built (``iku_macros/web/render/
panduan.py``) and marked in the HTML:

* ``.iku-panduan-contoh[data-kasus][data-berkas]``: the file of case KASUS, written at BERKAS
  (relative to the repository; a leading ``⇥`` stands for a TAB character);
* ``pre.iku-panduan-pesan[data-kasus]``: output that ``check`` must print, verbatim, for that
  case;
* ``pre.iku-panduan-tahun-baru[data-tahun]``: an excerpt of what ``tahun-baru TAHUN`` writes;
* ``.iku-panduan-ringkasan[data-indikator][data-tahun][data-lama][data-baru]``: the rows that
  ``ringkasan`` prints when that realisasi is changed (or, with ``data-lama`` empty, filled in);
* ``pre.iku-panduan-perintah[data-perintah]``: a command (``dokumen-baru``) that must succeed,
  run in the guide's order on one copy, after which ``check`` passes.

Each case's file is written into a copy of the data folder whose ``realisasi/`` and ``ikm/`` are
emptied (the guide says so for its first example), then the real command runs on it. Used by
``test_panduan.py`` (demo and second fixture unit) and ``test_data_unit.py`` (``data/``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from iku_macros.data.loading import load_dataset
from iku_macros.workflow.cli import main

MESSAGE_LIKE = re.compile(r"^\S+\.(yaml|csv):\d+:\d+: |^Data (valid|tidak valid)", re.M)
COMMON_CASES = {
    "berhasil",
    "koma",
    "kutip",
    "id-salah",
    "tahun-luar",
    "kunci-ganda",
    "indentasi",
    "tidak-menjorok",
    "tab",
    "kolom-salah",
    "target-pk",
    "bukti",
}
"""Cases of every unit with a hand-entered indicator; ``komposit`` needs a composite indicator,
``ikm`` and ``ikm-mustahil`` an IKM indicator."""
VALID_CASES = {"berhasil", "target-pk"}
"""Cases whose file is correct (``check`` passes); every other case shows a mistake."""


@dataclass
class Case:
    files: dict[str, str] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


@dataclass
class Guide:
    page: BeautifulSoup
    cases: dict[str, Case]
    tahun_baru: list[tuple[int, str]]
    """(year, excerpt) of each tahun-baru example."""
    perintah: list[str]
    """The commands shown (arguments after ``python -m iku_macros``), in page order."""

    @property
    def text(self) -> str:
        return self.page.get_text(" ", strip=True)


def read_guide(site: Path) -> Guide:
    html = (site / "panduan" / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser").select_one("article")
    assert page is not None
    cases: dict[str, Case] = {}
    for block in page.select(".iku-panduan-contoh[data-kasus]"):
        text = re.sub(r"^⇥", "\t", block.select_one("pre").get_text(), flags=re.M)
        case = cases.setdefault(str(block["data-kasus"]), Case())
        case.files[str(block["data-berkas"])] = text + "\n"
    for block in page.select("pre.iku-panduan-pesan[data-kasus]"):
        cases.setdefault(str(block["data-kasus"]), Case()).messages.append(block.get_text())
    excerpts = [
        (int(str(block["data-tahun"])), block.get_text())
        for block in page.select("pre.iku-panduan-tahun-baru")
    ]
    commands = []
    for block in page.select("pre.iku-panduan-perintah[data-perintah]"):
        command = str(block["data-perintah"])
        assert block.get_text() == f"python -m iku_macros {command}", block
        commands.append(command)
    return Guide(page, cases, excerpts, commands)


def unmarked_messages(guide: Guide) -> list[str]:
    """Blocks that look like check output but carry no ``data-kasus`` (so are never tested)."""
    return [
        pre.get_text()
        for pre in guide.page.select("pre")
        if MESSAGE_LIKE.search(pre.get_text()) and not pre.has_attr("data-kasus")
    ]


def fresh_data(source: Path, repo: Path) -> Path:
    """A copy of ``source`` at ``repo/data`` with empty realisasi and IKM folders."""
    data = repo / "data"
    shutil.copytree(source, data)
    for folder in ("realisasi", "ikm"):
        shutil.rmtree(data / folder, ignore_errors=True)
        (data / folder).mkdir()
    return data


def check_case(
    guide: Guide,
    name: str,
    source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Write the case's files into a fresh copy of ``source``; ``check`` prints its messages."""
    case = guide.cases[name]
    assert case.files, f"kasus {name} tanpa berkas"
    assert case.messages, f"kasus {name} tanpa pesan"
    fresh_data(source, tmp_path)
    for path, text in case.files.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    code = main(["check", "data"])
    out = capsys.readouterr()
    output = out.out + out.err
    for message in case.messages:
        assert message in output, f"kasus {name}: pesan di panduan tidak dicetak.\n{output}"
    assert code == (0 if name in VALID_CASES else 1), output


def check_tahun_baru(
    guide: Guide,
    source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert guide.tahun_baru, "panduan tanpa contoh tahun-baru"
    fresh_data(source, tmp_path)
    monkeypatch.chdir(tmp_path)
    for tahun, excerpt in guide.tahun_baru:
        assert main(["tahun-baru", str(tahun)]) == 0
        written = (tmp_path / "data" / "realisasi" / f"{tahun}.yaml").read_text(encoding="utf-8")
        assert excerpt in written
    capsys.readouterr()


def check_dokumen_baru(
    guide: Guide,
    source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Run the guide's ``dokumen-baru`` commands in order on a copy of ``source`` (after
    ``migrasi`` for a folder in the first format, as the guide then says): each succeeds,
    ``check`` passes, and ``tahun-baru`` works for the new period's first year."""
    assert [c.split()[0] for c in guide.perintah] == ["dokumen-baru", "dokumen-baru"]
    fresh_data(source, tmp_path)
    monkeypatch.chdir(tmp_path)
    if load_dataset(tmp_path / "data").format_lama:
        assert "jalankan python -m iku_macros migrasi data lebih dulu" in guide.text
        assert main(["migrasi", "data"]) == 0, capsys.readouterr().err
    for command in guide.perintah:
        capsys.readouterr()
        code = main(command.split())
        out = capsys.readouterr()
        assert code == 0, f"{command}\n{out.out}{out.err}"
        assert out.out.startswith("Ditulis: data/dokumen/"), out.out
    assert main(["check", "data"]) == 0, capsys.readouterr().err
    first_year = guide.perintah[0].split()[1]
    assert main(["tahun-baru", first_year]) == 0, capsys.readouterr().err
    capsys.readouterr()


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Operator", "-c", "user.email=operator@contoh.example", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def _unescape_markdown(cell: str) -> str:
    return re.sub(r"\\(.)", r"\1", cell).replace("`", "")


def check_ringkasan(
    guide: Guide,
    source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Make the guide's change in a git copy of ``source``; ``ringkasan`` prints its rows."""
    block = guide.page.select_one(".iku-panduan-ringkasan")
    assert block is not None, "panduan tanpa contoh ringkasan"
    ident, tahun = str(block["data-indikator"]), int(str(block["data-tahun"]))
    lama, baru = str(block["data-lama"]), str(block["data-baru"])
    rows = [
        [_cell(cell.get_text()) for cell in tr.find_all(["th", "td"])]
        for tr in block.select("tbody tr")
    ]
    assert rows and any(f"({ident})" in row[0] for row in rows)
    repo = tmp_path / "repo"
    shutil.copytree(source, repo / "data")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "awal")
    path = repo / "data" / "realisasi" / f"{tahun}.yaml"
    doc = (
        yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.exists()
        else {"tahun": tahun, "realisasi": {}}
    )
    entry = doc["realisasi"].setdefault(ident, {"nilai": None})
    old = entry["nilai"]
    assert (old is None and lama == "") or (old is not None and float(old) == float(lama)), old
    entry["nilai"] = float(baru)
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    monkeypatch.chdir(repo)
    capsys.readouterr()
    assert main(["ringkasan", "HEAD"]) == 0
    output = capsys.readouterr().out
    printed = [
        [_cell(_unescape_markdown(cell)) for cell in line.strip().strip("|").split(" | ")]
        for line in output.splitlines()
        if line.startswith("| ") and "`" in line
    ]
    assert rows == printed, output


def _cell(text: str) -> str:
    return " ".join(text.split())
