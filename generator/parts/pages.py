"""The site's own pages: home, registers, voivodeships, clubs, good practice, certification.

``site_files(register, ctx)`` follows the contract of :mod:`generator.site.context`. Page bodies
are Jinja2 templates in ``site_templates/pages/`` rendered with autoescaping when the page is
written (a ``LazyPage``: lists of 20,000 clubs never sit in memory all at once); the numbers
and lists come from :class:`generator.parts.views.SiteData`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import partial

from generator.geo.boundaries import Boundaries
from generator.parts import maps, paging
from generator.parts import views as v
from generator.parts.documents.certificates import latest_certificate
from generator.parts.documents.filled_docs import card_section, filled_documents
from generator.parts.opendata.common import voivodeship_files, voivodeship_xlsx
from generator.parts.opendata.form7 import xlsx_path as form7_xlsx
from generator.parts.opendata.jsonld import club_json_ld
from generator.parts.page_dates import club_page_date
from generator.parts.story_html import story_html
from generator.parts.views import SiteData
from generator.polish import count, date_pl
from generator.register import opening_hours
from generator.register.model import Register
from generator.site.context import SiteContext
from generator.site.formats import url_segment
from generator.site.markdown_page import LazyPage
from generator.site.settings import site_settings
from generator.site.templating import lazy_page


@dataclass(frozen=True)
class Download:
    path: str  # relative to the site root
    label: str
    note: str = ""


def voivodeship_downloads(slug: str) -> list[Download]:
    """The open-data files of one voivodeship (from :mod:`generator.parts.opendata`)."""
    f = voivodeship_files(slug)
    return [
        Download(f.csv, "CSV", "tabela do arkusza kalkulacyjnego"),
        Download(f.json, "JSON", "dane z historią certyfikacji"),
        Download(voivodeship_xlsx(slug), "XLSX", "skoroszyt do Excela lub LibreOffice: kluby, "
                 "zdarzenia i usługi, daty jako daty, kody z zerami na początku"),
        Download(f.atom, "Atom", "kanał nowych i przedłużonych certyfikatów"),
        Download(f.ics, "iCalendar", "daty wygaśnięcia certyfikatów do kalendarza"),
    ]


def form7_downloads(slug: str) -> list[Download]:
    """The voivodeship's filled-in form 7: the PDF to print and the same table as a workbook."""
    return [
        Download(f"formularze/formularz-7-{slug}.pdf", "PDF", "do druku"),
        Download(form7_xlsx(slug), "XLSX", "do arkusza kalkulacyjnego"),
    ]


def site_files(register: Register, ctx: SiteContext) -> dict[str, str | bytes | LazyPage]:
    data = SiteData(register, ctx.as_of)
    common = _common(data, ctx)
    files: dict[str, str | bytes | LazyPage] = {}
    memo = maps.MapMemo(ctx.register_root, ctx.cache_dir)  # maps drawn in an earlier build
    files.update(maps.locator_files(maps.boundaries(ctx.register_root), memo))  # club pages'
    for path, content in _pages(data, ctx, common, memo):
        if path in files:
            raise ValueError(f"two pages of the site would be written to {path}")
        files[path] = content
    memo.evict()  # maps no build drew for long (never this build's)
    return files


def club_pages(register: Register, ctx: SiteContext, ids: Collection[str]) -> dict[str, LazyPage]:
    """The pages of the clubs ``ids`` alone, as :func:`site_files` makes them: ``kis serve``
    shows an edited club's page with them before the whole site is built again."""
    data = SiteData(register, ctx.as_of, only=ids)
    common = _common(data, ctx)
    boundaries = maps.boundaries(ctx.register_root)
    return dict(_club_page(view, data, boundaries, ctx, common) for view in data.clubs)


def _common(data: SiteData, ctx: SiteContext) -> dict[str, object]:
    """What every page's template is given."""
    register = data.register
    return {
        "data": data,
        "as_of": ctx.as_of,
        "register": register,
        "base_url": ctx.base_url,
        "site": site_settings(),
        # the club's filled process card (form KPC KIS) for its page: process_card(club)
        "process_card": partial(card_section, filled_documents(register, ctx)),
    }


