"""Publish one reporting year as a frozen version on the local ``gh-pages`` branch, with mike.

A published year is an auditor's record, so re-publishing one is refused unless forced, and a
forced re-publication is recorded: in the version's pages ("direvisi pada …"), in
``versions.json`` (property ``direvisi``) and in the branch's commit message. Pushing the branch
is a separate, explicit step (``git push origin gh-pages``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .errors import DataValidationError
from .gitdata import git, read_asal
from .loading import load_dataset

ALIAS_TERBARU = "terbaru"
MIKE = [sys.executable, "-c", "import sys; from mike.driver import main; sys.exit(main())"]
"""mike's command line, run with this interpreter (mike has no ``python -m`` entry)."""


class PublishError(Exception):
    """A refusal or failure, phrased for the person publishing."""


@dataclass(frozen=True)
class Versi:
    version: str
    aliases: tuple[str, ...]
    properties: dict[str, object]


def published_versions(repo: Path, branch: str) -> list[Versi]:
    """Versions already on ``branch`` (empty if the branch does not exist yet)."""
    text = git(repo, "show", f"{branch}:versions.json")
    if text is None:
        return []
    return [
        Versi(str(v["version"]), tuple(v.get("aliases", ())), dict(v.get("properties") or {}))
        for v in json.loads(text)
    ]


def branch_head(repo: Path, branch: str) -> str | None:
    head = git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}")
    return head.strip() if head else None


NOT_FOUND_PAGE = """<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Halaman tidak ditemukan</title>
<style>
body{{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}}
</style>
</head>
<body>
<h1>Halaman tidak ditemukan</h1>
<p>Alamat yang Anda buka tidak ada di situs ini. Mungkin halaman itu tidak ada pada versi
(tahun) yang Anda pilih.</p>
<p><a href="{base}{alias}/">Buka versi terbaru</a> · <a href="{base}">Beranda</a></p>
</body>
</html>
"""


def _write_root_file(repo: Path, branch: str, name: str, content: str, message: str) -> None:
    """Add or replace one file at the root of ``branch`` with git plumbing (no checkout)."""
    env = {**os.environ, "GIT_INDEX_FILE": str(repo / ".git" / "iku-publish-index")}

    def run(*args: str, stdin: str | None = None) -> str:
        result = subprocess.run(
            ["git", "-C", str(repo), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if result.returncode != 0:
            raise PublishError(f"git {' '.join(args)} gagal: {result.stderr.strip()}")
        return result.stdout.strip()

    blob = run("hash-object", "-w", "--stdin", stdin=content)
    run("read-tree", branch)
    run("update-index", "--add", "--cacheinfo", f"100644,{blob},{name}")
    tree = run("write-tree")
    if tree == run("rev-parse", f"{branch}^{{tree}}"):
        return  # already identical
    commit = run("commit-tree", tree, "-p", branch, "-m", message)
    run("update-ref", f"refs/heads/{branch}", commit)
    Path(env["GIT_INDEX_FILE"]).unlink(missing_ok=True)


def publish(
    tahun: int,
    *,
    repo: Path,
    data: str = "data",
    branch: str = "gh-pages",
    paksa: bool = False,
    config_file: str = "mkdocs.yml",
) -> str:
    """Build the current commit and deploy it as version ``tahun``; returns a summary."""
    data_dir = (repo / data).resolve()
    try:
        dataset = load_dataset(data_dir)
    except DataValidationError as exc:
        raise PublishError(
            "Data tidak valid; tidak ada yang diterbitkan.\n" + exc.report()
        ) from None
    periode = dataset.profil.dokumen.periode
    if not periode.awal <= tahun <= periode.akhir:
        raise PublishError(f"Tahun {tahun} di luar periode dokumen {periode.awal}–{periode.akhir}.")
    status = git(repo, "status", "--porcelain", "--untracked-files=no")
    if status is None:
        raise PublishError(f"{repo} bukan repositori git.")
    if status.strip():
        raise PublishError(
            "Ada perubahan yang belum di-commit. Versi terbitan harus berasal dari satu commit: "
            "commit dulu perubahan Anda, lalu terbitkan lagi."
        )
    asal = read_asal(data_dir)
    versions = published_versions(repo, branch)
    existing = next((v for v in versions if v.version == str(tahun)), None)
    if existing is not None and not paksa:
        raise PublishError(
            f"Versi {tahun} sudah diterbitkan dan merupakan catatan bagi auditor; penerbitan "
            f"ulang ditolak. Cabang {branch} tidak diubah. Bila versi itu memang harus "
            f"direvisi, ulangi dengan --paksa: revisinya akan tercatat dan terlihat di situs."
        )
    newest = max([int(v.version) for v in versions if v.version.isdigit()] + [tahun])
    aliases = [ALIAS_TERBARU] if tahun == newest else []
    env = {**os.environ, "IKU_DATA": str(data_dir), "IKU_VERSI": str(tahun)}
    # mike runs the `mkdocs` command: use the one installed beside this interpreter.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    revised = existing is not None
    if revised and asal.tanggal is not None:
        env["IKU_DIREVISI"] = asal.tanggal.strftime("%Y-%m-%d")
    what = "Terbitkan ulang (revisi)" if revised else "Terbitkan"
    message = f"{what} IKU tahun {tahun} dari commit {asal.pendek}"
    command = [
        *MIKE, "deploy",
        "--config-file", config_file,
        "--branch", branch,
        "--title", str(tahun),
        "--message", message,
        "--ignore-remote-status",
    ]  # fmt: skip
    if aliases:
        command.append("--update-aliases")
    if revised:
        command += ["--prop-set-string", f"direvisi={env.get('IKU_DIREVISI', '')}"]
    command += [str(tahun), *aliases]
    _run(command, repo, env)
    if aliases:
        _run(
            [*MIKE, "set-default", "--branch", branch,
             "--ignore-remote-status", ALIAS_TERBARU],
            repo,
            env,
        )  # fmt: skip
    _write_root_file(
        repo,
        branch,
        "404.html",
        NOT_FOUND_PAGE.format(alias=ALIAS_TERBARU, base=_site_path()),
        "Halaman 404 di akar situs",
    )
    note = " (revisi tercatat)" if revised else ""
    where = f" dengan alias {ALIAS_TERBARU}" if aliases else ""
    return (
        f"Versi {tahun}{where} diterbitkan ke cabang lokal {branch}{note}. "
        f"Untuk mengunggah: git push origin {branch}"
    )


def _site_path() -> str:
    """Path of the site root from IKU_SITE_URL (e.g. https://x.github.io/iku/ -> /iku/)."""
    url = os.environ.get("IKU_SITE_URL") or ""
    path = urlsplit(url).path if url else "/"
    return path if path.endswith("/") else path + "/"


def _run(command: list[str], repo: Path, env: dict[str, str]) -> None:
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = f"{result.stdout}\n{result.stderr}".strip()
        raise PublishError(f"Perintah gagal: mike {' '.join(command[3:])}\n{output}")
