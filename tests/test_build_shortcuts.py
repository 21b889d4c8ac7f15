"""The build's shortcuts that keep its output the same (#19): leftovers removed in threads while
the new site is counted, mkdocs' copies of the docs tree's files as hard links, HTML files of the
docs tree squeezed as they are written."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest

from generator.site import jinja_cache, renderer, shells, theme, tidy
from tests.conftest import AS_OF
from tests.registers import make_base
from tests.site_support import build_own


def _tree(root: Path, folders: int, files: int) -> None:
    for n in range(folders):
        for m in range(files):
            target = root / f"f{n}" / f"g{m}" / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("x", encoding="utf-8")
    (root / "top.txt").write_text("y", encoding="utf-8")


def test_leftovers_are_removed_and_the_new_site_counted(tmp_path: Path) -> None:
    site, old, scratch = tmp_path / "site", tmp_path / ".site.old", tmp_path / ".site.build-x"
    _tree(site, 3, 4)
    _tree(old, 5, 3)
    _tree(scratch / "docs", 2, 2)
    assert tidy.remove_counting(site, old, scratch) == 3 * 4 + 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert tidy.remove_counting(site, None, scratch) == 13  # nothing to remove: counted alone


def test_the_docs_tree_left_by_the_build_is_shared_out_and_removed(tmp_path: Path) -> None:
    site, scratch = tmp_path / "site", tmp_path / ".site.build-x"
    _tree(site, 1, 2)
    _tree(scratch / "docs", 6, 3)  # the build leaves its docs tree to remove_counting
    _tree(scratch / "overrides", 1, 1)
    jobs = tidy._entries(scratch / "docs")
    assert len(jobs) == 7 and jobs[-1].endswith("top.txt")  # each folder a job, folders first
    assert tidy.remove_counting(site, None, scratch) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_an_old_site_that_cannot_be_removed_raises_and_the_rest_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, old, scratch = tmp_path / "site", tmp_path / ".site.old", tmp_path / ".site.build-x"
    _tree(site, 1, 1)
    _tree(old, 2, 1)
    _tree(scratch, 1, 1)
    remove = tidy.shutil.rmtree

    def stuck(path: str, ignore_errors: bool = False) -> None:
        if path.endswith("f0"):
            raise PermissionError(13, "Permission denied", path)
        remove(path, ignore_errors=ignore_errors)

    monkeypatch.setattr(tidy.shutil, "rmtree", stuck)
    with pytest.raises(PermissionError):
        tidy.remove_counting(site, old, scratch)
    assert not scratch.exists()
    assert sorted(p.name for p in old.iterdir()) == ["f0"]


def test_files_of_the_docs_tree_are_linked_and_others_copied(tmp_path: Path) -> None:
    docs, theme_dir, site = tmp_path / "docs", tmp_path / "theme", tmp_path / "site"
    for folder in (docs, theme_dir):
        folder.mkdir()
        (folder / "a.json").write_text("{}", encoding="utf-8")
    copied: list[str] = []

    def copy(source: str, target: str) -> None:
        copied.append(source)
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        Path(target).write_bytes(Path(source).read_bytes())

    copy_file = renderer._link_or_copy(copy, os.path.join(str(docs), ""))
    copy_file(str(docs / "a.json"), str(site / "dane" / "a.json"))
    copy_file(str(theme_dir / "a.json"), str(site / "assets" / "a.json"))
    assert (site / "dane" / "a.json").samefile(docs / "a.json")
    assert not (site / "assets" / "a.json").samefile(theme_dir / "a.json")
    assert copied == [str(theme_dir / "a.json")]
    copy_file(str(docs / "a.json"), str(site / "dane" / "a.json"))  # there already: as mkdocs
    assert copied[-1] == str(docs / "a.json")


def test_mkdocs_itself_links_the_docs_trees_files(tmp_path: Path) -> None:
    """Through the real mkdocs call (renderer.mkdocs_build): a data file of the docs tree is the
    same file in the site, a theme file is a copy (fails if mkdocs stops calling
    ``utils.copy_file``, and the shortcut silently ends)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Strona\n", encoding="utf-8")
    (docs / "dane.json").write_text("{}", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\nsite_url: https://example.org/\ntheme:\n  name: mkdocs\n"
                      f"docs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\n", encoding="utf-8")
    assert renderer.mkdocs_build(config, 1_700_000_000) == []
    site = tmp_path / "site"
    assert (site / "dane.json").samefile(docs / "dane.json")
    theme_css = next(p for p in site.rglob("*.css"))
    assert theme_css.stat().st_nlink == 1


