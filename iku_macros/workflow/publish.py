"""Publish one reporting year as a frozen version on the local ``gh-pages`` branch, with mike.

A published year is an auditor's record, so re-publishing one is refused unless forced, and a
forced re-publication is recorded: in the version's pages ("direvisi pada …"), in
``versions.json`` (property ``direvisi``) and in the branch's commit message. Pushing the branch
is a separate, explicit step (``git push origin gh-pages``).

A version must be exactly one commit: publishing is refused while any file under the data
folder is not committed (untracked and git-ignored files included, since the build reads the
folder from disk), while a file where the site's pages and code live is untracked, or while any
tracked file is modified. Aliases are copies, never symlinks: GitHub Pages deployments fail on
symlinks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from iku_macros.data.documents import covered_years
from iku_macros.data.errors import DataValidationError
from iku_macros.data.gitdata import git, read_asal, repo_root
from iku_macros.data.loading import load_dataset

ALIAS_TERBARU = "terbaru"
MIKE = [sys.executable, "-c", "import sys; from mike.driver import main; sys.exit(main())"]
"""mike's command line, run with this interpreter (mike has no ``python -m`` entry)."""

ALIAS_TYPE = "copy"
"""How mike writes the ``terbaru`` alias. Not ``symlink`` (mike's default): GitHub Pages
deployments fail on symlinks. Not ``redirect``: mike writes redirect stubs for HTML pages only,
so ``terbaru/unduh/iku.json`` (the stable address of the newest open data) would not exist. Git
stores the copy's files once, since they are the same blobs as the version's."""

SITE_PATHS = ("docs", "overrides", "hooks", "iku_macros")
"""Folders outside the data folder whose files become pages or shape the build: an untracked
file in them would be published without being in any commit."""

LIST_LIMIT = 20


class PublishError(Exception):
    """A refusal or failure, phrased for the person publishing."""


def _status(repo: Path, *args: str) -> list[tuple[str, str]]:
    """``git status --porcelain -z`` as (XY, path) pairs; paths are relative to the repo root."""
    out = git(repo, "status", "--porcelain=v1", "-z", *args)
    if out is None:
        raise PublishError(f"git status gagal di {repo}.")
    fields = out.split("\0")
    entries: list[tuple[str, str]] = []
    i = 0
    while i < len(fields):
        field = fields[i]
        i += 1
        if len(field) < 4:
            continue
        code, path = field[:2], field[3:]
        if "R" in code or "C" in code:
            i += 1  # the renamed or copied file's original path follows
        entries.append((code, path))
    return entries


def uncommitted(repo: Path, data: str, config_file: str = "mkdocs.yml") -> list[tuple[str, str]]:
    """(XY status, path) of every file that would make the published site differ from HEAD.

    Under the data folder: anything not committed, untracked and git-ignored files included
    (the build reads every file there). Where pages and code live (:data:`SITE_PATHS` and the
    MkDocs config): untracked files. Anywhere: modified, added or deleted tracked files."""
    found: dict[str, str] = {}
    for code, path in _status(repo, "--untracked-files=all"):
        under_site = any(path == p or path.startswith(f"{p}/") for p in (*SITE_PATHS, data))
        if code != "??" or under_site or path == config_file:
            found[path] = code
    for code, path in _status(repo, "--untracked-files=all", "--ignored", "--", data):
        found.setdefault(path, code)
    return [(found[path], path) for path in sorted(found)]


def _state(code: str) -> str:
    """Indonesian name of a porcelain XY status."""
    if code == "??":
        return "belum dilacak git (untracked)"
    if code == "!!":
        return "diabaikan git (.gitignore), tetapi ada di folder data dan ikut dibaca"
    if "U" in code:
        return "konflik merge belum selesai"
    if "D" in code:
        return "dihapus"
    if "R" in code:
        return "diganti nama"
    if code[0] == "A":
        return "baru ditambahkan (git add), belum di-commit"
    return "diubah"


def _refusal(files: list[tuple[str, str]], branch: str) -> str:
    """The refusal for :func:`uncommitted` files, (XY, path) in path order."""
    lines = [
        "Ada berkas yang belum di-commit. Versi terbitan harus sama persis dengan satu commit "
        f"(commit yang disebut di pesan cabang {branch}), jadi tidak ada yang diterbitkan dan "
        f"cabang {branch} tidak diubah. Berkas:"
    ]
    lines += [f"  {path} — {_state(code)}" for code, path in files[:LIST_LIMIT]]
    if len(files) > LIST_LIMIT:
        lines.append(f"  … dan {len(files) - LIST_LIMIT} berkas lain (lihat: git status)")
    lines.append(
        "Yang harus dilakukan: bila berkas itu memang bagian dari terbitan, commit dulu "
        "(git add BERKAS lalu git commit); bila tidak, pindahkan atau hapus berkas itu, atau "
        "kembalikan isinya dengan git restore BERKAS. Lalu jalankan lagi perintah ini."
    )
    return "\n".join(lines)


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


REDIRECT_PAGE = """<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Membuka versi terbaru</title>
<noscript><meta http-equiv="refresh" content="0; url={{ href }}"></noscript>
<script>
window.location.replace("{{ href }}" + window.location.search + window.location.hash);
</script>
</head>
<body>
<p>Membuka versi terbaru: <a href="{{ href }}">{{ href }}</a></p>
</body>
</html>
"""
"""mike's template (Jinja2, ``href`` autoescaped) for the site root, in Indonesian."""


