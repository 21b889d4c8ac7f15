"""One Jinja environment: every template-rendering module gets it from the one factory."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from generator import polish
from generator.site import templating

GENERATOR = Path(__file__).resolve().parents[1] / "generator"
FACTORY = GENERATOR / "site" / "templating.py"
# keeps compiled templates of the factory's environment and of mkdocs' theme: makes none
BYTECODE_CACHE = GENERATOR / "site" / "jinja_cache.py"


def jinja_uses(path: Path) -> list[str]:
    """What ``path`` takes from jinja2: imports of it and calls of ``Environment``/loaders."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "jinja2"]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "jinja2":
            found.append(node.module or "")
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in ("Environment", "FileSystemLoader", "ChoiceLoader", "Template"):
                found.append(name)
    return found


def test_only_the_factory_makes_a_jinja_environment() -> None:
    users = {
        str(path.relative_to(GENERATOR)): uses
        for path in sorted(GENERATOR.rglob("*.py"))
        if path not in (FACTORY, BYTECODE_CACHE) and (uses := jinja_uses(path))
    }
    assert users == {}, "render with generator.site.templating instead"
    assert not {"Environment", "FileSystemLoader", "ChoiceLoader", "Template"} & set(
        jinja_uses(BYTECODE_CACHE))
    assert "Environment" in jinja_uses(FACTORY)  # the scan would see one


def test_the_scan_sees_an_environment_made_elsewhere(tmp_path: Path) -> None:
    rogue = tmp_path / "rogue.py"
    rogue.write_text("import jinja2\nenv = jinja2.Environment(loader=None)\n", encoding="utf-8")
    assert jinja_uses(rogue) == ["jinja2", "Environment"]


def template_names(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_no_template_hides_another_of_the_same_name() -> None:
    """One loader over several folders: a name in two of them would silently pick the first."""
    seen: dict[str, Path] = {}
    for folder in templating.TEMPLATE_FOLDERS:
        for name in template_names(folder):
            assert name not in seen, f"{name} is in {seen.get(name)} and {folder}"
            seen[name] = folder
    assert "statistics/raport.html.j2" in seen and "body.html.j2" in seen


@pytest.mark.parametrize(
    "name",
    sorted(
        name
        for folder in templating.TEMPLATE_FOLDERS
        for name in template_names(folder)
        if name.endswith((".html", ".j2"))
    ),
)
def test_every_template_compiles(name: str) -> None:
    assert templating.environment().get_template(name).name == name


def test_the_environment_is_made_once_and_escapes() -> None:
    env = templating.environment()
    assert env is templating.environment()
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_the_polish_filters_are_the_polish_module_itself() -> None:
    """Dates, counts and plurals in templates are formatted by generator.polish, nowhere else."""
    filters = templating.environment().filters
    for name in ("date_pl", "long_date", "count", "number", "days_left", "certified_clubs",
                 "sentence", "lower_first"):
        assert filters[name] is getattr(polish, name), name


def test_no_second_polish_month_table() -> None:
    """The genitive month names are written once (generator/polish.py)."""
    holders = [
        str(p.relative_to(GENERATOR))
        for p in GENERATOR.rglob("*.py")
        if '"października"' in p.read_text(encoding="utf-8")
    ]
    assert holders == ["polish.py"]
