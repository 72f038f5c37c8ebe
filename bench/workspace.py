"""A throwaway working copy of the project with the generated data committed to git.

The build reads the data's history with plain ``git`` in the repository that holds the data
folder (:mod:`iku_macros.data.gitdata`: the repository root found from the data folder, then
the first-parent log of ``dokumen/*/indikator/*.yaml`` and ``realisasi/*.yaml``). So the copy is
a git repository of its own: the project files a build needs (``mkdocs.yml``, ``hooks/``,
``docs/``, ``overrides/`` and a snapshot of ``iku_macros/``, imported ahead of the editable
install through ``PYTHONPATH``), the data in ``data/``, one commit "data import", and on request
K commits that each change one realisasi value.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.generate import DataSintetis, change_one_value, write_data

PROJECT_FILES = ("mkdocs.yml", "hooks", "docs", "overrides", "iku_macros")
"""What a build needs from the project (the rest is tests, tooling and the unit's own data)."""
IMPORT_DATE = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)
"""Date of the import commit; each later commit is one hour after the previous one, so two
runs give the same commits and the same build date."""
ENV_DROPPED = ("IKU_REPO_URL", "IKU_SITE_URL", "IKU_EDIT_URI", "IKU_VERSI", "SOURCE_DATE_EPOCH")
"""Settings from the caller's environment that would make the builds differ between runs."""


def project_root() -> Path:
    """The repository this package lives in."""
    return Path(__file__).resolve().parent.parent


@dataclass
class Perubahan:
    indikator: str
    tahun: int
    commit: str


@dataclass
class Workspace:
    project: Path
    """Root of the copy (its own git repository); builds run here."""
    data: DataSintetis
    seed: int
    commits: int = 0
    changes: list[Perubahan] = field(default_factory=list)

    @property
    def data_dir(self) -> Path:
        return self.project / "data"

    def env(self) -> dict[str, str]:
        """Environment of a build in the copy: its data folder, its iku_macros first."""
        env = dict(os.environ)
        for name in ENV_DROPPED:
            env.pop(name, None)
        env["IKU_DATA"] = "data"
        env["NO_MKDOCS_2_WARNING"] = "1"
        env["PYTHONPATH"] = str(self.project)
        return env

    def git(self, *args: str, when: datetime | None = None) -> str:
        env = dict(os.environ)
        env.update(
            GIT_CONFIG_NOSYSTEM="1",
            GIT_CONFIG_GLOBAL=os.devnull,
            GIT_AUTHOR_NAME="Bench Contoh",
            GIT_AUTHOR_EMAIL="bench@contoh.example",
            GIT_COMMITTER_NAME="Bench Contoh",
            GIT_COMMITTER_EMAIL="bench@contoh.example",
        )
        if when is not None:
            stamp = when.strftime("%Y-%m-%dT%H:%M:%S+0000")
            env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        result = subprocess.run(
            ["git", "-C", str(self.project), *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)} gagal: {result.stderr.strip()}")
        return result.stdout

    def commit(self, message: str) -> str:
        when = IMPORT_DATE + timedelta(hours=self.commits)
        self.git("add", "-A")
        self.git("commit", "-q", "--no-verify", "-m", message, when=when)
        self.commits += 1
        return self.git("rev-parse", "HEAD").strip()

    def add_history(self, k: int) -> None:
        """K commits after the import, each changing one realisasi value."""
        rng = random.Random(self.seed + 2)
        for _ in range(k):
            ident, tahun = change_one_value(self.data_dir, self.data, rng)
            value = self.data.realisasi[tahun][ident]
            commit = self.commit(
                f"Realisasi {tahun} {ident} menjadi {value}\n\n"
                "Koreksi angka dari laporan bidang (data contoh)."
            )
            self.changes.append(Perubahan(ident, tahun, commit))


def create(parent: Path, n: int, seed: int = 13, source: Path | None = None) -> Workspace:
    """Copy the project into ``parent/proyek``, generate the data for ``n`` indicators into
    its ``data/``, and commit everything as "data import"."""
    source = source or project_root()
    project = parent / "proyek"
    project.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in PROJECT_FILES:
        origin = source / name
        if origin.is_dir():
            shutil.copytree(origin, project / name, ignore=ignore)
        else:
            shutil.copy2(origin, project / name)
    (project / ".gitignore").write_text("__pycache__/\n*.pyc\n/site/\n", encoding="utf-8")
    data = write_data(project / "data", n, seed)
    workspace = Workspace(project, data, seed)
    workspace.git("init", "-q", "-b", "main")
    workspace.commit("data import")
    return workspace
