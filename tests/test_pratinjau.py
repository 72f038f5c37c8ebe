"""`mkdocs serve` reuses what an edit did not change (iku_macros.web.pratinjau, hooks/pratinjau.py):
every rebuild after an edit must equal the first build of a new `mkdocs serve` of the edited
project, byte for byte, and must have reused what it could. (A served site differs from a
published one only in its footer, which says it shows the working folder.)"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.generate import write_data

from .conftest import DEMO, copy_project

EPOCH = {"SOURCE_DATE_EPOCH": "1735689600"}

# Builds in one process, as `mkdocs serve` makes them: one startup event, then a fresh
# configuration for each build while the hooks and the package stay loaded. Before each build
# its edits are made; after it, one line of JSON says whether it passed and what was reused.
SERVE = """
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

for number, step in enumerate(json.loads(sys.argv[1])):
    for path, old, new in step["edits"]:
        text = Path(path).read_text(encoding="utf-8")
        assert old in text, (path, old)
        Path(path).write_text(text.replace(old, new, 1), encoding="utf-8")
    config = load_config("mkdocs.yml", strict=True, site_dir=step["site"])
    if number == 0:
        config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
        ok = True
    except (Exception, SystemExit):
        ok = False
    iku, pratinjau = sys.modules["hooks/iku.py"], sys.modules["hooks/pratinjau.py"]
    print(json.dumps({
        "ok": ok,
        "hasil": iku._preview.reused,
        "isi": pratinjau._isi.reused,
        "keluaran": pratinjau._keluaran.reused,
    }))
"""


def _serve(
    project: Path, data: Path, steps: list[list[tuple[Path, str, str]]], sites: Path
) -> list[dict[str, Any]]:
    plan = [
        {"site": str(sites / str(n)), "edits": [[str(p), old, new] for p, old, new in edits]}
        for n, edits in enumerate(steps)
    ]
    env = {**os.environ, "IKU_DATA": str(data), "NO_MKDOCS_2_WARNING": "1", **EPOCH}
    result = subprocess.run(
        [sys.executable, "-c", SERVE, json.dumps(plan)],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == len(steps), result.stdout
    return lines


def _fresh(project: Path, data: Path, site: Path) -> None:
    """The first build of a new `mkdocs serve` of the project as it now is."""
    (result,) = _serve(project, data, [[]], site)
    assert result["ok"]


def _differences(left: Path, right: Path) -> list[str]:
    found = []
    for path in sorted(left.rglob("*")):
        if path.is_file():
            other = right / path.relative_to(left)
            if not other.is_file() or not filecmp.cmp(path, other, shallow=False):
                found.append(path.relative_to(left).as_posix())
    found += [
        p.relative_to(right).as_posix()
        for p in right.rglob("*")
        if p.is_file() and not (left / p.relative_to(right)).exists()
    ]
    return found


def _same_as_fresh(project: Path, data: Path, served: Path, tmp_path: Path) -> None:
    _fresh(project, data, tmp_path / "segar")
    different = _differences(served, tmp_path / "segar" / "0")
    assert different == [], different[:10]


def _commit(repo: Path) -> None:
    """``repo`` a new git repository whose one commit holds its ``data`` folder."""
    git = ["git", "-c", "user.name=Uji", "-c", "user.email=uji@contoh.invalid"]
    for args in (["init", "-q", "-b", "main"], ["add", "data"], ["commit", "-q", "-m", "Awal"]):
        subprocess.run([*git, *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def demo(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    return copy_project(tmp_path / "proyek"), data


def test_a_realisasi_edit_renders_only_what_shows_it(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    """An input of the composite ikm_kecamatan: its page and the composite's change."""
    project, data = demo
    edit = (data / "realisasi" / "2024.yaml", "nilai: 91.0", "nilai: 92.5")
    first, second = _serve(project, data, [[], [edit]], tmp_path / "situs")
    assert first["ok"] and second["ok"]
    _same_as_fresh(project, data, tmp_path / "situs" / "1", tmp_path)
    page = tmp_path / "situs" / "1" / "indikator" / "persentase_layanan_trantib" / "index.html"
    assert "92,5" in page.read_text(encoding="utf-8")
    assert second["hasil"] > 0, "unchanged indicator pages computed again"
    assert second["isi"] > 0, "unchanged pages converted from Markdown again"
    assert second["keluaran"] > 0, "unchanged pages rendered through the theme again"


