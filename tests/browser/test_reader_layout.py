"""Every page of the unit's site (``data/``) and of the demo reads well on a phone and on a
desktop, in the light and the dark scheme (issue F, "Must show"):

* the page never scrolls sideways;
* no chart is wider than its box, and a chart's labels stay inside it without overlapping;
* on a desktop no table needs sideways scrolling (on a phone a table scrolls in its own box);
* no English interface string in the visible text, an ``aria-label`` or a ``title``;
* axe-core finds no violation;
* every chart mark (target and realisasi lines and points, capaian bars and points, the 100%
  line) has at least 3:1 contrast with the page background, computed from the colours the
  browser actually rendered (WCAG 2.1 SC 1.4.11).

One browser context per (site, width, scheme), so xdist spreads the eight cases; within a case
the pages are opened one after the other without waiting for anything but ``load``.

These checks make parts of older browser tests redundant: ``test_mobile.py`` (sideways scrolling
at 360 px, on a few pages of each site) and ``test_accessibility.py`` (axe on one page of each
kind, light scheme only) are covered here for every page of the demo, in both schemes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from iku_macros.web.build_data import load_laporan
from iku_macros.web.plan import indicator_url

from ..conftest import data_unit
from .conftest import TIMEOUT_MS, Site, report, serve_directory
from .test_accessibility import describe

SITES = {"data": "data_site", "demo": "demo_site"}
"""Site name → the session fixture that builds it (tests/conftest.py)."""
LAYOUTS = {
    # A phone's viewport (meta viewport honoured); without touch, so it can hover and take a
    # keyboard: Material then makes a code block that scrolls focusable, as axe asks.
    "ponsel": {
        "viewport": {"width": 360, "height": 800},
        "device_scale_factor": 2,
        "is_mobile": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
SCHEMES = {"terang": "light", "gelap": "dark"}
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}

ENGLISH = [
    # Material's and MkDocs' English interface strings, and words that leaked before.
    "Permanent link",
    "Header",
    "Footer",
    "Navigation",
    "Tab",
    "Tabs",
    "Skip to content",
    "Search",
    "Previous",
    "Next",
    "Not found",
    "Back to top",
    "Table of contents",
    "Copy to clipboard",
    "Edit this page",
    "Type to start searching",
    "Initializing search",
    "Made with",
    "commit",
]
"""English interface words (whole words; "commit" in any case) a public page must not show."""

MIN_CONTRAST = 3.0

CHECKS = """
({width, desktop, english, minContrast}) => {
  const problems = [];
  // A phone browser widens its layout to content that sticks out (and zooms out): compare
  // with the device's width, not with innerWidth.
  const limit = Math.min(window.innerWidth, width);
  const where = (el) => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    const cls = el.getAttribute('class');
    if (cls) text += '.' + cls.trim().split(/\\s+/).join('.');
    for (const name of ['data-indikator', 'data-seri', 'data-tahun']) {
      if (el.hasAttribute(name)) text += `[${name}=${el.getAttribute(name)}]`;
    }
    return text;
  };

  // 1. The page never scrolls sideways.
  const scroller = document.scrollingElement;
  if (scroller.scrollWidth > limit) {
    const wide = [...document.body.querySelectorAll('*')].filter((el) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.right > limit + 1;
    }).slice(0, 4).map(where);
    problems.push(`page scrolls sideways: ${scroller.scrollWidth}px in ${limit}px ` +
      `(${wide.join(', ')})`);
  }

  // ... nor does it hide what sticks out: a wide table scrolls in its own box.
  const scrolls = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const overflow = getComputedStyle(a).overflowX;
      if (overflow === 'auto' || overflow === 'scroll') return true;
    }
    return false;
  };
  const content = '.md-content table, .md-content svg, .md-content img';
  for (const el of document.querySelectorAll(content)) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > limit + 1 && !scrolls(el)) {
      problems.push(`cut off at the right edge, not in a scrolling box: ${where(el)} ends at ` +
        `${Math.round(box.right)}px`);
    }
  }

  // On a phone a table that scrolls in its box says so (the "geser" hint) and keeps its
  // first column (the row's name) in view; a table that fits shows no hint.
  if (!desktop) {
    const boxes = document.querySelectorAll(
      '.md-typeset__scrollwrap, :not(.md-typeset__scrollwrap) > .md-typeset__table');
    for (const box of boxes) {
      const table = box.querySelector('table');
      if (!table) continue;
      const scrolling = box.scrollWidth > box.clientWidth + 1;
      const hint = getComputedStyle(box, '::before');
      const shown = hint.visibility === 'visible' && hint.content.includes('Geser');
      if (scrolling !== shown) {
        problems.push(`${where(table)}: ${scrolling ? 'scrolls without' : 'fits but shows'} ` +
          'the hint to swipe');
      }
      const rowHeader = table.querySelector('tbody tr > th:first-child');
      if (scrolling && rowHeader && getComputedStyle(rowHeader).position !== 'sticky') {
        problems.push(`${where(table)}: scrolls, but its first column does not stay in view`);
      }
    }
  }

  // 2. Charts fit their box; their labels stay inside and do not overlap.
  for (const svg of document.querySelectorAll('svg.iku-grafik-svg')) {
    const box = svg.getBoundingClientRect();
    const parent = svg.parentElement;
    const room = parent.getBoundingClientRect();
    if (box.width > parent.clientWidth + 1 || box.right > room.right + 1) {
      problems.push(`chart wider than its box: ${where(svg)} ${Math.round(box.width)}px ` +
        `in ${parent.clientWidth}px`);
    }
    const texts = [...svg.querySelectorAll('text')].map((t) => [t, t.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0);
    for (const [t, r] of texts) {
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 ||
          r.bottom > box.bottom + 1) {
        problems.push(`chart label runs off ${where(svg)}: "${t.textContent.trim()}"`);
      }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const [a, ra] = texts[i], [b, rb] = texts[j];
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 1 && h > 1) {
          problems.push(`chart labels overlap in ${where(svg)}: "${a.textContent.trim()}" / ` +
            `"${b.textContent.trim()}"`);
        }
      }
    }
  }

  // 3. On a desktop nothing in the article scrolls sideways and no table sticks out.
  const article = document.querySelector('.md-content__inner');
  if (desktop && article) {
    const edge = article.getBoundingClientRect().right -
      parseFloat(getComputedStyle(article).paddingRight);
    for (const el of article.querySelectorAll('*')) {
      const overflow = getComputedStyle(el).overflowX;
      // Code blocks may scroll; a table or a chart may not.
      const holdsData = el.matches('figure') || el.querySelector('table, svg') !== null;
      if (holdsData && (overflow === 'auto' || overflow === 'scroll') &&
          el.scrollWidth > el.clientWidth + 1) {
        problems.push(`scrolls sideways on a desktop: ${where(el)} ${el.scrollWidth}px in ` +
          `${el.clientWidth}px (${where(el.querySelector('table') || el)})`);
      }
    }
    for (const table of article.querySelectorAll('table')) {
      const right = table.getBoundingClientRect().right;
      if (right > edge + 1) {
        problems.push(`table wider than the column: ${where(table)} ends at ` +
          `${Math.round(right)}px, column at ${Math.round(edge)}px`);
      }
    }
  }

  // 4. No English interface string.
  const said = [['text', document.body.innerText], ['document title', document.title]];
  for (const el of document.querySelectorAll('[aria-label], [title]')) {
    for (const name of ['aria-label', 'title']) {
      if (el.hasAttribute(name)) said.push([`${name} of ${where(el)}`, el.getAttribute(name)]);
    }
  }
  for (const word of english) {
    const pattern = word === 'commit' ? /\\bcommit\\b/i : new RegExp(`\\\\b${word}\\\\b`);
    for (const [source, text] of said) {
      const found = pattern.exec(text);
      if (found) {
        const around = text.slice(Math.max(0, found.index - 30), found.index + word.length + 30);
        problems.push(`English "${word}" in ${source}: …${around.replace(/\\s+/g, ' ')}…`);
      }
    }
  }

  // 5. Chart marks contrast with the page background (rendered colours).
  const parse = (text) => {
    const m = /^rgba?\\(([^)]*)\\)$/.exec(text.trim());
    if (!m) return null;
    const parts = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[3] * top[i] + (1 - top[3]) * bottom[i]);
  const luminance = (rgb) => {
    const lin = rgb.map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const background = (el) => {
    for (let a = el; a; a = a.parentElement) {
      const colour = parse(getComputedStyle(a).backgroundColor);
      if (colour && colour[3] > 0) return over(colour, [255, 255, 255]);
    }
    return [255, 255, 255];
  };
  const marks = document.querySelectorAll(
    'svg.iku-grafik-svg [data-seri], svg.iku-grafik-svg [data-garis], ' +
    'svg.iku-grafik-svg .iku-grafik-acuan, svg.iku-grafik-svg .iku-grafik-legenda [class]'
  );
  for (const mark of marks) {
    if (mark.tagName === 'text') continue;
    const style = getComputedStyle(mark);
    const bg = background(mark.closest('svg'));
    const opacity = parseFloat(style.opacity);
    const paint = (value, layerOpacity) => {
      if (!value || value === 'none') return null;
      const colour = parse(value);
      if (!colour) return 'unparsed ' + value;
      colour[3] *= parseFloat(layerOpacity) * opacity;
      return over(colour, bg);
    };
    const fill = paint(style.fill, style.fillOpacity);
    const stroke = paint(style.stroke, style.strokeOpacity);
    for (const colour of [fill, stroke]) {
      if (typeof colour === 'string') problems.push(`colour not understood: ${colour}`);
    }
    // The ink of a mark is its fill, unless it is a line or its fill is the background (a
    // hollow mark).
    const fillInk = mark.tagName !== 'line' && Array.isArray(fill) && contrast(fill, bg) > 1.05;
    const ink = fillInk ? fill : stroke;
    if (!Array.isArray(ink)) continue;
    const ratio = contrast(ink, bg);
    if (ratio < minContrast) {
      const rgb = (colour) => `rgb(${colour.map(Math.round)})`;
      problems.push(`chart mark contrast ${ratio.toFixed(2)}:1 < ${minContrast}:1: ` +
        `${where(mark)} (${fillInk ? 'fill' : 'stroke'} ${rgb(ink)} on ${rgb(bg)})`);
    }
  }
  return problems;
}
"""


def site_pages(root: Path) -> list[str]:
    """Site-relative URL of every generated page but the 404 page and redirects."""
    pages = []
    for path in sorted(root.rglob("*.html")):
        relative = path.relative_to(root).as_posix()
        if relative == "404.html":
            continue
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:2000]:
            continue
        pages.append(relative.removesuffix("index.html"))
    return pages


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def served(request: pytest.FixtureRequest) -> Iterator[tuple[Path, str]]:
    """(built site, base URL) of the site named by indirect parametrisation."""
    root: Path = request.getfixturevalue(SITES[request.param])
    with serve_directory(root) as url:
        yield root, url


READY = """
() => document.documentElement.getAttribute('data-iku-tabel') === 'siap' &&
  [...document.querySelectorAll('pre > code')].every(
    (code) => code.scrollWidth <= code.clientWidth || code.hasAttribute('tabindex'))
