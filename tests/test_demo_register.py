"""The shipped demonstration register keeps the promises the site demonstrates."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import yaml

from generator.register.status import STATUS_CODES
from tests.register_invariants import problems, read, read_csv

REGISTER = Path(__file__).resolve().parent.parent / "register"
DATA = read(REGISTER)
STANDINGS = DATA.standings()


def test_invariants_hold() -> None:
    assert problems(REGISTER) == []


def test_every_status_and_event_type_present() -> None:
    counts = Counter(s.status for s in STANDINGS.values())
    assert set(counts) == set(STATUS_CODES)
    assert counts["wygasa"] >= 3
    assert all(counts[s] >= 2 for s in STATUS_CODES)
    assert 0.55 <= counts["certyfikowany"] / len(STANDINGS) <= 0.7
    types = {e.type for events in DATA.events.values() for e in events}
    assert types == {r["kod"] for r in read_csv(REGISTER / "slowniki" / "typy_zdarzen.csv")}


def test_every_voivodeship_has_clubs_and_two_certified() -> None:
    per = Counter(DATA.slug_of.values())
    certified = Counter(DATA.slug_of[c] for c, s in STANDINGS.items() if s.is_certified)
    assert len(DATA.clubs) >= 56
    assert len(per) == 16 and set(per.values()) <= {3, 4}
    assert min(certified[slug] for slug in per) >= 2


def test_exactly_two_clubs_without_location() -> None:
    assert sum(1 for c in DATA.clubs.values() if not c["szerokosc"]) == 2


def test_csv_files_are_written_canonically() -> None:
    for path in sorted((REGISTER / "wojewodztwa").rglob("*.csv")):
        data = path.read_bytes()
        schema = yaml.safe_load((REGISTER / "schematy" / f"{path.stem}.yaml").read_text("utf-8"))
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        assert rows[0] == [f["name"] for f in schema["fields"]], path
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        assert out.getvalue().encode("utf-8") == data, path  # LF, minimal quoting, final newline


def test_stories_are_spread_and_of_good_length() -> None:
    assert len(DATA.stories) == 10
    slugs = set()
    for name, text in DATA.stories.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.md", name)
        front = yaml.safe_load(text.split("---\n")[1])
        slugs.add(DATA.slug_of[front["klub"]])
        assert set(front["uslugi"]) <= set(DATA.services[front["klub"]]), name
        assert front["data"] > STANDINGS[front["klub"]].issued, name
        words = len(text.split("---\n", 2)[2].split())
        assert 150 <= words <= 300, (name, words)
    assert len(slugs) >= 6
