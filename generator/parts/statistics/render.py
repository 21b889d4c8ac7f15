"""The statistics pages and the yearly reports as HTML (the one Jinja2 environment, autoescaped).

Pages are rendered for their URL (``here``) so links are relative; the report's standalone
HTML for WeasyPrint links to the site's absolute addresses instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import cache, partial
from pathlib import Path

from markupsafe import Markup

from generator.parts.statistics import html
from generator.parts.statistics import sections as sec
from generator.parts.statistics.figures import Figures, Scope
from generator.parts.statistics.yearly import Report
from generator.parts.statistics.yearly import sections as report_sections
from generator.polish import count, date_pl, plural
from generator.register.model import Register
from generator.site.formats import relative_url
from generator.site.templating import TEMPLATES, render_template

FOLDER = "statistics"  # the templates and stylesheets, in the site's page templates
CSS_PATH = "statystyki/statystyki.css"


def page_url(here: str) -> Callable[[str], str]:
    """Links from the page at ``here``: a club page by the way of the site's root (thousands
    of them, one string each), every other link as :func:`relative_url` makes it."""
    root = relative_url(here, "")

    def url(target: str) -> str:
        if target.startswith("kluby/"):
            return (root if root != "./" else "") + target
        return relative_url(here, target)

    return url


def statistics_html(template: str, here: str, **values: object) -> str:
    """A statistics template rendered for the page at ``here``."""
    url = page_url(here)
    return render_template(
        f"{FOLDER}/{template}", here=here, url=url, css=CSS_PATH,
        section_tables=partial(html.tables, url=url), **values,
    )  # fmt: skip


def stylesheet(name: str) -> str:
    """A stylesheet of the statistics (read once while the file stays the same)."""
    path = TEMPLATES / "pages" / FOLDER / name
    return _read(path, path.stat().st_mtime_ns)


@cache
def _read(path: Path, mtime_ns: int) -> str:
    del mtime_ns  # part of the cache key only: a changed file is read again
    return path.read_text(encoding="utf-8")


def scope_sections(register: Register, f: Figures, others: Sequence[Figures]) -> list[sec.Section]:
    """The sections of ``/statystyki/`` (``others``: the voivodeships, on the national page)."""
    found = [sec.overview(f, others)] if others else []
    found += [
        sec.quarterly(f),
        sec.yearly(f),
        sec.appeals(f),
        sec.durations(f, extension=False, others=others),
        sec.durations(f, extension=True, others=others),
        sec.open_cases(f, register, others=others),
        sec.expiring(f, others=others),
        sec.services(f, register, others=others),
        sec.method(),
    ]
    return found


def statistics_page(register: Register, f: Figures, others: Sequence[Figures],
                    reports: Sequence[Report], all_scopes: Sequence[Scope]) -> str:
    scope = f.scope
    here = "statystyki/" if scope.voivodeship is None else f"statystyki/{scope.key}/"
    where = "w Polsce" if scope.voivodeship is None else (
        f"w województwie {scope.voivodeship.locative}")
    lead = (
        f"Certyfikacja klubów integracji społecznej {where} w liczbach: ile klubów ma "
        "certyfikat, ile certyfikatów wydano, przedłużono i cofnięto, jak długo trwają "
        "procedury, co wkrótce wygasa i jakie usługi świadczą kluby. Każdy wykres ma pod sobą "
        "tabelę z danymi, a dane są też w plikach CSV."
    )
    return statistics_html(
        "statystyki.html.j2", here, title=title_of(scope), lead=lead,
        as_of=date_pl(f.day), parent=scope.voivodeship is not None,
        sections=scope_sections(register, f, others), reports=reports,
        others=[s for s in all_scopes if s.voivodeship is not None]
        if scope.voivodeship is None else [],
    )  # fmt: skip


def title_of(scope: Scope) -> str:
    if scope.voivodeship is None:
        return "Statystyki certyfikacji"
    return f"Statystyki – województwo {scope.voivodeship.name}"


def report_lead(r: Report) -> str:
    f = r.figures
    (y,) = f.years
    return (
        f"Certyfikacja klubów integracji społecznej w {r.year} roku – {r.scope.name}. "
        f"Na koniec roku ważny certyfikat {plural(f.certified, 'miał', 'miały', 'miało')} "
        f"{count(f.certified, 'klub')}; w ciągu roku wydano {count(y.issued, 'certyfikat')}, "
        f"a przedłużono {y.extended}."
    )


def report_body(r: Report, register: Register, *, standalone: bool, base_url: str = "") -> str:
    """The report: a page of the site, or (``standalone``) the body of its PDF."""
    here = r.page
    # the PDF links to the published site, the page relatively
    url = partial(str.__add__, base_url) if standalone else page_url(here)

    source = (f"rejestr certyfikowanych klubów integracji społecznej, zdarzenia do "
              f"{date_pl(date(r.year, 12, 31))}; strona rejestru: {base_url}")
    return render_template(
        f"{FOLDER}/raport.html.j2", here=here, url=url, css=CSS_PATH, title=r.title,
        lead=report_lead(r), report=r,
        sections=report_sections(r, register), standalone=standalone, source=source,
        section_tables=partial(html.tables, url=url),
    )  # fmt: skip


def report_document(r: Report, register: Register, base_url: str, font_css: str) -> str:
    """The standalone HTML page WeasyPrint renders to the report's PDF."""
    body = report_body(r, register, standalone=True, base_url=base_url)
    return render_template(
        f"{FOLDER}/raport-dokument.html.j2", title=r.title, lead=report_lead(r),
        body=Markup(body), font_css=Markup(font_css),
        css_text=Markup(stylesheet("raport.css")),
    )  # fmt: skip


def reports_index(groups: Sequence[tuple[Scope, Sequence[Report]]]) -> str:
    return statistics_html(
        "raporty.html.j2", "statystyki/raporty/", title="Raporty roczne",
        groups=[{"key": s.key, "name": s.name, "reports": rs} for s, rs in groups if rs],
    )