def test_a_definition_edit_computes_every_indicator_page_again(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    project, data = demo
    path = data / "dokumen" / "2025-2029" / "indikator" / "nilai_sakip.yaml"
    edit = (path, "Hasil Evaluasi SAKIP", "Hasil evaluasi SAKIP")
    first, second = _serve(project, data, [[], [edit]], tmp_path / "situs")
    assert first["ok"] and second["ok"]
    _same_as_fresh(project, data, tmp_path / "situs" / "1", tmp_path)
    assert second["hasil"] == 0, "a definition changed: every page is computed again"


def test_a_page_title_edit_renders_every_page_again(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    """A hand-written page's title is in every page's navigation: no page's HTML is reused,
    though the converted content of the others is."""
    project, data = demo
    page = project / "docs" / "metodologi.md"
    body = page.read_text(encoding="utf-8").split("\n---\n", 1)[-1]  # after the front matter
    title = re.search(r"^# (.+)$", body, re.MULTILINE)
    assert title is not None
    edit = (page, title.group(0), f"# {title.group(1)} perhitungan")
    first, second = _serve(project, data, [[], [edit]], tmp_path / "situs")
    assert first["ok"] and second["ok"]
    _same_as_fresh(project, data, tmp_path / "situs" / "1", tmp_path)
    assert second["keluaran"] == 0, "a nav title changed: every page is rendered again"
    assert second["isi"] > 0


def test_a_failed_build_leaves_nothing_to_reuse(demo: tuple[Path, Path], tmp_path: Path) -> None:
    """A build that stops (here on a data error) keeps none of its own results: the next one
    reuses only what the last good build left, and equals a fresh build."""
    project, data = demo
    path = data / "realisasi" / "2024.yaml"
    broken = (path, "nilai: 91.0", "nilai: sembilan puluh")
    fixed = (path, "nilai: sembilan puluh", "nilai: 92.5")
    first, failed, last = _serve(project, data, [[], [broken], [fixed]], tmp_path / "situs")
    assert first["ok"] and not failed["ok"] and last["ok"]
    _same_as_fresh(project, data, tmp_path / "situs" / "2", tmp_path)
    assert last["keluaran"] > 0


def test_a_program_indicator_edit_reuses_the_other_programs(tmp_path: Path) -> None:
    """With program pages (more program indicators than the capaian pages list), an edit to
    one program indicator computes its own program's page again, not the others'."""
    data = tmp_path / "data"
    write_data(data, 60)
    _commit(tmp_path)  # the import commit: a Riwayat of several pages, reused too
    project = copy_project(tmp_path / "proyek")
    path = data / "realisasi" / "2025.yaml"
    text = path.read_text(encoding="utf-8")
    found = re.search(r"^  (p\d+_\d+):\n    nilai: (\d+(?:\.\d+)?)$", text, re.MULTILINE)
    assert found is not None
    ident, value = found.groups()
    new = f"{float(value) + 0.7:.1f}"
    old_text = found.group(0)
    edit = (path, old_text, old_text.replace(f"nilai: {value}", f"nilai: {new}"))
    first, second = _serve(project, data, [[], [edit]], tmp_path / "situs")
    assert first["ok"] and second["ok"]
    _same_as_fresh(project, data, tmp_path / "situs" / "1", tmp_path)
    pages = [p / "index.html" for p in sorted((tmp_path / "situs" / "1" / "program").iterdir())]
    assert len(pages) > 1, "the synthetic data has program pages"
    mine = [p for p in pages if f"indikator/{ident}/" in p.read_text(encoding="utf-8")]
    assert len(mine) == 1
    assert new.replace(".", ",") in mine[0].read_text(encoding="utf-8")
    riwayat = list((tmp_path / "situs" / "1" / "riwayat").iterdir())
    assert riwayat, "the history has more than one page"
    # Every indicator page but the edited one's (and its composite relatives'), every program
    # page but its program's, and every Riwayat page is reused.
    assert second["hasil"] >= len(pages) - 1 + len(riwayat)


def test_a_page_that_warned_warns_again(demo: tuple[Path, Path], tmp_path: Path) -> None:
    """A strict build stopped by a warning late in the build (a broken link) keeps nothing:
    built again unchanged, the page is converted again and the build stops again, instead of
    passing with a converted page taken from the failed build."""
    project, data = demo
    page = project / "docs" / "profil.md"
    text = page.read_text(encoding="utf-8")
    broken = (page, text, text + "\n[Tautan rusak](tidak-ada.md)\n")
    fixed = (page, "\n[Tautan rusak](tidak-ada.md)\n", "")
    steps = [[], [broken], [], [fixed]]
    first, failed, again, last = _serve(project, data, steps, tmp_path / "situs")
    assert first["ok"] and not failed["ok"] and not again["ok"] and last["ok"]
    _same_as_fresh(project, data, tmp_path / "situs" / "3", tmp_path)
    assert last["isi"] > 0 and last["keluaran"] > 0


def test_the_first_edit_of_a_clean_repository_renders_only_what_shows_it(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    """Data committed in git: the first edit makes the folder differ from its commit. The
    served footer says it shows the working folder either way, so the edit renders again only
    the pages that show the value; a published build still names uncommitted changes."""
    project, data = demo
    _commit(tmp_path)
    edit = (data / "realisasi" / "2024.yaml", "nilai: 91.0", "nilai: 92.5")
    first, second = _serve(project, data, [[], [edit]], tmp_path / "situs")
    assert first["ok"] and second["ok"]
    _same_as_fresh(project, data, tmp_path / "situs" / "1", tmp_path)
    footer = (tmp_path / "situs" / "1" / "index.html").read_text(encoding="utf-8")
    assert "pratinjau dari folder kerja" in footer
    assert second["keluaran"] > 0 and second["isi"] > 0 and second["hasil"] > 0
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "terbit")],
        cwd=project, capture_output=True, text=True, check=False,
        env={**os.environ, "IKU_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]
    published = (tmp_path / "terbit" / "index.html").read_text(encoding="utf-8")
    assert "ditambah perubahan data yang belum dicatat" in published
    assert "pratinjau" not in published.split('class="iku-asal"', 1)[1].split("</div>", 1)[0]
