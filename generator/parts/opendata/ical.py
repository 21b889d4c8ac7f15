"""iCalendar (RFC 5545) files with the expiry dates of currently valid certificates."""

from __future__ import annotations

import re
from datetime import timedelta

from generator.parts.opendata.common import ClubFacts, Scope, tag_authority
from generator.polish import date_pl
from generator.site.context import SiteContext

MAX_OCTETS = 75
CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")  # CONTROL of RFC 5545 (HTAB allowed)
NEWLINES = re.compile("\r\n|\r|\n")


def escape_text(text: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newlines; drop other controls."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return CONTROL.sub("", NEWLINES.sub("\\\\n", text))


def fold(line: str) -> str:
    """Fold a content line into CRLF-separated pieces of at most 75 octets (never mid-letter)."""
    data = line.encode("utf-8")
    if len(data) <= MAX_OCTETS:
        return line  # most lines: short enough as they are
    pieces: list[bytes] = []
    start, limit = 0, MAX_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: the cut would split a letter
            end -= 1
        pieces.append(data[start:end])
        start, limit = end, MAX_OCTETS - 1  # continuation lines start with a space
    pieces.append(data[start:])
    return "\r\n ".join(piece.decode("utf-8") for piece in pieces)


def calendar_name(scope: Scope) -> str:
    return f"Wygasanie certyfikatów KIS – {scope.label}"


def _event(facts: ClubFacts, host: str, stamp: str) -> list[str]:
    club, now = facts.club, facts.standing
    assert now.valid_until is not None
    number = now.certificate_number or ""
    uid = f"wygasniecie-{number or club.id + '-' + str(now.issued)}@{host}"
    description = (
        f"Certyfikat {number} klubu {club.name} jest ważny do {date_pl(now.valid_until)} "
        f"włącznie. Instytucja tworząca: {club.operator_name}. Strona klubu: {facts.url}"
    )
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{now.valid_until:%Y%m%d}",
        f"DTEND;VALUE=DATE:{now.valid_until + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(f'Wygasa certyfikat {number} – {club.name}')}",
        f"DESCRIPTION:{escape_text(description)}",
        f"LOCATION:{escape_text(f'{club.address}, {club.postal_code} {club.town}')}",
    ]
    if club.lat is not None and club.lon is not None:
        lines.append(f"GEO:{club.lat!r};{club.lon!r}")
    lines += [f"URL:{facts.url}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def calendar_text(scope: Scope, ctx: SiteContext) -> str:
    """One all-day event per currently valid certificate, on its last day of validity."""
    host = tag_authority(ctx.base_url)
    stamp = f"{ctx.as_of:%Y%m%d}T000000Z"
    name = escape_text(calendar_name(scope))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//rejestr-kis//Rejestr KIS//PL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{name}",
        f"X-WR-CALNAME:{name}",
        "REFRESH-INTERVAL;VALUE=DURATION:P1D",
        "X-PUBLISHED-TTL:P1D",
    ]
    valid = [f for f in scope.clubs if f.standing.is_certified]
    valid.sort(key=lambda f: (f.standing.valid_until, f.standing.certificate_number or "",
                              f.club.id))  # fmt: skip
    for facts in valid:
        lines += _event(facts, host, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
