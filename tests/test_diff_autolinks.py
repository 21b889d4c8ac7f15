"""The ``kis diff`` summary never links bare addresses nor mentions anyone (issue 17).

GitHub turns ``https://…``, ``www.…`` and ``a@b.pl`` into links (GFM autolink literals),
``@name`` and ``@org/team`` into mentions that notify people, and ``#12`` into a reference.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from generator.officers import change_summary
from generator.officers import changes as diff
from generator.officers import git_revisions as gitrev
from generator.register.load import load_register
from tests.registers import add_rows, club, make_register

AS_OF = date(2026, 1, 31)
HOSTILE = {
    "nazwa": "KIS @team i @org/team, zob. #12",
    "www": "https://x.y/sciezka",
    "adres": "www.x.pl, ul. Długa 1",
    "email": "kis@razem-przymorze.pl",
}
# What GitHub would link or mention in the rendered text (after Markdown escapes are read).
LINKED = re.compile(
    r"(?:^|[\s*_~(])www\.[\w-]+\.|https?://|(?<![\w`])@[A-Za-z0-9-]+|(?<![\w&])#\d|"
    r"[\w.+-]+@[\w-]+\.[\w.-]+",
    re.I,
)


def _summary(tmp_path: Path) -> str:
    base = make_register(tmp_path / "base", clubs=(), stories={})
    add_rows(base, "pomorskie", "kluby", [club("kolbudy")])
    head = make_register(tmp_path / "head", clubs=(), stories={})
    add_rows(head, "pomorskie", "kluby", [club("kolbudy", **HOSTILE), club("sopot", **HOSTILE)])
    changed = diff.changed_files(gitrev.digests(base), gitrev.digests(head))
    changes = diff.compare(load_register(base), load_register(head), changed, AS_OF)
    return change_summary.summary_markdown(
        changes, change_summary.Side("origin/main", 0, "abc1234"),
        change_summary.Side("HEAD", 0, "def5678"),
    )


def test_no_bare_link_mention_or_reference_survives(tmp_path: Path) -> None:
    text = _summary(tmp_path)
    assert "team" in text and "x.y/sciezka" in text and "razem-przymorze.pl" in text
    shown = text.replace("\\", "")
    assert LINKED.search(shown) is None, LINKED.search(shown)


def test_values_read_the_same_without_the_invisible_joiner(tmp_path: Path) -> None:
    text = _summary(tmp_path).replace(change_summary.WORD_JOINER, "")
    assert "@team i @org/team, zob. #12" in text
    assert "https://x.y/sciezka" in text
    assert "www.x.pl" in text


def test_each_pattern_is_broken() -> None:
    for value in ("@team", "@org/team", "https://x.y", "www.x.pl", "WWW.X.PL", "a@b.pl", "#7"):
        assert LINKED.search(change_summary.md(value)) is None, value
        assert change_summary.md(value).replace(change_summary.WORD_JOINER, "") == value
