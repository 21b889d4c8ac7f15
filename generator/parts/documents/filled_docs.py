"""The filled documents of one build: each club's process card and each certificate (form 6).

:class:`FilledDocuments` fills them from the register; the documents part turns them into PDFs
(:func:`job`), the club and certificate pages embed their HTML. There are thousands of them, so a
warm build must do next to nothing per document: each has a key (a hash of its fill values and of
everything else it is made from: templates, CSS, this code, the definition, the event types); its
PDF is cached under that key (:mod:`generator.parts.documents.pdf`), and so are its HTML fragment
and its QR code (a :class:`~generator.site.cache_files.Memo` each, in the build cache). Nothing
is resolved or rendered for a document whose key is found.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path

from markupsafe import Markup

from generator.parts.documents.certificates import Certificate, certificates
from generator.parts.documents.content import Content, resolve
from generator.parts.documents.definitions import Document, load_definitions
from generator.parts.documents.filled import (
    CERTIFICATES,
    QR_VERSION,
    CardFill,
    CertificateFill,
    card_fill,
    certificate_fill,
    labelled,
    qr_code,
)
from generator.parts.documents.pdf import Job
from generator.parts.documents.render import TEMPLATES, render_body
from generator.parts.views import club_url
from generator.register.model import Club, Register
from generator.site import templating
from generator.site.cache_files import Memo
from generator.site.context import SiteContext

CARD_KEY = "08-karta-procesu"
CERTIFICATE_KEY = "06-certyfikat"
MEMO_MAX_AGE_DAYS = 60
FRAGMENTS_MAX_BYTES = 256 * 1024 * 1024  # about 10 kB a fragment (this build's stay over it)
QR_MAX_BYTES = 32 * 1024 * 1024
HEADING_LEVELS = range(1, 7)  # a fragment's headings start at one of these (its key says which)


def card_pdf_name(club_id: str) -> str:
    """File name of a club's filled process card, beside its page."""
    return f"karta-procesu-{club_id}.pdf"


def card_pdf(club_id: str) -> str:
    """Site path of a club's filled process card."""
    return club_url(club_id) + card_pdf_name(club_id)


def certificate_page(number: str) -> str:
    """Site path of a certificate's verification page (with its filled form 6 as HTML)."""
    return f"{CERTIFICATES}/{number}/"


def certificate_pdf(number: str) -> str:
    """Site path of a certificate's filled form 6."""
    return f"{certificate_page(number)}certyfikat-{number}.pdf"


def has_card(club: Club, as_of: date) -> bool:
    """A club gets a filled card once it has an event (before that the card would be empty)."""
    return any(e.date <= as_of for e in club.events)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _qr_key(url: str) -> str:
    return _sha(f"{QR_VERSION}\n{url}")


def _fragment_key(filled: FilledDocument, level: int) -> str:
    return f"{filled.key}-h{level}"


@dataclass(frozen=True)
class FilledDocument:
    """One filled document: its site path, its fill values and key; its content on demand."""

    path: str
    fill: CardFill | CertificateFill
    key: str  # hash of everything the document is made from
    make_content: Callable[[], Content] = field(repr=False, compare=False)

    @property
    def content(self) -> Content:
        """Resolved when asked (not kept: a cold build of 20,000 clubs would hold them all)."""
        return self.make_content()


# What a filled document is made with besides its data and definition: an edit to any of these
# renders every filled PDF again (thousands), so the list names only what shapes the documents.
RECIPE_TEMPLATES = ("document.html.j2", "body.html.j2", "blocks.html.j2", "form.css")
RECIPE_CODE = ("content.py", "definitions.py", "filled.py", "filled_docs.py", "render.py")
RECIPE_ENVIRONMENT = Path(templating.__file__)  # the one Jinja environment's options and filters