"""
ALLOWED = {"panduan/": {"commit"}}
"""English words a page may show: the operator guide names GitHub's own buttons ("Commit
changes") so staff find them."""


def check_page(page: Any, path: str, base: str, desktop: bool, scheme: str) -> list[str]:
    response = page.goto(base + path, wait_until="load")
    if response is None or response.status != 200:
        return [f"HTTP {None if response is None else response.status}"]
    # Material applies the scheme the browser prefers from its own script.
    page.wait_for_function(
        "(scheme) => document.body.getAttribute('data-md-color-scheme') === scheme",
        arg=MATERIAL_SCHEME[scheme],
    )
    # Material makes a code block that scrolls focusable (tabindex) once it has measured it;
    # assets/iku.js does the same for a table that scrolls in its box.
    page.wait_for_function(READY)
    english = [word for word in ENGLISH if word not in ALLOWED.get(path, set())]
    arguments = {
        "width": page.viewport_size["width"],
        "desktop": desktop,
        "english": english,
        "minContrast": MIN_CONTRAST,
    }
    problems: list[str] = page.evaluate(CHECKS, arguments)
    # axe-core is injected into every page of the context (add_init_script).
    violations = page.evaluate("axe.run({resultTypes: ['violations']})")["violations"]
    problems += [f"axe: {describe(violation)}" for violation in violations]
    return problems


