"""The second yardstick: Hugo (Debian's ``hugo``) building the same pages into the same frame.

The pages are :func:`bench.baseline.club_page` — the very Markdown files the bare mkdocs-material
yardstick builds, same count and sizes. Hugo's layouts are cut from two pages that bare
mkdocs-material rendered with the project's theme overrides (the home page and a club page):
the page's content becomes ``{{ .Content }}``, its title, description and address become
Hugo's, so Hugo writes every page with the same header, tabs and footer as the register's
pages. The theme's and the project's assets are copied as static files. The build is
``hugo --quiet`` (on all cores, as Hugo runs by default); figures are in ms a page.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from markupsafe import escape

from bench import baseline

CONFIG = """\
baseURL = "{site_url}"
languageCode = "pl"
title = "Rejestr klubów integracji społecznej"
disableKinds = ["taxonomy", "term", "RSS", "section"]
enableRobotsTXT = false

[markup.goldmark.renderer]
unsafe = false
"""
_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset"[^>]*>)(.*?)(</article>)',
                      re.S)


def layout(page_html: str, meta: dict[str, object], url: str) -> str:
    """A Hugo layout made of a page mkdocs-material rendered: its frame around Hugo's content.

    ``meta`` is that page's front matter and ``url`` its address, both put back as Hugo's.
    """
    html = page_html.replace("{{", '{{ "{{" }}')
    match = _ARTICLE.search(html)
    if match is None:
        raise ValueError("the rendered page has no <article> of mkdocs-material")
    html = html[:match.end(1)] + "\n{{ .Content }}\n" + html[match.start(3):]
    html = html.replace(str(escape(meta["description"])), "{{ .Description }}")
    html = html.replace(str(escape(meta["title"])), "{{ .Title }}")
    return html.replace(f'href="{url}"', 'href="{{ .Permalink }}"')


def write_hugo_tree(work: Path, bare_site: Path, pages: int, size: int,
                    site_url: str = "https://rejestr-kis.example.gov.pl/") -> Path:
    """Hugo's source folder for ``pages`` pages, its layouts cut from ``bare_site``; its path."""
    if work.exists():
        shutil.rmtree(work)
    content = work / "content"
    baseline.write_pages(content, pages, size, name="_index.md")
    (work / "config.toml").write_text(CONFIG.format(site_url=site_url), encoding="utf-8")
    layouts = work / "layouts"
    (layouts / "_default").mkdir(parents=True)
    home = (bare_site / "index.html").read_text(encoding="utf-8")
    (layouts / "index.html").write_text(layout(home, baseline.club_page(0, size)[0], site_url),
                                        encoding="utf-8")
    club = (bare_site / baseline.PAGES / "strona-00001" / "index.html").read_text(encoding="utf-8")
    single = layout(club, baseline.club_page(1, size)[0],
                    f"{site_url}{baseline.PAGES}/strona-00001/")
    (layouts / "_default" / "single.html").write_text(single, encoding="utf-8")
    shutil.copytree(bare_site / "assets", work / "static" / "assets")
    return work


def build_command(work: Path) -> list[str]:
    return ["hugo", "--quiet", "--source", str(work), "--destination", str(work / "public"),
            "--cacheDir", str(work / ".cache")]


def available() -> bool:
    return shutil.which("hugo") is not None
