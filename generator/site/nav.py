"""The site's navigation: a fixed menu of main pages; every other page is left out of it.

Club, facet and story pages stay out of the nav (mkdocs ``not_in_nav``): with every page in the
nav, mkdocs-material renders the whole menu into every page and the site grows quadratically.
Entries whose page no part of the build produced are dropped, so the menu never links to nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.register.model import Register

# (title, page) in menu order; "wojewodztwa/index.md" gets the voivodeships as children.
MENU: tuple[tuple[str, str], ...] = (
    ("Start", "index.md"),
    ("Rejestr", "rejestr/index.md"),
    ("Województwa", "wojewodztwa/index.md"),
    ("Mapa", "mapa/index.md"),
    ("Dobre praktyki", "dobre-praktyki/index.md"),
    ("Certyfikacja", "certyfikacja/index.md"),
    ("Zakładanie klubu", "zakladanie-klubu/index.md"),
    ("Formularze", "formularze/index.md"),
    ("Statystyki", "statystyki/index.md"),
    ("Otwarte dane", "dane/index.md"),
    ("Szukaj", "szukaj/index.md"),
    ("Zgłaszanie zmian", "zglaszanie-zmian/index.md"),
)


def nav(register: Register, pages: Iterable[str]) -> list[dict[str, object]]:
    """The mkdocs ``nav`` for the Markdown ``pages`` present in the docs tree."""
    present = set(pages)
    out: list[dict[str, object]] = []
    for title, page in MENU:
        if page not in present:
            continue
        if page == "wojewodztwa/index.md":
            children: list[object] = [page]
            children += [
                {w.name: f"wojewodztwa/{w.slug}/index.md"}
                for w in register.voivodeships
                if f"wojewodztwa/{w.slug}/index.md" in present
            ]
            out.append({title: children})
        else:
            out.append({title: page})
    return out


def nav_pages(entries: list[dict[str, object]]) -> set[str]:
    """Every page named in ``entries`` (a ``nav`` as returned by :func:`nav`)."""
    found: set[str] = set()

    def walk(item: object) -> None:
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(entries)
    return found


def not_in_nav(pages: Iterable[str], in_nav: set[str]) -> list[str]:
    """Few gitignore-style patterns that cover every page outside the nav and no page in it.

    A page outside the nav is covered by its highest folder that holds no nav page
    (``/kluby/`` covers every club), or else by its own path.
    """
    nav_dirs = {p.rsplit("/", 1)[0] for p in in_nav if "/" in p}
    nav_ancestors = {
        "/".join(d.split("/")[: i + 1]) for d in nav_dirs for i in range(d.count("/") + 1)
    }
    patterns: set[str] = set()
    for page in pages:
        if page in in_nav:
            continue
        parts = page.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            folder = "/".join(parts[:i])
            if folder not in nav_ancestors:
                patterns.add(f"/{folder}/")
                break
        else:
            patterns.add(f"/{page}")
    return sorted(patterns)
