"""Provenance and value history read from git, in throwaway repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path

from bs4 import BeautifulSoup

from iku_macros.data.gitdata import (
    MAX_ALASAN,
    Perubahan,
    Riwayat,
    read_asal,
    read_riwayat,
    split_message,
)
from iku_macros.data.loading import load_dataset
from iku_macros.report import build_laporan
from iku_macros.web.render import Halaman
from iku_macros.web.render.riwayat import macros

from .conftest import DEMO, ROOT

FORMAT_V1 = ROOT / "tests" / "fixtures" / "format_v1" / "data"
"""The previous demo in the first format (one document, indikator/ at the top)."""

ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Uji",
    "GIT_AUTHOR_EMAIL": "uji@contoh.example",
    "GIT_COMMITTER_NAME": "Uji",
    "GIT_COMMITTER_EMAIL": "uji@contoh.example",
}


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = dict(ENV)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    ).stdout


def make_repo(tmp_path: Path, source: Path = DEMO) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(source, repo / "data")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Awal", date="2024-01-01T00:00:00+00:00")
    return repo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_history_lists_target_and_realisasi_changes(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    data = repo / "data"
    perubahan = data / "dokumen" / "2020-2024-perubahan" / "indikator"
    edit(perubahan / "pengaduan_tidak_tepat_waktu.yaml", "2024: 8", "2024: 6")
    edit(data / "realisasi" / "2021.yaml", "nilai: 19", "nilai: 17.5")
    edit(data / "realisasi" / "2025.yaml", "target_pk: 35", "target_pk: 36")
    # renaming a file without changing a value is not a change
    (perubahan / "nilai_sakip.yaml").rename(perubahan / "nilai_sakip_pd.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Ubah target dan realisasi", date="2024-02-03T04:05:06+00:00")

    riwayat = read_riwayat(data)
    assert riwayat.tersedia and riwayat.lengkap
    latest = [p for p in riwayat.perubahan if p.subjek == "Ubah target dan realisasi"]
    assert {(p.dokumen, p.indikator, p.tahun, p.kolom, p.lama, p.baru) for p in latest} == {
        (
            "2020-2024-perubahan",
            "pengaduan_tidak_tepat_waktu",
            2024,
            "target",
            Fraction(8),
            Fraction(6),
        ),
        (None, "pengaduan_tidak_tepat_waktu", 2021, "realisasi", Fraction(19), Fraction(35, 2)),
        (None, "persentase_layanan_daring", 2025, "target_pk", Fraction(35), Fraction(36)),
    }
    assert latest[0].tanggal.strftime("%Y-%m-%d") == "2024-02-03"
    # the first commit introduced every value: old is None
    first = [p for p in riwayat.perubahan if p.subjek == "Awal"]
    assert first and all(p.lama is None for p in first)
    assert riwayat.perubahan[0].subjek == "Ubah target dan realisasi"  # newest first
    # Each document's target is its own value: nilai_sakip 2022 is 74 in the original and 75
    # in the revision (hand-checked in data_contoh/dokumen/*/indikator/nilai_sakip.yaml).
    sakip_2022 = {
        (p.dokumen, p.baru)
        for p in first
        if (p.indikator, p.tahun, p.kolom) == ("nilai_sakip", 2022, "target")
    }
    assert sakip_2022 == {("2020-2024", Fraction(74)), ("2020-2024-perubahan", Fraction(75))}


def test_migrating_to_documents_records_no_change(tmp_path: Path) -> None:
    """The first format committed, then `migrasi` committed (files move, numbers stay), then
    one target changed: only that change is new history."""
    repo = make_repo(tmp_path, FORMAT_V1)
    data = repo / "data"
    awal = read_riwayat(data).perubahan
    assert awal and {p.dokumen for p in awal if p.kolom == "target"} == {"2020-2024"}
    migrated = subprocess.run(
        [sys.executable, "-m", "iku_macros", "migrasi", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert migrated.returncode == 0, migrated.stderr
    assert not (data / "indikator").exists()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Migrasi", date="2024-03-01T00:00:00+00:00")
    moved = git(repo, "show", "--name-only", "--no-renames", "--format=", "HEAD").split()
    # The migration commit deletes and adds the followed files: history reads both sides.
    assert {
        "data/indikator/nilai_sakip.yaml",
        "data/dokumen/2020-2024/indikator/nilai_sakip.yaml",
    } <= set(moved)
    assert read_riwayat(data).perubahan == awal

    edit(data / "dokumen" / "2020-2024" / "indikator" / "nilai_sakip.yaml", "2024: 82", "2024: 83")
    git(repo, "commit", "-q", "-am", "Ubah target", date="2024-03-02T00:00:00+00:00")
    riwayat = read_riwayat(data)
    assert riwayat.catatan == ()
    assert [p.subjek for p in riwayat.perubahan if p.subjek != "Awal"] == ["Ubah target"]
    change = riwayat.perubahan[0]
    assert (change.dokumen, change.indikator, change.tahun, change.kolom) == (
        "2020-2024",
        "nilai_sakip",
        2024,
        "target",
    )
    assert (change.lama, change.baru) == (Fraction(82), Fraction(83))


def test_shallow_clone_says_history_is_incomplete(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    edit(repo / "data" / "realisasi" / "2021.yaml", "nilai: 19", "nilai: 18")
    git(repo, "commit", "-q", "-am", "Kedua")
    shallow = tmp_path / "dangkal"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow)],
        check=True,
        capture_output=True,
    )
    riwayat = read_riwayat(shallow / "data")
    assert riwayat.tersedia and not riwayat.lengkap
    assert riwayat.perubahan == ()


def test_outside_git(tmp_path: Path) -> None:
    shutil.copytree(DEMO, tmp_path / "data")
    assert not read_riwayat(tmp_path / "data").tersedia
    asal = read_asal(tmp_path / "data")
    assert asal.commit is None and asal.tanggal is None


def test_provenance_names_commit_date_and_dirty_data(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    asal = read_asal(repo / "data")
    assert asal.commit == git(repo, "rev-parse", "HEAD").strip()
    assert asal.pendek == asal.commit[:7]
    assert asal.tanggal.isoformat() == "2024-01-01T00:00:00+00:00"
    assert not asal.data_berubah
    edit(repo / "data" / "realisasi" / "2021.yaml", "nilai: 19", "nilai: 18")
    assert read_asal(repo / "data").data_berubah


def test_history_table_names_the_document_of_a_target_change() -> None:
    when = datetime(2024, 2, 3, tzinfo=UTC)

    def change(
        kolom: str, dokumen: str | None, subjek: str = "Fix target typo", alasan: str | None = None
    ) -> Perubahan:
        ident = "persentase_layanan_daring" if kolom == "target_pk" else "nilai_sakip"
        return Perubahan(
            when, "a" * 40, subjek, ident, 2024, kolom, Fraction(8), None, dokumen, alasan
        )

    riwayat = Riwayat(
        (
            change("target", "2020-2024-perubahan", alasan="<b>Koreksi</b> sesuai SK"),
            change("realisasi", None),
            change("target_pk", None),
            change("target", "2015-2019"),  # a document since removed from the data
        ),
        tersedia=True,
        lengkap=True,
    )
    laporan = build_laporan(load_dataset(DEMO))
    html = macros(
        laporan,
        Halaman(lambda: "riwayat/"),
        lambda: riwayat,
        lambda c: f"https://git.example/iku/commit/{c}",
    )["riwayat_data"]()
    soup = BeautifulSoup(html, "html.parser")
    header = [th.get_text(strip=True) for th in soup.select("thead th")]
    assert header == [
        "Tanggal",
        "Indikator",
        "Tahun",
        "Kolom",
        "Dokumen",
        "Lama → baru",
        "Alasan",
        "Kode perubahan",
    ]
    rows = [tr.find_all("td") for tr in soup.select("tbody tr")]
    assert [r[0].get_text(strip=True) for r in rows] == ["3 Februari 2024"] * 4
    assert [r[3].get_text(strip=True) for r in rows] == [
        "target",
        "realisasi",
        "target Perjanjian Kinerja",
        "target",
    ]
    link = rows[0][4].find("a")
    assert link["href"] == "../dokumen/2020-2024-perubahan/"
    assert link.get_text() == "Indikator Kinerja Utama Perubahan (data contoh) 2020–2024"
    # The target is dated by its document (data_contoh: penetapan 2022-02-10), not by git.
    assert rows[0][4].get_text(" ", strip=True).endswith("(ditetapkan 10 Februari 2022)")
    assert [rows[i][4].get_text(strip=True) for i in (1, 2)] == ["–", "–"]
    assert rows[3][4].get_text(" ", strip=True) == "2015-2019 (sudah dihapus)"
    # Targets as written, a realisasi in its satuan (nilai_sakip: nilai, as it is).
    assert [r[5].get_text(" ", strip=True) for r in rows] == ["8 → kosong"] * 4
    # The reason is the commit body's, escaped; the (English) subject is never shown.
    assert rows[0][6].get_text(strip=True) == "<b>Koreksi</b> sesuai SK"
    assert "&lt;b&gt;Koreksi&lt;/b&gt;" in html
    assert [r[6].get_text(strip=True) for r in rows[1:]] == ["tanpa keterangan"] * 3
    assert "Fix target typo" not in html
    commit = rows[0][7].find("a")
    assert commit["href"] == "https://git.example/iku/commit/" + "a" * 40
    assert commit.get_text(strip=True) == "aaaaaaa"
    assert "realisasi dan target Perjanjian Kinerja milik tahunnya" in soup.get_text()


def test_reason_is_the_first_paragraph_of_the_commit_body(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    data = repo / "data"
    edit(data / "realisasi" / "2021.yaml", "nilai: 19", "nilai: 18")
    message = (
        "Fix realisasi 2021\n\nRealisasi pengaduan 2021 dikoreksi\nmenurut register yang "
        "direvisi.\n\nBagian kedua tidak ditampilkan.\n\nSigned-off-by: Uji <uji@contoh.example>\n"
    )
    git(repo, "commit", "-q", "-am", message, date="2024-02-03T04:05:06+00:00")
    edit(data / "realisasi" / "2021.yaml", "nilai: 18", "nilai: 17")
    git(repo, "commit", "-q", "-am", "Tanpa badan pesan", date="2024-02-04T00:00:00+00:00")
    edit(data / "realisasi" / "2021.yaml", "nilai: 17", "nilai: 16")
    git(repo, "commit", "-q", "-am", "Hanya trailer\n\nSigned-off-by: Uji <u@contoh.example>")
    changes = [p for p in read_riwayat(data).perubahan if p.subjek != "Awal"]
    assert [(p.subjek, p.baru, p.alasan) for p in changes] == [
        ("Hanya trailer", Fraction(16), None),
        ("Tanpa badan pesan", Fraction(17), None),
        (
            "Fix realisasi 2021",
            Fraction(18),
            "Realisasi pengaduan 2021 dikoreksi menurut register yang direvisi.",
        ),
    ]


def test_split_message() -> None:
    assert split_message("Subjek\n\n\n  Alasan satu\n  dua  \n") == ("Subjek", "Alasan satu dua")
    assert split_message("Dua baris\nsubjek\n") == ("Dua baris subjek", None)
    long = "kata " * 200
    subject, alasan = split_message("S\n\n" + long)
    assert subject == "S" and alasan is not None
    assert len(alasan) <= MAX_ALASAN + 2 and alasan.endswith(" …")


def test_hostile_old_versions_are_skipped_with_a_note(tmp_path: Path) -> None:
    """History comes from pull requests too: a number too long to convert or a forbidden
    character in an old commit make that version unreadable (noted), an alias bomb holds no
    value, a symlink is not followed; the values of the other commits still count."""
    repo = make_repo(tmp_path)
    data = repo / "data"
    realisasi = data / "realisasi" / "2021.yaml"
    honest = realisasi.read_text(encoding="utf-8")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    for name, content in [
        ("bom alias", bomb),
        ("angka panjang", "tahun: 2021\nrealisasi:\n  x:\n    nilai: " + "9" * 5000 + "\n"),
        ("karakter", honest.replace("nilai: 19", "nilai: 19 # \u202e", 1)),
        ("kembali", honest.replace("nilai: 19", "nilai: 20", 1)),
    ]:
        realisasi.write_text(content, encoding="utf-8")
        git(repo, "commit", "-q", "-am", name, date="2024-03-01T00:00:00+00:00")
    (data / "realisasi" / "2030.yaml").symlink_to("/etc/passwd")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "tautan", date="2024-03-02T00:00:00+00:00")

    riwayat = read_riwayat(data)
    # The long number and the forbidden character are unreadable; the alias bomb is read as
    # the small shared structure it is (no value in it) and costs nothing.
    unreadable = {git(repo, "rev-parse", "--short=7", f"HEAD~{n}").strip() for n in (2, 3)}
    noted = {note.split(" pada commit ")[1][:7] for note in riwayat.catatan}
    assert noted == unreadable, riwayat.catatan
    changed = {
        (p.subjek, p.indikator, p.lama, p.baru)
        for p in riwayat.perubahan
        if p.tahun == 2021 and p.kolom == "realisasi"
    }
    # The unreadable versions count as empty: the last commit brings every value back, and the
    # one changed value shows its new number.
    assert ("kembali", "pengaduan_tidak_tepat_waktu", None, Fraction(20)) in changed
    assert not any(p.subjek == "tautan" for p in riwayat.perubahan)


def test_site_history_is_split_into_pages_with_a_pager(demo_site: Path) -> None:
    """The Riwayat data page holds at most RIWAYAT_PER_HALAMAN changes; the rest follow on
    riwayat/2/, riwayat/3/…, newest first, each page linked from the others (a repository
    gains a commit per pull request, forever). Computed from this checkout's history."""
    from iku_macros.web.build_data import load_riwayat
    from iku_macros.web.plan import RIWAYAT_PER_HALAMAN, riwayat_pages, riwayat_url

    changes = load_riwayat(DEMO).perubahan
    pages = riwayat_pages(len(changes))
    assert pages == max(1, -(-len(changes) // RIWAYAT_PER_HALAMAN))
    rows_seen = 0
    for number in range(1, pages + 1):
        path = demo_site / riwayat_url(number) / "index.html"
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        table = soup.select_one("table.iku-riwayat")
        assert table is not None, path
        rows = table.select("tbody tr")
        expected = changes[rows_seen : rows_seen + RIWAYAT_PER_HALAMAN]
        assert len(rows) == len(expected) <= RIWAYAT_PER_HALAMAN, path
        # Each row is the change in that position: its short commit code in the last cell.
        assert [r.select("td")[-1].get_text(strip=True) for r in rows] == [
            p.pendek for p in expected
        ]
        rows_seen += len(rows)
        pager = soup.select_one("nav.iku-halaman")
        if pages == 1:
            assert pager is None
            continue
        assert pager is not None, path
        links = {a.get_text(strip=True) for a in pager.select("a")}
        assert links >= {str(k) for k in range(1, pages + 1) if k != number}
        assert ("← Lebih baru" in links) == (number > 1)
        assert ("Lebih lama →" in links) == (number < pages)
    assert rows_seen == len(changes)
    assert not (demo_site / riwayat_url(pages + 1)).exists()


# The plain layout of a realisasi file, and every way out of it: each parsed entry by entry must
# equal the whole file parsed at once (the entry-by-entry reader falls back to that).
REALISASI_TEXTS = [
    "tahun: 2021\nrealisasi:\n  a:\n    nilai: 1\n  # komentar\n\n  b:\n    nilai: 2.5\n"
    "    catatan: |\n      baris satu\n\n      baris dua\n  'c':\n    nilai: 3\ncatatan_umum: x\n",
    "tahun: 2021\nrealisasi:\n  a: {nilai: 1}\n  b: {nilai: 2, target_pk: 3}\n",
    "tahun: 2021\nrealisasi:\n  a: &x\n    nilai: 1\n  b: *x\n",
    "tahun: 2021\nrealisasi: {a: {nilai: 1}}\n",
    "tahun: 2021\nrealisasi:\n",
    "tahun: 2021\nrealisasi:\n  a:\n    nilai: 1\n  a:\n    nilai: 2\n",
    "realisasi:\n  a:\n    nilai: 1\ntahun: 2022\n",
    "tahun: 2021\nrealisasi:\n  - a\n  - b\n",
    "tahun: 2021\nrealisasi:\n  a:\n    nilai: 1\n  b:\n  nilai: 2\n",
    'tahun: 2021\nrealisasi:\n  a:\n    nilai: 1\n    catatan: "Dinas A & B, *penting*"\n',
    "tahun: 2021\nrealisasi:  # komentar\n  a:\n    nilai: 1\n",
    "tahun: 2021\nrealisasi:\n  a:\n    nilai: [1\n  b:\n    nilai: 2\n",
    "tahun: 2021\nrealisasi:\n  a:\n    nilai: 1\n---\ntahun: 2022\n",
    "tahun: 2021\nrealisasi:\n  a:\n    nilai: .nan\n  b:\n    nilai: .inf\n",
]


def test_realisasi_read_entry_by_entry_equals_the_whole_file() -> None:
    from iku_macros.data.gitdata import _Entries, _load

    texts = [p.read_text(encoding="utf-8") for p in sorted((DEMO / "realisasi").glob("*.yaml"))]
    reader = _Entries()
    for text in [*texts, *REALISASI_TEXTS]:
        # repr: a .nan is not equal to itself, but prints the same
        whole = repr(_load(text.encode("utf-8")))
        assert repr(reader.load(text.encode("utf-8"))) == whole, text
        assert repr(reader.load(text.encode("utf-8"))) == whole, text  # from its cache


def test_a_one_value_commit_to_a_large_file_is_one_change(tmp_path: Path) -> None:
    """A realisasi file of many entries changed one value at a time: each commit records its
    one change (entries unchanged since the last version are not read again), and a value
    that is not a number (.nan) is no number, not a crash."""
    repo = make_repo(tmp_path)
    data = repo / "data"
    path = data / "realisasi" / "2021.yaml"
    text = path.read_text(encoding="utf-8")
    extra = "".join(f"  tambahan_{k:03d}:\n    nilai: {k}\n" for k in range(300))
    path.write_text(text.rstrip("\n") + "\n" + extra, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Impor", date="2024-02-01T00:00:00+00:00")
    for k in (5, 17, 250):
        text = path.read_text(encoding="utf-8")
        text = text.replace(
            f"  tambahan_{k:03d}:\n    nilai: {k}\n", f"  tambahan_{k:03d}:\n    nilai: {k}.5\n"
        )
        path.write_text(text, encoding="utf-8")
        git(repo, "commit", "-q", "-am", f"Ubah {k}", date="2024-02-02T00:00:00+00:00")
    text = path.read_text(encoding="utf-8").replace("nilai: 250.5", "nilai: .nan")
    path.write_text(text, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Bukan angka", date="2024-02-03T00:00:00+00:00")

    riwayat = read_riwayat(data)
    for k in (5, 17, 250):
        changed = [p for p in riwayat.perubahan if p.subjek == f"Ubah {k}"]
        assert [(p.indikator, p.lama, p.baru) for p in changed] == [
            (f"tambahan_{k:03d}", Fraction(k), Fraction(2 * k + 1, 2))
        ]
    changed = [p for p in riwayat.perubahan if p.subjek == "Bukan angka"]
    assert [(p.indikator, p.lama, p.baru) for p in changed] == [
        ("tambahan_250", Fraction(501, 2), None)
    ]
    assert len([p for p in riwayat.perubahan if p.subjek == "Impor"]) == 300


def test_history_of_a_sha256_repository(tmp_path: Path) -> None:
    """Object ids are 64 hex digits in a SHA-256 repository: its history reads the same."""
    repo = tmp_path / "repo"
    shutil.copytree(DEMO, repo / "data")
    git(repo, "init", "-q", "--object-format=sha256", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Awal", date="2024-01-01T00:00:00+00:00")
    edit(repo / "data" / "realisasi" / "2021.yaml", "nilai: 19", "nilai: 20")
    git(repo, "commit", "-q", "-am", "Ubah", date="2024-01-02T00:00:00+00:00")
    changed = [p for p in read_riwayat(repo / "data").perubahan if p.subjek == "Ubah"]
    assert [(p.indikator, p.lama, p.baru) for p in changed] == [
        ("pengaduan_tidak_tepat_waktu", Fraction(19), Fraction(20))
    ]
    assert len(changed[0].commit) == 64


def test_a_rebuild_reads_only_commits_it_has_not_seen(tmp_path: Path, monkeypatch) -> None:
    """The changes of each commit are kept in the git folder: a second read gives the same
    history (notes included) without reading any commit again, and a new commit is the only
    one read; a damaged cache file is ignored."""
    from iku_macros.data import gitdata

    repo = make_repo(tmp_path)
    data = repo / "data"
    realisasi = data / "realisasi" / "2021.yaml"
    honest = realisasi.read_text(encoding="utf-8")
    for name, content in [
        ("karakter", honest.replace("nilai: 19", "nilai: 19 # \u202e", 1)),
        ("kembali", honest.replace("nilai: 19", "nilai: 20", 1)),
    ]:
        realisasi.write_text(content, encoding="utf-8")
        git(repo, "commit", "-q", "-am", name, date="2024-03-01T00:00:00+00:00")

    read: list[str] = []
    original = gitdata._changes

    def counting(reader, commit):  # type: ignore[no-untyped-def]
        read.append(commit.commit)
        return original(reader, commit)

    monkeypatch.setattr(gitdata, "_changes", counting)
    cold = read_riwayat(data)
    assert len(read) == 3 and cold.catatan
    cached = list((repo / ".git" / "iku-riwayat").glob("*.json"))
    assert len(cached) == 1

    read.clear()
    assert read_riwayat(data) == cold
    assert read == []

    edit(realisasi, "nilai: 20", "nilai: 21")
    git(repo, "commit", "-q", "-am", "baru", date="2024-04-01T00:00:00+00:00")
    read.clear()
    warm = read_riwayat(data)
    assert read == [git(repo, "rev-parse", "HEAD").strip()]
    assert warm.perubahan[1:] == cold.perubahan and warm.catatan == cold.catatan
    assert warm.perubahan[0].baru == Fraction(21)

    cached[0].write_text('{"commit": {"x": {"perubahan": [[1, 2]]}}', encoding="utf-8")
    read.clear()
    assert read_riwayat(data) == warm
    assert len(read) == 4


def test_the_cache_starts_afresh_when_the_reading_code_changes(tmp_path: Path) -> None:
    from iku_macros.data.riwayat_cache import cache_file

    code = tmp_path / "gitdata.py"
    code.write_text("a = 1\n", encoding="utf-8")
    first = cache_file(tmp_path, "data", None, (code,))
    assert cache_file(tmp_path, "data", None, (code,)) == first
    assert cache_file(tmp_path, "data", "2018-2023", (code,)) != first
    assert cache_file(tmp_path, "lain", None, (code,)) != first
    code.write_text("a = 2\n", encoding="utf-8")
    assert cache_file(tmp_path, "data", None, (code,)) != first


def test_cache_files_unused_for_a_month_are_deleted(tmp_path: Path) -> None:
    from fractions import Fraction as F

    from iku_macros.data.riwayat_cache import UNUSED_DAYS, RiwayatCache

    folder = tmp_path / "iku-riwayat"
    folder.mkdir()
    old, recent = folder / "lama.json", folder / "baru.json"
    for path in (old, recent):
        path.write_text("{}", encoding="utf-8")
    stale = datetime.now(UTC).timestamp() - (UNUSED_DAYS + 1) * 24 * 3600
    os.utime(old, (stale, stale))
    cache = RiwayatCache(folder / "kini.json")
    cache.put("a" * 40, [(None, "x", 2024, "realisasi", None, F(1, 3))], [])
    cache.save()
    assert sorted(p.name for p in folder.iterdir()) == ["baru.json", "kini.json"]
    assert RiwayatCache(folder / "kini.json").get("a" * 40) == (
        [(None, "x", 2024, "realisasi", None, F(1, 3))],
        [],
    )
