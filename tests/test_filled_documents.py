"""Filled documents (#20): each club's process card and each certificate (form 6) with a QR code.

Hand-made clubs with known answers: which date lands in which box of the card, what goes to the
continuation table, what a withdrawn or superseded certificate says, where its QR code leads
(decoded from the rendered PDF with zbarimg), and that an unchanged build renders no PDF again.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.api import read_register
from generator.parts.documents import pdf as pdf_module
from generator.parts.documents.certificates import certificates
from generator.parts.documents.definitions import load_definitions
from generator.parts.documents.filled import card_fill, certificate_url
from generator.parts.documents.filled_docs import (
    FilledDocuments,
    card_pdf,
    card_section,
    certificate_pdf,
)
from generator.parts.documents.fonts import prepare_fonts
from generator.parts.documents.pdf_worker import render_all
from generator.parts.documents.render import render_standalone
from generator.parts.documents.site import site_files as pending_site_files
from generator.register.model import Register
from generator.site import pending as pending_module
from generator.site.context import SiteContext
from generator.site.pending import completed, pending_in
from tests.registers import SmallClub, make_register


def site_files(register: Register, ctx: SiteContext) -> dict[str, object]:
    """The documents part's files complete in memory: PDF bytes in, their sizes in the pages."""
    return completed(pending_site_files(register, ctx))

AS_OF = date(2026, 11, 22)
BASE_URL = "https://rejestr-kis.example.gov.pl/"
APPLY = [
    ("wniosek_zlozony", "2023-01-09"),
    ("wniosek_dopuszczony", "2023-01-20"),
    ("ocena_pozytywna", "2023-02-01"),
    ("audyt_rozpoczety", "2023-02-15"),
    ("raport_audytu_sporzadzony", "2023-02-20"),
    ("raport_audytu_przekazany", "2023-02-27"),
]


