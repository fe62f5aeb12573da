"""The web site in a real browser (Debian's chromium, driven by Playwright), as a visitor
uses it: filters, search, keyboard, shared addresses, phones, zoom, no JavaScript, and
axe-core's WCAG 2.1 A/AA checks on every kind of page.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ikonzept.model import Konzept
from ikonzept.pipeline.validate import validate
from tests.conftest import SAMPLE

playwright_api = pytest.importorskip("playwright.sync_api", reason="make test installs it")
expect = playwright_api.expect

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# One page of every kind (the second edition adds the state of implementation).
PAGE_KINDS = [
    "index.html", "konzept.html", "kapitel/einleitung.html", "handlungsfelder.html",
    "handlungsfelder/sprache.html", "akteure.html",
    "akteure/auslaenderbehoerde-kreis-coesfeld.html",
    "glossar.html", "abkuerzungen.html", "rechtsgrundlagen.html", "beteiligung.html",
    "daten.html", "barrierefreiheit.html", "impressum.html", "404.html",
    "kommunen/duelmen.html",
]  # fmt: skip

# What only the second edition has: the state of implementation, indicators, plans.
EDITION_PAGES = [
    "umsetzung.html", "handlungsfelder/sprache.html", "kommunen/duelmen.html",
    "monitoring.html", "indikatoren/auslaenderanteil.html", "daten.html",
]  # fmt: skip


def _chromium() -> str:
    path = os.environ.get("IKONZEPT_CHROMIUM") or shutil.which("chromium")
    if path is None:
        pytest.fail("chromium fehlt: `make test` installiert Debians chromium.")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        # --no-sandbox: the tests may run as root in a container.
        launched = playwright.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: problems.append(str(e)))
    opened.problems = problems
    yield opened
    context.close()


@pytest.fixture(scope="module")
def konzept() -> Konzept:
    result = validate(SAMPLE)
    assert result.konzept is not None
    return result.konzept


def _url(site: Path, path: str) -> str:
    return (
        (site / path).as_uri()
        if "?" not in path
        else (site / path.split("?")[0]).as_uri() + ("?" + path.split("?", 1)[1])
    )


def _shown(page: Any) -> list[str]:
    """The actors listed once the list has settled (the first screenful comes at once, the
    rest after the next frame)."""
    return list(page.evaluate("""async () => {
        for (let i = 0; i < 2; i++) {
            await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
        }
        return Array.from(document.querySelectorAll("#verzeichnis > li"), li => li.dataset.id);
    }"""))  # fmt: skip


def test_filter_by_municipality_counts_county_wide_actors_everywhere(
    page: Any, sample_site: Path, konzept: Konzept
) -> None:
    page.goto(_url(sample_site, "akteure.html"))
    everyone = _shown(page)
    page.select_option("#kommune", "duelmen")
    expected = sorted(a.id for a in konzept.akteure if not a.kommunen or "duelmen" in a.kommunen)
    assert sorted(_shown(page)) == expected
    assert any(not a.kommunen for a in konzept.akteure if a.id in expected)
    total = len(konzept.akteure)
    expect(page.locator("#treffer")).to_have_text(f"{len(expected)} von {total} Akteuren")
    assert page.locator("#treffer").get_attribute("role") == "status"
    # Back to all: every entry in its place again (the list is rebuilt in parts).
    page.select_option("#kommune", "")
    assert _shown(page) == everyone and len(everyone) == total


def _fold(text: str) -> str:
    """Lower case, umlauts written out, accents and inline markup dropped."""
    import unicodedata

    lowered = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    lowered = lowered.replace("ß", "ss").replace("*", "").replace("_", "")
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _expected(konzept: Konzept, want: dict[str, str]) -> list[str]:
    """The actors a visitor must see, from the model: places (none: county-wide, which
    counts everywhere), kind, fields (declared or named in a measure of the field), the
    languages of the offers, and every search word somewhere in what the entry says."""
    from ikonzept.render.content.labels import ACTOR_KIND, language

    towns = {k.id: k.name for k in konzept.kommunen}
    named: dict[str, set[str]] = {}
    for feld, _ziel, massnahme in konzept.massnahmen():
        for ident in massnahme.akteure:
            named.setdefault(ident, set()).add(feld.id)
    words = _fold(want.get("suche", "")).split()
    found = []
    for a in konzept.akteure:
        languages = {code for offer in a.angebote for code in offer.sprachen}
        texts = [a.name, ACTOR_KIND.get(a.art, a.art), a.aufgaben or "", "kreisweit tätig",
                 *(towns[k] for k in a.kommunen), *(language(c) for c in languages)]  # fmt: skip
        for offer in a.angebote:
            texts += [offer.titel, offer.beschreibung, offer.zielgruppe or ""]
        text = _fold(" ".join(texts))
        if (
            (not want.get("kommune") or not a.kommunen or want["kommune"] in a.kommunen)
            and (not want.get("art") or a.art == want["art"])
            and (not want.get("feld") or want["feld"] in {*a.handlungsfelder, *named.get(a.id, ())})
            and (not want.get("sprache") or want["sprache"] in languages)
            and all(word in text for word in words)
        ):
            found.append(a.id)
    return sorted(found)


FILTERS = [
    {"kommune": "olfen"},
    {"art": "bildungstraeger"},
    {"feld": "sprache"},
    {"sprache": "ar"},
    {"suche": "Beratung"},
    {"suche": "Frauen Kurs"},
    {"kommune": "duelmen", "sprache": "ar"},
    {"kommune": "luedinghausen", "feld": "schule", "art": "schule"},
    {"art": "wohlfahrtsverband", "sprache": "ar", "suche": "beratung"},
    {"feld": "arbeit-wirtschaft", "kommune": "coesfeld", "suche": "Anerkennung"},
]


@pytest.mark.parametrize("want", FILTERS, ids=lambda want: "+".join(want))
def test_every_filter_shows_exactly_the_actors_the_model_says(
    page: Any, sample_site: Path, konzept: Konzept, want: dict[str, str]
) -> None:
    expected = _expected(konzept, want)
    assert expected, f"a filter case must show someone: {want}"
    assert len(expected) < len(konzept.akteure), f"a filter case must leave someone out: {want}"
    page.goto(_url(sample_site, "akteure.html"))
    for name, value in want.items():
        if name == "suche":
            page.fill("#suche", value)
        else:
            page.select_option(f"#{name}", value)
    assert sorted(_shown(page)) == expected
    total = len(konzept.akteure)
    expect(page.locator("#treffer")).to_have_text(f"{len(expected)} von {total} Akteuren")


def test_fast_typing_ends_with_the_list_of_the_last_query(page: Any, sample_site: Path) -> None:
    page.goto(_url(sample_site, "akteure.html"))
    page.fill("#suche", "beratung")
    expected = _shown(page)
    page.fill("#suche", "")
    page.focus("#suche")
    page.keyboard.type("beratung")  # no pause: later keystrokes overtake earlier lists
    assert _shown(page) == expected and expected


def test_search_finds_an_actor_by_the_title_of_an_offer(page: Any, sample_site: Path) -> None:
    page.goto(_url(sample_site, "akteure.html"))
    page.fill("#suche", "Jugendintegrationskurs")
    assert "vhs-duelmen" in _shown(page)
    assert len(_shown(page)) <= 3
    # Umlauts may be typed or written out, in any case.
    for query in ("Dülmen Integrationskurs", "duelmen integrationskurs", "DÜLMEN INTEGRATIONSKURS"):
        page.fill("#suche", query)
        assert "vhs-duelmen" in _shown(page), query
    page.fill("#suche", "xyzzy-gibt-es-nicht")
    assert _shown(page) == []
    expect(page.locator("#keine-treffer")).to_be_visible()


def test_keyboard_alone_reaches_and_operates_every_filter(page: Any, sample_site: Path) -> None:
    page.goto(_url(sample_site, "akteure.html"))
    total = len(_shown(page))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Zum Inhalt springen"
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        ident = page.evaluate("document.activeElement.id || document.activeElement.type || ''")
        reached.append(ident)
        if ident == "reset":
            break
    for control in ("suche", "kommune", "art", "feld", "sprache", "reset"):
        assert control in reached, control
    # Operate them: type into the search, choose with the arrow keys, reset with Enter.
    page.focus("#suche")
    page.keyboard.type("Beratung")
    searched = len(_shown(page))
    assert 0 < searched < total
    page.focus("#kommune")
    page.keyboard.press("ArrowDown")
    assert page.input_value("#kommune") != ""
    assert len(_shown(page)) <= searched
    page.focus("button[type=reset]")
    page.keyboard.press("Enter")
    expect(page.locator("#treffer")).to_have_text(f"{total} Akteure")
    assert len(_shown(page)) == total and page.input_value("#suche") == ""


def test_a_filtered_address_reopens_the_same_view(
    page: Any, sample_site: Path, konzept: Konzept
) -> None:
    page.goto(_url(sample_site, "akteure.html"))
    page.select_option("#kommune", "duelmen")
    page.select_option("#sprache", "ar")
    page.fill("#suche", "beratung")
    shown = _shown(page)
    assert sorted(shown) == _expected(
        konzept, {"kommune": "duelmen", "sprache": "ar", "suche": "beratung"}
    )
    assert shown
    address = page.url
    assert "kommune=duelmen" in address and "sprache=ar" in address
    assert "suche=beratung" in address
    again = page.context.new_page()
    again.goto(address)
    assert _shown(again) == shown
    assert again.input_value("#kommune") == "duelmen" and again.input_value("#suche") == "beratung"


def test_without_javascript_the_directory_lists_everyone(
    browser: Any, sample_site: Path, konzept: Konzept
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(_url(sample_site, "akteure.html"))
    assert page.locator("#verzeichnis > li").count() == len(konzept.akteure)
    assert page.locator("#verzeichnis > li:visible").count() == len(konzept.akteure)
    assert not page.locator("#filter").is_visible()
    context.close()


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Konzept]:
    """A county with ten times the sample's actors (copies with ids and names of their
    own): a directory of several pages."""
    import re

    from ikonzept.site.build import SiteOptions, build_site

    base = tmp_path_factory.mktemp("grosses-verzeichnis")
    root = base / "konzept"
    shutil.copytree(SAMPLE, root)
    for source in sorted((SAMPLE / "akteure").glob("*.yaml")):
        text = source.read_text(encoding="utf-8")
        for n in range(1, 10):
            copy = re.sub(r"^(\s*(?:- )?id: )(\S+)", rf"\g<1>\g<2>-k{n}", text, flags=re.M)
            copy = re.sub(r"^(\s*(?:- )?name: )(.+)$", rf"\g<1>\g<2> (Standort {n})", copy,
                          flags=re.M)  # fmt: skip
            (root / "akteure" / f"{source.stem}-k{n}.yaml").write_text(copy, encoding="utf-8")
    result = validate(root)
    assert result.konzept is not None and not result.failed(), result.findings
    site = base / "site"
    assert build_site(SiteOptions(root=root, out=site, pdfs=base)).written
    return site, result.konzept


def _elements(page: Any) -> int:
    return int(page.evaluate("document.getElementsByTagName('*').length"))


def test_a_large_directory_comes_in_light_pages_that_list_everyone(
    browser: Any, large: tuple[Path, Konzept]
) -> None:
    from ikonzept.site.pages import DIRECTORY_PAGE, directory_page

    site, konzept = large
    total = len(konzept.akteure)
    count = -(-total // DIRECTORY_PAGE)
    assert count >= 3
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    listed: list[str] = []
    for number in range(1, count + 1):
        page.goto(_url(site, directory_page(number)))
        ids = page.eval_on_selector_all(
            "#verzeichnis > li", "items => items.map(i => i.dataset.id)"
        )
        assert len(ids) == min(DIRECTORY_PAGE, total - len(listed))
        assert page.locator("#verzeichnis > li:visible").count() == len(ids)
        listed += ids
        assert _elements(page) <= 1500, number
        links = page.locator("#seiten a")
        assert links.count() == count  # every page reachable from every page
        assert page.locator("#seiten a[aria-current=page]").inner_text() == str(number)
        assert not page.locator("#filter").is_visible()
    assert sorted(listed) == sorted(a.id for a in konzept.akteure)
    context.close()


LARGE_FILTERS = [
    {"kommune": "olfen"},
    {"suche": "beratung"},
    {"sprache": "ar", "suche": "beratung"},
    {"suche": "xyzzy"},
]


@pytest.mark.parametrize("want", LARGE_FILTERS, ids=lambda want: "+".join(want))
def test_filters_of_a_large_directory_look_through_every_page(
    page: Any, large: tuple[Path, Konzept], want: dict[str, str]
) -> None:
    site, konzept = large
    total = len(konzept.akteure)
    page.goto(_url(site, "akteure-3.html"))
    own = _shown(page)
    assert len(own) == 100 and page.locator("#seiten").is_visible()
    expect(page.locator("#treffer")).to_have_text(f"Akteure 201–300 von {total}")
    for name, value in want.items():
        if name == "suche":
            page.fill("#suche", value)
        else:
            page.select_option(f"#{name}", value)
    expected = _expected(konzept, want)
    expect(page.locator("#treffer")).to_have_text(f"{len(expected)} von {total} Akteuren")
    # the first hundred hits, the next hundred on demand
    shown = _shown(page)
    assert len(shown) == min(100, len(expected))
    while page.locator("#mehr").is_visible():
        left = len(expected) - len(shown)
        expect(page.locator("#mehr")).to_have_text(f"Weitere Treffer zeigen (noch {left})")
        page.click("#mehr")
        shown = _shown(page)
    assert sorted(shown) == expected
    assert not page.locator("#seiten").is_visible()  # a filter looks through every page
    assert (len(expected) == 0) == page.locator("#keine-treffer").is_visible()
    if expected:  # beyond this page's own entries
        assert set(expected) - set(own)
    page.click("button[type=reset]")
    expect(page.locator("#treffer")).to_have_text(f"Akteure 201–300 von {total}")
    assert _shown(page) == own and page.locator("#seiten").is_visible()
    assert page.problems == []


def test_a_filtered_address_of_a_large_directory_opens_filtered(
    page: Any, large: tuple[Path, Konzept]
) -> None:
    site, konzept = large
    page.goto(_url(site, "akteure-2.html?kommune=olfen&suche=beratung"))
    expected = _expected(konzept, {"kommune": "olfen", "suche": "beratung"})
    expect(page.locator("#treffer")).to_have_text(
        f"{len(expected)} von {len(konzept.akteure)} Akteuren"
    )
    shown = _shown(page)  # the first hundred hits
    assert len(shown) == min(100, len(expected)) and set(shown) <= set(expected)


# The Layout Instability API: every shift of visible content not caused by the visitor
# (within 0.5 s of an input), summed as Cumulative Layout Shift; settled after a second.
_LAYOUT_SHIFT = """() => new Promise(resolve => {
  if (!PerformanceObserver.supportedEntryTypes.includes("layout-shift")) resolve(null);
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1000);
})"""


@pytest.mark.parametrize("width", [1280, 412], ids=["Bildschirm", "Telefon"])
def test_nothing_jumps_while_a_page_loads(
    browser: Any, sample_site: Path, edition_site: Path, large: tuple[Path, Konzept], width: int
) -> None:
    """Core Web Vitals call a layout shift of at most 0.1 good; the directory's form
    appearing late once moved the list by 0.15 (0.27 on a phone)."""
    large_site = large[0]
    pages = [(sample_site, p) for p in PAGE_KINDS] + [
        (sample_site, "akteure.html?sprache=ar"),
        (sample_site, "akteure.html?kommune=duelmen&suche=beratung"),
        (sample_site, "akteure.html?suche=xyzzy"),
        (edition_site, "umsetzung.html"),
        (large_site, "akteure.html"),
        (large_site, "akteure-3.html"),
        (large_site, "akteure-2.html?sprache=ar"),
        (large_site, "akteure-3.html?suche=sprachkurs"),
        (large_site, "akteure.html?suche=xyzzy"),
    ]
    shifts = {}
    for site, path in pages:
        context = browser.new_context(viewport={"width": width, "height": 850})
        page = context.new_page()
        page.goto(_url(site, path))
        shifts[f"{site.parent.name}/{path}"] = page.evaluate(_LAYOUT_SHIFT)
        context.close()
    assert None not in shifts.values(), "chromium misst keine Layoutverschiebungen"
    assert {path: shift for path, shift in shifts.items() if shift > 0.1} == {}


@pytest.fixture(scope="module")
def served(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample site on a web server, under the path of its base address."""
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    root = tmp_path_factory.mktemp("server")
    (root / "integrationskonzept").symlink_to(sample_site, target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/integrationskonzept/"
    server.shutdown()
    server.server_close()


def test_no_page_logs_an_error(
    page: Any, sample_site: Path, edition_site: Path, served: str
) -> None:
    """Console errors include what the Content-Security-Policy blocked."""
    for site in (sample_site, edition_site):
        for path in sorted(site.rglob("*.html")):
            if path.name == "404.html":
                continue  # its links start at the server's root; see below
            page.goto(path.as_uri())
            assert page.problems == [], f"{path.relative_to(site)}: {page.problems}"
    # From a web server too, the page for missing addresses included.
    for path in ("index.html", "akteure.html?kommune=olfen", "404.html"):
        page.goto(served + path)
        assert page.problems == [], f"{path}: {page.problems}"
    assert page.locator(".hauptnavigation").is_visible()  # the stylesheet was loaded
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"


def _axe(page: Any) -> list[str]:
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {node['target']}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


def test_axe_finds_no_wcag_violation_on_any_kind_of_page(
    page: Any, sample_site: Path, edition_site: Path
) -> None:
    for path in PAGE_KINDS:
        page.goto(_url(sample_site, path))
        assert _axe(page) == [], path
    page.goto(_url(sample_site, "akteure.html?kommune=duelmen&suche=beratung"))
    assert _axe(page) == [], "gefiltertes Verzeichnis"
    page.goto(_url(sample_site, "akteure.html?suche=xyzzy"))
    assert _axe(page) == [], "Verzeichnis ohne Treffer"
    for path in EDITION_PAGES:
        page.goto(_url(edition_site, path))
        assert _axe(page) == [], f"2. Ausgabe: {path}"


@pytest.mark.parametrize("width", [320, 640], ids=["Telefon 320 px", "200 % Zoom"])
def test_no_page_scrolls_sideways(browser: Any, sample_site: Path, edition_site: Path,
                                  width: int) -> None:  # fmt: skip
    # 200 % zoom of a 1280 px window lays out like a 640 px one.
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    pages = [(sample_site, p) for p in PAGE_KINDS] + [(edition_site, p) for p in EDITION_PAGES]
    for site, path in pages:
        page.goto(_url(site, path))
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    context.close()


def test_focus_is_always_visible(page: Any, sample_site: Path) -> None:
    page.goto(_url(sample_site, "index.html"))
    link = page.locator(".hauptnavigation a").nth(1)
    before = link.evaluate("e => getComputedStyle(e).backgroundColor")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.textContent.trim()") != "Das Konzept":
        page.keyboard.press("Tab")
    after = link.evaluate("e => getComputedStyle(e).backgroundColor")
    assert before != after and after == "rgb(255, 221, 0)"
    page.goto(_url(sample_site, "akteure.html"))
    page.keyboard.press("Tab")
    assert page.locator(".sprung").is_visible()  # the skip link shows when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"


def test_print_layout_leaves_out_navigation_and_filters(page: Any, sample_site: Path) -> None:
    page.goto(_url(sample_site, "akteure.html"))
    page.emulate_media(media="print")
    assert not page.locator(".hauptnavigation").is_visible()
    assert not page.locator("#filter").is_visible()
    assert page.locator("#verzeichnis").is_visible()


def test_a_field_of_action_links_to_its_actors(
    page: Any, sample_site: Path, konzept: Konzept
) -> None:
    page.goto(_url(sample_site, "handlungsfelder/sprache.html"))
    page.click("text=Akteure und Angebote in diesem Handlungsfeld")
    # the new page takes the field from its address once its script ran: waited for
    expect(page.locator("#feld")).to_have_value("sprache")
    declared = {a.id for a in konzept.akteure if "sprache" in a.handlungsfelder}
    named = {a for feld, _, m in konzept.massnahmen() if feld.id == "sprache" for a in m.akteure}
    total = len(konzept.akteure)
    expect(page.locator("#treffer")).to_have_text(f"{len(declared | named)} von {total} Akteuren")
    assert declared | named == set(_shown(page))  # declared, or named in one of its measures
