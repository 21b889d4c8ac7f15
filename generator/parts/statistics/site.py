"""The statistics part of the site: pages, CSV files and the yearly reports' PDFs."""

from __future__ import annotations

from datetime import date
from functools import partial

from generator.parts.documents.fonts import Fonts, prepare_fonts
from generator.parts.documents.pdf import Job, PendingPdfs
from generator.parts.statistics import csv_files, render
from generator.parts.statistics.figures import (
    Facts,
    Figures,
    Scope,
    figures,
    scopes,
)
from generator.parts.statistics.yearly import REPORT_DIR, Report, complete_years, report
from generator.register.model import Register
from generator.site.context import SiteContext, SiteFiles
from generator.site.markdown_page import LazyPage, front_matter, page
from generator.site.templating import HIDE

DESCRIPTION = (
    "Statystyki certyfikacji klubów integracji społecznej: certyfikowane kluby w kolejnych "
    "kwartałach, wydane i cofnięte certyfikaty, odwołania, czas procedur, wygasające "
    "certyfikaty i usługi klubów."
)


def all_facts(register: Register, as_of: date) -> Facts:
    """What the figures need of each club, worked out once for every page and report."""
    return Facts(register.clubs, as_of)


def all_figures(register: Register, as_of: date, facts: Facts | None = None) -> list[Figures]:
    """The figures of the whole country, then of every voivodeship."""
    known = facts or all_facts(register, as_of)
    return [figures(register, scope, as_of, facts=known) for scope in scopes(register)]


def all_reports(register: Register, as_of: date, facts: Facts | None = None) -> list[Report]:
    """A report for every scope and every complete year of it."""
    known = facts or all_facts(register, as_of)
    return [report(register, s, y, known) for s in scopes(register)
            for y in complete_years(s, as_of)]


def pdf_name(r: Report) -> str:
    return r.pdf.removeprefix(f"{REPORT_DIR}/")


def report_job(r: Report, register: Register, base_url: str, fonts: Fonts) -> Job:
    return Job(
        pdf_name(r),
        render.report_document(r, register, base_url, ""),
        partial(render.report_document, r, register, base_url, fonts.css),
    )


def start_pdfs(reports: list[Report], register: Register, ctx: SiteContext) -> PendingPdfs:
    """The reports' PDFs: from the cache, or being rendered by the PDF workers meanwhile."""
    fonts = prepare_fonts(ctx.cache_dir / "forms" / "fonts")
    jobs = [report_job(r, register, ctx.base_url, fonts) for r in reports]
    return PendingPdfs(jobs, ctx.cache_dir / "reports" / "pdf", fonts.digest)


def site_files(register: Register, ctx: SiteContext) -> SiteFiles:
    """The pages and CSV files; the reports' PDFs as pending files, rendered meanwhile by the PDF
    workers (see :mod:`generator.site.pending`)."""
    facts = all_facts(register, ctx.as_of)
    reports = all_reports(register, ctx.as_of, facts)
    pending = start_pdfs(reports, register, ctx)
    try:
        files = pages(register, ctx, reports, facts)
    except BaseException:
        pending.cancel()
        raise
    files.update(pending.site_files(lambda name: f"{REPORT_DIR}/{name}"))
    return files


def pages(register: Register, ctx: SiteContext, reports: list[Report],
          facts: Facts | None = None) -> SiteFiles:
    every = all_figures(register, ctx.as_of, facts)
    national, regional = every[0], every[1:]
    all_scopes = [f.scope for f in every]
    by_scope: dict[str, list[Report]] = {s.key: [] for s in all_scopes}
    for r in reports:
        by_scope[r.scope.key].append(r)
    files: SiteFiles = {
        "statystyki/statystyki.css": render.stylesheet("statystyki.css"),
        "statystyki/index.md": page(
            render.title_of(national.scope),
            render.statistics_page(register, national, regional, by_scope["polska"], all_scopes),
            description=DESCRIPTION, hide=HIDE,
        ),
    }  # fmt: skip
    for f in regional:
        files[f"statystyki/{f.scope.key}/index.md"] = page(
            render.title_of(f.scope),
            render.statistics_page(register, f, (), by_scope[f.scope.key], all_scopes),
            description=f"{DESCRIPTION} {f.scope.name.capitalize()}.", hide=HIDE,
        )
    for r in reports:
        files[f"{r.page}index.md"] = _report_page(r, register)
    files[f"{REPORT_DIR}/index.md"] = page(
        "Raporty roczne",
        render.reports_index([(s, by_scope[s.key]) for s in all_scopes]),
        description="Roczne raporty certyfikacji klubów integracji społecznej: kraj i "
        "województwa, strona i PDF.", hide=HIDE,
    )
    files.update(csv_files.site_files(register, every))
    return files


def _report_page(r: Report, register: Register) -> LazyPage:
    meta = front_matter(r.title, description=render.report_lead(r), hide=HIDE)
    return LazyPage(meta, partial(render.report_body, r, register, standalone=False))


def scope_by_key(register: Register, key: str) -> Scope | None:
    return next((s for s in scopes(register) if s.key == key), None)
