"""The page frame stays light (#19): squeezed, pruned menu, a locator picture a voivodeship."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from generator.geo import svg_maps as rm
from generator.parts import maps
from generator.site.theme import squeeze_frame
from tests.site_support import DEMO, build_own, small_register

SVG = "{http://www.w3.org/2000/svg}"
AS_OF = date(2026, 12, 7)
FRAME_LIMIT = 13_000  # bytes of a club page outside <article>; was 20,700 before #19


def test_squeeze_keeps_the_article_and_cuts_the_frame() -> None:
    article = '<article class="x">\n  <pre>a\n\n    b</pre>\n\n  <p>c</p>\n</article>'
    html = (f"<html>\n  <head>\n\n    <title>T</title>\n  </head>\n  <body>\n    {article}\n"
            "    <footer>\n\n      f\n    </footer>\n  </body>\n</html>\n")
    out = squeeze_frame(html)
    assert article in out
    assert out == (f"<html>\n<head>\n<title>T</title>\n</head>\n<body>\n{article}\n<footer>\nf\n"
                   "</footer>\n</body>\n</html>\n")
    assert squeeze_frame(out) == out


def test_squeeze_without_an_article_squeezes_everything() -> None:
    assert squeeze_frame("<p>\n\n   a  b\n</p>") == "<p>\na  b\n</p>"


@pytest.fixture(scope="module")
def boundaries():
    bounds = maps.boundaries(DEMO)
    assert bounds is not None
    return bounds


def test_locator_over_a_shared_picture(boundaries) -> None:
    svg = rm.locator_map(boundaries, "12", 50.06, 19.94, "Klub „Razem”, Kraków",
                         base_href="../../assets/mapy/lokalizator-12.svg")
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
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("weight") / "site"
    build_own(small_register(tmp_path_factory), out, AS_OF)
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
