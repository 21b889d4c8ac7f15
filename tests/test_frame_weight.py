"""The page frame stays light (#19): squeezed, pruned menu, a locator picture a voivodeship."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from generator.parts import map_svg as rm
from generator.parts import maps
from generator.site.theme import squeeze_frame
from tests.site_support import DEMO, build_own

SVG = "{http://www.w3.org/2000/svg}"
AS_OF = date(2026, 12, 7)
FRAME_LIMIT = 13_000  # bytes of a club page outside <article>; was 20,700 before #19


def test_squeeze_keeps_the_article_and_cuts_the_frame() -> None:
    content = '<pre>a\n\n    b</pre>\n\n  <p>c</p>'
    article = f'<article class="x">\n    {content}\n  </article>'
    html = (f"<html>\n  <head>\n\n    <title>T</title>\n  </head>\n  <body>\n    {article}\n"
            "    <footer>\n\n      f\n    </footer>\n  </body>\n</html>\n")
    out = squeeze_frame(html)
    assert f'<article class="x">{content}</article>' in out  # only the theme's indent is cut
    assert out == (f'<html><head><title>T</title></head><body>\n<article class="x">{content}'
                   "</article>\n<footer>\nf\n</footer></body></html>\n")
    assert squeeze_frame(out) == out


def test_squeeze_keeps_a_line_break_that_may_be_a_space() -> None:
    """Between inline elements (links in a row, tabs laid out inline) a line break shows."""
    html = ('<ul>\n  <li>\n    <a href="a">A</a>\n    <a href="b">B</a>\n  </li>\n'
            '  <li>C</li>\n</ul>')
    assert squeeze_frame(html) == (
        '<ul>\n<li>\n<a href="a">A</a>\n<a href="b">B</a>\n</li>\n<li>C</li>\n</ul>')
    assert squeeze_frame("<div>\n  <p>x</p>\n  <path d=''/>\n</div>") == (
        "<div><p>x</p>\n<path d=''/>\n</div>")


def test_squeeze_without_an_article_squeezes_everything() -> None:
    assert squeeze_frame("<p>\n\n   a  b\n</p>") == "<p>\na  b\n</p>"


@pytest.fixture(scope="module")
def boundaries():
    bounds = maps.boundaries(DEMO)
    assert bounds is not None
    return bounds


def test_locator_over_a_shared_picture(boundaries) -> None:
    svg = str(rm.locator_svg(rm.locator(boundaries, "12", 50.06, 19.94, "Klub „Razem”, Kraków",
                                        base_href="../../assets/mapy/lokalizator-12.svg")))
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and "małopolskie" in (root.findtext(f"{SVG}title") or "")
    images = list(root.iter(f"{SVG}image"))
    assert [i.get("href") for i in images] == ["../../assets/mapy/lokalizator-12.svg"]
    assert not list(root.iter(f"{SVG}path")) and len(list(root.iter(f"{SVG}circle"))) == 1
    assert len(svg) < 1000


def test_one_locator_picture_a_voivodeship(boundaries) -> None:
    files = maps.locator_files(boundaries)
    assert sorted(files) == sorted(maps.locator_url(r.teryt) for r in boundaries.regions)
    picture = ET.fromstring(files[maps.locator_url("12")])
    assert len(list(picture.iter(f"{SVG}path"))) == len(boundaries.regions)
    assert [p.get("class") for p in picture.iter(f"{SVG}path")].count("kis-map-focus-region") == 1
    assert maps.locator_files(None) == {}


@pytest.fixture(scope="module")
def site(small_register: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("weight") / "site"
    build_own(small_register, out, AS_OF)
    return out


def test_club_pages_have_a_light_frame_and_their_locator_picture(site: Path) -> None:
    pages = sorted((site / "kluby").glob("*/index.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        start, end = html.find("<article"), html.rfind("</article>")
        frame = html[:start] + html[end:]
        assert len(frame.encode()) < FRAME_LIMIT, page
        assert "\n\n" not in frame and "\n " not in frame, page
        for href in re.findall(r'<image href="([^"]+)"', html):
            assert (page.parent / href).resolve().is_file(), (page, href)
        assert "md-nav__item--pruned" in html  # the menu's other sections are one link each


def test_the_frame_carries_nothing_the_site_does_not_use(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'name="generator"' not in html and "md-dialog" not in html and "__tabbed_" not in html
    assert "search.result" not in html and '"translations": {}' in html
    assert "md-sidebar--secondary" not in html  # a generated page hides its (empty) toc
    logos = re.findall(r'<img src="([^"]+)" alt="" width="24" height="24">', html)
    assert logos == ["assets/kis/logo.svg"] * 2 and (site / logos[0]).is_file()
    assert 'class="md-ellipsis"' not in html.split('<nav class="md-nav md-nav--primary')[1]


ICONS = {"menu": "menu", "certificate": "certificate-outline", "search": "magnify"}


def test_the_header_icons_are_drawn_once_by_the_stylesheet(demo_site: Path) -> None:
    """No inline SVG in the header (~800 bytes a page, #19); kis.css draws the theme's own icons."""
    css = (demo_site / "assets" / "kis" / "kis.css").read_text(encoding="utf-8")
    theme = resources.files("material") / "templates" / ".icons" / "material"
    for name, icon in ICONS.items():
        rule = re.search(rf"\.kis-icon--{name} {{\s*--kis-icon: url\('data:image/svg\+xml;"
                         rf"charset=utf-8,(<svg .*?</svg>)'\);", css)
        assert rule, name
        assert rule.group(1) == (theme / f"{icon}.svg").read_text(encoding="utf-8").strip(), name
    for page in (demo_site / "index.html", *sorted((demo_site / "kluby").glob("*/index.html"))[:2],
                 *sorted((demo_site / "certyfikaty").glob("KIS-*/index.html"))[:2]):
        html = page.read_text(encoding="utf-8")
        header = html.split('<header class="md-header"', 1)[1].split("</header>", 1)[0]
        assert "<svg" not in header, page
        spans = re.findall(r'<span class="kis-icon kis-icon--([a-z]+)"></span>', header)
        assert spans == ["menu", "certificate", "search"], page


def test_a_certificate_page_has_the_club_pages_frame(demo_site: Path) -> None:
    """Full width for the filled certificate and no empty table-of-contents frame (#19)."""
    pages = sorted((demo_site / "certyfikaty").glob("KIS-*/index.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "md-sidebar--secondary" not in html, page
        assert 'data-md-type="navigation" hidden>' in html, page


def test_only_a_list_with_filters_carries_their_data(site: Path) -> None:
    """A club is a row of about a dozen lists; only the filtered ones need data in each row."""
    facets = sorted((site / "rejestr" / "usluga").glob("*/index.html"))
    rows = {f: re.findall(r"<tr\b[^>]*>", f.read_text(encoding="utf-8")) for f in facets}
    assert any(rows.values())  # some service lists have clubs
    assert {f: r for f, r in rows.items() if any("data-" in tr for tr in r)} == {}
    listing = (site / "rejestr" / "index.html").read_text(encoding="utf-8")
    select = listing.split('id="filtr-usluga"')[1].split("</select>")[0]
    options = set(re.findall(r'<option value="([a-z_]+)">', select))
    rows = re.findall(r'data-uslugi="([^"]*)"', listing)
    offered = {code for row in rows for code in row.split()}
    assert options and offered and offered <= options  # no compulsory service: none is filtered
    assert listing.count('data-status="') == listing.count("<tr") - 1  # every row but the head's
