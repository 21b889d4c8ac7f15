"""Officer YAML read by libyaml (fast) gives what the pure-Python reader gives, errors included."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.register import yaml_text

ROOT = Path(__file__).resolve().parent.parent
# what YAML is made of, and what officers type into it
PIECES = ["\n", "  ", " ", "- ", ": ", ":", "#", "'", '"', "[", "]", "{", "}", ",", "&a", "*a",
          "!!str ", "|", ">", "---", "...", "\t", "\\", "%YAML 1.1", "? ", "@", "`", "\r\n",
          "\u2028", "\x85", "\ufeff", "\x07", "tak", "no", "null", "~", "1e3", "0x1F", "012",
          "2024-05-20", "12:30", ".nan", "-.inf", "ąśż", "Łódź", "klub_id", "9" * 30, "a"]


def outcome(read: object, text: str) -> tuple[str, str]:
    try:
        return "ok", repr(read(text))  # type: ignore[operator]
    except yaml_text.YamlAliasError as err:
        return "alias", f"{err.params} {err.problem_mark}"
    except yaml.YAMLError as err:
        return "error", f"{type(err).__name__}: {err}"


def python_only(text: str) -> object:
    return yaml.load(text, Loader=yaml_text._NoAliasLoader)


def test_libyaml_is_used() -> None:
    assert yaml_text._FastLoader is not None  # PyYAML's wheels are built with it


@pytest.mark.parametrize("path", sorted([*(ROOT / "register").rglob("*.yaml"),
                                         *(ROOT / "tests" / "bad").glob("*.yaml"),
                                         *(ROOT / "forms").rglob("*.yaml")]),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_project_files_read_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert outcome(yaml_text.load, text) == outcome(python_only, text)


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_any_text_reads_the_same(text: str) -> None:
    assert outcome(yaml_text.load, text) == outcome(python_only, text)
