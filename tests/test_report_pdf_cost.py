"""What makes the yearly reports' PDFs cheaper to render (#15, #19) loses nothing of them.

The reports share one stylesheet: the PDF workers parse it and load its fonts once for all the
pages rendered alone (``pdf_worker.Sheets``), which changes no byte. Their tables have a fixed
layout with the columns' widths in ``raport.css``, so WeasyPrint does not measure every cell:
no table may then be wider than the page, nor any text wider than its cell.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.api import read_register
from generator.parts.documents import pdf_worker
from generator.parts.documents.fonts import prepare_fonts
from generator.parts.statistics import render
from generator.parts.statistics.figures import scopes
from generator.parts.statistics.yearly import report
from tests.registers import make_register
from tests.test_statistics import AS_OF, CLUBS

BASE_URL = "https://rejestr-kis.example.gov.pl/"
EPSILON = 0.01  # CSS px


@pytest.fixture(scope="module")
def report_htmls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The standalone HTML of the national report (lists with a voivodeship column) and of a
    voivodeship's (lists without), 2024."""
    base = tmp_path_factory.mktemp("report-cost")
    register = read_register(make_register(base / "register", CLUBS, stories={}), AS_OF)
    fonts = prepare_fonts(base / "cache" / "fonts")
    by_key = {s.key: s for s in scopes(register)}
    return {key: render.report_document(report(register, by_key[key], 2024), register,
                                        BASE_URL, fonts.css)
            for key in ("polska", "pomorskie")}


def test_shared_sheets_change_no_byte(report_htmls: dict[str, str]) -> None:
    htmls = list(report_htmls.values())
    sheets = pdf_worker.Sheets()
    shared = [pdf_worker.html_to_pdf(html, sheets) for html in htmls]
    assert len(sheets._parsed) == 1  # one stylesheet, parsed once, for both reports
    assert shared == [pdf_worker.html_to_pdf(html) for html in htmls]
    assert pdf_worker.render_pages(htmls, [False, False]) == shared


def test_pages_of_other_stylesheets_keep_their_own(report_htmls: dict[str, str]) -> None:
    html = report_htmls["pomorskie"]
    other = html.replace("font-size: 9.5pt;", "font-size: 12pt;", 1)
    assert other != html
    sheets = pdf_worker.Sheets()
    first, second = (pdf_worker.html_to_pdf(h, sheets) for h in (html, other))
    assert len(sheets._parsed) == 2 and first != second
    assert second == pdf_worker.html_to_pdf(other)


@pytest.mark.parametrize("change", [
    lambda h: h.replace("</style>", "</style>\n<style>p { color: #333333; }</style>", 1),
    lambda h: h.replace("font-size: 9.5pt;", "font-size: 9.5pt !important;", 1),
    lambda h: h.replace("</head>", '<link rel="stylesheet" href="data:text/css,p{}">\n</head>', 1),
])
def test_a_page_with_more_than_its_one_sheet_is_rendered_as_it_is(
    report_htmls: dict[str, str], change: object
) -> None:
    html = change(report_htmls["pomorskie"])  # type: ignore[operator]
    assert html != report_htmls["pomorskie"]
    sheets = pdf_worker.Sheets()
    assert pdf_worker.html_to_pdf(html, sheets) == pdf_worker.html_to_pdf(html)
    assert not sheets._parsed  # not taken apart: its sheets cascade as the page has them


def _boxes(box: object) -> Iterator[object]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


@pytest.mark.parametrize("key", ["polska", "pomorskie"])
def test_tables_are_laid_out_fixed_and_nothing_overflows(
    report_htmls: dict[str, str], key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import weasyprint
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import table

    measured: list[object] = []
    real = table.auto_table_layout

    def spy(context, box, containing_block):  # type: ignore[no-untyped-def]
        measured.append(box)
        return real(context, box, containing_block)

    monkeypatch.setattr(table, "auto_table_layout", spy)
    document = weasyprint.HTML(string=report_htmls[key]).render()
    assert not measured  # every table has a fixed layout
    cells = tables = texts = 0
    for page in document.pages:
        page_box = page._page_box  # WeasyPrint's box tree
        right = page_box.content_box_x() + page_box.width
        for box in _boxes(page_box):
            if isinstance(box, boxes.TableBox):
                tables += 1
                assert box.border_box_x() + box.border_width() <= right + EPSILON
            if not isinstance(box, boxes.TableCellBox):
                continue
            cells += 1
            edge = box.content_box_x() + box.width
            for text in _boxes(box):
                if isinstance(text, boxes.TextBox) and text.text.strip():
                    texts += 1
                    assert text.position_x + text.width <= edge + EPSILON, (key, text.text)
    assert tables >= 6 and cells > 50 and texts > 50  # the walk saw the report's tables
