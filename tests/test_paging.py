"""Long lists in pages (issue #19): every club reachable without JavaScript, an accessible
pagination nav, every page in the sitemap; and the sitemap split into an index when too big."""

from __future__ import annotations

import gzip
import re
from datetime import date
from pathlib import Path

import pytest

from generator.api import read_register
from generator.parts import paging
from generator.parts.views import SiteData
from generator.register.status import standing
from generator.site import sitemap
from tests.registers import SMALL_AS_OF, SMALL_CLUBS, SmallClub, make_register, process
from tests.site_support import build_own, club_ids_in_table, page_of

SIZE = 2  # rows a page in the site built here
SITEMAP_URLS = 10  # and URLs a sitemap file
# the small register and two clubs that never applied: pomorskie has three clubs without a
# certificate, more than a page
CLUBS = [*SMALL_CLUBS, *(SmallClub(f"nowy-{n}", f"Klub Integracji Społecznej nr {n}", "22",
                                   "Sopot", []) for n in (1, 2))]
# and three certificates issued on 2022-12-20 (120 days after the application): they end on
# 2025-12-19, within 90 days of SMALL_AS_OF, more than a page of expiring certificates
CLUBS += [SmallClub(f"wygasa-{n}", f"Klub Integracji Społecznej „Finisz {n}”", "14", "Radom",
                    process(date(2022, 8, 22), "certyfikat_wydany", f"KIS-14-2022-00{n}"))
          for n in (1, 2, 3)]


# --- the split ------------------------------------------------------------------------------


def test_paginate_splits_in_order_and_numbers_the_pages() -> None:
    pages = paging.paginate(list(range(7)), "rejestr/", "Strony rejestru", size=3)
    assert [list(p.rows) for p in pages] == [[0, 1, 2], [3, 4, 5], [6]]
    assert [p.url for p in pages] == ["rejestr/", "rejestr/strona/2/", "rejestr/strona/3/"]
    assert [p.docs_path for p in pages][1] == "rejestr/strona/2/index.md"
    assert [(p.first, p.last) for p in pages] == [(1, 3), (4, 6), (7, 7)]
    assert all(p.count == 3 and p.total == 7 and p.paged for p in pages)
    empty = paging.paginate([], "x/", "Strony listy", size=3)
    assert len(empty) == 1 and not empty[0].paged and empty[0].rows == []
    assert not paging.paginate([1, 2, 3], "x/", "Strony listy", size=3)[0].paged


def test_page_numbers_show_the_ends_and_a_window_with_gaps() -> None:
    def numbers(current: int, count: int) -> list[int | None]:
        rows = list(range(count))
        return paging.paginate(rows, "r/", "Strony", size=1)[current - 1].numbers()

    assert numbers(1, 50) == [1, 2, 3, None, 50]
    assert numbers(25, 50) == [1, None, 23, 24, 25, 26, 27, None, 50]
    assert numbers(4, 50) == [1, 2, 3, 4, 5, 6, None, 50]  # no ellipsis for one number
    assert numbers(3, 5) == [1, 2, 3, 4, 5]


# --- the site ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    register = make_register(tmp_path_factory.mktemp("paged-register") / "register", CLUBS)
    out = tmp_path_factory.mktemp("paged") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(paging, "PAGE_SIZE", SIZE)
        mp.setattr(sitemap, "MAX_URLS", SITEMAP_URLS)
        build_own(register, out, SMALL_AS_OF)
    return register, out


def _certified_in_order(register: Path) -> list[str]:
    model = read_register(register, SMALL_AS_OF)
    return [v.club.id for v in SiteData(model, SMALL_AS_OF).certified()]


def _pages(site: Path, base: str) -> list[Path]:
    first = site / base / "index.html"
    more = sorted((site / base / "strona").glob("*/index.html"), key=lambda p: int(p.parent.name))
    return [first, *more]