def _apply(*extra: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    return [(day, kind, "") for kind, day in APPLY] + list(extra)


CLUBS = [
    SmallClub(  # refused, appealed, appeal upheld, audited again, certified
        "radom-odwolanie",
        "Klub Integracji Społecznej w Radomiu",
        "14",
        "Radom",
        _apply(
            ("2023-03-10", "odmowa_certyfikatu", ""),
            ("2023-03-24", "odwolanie_zlozone", ""),
            ("2023-04-21", "odwolanie_uwzglednione", ""),
            ("2023-05-08", "audyt_rozpoczety", ""),
            ("2023-05-12", "raport_audytu_sporzadzony", ""),
            ("2023-05-19", "raport_audytu_przekazany", ""),
            ("2023-06-01", "certyfikat_wydany", "KIS-14-2023-002"),
        ),
    ),
    SmallClub(  # certified, extended twice: the second extension goes to the continuation
        "kolbudy",
        "Klub Integracji Społecznej w Kolbudach",
        "22",
        "Kolbudy",
        [
            ("2020-02-03", "certyfikat_sprzed_rejestru", "KIS-22-2020-001"),
            ("2022-11-02", "zgloszenie_przedluzenia", ""),
            ("2022-12-05", "audyt_przedluzajacy", ""),
            ("2023-01-09", "certyfikat_przedluzony", "KIS-22-2023-004"),
            ("2025-11-03", "zgloszenie_przedluzenia", ""),
            ("2025-12-01", "audyt_przedluzajacy", ""),
            ("2026-01-05", "certyfikat_przedluzony", "KIS-22-2026-001"),
        ],
    ),
    SmallClub(  # certified, then the certificate withdrawn
        "lublin-cofniety",
        "Klub Integracji Społecznej w Lublinie",
        "06",
        "Lublin",
        _apply(
            ("2023-03-10", "certyfikat_wydany", "KIS-06-2023-001"),
            ("2024-05-06", "certyfikat_cofniety", ""),
        ),
    ),
    SmallClub(  # extension refused
        "gdansk-odmowa",
        "Klub Integracji Społecznej „Przystań”",
        "22",
        "Gdańsk",
        _apply(
            ("2023-03-10", "certyfikat_wydany", "KIS-22-2023-001"),
            ("2025-12-01", "zgloszenie_przedluzenia", ""),
            ("2026-01-12", "audyt_przedluzajacy", ""),
            ("2026-02-16", "odmowa_przedluzenia", ""),
        ),
    ),
    SmallClub("ustka", "Klub Integracji Społecznej w Ustce", "22", "Ustka", []),
]


@dataclass
class Built:
    register: Register
    ctx: SiteContext
    files: dict


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("filled")
    make_register(base / "register", CLUBS, stories={})
    register = read_register(base / "register", AS_OF)
    ctx = SiteContext(AS_OF, base / "register", base / "cache", BASE_URL)
    return Built(register, ctx, site_files(register, ctx))


def _club(register: Register, club_id: str):
    return next(c for c in register.clubs if c.id == club_id)


def _boxes(register: Register, club_id: str) -> dict[str, tuple[str, str]]:
    card = card_fill(register, _club(register, club_id), AS_OF)
    return {code: (s.date, s.number) for code, s in card.boxes.items()}


def _continuation(register: Register, club_id: str) -> list[tuple[str, str, str]]:
    card = card_fill(register, _club(register, club_id), AS_OF)
    return [(s.code, s.date, s.number) for s in card.continuation]


# --- the process card -------------------------------------------------------------------------


def test_refusal_and_appeal_fill_their_boxes_and_the_second_audit_continues(built: Built) -> None:
    boxes = _boxes(built.register, "radom-odwolanie")
    assert boxes["wniosek_zlozony"] == ("09.01.2023", "")
    assert boxes["audyt_rozpoczety"] == ("15.02.2023", "")  # the first audit
    assert boxes["odmowa_certyfikatu"] == ("10.03.2023", "")
    assert boxes["odwolanie_zlozone"] == ("24.03.2023", "")
    assert boxes["odwolanie_uwzglednione"] == ("21.04.2023", "")
    assert boxes["certyfikat_wydany"] == ("01.06.2023", "KIS-14-2023-002")
    assert "odwolanie_oddalone" not in boxes
    assert _continuation(built.register, "radom-odwolanie") == [
        ("audyt_rozpoczety", "08.05.2023", ""),
        ("raport_audytu_sporzadzony", "12.05.2023", ""),
        ("raport_audytu_przekazany", "19.05.2023", ""),
    ]


def test_extensions_fill_their_boxes_and_the_next_extension_continues(built: Built) -> None:
    boxes = _boxes(built.register, "kolbudy")
    assert boxes["zgloszenie_przedluzenia"] == ("02.11.2022", "")
    assert boxes["audyt_przedluzajacy"] == ("05.12.2022", "")
    assert boxes["certyfikat_przedluzony"] == ("09.01.2023", "KIS-22-2023-004")
    assert "certyfikat_wydany" not in boxes
    assert _continuation(built.register, "kolbudy") == [  # in date order
        ("certyfikat_sprzed_rejestru", "03.02.2020", "KIS-22-2020-001"),
        ("zgloszenie_przedluzenia", "03.11.2025", ""),
        ("audyt_przedluzajacy", "01.12.2025", ""),
        ("certyfikat_przedluzony", "05.01.2026", "KIS-22-2026-001"),
    ]


def test_withdrawal_and_refused_extension_fill_their_boxes(built: Built) -> None:
    assert _boxes(built.register, "lublin-cofniety")["certyfikat_cofniety"] == ("06.05.2024", "")
    assert _continuation(built.register, "lublin-cofniety") == []
    boxes = _boxes(built.register, "gdansk-odmowa")
    assert boxes["odmowa_przedluzenia"] == ("16.02.2026", "")
    assert "certyfikat_przedluzony" not in boxes


def test_only_events_up_to_the_as_of_date_are_on_the_card(built: Built) -> None:
    club = _club(built.register, "kolbudy")
    card = card_fill(built.register, club, date(2025, 11, 30))
    assert [s.code for s in card.continuation] == [
        "certyfikat_sprzed_rejestru",
        "zgloszenie_przedluzenia",
    ]


class _Rows(HTMLParser):
    """Text of each table row of an HTML fragment, cells separated by " | "."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.captions: list[str] = []
        self._cell: list[str] | None = None
        self._caption = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "caption":
            self._caption = True
            self.captions.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "caption":
            self._caption = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._caption:
            self.captions[-1] += data


def _rows(html: str) -> _Rows:
    parser = _Rows()
    parser.feed(html)
    return parser


def test_club_page_fragment_shows_the_dates_in_the_boxes_with_the_definition_labels(
    built: Built,
) -> None:
    documents = FilledDocuments(built.register, AS_OF, BASE_URL)
    section = card_section(documents, _club(built.register, "radom-odwolanie"))
    assert section is not None and section.pdf == "karta-procesu-radom-odwolanie.pdf"
    html = str(section.html)
    parsed = _rows(html)
    rows = [r for r in parsed.rows if len(r) == 3]
    refusal = next(r for r in rows if r[0].startswith("Odmowa wydania certyfikatu"))
    assert refusal[1] == "10.03.2023"
    issued = next(r for r in rows if r[0].startswith("Wydanie certyfikatu KIS na 3 lata"))
    assert issued[1:] == ["01.06.2023", "KIS-14-2023-002"]
    dismissed = next(r for r in rows if r[0].startswith("Oddalenie odwołania"))
    assert dismissed[1] == "—"
    # the continuation table, headed as the definition says
    card_doc = next(d for d in load_definitions() if d.key == "08-karta-procesu")
    heading = next(b.value for s in card_doc.sections for b in s.blocks
                   if b.kind == "process_steps")["continuation"]
    assert parsed.captions == [heading]
    assert ["Rozpoczęcie audytu certyfikacyjnego", "08.05.2023", "nie dotyczy"] in rows
    # every header label comes from the definition; the register's values beside them
    labels = [f.label for b in card_doc.blocks if b.kind == "fields" for f in b.value]
    pairs = {r[0]: r[1] for r in parsed.rows if len(r) == 2}
    assert set(labels) <= set(pairs)
    assert pairs["Nazwa KIS"] == "Klub Integracji Społecznej w Radomiu"
    # embedded below the page's h2: the card's own title is an h3, no h1
    assert "<h1" not in html and '<h3 class="kis-doc-title">' in html
    # the blank form's instruction to write dates in is not on the filled card
    assert "wpisz jej datę" not in html


def test_club_without_events_gets_no_card(built: Built) -> None:
    documents = FilledDocuments(built.register, AS_OF, BASE_URL)
    assert documents.card(_club(built.register, "ustka")) is None
    assert card_pdf("ustka") not in built.files


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_card_pdf_has_the_dates_and_the_continuation(built: Built) -> None:
    text = _pdf_text(built.files[card_pdf("kolbudy")])
    assert "Karta procesu certyfikacji KIS" in text
    assert "09.01.2023 KIS-22-2023-004" in text
    assert "Ciąg dalszy karty" in text
    assert "05.01.2026 KIS-22-2026-001" in text


# --- the certificate --------------------------------------------------------------------------


def _qr(pdf: bytes, tmp_path: Path) -> str:
    """What the QR code on the PDF's first page says (pdftoppm, then zbarimg)."""
    pdf_path = tmp_path / "doc.pdf"
    pdf_path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf_path),
                    str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True,
                         text=True, check=True)
    return out.stdout.strip()