@cache
def recipe_digest() -> str:
    """Hash of the templates, the stylesheet and the code that make the filled documents."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    sources = [TEMPLATES / n for n in RECIPE_TEMPLATES] + [here / n for n in RECIPE_CODE]
    sources.append(RECIPE_ENVIRONMENT)
    for path in sources:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class FilledDocuments:
    """The process cards and certificate documents of one register on one as-of date;
    ``cache_dir`` (the build cache) keeps their HTML fragments and QR codes between builds."""

    def __init__(
        self,
        register: Register,
        as_of: date,
        base_url: str,
        cache_dir: Path | None = None,
        pack: tuple[Document, ...] | None = None,
    ) -> None:
        self.register = register
        self.as_of = as_of
        self.base_url = base_url
        self.pack = pack if pack is not None else load_definitions()
        by_key = {d.key: d for d in self.pack}
        self.card_doc = by_key[CARD_KEY]
        self.certificate_doc = by_key[CERTIFICATE_KEY]
        folder = cache_dir / "forms" if cache_dir is not None else None
        self.fragments: Memo[str] = Memo(folder / "html" if folder else None, ".html")
        self.qr_codes: Memo[str] = Memo(folder / "qr" if folder else None, ".svg")
        self._cards: dict[str, FilledDocument | None] = {}  # club id → its card, filled once
        self._certificates: dict[str, FilledDocument] = {}  # number → its document
        # everything but the fill values, hashed once per build
        self.digest = _sha(
            f"{recipe_digest()}\n{QR_VERSION}\n{self.pack!r}\n{register.event_types!r}\n{base_url}"
        )

    def _document(self, path: str, fill: CardFill | CertificateFill, doc: Document,
                  make: Callable[[], Content]) -> FilledDocument:
        return FilledDocument(path, fill, _sha(f"{self.digest}\n{doc.key}\n{fill!r}"), make)

    def card(self, club: Club) -> FilledDocument | None:
        """The club's process card (None before its first event), filled once per build."""
        if club.id not in self._cards:
            self._cards[club.id] = self._card(club)
        return self._cards[club.id]

    def _card(self, club: Club) -> FilledDocument | None:
        if not has_card(club, self.as_of):
            return None
        fill = card_fill(self.register, club, self.as_of)
        return self._document(card_pdf(club.id), fill, self.card_doc,
                              lambda: self._resolve(self.card_doc, fill))

    def certificate(self, cert: Certificate) -> FilledDocument:
        """Form 6 filled for ``cert``, once per build."""
        if cert.number not in self._certificates:
            self._certificates[cert.number] = self._certificate(cert)
        return self._certificates[cert.number]

    def _certificate(self, cert: Certificate) -> FilledDocument:
        fill = certificate_fill(self.register, cert, self.base_url)

        def content() -> Content:
            svg = self.qr_codes.get(_qr_key(fill.url), lambda: qr_code(fill.url))
            with_qr = replace(fill, qr_svg=labelled(svg, fill.url))
            return self._resolve(self.certificate_doc, with_qr)

        return self._document(certificate_pdf(cert.number), fill, self.certificate_doc, content)

    def _resolve(self, doc: Document, fill: CardFill | CertificateFill) -> Content:
        return resolve(doc, self.register, self.pack, self.base_url, fill)

    def cards(self) -> Iterator[FilledDocument]:
        for club in self.register.clubs:
            if (card := self.card(club)) is not None:
                yield card

    def certificates(self) -> Iterator[tuple[Certificate, FilledDocument]]:
        for cert in certificates(self.register, self.as_of):
            yield cert, self.certificate(cert)

    def html(self, filled: FilledDocument, level: int) -> Markup:
        """The document as an HTML fragment of a site page, headings from ``level``."""
        text = self.fragments.get(
            _fragment_key(filled, level), lambda: render_body(filled.content.embedded(level))
        )
        return Markup(text)  # rendered by the autoescaping document templates

    def evict(self, now: float | None = None) -> None:
        """Drop fragments and QR codes no build used for :data:`MEMO_MAX_AGE_DAYS`, then the
        least recently used over their byte limits; never this build's (known from the register
        before any is asked for: the parts may use them in any order)."""
        cards = list(self.cards())
        issued = [doc for _, doc in self.certificates()]
        fragments = {_fragment_key(d, level) for d in cards + issued for level in HEADING_LEVELS}
        qr_codes = {_qr_key(d.fill.url) for d in issued if isinstance(d.fill, CertificateFill)}
        self.fragments.evict(MEMO_MAX_AGE_DAYS, FRAGMENTS_MAX_BYTES, fragments, now)
        self.qr_codes.evict(MEMO_MAX_AGE_DAYS, QR_MAX_BYTES, qr_codes, now)


@dataclass(frozen=True)
class CardSection:
    """What the club page shows of its filled card: the HTML and the PDF's file name."""

    html: Markup
    pdf: str  # relative to the club page


def filled_documents(register: Register, ctx: SiteContext) -> FilledDocuments:
    """This build's filled documents, shared by the parts that show them (club pages,
    certificate pages, the PDFs): each is filled once per build."""
    documents = ctx.once(
        "filled documents",
        lambda: FilledDocuments(register, ctx.as_of, ctx.base_url, ctx.cache_dir),
    )
    if documents.register is not register:  # a context is made for one register
        return FilledDocuments(register, ctx.as_of, ctx.base_url, ctx.cache_dir)
    return documents


def card_section(documents: FilledDocuments, club: Club, level: int = 3) -> CardSection | None:
    """The club's filled card for its page (headings from ``level``); None without events."""
    card = documents.card(club)
    if card is None:
        return None
    return CardSection(documents.html(card, level), card_pdf_name(club.id))


def job(filled: FilledDocument, standalone: Callable[[Content], str]) -> Job:
    """The PDF job of a filled document; ``standalone`` makes its HTML, only if it is rendered."""
    return Job(filled.path, f"filled {filled.key}", lambda: standalone(filled.content),
               together=True)
