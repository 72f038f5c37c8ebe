"""The Panduan never drifts from the code, and speaks of the unit whose site it is.

Engine tests on the demo and on the second fixture unit: every example of the built Panduan is
generated from that unit's data (``iku_macros/web/render/panduan.py``) and is proven here with the
real ``check``, ``tahun-baru``, ``dokumen-baru`` and ``ringkasan`` (see ``tests/guide.py`` for
the markers). The same checks run on ``data/`` in ``test_data_unit.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from iku_macros.data.loading import load_dataset

from .conftest import DATA, DEMO, ENGINE_DATASETS, UNIT_LAIN, data_unit
from .guide import (
    COMMON_CASES,
    check_case,
    check_dokumen_baru,
    check_ringkasan,
    check_tahun_baru,
    read_guide,
    unmarked_messages,
)

ENGINE = sorted(ENGINE_DATASETS)
CASES = sorted(COMMON_CASES | {"komposit", "ikm", "ikm-mustahil"})
"""The demo and the fixture unit have every kind of indicator, so their guides have all cases."""


def _ids(folder: Path) -> set[str]:
    """Indicator ids of every document (``dokumen/*/indikator/``, or the first format's)."""
    paths = [*folder.glob("indikator/*.yaml"), *folder.glob("dokumen/*/indikator/*.yaml")]
    return {path.stem for path in paths}


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_guide_has_every_case_and_marks_every_message(engine_site: tuple[Path, Path]) -> None:
    _, site = engine_site
    guide = read_guide(site)
    assert set(guide.cases) == set(CASES)
    for name, case in guide.cases.items():
        assert case.files and case.messages, name
    assert unmarked_messages(guide) == []


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
@pytest.mark.parametrize("name", CASES)
def test_quoted_messages_are_what_check_prints(
    engine_site: tuple[Path, Path],
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source, site = engine_site
    check_case(read_guide(site), name, source, tmp_path, monkeypatch, capsys)


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_tahun_baru_excerpt_is_real(
    engine_site: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source, site = engine_site
    check_tahun_baru(read_guide(site), source, tmp_path, monkeypatch, capsys)


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_dokumen_baru_commands_are_real(
    engine_site: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source, site = engine_site
    guide = read_guide(site)
    dataset = load_dataset(source)
    following = max(dataset.berlaku) + 1
    # The next period, as long as the current document's, starts after the last covered year.
    periode = dataset.dokumen_kini.meta.periode
    assert guide.perintah[0] == (
        f"dokumen-baru {following} {following + periode.akhir - periode.awal}"
    )
    assert "--perubahan --berlaku-mulai" in guide.perintah[1]
    assert ("masih berformat lama" in guide.text) == dataset.format_lama
    check_dokumen_baru(guide, source, tmp_path, monkeypatch, capsys)


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_guide_lists_the_chain_of_documents(engine_site: tuple[Path, Path]) -> None:
    source, site = engine_site
    dataset = load_dataset(source)
    table = next(
        t for t in read_guide(site).page.select("table") if "berlaku untuk tahun" in t.get_text()
    )
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.select("tr")]
    rows = [row for row in rows if row]
    assert [row[0] for row in rows] == list(dataset.dokumen)
    for row, document in zip(rows, dataset.dokumen.values(), strict=True):
        years = sorted(y for y, d in dataset.berlaku.items() if d == document.id)
        periode = document.meta.periode
        assert row[1:3] == [document.meta.jenis.value, f"{periode.awal}–{periode.akhir}"]
        assert row[3] == (f"{years[0]}–{years[-1]}" if years else "tidak ada"), row


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_ringkasan_sample_is_real(
    engine_site: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source, site = engine_site
    check_ringkasan(read_guide(site), source, tmp_path, monkeypatch, capsys)


@data_unit
@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_guide_shows_the_units_own_ids_period_and_count(engine_site: tuple[Path, Path]) -> None:
    """No indicator id of another dataset; the unit's period and indicator count instead of
    another unit's."""
    source, site = engine_site
    guide = read_guide(site)
    own = _ids(source)
    # Ids with an underscore: a bare word such as `ikm` is also a folder name.
    others = {i for i in (_ids(DATA) | _ids(DEMO) | _ids(UNIT_LAIN)) - own if "_" in i}
    words = set(re.findall(r"[a-z][a-z0-9_]*", guide.text))
    assert words & others == set()
    shown = set(re.findall(r"`?([a-z][a-z0-9_]*)`? ›", guide.text)) - {"realisasi", "nilai"}
    assert shown and shown <= own
    dataset = load_dataset(source)
    kini = dataset.dokumen_kini
    periode = kini.meta.periode
    assert f"{periode.awal}–{periode.akhir}" in guide.text
    assert kini.id in guide.text
    assert f"{len(dataset.indikator)} indikator" in guide.text
    excerpt_years = {tahun for tahun, _ in guide.tahun_baru}
    assert excerpt_years == {periode.akhir}
    # The examples' indicators are the current document's (an ended one would not check).
    assert shown <= set(kini.indikator)
