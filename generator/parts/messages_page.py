"""/zglaszanie-zmian/komunikaty/: every validation message, generated from the catalogue."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from generator.messages import CATALOGUE
from generator.polish import plural
from generator.register.model import Register
from generator.site.context import SiteContext
from generator.site.markdown_page import page

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _template(text: str) -> Markup:
    """A message template with its placeholders shown as „…”."""
    return Markup(PLACEHOLDER.sub("…", str(escape(text))))


def site_files(register: Register, ctx: SiteContext) -> dict[str, str | bytes]:
    rows = "\n".join(
        f"<tr><td><code>{escape(code)}</code></td><td>{_template(message)}</td>"
        f"<td>{_template(hint)}</td></tr>"
        for code, (message, hint) in CATALOGUE.items()
    )
    body = (
        "<p>Każdy problem, który zgłasza sprawdzenie rejestru, ma kod, opis i wskazówkę, jak go "
        "poprawić. Komunikat zawsze wskazuje plik, wiersz i kolumnę, np. "
        "<code>register/wojewodztwa/pomorskie/kluby.csv:7:10</code> – plik, wiersz 7, kolumna 10. "
        "Wielokropek oznacza miejsce, w które sprawdzenie wstawia wartość z pliku.</p>\n"
        f"<p>Katalog zawiera {len(CATALOGUE)} "
        f"{plural(len(CATALOGUE), 'komunikat', 'komunikaty', 'komunikatów')}.</p>\n"
        '<div class="kis-table-wrap"><table>\n<caption>Komunikaty sprawdzenia rejestru</caption>\n'
        '<thead><tr><th scope="col">Kod</th><th scope="col">Co jest nie tak</th>'
        '<th scope="col">Jak poprawić</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody></table></div>"
    )
    return {
        "zglaszanie-zmian/komunikaty/index.md": page(
            "Komunikaty sprawdzenia rejestru",
            body,
            description="Lista wszystkich komunikatów walidatora rejestru KIS ze wskazówkami.",
        )
    }