def _pages(
    data: SiteData, ctx: SiteContext, common: dict[str, object], memo: maps.MapMemo
) -> Iterator[tuple[str, str | LazyPage]]:
    register = data.register
    boundaries = maps.boundaries(ctx.register_root)
    stats = data.stats()
    yield (
        "index.md",
        lazy_page(
            "home.html",
            "",
            "Rejestr klubów integracji społecznej",
            description="Krajowy rejestr certyfikowanych klubów integracji społecznej (SC KIS): "
            "kluby, certyfikaty, województwa, dobre praktyki.",
            stats=stats,
            map=maps.national(boundaries, data, "", memo),
            stories=register.stories[:3],
            **common,
        ),
    )
    yield (
        "mapa/index.md",
        lazy_page(
            "mapa.html",
            "mapa/",
            "Mapa klubów",
            description="Mapa certyfikowanych klubów integracji społecznej w Polsce.",
            map=maps.national(boundaries, data, "mapa/", memo),
            **common,
        ),
    )
    yield from _register_pages(data, common)
    yield from _voivodeship_pages(data, boundaries, common, memo)
    for view in data.clubs:
        yield _club_page(view, data, boundaries, ctx, common)
    yield from _story_pages(data, common)
    yield (
        "certyfikacja/index.md",
        lazy_page(
            "certyfikacja.html",
            "certyfikacja/",
            "Certyfikacja klubów",
            description="Jak przebiega certyfikacja klubu integracji społecznej: wniosek, ocena, "
            "audyt, certyfikat na 3 lata, odwołanie, przedłużenie, minimalny standard.",
            **common,
        ),
    )
    yield (
        "deklaracja-dostepnosci/index.md",
        lazy_page(
            "deklaracja.html",
            "deklaracja-dostepnosci/",
            "Deklaracja dostępności",
            description="Deklaracja dostępności serwisu Rejestr klubów integracji społecznej.",
            **common,
        ),
    )


def _club_page(
    view: v.ClubView,
    data: SiteData,
    boundaries: Boundaries | None,
    ctx: SiteContext,
    common: dict[str, object],
) -> tuple[str, LazyPage]:
    club = view.club
    club_page = lazy_page(
        "klub.html",
        view.url,
        f"{club.name}, {club.town}",  # names repeat; the town tells the pages apart
        description=f"{club.name}, {club.town} – {view.status_name}.",
        context=partial(_club_context, view, data, boundaries, ctx, common),
    )
    lastmod = club_page_date(club, data.stories_of(club.id), ctx.as_of)
    club_page.meta["lastmod"] = lastmod.isoformat()  # the sitemap's (page_dates.py)
    return f"kluby/{club.id}/index.md", club_page


def _club_context(
    view: v.ClubView,
    data: SiteData,
    boundaries: Boundaries | None,
    ctx: SiteContext,
    common: dict[str, object],
) -> dict[str, object]:
    return {
        "view": view,
        "last_certificate": latest_certificate(view.club, ctx.as_of),
        "events": data.events(view.club),
        "stories": data.stories_of(view.club.id),
        "locator": maps.locator(boundaries, view),
        "downloads": voivodeship_downloads(view.voivodeship.slug)[:2],
        "jsonld": _json_ld(view, data, ctx),
        "hours": _hours(view.club.opening_hours),
        **_services(view),
        **common,
    }


def _services(view: v.ClubView) -> dict[str, object]:
    """The club's services by group (catalogue order) and its own notes on each, by code."""
    groups: dict[str, list[object]] = {}
    for service in view.services:
        groups.setdefault(service.group, []).append(service)
    notes: dict[str, list[str]] = {}
    for own in view.club.services:
        if own.description:
            notes.setdefault(own.service, []).append(own.description)
    return {"service_groups": groups, "service_notes": notes}


def _hours(text: str | None) -> dict[str, object] | None:
    """The club's opening hours for its page: lines of days and hours, and whether some day is
    closed; None when the register has none."""
    if not text:
        return None
    week = opening_hours.parse(text)
    return {"lines": opening_hours.lines(week), "closed": opening_hours.closed_days(week)}


def _json_ld(view: v.ClubView, data: SiteData, ctx: SiteContext) -> dict[str, object]:
    """The club's schema.org data; a struck-off club has no contact, and its dissolution date."""
    ld = club_json_ld(view.club, data.register, ctx)
    if view.standing.status == "wykreslony":
        ld = {k: value for k, value in ld.items() if k not in ("telephone", "email")}
        last = data.events(view.club)[-1].event.date
        ld["dissolutionDate"] = last.isoformat()
    return ld


def _paged(
    template: str, base: str, title: str, label: str, rows: list[v.ClubView], *,
    description: str, **values: object,
) -> Iterator[tuple[str, LazyPage]]:
    """A list of clubs at ``base`` in pages (:mod:`generator.parts.paging`): page 1 is the
    list's own page, the others repeat its title with their number."""
    for page in paging.paginate(rows, base, label):
        named = title if page.number == 1 else f"{title} – strona {page.number} z {page.count}"
        yield page.docs_path, lazy_page(
            template, page.url, named, description=description, page=page, rows=page.rows,
            total=len(rows), list_title=title, **values,
        )


