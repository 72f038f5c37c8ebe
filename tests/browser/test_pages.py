"""Every kind of page loads cleanly in Chromium and talks to no host but the site's own."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from .conftest import PAGE_CASES, Site, Visit, report

BANNER = "Data contoh"


@pytest.mark.parametrize(("dataset", "kind"), PAGE_CASES)
def test_page_loads_cleanly(
    dataset: str, kind: str, request: pytest.FixtureRequest, open_page: Callable[..., Visit]
) -> None:
    site: Site = request.getfixturevalue(dataset)
    visit = open_page(site.url_for(kind))
    problems = visit.problems()

    banner = visit.page.locator(".md-banner")
    body_text = visit.page.inner_text("body")
    if dataset == "demo":
        if banner.count() == 0:
            problems.append("no .md-banner announce bar (the demo must say it is fictional)")
        elif BANNER not in banner.first.inner_text():
            problems.append(f".md-banner does not say {BANNER!r}: {banner.first.inner_text()!r}")
        elif not banner.first.is_visible():
            problems.append(".md-banner is in the DOM but not visible")
    else:
        if banner.count():
            problems.append(f"non-demo data shows an announce bar: {banner.first.inner_text()!r}")
        if BANNER in body_text:
            problems.append(f"non-demo data page mentions {BANNER!r}")

    assert not problems, report(f"{dataset} {kind} ({visit.url}):", problems)


@pytest.mark.parametrize("dataset", ["demo", "kosong"])
def test_downloads_are_served(dataset: str, request: pytest.FixtureRequest, chromium) -> None:
    site: Site = request.getfixturevalue(dataset)
    context = chromium.new_context()
    try:
        json_response = context.request.get(site.url + "unduh/iku.json")
        csv_response = context.request.get(site.url + "unduh/iku.csv")
        assert json_response.status == 200, f"unduh/iku.json: HTTP {json_response.status}"
        assert csv_response.status == 200, f"unduh/iku.csv: HTTP {csv_response.status}"
        json.loads(json_response.text())
        assert csv_response.text().strip(), "unduh/iku.csv is empty"
    finally:
        context.close()


def test_search_finds_an_indicator_by_its_definition(
    demo: Site, open_page: Callable[..., Visit]
) -> None:
    """The search box answers from the entries written from the data (iku_macros.web.pencarian):
    a word of an indicator's definition finds the indicator's page."""
    visit = open_page(demo.url, viewport={"width": 1280, "height": 900})
    page = visit.page
    query = page.locator("input[data-md-component=search-query]")
    query.click()
    # Typed key by key, as a reader does: Material searches on each keystroke.
    query.press_sequentially("sembilan unsur")
    result = page.locator(".md-search-result__item a[href*='indikator/ikm/']").first
    result.wait_for(state="attached")
    assert "Indeks Kepuasan Masyarakat" in result.inner_text()
