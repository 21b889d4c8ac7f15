"""Compiled templates kept in the build cache (issue #19): a template is compiled once, and again
only when its source or what the compiled code depends on changes; the output is the same."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from generator.site import jinja_cache
from tests.registers import SMALL_AS_OF, make_register
from tests.site_support import build_own, hashes


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from source."""
    names: list[str] = []
    compile_source = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: str | None = None,
                *args: object, **kwargs: object) -> object:
        names.append(name or "")
        return compile_source(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names


def _env(folder: Path, **options: object) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), **options)  # type: ignore[arg-type]
    jinja_cache.attach(env)
    return env


def test_a_template_is_compiled_once_then_again_when_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiled: list[str]) -> None:
    monkeypatch.setattr(jinja_cache, "_current", [tmp_path / "cache"])
    # two template folders, as the theme's overrides each build: the name is the key
    for n in (1, 2):
        (tmp_path / f"t{n}").mkdir()
        (tmp_path / f"t{n}" / "page.html").write_text("{% for x in xs %}<{{ x }}>{% endfor %}")
    first = _env(tmp_path / "t1").get_template("page.html").render(xs=["a", "&"])
    assert compiled == ["page.html"]
    again = _env(tmp_path / "t2").get_template("page.html").render(xs=["a", "&"])
    assert again == first == "<a><&>"
    assert compiled == ["page.html"]  # the second environment loaded the compiled code
    (tmp_path / "t2" / "page.html").write_text("{{ xs | length }}")
    assert _env(tmp_path / "t2").get_template("page.html").render(xs=[1, 2]) == "2"
    assert compiled == ["page.html", "page.html"]


def test_other_options_are_another_folder(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jinja_cache, "_current", [tmp_path / "cache"])
    (tmp_path / "page.html").write_text("{% if x %}\n{{ x }}\n{% endif %}\n")
    plain = _env(tmp_path).get_template("page.html").render(x="<b>")
    trimmed = _env(tmp_path, trim_blocks=True, autoescape=True).get_template("page.html")
    assert trimmed.render(x="<b>") == "&lt;b&gt;\n" != plain
    assert len(list((tmp_path / "cache" / jinja_cache.FOLDER).iterdir())) == 2


def test_an_unwritable_cache_compiles_as_without(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    monkeypatch.setattr(jinja_cache, "_current", [tmp_path / "cache"])
    (tmp_path / "page.html").write_text("{{ 6 * 7 }}")
    env = _env(tmp_path)
    assert env.bytecode_cache is None
    assert env.get_template("page.html").render() == "42"


def test_a_build_from_compiled_templates_is_the_same_site(tmp_path: Path,
                                                          compiled: list[str]) -> None:
    register = make_register(tmp_path / "register")
    cache = tmp_path / "cache"
    first = build_own(register, tmp_path / "one", SMALL_AS_OF, cache_dir=cache, processes=1)
    assert any(name.endswith("base.html") for name in compiled)  # the theme's frame
    stored = [p for p in (cache / jinja_cache.FOLDER).rglob("*") if p.is_file()]
    assert len(stored) > 20  # the site's templates and the theme's
    old = os.stat(stored[0]).st_mtime - 3600
    for path in stored:
        os.utime(path, (old, old))
    compiled.clear()
    second = build_own(register, tmp_path / "two", SMALL_AS_OF, cache_dir=cache, processes=1)
    assert compiled == []  # mkdocs' new environment loaded the theme's compiled frame
    assert hashes(first.out) == hashes(second.out)
    assert any(os.stat(p).st_mtime > old for p in stored)  # used: kept from eviction
