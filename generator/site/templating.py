"""The one Jinja2 environment: every template of the site, the documents and the reports.

One loader searches the template folders (:data:`TEMPLATE_FOLDERS`: the site's pages, with the
parts' templates in sub-folders, and the certification documents); template names are unique
across them (``tests/test_templating.py``). Autoescaping is on and undefined names fail loudly.
The filters are the Polish formatting of :mod:`generator.polish` and :func:`json_ld`.

A page is rendered for the URL it will have (``here``), so ``url("rejestr/")`` in a template gives
a link relative to that page and the site works from any folder or sub-path.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache, partial

import jinja2
from markupsafe import Markup

from generator.polish import (
    certified_clubs,
    count,
    date_pl,
    days_left,
    long_date,
    lower_first,
    number,
    sentence,
)
from generator.resources import FORMS, SITE_TEMPLATES
from generator.site.formats import relative_url
from generator.site.markdown_page import LazyPage, PageText, compose, front_matter

TEMPLATES = SITE_TEMPLATES
# Where templates are found, in this order: page templates (the parts' own in sub-folders such as
# statistics/ and opendata/), then the certification documents (forms/templates/).
TEMPLATE_FOLDERS = (SITE_TEMPLATES / "pages", FORMS / "templates")


def json_ld(data: object) -> Markup:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` as escapes.

    So no text from the register can close the script element (``</script>``) or open a comment.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


FILTERS: dict[str, Callable[..., object]] = {
    "date_pl": date_pl,
    "long_date": long_date,
    "count": count,
    "number": number,
    "days_left": days_left,
    "certified_clubs": certified_clubs,
    "sentence": sentence,
    "lower_first": lower_first,
    "json_ld": json_ld,
}


@cache
def environment() -> jinja2.Environment:
    """The environment every template is rendered in (made once per process)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_FOLDERS),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(FILTERS)
    return env


def render_template(template: str, **context: object) -> str:
    """``template`` rendered with ``context`` (escaped HTML)."""
    return environment().get_template(template).render(**context)


def render_at(template: str, here: str, **context: object) -> str:
    """``template`` rendered for the page at URL ``here``, with ``url()`` relative to it."""
    return render_template(template, here=here, url=partial(relative_url, here), **context)


HIDE = ("navigation", "toc")  # the menu is in the header tabs; generated pages have no toc


def lazy_page(
    template: str,
    here: str,
    title: str,
    *,
    description: str = "",
    hide: tuple[str, ...] = HIDE,
    context: Callable[[], dict[str, object]] | None = None,
    **values: object,
) -> LazyPage:
    """A page of the docs tree whose body ``template`` renders only when the page is written.

    Both sidebars are hidden by default: the menu is in the header tabs (and in the drawer on
    small screens), and generated pages have no Markdown headings for a table of contents.
    ``context()``, when given, is called at that time too: for values that cost memory or time
    (a club's locator map) and are not needed before.
    """
    meta = front_matter(title, description=description, hide=hide)

    def body() -> str:
        return render_at(template, here, title=title, **values, **(context() if context else {}))

    return LazyPage(meta, body)


def render_page(
    template: str, here: str, title: str, *, description: str = "",
    hide: tuple[str, ...] = HIDE, **context: object,
) -> PageText:
    """The same page rendered now (see :func:`generator.site.markdown_page.page`)."""
    lazy = lazy_page(template, here, title, description=description, hide=hide, **context)
    return compose(lazy.meta, lazy.body)