@pytest.mark.parametrize("number", ["KIS-14-2023-002", "KIS-06-2023-001"])
def test_qr_code_decodes_to_the_verification_page(built: Built, number: str,
                                                  tmp_path: Path) -> None:
    url = _qr(built.files[certificate_pdf(number)], tmp_path)
    assert url == f"{BASE_URL}certyfikaty/{number}/" == certificate_url(BASE_URL, number)
    assert f"certyfikaty/{number}/index.md" in built.files


def test_every_certificate_has_a_pdf_on_one_page_with_its_data(built: Built) -> None:
    certs = certificates(built.register, AS_OF)
    assert {certificate_pdf(c.number) for c in certs} <= set(built.files)
    data = built.files[certificate_pdf("KIS-14-2023-002")]
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    text = _pdf_text(data)
    for expected in ("KIS-14-2023-002", "Klub Integracji Społecznej w Radomiu",
                     "Ośrodek Pomocy Społecznej w Radom", "01.06.2023", "31.05.2026",
                     "Wydział Polityki Społecznej Mazowieckiego Urzędu Wojewódzkiego"):
        assert expected in text, expected
    assert "COFNIĘTY" not in text and "ZASTĄPIONY" not in text


def test_withdrawn_certificate_says_so_across_and_in_words(built: Built) -> None:
    text = _pdf_text(built.files[certificate_pdf("KIS-06-2023-001")])
    assert "CERTYFIKAT COFNIĘTY" in text
    assert "Certyfikat cofnięty: jednostka certyfikująca cofnęła go 6 maja 2024 r." in text
    page = built.files["certyfikaty/KIS-06-2023-001/index.md"]
    html = str(page)
    assert 'class="kis-stamp" aria-hidden="true"' in html
    assert '<p class="kis-state"><strong>Certyfikat cofnięty' in html  # read out, not hidden
    assert re.search(r'<svg role="img" aria-label="Kod QR[^"]*KIS-06-2023-001/"', html)


