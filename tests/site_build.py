"""Build the real site with ``mkdocs build --strict`` for tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def build_site(data_dir: Path, site_dir: Path, *, extra_env: dict[str, str] | None = None) -> str:
    """Run a strict build of ``data_dir`` into ``site_dir``; return the build log."""
    env = {**os.environ, "IKU_DATA": str(data_dir), "NO_MKDOCS_2_WARNING": "1"}
    env.update(extra_env or {})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result.stderr
