"""The document pack on the site: PDFs, web previews, the forms index and certificate pages.

``site_files(register, ctx)`` follows the contract in :mod:`generator.site.context`: the PDFs are
pending files, rendered by the PDF workers while the rest of the site is built, and the pages
show their sizes with marks the engine fills in (:mod:`generator.site.pending`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from markupsafe import Markup

from generator.parts import paging
from generator.parts.documents.certificates import Certificate, certificates, registry_entries
from generator.parts.documents.content import Content, Filled, resolve
from generator.parts.documents.definitions import Document, load_definitions
from generator.parts.documents.filled_docs import (
    FilledDocument,
    certificate_pdf,
    filled_documents,
)
from generator.parts.documents.filled_docs import job as filled_job
from generator.parts.documents.fonts import Fonts, prepare_fonts
from generator.parts.documents.pdf import Job, PendingPdfs
from generator.parts.documents.render import (
    forms_page_body,
    render_body,
    render_standalone,
    stylesheet,
)
from generator.polish import date_pl, days_left, long_date, plural
from generator.register.model import Register
from generator.register.status import days_until_end
from generator.site.context import SiteContext, SiteFiles
from generator.site.formats import relative_url
from generator.site.markdown_page import LazyPage, PageText, front_matter, page
from generator.site.pending import size_mark
from generator.site.templating import HIDE, render_at, render_template

FORMS = "formularze"
CERTIFICATES = "certyfikaty"
CSS_NAME = "form.css"

STATE_LABELS = {
    "wazny": "ważny",
    "wygasa": "ważny, wkrótce wygasa",
    "wygasly": "wygasł",
    "cofniety": "cofnięty",
    "wykreslony": "nieważny – klub wykreślony",
    "zastapiony": "zastąpiony kolejnym certyfikatem",
}


@dataclass(frozen=True)
class Output:
    """One PDF of the pack and the content it was rendered from."""

    name: str  # file name in formularze/
    content: Content
    doc: Document
    filled: Filled | None = None


def pack_outputs(register: Register, as_of: date, base_url: str) -> list[Output]:
    """The 8 blank documents and form 7 filled in for every voivodeship."""
    pack = load_definitions()
    outputs = [
        Output(f"{doc.slug}.pdf", resolve(doc, register, pack, base_url), doc) for doc in pack
    ]
    form7 = next(doc for doc in pack if doc.number == 7)
    for v in register.voivodeships:
        filled = Filled(v, as_of, registry_entries(register, v, as_of))
        outputs.append(
            Output(
                f"formularz-7-{v.slug}.pdf",
                resolve(form7, register, pack, base_url, filled),
                form7,
                filled,
            )
        )
    return outputs


def _job(output: Output, fonts: Fonts) -> Job:
    content = output.content

    def html() -> str:
        return render_standalone(content, fonts.css)

    return Job(output.name, render_standalone(content, ""), html)


def start_pack(
    register: Register, ctx: SiteContext, filled: list[FilledDocument] | None = None
) -> tuple[list[Output], PendingPdfs]:
    """Every output, and its PDF: from ``ctx.cache_dir`` or being rendered meanwhile; with
    ``filled`` (process cards, certificates) their PDFs too, named by their site paths."""
    outputs = pack_outputs(register, ctx.as_of, ctx.base_url)
    fonts = prepare_fonts(ctx.cache_dir / "forms" / "fonts")
    jobs = [_job(o, fonts) for o in outputs]
    jobs += [filled_job(f, partial(_standalone, fonts=fonts)) for f in filled or ()]
    return outputs, PendingPdfs(jobs, ctx.cache_dir / "forms" / "pdf", fonts.digest)


def _standalone(content: Content, fonts: Fonts) -> str:
    return render_standalone(content, fonts.css)


def site_path(name: str) -> str:
    """Where PDF ``name`` goes: the pack's in formularze/, filled documents where they name."""
    return name if "/" in name else f"{FORMS}/{name}"


def build_pdfs(register: Register, ctx: SiteContext) -> tuple[list[Output], dict[str, bytes]]:
    """Every output and its PDF bytes (rendered, or reused from ``ctx.cache_dir``)."""
    outputs, pending = start_pack(register, ctx)
    try:
        return outputs, pending.result()
    finally:
        pending.cancel()


