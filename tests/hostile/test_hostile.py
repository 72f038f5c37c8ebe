"""Every case of the hostile-input corpus is refused by ``check`` and by the build."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

from . import harness


def _all_cases() -> list[harness.Case]:
    package = Path(__file__).parent
    cases: list[harness.Case] = []
    for module in pkgutil.iter_modules([str(package)]):
        if module.name.startswith("cases_"):
            cases.extend(importlib.import_module(f"{__package__}.{module.name}").CASES)
    return cases


CASES = _all_cases()


def test_corpus_is_large_and_names_are_unique() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    assert len(names) >= 50, f"only {len(names)} kinds of hostile input"


def _param(case: harness.Case) -> object:
    if not case.known_bug:
        return pytest.param(case, id=case.name)
    mark = pytest.mark.xfail(strict=True, reason=f"engine bug: {case.known_bug}")
    return pytest.param(case, id=case.name, marks=mark)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_refused(case: harness.Case, tmp_path: Path) -> None:
    harness.run_case(case, tmp_path)
