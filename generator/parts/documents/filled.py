"""Documents filled from the register: a club's process card and each certificate (pure).

A fill carries only the values printed into a blank document's own fields and boxes, so one
definition (``forms/08-karta-procesu.yaml``, ``forms/06-certyfikat.yaml``) gives the blank form,
the filled HTML and the filled PDF. Nothing here depends on the as-of date beyond which events
have happened and a certificate's state: an unchanged club keeps byte-identical PDFs, day after day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import segno

from generator.parts.documents.certificates import Certificate
from generator.polish import date_pl, sentence, short_date
from generator.register.model import Club, Register, Voivodeship
from generator.register.status import PRE_REGISTER_EVENT

CERTIFICATES = "certyfikaty"
POSTAL_TOWN = re.compile(r"\d{2}-\d{3}\s+(.+)$")


@dataclass(frozen=True)
class Step:
    """One dated event written into the card: the date and, for an issue, the number."""

    code: str
    name: str
    date: str  # dd.mm.rrrr
    number: str = ""
    note: str = ""


@dataclass(frozen=True)
class CardFill:
    """A club's process card (KPC KIS): header values, one box per event type, the rest after."""

    club_id: str
    club_name: str
    header: dict[str, str]  # field name → value
    boxes: dict[str, Step]  # event type code → the first such event
    continuation: tuple[Step, ...]  # events that do not fit a box, in date order

    def values(self) -> dict[str, str]:
        return self.header

    def title(self, doc_title: str) -> str:
        return f"{doc_title} – {self.club_name}"


@dataclass(frozen=True)
class Band:
    """A certificate's state printed across its document: a stamp and the same in words."""

    stamp: str  # e.g. "CERTYFIKAT COFNIĘTY"
    text: str  # the sentence screen readers and the first line of the document carry


@dataclass(frozen=True)
class CertificateFill:
    """One issued certificate (form 6): its values, verification address and QR code."""

    number: str
    header: dict[str, str]
    url: str  # absolute address of the certificate's verification page
    band: Band | None = None
    qr_svg: str = field(default="", repr=False)  # inline SVG of ``url`` (see :func:`qr_svg`)

    def values(self) -> dict[str, str]:
        return self.header

    def title(self, doc_title: str) -> str:
        return f"Certyfikat KIS nr {self.number}"


# --- the process card -------------------------------------------------------------------------


def card_fill(register: Register, club: Club, as_of: date) -> CardFill:
    """The club's process card as of ``as_of``: each event type's first event in its box, every
    later one of the same type (a second audit, a next extension…) in the continuation table."""
    unit = register.voivodeship(club.voivodeship)
    boxes: dict[str, Step] = {}
    rest: list[Step] = []
    for event in club.events:
        if event.date > as_of:
            continue
        etype = register.event_types[event.type]
        step = Step(
            event.type,
            sentence(etype.name),
            short_date(event.date),
            event.certificate_number or "",
            event.note or "",
        )
        if event.type == PRE_REGISTER_EVENT or event.type in boxes:
            rest.append(step)
        else:
            boxes[event.type] = step
    return CardFill(club.id, club.name, _card_header(club, unit), boxes, tuple(rest))


def _card_header(club: Club, unit: Voivodeship) -> dict[str, str]:
    contact = ", ".join(v for v in (club.phone, club.email) if v)
    return {
        "jednostka_certyfikujaca": f"{unit.certifying_unit}, {unit.certifying_unit_address}",
        "wnioskodawca_nazwa": club.operator_name,
        "klub_nazwa": club.name,
        "klub_adres": _club_address(club),
        "klub_kontakt": contact,
    }


def _club_address(club: Club) -> str:
    return f"{club.address}, {club.postal_code} {club.town}"


# --- the certificate --------------------------------------------------------------------------


def certificate_url(base_url: str, number: str) -> str:
    """The absolute address of a certificate's verification page."""
    return f"{base_url}{CERTIFICATES}/{number}/"


QR_VERSION = f"segno {segno.__version__}, error M, border 4"  # what :func:`qr_code` depends on


def qr_code(url: str) -> str:
    """``url`` as a QR code: inline vector SVG (error correction M), scaled by CSS. Making one
    takes tens of milliseconds (the mask search), so builds keep them (:class:`QrCodes`)."""
    code = segno.make(url, error="m", micro=False, boost_error=False)
    return code.svg_inline(scale=1, border=4, omitsize=True, svgclass="kis-qr", lineclass=None)


def labelled(svg: str, url: str) -> str:
    """The QR code as an image named for screen readers and the PDF's tags (the address is
    also printed beside it)."""
    label = f"Kod QR z adresem strony sprawdzenia certyfikatu: {url}"
    label_attr = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label_attr}" ', 1)


def certificate_fill(register: Register, cert: Certificate, base_url: str) -> CertificateFill:
    """Form 6 filled for ``cert``: the club, the operator, the dates, the unit; the QR code of
    its verification address is added by whoever renders it (``qr_svg``)."""
    club = cert.club
    unit = register.voivodeship(club.voivodeship)
    town = POSTAL_TOWN.search(unit.certifying_unit_address)
    place = f"{town.group(1)}, " if town else ""
    url = certificate_url(base_url, cert.number)
    header = {
        "numer_certyfikatu": cert.number,
        "klub": f"{club.name}, {_club_address(club)}",
        "wnioskodawca": club.operator_name,
        "data_wydania": short_date(cert.issued),
        "wazny_do": short_date(cert.valid_until),
        "jednostka_certyfikujaca": f"{unit.certifying_unit}, {unit.certifying_unit_address}",
        "miejscowosc_data": f"{place}{short_date(cert.issued)}",
    }
    return CertificateFill(cert.number, header, url, state_band(cert))


def state_band(cert: Certificate) -> Band | None:
    """What a no longer valid certificate's document says across it; None while it is valid."""
    ended = date_pl(cert.ended) if cert.ended else ""
    if cert.state == "cofniety":
        return Band(
            "CERTYFIKAT COFNIĘTY",
            f"Certyfikat cofnięty: jednostka certyfikująca cofnęła go {ended} r. Nie jest ważny.",
        )
    if cert.state == "zastapiony":
        return Band(
            f"ZASTĄPIONY PRZEZ {cert.successor}",
            f"Certyfikat zastąpiony: od {ended} r. klub ma certyfikat nr {cert.successor}. "
            "Ten nie jest już ważny.",
        )
    if cert.state == "wykreslony":
        return Band(
            "CERTYFIKAT NIEWAŻNY",
            f"Certyfikat nieważny: klub wykreślono z rejestru {ended} r.",
        )
    if cert.state == "wygasly":
        return Band(
            "CERTYFIKAT WYGASŁ",
            f"Certyfikat wygasł: był ważny do {date_pl(cert.valid_until)} r.",
        )
    return None
