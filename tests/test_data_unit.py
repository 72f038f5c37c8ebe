"""Unit-data tests: the unit's own ``data/``, whatever unit it holds.

Generic, so a unit that forked the repository keeps them: ``check`` passes, the strict build
passes with zero warnings, every value of the data folder appears on the site and in the open
data, and every example of its Panduan is what the real commands print for its data. (Engine
tests never read ``data/``; tests tied to the first unit's source document are the seed tests,
``test_seed_*.py``.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from iku_macros.data.loading import load_dataset
from iku_macros.workflow.cli import main

from .conftest import DATA, data_unit
from .guide import (
    COMMON_CASES,
    check_case,
    check_dokumen_baru,
    check_ringkasan,
    check_tahun_baru,
    read_guide,
)
from .published import missing_in_downloads, missing_links, missing_texts
from .test_schema import assert_every_data_file_names_its_schema

pytestmark = data_unit


def _expected_cases() -> list[str]:
    kinds = {i.perhitungan.jenis for i in load_dataset(DATA).indikator.values()}
    cases = set(COMMON_CASES) if "manual" in kinds else set()
    if "komposit" in kinds:
        cases.add("komposit")
    if "ikm" in kinds:
        cases |= {"ikm", "ikm-mustahil"}
    return sorted(cases)


def test_check_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(DATA)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert out.out.startswith("Data valid")


def test_every_data_file_names_its_schema() -> None:
    assert_every_data_file_names_its_schema(DATA)


def test_strict_build_has_no_warning(data_site: Path) -> None:
    # The fixture builds with --strict and asserts the log has no WARNING.
    assert (data_site / "index.html").is_file()
    assert (data_site / "unduh" / "iku.json").is_file()


def test_every_text_value_is_on_the_site(data_site: Path) -> None:
    assert missing_texts(DATA, data_site) == []
    assert missing_links(DATA, data_site) == []


def test_every_indicator_target_and_realisasi_is_in_the_downloads(data_site: Path) -> None:
    assert missing_in_downloads(DATA, data_site) == []


def test_guide_has_the_cases_of_this_unit(data_site: Path) -> None:
    assert set(read_guide(data_site).cases) == set(_expected_cases())


@pytest.mark.parametrize("name", _expected_cases())
def test_guide_messages_are_what_check_prints(
    name: str,
    data_site: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    check_case(read_guide(data_site), name, DATA, tmp_path, monkeypatch, capsys)


def test_guide_tahun_baru_and_ringkasan_are_real(
    data_site: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    guide = read_guide(data_site)
    check_tahun_baru(guide, DATA, tmp_path / "tahun_baru", monkeypatch, capsys)
    check_ringkasan(guide, DATA, tmp_path / "ringkasan", monkeypatch, capsys)


def test_guide_dokumen_baru_commands_are_real(
    data_site: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    check_dokumen_baru(read_guide(data_site), DATA, tmp_path, monkeypatch, capsys)