@pytest.mark.parametrize("scheme", list(SCHEMES.values()), ids=list(SCHEMES))
@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize(
    # The data/ site only is the unit's: the nested run of test_unit_lain.py runs just that one.
    "served",
    [pytest.param(name, marks=[data_unit] if name == "data" else []) for name in SITES],
    indirect=True,
)
def test_every_page_reads_well(
    served: tuple[Path, str], layout: str, scheme: str, chromium: Any, axe: Axe
) -> None:
    root, base = served
    pages = site_pages(root)
    assert len(pages) > 20, pages
    context = chromium.new_context(**LAYOUTS[layout], color_scheme=scheme)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(script=axe.axe_script)
    # Material builds its search index in a worker after every page load: nothing these checks
    # look at, and it would compete with them for the CPU on every page.
    context.route("**/workers/search.*", lambda route: route.abort())
    try:
        page = context.new_page()
        failures = {}
        for path in pages:
            problems = check_page(page, path, base, layout == "desktop", scheme)
            if problems:
                failures[path or "(beranda)"] = problems
    finally:
        context.close()
    lines = [f"{path}: {problem}" for path, problems in failures.items() for problem in problems]
    assert not failures, report(
        f"{len(failures)} of {len(pages)} pages ({layout}, {scheme}) fail:", lines
    )