def site_files(register: Register, ctx: SiteContext) -> SiteFiles:
    """``formularze/…`` (index, previews, PDFs, CSS) and ``certyfikaty/…`` (verification).

    Every PDF is a pending file (its rendering started here, from the cache where it can), and
    the forms pages show each one's size with a mark the engine fills in once it is written."""
    documents = filled_documents(register, ctx)
    documents.evict()
    issued = list(documents.certificates())
    filled = [*documents.cards(), *(doc for _, doc in issued)]
    outputs, pending = start_pack(register, ctx, filled)
    try:
        sizes = {o.name: size_mark(site_path(o.name)) for o in outputs}
        files: SiteFiles = {f"{FORMS}/{CSS_NAME}": stylesheet()}
        for output in (o for o in outputs if o.filled is None):
            files[f"{FORMS}/{output.doc.slug}/index.md"] = _preview(output, sizes[output.name])
        files[f"{FORMS}/index.md"] = _forms_index(outputs, sizes, ctx.as_of)
        pages = tuple(p for p in files if p.endswith(".md"))
        files.update(pending.site_files(site_path, dict.fromkeys(sizes, pages)))
        files.update(
            certificate_pages(
                register, ctx.as_of, {c.number: partial(documents.html, d, 3) for c, d in issued}
            )
        )
    except BaseException:
        pending.cancel()  # no worker outlives a failed part
        raise
    return files


def _preview(output: Output, size: str) -> str:
    doc = output.doc
    preview = {
        "purpose": doc.purpose,
        "filled_by": doc.filled_by,
        "pdf_href": f"../{output.name}",
        "pdf_size": size,
    }
    body = render_template("site/preview.html.j2", css=f"../{CSS_NAME}",
                           body=Markup(render_body(output.content, preview)))
    return page(doc.full_title, body, description=doc.purpose, hide=("navigation",))


def _forms_index(outputs: list[Output], sizes: dict[str, str], as_of: date) -> str:
    documents = [
        {"doc": o.doc, "pdf": o.name, "size": sizes[o.name]}
        for o in outputs
        if o.filled is None
    ]
    registers = [
        {
            "voivodeship": o.filled.voivodeship,
            "pdf": o.name,
            "size": sizes[o.name],
            "count": len(o.filled.entries),
            "clubs": plural(len(o.filled.entries), "klub", "kluby", "klubów"),
        }
        for o in outputs
        if o.filled is not None
    ]
    body = forms_page_body(
        "formularze.html.j2", documents=documents, registers=registers, as_of=date_pl(as_of)
    )
    return page(
        "Formularze SC KIS",
        body,
        description=(
            "Komplet dokumentów systemu certyfikacji klubów integracji społecznej: wniosek, "
            "objaśnienia, karty, wzór certyfikatu i wojewódzkie tabele rejestracyjne – "
            "do pobrania w PDF i do podglądu na stronie."
        ),
        hide=("navigation",),
    )


# --- certificate verification -----------------------------------------------------------------


def certificate_pages(
    register: Register,
    as_of: date,
    documents: dict[str, Callable[[], str]] | None = None,
) -> dict[str, str | LazyPage]:
    """``certyfikaty/<numer>/index.md`` for every certificate ever issued, and the list; with
    ``documents`` (number → its filled form 6 as HTML), each page shows it and links its PDF."""
    certs = certificates(register, as_of)
    docs = documents or {}
    files = {
        f"{CERTIFICATES}/{c.number}/index.md": _certificate_page(
            register, c, as_of, docs.get(c.number)
        )
        for c in certs
    }
    files.update(_certificates_index(register, certs, as_of))
    files.update(lower_case_redirects(certs))
    return files


def lower_case_redirects(certs: tuple[Certificate, ...]) -> dict[str, str]:
    """``certyfikaty/kis-…/index.html``: a typed lower-case address leads to the certificate's
    page (GitHub Pages, like any static host on Linux, tells the cases apart)."""
    return {
        f"{CERTIFICATES}/{c.number.lower()}/index.html": REDIRECT.format(number=c.number)
        for c in certs
        if c.number.lower() != c.number
    }


REDIRECT = """<!doctype html>
<html lang="pl">
<head>
<meta charset="utf-8">
<title>Certyfikat {number}</title>
<meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="../{number}/">
<meta http-equiv="refresh" content="0; url=../{number}/">
</head>
<body>
<main><p>Strona certyfikatu {number} ma adres
<a href="../{number}/">certyfikaty/{number}/</a>.</p></main>
</body>
</html>
"""


def _certificate_page(
    register: Register, cert: Certificate, as_of: date, document: Callable[[], str] | None
) -> LazyPage:
    status = "ważny" if cert.is_valid else "nieważny"
    meta = front_matter(
        f"Certyfikat {cert.number}",
        description=(
            f"Sprawdzenie certyfikatu nr {cert.number}: {status} na dzień {date_pl(as_of)}."
        ),
        hide=HIDE,  # full width for the form, as on a club page; no empty toc frame (#19)
    )
    return LazyPage(meta, partial(_certificate_body, register, cert, as_of, document))


