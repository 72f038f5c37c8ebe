"""Supply chain: pinned workflow actions, least-privilege workflows, zizmor clean, hashed locks.

Each rule is a small checker that is run on the repository's files and, to show that it can fail,
on a deliberately bad example.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT

VENV_BIN = Path(sys.executable).parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
PUBLISH = GITHUB / "workflows" / "terbitkan.yml"
LOCKS = {
    "pip": ROOT / "requirements-pip.txt",
    "runtime": ROOT / "requirements.txt",
    "dev": ROOT / "requirements-dev.txt",
}
SOURCES = {
    "pip": ROOT / "requirements-pip.in",
    "runtime": ROOT / "requirements.in",
    "dev": ROOT / "requirements-dev.in",
}

USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})$")
VERSION_COMMENT = re.compile(r"^\s+#\s*v\d+\.\d+\.\d+\s*$")


# --- workflows -----------------------------------------------------------------------------


def unpinned_uses(text: str) -> list[str]:
    """Every `uses:` line that is not `owner/repo@<40-hex sha> # vX.Y.Z`."""
    bad = []
    for line in text.splitlines():
        match = USES.match(line)
        if not match:
            continue
        ref = match["ref"].strip("'\"")
        if ref.startswith("./"):
            continue  # a local action lives in this repository, reviewed with it
        if not PINNED.match(ref) or not VERSION_COMMENT.match(match["rest"]):
            bad.append(line.strip())
    return bad


def load_workflow(text: str) -> dict:
    document = yaml.safe_load(text)
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    if True in document:
        document["on"] = document.pop(True)
    return document


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def checkout_problems(workflow: dict) -> list[str]:
    return [
        step.get("name", step["uses"])
        for step in steps(workflow)
        if step.get("uses", "").startswith("actions/checkout@")
        and (step.get("with") or {}).get("persist-credentials") is not False
    ]


def cache_problems(workflow: dict) -> list[str]:
    """Any cache on a workflow: setup-* `cache:` inputs or the cache action itself."""
    found = []
    for step in steps(workflow):
        uses = step.get("uses", "")
        if uses.startswith("actions/cache"):
            found.append(uses)
        if "cache" in (step.get("with") or {}):
            found.append(f"{uses}: cache")
    return found


def permission_problems(workflow: dict, writers: set[str]) -> list[str]:
    """Workflow-level `permissions: {}`; each job its own, write access only in `writers`."""
    found = []
    if workflow.get("permissions") != {}:
        found.append(f"workflow permissions {workflow.get('permissions')!r}, expected {{}}")
    for name, job in workflow["jobs"].items():
        permissions = job.get("permissions")
        if not isinstance(permissions, dict):
            found.append(f"job {name}: permissions {permissions!r}")
            continue
        written = sorted(scope for scope, level in permissions.items() if level == "write")
        if written and (name not in writers or written != ["contents"]):
            found.append(f"job {name} writes {written}")
    return found


def dangerous_triggers(workflow: dict) -> set[str]:
    on = workflow["on"]
    names = {on} if isinstance(on, str) else set(on)
    return names & {"pull_request_target", "workflow_run"}


def test_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS} >= {"periksa.yml", "terbitkan.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_sha_with_its_version(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "uses:" in text
    assert unpinned_uses(text) == []


def test_the_same_action_is_pinned_to_the_same_commit_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := USES.match(line):
                action, _, sha = match["ref"].partition("@")
                pins.setdefault(action, set()).add(f"{sha}{match['rest'].strip()}")
    assert set(pins) >= {"actions/checkout", "actions/setup-python"}
    assert {action: len(refs) for action, refs in pins.items()} == dict.fromkeys(pins, 1)


def test_pin_checker_rejects_tags_branches_short_shas_and_missing_versions() -> None:
    sha = "3d3c42e5aac5ba805825da76410c181273ba90b1"
    bad = [
        "      - uses: actions/checkout@v4",
        "      - uses: actions/checkout@main",
        f"      - uses: actions/checkout@{sha[:12]} # v7.0.1",
        f"      - uses: actions/checkout@{sha}",
        f"      - uses: actions/checkout@{sha} # v7",
        f"        uses: actions/checkout@{sha.upper()} # v7.0.1",
    ]
    assert unpinned_uses("\n".join(bad)) == [line.strip() for line in bad]
    assert unpinned_uses(f"      - uses: actions/checkout@{sha} # v7.0.1") == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target_and_no_persisted_credentials(path: Path) -> None:
    workflow = load_workflow(path.read_text(encoding="utf-8"))
    assert dangerous_triggers(workflow) == set()
    assert any(s.get("uses", "").startswith("actions/checkout@") for s in steps(workflow))
    assert checkout_problems(workflow) == []


def test_checks_run_on_pull_requests_with_read_only_permissions() -> None:
    workflow = load_workflow((GITHUB / "workflows" / "periksa.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow["on"]
    assert permission_problems(workflow, writers=set()) == []
    assert workflow["jobs"]["periksa"]["permissions"] == {"contents": "read"}


def test_publishing_has_no_cache_least_permissions_and_no_overlap() -> None:
    workflow = load_workflow(PUBLISH.read_text(encoding="utf-8"))
    assert cache_problems(workflow) == []
    assert permission_problems(workflow, writers={"unggah"}) == []
    assert workflow["jobs"]["terbitkan"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["unggah"]["permissions"] == {"contents": "write"}
    assert workflow["concurrency"]["cancel-in-progress"] is False
    assert workflow["concurrency"]["group"]


def test_the_writing_job_runs_no_project_code_and_only_it_sees_the_token() -> None:
    workflow = load_workflow(PUBLISH.read_text(encoding="utf-8"))
    unggah = workflow["jobs"]["unggah"]
    assert unggah["needs"] == "terbitkan"
    # No checkout, no Python, no make: only the bundle built by the read-only job, and git.
    assert [s["uses"].split("@")[0] for s in unggah["steps"] if "uses" in s] == [
        "actions/download-artifact"
    ]
    runs = "\n".join(s.get("run", "") for s in unggah["steps"])
    assert not re.search(r"\b(python|make|pip|mike|mkdocs|properdocs)\b", runs), runs
    assert "--force" not in runs and "+gh-pages" not in runs  # fast-forward only
    push = next(s for s in unggah["steps"] if "git push" in s.get("run", ""))
    assert push["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert "core.hooksPath" in push["run"]
    others = [s for job in workflow["jobs"].values() for s in job["steps"] if s is not push]
    assert not any("token" in json.dumps(s).lower() for s in others)


def _step_script(workflow: dict, job: str, text: str) -> str:
    return next(s["run"] for s in workflow["jobs"][job]["steps"] if text in s.get("run", ""))


def test_the_bundle_handoff_and_push_run_as_in_the_workflow(tmp_path: Path) -> None:
    """The bundle step of `terbitkan` and the push step of `unggah`, run as the workflow runs
    them, against a local bare repository standing in for GitHub."""
    workflow = load_workflow(PUBLISH.read_text(encoding="utf-8"))
    bundle_script = _step_script(workflow, "terbitkan", "git bundle create")
    push_script = _step_script(workflow, "unggah", "git push")

    def git(*args: str, cwd: Path) -> str:
        return subprocess.run(
            ["git", "-c", "user.name=a", "-c", "user.email=a@b.example", *args],
            cwd=cwd, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip

    server = tmp_path / "server"
    remote = server / "pemilik" / "iku.git"
    remote.mkdir(parents=True)
    git("init", "-q", "--bare", cwd=remote)
    build = tmp_path / "build"
    git("init", "-q", "-b", "gh-pages", str(build), cwd=tmp_path)
    git("commit", "-q", "--allow-empty", "-m", "Terbitkan IKU tahun 2023", cwd=build)
    runner_temp = tmp_path / "runner"
    (runner_temp / "bundel").mkdir(parents=True)

    def run(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "RUNNER_TEMP": str(runner_temp),
            "GH_TOKEN": "token-rahasia",
            "SERVER_URL": f"file://{server}",
            "REPOSITORY": "pemilik/iku",
        }
        return subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", script],
            cwd=cwd, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip

    def hand_over() -> None:
        # upload-artifact / download-artifact carry the file from one job to the other.
        (runner_temp / "gh-pages.bundle").replace(runner_temp / "bundel" / "gh-pages.bundle")
        shutil.rmtree(runner_temp / "unggah", ignore_errors=True)

    built = run(bundle_script, build)
    assert built.returncode == 0, built.stderr
    hand_over()
    pushed = run(push_script, tmp_path)
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr
    assert git("rev-parse", "gh-pages", cwd=remote) == git("rev-parse", "gh-pages", cwd=build)
    assert "token-rahasia" not in pushed.stdout + pushed.stderr
    assert "::add-mask::" in pushed.stdout  # the encoded token is masked in the log
    config = (runner_temp / "unggah" / ".git" / "config").read_text(encoding="utf-8").lower()
    assert "token" not in config and "authorization" not in config

    # A gh-pages that moved meanwhile is not overwritten: the push only fast-forwards.
    other = tmp_path / "other"
    git("clone", "-q", "-b", "gh-pages", str(remote), str(other), cwd=tmp_path)
    git("commit", "-q", "--allow-empty", "-m", "Terbitan lain", cwd=other)
    git("push", "-q", "origin", "gh-pages", cwd=other)
    moved = git("rev-parse", "gh-pages", cwd=remote)
    git("commit", "-q", "--allow-empty", "-m", "Terbitkan IKU tahun 2024", cwd=build)
    assert run(bundle_script, build).returncode == 0
    hand_over()
    refused = run(push_script, tmp_path)
    assert refused.returncode != 0
    assert git("rev-parse", "gh-pages", cwd=remote) == moved


def test_workflow_checkers_catch_the_old_publish_workflow() -> None:
    old = """
