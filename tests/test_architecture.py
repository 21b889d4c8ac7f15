"""The import graph of ``generator`` matches ARCHITECTURE.md: dependencies run one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parents[1] / "generator"

# Layer → the layers it may import (besides itself). Core is the shared vocabulary:
# problems and their Polish catalogue, Polish formatting, where the project's files are, and
# work in a forked copy of the process (validation and the build use both cores).
CORE = {"generator", "generator.problems", "generator.messages", "generator.polish",
        "generator.resources", "generator.parallel"}
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "geo": {"core"},
    "register": {"core"},
    "validation": {"core", "geo", "register"},
    "api": {"core", "register", "validation"},
    "officers": {"core", "register", "validation"},
    "site": {"core", "register", "validation", "api"},
    "parts": {"core", "geo", "register", "api", "site"},
    "top": {"core", "geo", "register", "validation", "api", "officers", "site", "parts"},
}


def layer(module: str) -> str:
    if module in CORE:
        return "core"
    if module in ("generator.api",):
        return "api"
    if module in ("generator.website", "generator.cli", "generator.argparse_pl"):
        return "top"
    parts = module.split(".")
    assert parts[0] == "generator" and len(parts) > 1, f"{module} is in no layer"
    assert parts[1] in ALLOWED, f"{module}: package {parts[1]} is in no layer"
    return parts[1]


def module_name(path: Path) -> str:
    rel = path.relative_to(GENERATOR.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("generator")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
            base = node.module or ""
            for alias in node.names:  # `from generator.parts import pages` imports a module
                full = f"{base}.{alias.name}"
                sub = GENERATOR.parent / full.replace(".", "/")
                found.add(full if sub.with_suffix(".py").exists() or sub.is_dir() else base)
    return found


MODULES = sorted(GENERATOR.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(GENERATOR)))
def test_imports_run_in_one_direction(path: Path) -> None:
    here = layer(module_name(path))
    wrong = sorted(m for m in imports(path) if layer(m) not in ALLOWED[here] | {here})
    assert not wrong, f"{path.relative_to(GENERATOR.parent)} ({here}) imports {wrong}"


def test_the_wheel_carries_no_test_data_generators() -> None:
    assert not list(GENERATOR.rglob("synthetic*.py"))


def test_module_names_are_english() -> None:
    polish = {"zgloszenie", "wojewodztwa", "kluby", "zdarzenia", "uslugi", "slowniki"}
    assert not [p for p in MODULES if p.stem in polish]
