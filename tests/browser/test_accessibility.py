"""axe-core (bundled with axe-playwright-python, runs offline) finds no violation on a page of
each kind of a unit before its first report (``kosong``: empty states, the engine's own
document page). Every page of the unit's site and of the demo is checked with axe, in both
schemes and at both widths, by ``test_reader_layout.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import PAGE_CASES, Site, Visit, report

KOSONG_CASES = [case for case in PAGE_CASES if case.values[0] == "kosong"]

NODES_SHOWN = 5


def describe(violation: dict[str, Any]) -> str:
    """One violation as a few lines a developer can act on."""
    nodes = violation["nodes"]
    lines = [
        f"{violation['id']} [{violation['impact']}] {violation['help']} "
        f"({len(nodes)} node(s); {violation['helpUrl']})"
    ]
    for node in nodes[:NODES_SHOWN]:
        target = " ".join(str(part) for part in node["target"])
        summary = (node.get("failureSummary") or "").splitlines()
        detail = summary[1].strip() if len(summary) > 1 else ""
        lines.append(f"      {target}" + (f" -- {detail}" if detail else ""))
    if len(nodes) > NODES_SHOWN:
        lines.append(f"      ... and {len(nodes) - NODES_SHOWN} more")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize(("dataset", "kind"), KOSONG_CASES)
def test_page_has_no_axe_violations(
    dataset: str,
    kind: str,
    request: pytest.FixtureRequest,
    open_page: Callable[..., Visit],
    axe: Axe,
) -> None:
    site: Site = request.getfixturevalue(dataset)
    # Material's DOM is complete at `load`; the search index arriving later changes nothing here.
    visit = open_page(site.url_for(kind), settle=False)
    assert visit.status == 200, f"{visit.url}: HTTP {visit.status}"
    violations = axe.run(visit.page).response["violations"]
    if violations:
        pytest.fail(
            report(
                f"axe-core: {len(violations)} rule(s) violated on {dataset} {kind} ({visit.url}):",
                [describe(violation) for violation in violations],
            ),
            pytrace=False,
        )
