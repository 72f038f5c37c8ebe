"""On a 360 px wide phone the document never scrolls sideways (tables scroll in a wrapper)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import Site, Visit, report

WIDTH = 360
PHONE = {
    "viewport": {"width": WIDTH, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}

# Elements sticking out to the right that no horizontally clipping ancestor contains.
OVERFLOWING = """
(limit) => {
  const describe = (el) => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim())
      text += '.' + el.className.trim().split(/\\s+/).join('.');
    return text;
  };
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= limit || clipped(el)) continue;
    if (found.some((f) => f.el.contains(el))) continue;
    found.push({el, line: describe(el) + ' right edge at ' + Math.round(box.right) + 'px'});
  }
  return found.slice(0, 8).map((f) => f.line);
}
"""


# The pages with the widest content of a unit before its first report (the engine's own document
# page); every page of the demo and of the unit's site is checked by test_reader_layout.py.
PHONE_CASES = [
    pytest.param(dataset, kind, id=f"{kind}-{dataset}")
    for dataset, kinds in {
        "kosong": ["beranda", "indikator_iku", "dokumen_halaman"],
    }.items()
    for kind in kinds
]


@pytest.mark.parametrize(("dataset", "kind"), PHONE_CASES)
def test_no_horizontal_overflow_on_phone(
    dataset: str, kind: str, request: pytest.FixtureRequest, open_page: Callable[..., Visit]
) -> None:
    site: Site = request.getfixturevalue(dataset)
    visit = open_page(site.url_for(kind), settle=False, **PHONE)
    assert visit.status == 200, f"{visit.url}: HTTP {visit.status}"
    scroll_width = visit.page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > WIDTH + 1:
        culprits = visit.page.evaluate(OVERFLOWING, WIDTH + 1)
        pytest.fail(
            report(
                f"{dataset} {kind} ({visit.url}) is {scroll_width}px wide at a {WIDTH}px "
                "viewport; wrap wide content in a horizontally scrolling container. "
                "Elements past the right edge:",
                culprits or ["(none found outside clipping containers)"],
            )
        )