def test_every_certified_club_is_on_exactly_one_page_in_order(
    paged_site: tuple[Path, Path],
) -> None:
    register, site = paged_site
    expected = _certified_in_order(register)
    assert len(expected) > SIZE  # the small register fills more than one page
    pages = _pages(site, "rejestr")
    assert len(pages) == -(-len(expected) // SIZE)
    seen = [club for page in pages for club in club_ids_in_table(page)]
    assert seen == expected
    assert all(len(club_ids_in_table(p)) <= SIZE for p in pages)
    for club in expected:  # the rows' links lead to the clubs' pages
        assert (site / "kluby" / club / "index.html").is_file()


def test_pagination_nav_is_accessible_and_in_polish(paged_site: tuple[Path, Path]) -> None:
    _, site = paged_site
    count = len(_pages(site, "rejestr"))
    second = page_of(site, "rejestr/strona/2")
    navs = second.find("nav", class_="kis-pager")
    assert len(navs) == 1 and navs[0].attrs["aria-label"] == "Strony rejestru"
    current = [a for a in second.find("a") if a.attrs.get("aria-current") == "page"]
    assert len(current) == 1 and current[0].attrs["href"] == "./"
    assert f"Strona 2 z {count}" in second.text
    assert "Poprzednia" in second.text
    assert [a.attrs["href"] for a in second.find("a", rel="prev")] == ["../../"]
    first = page_of(site, "rejestr")
    assert "Poprzednia" not in first.text and "Następna" in first.text
    assert [a.attrs["href"] for a in first.find("a", rel="next")] == ["strona/2/"]
    last = page_of(site, f"rejestr/strona/{count}")
    assert "Następna" not in last.text
    html = (site / "rejestr/strona/2/index.html").read_text(encoding="utf-8")
    assert f"<title>Rejestr certyfikowanych klubów – strona 2 z {count}" in html


def test_facet_and_voivodeship_lists_are_paged_too(paged_site: tuple[Path, Path]) -> None:
    register, site = paged_site
    model = read_register(register, SMALL_AS_OF)
    by_status: dict[str, list[str]] = {}
    for club in model.clubs:
        by_status.setdefault(standing(club.events, SMALL_AS_OF).status, []).append(club.id)
    for code, clubs in by_status.items():
        base = f"rejestr/status/{code.replace('_', '-')}"
        found = [c for p in _pages(site, base) for c in club_ids_in_table(p)]
        assert sorted(found) == sorted(clubs), code
    pomorskie = [c for c in _certified_in_order(register) if c in {
        club.id for club in model.clubs if club.voivodeship == "22"}]
    found = [c for p in _pages(site, "wojewodztwa/pomorskie") for c in club_ids_in_table(p)]
    assert found == pomorskie


def test_sitemap_lists_every_page_of_every_list(paged_site: tuple[Path, Path]) -> None:
    """Over :data:`SITEMAP_URLS` pages, the build writes a sitemap index and its parts."""
    _, site = paged_site
    index = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in index
    parts = re.findall(r"<loc>[^<]*/(sitemap-\d+\.xml)</loc>", index)
    assert len(parts) >= 2
    locs: set[str] = set()
    for name in parts:
        found = re.findall(r"<loc>([^<]*)</loc>", (site / name).read_text(encoding="utf-8"))
        assert 0 < len(found) <= SITEMAP_URLS
        locs.update(found)
    pages = {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")
             if "http-equiv" not in p.read_text(encoding="utf-8")[:2000]}
    home = min(locs, key=len)
    assert {loc.removeprefix(home).rstrip("/") or "." for loc in locs} == pages
    paged = sorted(p.parent.relative_to(site).as_posix() + "/"
                   for p in site.rglob("strona/*/index.html"))
    assert paged
    for url in paged:
        assert any(loc.endswith("/" + url) for loc in locs), url


# --- the sitemap index ------------------------------------------------------------------------

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def _entry(n: int) -> str:
    return (f"    <url>\n         <loc>https://x.example/p{n}/</loc>\n"
            f"         <lastmod>2026-01-{n % 28 + 1:02d}</lastmod>\n    </url>\n")


def _write(site: Path, n: int) -> None:
    site.mkdir(parents=True, exist_ok=True)
    text = HEAD + "".join(_entry(i) for i in range(n)) + "</urlset>\n"
    (site / "sitemap.xml").write_text(text, encoding="utf-8")


def test_sitemap_within_the_limit_is_left_alone(tmp_path: Path) -> None:
    _write(tmp_path, 5)
    before = (tmp_path / "sitemap.xml").read_bytes()
    assert sitemap.split_sitemap(tmp_path, "https://x.example/", 0, max_urls=5) == []
    assert (tmp_path / "sitemap.xml").read_bytes() == before


def test_sitemap_over_the_limit_becomes_an_index_of_parts(tmp_path: Path) -> None:
    _write(tmp_path, 12)
    names = sitemap.split_sitemap(tmp_path, "https://x.example/", 0, max_urls=5)
    assert names == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    index = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in index and "<urlset" not in index
    assert re.findall(r"<loc>([^<]*)</loc>", index) == [
        f"https://x.example/{n}" for n in names]
    locs = []
    for name in names:
        part = (tmp_path / name).read_text(encoding="utf-8")
        assert part.startswith(HEAD) and part.endswith("</urlset>\n")
        found = re.findall(r"<loc>([^<]*)</loc>", part)
        assert len(found) <= 5
        locs += found
    assert locs == [f"https://x.example/p{i}/" for i in range(12)]  # all, in order, once
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode() == index


def test_sitemap_parts_keep_under_the_byte_limit(tmp_path: Path) -> None:
    _write(tmp_path, 10)
    limit = len(HEAD) + len("</urlset>\n") + 3 * len(_entry(10))
    names = sitemap.split_sitemap(tmp_path, "https://x.example/", 0, max_bytes=limit)
    assert len(names) == 4
    assert all(len((tmp_path / n).read_bytes()) <= limit for n in names)


def _links_in_list(path: Path) -> list[str]:
    html = path.read_text(encoding="utf-8")
    block = html[html.index('<ul class="kis-plain">'):]
    block = block[:block.index("</ul>")]
    return [h.rstrip("/").rsplit("/", 1)[-1] for h in re.findall(r'<a href="([^"]*)"', block)]


def test_a_voivodeships_other_clubs_get_their_own_pages_when_many(
    paged_site: tuple[Path, Path],
) -> None:
    register, site = paged_site
    model = read_register(register, SMALL_AS_OF)
    data = SiteData(model, SMALL_AS_OF)
    long_lists = 0
    for w in model.voivodeships:
        others = [c.club.id for c in data.in_voivodeship(w.teryt) if not c.certified]
        folder = site / "wojewodztwa" / w.slug / "pozostale"
        if len(others) > SIZE:
            long_lists += 1
            found = [c for p in _pages(site, f"wojewodztwa/{w.slug}/pozostale")
                     for c in _links_in_list(p)]
            assert found == others
            page = (site / "wojewodztwa" / w.slug / "index.html").read_text(encoding="utf-8")
            assert 'href="pozostale/"' in page
        else:
            assert not folder.exists()
    assert long_lists  # the small register has a voivodeship with more than SIZE such clubs


def test_a_long_list_of_expiring_certificates_has_its_own_pages(
    paged_site: tuple[Path, Path],
) -> None:
    register, site = paged_site
    model = read_register(register, SMALL_AS_OF)
    expiring = [v.club.id for v in SiteData(model, SMALL_AS_OF).expiring()]
    assert len(expiring) > SIZE
    pages = _pages(site, "rejestr/wygasajace")
    found = [h.rstrip("/").rsplit("/", 1)[-1] for p in pages
             for h in re.findall(r'<li><a href="([^"]*)"',
                                 p.read_text(encoding="utf-8").split('class="kis-expiring"')[1]
                                 .split("</ul>")[0])]
    assert found == expiring
    first = (site / "rejestr" / "index.html").read_text(encoding="utf-8")
    assert 'href="wygasajace/"' in first
