"""`mkdocs serve` reuses unchanged indicator pages (iku_macros.web.pratinjau): the rebuild after
an edit must equal a fresh `mkdocs build` of the edited data, byte for byte."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DEMO, ROOT
from .site_build import build_site

# Two builds in one process, as `mkdocs serve` does them (the hook module and the package stay
# loaded); the edit is made between them. Prints how many indicator pages were reused.
SERVE = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

def once(site):
    config = load_config("mkdocs.yml", strict=True, site_dir=site)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    return config

once(sys.argv[1])
path, old, new = Path(sys.argv[3]), sys.argv[4], sys.argv[5]
text = path.read_text(encoding="utf-8")
assert old in text
path.write_text(text.replace(old, new, 1), encoding="utf-8")
once(sys.argv[2])
hook = sys.modules["hooks/iku.py"]  # MkDocs loads a hook once per process, under its path
print("reused", hook._preview.reused)
"""


@pytest.mark.parametrize(
    ("file", "old", "new", "changed"),
    [
        # An input of the composite ikm_kecamatan: its page and the composite's change.
        ("realisasi/2024.yaml", "nilai: 91.0", "nilai: 92.5", "persentase_layanan_trantib"),
        # A definition file: every page is rendered again.
        (
            "dokumen/2025-2029/indikator/nilai_sakip.yaml",
            "Hasil Evaluasi SAKIP",
            "Hasil evaluasi SAKIP",
            "nilai_sakip",
        ),
    ],
)
def test_a_serve_rebuild_after_an_edit_equals_a_fresh_build(
    tmp_path: Path, file: str, old: str, new: str, changed: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    env = {
        **os.environ,
        "IKU_DATA": str(data),
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1735689600",
    }
    result = subprocess.run(
        [sys.executable, "-c", SERVE, str(tmp_path / "a"), str(tmp_path / "b"),
         str(data / file), old, new],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    reused = int(result.stdout.split("reused")[-1])
    build_site(data, tmp_path / "c", extra_env={"SOURCE_DATE_EPOCH": "1735689600"})

    different = _differences(tmp_path / "b", tmp_path / "c")
    assert different == [], different[:10]
    assert (
        new.split(": ")[-1].replace(".", ",")
        in (tmp_path / "b" / "indikator" / changed / "index.html").read_text(encoding="utf-8")
        or "realisasi" not in file
    )
    if file.startswith("realisasi/"):
        assert reused > 0, "unchanged indicator pages were rendered again"
    else:
        assert reused == 0, "a definition changed: every page is rendered again"


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