class _BranchEdit:
    """Edit ``branch``'s tree through a private git index, then commit on top of the branch.

    No checkout: the working tree and the real index are never touched."""

    def __init__(self, repo: Path, branch: str) -> None:
        self.repo = repo
        self.branch = branch
        git_dir = (git(repo, "rev-parse", "--absolute-git-dir") or "").strip()
        if not git_dir:
            raise PublishError(f"{repo} bukan repositori git.")
        self.index = Path(git_dir) / "iku-publish-index"
        self.env = {**os.environ, "GIT_INDEX_FILE": str(self.index)}
        self.run("read-tree", branch)

    def run(self, *args: str, stdin: str | None = None) -> str:
        result = subprocess.run(
            ["git", "-C", str(self.repo), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            check=False,
        )
        if result.returncode != 0:
            self.index.unlink(missing_ok=True)
            raise PublishError(f"git {' '.join(args)} gagal: {result.stderr.strip()}")
        return result.stdout.strip()

    def commit(self, message: str) -> None:
        try:
            tree = self.run("write-tree")
            if tree != self.run("rev-parse", f"{self.branch}^{{tree}}"):
                commit = self.run("commit-tree", tree, "-p", self.branch, "-m", message)
                self.run("update-ref", f"refs/heads/{self.branch}", commit)
        finally:
            self.index.unlink(missing_ok=True)


def _write_root_file(repo: Path, branch: str, name: str, content: str, message: str) -> None:
    """Add or replace one file at the root of ``branch``."""
    edit = _BranchEdit(repo, branch)
    blob = edit.run("hash-object", "-w", "--stdin", stdin=content)
    edit.run("update-index", "--add", "--cacheinfo", f"100644,{blob},{name}")
    edit.commit(message)


def symlinks(repo: Path, branch: str) -> list[str]:
    """Paths on ``branch`` stored as symlinks (git mode 120000)."""
    out = git(repo, "ls-tree", "-r", "-z", "--full-tree", branch) or ""
    return [
        entry.split("\t", 1)[1]
        for entry in out.split("\0")
        if entry.startswith("120000 ") and "\t" in entry
    ]


def _aliases_as_copies(repo: Path, branch: str) -> None:
    """Turn alias symlinks left by an earlier publication (mike's default) into copies of
    their version's tree (a git tree entry pointing at the same tree: no file stored twice)."""
    links = symlinks(repo, branch)
    if not links:
        return
    version_of = {a: v.version for v in published_versions(repo, branch) for a in v.aliases}
    edit = _BranchEdit(repo, branch)
    for path in links:
        if path in version_of:
            edit.run("update-index", "--force-remove", "--", path)
            edit.run("read-tree", f"--prefix={path}/", f"{branch}:{version_of[path]}")
    edit.commit("Alias sebagai salinan, bukan symlink (GitHub Pages menolak symlink)")
    left = symlinks(repo, branch)
    if left:
        raise PublishError(_symlink_refusal(left, branch))


def _symlink_refusal(paths: list[str], branch: str) -> str:
    return (
        f"Cabang {branch} memuat symlink yang bukan alias versi, dan GitHub Pages gagal "
        f"menerbitkan situs yang memuat symlink: {', '.join(paths[:LIST_LIMIT])}. Hapus symlink "
        f"itu dari cabang {branch} (mis. dengan mike delete), lalu terbitkan lagi."
    )


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
    top = repo_root(repo)
    if top is None:
        raise PublishError(f"{repo} bukan repositori git.")
    if top.resolve() != repo.resolve():
        raise PublishError(f"Jalankan perintah ini dari folder akar repositori: {top}")
    data_dir = (repo / data).resolve()
    try:
        data_rel = data_dir.relative_to(top.resolve()).as_posix()
    except ValueError:
        raise PublishError(
            f"Folder data {data} berada di luar repositori; yang diterbitkan harus tercatat "
            "di commit repositori ini."
        ) from None
    dirty = uncommitted(repo, data_rel, config_file)
    if dirty:
        raise PublishError(_refusal(dirty, branch))
    try:
        dataset = load_dataset(data_dir)
    except DataValidationError as exc:
        raise PublishError(
            "Data tidak valid; tidak ada yang diterbitkan.\n" + exc.report()
        ) from None
    # A version is one year seen through the document in force then (IKU_VERSI below makes the
    # build take that document as the current one): a year without one has nothing to show.
    dokumen = dataset.dokumen_berlaku(tahun)
    if dokumen is None:
        raise PublishError(
            f"Tahun {tahun} tidak dicakup dokumen IKU mana pun (tahun yang dicakup: "
            f"{covered_years(dataset.berlaku)}); tidak ada yang diterbitkan. Tambahkan dulu "
            f"dokumennya: python -m iku_macros dokumen-baru {tahun} AKHIR --data {data}"
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
    known_aliases = {a for v in versions for a in v.aliases}
    stray = [path for path in symlinks(repo, branch) if path not in known_aliases]
    if stray:
        raise PublishError(_symlink_refusal(stray, branch))
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
        "--alias-type", ALIAS_TYPE,
    ]  # fmt: skip
    if aliases:
        command.append("--update-aliases")
    if revised:
        command += ["--prop-set-string", f"direvisi={env.get('IKU_DIREVISI', '')}"]
    command += [str(tahun), *aliases]
    _run(command, repo, env)
    if aliases:
        with tempfile.TemporaryDirectory(prefix="iku-terbitkan-") as tmp:
            template = Path(tmp) / "alihkan.html"
            template.write_text(REDIRECT_PAGE, encoding="utf-8")
            _run(
                [*MIKE, "set-default", "--config-file", config_file, "--branch", branch,
                 "--template", str(template), "--ignore-remote-status", ALIAS_TERBARU],
                repo,
                env,
            )  # fmt: skip
    _aliases_as_copies(repo, branch)
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
        f"Versi {tahun}{where} (dokumen IKU yang berlaku: {dokumen.id}) diterbitkan ke cabang "
        f"lokal {branch}{note}. Untuk mengunggah: git push origin {branch}"
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