def test_superseded_certificate_names_its_successor(built: Built) -> None:
    text = _pdf_text(built.files[certificate_pdf("KIS-22-2023-004")])
    assert "ZASTĄPIONY PRZEZ KIS-22-2026-001" in text
    assert "od 5 stycznia 2026 r. klub ma certyfikat nr KIS-22-2026-001" in text


# --- cache and determinism --------------------------------------------------------------------


def test_warm_build_renders_no_filled_pdf_and_gives_the_same_bytes(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[str] = []
    real = pdf_module.start_pdfs

    def spy(jobs):
        rendered.extend(job.name for job in jobs)
        return real(jobs)

    monkeypatch.setattr(pdf_module, "start_pdfs", spy)
    again = site_files(built.register, built.ctx)
    assert rendered == []
    pdfs = [p for p in built.files if p.endswith(".pdf") and not p.startswith("formularze/")]
    assert len(pdfs) == 4 + 6  # 4 cards, 6 certificates
    assert all(again[p] == built.files[p] for p in pdfs)


def test_filled_pdfs_are_byte_identical_when_rendered_again(built: Built, tmp_path: Path) -> None:
    ctx = SiteContext(AS_OF, built.ctx.register_root, tmp_path / "cache", BASE_URL)
    shutil.copytree(built.ctx.cache_dir / "forms" / "fonts", tmp_path / "cache" / "forms" / "fonts")
    documents = FilledDocuments(built.register, AS_OF, BASE_URL)
    card = documents.card(_club(built.register, "kolbudy"))
    assert card is not None
    fonts = prepare_fonts(ctx.cache_dir / "forms" / "fonts")
    (fresh,) = render_all([render_standalone(card.content, fonts.css)], together=True)
    assert fresh == built.files[card.path]


def test_card_key_does_not_change_with_the_as_of_date_alone(built: Built) -> None:
    club = _club(built.register, "lublin-cofniety")
    today = FilledDocuments(built.register, AS_OF, BASE_URL).card(club)
    later = FilledDocuments(built.register, date(2026, 12, 22), BASE_URL).card(club)
    assert today is not None and later is not None
    assert today.key == later.key
    moved = FilledDocuments(built.register, AS_OF, "https://inny.example.pl/").card(club)
    assert moved is not None and moved.key != today.key  # the base URL is part of it


# --- cost: filled once, laid out in batches, linked from the cache (#20) ----------------------


def test_each_document_is_filled_once_per_build(built: Built, monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    from generator.parts import pages
    from generator.parts.documents import filled_docs

    calls: list[str] = []
    real = filled_docs.card_fill

    def counting(register, club, as_of):
        calls.append(club.id)
        return real(register, club, as_of)

    monkeypatch.setattr(filled_docs, "card_fill", counting)
    ctx = SiteContext(AS_OF, built.ctx.register_root, built.ctx.cache_dir, BASE_URL)
    documents = filled_docs.filled_documents(built.register, ctx)
    assert filled_docs.filled_documents(built.register, ctx) is documents  # one per build
    pages.site_files(built.register, ctx)  # the club pages ask for the same documents
    assert ctx.shared["filled documents"] is documents
    first = list(documents.cards())
    again = [documents.card(c) for c in built.register.clubs]
    assert [c for c in again if c is not None] == first
    assert sorted(calls) == sorted(c.club_id for c in (d.fill for d in first))  # once each
    other = SiteContext(AS_OF, built.ctx.register_root, built.ctx.cache_dir, BASE_URL)
    assert filled_docs.filled_documents(built.register, other) is not documents  # next build


def test_cached_pdfs_are_hard_linked_into_the_site(built: Built, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[str] = []
    real = pdf_module.start_pdfs
    monkeypatch.setattr(pdf_module, "start_pdfs", lambda jobs: rendered.extend(
        job.name for job in jobs) or real(jobs))
    ctx = SiteContext(AS_OF, built.ctx.register_root, built.ctx.cache_dir, BASE_URL)
    pending = pending_in(pending_site_files(built.register, ctx))
    try:
        assert rendered == []  # warm: nothing rendered, nothing read
        name = next(n for n in pending if n.startswith("kluby/"))
        held = pending[name].wait()  # the build's own link to the cached PDF
        assert isinstance(held, Path) and built.ctx.cache_dir in held.parents
        linked = tmp_path / "site" / name
        assert pending_module.write(pending[name], linked) == len(built.files[name])
        assert linked.stat().st_ino == held.stat().st_ino
        assert linked.read_bytes() == built.files[name]

        def no_links(source, target):
            raise OSError(18, "Invalid cross-device link")

        monkeypatch.setattr(pending_module.os, "link", no_links)
        copied = tmp_path / "other-device" / name
        assert pending_module.write(pending[name], copied) == len(built.files[name])
        assert copied.stat().st_ino != held.stat().st_ino
        assert copied.read_bytes() == built.files[name]
    finally:
        pending_module.cancel_all(pending.values())
    assert not list(built.ctx.cache_dir.glob("forms/pdf/build-*.tmp"))  # its links are gone


def test_a_document_laid_out_in_a_batch_is_the_same_as_alone(built: Built) -> None:
    from generator.parts.documents.pdf_worker import render_pages

    documents = FilledDocuments(built.register, AS_OF, BASE_URL)
    fonts = prepare_fonts(built.ctx.cache_dir / "forms" / "fonts")
    cards = list(documents.cards())[:2]
    cert = next(d for _, d in documents.certificates())
    htmls = [render_standalone(d.content, fonts.css) for d in (*cards, cert)]
    together = render_pages(htmls, [True] * len(htmls))
    alone = [render_pages([html], [True])[0] for html in htmls]
    assert together == alone  # a page's bytes do not depend on its batch
    titles = [PdfReader(io.BytesIO(pdf)).metadata.title for pdf in together]
    assert titles == [d.content.title for d in (*cards, cert)]  # each its own title
    for pdf in together:
        reader = PdfReader(io.BytesIO(pdf))
        assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged, as the other PDFs
        assert reader.trailer["/Root"]["/Lang"] == "pl"


def test_a_table_caption_never_ends_a_page_without_its_table() -> None:
    """Seen on a rendered card: the continuation's caption alone at the foot of page 2."""
    from weasyprint import HTML

    from generator.parts.documents.render import stylesheet

    rows = "".join(f"<tr><td>wiersz {i}</td></tr>" for i in range(3))
    html = (f"<style>{stylesheet()}</style><div class='kis-form'>"
            "<p style='height:250mm;margin:0'>tekst</p><table class='kis-continuation'>"
            f"<caption>Ciąg dalszy karty</caption><tbody>{rows}</tbody></table></div>")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(HTML(string=html).write_pdf())).pages]
    holding = [i for i, text in enumerate(pages) if "Ciąg dalszy" in text]
    assert holding and all("wiersz 0" in pages[i] for i in holding), pages
