"""What makes the filled PDFs cheaper to render (#15, #19) changes no byte of them.

The PDF workers switch Python's cyclic garbage collector off while WeasyPrint lays out and
writes a batch (it would walk the live box tree thousands of times for almost no garbage) and
collect once after; the certificate's QR row gives its text no min-content minimum, which spares
WeasyPrint measuring the address letter by letter and leaves the layout as it was.
"""

from __future__ import annotations

import gc
import weakref
from datetime import date

import pytest

from generator.api import read_register
from generator.parts.documents import pdf_worker
from generator.parts.documents.filled_docs import FilledDocuments
from generator.parts.documents.fonts import prepare_fonts
from generator.parts.documents.render import render_standalone
from tests.registers import SmallClub, make_register, process

AS_OF = date(2026, 11, 22)
BASE_URL = "https://rejestr-kis.example.gov.pl/"
QR_RULE = ".kis-form .kis-verify-qr p {\n    min-width: 0;\n  }"


@pytest.fixture(scope="module")
def certificate_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The standalone HTML of one issued certificate (form 6 with its QR code)."""
    base = tmp_path_factory.mktemp("cost")
    club = SmallClub("radom", "Klub Integracji Społecznej w Radomiu", "14", "Radom",
                     process(date(2023, 1, 9), "certyfikat_wydany", "KIS-14-2023-001"))
    make_register(base / "register", [club], stories={})
    register = read_register(base / "register", AS_OF)
    documents = FilledDocuments(register, AS_OF, BASE_URL)
    (_, certificate), = documents.certificates()
    fonts = prepare_fonts(base / "cache" / "fonts")
    return render_standalone(certificate.content, fonts.css)


class _Node:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_off_while_rendering_and_as_before_after(enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pdf_worker.collected_after():
            assert not gc.isenabled()
            ref = weakref.ref(_Node())
            assert ref() is not None  # a cycle outlives its last reference meanwhile
        assert ref() is None  # collected once the batch is done
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_rendering_leaves_the_collector_on(certificate_html: str) -> None:
    assert gc.isenabled()
    (pdf,) = pdf_worker.render_pages([certificate_html], [True])
    assert pdf.startswith(b"%PDF-") and gc.isenabled()


def test_the_qr_row_rule_changes_no_byte_of_the_certificate(certificate_html: str) -> None:
    assert QR_RULE in certificate_html  # from form.css, in the print rules
    faster, plain = pdf_worker.render_pages(
        [certificate_html, certificate_html.replace(QR_RULE, "")], [True, True])
    assert faster == plain


def test_the_qr_row_text_is_not_measured_letter_by_letter(
    certificate_html: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint.layout import flex

    measured: list[str] = []
    real = flex.min_content_width

    def spy(context, box, outer=True):
        measured.append(box.element_tag.rsplit("}", 1)[-1])
        return real(context, box, outer)

    monkeypatch.setattr(flex, "min_content_width", spy)
    pdf_worker.render_pages([certificate_html], [True])
    assert "p" not in measured  # no min-content minimum asked for the text beside the code
    pdf_worker.render_pages([certificate_html.replace(QR_RULE, "")], [True])
    assert "p" in measured  # without the rule WeasyPrint measures it


def test_the_worker_renders_what_the_process_renders(certificate_html: str) -> None:
    rendering = pdf_worker.start_all([certificate_html], [True])
    (from_worker,) = rendering.wait()
    (here,) = pdf_worker.render_pages([certificate_html], [True])
    assert from_worker == here  # gc.freeze and the collector off: same bytes