def _certificate_body(
    register: Register, cert: Certificate, as_of: date, document: Callable[[], str] | None
) -> str:
    return forms_page_body(
        "certyfikat.html.j2",
        document=document() if document else None,
        pdf=certificate_pdf(cert.number).rsplit("/", 1)[1],
        cert=cert,
        voivodeship=register.voivodeship(cert.club.voivodeship),
        operator_type=register.operator_types.get(cert.club.operator_type),
        verdict=_verdict(cert, as_of),
        as_of=date_pl(as_of),
        state=STATE_LABELS[cert.state],
        fmt=date_pl,
    )


def _verdict(cert: Certificate, as_of: date) -> dict[str, str]:
    """The headline and the explanation of a certificate's state."""
    until = date_pl(cert.valid_until)
    ended = date_pl(cert.ended) if cert.ended else ""
    texts: dict[str, Callable[[], tuple[str, str]]] = {
        "wazny": lambda: ("Certyfikat jest ważny.", f"Certyfikat jest ważny do {until} włącznie."),
        "wygasa": lambda: (
            "Certyfikat jest ważny, ale wkrótce wygasa.",
            f"Certyfikat jest ważny do {until} włącznie – "
            f"{days_left(days_until_end(cert.valid_until, as_of))}.",
        ),
        "wygasly": lambda: (
            "Certyfikat nie jest ważny: wygasł.",
            f"Certyfikat był ważny do {until} i nie został przedłużony.",
        ),
        "cofniety": lambda: (
            "Certyfikat nie jest ważny: został cofnięty.",
            f"Jednostka certyfikująca cofnęła certyfikat {ended}.",
        ),
        "wykreslony": lambda: (
            "Certyfikat nie jest ważny: klub wykreślono z rejestru.",
            f"Klub wykreślono z rejestru {ended}, przed końcem ważności certyfikatu.",
        ),
        "zastapiony": lambda: (
            "Certyfikat nie jest już ważny: zastąpił go kolejny certyfikat.",
            f"{ended[:1].upper()}{ended[1:]} klub otrzymał kolejny "
            "certyfikat. Sprawdź jego ważność pod nowym numerem.",
        ),
    }
    headline, detail = texts[cert.state]()
    return {
        "headline": headline,
        "detail": detail,
        "valid": "tak" if cert.is_valid else "nie",
        "as_of": long_date(as_of),
    }


def _certificates_index(
    register: Register, certs: tuple[Certificate, ...], as_of: date
) -> dict[str, PageText]:
    """``certyfikaty/`` and, for a long list, ``certyfikaty/strona/N/``: every certificate by
    voivodeship, in pages (:mod:`generator.parts.paging`), each with the check box."""
    order = {v.teryt: n for n, v in enumerate(register.voivodeships)}
    listed = sorted(certs, key=lambda c: order.get(c.club.voivodeship, len(order)))  # stable
    valid = sum(1 for c in certs if c.is_valid)
    total = len(certs)
    total_text = f"{total} " + plural(
        total, "wydany certyfikat", "wydane certyfikaty", "wydanych certyfikatów"
    )
    title = "Sprawdź certyfikat KIS"
    files: dict[str, PageText] = {}
    for part in paging.paginate(listed, f"{CERTIFICATES}/", "Strony listy certyfikatów"):
        groups = []
        for v in register.voivodeships:
            items = [c for c in part.rows if c.club.voivodeship == v.teryt]
            if items:
                groups.append({"voivodeship": v, "certificates": items})
        body = forms_page_body(
            "certyfikaty.html.j2",
            groups=groups,
            as_of=date_pl(as_of),
            total_text=total_text,
            valid_text=f"{valid} " + plural(valid, "ważny", "ważne", "ważnych"),
            example=certs[-1].number if certs else "KIS-22-2024-003",
            labels=STATE_LABELS,
            verdicts={c.number: _verdict(c, as_of) for c in part.rows},
            fmt=date_pl,
            root=relative_url(part.url, f"{CERTIFICATES}/").removeprefix("./"),
            pages=part.paged,
            note=Markup(render_at("_pager.html", part.url, page=part, part="note",
                                  noun="certyfikaty")),
            pager=Markup(render_at("_pager.html", part.url, page=part, part="nav")),
        )
        files[part.docs_path] = page(
            title if part.number == 1 else f"{title} – strona {part.number} z {part.count}",
            body,
            description=(
                "Lista wszystkich wydanych certyfikatów KIS z ich ważnością: znajdź numer "
                "z certyfikatu i sprawdź, czy jest ważny."
            ),
            hide=("navigation",),
        )
    return files
