"""The yearly report: its figures from the hand-made register of tests/test_statistics.py, its
page, its tagged and deterministic PDF, and ``kis raport``."""

from __future__ import annotations

import io
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.api import read_register
from generator.cli import main
from generator.parts.statistics import render
from generator.parts.statistics.command import yearly_report
from generator.parts.statistics.figures import scopes
from generator.parts.statistics.site import all_reports, pages
from generator.parts.statistics.yearly import Report, complete_years, report
from generator.register.model import Register
from generator.site.context import SiteContext
from tests.registers import make_register
from tests.site_support import Page
from tests.test_statistics import AS_OF, CLUBS


@pytest.fixture(scope="module")
def register_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_register(tmp_path_factory.mktemp("yearly") / "register", CLUBS, stories={})


@pytest.fixture(scope="module")
def model(register_dir: Path) -> Register:
    return read_register(register_dir, AS_OF)


def _report(model: Register, key: str, year: int) -> Report:
    return report(model, next(s for s in scopes(model) if s.key == key), year)


def test_reports_exist_for_complete_years_only(model: Register) -> None:
    found = {(r.scope.key, r.year) for r in all_reports(model, AS_OF)}
    assert {k for k, _ in found} == {"polska", "pomorskie", "mazowieckie", "lubelskie"}
    assert sorted(y for k, y in found if k == "polska") == [2020, 2021, 2022, 2023, 2024]
    assert sorted(y for k, y in found if k == "pomorskie") == [2024]
    # kujawsko-pomorskie's first event is in 2025, still under way; małopolskie has none
    by_key = {s.key: s for s in scopes(model)}
    assert list(complete_years(by_key["kujawsko-pomorskie"], AS_OF)) == []
    assert list(complete_years(by_key["malopolskie"], AS_OF)) == []
    assert list(complete_years(by_key["pomorskie"], date(2025, 12, 31))) == [2024, 2025]


def test_figures_of_the_year(model: Register) -> None:
    r = _report(model, "polska", 2024)
    f = r.figures
    (y,) = f.years
    assert (r.certified_before, f.certified) == (2, 3)  # c-warszawa, e-lublin → a, b, c
    assert (y.issued, y.extended, y.refused, y.withdrawn) == (2, 0, 1, 1)
    assert (y.appeals_filed, y.appeals_upheld, y.appeals_dismissed) == (1, 1, 0)
    assert [q.name for q, _ in f.quarterly] == ["I kwartał 2024", "II kwartał 2024",
                                                "III kwartał 2024", "IV kwartał 2024"]
    assert [n for _, n in f.quarterly] == [2, 2, 3, 3]
    stages = {s.stage.key: s.spread for s in f.stages}
    assert stages["audyt-raport"] and stages["audyt-raport"].n == 2  # both in 2024
    assert stages["zgloszenie-audyt"] is None  # c-warszawa's extension was in 2023
    assert [(c.id, e.type) for c, e in r.events] == [
        ("a-gdansk", "certyfikat_wydany"), ("b-slupsk", "odmowa_certyfikatu"),
        ("e-lublin", "certyfikat_cofniety"), ("b-slupsk", "certyfikat_wydany")]  # by date
    r23 = _report(model, "mazowieckie", 2023)
    assert [t.number for t in r23.figures.term_ends] == ["KIS-14-2020-001"]  # the leap-day one
    assert {s.stage.key: s.spread for s in r23.figures.stages}["zgloszenie-przedluzenie"].n == 1  # type: ignore[union-attr]


def test_report_page_lists_the_certificates(model: Register) -> None:
    r = _report(model, "polska", 2024)
    text = render.report_body(r, model, standalone=False)
    page = Page(text)
    assert "Raport roczny 2024 – Polska" in page.text
    assert "Na koniec roku ważny certyfikat miały 3 kluby" in page.text
    for wanted in ("KIS-22-2024-001", "KIS-22-2024-002", "odmowa wydania certyfikatu",
                   "cofnięcie certyfikatu", "Jak liczymy", "31.12.2024"):
        assert wanted in page.text, wanted
    issued = text[text.index('id="lista-wydane"'):text.index('id="lista-przedluzone"')]
    assert "Gdańsk" in issued and "Słupsk" in issued and "Lublin" not in issued
    assert "W 2024 roku nie było takich zdarzeń." in page.text  # no extension in 2024
    assert 'href="../../../kluby/a-gdansk/"' in text
    assert 'href="../raport-kis-2024-polska.pdf"' in text


def test_report_pages_and_index_are_on_the_site(model: Register, register_dir: Path,
                                                tmp_path: Path) -> None:
    ctx = SiteContext(as_of=AS_OF, register_root=register_dir, cache_dir=tmp_path)
    reports = all_reports(model, AS_OF)
    files = pages(model, ctx, reports)
    assert "statystyki/raporty/2024-pomorskie/index.md" in files
    index = str(files["statystyki/raporty/index.md"])
    assert 'href="raport-kis-2024-pomorskie.pdf"' in index
    assert "statystyki/raporty/2025-polska/index.md" not in files  # 2025 is under way
    national = str(files["statystyki/index.md"])
    assert 'href="raporty/2024-polska/"' in national


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_kis_raport_writes_a_tagged_deterministic_pdf(register_dir: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIS_CACHE_DIR", str(tmp_path / "cache-a"))
    first = tmp_path / "a.pdf"
    args = ["raport", "2024", "--wojewodztwo", "pomorskie", "--register", str(register_dir),
            "--as-of", AS_OF.isoformat()]
    assert main([*args, "--out", str(first)]) == 0
    data = first.read_bytes()
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert root["/StructTreeRoot"].get_object()["/K"] and root["/Lang"] == "pl"
    assert bool(root["/MarkInfo"].get_object()["/Marked"])
    text = _pdf_text(first)
    assert "Raport roczny 2024 – województwo pomorskie" in text
    assert "KIS-22-2024-001" in text and "KIS-22-2024-002" in text
    # rendered again without the cache: the same bytes
    monkeypatch.setenv("KIS_CACHE_DIR", str(tmp_path / "cache-b"))
    second = tmp_path / "b.pdf"
    assert main([*args, "--out", str(second)]) == 0
    assert second.read_bytes() == data
    html = tmp_path / "r.html"
    assert main([*args, "--out", str(html)]) == 0
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_every_report_message_has_a_case(model: Register, register_dir: Path,
                                         tmp_path: Path) -> None:
    ctx = SiteContext(as_of=AS_OF, register_root=register_dir, cache_dir=tmp_path)
    cases = {
        "report-unknown-voivodeship": (2024, "pomorze"),
        "report-no-events": (2024, "opolskie"),
        "report-year-before-register": (2019, "polska"),
        "report-year-incomplete": (2025, "polska"),
    }
    for code, (year, key) in cases.items():
        found = yearly_report(model, year, key, ctx)
        assert not isinstance(found, bytes) and found.code == code, code
        assert found.path.startswith(str(register_dir))
    html = yearly_report(model, 2024, "lubelskie", ctx, html=True)
    assert isinstance(html, bytes) and "KIS-06-2023-001" in html.decode("utf-8")


def test_kis_raport_refuses_a_year_still_under_way(register_dir: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.pdf"
    code = main(["raport", "2025", "--register", str(register_dir), "--as-of",
                 AS_OF.isoformat(), "--out", str(out)])
    assert code == 1 and not out.exists()
    assert "rok 2025 jeszcze się nie zakończył" in capsys.readouterr().err
