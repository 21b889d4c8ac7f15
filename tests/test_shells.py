"""Pages rendered into a shell (generator.site.shells), and the forms' PDFs added after mkdocs,
give byte for byte the site mkdocs renders from the complete docs tree."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.site import shells
from generator.site.markdown_page import page
from tests.registers import SMALL_AS_OF, SMALL_CLUBS, make_register
from tests.site_support import (
    DEMO,
    DEMO_AS_OF,
    accepting,
    build_accepting,
    hashes,
    plain_mkdocs_site,
)

AWKWARD = 'Klub „Razem” & <Przyjaciele> "Nowa" \'Droga\''


def _differences(a: Path, b: Path) -> list[str]:
    left, right = hashes(a), hashes(b)
    return sorted(p for p in left.keys() | right.keys() if left.get(p) != right.get(p))


def test_demo_site_is_the_plain_mkdocs_site(
    demo_site: Path, tmp_path_factory: pytest.TempPathFactory
):
    with_shells = demo_site
    plain = plain_mkdocs_site(DEMO, tmp_path_factory.mktemp("plain") / "site", DEMO_AS_OF)
    assert _differences(with_shells, plain) == []
    # the shells really were used, for the kinds of pages that make up most of the site
    assert not list(with_shells.rglob("*kisshell*"))
    assert (with_shells / "kluby" / "kolbudy" / "index.html").is_file()
    assert (with_shells / "certyfikaty" / "KIS-22-2024-001" / "index.html").is_file()


def test_awkward_titles_are_escaped_like_mkdocs_escapes_them(tmp_path: Path):
    clubs = [dataclasses.replace(SMALL_CLUBS[0], name=AWKWARD), *SMALL_CLUBS[1:]]
    register = make_register(tmp_path / "register", clubs)
    a = tmp_path / "a" / "site"
    build_accepting(register, a, SMALL_AS_OF)  # the validator refuses "<…>" in a name
    b = tmp_path / "b" / "site"
    plain_mkdocs_site(register, b, SMALL_AS_OF, report=accepting(register, SMALL_AS_OF))
    assert _differences(a, b) == []
    html = (a / "kluby" / "kolbudy" / "index.html").read_text(encoding="utf-8")
    assert "&lt;Przyjaciele&gt; &#34;Nowa&#34; &#39;Droga&#39;" in html
    assert "<Przyjaciele>" not in html


def _files(**pages: object) -> dict[str, str | bytes]:
    return {path.replace("__", "/") + "/index.md": content for path, content in pages.items()}


def _club(title: str, body: str = "<h1>Klub</h1>\n<p>treść</p>") -> str:
    return page(title, body, description=f"{title}.", hide=("navigation", "toc"))


def test_plan_groups_sibling_leaf_pages_outside_the_nav():
    files = {
        "index.md": _club("Start"),
        "kluby/a/index.md": _club("A"),
        "kluby/b/index.md": _club("B"),
        "kluby/c/index.md": "# written by hand\n",  # not made by page(): mkdocs renders it
        "kluby/d/index.md": _club("D", "<p>no heading of its own</p>"),  # mkdocs adds the h1
        "kluby/e/index.md": page("E", "<h1>E</h1>"),  # other front matter: a group of one
        "dane/rejestr.json": "{}",
    }
    plan = shells.plan(files, in_nav={"index.md"})
    assert [sorted(g.pages) for g in plan.groups] == [["kluby/a/index.md", "kluby/b/index.md"]]
    marker = plan.groups[0].marker
    assert marker.startswith("kluby/kisshellpage") and marker in plan.docs
    assert "kluby/a/index.md" not in plan.docs
    for kept in ("kluby/c/index.md", "kluby/d/index.md"):
        assert plan.docs[kept] == files[kept]
    # lone pages with their own <h1>: mkdocs gets the body marker, fill puts the body back
    assert sorted(plan.spliced) == ["index.md", "kluby/e/index.md"]
    assert plan.spliced["kluby/e/index.md"] == "<h1>E</h1>"
    assert plan.docs["kluby/e/index.md"] == page("E", shells.BODY)
    assert plan.docs["dane/rejestr.json"] == "{}"
    assert sorted(plan.pages) == sorted(p for p in files if p.endswith(".md"))


def test_plan_leaves_pages_in_the_nav_and_pages_with_subpages_to_mkdocs():
    files = {
        "rejestr/a/index.md": _club("A"),
        "rejestr/b/index.md": _club("B"),
        "rejestr/b/x/index.md": _club("X"),
        "rejestr/c/index.md": _club("C"),
    }
    plan = shells.plan(files, in_nav={"rejestr/c/index.md"})
    assert plan.groups == []  # a is alone: b has pages under it, c is in the nav
    assert set(plan.docs) == set(files)
    assert set(plan.spliced) == set(files)  # each rendered by mkdocs around the body marker


def test_fill_splices_a_lone_page_body_into_what_mkdocs_rendered(tmp_path: Path):
    files = {"index.md": _club("Start", "<h1>Start</h1>\n<p>długa lista</p>"),
             "o/strona.md": _club("O", "<h1>O</h1>")}
    plan = shells.plan(files, in_nav=set(files))
    (tmp_path / "o" / "strona").mkdir(parents=True)
    for out in ("index.html", "o/strona/index.html"):
        (tmp_path / out).write_text(f"<article>{shells.BODY}</article>", encoding="utf-8")
    shells.fill(tmp_path, plan, "https://x/", 0)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == (
        "<article><h1>Start</h1>\n<p>długa lista</p></article>")
    assert (tmp_path / "o/strona/index.html").read_text(encoding="utf-8") == (
        "<article><h1>O</h1></article>")
    (tmp_path / "index.html").write_text("<article>lost</article>", encoding="utf-8")
    with pytest.raises(shells.ShellError, match="lost its body marker"):
        shells.fill(tmp_path, plan, "https://x/", 0)


def test_two_groups_in_one_folder_get_two_markers():
    files = {
        "kluby/a/index.md": _club("A"),
        "kluby/b/index.md": _club("B"),
        "kluby/c/index.md": page("C", "<h1>C</h1>"),
        "kluby/d/index.md": page("D", "<h1>D</h1>"),
    }
    plan = shells.plan(files, in_nav=set())
    markers = [g.marker for g in plan.groups]
    assert len(set(markers)) == 2 and all(m in plan.docs for m in markers)


def test_a_marker_never_lands_on_a_real_page():
    files = {
        "kluby/kisshellpage7q3z0/index.md": _club("A"),
        "kluby/kisshellpage7q3z1/index.md": _club("B"),
    }
    plan = shells.plan(files, in_nav=set())
    assert plan.groups[0].marker == "kluby/kisshellpage7q3z2/index.md"


def test_a_shell_without_its_markers_is_refused():
    with pytest.raises(shells.ShellError, match="lost its markers"):
        shells._cut(f"<html><body>{shells.TITLE}</body></html>", "kluby/x/index.md")


def test_fill_puts_each_page_into_the_shell(tmp_path: Path):
    files = {"kluby/a/index.md": _club("A & B"), "kluby/b/index.md": _club("C")}
    plan = shells.plan(files, in_nav=set())
    marker = tmp_path / shells._url(plan.groups[0].marker)
    marker.mkdir(parents=True)
    leaf = plan.groups[0].marker.split("/")[1]
    (marker / "index.html").write_text(
        f"<title>{shells.TITLE}</title><meta content=\"{shells.DESCRIPTION}\">"
        f"<link href=\"https://x/kluby/{leaf}/\">{shells.BODY}",
        encoding="utf-8",
    )
    shells.fill(tmp_path, plan, "https://x/", 0)
    assert not marker.exists()
    assert (tmp_path / "kluby/a/index.html").read_text(encoding="utf-8") == (
        '<title>A &amp; B</title><meta content="A &amp; B.">'
        '<link href="https://x/kluby/a/"><h1>Klub</h1>\n<p>treść</p>'
    )
