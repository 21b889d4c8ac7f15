"""Polish public-sector conventions: the accessibility statement's address in every page's head,
and the official KRS and REGON searches linked (never loaded) from a club page."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator.site.context import configured_site_url
from tests.registers import make_base
from tests.site_support import build_own, html_files

AS_OF = date(2026, 11, 22)
META = re.compile(r'<meta name="deklaracja-dostępności" content="([^"]*)">')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_base(tmp_path_factory.mktemp("conventions") / "register")
    out = tmp_path_factory.mktemp("conventions-site") / "site"
    build_own(root, out, AS_OF)
    return out


def test_every_page_names_the_accessibility_statement(site: Path) -> None:
    statement = configured_site_url() + "deklaracja-dostepnosci/"
    assert statement.startswith("https://")  # an absolute address, as the guidance asks
    pages = list(html_files(site))
    assert len(pages) > 10
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        assert META.findall(head) == [statement], page.relative_to(site)
    assert (site / "deklaracja-dostepnosci" / "index.html").is_file()


def test_krs_and_regon_link_to_the_official_searches(site: Path) -> None:
    page = (site / "kluby" / "gdansk-przymorze" / "index.html").read_text(encoding="utf-8")
    numbers = page.split("Numery instytucji", 1)[1].split("</dd>", 1)[0]
    krs = re.search(r"KRS (\d{10}) – <a href=\"([^\"]+)\"[^>]*>([^<]+)</a>", numbers)
    regon = re.search(r"REGON (\d{9}|\d{14}) – <a href=\"([^\"]+)\"[^>]*>([^<]+)</a>", numbers)
    assert krs and regon, numbers
    assert krs.group(2) == "https://wyszukiwarka-krs.ms.gov.pl/"
    assert regon.group(2) == "https://wyszukiwarkaregon.stat.gov.pl/"
    assert krs.group(3) == "sprawdź w wyszukiwarce KRS"
    assert regon.group(3) == "sprawdź w wyszukiwarce REGON"
    # the searches take no number in their address: the number is shown to be typed in
    assert "wpisz w niej numer" in numbers
    # links only: nothing on the page loads from those hosts
    for host in ("wyszukiwarka-krs.ms.gov.pl", "wyszukiwarkaregon.stat.gov.pl"):
        assert not re.search(rf'(?:src|srcset|data)="[^"]*{re.escape(host)}', page)
        assert page.count(host) == 1
