"""The built HTML, CSS and JavaScript: nothing loads from another host, text from the register is
escaped, and the markup keeps the accessibility promises the theme overrides make."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.register.status import STATUS_CODES
from generator.site import build
from tests.registers import SMALL_AS_OF, SMALL_CLUBS, SmallClub, make_register
from tests.site_support import (
    REDIRECT,
    build_accepting,
    html_files,
    page_of,
    read_page,
    redirect_stubs,
)

ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE)
JS_URL = re.compile(r"https?://[^\s\"'`)<>]*", re.IGNORECASE)
# <link rel> values with which the browser fetches the target.
LOADING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "modulepreload",
    "manifest",
    "prerender",
}
# URLs in mkdocs-material's bundle, and why the site never requests them (checked below).
BUNDLE_URLS = {
    "https://api.github.com/": "repository facts, only with repo_url (not set)",
    "https://${": "GitLab repository facts, only with repo_url (not set)",
    "https://unpkg.com/mermaid": "only for Mermaid diagrams (the site has none)",
    "https://unpkg.com/resize-observer-polyfill": "only without ResizeObserver (kis-compat.js)",
    "https://clipboardjs.com/": "a licence comment",
}
HOSTILE = "<script>alert(1)</script> & „Klub”"


@pytest.fixture(scope="module")
def site(demo_site: Path) -> Path:
    return demo_site


def loaded_urls(path: Path) -> list[str]:
    """Every URL the browser would fetch on its own when showing the page."""
    page = read_page(path)
    found: list[str] = []
    for e in page.elements:
        a = e.attrs
        for name in ("src", "data", "poster", "background"):
            if name in a:
                found.append(a[name])
        if "srcset" in a:
            found += [part.strip().split(" ")[0] for part in a["srcset"].split(",")]
        if e.tag == "link" and set(a.get("rel", "").lower().split()) & LOADING_RELS:
            found.append(a.get("href", ""))
        if e.tag in ("image", "use", "feimage", "script"):
            found += [a[k] for k in ("href", "xlink:href") if k in a]
        if "style" in a:
            found += css_urls(a["style"])
    for style in page.styles:
        found += css_urls(style)
    return found


def css_urls(text: str) -> list[str]:
    return [m.group(2) if m.group(2) is not None else m.group(4) for m in CSS_URL.finditer(text)]


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    offenders = [
        f"{p.relative_to(site)}: {url}"
        for p in html_files(site)
        for url in loaded_urls(p)
        if ABSOLUTE.match(url)
    ]
    assert offenders == []


def test_no_stylesheet_loads_anything_from_another_host(site: Path) -> None:
    sheets = sorted(site.rglob("*.css"))
    assert len(sheets) >= 4
    offenders = [
        f"{p.relative_to(site)}: {url}"
        for p in sheets
        for url in css_urls(p.read_text(encoding="utf-8"))
        if ABSOLUTE.match(url)
    ]
    assert offenders == []


def test_scripts_contain_no_foreign_address_that_could_be_requested(site: Path) -> None:
    scripts = sorted(site.rglob("*.js"))
    assert any(p.name.startswith("bundle.") for p in scripts)
    offenders = []
    for path in scripts:
        for url in JS_URL.findall(path.read_text(encoding="utf-8")):
            allowed = path.name.startswith("bundle.") and any(
                url.startswith(prefix) for prefix in BUNDLE_URLS
            )
            if not allowed:
                offenders.append(f"{path.relative_to(site)}: {url}")
    assert offenders == []


def test_the_bundles_foreign_addresses_stay_dormant(site: Path) -> None:
    config = yaml.safe_load(build.CONFIG.read_text(encoding="utf-8"))
    assert "repo_url" not in config
    for path in html_files(site):
        text = path.read_text(encoding="utf-8")
        assert 'class="mermaid"' not in text, path
        compat = text.find("assets/javascripts/kis-compat.js")
        bundle = text.find("assets/javascripts/bundle.")
        assert 0 <= compat < bundle, f"{path}: kis-compat.js must load before the bundle"
    assert "ResizeObserver" in (site / "assets/javascripts/kis-compat.js").read_text(
        encoding="utf-8"
    )


def test_no_web_fonts_and_no_search_plugin(site: Path) -> None:
    config = yaml.safe_load(build.CONFIG.read_text(encoding="utf-8"))
    assert config["theme"]["font"] is False
    assert config["theme"]["language"] == "pl"
    assert config["plugins"] == []
    assert not (site / "search" / "search_index.json").exists()
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home


def test_extra_css_and_javascript_are_own_files(site: Path) -> None:
    config = yaml.safe_load(build.CONFIG.read_text(encoding="utf-8"))
    listed = [*config["extra_css"], *config["extra_javascript"]]
    assert {
        "assets/kis/kis.css",
        "assets/kis/map.css",
        "assets/kis/kis-tables.js",
    } <= set(listed)
    for path in listed:
        assert not ABSOLUTE.match(path) and (site / path).is_file(), path
    # Linked by the theme overrides, not waited for by every page (#19).
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="assets/kis/print.css" media="print">' in home
    assert "founding.css" not in home
    founding = (site / "zakladanie-klubu" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="../assets/kis/founding.css">' in founding
    for css in ("print.css", "founding.css"):
        assert (site / "assets" / "kis" / css).is_file(), css
    head = home.split("</head>", 1)[0]
    assert "<script src=" not in head  # no script holds up the first paint


# --- escaping --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small register with a club whose name is an attempt at script injection."""
    clubs = [
        SmallClub(
            c.id,
            HOSTILE if c.id == "kolbudy" else c.name,
            c.teryt,
            c.town,
            c.events,
            c.services,
            c.lat,
            c.lon,
        )
        for c in SMALL_CLUBS
    ]
    root = tmp_path_factory.mktemp("hostile")
    register = make_register(root / "register", clubs)
    out = root / "site"
    build_accepting(register, out, SMALL_AS_OF)
    return out


