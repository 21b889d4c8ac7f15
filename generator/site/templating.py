"""The Jinja2 environment of the site's own pages (``site_templates/pages/``).

Autoescaping is on and undefined names fail loudly. Each page is rendered for the URL it will
have (``here``), so ``url("rejestr/")`` in a template gives a link relative to that page and the
site works from any folder or sub-path.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache, partial

import jinja2
from markupsafe import Markup

from generator.polish import certified_clubs, count, date_pl, days_left, long_date, sentence
from generator.resources import SITE_TEMPLATES
from generator.site.formats import relative_url
from generator.site.markdown_page import LazyPage, PageText, compose, front_matter

TEMPLATES = SITE_TEMPLATES


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / "pages"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["date_pl"] = date_pl
    env.filters["count"] = count
    env.filters["days_left"] = days_left
    env.filters["long_date"] = long_date
    env.filters["certified_clubs"] = certified_clubs
    env.filters["json_ld"] = json_ld
    env.filters["sentence"] = sentence
    env.filters["lower_first"] = lambda text: text[:1].lower() + text[1:]
    return env


def render(template: str, here: str, **context: object) -> str:
    """Render ``template`` for the page at URL ``here`` (escaped HTML)."""
    tpl = environment().get_template(template)
    return tpl.render(here=here, url=partial(relative_url, here), **context)


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
        return render(template, here, title=title, **values, **(context() if context else {}))

    return LazyPage(meta, body)


def render_page(
    template: str, here: str, title: str, *, description: str = "",
    hide: tuple[str, ...] = HIDE, **context: object,
) -> PageText:
    """The same page rendered now (see :func:`generator.site.markdown_page.page`)."""
    lazy = lazy_page(template, here, title, description=description, hide=hide, **context)
    return compose(lazy.meta, lazy.body)


def json_ld(data: object) -> Markup:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` as escapes.

    So no text from the register can close the script element (``</script>``) or open a comment.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
