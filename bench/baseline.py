"""The yardstick: bare mkdocs-material building N plain Markdown pages of a given size.

The docs tree gets the project's ``mkdocs.yml`` settings (theme, palette, features, Markdown
extensions, strict validation, stylesheets and scripts) without the theme overrides; one home
page is in the nav and every other page is left out of it (``not_in_nav``), as the register's
club pages are. The build is the ``mkdocs build --strict`` command.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
CONFIG = PROJECT / "mkdocs.yml"
ASSETS = PROJECT / "site_templates" / "assets"
PAGES = "strony"

PARAGRAPH = (
    "Klub integracji społecznej prowadzi zajęcia reintegracji społecznej i zawodowej dla osób "
    "zagrożonych wykluczeniem społecznym. Uczestnicy przychodzą po długiej przerwie w pracy, "
    "a klub pomaga im odzyskać stały rytm dnia, zaufanie do siebie i kontakt z pracodawcami. "
    "Zajęcia odbywają się według planu uzgodnionego z ośrodkiem pomocy społecznej."
)


def plain_page(index: int, size: int) -> str:
    """A plain Markdown page of at least ``size`` bytes: a title, then headings and paragraphs.

    Plain prose, as in the issue's yardstick of 9–11 ms a page; lists and tables would make
    every page about twice as slow for Python-Markdown and the yardstick easier to beat.
    """
    parts = [f"---\ntitle: Strona {index}\n---\n\n# Strona {index}\n\n{PARAGRAPH}\n"]
    length = len(parts[0].encode())
    section = 0
    while length < size:
        section += 1
        block = f"\n## Część {section}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"
        parts.append(block)
        length += len(block.encode())
    return "".join(parts)


def bare_config() -> dict[str, object]:
    """The project's ``mkdocs.yml`` for a plain docs tree: no overrides, pages out of the nav."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    config["theme"].pop("custom_dir", None)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["nav"] = [{"Start": "index.md"}]
    config["not_in_nav"] = f"/{PAGES}/"
    return config


def write_bare_tree(work: Path, pages: int, size: int) -> Path:
    """``pages`` Markdown pages (one home page and the rest) in ``work/docs``; the config path."""
    if work.exists():
        shutil.rmtree(work)
    docs = work / "docs"
    (docs / PAGES).mkdir(parents=True)
    (docs / "index.md").write_text(plain_page(0, size), encoding="utf-8")
    for i in range(1, pages):
        (docs / PAGES / f"strona-{i:05d}.md").write_text(plain_page(i, size), encoding="utf-8")
    for path in sorted(p for p in ASSETS.rglob("*") if p.is_file()):
        target = docs / "assets" / "kis" / path.relative_to(ASSETS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    config = work / "mkdocs.yml"
    config.write_text(yaml.safe_dump(bare_config(), allow_unicode=True, sort_keys=True),
                      encoding="utf-8")
    return config


def build_command(config: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
            "--config-file", str(config)]