def test_a_hostile_club_name_is_escaped_everywhere(hostile_site: Path) -> None:
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; „Klub”"
    for path in html_files(hostile_site):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text, path
        assert "</script> &" not in text, path
    club = (hostile_site / "kluby" / "kolbudy" / "index.html").read_text(encoding="utf-8")
    assert f"<title>{escaped}, Kolbudy – " in club
    assert f"<h1>{escaped}</h1>" in club
    assert club.count(escaped) >= 3  # title, header, heading, …
    register = (hostile_site / "rejestr" / "index.html").read_text(encoding="utf-8")
    assert f">{escaped}</a>" in register


def test_json_ld_cannot_close_its_script_element(hostile_site: Path) -> None:
    page = page_of(hostile_site, "kluby/kolbudy/")
    (body,) = [b for attrs, b in page.scripts if attrs.get("type") == "application/ld+json"]
    assert "</" not in body and "<script" not in body
    assert "alert(1)" in body


# --- accessibility of the markup -------------------------------------------------------------


def test_every_page_has_a_skip_link_one_h1_and_polish_language(site: Path) -> None:
    for path in html_files(site):
        page = read_page(path)
        assert page.find("html", lang="pl"), path
        skip = page.find("a", class_="md-skip")
        assert [e.attrs["href"] for e in skip] == ["#tresc"], path
        assert "tresc" in page.ids(), path
        assert "Przejdź do treści" in page.text, path
        if path.parent.parent.name != "formularze":
            assert len(page.find("h1")) == 1, path


def test_no_autocomplete_on_checkboxes_no_orphan_labels_no_duplicate_ids(site: Path) -> None:
    for path in html_files(site):
        page = read_page(path)
        for e in page.find("input"):
            if e.attrs.get("type") in ("checkbox", "radio"):
                assert "autocomplete" not in e.attrs, path
        ids = page.ids()
        orphans = [e.attrs["for"] for e in page.find("label") if e.attrs.get("for") not in ids]
        assert orphans == [], path
        all_ids = [e.attrs["id"] for e in page.elements if "id" in e.attrs]
        assert len(all_ids) == len(ids), f"{path}: duplicate id"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


CSS = (build.TEMPLATES / "assets" / "kis.css").read_text(encoding="utf-8")


def test_status_badges_have_text_and_enough_contrast() -> None:
    for code in STATUS_CODES:
        rule = re.search(rf"\.kis-badge--{code}\s*{{([^}}]*)}}", CSS)
        assert rule, code
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-f]{6})", rule.group(1)).group(1)
        bg = re.search(r"background-color:\s*(#[0-9a-f]{6})", rule.group(1)).group(1)
        assert contrast(fg, bg) >= 4.5, code


def test_footer_and_links_have_enough_contrast() -> None:
    def var(name: str) -> str:
        return re.search(rf"{re.escape(name)}:\s*(#[0-9a-f]{{6}})", CSS).group(1)

    for fg in (
        "--md-footer-fg-color",
        "--md-footer-fg-color--light",
        "--md-footer-fg-color--lighter",
    ):
        for bg in ("--md-footer-bg-color", "--md-footer-bg-color--dark"):
            assert contrast(var(fg), var(bg)) >= 4.5, (fg, bg)
    for fg in ("--md-typeset-a-color", "--md-accent-fg-color", "--kis-muted"):
        assert contrast(var(fg), "#ffffff") >= 4.5, fg
    assert contrast(var("--md-primary-bg-color"), var("--md-primary-fg-color")) >= 4.5


def test_printing_hides_the_navigation() -> None:
    css = (build.TEMPLATES / "assets" / "print.css").read_text(encoding="utf-8")
    _, selectors, declarations = css.split("@media print", 1)[1].split("{", 3)[:3]
    for selector in (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".kis-filter"):
        assert selector in selectors
    assert "display: none" in declarations.split("}", 1)[0]


def test_filters_work_without_javascript(site: Path) -> None:
    """The filter form is hidden until the script shows it; facet links do the job without it."""
    page = page_of(site, "rejestr/")
    (form,) = page.find("form")
    assert "hidden" in form.attrs
    links = {e.attrs.get("href") for e in page.find("a")}
    assert "status/wygasa/" in links and "usluga/grupa-wsparcia/" in links
    assert "../wojewodztwa/pomorskie/" in links


def test_search_results_name_pages_by_their_own_titles(site: Path) -> None:
    """The search index's fixed pages carry the title each page itself shows."""
    from generator.parts.search import STATIC_PAGES

    for url, title, _ in STATIC_PAGES:
        text = (site / url / "index.html").read_text(encoding="utf-8")
        assert f"<title>{title} – " in text, url


def test_redirect_stubs_are_minimal_polish_and_lead_to_an_existing_page(
        demo_site: Path) -> None:
    """A lower-case certificate address sends the browser on: Polish, not indexed, one link to a
    page that exists, nothing loaded."""
    site = demo_site
    stubs = redirect_stubs(site)
    assert stubs
    for stub in stubs:
        text = stub.read_text(encoding="utf-8")
        assert '<html lang="pl">' in text and 'content="noindex"' in text, stub
        assert "<script" not in text and "stylesheet" not in text, stub
        targets = set(re.findall(r'(?:href|url)=("?)\.\./([^/"]+)/', text))
        assert len({t for _, t in targets}) == 1, stub
        target = stub.parent.parent / next(iter(targets))[1] / "index.html"
        assert target.is_file() and REDIRECT not in target.read_text(encoding="utf-8"), stub
