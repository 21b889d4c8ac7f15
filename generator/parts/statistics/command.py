"""``kis raport ROK``: one yearly report as a PDF (or standalone HTML) for an office, before the
site is published. The same report, pipeline and cache as the site's (:mod:`.site`)."""

from __future__ import annotations

from pathlib import Path

from generator.parts.documents.fonts import prepare_fonts
from generator.parts.statistics import render
from generator.parts.statistics.figures import first_event
from generator.parts.statistics.site import scope_by_key, start_pdfs
from generator.parts.statistics.yearly import complete_years, report
from generator.problems import Problem, problem
from generator.register.model import Register
from generator.site.context import SiteContext


def yearly_report(model: Register, year: int, key: str, ctx: SiteContext, *,
                  html: bool = False) -> bytes | Problem:
    """The report of ``key`` („polska” or a voivodeship's slug) for ``year``: PDF bytes, or the
    standalone HTML with ``html``; a :class:`Problem` when there is no such report."""
    register_dir = str(ctx.register_root)
    scope = scope_by_key(model, key)
    if scope is None:
        slugs = ", ".join(v.slug for v in model.voivodeships)
        return problem("report-unknown-voivodeship", f"{register_dir}/wojewodztwa",
                       slug=key, allowed=slugs)
    first = first_event(scope.clubs)
    if first is None:
        return problem("report-no-events", register_dir, scope=scope.name)
    if year < first.year:
        return problem("report-year-before-register", register_dir, year=str(year),
                       scope=scope.name, first=str(first.year))
    if year >= complete_years(scope, ctx.as_of).stop:
        return problem("report-year-incomplete", register_dir, year=str(year),
                       as_of=ctx.as_of.isoformat())
    found = report(model, scope, year)
    if html:
        text = render.report_document(found, model, ctx.base_url, "")
        return text.encode("utf-8")
    prepare_fonts(ctx.cache_dir / "forms" / "fonts")  # fails early, in Polish, without fonts
    pending = start_pdfs([found], model, ctx)
    try:
        (pdf,) = pending.result().values()
    finally:
        pending.cancel()
    return pdf


def default_name(year: int, key: str, html: bool = False) -> Path:
    return Path(f"raport-kis-{year}-{key}.{'html' if html else 'pdf'}")
