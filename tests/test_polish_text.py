"""Polish as the site writes it: cases after „województwo”, numbers with their words, one
wording of a certificate's state, and the publisher named on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.parts.map_svg import _dots
from generator.polish import days_left, file_size
from tests.site_support import html_files, page_of

# A voivodeship's name in the nominative (…kie) after a form of „województwo” that needs
# another case: „w województwie mazowieckie”, „z województwa opolskie”.
WRONG_CASE = re.compile(r"województw(?:ie|a|em) [a-ząćęłńóśźż-]+kie\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def site(demo_site: Path) -> Path:
    return demo_site


@pytest.mark.parametrize(("n", "text"), [
    (1, "został 1 dzień"), (2, "zostały 2 dni"), (4, "zostały 4 dni"), (5, "zostało 5 dni"),
    (12, "zostało 12 dni"), (22, "zostały 22 dni"), (90, "zostało 90 dni"),
])
def test_days_left_agree_with_the_number(n: int, text: str) -> None:
    assert days_left(n) == text


@pytest.mark.parametrize(("n", "text"), [
    (1, "1 kropkę"), (3, "3 kropki"), (12, "12 kropek"), (24, "24 kropki"), (0, "0 kropek"),
])
def test_map_dots_are_counted_in_polish(n: int, text: str) -> None:
    assert _dots(n) == text


def test_file_sizes_use_decimal_units_and_a_comma() -> None:
    assert [file_size(n) for n in (850, 12_345, 1_234_567)] == ["850 B", "12,3 kB", "1,2 MB"]


def _sentences(path: Path) -> str:
    """The page's text with inline markup dropped and every other tag a line break, so that
    a label (``<summary>województwa</summary>``) does not run into the list after it."""
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"</?(?:a|strong|em|span|time|abbr|code|b|i)\b[^>]*>", "", html)
    return re.sub(r"<[^>]+>", "\n", html)


def test_no_voivodeship_name_in_the_wrong_case(site: Path) -> None:
    found = {
        path.relative_to(site).as_posix(): WRONG_CASE.findall(_sentences(path))
        for path in html_files(site)
    }
    assert {path: hits for path, hits in found.items() if hits} == {}
    text = page_of(site, "wojewodztwa/mazowieckie/").text
    assert "w województwie mazowieckim" in text


def test_a_revoked_certificate_is_not_shown_as_valid(site: Path) -> None:
    text = page_of(site, "kluby/zgierz/").text
    assert "cofnięty 1 grudnia 2025" in text
    last = text.split("Ostatni certyfikat:")[1].split(".")[0]
    assert "ważny" not in last


def test_the_certificate_list_says_valid_until_then_soon_expiring(site: Path) -> None:
    text = page_of(site, "certyfikaty/").text
    assert "wkrótce wygasa do" not in text
    assert re.search(r"ważny do \d{1,2} \w+ \d{4} \(wkrótce wygasa\)", text)
    example = re.search(r"np\. certyfikaty/(KIS-\d{2}-\d{4}-\d{3})/", text)
    assert example and (site / "certyfikaty" / example.group(1) / "index.html").is_file()


def test_every_page_names_the_publisher_a_contact_and_the_licence(site: Path) -> None:
    for url in ("", "rejestr/", "kluby/zgierz/", "certyfikaty/"):
        text = page_of(site, url).text
        assert "Serwis wydaje Ministerstwo Rodziny, Pracy i Polityki Społecznej." in text
        assert "Kontakt: rejestr-kis@example.gov.pl" in text
        # the licence of datapackage.yaml, not a copy of it
        assert ("Dane rejestru są udostępniane na licencji Creative Commons Uznanie autorstwa "
                "4.0 (CC-BY-4.0).") in text


def test_the_page_not_found_says_so_in_its_title(site: Path) -> None:
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "<title>Nie ma takiej strony – Rejestr klubów integracji społecznej</title>" in html
    assert 'href="/certyfikaty/"' in html


def test_a_club_page_says_how_to_join(site: Path) -> None:
    page = page_of(site, "kluby/zgierz/")
    assert "Jak skorzystać z pomocy klubu" in page.text
    assert page.find("a", href="../../#kis")  # who may come: the home page's section
    assert (site / "index.html").read_text(encoding="utf-8").count('id="kis"') == 1


def test_the_forms_pages_show_the_size_of_each_pdf_built_beside_them(site: Path) -> None:
    """The PDFs are added after mkdocs (rendered meanwhile): no size mark is left anywhere,
    and every size on the forms page is the size of the file it links to."""
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".js", ".txt"):
            assert "\ue000" not in path.read_text(encoding="utf-8"), path
    html = (site / "formularze" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"/]+\.pdf)">PDF, ([^<]+)</a>', html)
    assert len(links) == 24
    for name, size in links:
        assert size == file_size((site / "formularze" / name).stat().st_size), name