def _register_pages(data: SiteData, common: dict[str, object]) -> Iterator[tuple[str, LazyPage]]:
    register = data.register
    expiring = data.expiring()
    # a short list stays on the register's page; a long one has its own pages
    expiring_list = "rejestr/wygasajace/" if len(expiring) > paging.PAGE_SIZE else None
    if expiring_list:
        yield from _paged(
            "wygasajace.html",
            expiring_list,
            "Certyfikaty wygasające w ciągu 90 dni",
            "Strony listy wygasających certyfikatów",
            expiring,
            description="Certyfikaty klubów integracji społecznej, które wygasają w ciągu 90 dni.",
            **common,
        )
    yield from _paged(
        "rejestr.html",
        "rejestr/",
        "Rejestr certyfikowanych klubów",
        "Strony rejestru",
        data.certified(),
        description="Wszystkie kluby integracji społecznej z ważnym certyfikatem KIS.",
        expiring=expiring,
        expiring_list=expiring_list,
        status_counts=data.status_counts(),
        service_counts=data.service_counts(),
        **common,
    )
    for code, status in register.statuses.items():
        rows = data.with_status(code)
        yield from _paged(
            "facet.html",
            v.status_url(code),
            f"Kluby o statusie: {status.name}",
            "Strony listy",
            rows,
            description=f"{status.description} {count(len(rows), 'klub')}.",
            intro=status.description,
            facet="status",
            code=code,
            **common,
        )
    for code, service in register.services.items():
        yield from _paged(
            "facet.html",
            v.service_url(code),
            f"Certyfikowane kluby: {service.name}",
            "Strony listy",
            data.offering(code),
            description=f"Certyfikowane kluby, które świadczą usługę: {service.name}.",
            intro=service.description,
            facet="usluga",
            code=code,
            **common,
        )


def _voivodeship_pages(
    data: SiteData, boundaries: Boundaries | None, common: dict[str, object],
    memo: maps.MapMemo,
) -> Iterator[tuple[str, str]]:
    register = data.register
    yield (
        "wojewodztwa/index.md",
        lazy_page(
            "wojewodztwa.html",
            "wojewodztwa/",
            "Województwa",
            description="Rejestry wojewódzkie certyfikowanych klubów integracji społecznej.",
            stats={w.teryt: data.stats(w.teryt) for w in register.voivodeships},
            **common,
        ),
    )
    for w in register.voivodeships:
        here = v.voivodeship_url(w.slug)
        others = [c for c in data.in_voivodeship(w.teryt) if not c.certified]
        # a short list stays on the voivodeship's page; a long one has its own pages
        others_list = f"{here}pozostale/" if len(others) > paging.PAGE_SIZE else None
        if others_list:
            yield from _paged(
                "pozostale.html",
                others_list,
                f"Pozostałe kluby – województwo {w.name}",
                "Strony listy pozostałych klubów",
                others,
                description=f"Kluby bez ważnego certyfikatu w województwie {w.locative}.",
                w=w,
                **common,
            )
        yield from _paged(
            "wojewodztwo.html",
            here,
            f"Województwo {w.name}",
            "Strony rejestru województwa",
            data.certified(w.teryt),
            description=f"Rejestr certyfikowanych klubów integracji społecznej w województwie "
            f"{w.locative}.",
            w=w,
            expiring=data.expiring(w.teryt),
            others=others,
            others_list=others_list,
            stats=data.stats(w.teryt),
            map=maps.voivodeship(boundaries, data, w, here, memo),
            stories=[
                s for s in register.stories if data.by_id[s.club_id].club.voivodeship == w.teryt
            ],
            downloads=voivodeship_downloads(w.slug),
            form7=form7_downloads(w.slug),
            **common,
        )


def _story_pages(data: SiteData, common: dict[str, object]) -> Iterator[tuple[str, str]]:
    register = data.register
    stories = register.stories
    by_service = {code: [s for s in stories if code in s.services] for code in register.services}
    by_voivodeship = {
        w.slug: [s for s in stories if data.by_id[s.club_id].club.voivodeship == w.teryt]
        for w in register.voivodeships
    }
    yield (
        "dobre-praktyki/index.md",
        lazy_page(
            "dobre_praktyki.html",
            "dobre-praktyki/",
            "Dobre praktyki",
            description="Bank dobrych praktyk: opisy usług certyfikowanych klubów integracji "
            "społecznej.",
            stories=stories,
            by_service=by_service,
            by_voivodeship=by_voivodeship,
            **common,
        ),
    )
    for code, service in register.services.items():
        yield (
            f"dobre-praktyki/usluga/{url_segment(code)}/index.md",
            lazy_page(
                "dobre_praktyki_wybor.html",
                v.story_service_url(code),
                f"Dobre praktyki: {service.name}",
                description=f"Opisy dobrych praktyk klubów: {service.name}.",
                stories=by_service[code],
                **common,
            ),
        )
    for w in register.voivodeships:
        yield (
            f"dobre-praktyki/wojewodztwo/{w.slug}/index.md",
            lazy_page(
                "dobre_praktyki_wybor.html",
                v.story_voivodeship_url(w.slug),
                f"Dobre praktyki: województwo {w.name}",
                description=f"Opisy dobrych praktyk klubów z województwa {w.genitive}.",
                stories=by_voivodeship[w.slug],
                **common,
            ),
        )
    for story in stories:
        view = data.by_id[story.club_id]
        yield (
            f"dobre-praktyki/{story.slug}/index.md",
            lazy_page(
                "opowiesc.html",
                v.story_url(story.slug),
                story.title,
                description=story.summary,
                story=story,
                view=view,
                body=story_html(story.body_markdown),
                published=date_pl(story.date),
                **common,
            ),
        )
