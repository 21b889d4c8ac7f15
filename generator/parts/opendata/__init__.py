"""Open data: JSON, CSV, Atom, iCalendar, .xlsx, the zipped data package and the /dane/ page.

``site_files(register, ctx)`` returns every file under ``dane/`` (see
:mod:`generator.site.context`); ``json_ld_for_club`` gives the schema.org data for a club page.
"""

from __future__ import annotations

from generator.parts.opendata import (
    api_page,
    atom,
    csv_export,
    dcat,
    form7,
    ical,
    json_export,
    json_schemas,
    page,
    workbook_cache,
    xlsx_export,
)
from generator.parts.opendata.common import (
    API_PAGE,
    PAGE_PATH,
    ZIP_PATH,
    club_json,
    club_page,
    scopes,
)
from generator.parts.opendata.jsonld import json_ld_for_club
from generator.parts.opendata.package_zip import package_zip
from generator.register.model import Register
from generator.register.package_meta import read_package_meta
from generator.site.context import SiteContext

__all__ = ["club_page", "json_ld_for_club", "site_files"]


def site_files(register: Register, ctx: SiteContext) -> dict[str, str | bytes]:
    """Every open-data file for ``register`` on ``ctx.as_of``, keyed by docs-tree path."""
    meta = read_package_meta(ctx.register_root)
    all_scopes = scopes(register, ctx)
    files: dict[str, str | bytes] = {}
    objects: json_export.ClubObjects = {}  # each club's JSON object, made once for 3 files
    for scope in all_scopes:
        files[scope.files.json] = json_export.scope_json(scope, register, meta, ctx, objects)
        files[scope.files.csv] = csv_export.scope_csv(scope)
        files[scope.files.atom] = atom.feed_xml(scope, register, meta.license, ctx)
        files[scope.files.ics] = ical.calendar_text(scope, ctx)
    for facts in all_scopes[0].clubs:
        files[club_json(facts.club.id)] = json_export.dumps(
            json_export.club_document(facts, register, meta, ctx, objects))
    files.update(json_schemas.site_files(meta, ctx.base_url))
    files[API_PAGE] = api_page.json_api_page(all_scopes, ctx)
    files[dcat.DCAT_PATH] = dcat.catalogue_rdf(all_scopes, register, meta, ctx)
    workbooks = workbook_cache.memo(ctx.cache_dir)
    files.update(xlsx_export.site_files(all_scopes, register, meta, ctx.as_of, workbooks))
    files.update(form7.site_files(register, ctx.as_of, workbooks))
    workbook_cache.evict(workbooks)  # none of this build's
    files[ZIP_PATH] = package_zip(ctx.register_root)
    files[PAGE_PATH] = page.data_page(register, meta, all_scopes, files, ctx)
    return dict(sorted(files.items()))
