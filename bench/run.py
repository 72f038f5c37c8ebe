"""Run the benchmark and print the results as Markdown tables.

Builds run in interleaved rounds (this project, bare Material, and, with ``--riwayat K``, this
project again in a second copy whose data has K one-value commits after the import), each
build in a fresh subprocess that runs ``mkdocs build --strict -q`` in-process and then reports
its CPU time (user + sys, its own and its children's: the build calls ``git``) and its peak
memory (``ru_maxrss``). Wall time is measured around the subprocess, interpreter start
included. Nothing is asserted: timings depend on the machine and on what else it runs.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.generate import TAHUN_AKHIR, realisasi_yaml
from bench.workspace import Workspace, create
from bench.yardstick import write as write_yardstick

BUILD_WRAPPER = r"""
import json, resource, sys, traceback
out = sys.argv[-1]
code = 0
try:
    from mkdocs.__main__ import cli
    cli.main(args=sys.argv[1:-1], prog_name="mkdocs")
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
except BaseException:
    traceback.print_exc()
    code = 1
own = resource.getrusage(resource.RUSAGE_SELF)
children = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out, "w", encoding="utf-8") as f:
    json.dump({
        "kode": code,
        "cpu_sendiri": own.ru_utime + own.ru_stime,
        "cpu_anak": children.ru_utime + children.ru_stime,
        "maxrss_kb": own.ru_maxrss,
        "maxrss_anak_kb": children.ru_maxrss,
    }, f)
sys.exit(code)
"""
"""Runs in the build's own process: ``mkdocs build`` exactly as the command line does it,
then the resource usage of that process and of its children (``git``) as JSON."""


@dataclass(frozen=True)
class Build:
    wall: float
    cpu: float
    """User + sys of the build process and its children, in seconds."""
    cpu_anak: float
    """The children's part (``git``)."""
    memori_mb: float
    """Peak resident memory of the build process."""


@dataclass(frozen=True)
class PageSizes:
    jumlah: int
    terbesar: int
    terbesar_path: str
    median: float


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build(project: Path, site: Path, env: dict[str, str], scratch: Path) -> Build:
    """One ``mkdocs build --strict`` of ``project`` into ``site`` in a fresh process."""
    if site.exists():
        shutil.rmtree(site)
    report = scratch / "rusage.json"
    report.unlink(missing_ok=True)
    command = [sys.executable, "-c", BUILD_WRAPPER]
    command += ["build", "--strict", "-q", "-f", "mkdocs.yml", "-d", str(site), str(report)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0 or not report.exists():
        raise RuntimeError(
            f"build gagal di {project} (kode {result.returncode}):\n{result.stderr[-4000:]}"
        )
    usage = json.loads(report.read_text(encoding="utf-8"))
    return Build(
        wall=wall,
        cpu=usage["cpu_sendiri"] + usage["cpu_anak"],
        cpu_anak=usage["cpu_anak"],
        memori_mb=usage["maxrss_kb"] / 1024,
    )


def page_sizes(site: Path) -> PageSizes:
    """Sizes of the built HTML pages, without the 404 page and redirect stubs."""
    sizes: list[tuple[int, str]] = []
    for page in site.rglob("*.html"):
        relative = page.relative_to(site).as_posix()
        if relative == "404.html":
            continue
        with page.open("rb") as handle:
            if b'http-equiv="refresh"' in handle.read(2048):
                continue
        sizes.append((page.stat().st_size, relative))
    largest = max(sizes)
    return PageSizes(
        len(sizes), largest[0], largest[1], statistics.median(size for size, _ in sizes)
    )


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def bare_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("PYTHONPATH", None)
    return env


def check_data(ws: Workspace) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "iku_macros", "check", "data"],
        cwd=ws.project,
        env=ws.env(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"data sintetis tidak lolos check:\n{result.stdout}{result.stderr}")
    log(result.stdout.strip().splitlines()[0])