name: Terbitkan
on:
  push:
    tags: ["laporan-*"]
  pull_request_target:
permissions:
  contents: write
jobs:
  terbitkan:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
          cache: pip
"""
    workflow = load_workflow(old)
    assert len(unpinned_uses(old)) == 2
    assert dangerous_triggers(workflow) == {"pull_request_target"}
    assert checkout_problems(workflow) == ["actions/checkout@v4"]
    assert cache_problems(workflow) == ["actions/setup-python@v5: cache"]
    assert permission_problems(workflow, writers={"terbitkan"}) == [
        "workflow permissions {'contents': 'write'}, expected {}",
        "job terbitkan: permissions None",
    ]


def test_dependabot_updates_pip_and_actions_weekly_in_groups() -> None:
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    for update in updates.values():
        assert update["directory"] == "/"
        assert update["schedule"]["interval"] == "weekly"
        assert update["groups"] and all(g["patterns"] for g in update["groups"].values())
        assert update["cooldown"]["default-days"] >= 7
    # Also valid against Dependabot's schema (vendored in check-jsonschema, no network).
    result = subprocess.run(
        [str(VENV_BIN / "check-jsonschema"), "--builtin-schema", "vendor.dependabot",
         str(GITHUB / "dependabot.yml")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


# --- zizmor --------------------------------------------------------------------------------


def zizmor(*paths: Path, persona: str = "regular") -> tuple[int, list[dict], str]:
    result = subprocess.run(
        [str(VENV_BIN / "zizmor"), "--offline", "--no-progress", f"--persona={persona}",
         "--format=json", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )  # fmt: skip
    findings = json.loads(result.stdout) if result.stdout.strip() else []
    return result.returncode, findings, result.stderr


@pytest.mark.parametrize("persona", ["regular", "auditor"])
def test_zizmor_offline_has_no_findings(persona: str) -> None:
    # `auditor` also reports low-confidence findings that the regular run hides.
    code, findings, log = zizmor(*WORKFLOWS, GITHUB / "dependabot.yml", persona=persona)
    assert findings == [], json.dumps(findings, indent=1)
    assert code == 0, log
    for path in (*WORKFLOWS, GITHUB / "dependabot.yml"):
        assert f"completed {path}" in log  # every file was audited, none skipped


def test_zizmor_is_the_locked_version_and_no_finding_is_silenced() -> None:
    assert metadata.version("zizmor") == "1.32.0"
    for path in (*WORKFLOWS, GITHUB / "dependabot.yml"):
        assert "zizmor: ignore" not in path.read_text(encoding="utf-8"), path
    assert not (ROOT / "zizmor.yml").exists() and not (GITHUB / "zizmor.yml").exists()


def test_zizmor_reports_the_old_publish_workflow(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "terbitkan.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        """name: Terbitkan
on:
  push:
    tags: ["laporan-*"]