@pytest.mark.parametrize("html", [
    "<html>\n  <body>\n\n    <div>\n      <p>x</p>\n    </div>\n  </body>\n</html>\n",
    "<html>\r\n  <body>\r\n    <p>x</p>\r\n  </body>\r\n</html>\r\n",
    "<p>already squeezed</p>\r\n",  # unchanged: kept with its own line ends
    "<p>a</p>\r<p>b</p>",
])
def test_an_html_file_squeezed_when_written_is_what_the_site_squeeze_makes(
    tmp_path: Path, html: str
) -> None:
    (tmp_path / "a.html").write_bytes(html.encode("utf-8"))
    theme.squeeze_site(tmp_path)
    assert theme.squeezed_file(html).encode("utf-8") == (tmp_path / "a.html").read_bytes()


def test_only_the_pages_mkdocs_renders_are_squeezed_after_it(tmp_path: Path) -> None:
    frame = "<div>\n  <p>x</p>\n</div>\n"
    for path in ("index.html", "kluby/index.html", "dane/a.html", "404.html"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(frame, encoding="utf-8")
    rendered = shells.rendered_html(["index.md", "kluby/index.md", "dane/a.html", "x.json"])
    assert rendered == ["index.html", "kluby/index.html", "404.html"]
    theme.squeeze_site(tmp_path, [*rendered, "missing/index.html"])
    assert (tmp_path / "dane" / "a.html").read_text(encoding="utf-8") == frame
    for path in rendered:
        assert (tmp_path / path).read_text(encoding="utf-8") == theme.squeeze_frame(frame)


def test_the_theme_files_mkdocs_lists_are_the_same_without_walking_dot_folders(
    tmp_path: Path,
) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ntheme:\n  name: material\n  language: pl\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    env = config.theme.get_env()
    filters: list[Callable[[str], bool]] = []

    class Spy:
        def list_templates(self, filter_func: Callable[[str], bool]) -> list[str]:
            filters.append(filter_func)
            return []

    Files([]).add_files_from_theme(Spy(), config)  # type: ignore[arg-type]
    (mkdocs_filter,) = filters
    full = jinja2.Environment.list_templates(env, filter_func=mkdocs_filter)
    assert any(".icons/" in name for name in env.loader.list_templates())  # what is skipped
    assert len(full) > 20
    assert jinja_cache.list_templates(env, filter_func=mkdocs_filter) == full
    keep_all = jinja_cache.list_templates(env, filter_func=lambda name: True)  # walks them all
    assert keep_all == env.loader.list_templates()


def test_a_previous_site_that_cannot_be_removed_is_a_warning_and_later_builds_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    register, out = make_base(tmp_path / "register"), tmp_path / "strona"
    build_own(register, out, AS_OF, processes=1)
    real = shutil.rmtree

    def stuck(path: object, ignore_errors: bool = False, **kw: object) -> None:
        if Path(str(path)).name == ".strona.old" and not ignore_errors:
            raise PermissionError(13, "Permission denied", str(path))
        real(path, ignore_errors=ignore_errors, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(shutil, "rmtree", stuck)
    real_rmdir = os.rmdir

    def rmdir(path: object, *args: object, **kw: object) -> None:
        if Path(str(path)).name == ".strona.old":
            raise PermissionError(13, "Permission denied", str(path))
        real_rmdir(path, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rmdir", rmdir)
    second = build_own(register, out, AS_OF, processes=1)
    assert (out / "index.html").is_file()
    [left] = second.warnings
    assert (left.code, left.severity, left.path) == (
        "build-old-site-left", "warning", str(tmp_path / ".strona.old"))
    assert "brak uprawnień do zapisu" in left.message
    third = build_own(register, out, AS_OF, processes=1)  # moves it aside, builds
    assert (out / "index.html").is_file()
    assert [w.code for w in third.warnings] == ["build-old-site-left"] * 2
    aside = [p.name for p in tmp_path.iterdir() if p.name.startswith(".strona.old-")]
    assert len(aside) == 1 and third.warnings[0].path == str(tmp_path / aside[0])
