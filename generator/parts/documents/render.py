"""The documents as HTML (the one Jinja2 environment): the web preview fragment, the standalone
page WeasyPrint prints, and the pages of the forms section.

The documents' templates are in ``forms/templates/`` and end with a line break, which the
environment drops (as it does for every template); the documents' HTML keeps it (:data:`EOL`), so
the fragments and the PDFs' cache keys stay as they were.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.parts.documents.content import Content
from generator.parts.documents.definitions import FORMS_DIR
from generator.site.templating import render_template

TEMPLATES = FORMS_DIR / "templates"
CSS_FILE = TEMPLATES / "form.css"
EOL = "\n"


def stylesheet() -> str:
    return CSS_FILE.read_text(encoding="utf-8")


def render_body(content: Content, preview: dict[str, Any] | None = None) -> str:
    """The document as an HTML fragment (``<article>``); ``preview`` adds the web page notes."""
    return render_template("body.html.j2", content=content, preview=preview) + EOL


def render_standalone(content: Content, font_css: str) -> str:
    """A complete HTML page for WeasyPrint: ``lang="pl"``, a title, the CSS inline."""
    return render_template(
        "document.html.j2", content=content, preview=None, css=Markup(stylesheet()),
        font_css=Markup(font_css),
    ) + EOL  # fmt: skip


def forms_page_body(template: str, **values: Any) -> str:
    """The body of a page of the forms section, from ``forms/templates/site/``."""
    return render_template(f"site/{template}", **values) + EOL