MENU_LINKS = """
(hrefs) => {
  const drawer = document.querySelector('.md-sidebar--primary').getBoundingClientRect();
  const links = [...document.querySelectorAll('nav.md-nav--primary a[href]')];
  return hrefs.map((href) => {
    const link = links.find((a) => new URL(a.href).pathname.endsWith('/' + href));
    if (!link) return `${href}: not in the menu`;
    link.scrollIntoView({block: 'center'});
    const box = link.getBoundingClientRect();
    if (box.left < drawer.left || box.right > drawer.right + 1) {
      return `${href}: outside the open menu (${Math.round(box.left)}px)`;
    }
    const hit = document.elementFromPoint(box.left + 8, box.top + box.height / 2);
    return link.contains(hit) ? null : `${href}: covered by ${hit && hit.className}`;
  }).filter(Boolean);
}
"""


def test_phone_menu_shows_the_whole_section(demo: Site, chromium: Any) -> None:
    """On a program indicator's page the phone menu opens on the Indikator tab with every
    indicator reachable in it (before, it opened inside the program, showing one entry)."""
    laporan = load_laporan(demo.data)
    page_path = indicator_url(laporan.program()[0].indikator.id)
    context = chromium.new_context(**LAYOUTS["ponsel"])
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(demo.url + page_path, wait_until="load")
        page.click(".md-header label[for=__drawer]")
        page.wait_for_function(
            "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"
        )
        title = page.evaluate(
            """() => [...document.querySelectorAll('nav.md-nav--primary .md-nav__title')]
              .filter((t) => {
                const box = t.getBoundingClientRect();
                const hit = document.elementFromPoint(box.left + box.width / 2, box.top + 4);
                return box.width > 0 && t.contains(hit);
              }).map((t) => t.textContent.trim())"""
        )
        assert title == ["Indikator"]
        # The open page is the menu's active entry (a link, or the toggle of its contents).
        active = page.evaluate(
            """() => [...document.querySelectorAll('nav.md-nav--primary .md-nav__link--active')]
              .filter((el) => el.getBoundingClientRect().width > 0)
              .map((el) => el.textContent.trim())"""
        )
        assert laporan.program()[0].indikator.nama in active
        hrefs = [indicator_url(h.indikator.id) for h in laporan.indikator.values()]
        hrefs.remove(page_path)
        assert page.evaluate(MENU_LINKS, hrefs) == []
    finally:
        context.close()
