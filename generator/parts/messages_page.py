"""/zglaszanie-zmian/komunikaty/: every validation message, generated from the catalogue."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from generator.messages import CATALOGUE
from generator.register.model import Register
from generator.site.context import SiteContext
from generator.site.markdown_page import page
from generator.site.templating import render_template

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _template(text: str) -> Markup:
    """A message template with its placeholders shown as „…”."""
    return Markup(PLACEHOLDER.sub("…", str(escape(text))))


def site_files(register: Register, ctx: SiteContext) -> dict[str, str | bytes]:
    messages = [(code, _template(message), _template(hint))
                for code, (message, hint) in CATALOGUE.items()]
    body = render_template("komunikaty.html", messages=messages)
    return {
        "zglaszanie-zmian/komunikaty/index.md": page(
            "Komunikaty sprawdzenia rejestru",
            body,
            description="Lista wszystkich komunikatów walidatora rejestru KIS ze wskazówkami.",
        )
    }