permissions:
  contents: write
jobs:
  terbitkan:
    name: Terbitkan
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
          cache: pip
      - run: git push origin gh-pages
""",
        encoding="utf-8",
    )
    code, findings, _ = zizmor(bad)
    assert code != 0
    rules = {finding["ident"] for finding in findings}
    assert {"unpinned-uses", "artipacked", "cache-poisoning"} <= rules


# --- locks ---------------------------------------------------------------------------------

HASH = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")


def lock_entries(text: str) -> tuple[dict[str, tuple[str, list[str]]], list[str]]:
    """name -> (version, hashes) of a pip-compile lock, and every line that breaks the rules."""
    entries: dict[str, tuple[str, list[str]]] = {}
    problems = []
    logical = re.sub(r"\\\n", " ", text)
    for raw in logical.splitlines():
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        requirement, *options = line.split()
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([0-9][0-9A-Za-z.+!-]*)", requirement)
        hashes = [o for o in options if HASH.match(o)]
        if not match or not hashes or len(hashes) != len(options):
            problems.append(line)
            continue
        entries[canonicalize_name(match[1])] = (match[2], sorted(hashes))
    return entries, problems


def source_requirements(path: Path) -> list[Requirement]:
    """The requirements listed in a requirements*.in file (includes and constraints skipped)."""
    found = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            found.append(Requirement(line))
    return found


def pyproject_dependencies() -> list[Requirement]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    return [Requirement(spec) for spec in project["dependencies"]]


def _key(requirements: list[Requirement]) -> dict[str, str]:
    return {canonicalize_name(r.name): str(r.specifier) for r in requirements}


@pytest.mark.parametrize("kind", list(LOCKS))
def test_every_lock_line_is_pinned_exactly_with_hashes(kind: str) -> None:
    text = LOCKS[kind].read_text(encoding="utf-8")
    # The first lines say how the lock is regenerated.
    head = "\n".join(text.splitlines()[:6])
    assert "pip-compile" in head and "--generate-hashes" in head, head
    assert f"--output-file={LOCKS[kind].name}" in head and SOURCES[kind].name in head, head
    entries, problems = lock_entries(text)
    assert problems == []
    assert len(entries) >= 2


def test_lock_checker_rejects_ranges_missing_hashes_and_includes() -> None:
    digest = "a" * 64
    text = (
        f"good==1.0 \\\n    --hash=sha256:{digest}\n"
        "nohash==1.0\n"
        f"ranged>=1.0 \\\n    --hash=sha256:{digest}\n"
        f"short==1.0 \\\n    --hash=sha256:{digest[:10]}\n"
        f"md5==1.0 \\\n    --hash=md5:{digest[:32]}\n"
        "-r other.txt\n"
        "-e .\n"
        "git+https://example.invalid/x.git\n"
    )
    entries, problems = lock_entries(text)
    assert list(entries) == ["good"]
    assert len(problems) == 7


def test_the_dev_lock_contains_the_runtime_and_installer_locks_unchanged() -> None:
    dev, _ = lock_entries(LOCKS["dev"].read_text(encoding="utf-8"))
    for kind in ("runtime", "pip"):
        locked, _ = lock_entries(LOCKS[kind].read_text(encoding="utf-8"))
        assert {name: dev.get(name) for name in locked} == locked, kind


def test_pyproject_dependencies_agree_with_the_runtime_lock() -> None:
    declared = pyproject_dependencies()
    # requirements.in (the lock's source) lists exactly the same direct dependencies.
    assert _key(declared) == _key(source_requirements(SOURCES["runtime"]))
    locked, _ = lock_entries(LOCKS["runtime"].read_text(encoding="utf-8"))
    for requirement in declared:
        assert requirement.specifier, f"{requirement.name}: no version range"
        assert not any(s.operator == "==" for s in requirement.specifier), requirement
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in requirements.txt"
        version = locked[name][0]
        assert requirement.specifier.contains(version), f"{requirement.name} {version}"
    # The sanitiser and the site generator are runtime dependencies, not only dev tools.
    assert {"nh3", "mkdocs", "mike"} <= set(_key(declared))


@pytest.mark.parametrize("kind", ["dev", "pip"])
def test_every_direct_requirement_is_in_its_lock_within_range(kind: str) -> None:
    locked, _ = lock_entries(LOCKS[kind].read_text(encoding="utf-8"))
    for requirement in source_requirements(SOURCES[kind]):
        name = canonicalize_name(requirement.name)
        assert name in locked, requirement
        assert requirement.specifier.contains(locked[name][0], prereleases=True), requirement
    if kind == "dev":
        assert {"zizmor", "properdocs", "pip-tools"} <= set(locked)
        assert locked["zizmor"][0] == "1.32.0"
    else:
        assert set(locked) == {"pip", "setuptools"}


def test_make_installs_only_hashed_pins() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if "pip install" in line]
    assert installs, "no pip install in the Makefile"
    for line in installs:
        if line.endswith("-e ."):
            # The project itself: no dependencies, built with the locked setuptools.
            assert "--no-deps" in line and "--no-build-isolation" in line, line
        else:
            assert "--require-hashes" in line and "--upgrade" not in line, line
    order = [m for m in re.findall(r"-r (requirements[\w-]*\.txt)", makefile)]
    assert order[:2] == ["requirements-pip.txt", "requirements-dev.txt"]
    # make test runs zizmor before pytest.
    test_rule = re.search(r"^test:(.*)$", makefile, re.M)
    assert test_rule and "zizmor" in test_rule[1].split()


def test_this_environment_is_the_locked_one() -> None:
    """The tests run against exactly the locked versions (after `make venv`)."""
    locked, _ = lock_entries(LOCKS["dev"].read_text(encoding="utf-8"))
    installed = {}
    for name in locked:
        try:
            installed[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed[name] = None
    assert installed == {name: version for name, (version, _) in locked.items()}