def precompile(project: Path) -> None:
    """Bytecode of the copied package before any timing (the installed packages have it)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "iku_macros", "hooks"],
        cwd=project,
        check=True,
        capture_output=True,
    )


def history_copy(ws: Workspace, parent: Path, k: int) -> Workspace:
    """A second copy of ``ws`` (same data, same import commit) with K one-value commits."""
    target = parent / "proyek"
    shutil.copytree(ws.project, target, symlinks=True)
    other = Workspace(target, copy.deepcopy(ws.data), ws.seed, commits=ws.commits)
    other.add_history(k)
    return other


def _f(value: float, places: int = 1) -> str:
    return f"{value:.{places}f}"


def result_table(n: int, iku: Sequence[Build], bare: Sequence[Build], sizes: PageSizes) -> str:
    ratios = [a.wall / b.wall for a, b in zip(iku, bare, strict=True)]
    header = (
        "| N | proyek ini (wall/CPU, s) | Material polos (wall/CPU, s) | rasio | "
        "memori puncak (MB, proyek/polos) | halaman terbesar (KB) | halaman median (KB) |"
    )
    row = (
        f"| {n} "
        f"| {_f(statistics.median(b.wall for b in iku))} / "
        f"{_f(statistics.median(b.cpu for b in iku))} "
        f"| {_f(statistics.median(b.wall for b in bare))} / "
        f"{_f(statistics.median(b.cpu for b in bare))} "
        f"| {_f(statistics.median(ratios), 2)} "
        f"| {_f(max(b.memori_mb for b in iku), 0)} / {_f(max(b.memori_mb for b in bare), 0)} "
        f"| {_f(sizes.terbesar / 1024)} | {_f(sizes.median / 1024)} |"
    )
    return "\n".join([header, "|---|---|---|---|---|---|---|", row])


def pairs_table(iku: Sequence[Build], bare: Sequence[Build]) -> str:
    lines = [
        "| pasangan | proyek wall (s) | proyek CPU (s) | proyek CPU git (s) "
        "| polos wall (s) | polos CPU (s) | rasio wall | rasio CPU |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for number, (a, b) in enumerate(zip(iku, bare, strict=True), 1):
        lines.append(
            f"| {number} | {_f(a.wall, 2)} | {_f(a.cpu, 2)} | {_f(a.cpu_anak, 2)} "
            f"| {_f(b.wall, 2)} | {_f(b.cpu, 2)} "
            f"| {_f(a.wall / b.wall, 2)} | {_f(a.cpu / b.cpu, 2)} |"
        )
    return "\n".join(lines)


# --- mkdocs serve: from saving a value to seeing it ------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, OSError):
        return None


def wait_until(
    predicate: Callable[[], bool], timeout: float, interval: float = 0.2
) -> float | None:
    """Seconds until ``predicate()`` is true, or None after ``timeout`` seconds."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(interval)
    return None


def measure_serve(ws: Workspace, scratch: Path, timeout: float, edits: int) -> list[float] | None:
    """Start ``mkdocs serve`` as ``make serve`` does, change one realisasi value ``edits``
    times, and return the seconds from saving the file to the new value on the indicator's
    page, for each edit."""
    tahun = TAHUN_AKHIR
    values = ws.data.realisasi[tahun]
    ident = serve_ident(ws)
    path = ws.data_dir / "realisasi" / f"{tahun}.yaml"

    def save(before: str) -> str:
        # One decimal, as the generator writes values; the page shows two ("12,30").
        new = next(v / 10 for v in range(123, 999, 7) if f"{v // 10},{v % 10}0" not in before)
        values[ident] = new
        text = path.read_text(encoding="utf-8")
        updated = realisasi_yaml(ws.data, tahun)
        assert updated != text
        path.write_text(updated, encoding="utf-8")
        return f"{new:.2f}".replace(".", ",")

    page = f"indikator/{ident}/"
    return _time_serve(ws.project, ws.env(), page, save, scratch, timeout, edits)


def serve_ident(ws: Workspace) -> str:
    """The IKU whose value the serve measurement changes (one with a value in the last year)."""
    values = ws.data.realisasi[TAHUN_AKHIR]
    return next(i for i, v in values.items() if v is not None and not i.startswith("p"))


def measure_bare_serve(
    bare_project: Path, ident_page: str, scratch: Path, timeout: float, edits: int
) -> list[float] | None:
    """The same on the bare Material site: an edit to the indicator page's Markdown (its own
    source), from saving to seeing it: what any MkDocs site of these pages takes."""
    path = bare_project / "docs" / f"{ident_page.rstrip('/')}.md"
    count = [0]

    def save(before: str) -> str:
        count[0] += 1
        marker = f"Nilai pratinjau 12345-{count[0]}"
        text = path.read_text(encoding="utf-8")
        path.write_text(text + f"\n\n{marker}\n", encoding="utf-8")
        return marker

    return _time_serve(bare_project, bare_env(), ident_page, save, scratch, timeout, edits)


SERVE_PAUSE = 1.5
"""Seconds between one edit showing and the next edit (as a person previewing would)."""


