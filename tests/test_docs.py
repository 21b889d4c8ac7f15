"""Docs tested against code: commands in the README, messages on the site."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from generator.cli import make_parser
from generator.messages import CATALOGUE
from generator.parts.messages_page import site_files
from generator.site.context import SiteContext

ROOT = Path(__file__).resolve().parent.parent


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in make_parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"kis {name}" in readme, name


def test_every_message_is_listed_for_officers(tmp_path: Path) -> None:
    ctx = SiteContext(as_of=date(2026, 11, 22), register_root=tmp_path, cache_dir=tmp_path)
    page = site_files(None, ctx)["zglaszanie-zmian/komunikaty/index.md"]  # type: ignore[arg-type]
    for code in CATALOGUE:
        assert f"<code>{code}</code>" in page
    assert "{" not in page.split("---", 2)[2]


def test_architecture_names_existing_modules() -> None:
    """The map names only modules that exist, and every package of ``generator``."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    code = text.split("```")[1]
    modules = {p.name for p in (ROOT / "generator").rglob("*.py")}
    named = set(re.findall(r"([a-z_]+\.py)\b", code))
    assert named and named <= modules, sorted(named - modules)
    packages = [p.name for p in (ROOT / "generator").iterdir()
                if (p / "__init__.py").is_file()]
    assert all(f"{name}/" in code for name in packages), packages
