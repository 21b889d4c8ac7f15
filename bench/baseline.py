"""The first yardstick: bare mkdocs-material building N realistic Markdown pages of a given size.

As fair to mkdocs as we can make it: the docs tree gets the project's ``mkdocs.yml`` (theme,
palette, features, Markdown extensions, strict validation, stylesheets and scripts) *with* the
project's theme overrides and the patched page frame (:mod:`generator.site.theme`), so every page
carries the same header, tabs and footer as a page of the register. The pages are Markdown
written the way a person would write a club's page (:func:`club_page`: a title, a description,
contact details as a list, the certificate and opening hours as tables, paragraphs of prose),
padded with prose to the mean size of the register's pages. One home page is in the nav and
every other page is left out of it (``not_in_nav``), as the register's club pages are. The build
is the ``mkdocs build --strict`` command. :mod:`bench.hugo` builds the same pages with Hugo.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
CONFIG = PROJECT / "mkdocs.yml"
ASSETS = PROJECT / "site_templates" / "assets"
OVERRIDES = PROJECT / "site_templates" / "overrides"
PAGES = "strony"
TOWNS = ("Białystok", "Łódź", "Gdańsk", "Kraków", "Poznań", "Wrocław", "Zielona Góra", "Opole")

PARAGRAPH = (
    "Klub integracji społecznej prowadzi zajęcia reintegracji społecznej i zawodowej dla osób "
    "zagrożonych wykluczeniem społecznym. Uczestnicy przychodzą po długiej przerwie w pracy, "
    "a klub pomaga im odzyskać stały rytm dnia, zaufanie do siebie i kontakt z pracodawcami. "
    "Zajęcia odbywają się według planu uzgodnionego z ośrodkiem pomocy społecznej."
)


def club_page(index: int, size: int) -> tuple[dict[str, object], str]:
    """Front matter and Markdown body of a club's page of at least ``size`` bytes (UTF-8).

    Prose, a list and tables, as a club's page has: Python-Markdown is about twice as slow on
    lists and tables as on prose, and a page of prose only would make the yardstick too easy
    to beat or too hard (for Hugo).
    """
    town = TOWNS[index % len(TOWNS)]
    title = f"Klub Integracji Społecznej nr {index} w {town}"
    meta: dict[str, object] = {
        "title": title,
        "description": f"{title}: adres, kontakt, certyfikat i zajęcia.",
        "hide": ["navigation", "toc"],
    }
    body = [
        f"# {title}\n\n{PARAGRAPH}\n",
        "\n## Kontakt\n\n"
        f"- **Adres:** ul. Źródlana {index}, 00-{index % 1000:03d} {town}\n"
        f"- **Telefon:** +48 22 {index % 1000:03d} 12 34\n"
        f"- **E-mail:** [kis{index}@example.pl](mailto:kis{index}@example.pl)\n"
        f"- **Prowadzący:** Stowarzyszenie „Razem” w {town}\n",
        "\n## Certyfikat\n\n| Pole | Wartość |\n| --- | --- |\n"
        f"| Numer | KIS/{index:05d}/2026 |\n| Wydany | 1 marca 2026 |\n"
        "| Ważny do | 28 lutego 2031 |\n| Wydał | Wojewoda |\n",
        "\n## Godziny otwarcia\n\n| Dzień | Godziny |\n| --- | --- |\n"
        + "".join(f"| {d} | 8:00–16:00 |\n" for d in ("poniedziałek", "wtorek", "środa",
                                                     "czwartek", "piątek")),
    ]
    length = sum(len(b.encode()) for b in body)
    section = 0
    while length < size:
        section += 1
        block = f"\n## Zajęcia, część {section}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"
        body.append(block)
        length += len(block.encode())
    return meta, "".join(body)


def markdown_file(meta: dict[str, object], body: str) -> str:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=10_000).strip()
    return f"---\n{front}\n---\n\n{body}"


def bare_config() -> dict[str, object]:
    """The project's ``mkdocs.yml`` with its overrides; pages out of the nav.

    ``extra`` gets the values ``kis build`` adds from the register (the overrides read them).
    """
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = "overrides"
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["nav"] = [{"Start": "index.md"}]
    config["not_in_nav"] = f"/{PAGES}/"
    config["extra"] = {
        **config.get("extra", {}),
        "dane_przykladowe": True, "stan_na": "7 grudnia 2026", "szukaj": False,
        "certyfikaty": False, "dane": False,
        "licencja": {"name": "CC-BY-4.0", "title": "CC BY 4.0", "path": ""},
        "wydawca": "Ministerstwo", "kontakt_email": "kontakt@example.gov.pl",
    }
    return config


def write_pages(root: Path, pages: int, size: int, name: str = "index.md") -> None:
    """``pages`` club pages: ``root/name`` (the home page) and ``root/strony/strona-N.md``."""
    (root / PAGES).mkdir(parents=True, exist_ok=True)
    (root / name).write_text(markdown_file(*club_page(0, size)), encoding="utf-8")
    for i in range(1, pages):
        (root / PAGES / f"strona-{i:05d}.md").write_text(markdown_file(*club_page(i, size)),
                                                         encoding="utf-8")


def copy_assets(target: Path) -> None:
    for path in sorted(p for p in ASSETS.rglob("*") if p.is_file()):
        dest = target / path.relative_to(ASSETS)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)


def write_bare_tree(work: Path, pages: int, size: int) -> Path:
    """``pages`` Markdown pages (one home page and the rest) in ``work/docs``; the config path."""
    from generator.site import theme

    if work.exists():
        shutil.rmtree(work)
    docs = work / "docs"
    write_pages(docs, pages, size)
    copy_assets(docs / "assets" / "kis")
    shutil.copytree(OVERRIDES, work / "overrides")
    (work / "overrides" / "base.html").write_text(theme.patched_base(), encoding="utf-8")
    config = work / "mkdocs.yml"
    config.write_text(yaml.safe_dump(bare_config(), allow_unicode=True, sort_keys=True),
                      encoding="utf-8")
    return config


def build_command(config: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
            "--config-file", str(config)]