def _time_serve(
    project: Path,
    env: dict[str, str],
    page: str,
    save: Callable[[str], str],
    scratch: Path,
    timeout: float,
    edits: int,
) -> list[float] | None:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    output = (scratch / f"serve-{project.name}.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        log(f"mkdocs serve di {base} (pid {process.pid}): menunggu build pertama...")
        started = wait_until(
            lambda: process.poll() is None and fetch(base) is not None, timeout, interval=0.5
        )
        if started is None:
            log(f"mkdocs serve tidak menjawab dalam {timeout:.0f} s; lihat {output.name}")
            return None
        log(f"situs menjawab setelah {started:.1f} s")
        url = base + page
        found: list[float] = []
        for _ in range(edits):
            time.sleep(SERVE_PAUSE)
            shown = save(fetch(url) or "")
            seconds = wait_until(
                lambda text=shown: text in (fetch(url) or ""), timeout, interval=0.05
            )
            if seconds is None:
                log(f"teks baru {shown} tidak tampil di {url} dalam {timeout:.0f} s")
                return None
            log(f"{page}: {shown} tampil setelah {seconds:.2f} s")
            found.append(seconds)
        return found
    finally:
        stop(process)
        output.close()


def stop(process: subprocess.Popen[bytes]) -> None:
    """End the serve process and everything it started (its own process group)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass


# --- the whole run ------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=(
            "Uji kinerja skala kabupaten: build situs ini dibanding build MkDocs + Material "
            "polos dengan halaman yang sama, dari data sintetis (data contoh)."
        ),
    )
    parser.add_argument("--n", type=int, default=1000, help="jumlah indikator (bawaan 1000)")
    parser.add_argument(
        "--pasangan", type=int, default=3, help="jumlah pasangan build berselang-seling (3)"
    )
    parser.add_argument(
        "--riwayat",
        type=int,
        default=200,
        help="commit satu-nilai setelah impor di salinan kedua (200; 0 = tanpa)",
    )
    parser.add_argument(
        "--serve",
        action="store_true",
        help="ukur juga mkdocs serve: detik dari menyimpan satu nilai sampai tampil",
    )
    parser.add_argument(
        "--skala",
        action="store_true",
        help="ukur juga pertumbuhan: build proyek dengan 2N indikator di setiap pasangan",
    )
    parser.add_argument(
        "--suntingan",
        type=int,
        default=5,
        help="berapa kali nilai disunting dalam satu mkdocs serve (5)",
    )
    parser.add_argument("--seed", type=int, default=13, help="benih data sintetis (13)")
    parser.add_argument(
        "--batas-waktu",
        type=float,
        default=1800,
        help="batas tunggu mkdocs serve, detik (1800)",
    )
    parser.add_argument(
        "--simpan",
        type=Path,
        default=None,
        help="folder kosong untuk menyimpan salinan, data, dan situs (bawaan: folder "
        "sementara yang dihapus di akhir)",
    )
    args = parser.parse_args(argv)
    if args.pasangan < 1:
        parser.error("--pasangan minimal 1")
    if args.suntingan < 1:
        parser.error("--suntingan minimal 1")
    if args.riwayat < 0:
        parser.error("--riwayat tidak boleh negatif")
    return args


def run(args: argparse.Namespace, root: Path) -> str:
    """The whole benchmark in ``root``; returns the report (Markdown)."""
    log(f"Membuat salinan proyek dan data sintetis N={args.n} di {root} ...")
    ws = create(root / "satu-commit", args.n, args.seed)
    check_data(ws)
    precompile(ws.project)
    bare_project = root / "polos"
    count, unknown = write_yardstick(ws.project, ws.data_dir, bare_project)
    log(f"Proyek Material polos: {count} halaman")
    if unknown:
        log(f"Makro tanpa padanan teks di Material polos (kosong): {', '.join(sorted(unknown))}")
    double: Workspace | None = None
    if args.skala:
        log(f"Salinan dengan N={2 * args.n} untuk mengukur pertumbuhan ...")
        double = create(root / "dua-kali", 2 * args.n, args.seed)
        check_data(double)
        precompile(double.project)
    history: Workspace | None = None
    if args.riwayat:
        log(f"Salinan kedua dengan {args.riwayat} commit satu-nilai setelah impor ...")
        history = history_copy(ws, root / "riwayat", args.riwayat)

    sites = root / "situs"
    scratch = root / "kerja"
    scratch.mkdir(parents=True, exist_ok=True)
    iku: list[Build] = []
    bare: list[Build] = []
    with_history: list[Build] = []
    grown: list[Build] = []
    cold: Build | None = None
    if history is not None:
        # The first build of a clone reads every commit; the timed ones are rebuilds, which
        # take the commits already read from the history cache in the git folder.
        cold = build(history.project, sites / "riwayat", history.env(), scratch)
        log(f"build pertama salinan riwayat (tanpa cache riwayat): {cold.wall:.1f} s")
    for number in range(1, args.pasangan + 1):
        iku.append(build(ws.project, sites / "proyek", ws.env(), scratch))
        bare.append(build(bare_project, sites / "polos", bare_env(), scratch))
        line = f"pasangan {number}: proyek {iku[-1].wall:.1f} s, polos {bare[-1].wall:.1f} s"
        if history is not None:
            with_history.append(build(history.project, sites / "riwayat", history.env(), scratch))
            line += f", proyek dengan riwayat {with_history[-1].wall:.1f} s"
        if double is not None:
            grown.append(build(double.project, sites / "dua-kali", double.env(), scratch))
            line += f", proyek N={2 * args.n} {grown[-1].wall:.1f} s"
        log(line)

    sizes = page_sizes(sites / "proyek")
    ours, theirs = html_pages(sites / "proyek"), html_pages(sites / "polos")
    report = [
        f"## Uji kinerja N={args.n} (data contoh sintetis, seed {args.seed})",
        "",
        result_table(args.n, iku, bare, sizes),
        "",
        pairs_table(iku, bare),
        "",
        f"Halaman HTML: proyek {len(ours)}, polos {len(theirs)}"
        + (
            " (alamat sama)."
            if ours == theirs
            else f"; hanya di proyek: {len(ours - theirs)}, hanya di polos: {len(theirs - ours)}"
            f" (mis. {sorted(ours ^ theirs)[:5]})."
        ),
        f"Halaman terbesar: {sizes.terbesar_path} ({sizes.terbesar / 1024:.1f} KB); "
        f"median {sizes.median / 1024:.1f} KB dari {sizes.jumlah} halaman.",
    ]
    if history is not None:
        ratios = [h.wall / a.wall for h, a in zip(with_history, iku, strict=True)]
        report.append(
            f"Riwayat: {args.riwayat} commit satu-nilai setelah impor: build "
            f"{statistics.median(ratios):.2f}x build satu commit (median wall "
            f"{statistics.median(h.wall for h in with_history):.1f} s vs "
            f"{statistics.median(a.wall for a in iku):.1f} s; CPU git "
            f"{statistics.median(h.cpu_anak for h in with_history):.1f} s vs "
            f"{statistics.median(a.cpu_anak for a in iku):.1f} s)."
        )
    if grown:
        wall = [g.wall / a.wall for g, a in zip(grown, iku, strict=True)]
        cpu = [g.cpu / a.cpu for g, a in zip(grown, iku, strict=True)]
        report.append(
            f"Pertumbuhan: build N={2 * args.n} / build N={args.n}, berselang-seling dalam "
            f"pasangan yang sama: median {statistics.median(wall):.2f}x wall, "
            f"{statistics.median(cpu):.2f}x CPU (per pasangan: "
            + ", ".join(f"{w:.2f}" for w in wall)
            + f"; median wall {statistics.median(g.wall for g in grown):.1f} s vs "
            f"{statistics.median(a.wall for a in iku):.1f} s)."
        )
    if cold is not None:
        report.append(
            f"Build pertama salinan riwayat, sebelum ada cache riwayat (klon baru, mis. CI): "
            f"{cold.wall:.1f} s = {cold.wall / statistics.median(a.wall for a in iku):.2f}x "
            "build satu commit."
        )
    if args.serve:
        ident_page = f"indikator/{serve_ident(ws)}/"
        ours = measure_serve(ws, scratch, args.batas_waktu, args.suntingan)
        theirs = measure_bare_serve(
            bare_project, ident_page, scratch, args.batas_waktu, args.suntingan
        )
        report.append(
            f"mkdocs serve, {args.suntingan} suntingan: satu nilai realisasi disimpan sampai "
            f"tampil di halaman indikatornya: {_seconds(ours)}; Material polos, suntingan "
            f"halaman indikator yang sama sampai tampil: {_seconds(theirs)}; satu build "
            f"Material polos: {bare[-1].wall:.1f} s."
        )
    return "\n".join(report) + "\n"


def _seconds(found: list[float] | None) -> str:
    if found is None:
        return "tidak terukur"
    each = ", ".join(f"{s:.2f}" for s in found)
    return f"median {statistics.median(found):.2f} s, terlama {max(found):.2f} s ({each})"


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM as an exception, so the serve process is stopped and the temporary folder
    removed (the ``finally`` blocks run)."""
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    if args.simpan is not None:
        args.simpan.mkdir(parents=True, exist_ok=True)
        if any(args.simpan.iterdir()):
            log(f"--simpan harus folder kosong: {args.simpan}")
            return 2
        print(run(args, args.simpan.resolve()), flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="iku-bench-") as folder:
        print(run(args, Path(folder)), flush=True)
    return 0
