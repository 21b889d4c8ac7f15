"""Render resolved content to HTML with Jinja2: the web preview fragment and the standalone page."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.parts.documents.content import Content
from generator.parts.documents.definitions import FORMS_DIR

TEMPLATES = FORMS_DIR / "templates"
CSS_FILE = TEMPLATES / "form.css"


@cache
def environment(folder: Path = TEMPLATES) -> Environment:
    return Environment(
        loader=FileSystemLoader(folder),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def stylesheet() -> str:
    return CSS_FILE.read_text(encoding="utf-8")


def render_body(content: Content, preview: dict[str, Any] | None = None) -> str:
    """The document as an HTML fragment (``<article>``); ``preview`` adds the web page notes."""
    return environment().get_template("body.html.j2").render(content=content, preview=preview)


def render_standalone(content: Content, font_css: str) -> str:
    """A complete HTML page for WeasyPrint: ``lang="pl"``, a title, the CSS inline."""
    return (
        environment()
        .get_template("document.html.j2")
        .render(content=content, preview=None, css=Markup(stylesheet()), font_css=Markup(font_css))
    )


def render_page(template: str, **values: Any) -> str:
    """A site page fragment from ``forms/templates/site/``."""
    return environment().get_template(f"site/{template}").render(**values)
