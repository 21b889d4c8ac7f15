"""The fuzzed properties and their input strategies (issue 17).

Three targets, each a function of one generated input that raises on a defect:

- ``story``: a good-practice story file → the validator's story checks (located problems, never
  an exception) and the story page's HTML (passes the allow-list, :mod:`tests.fuzz.allow_list`);
- ``issue``: an issue body → ``kis zgloszenie`` logic on a small register: either a located
  rejection or a valid change, never an exception, and nothing written;
- ``cell``: a cell (text, or raw bytes) in a club file → ``kis validate``: located problems, never
  an exception; what validates also builds the model.

Registers are made once per process in a temporary folder. ``COUNTS`` counts the cases run.
"""

from __future__ import annotations

import atexit
import csv
import dataclasses
import io
import json
import shutil
import tempfile
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from generator.messages import CATALOGUE
from generator.officers import issue_form, submission
from generator.officers.git_revisions import digests
from generator.parts.story_html import story_html
from generator.problems import Problem
from generator.register.build_model import build_register
from generator.register.load import RawRegister, RawStory, load_register
from generator.register.stories import FrontMatterError, split_front_matter
from generator.validation.rules import Context
from generator.validation.rules.stories import check_stories
from generator.validation.validate import validate
from tests.fuzz.allow_list import violations
from tests.registers import make_base

AS_OF = date(2026, 11, 22)
COUNTS: Counter[str] = Counter()
SEVERITIES = ("error", "warning", "notice")


def located(found: Problem) -> None:
    """A problem the officer can act on: a catalogue code, a place, a Polish message."""
    assert found.code in CATALOGUE, found.code
    assert found.path, found
    assert found.message.strip() and found.hint.strip(), found
    assert found.severity in SEVERITIES, found
    assert found.line >= 0 and found.column >= 0, found


@cache
def _register() -> Path:
    """A small valid register (3 clubs) in a temporary folder, made once per process."""
    folder = tempfile.mkdtemp(prefix="kis-fuzz-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return make_base(Path(folder) / "register")


@cache
def _raw() -> RawRegister:
    return load_register(_register())


# --- (a) stories ---------------------------------------------------------------------------

MARKDOWN_TRICKS = (
    "[a](", "](", "[", "]", "(", ")", "<", ">", "!", "\n", "\n\n", "   ", "\t", "\\", "`", "```\n",
    "    ", "* ", "- ", "1. ", "> ", "# ", "## ", "---\n", "***", "_", "**", "&", ";", "&#",
    "javascript:alert(1)", "JaVaScRiPt:x", "jav&#97;script:x", "java\nscript:x", "&#x6A;avascript:",
    "vbscript:x", "data:text/html,<script>x</script>", "file:///etc/passwd", "//zly.example/",
    "http://x.pl", "https://x.pl/a?b=c#d", "mailto:a@b.pl", "mailto:x", "www.x.pl",
    ' "tytuł"', " 'tytuł'", " (tytuł)", "[ref]: ", "[ref]", "[ref][]", "<javascript:x>",
    "<https://x.pl>", "<a href='javascript:x'>", "<img src=x onerror=alert(1)>", "<script>",
    "</script>", "<!--", "-->", "<![CDATA[", "<?php", "<svg onload=x>", "onclick=", "\"", "'",
    "\u202e", "\u200b", "\x00", "\x1b[31m", "\r", "\u2028", "ą", "„", "”", "…",
)
markdown = st.lists(
    st.one_of(
        st.sampled_from(MARKDOWN_TRICKS),
        st.text(alphabet="[]()<>!*_`#:/\\\"'&;=\n -.ajvscrpt", max_size=12),
        st.text(max_size=12),
    ),
    max_size=60,
).map("".join)
FRONT = (
    "---\ntytul: {title}\nklub: gdansk-przymorze\nuslugi: [grupa_wsparcia]\n"
    "data: 2025-06-12\nstreszczenie: {summary}\n---\n\n"
)
story_file = st.one_of(
    st.builds(
        lambda title, summary, body: FRONT.format(
            title=json.dumps(title, ensure_ascii=False), summary=json.dumps(summary,
                                                                            ensure_ascii=False)
        ) + body,
        st.text(max_size=40), st.text(max_size=80), markdown,
    ),
    markdown.map(lambda body: FRONT.format(title='"Tytuł"', summary='"Streszczenie"') + body),
    st.builds(lambda head, body: "---\n" + head + "\n---\n" + body, markdown, markdown),
    markdown,
)


def story(text: str) -> None:
    """The story checks and the story page's HTML for one story file."""
    COUNTS["story"] += 1
    root = _register()
    path = root / "dobre-praktyki" / "fuzz.md"
    raw = dataclasses.replace(
        _raw(), stories=[RawStory(path, "register/dobre-praktyki/fuzz.md", "fuzz", text)]
    )
    for found in check_stories(raw, Context(AS_OF, None)):
        located(found)
    try:
        _, body, _ = split_front_matter(text)
    except FrontMatterError:
        body = text
    for source in (body, text):
        rendered = str(story_html(source))
        assert violations(rendered) == [], (violations(rendered), rendered)


# --- (b) issue bodies ------------------------------------------------------------------------


@cache
def _form() -> tuple[issue_form.FormField, ...]:
    return tuple(issue_form.fields(_raw()))


EVENT_LINES = (
    "2024-01-10; złożenie wniosku o certyfikat",
    "05.03.2024; wydanie certyfikatu KIS na 3 lata; KIS-22-2024-001",
    "2025-06-30; wykreślenie klubu z rejestru; zakończenie działalności",
    "2024-13-45; cośtam", "; ;", "2024-01-10", "2024-01-10;;;;;", "1999-01-01; wniosek",
)
CLUBS = ("kolbudy", "gdansk-przymorze", "radom-centrum", "nowy-klub", "Kolbudy", "", "x" * 70)


def _answer(f: issue_form.FormField) -> st.SearchStrategy[str]:
    hostile = st.text(max_size=60)
    if f.target == "kind":
        likely = st.sampled_from([*issue_form.KINDS.values(), *issue_form.KINDS])
    elif f.target == "voivodeship":
        likely = st.sampled_from([*issue_form.voivodeship_names(_raw()), "POMORSKIE", "mazowsze"])
    elif f.target == "club_id":
        likely = st.sampled_from(CLUBS)
    elif f.target == "consent":
        likely = st.sampled_from([f"- [X] {issue_form.CONSENT}", f"- [ ] {issue_form.CONSENT}"])
    elif f.target == issue_form.EVENTS:
        likely = st.lists(st.sampled_from(EVENT_LINES) | hostile, max_size=4).map("\n".join)
    elif f.options:
        likely = st.lists(st.sampled_from(f.options), max_size=3).map(", ".join)
    else:
        likely = st.sampled_from(["", "-", "80-394", "Gdańsk", "https://x.pl", "+48 58 123 45 67",
                                  "=HYPERLINK(1)", "@team", "ul. Długa 1", "54.4", "0000123456"])
    return st.one_of(st.just(submission.NO_RESPONSE), likely, hostile)


NEW_CLUB_SKIPPED = ("klub_id", "wojewodztwo", "krs", "regon", "nip", "numer_wpisu", "email",
                    "www", "telefon")  # what would repeat the model club's identity


@st.composite
def _near_valid(draw: st.DrawFn) -> dict[str, str]:
    """Answers by target for a change that would pass, with at most one answer made hostile."""
    kind = draw(st.sampled_from(list(issue_form.KINDS)))
    answers = {"kind": issue_form.KINDS[kind], "voivodeship": "pomorskie", "club_id": "kolbudy",
               "consent": f"- [X] {issue_form.CONSENT}"}
    if kind == "nowy_klub":
        table = _raw().table("kluby-pomorskie")
        model = table.rows[0] if table and table.rows else {}
        answers |= {f"kluby.{k}": v for k, v in model.items() if k not in NEW_CLUB_SKIPPED and v}
        answers |= {"club_id": "nowy-klub", "kluby.nazwa": "Klub Integracji Społecznej „Nowy”"}
    if kind in ("nowy_klub", "zdarzenie"):
        answers[issue_form.EVENTS] = "2026-01-10; złożenie wniosku o certyfikat"
    if kind == "wykreslenie":
        answers[issue_form.EVENTS] = "2026-01-10; wykreślenie klubu z rejestru; koniec"
    services = [f for f in _form() if f.target == "uslugi.usluga"]
    if kind == "usluga" and services:
        answers["uslugi.usluga"] = draw(st.sampled_from(services[0].options))
    club_fields = [f for f in _form() if f.table == "kluby"]
    if kind == "zmiana_danych" and club_fields:
        f = draw(st.sampled_from(club_fields))
        answers[f.target] = draw(_answer(f))
    if draw(st.integers(0, 2)) == 0:  # one answer given (another would be refused as such)
        f = draw(st.sampled_from([f for f in _form() if f.target in answers]))
        answers[f.target] = draw(_answer(f))
    return answers


@st.composite
def issue_body(draw: st.DrawFn) -> str:
    """A body as GitHub renders the form, with answers, order and repeats varied; or any text."""
    if draw(st.booleans()):
        answers = draw(_near_valid())
        ending = draw(st.sampled_from(["\n", "\r\n"]))
        return "\n".join(
            f"### {f.label}\n\n{answers.get(f.target) or submission.NO_RESPONSE}\n"
            for f in _form()
        ).replace("\n", ending)
    if draw(st.integers(0, 9)) == 0:
        return draw(st.lists(st.sampled_from(["### ", "\n", "Rodzaj zmiany", "_No response_"])
                             | st.text(max_size=30), max_size=20).map("".join))
    sections = []
    for f in _form():
        if draw(st.integers(0, 7)) == 0:
            continue  # a section left out
        sections.append(f"### {f.label}\n\n{draw(_answer(f))}\n")
    if sections and draw(st.integers(0, 9)) == 0:
        sections.append(draw(st.sampled_from(sections)))  # a repeated section
    if draw(st.integers(0, 9)) == 0:
        sections = draw(st.permutations(sections))
    if draw(st.integers(0, 9)) == 0:
        sections.append(f"### {draw(st.text(max_size=20))}\n\n{draw(st.text(max_size=20))}\n")
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return "\n".join(sections).replace("\n", ending)


def issue(body: str) -> None:
    """``kis zgloszenie --check``: a located rejection or a valid change; nothing written."""
    COUNTS["issue"] += 1
    # submit() starts exactly so; a rejected body needs no fresh load of the register
    answers = submission.read_answers(body, "zgloszenie.md")
    request, errors = submission.read_request(answers, _raw())
    if request is None:
        assert errors
        for p in errors:
            located(p)
        return
    root = _register()
    before = digests(root)
    outcome = submission.submit(root, body, AS_OF, write=False, source="zgloszenie.md")
    assert digests(root) == before
    if outcome.accepted:
        assert outcome.request is not None and not outcome.applied
    else:
        found = [*outcome.errors, *outcome.problems]
        assert found, outcome
        for p in found:
            located(p)
    for p in outcome.warnings:
        located(p)


# --- (c) CSV cells ---------------------------------------------------------------------------

CELL_TRICKS = (
    "", " ", '"', '""', ",", "\n", "\r\n", "\r", "\t", "\x00", "\x1b[2J", "\u202e", "\ufeff",
    "=1+1", "+48 58 123 45 67", "-", "@SUM(A1)", "0", "-1", "1e309", "NaN", "2024-02-30",
    "31.12.2024", "00-000", "ą" * 300, "x" * 6000, "<script>", "{{ 7*7 }}", "'", "\\",
)
cell_value = st.one_of(st.sampled_from(CELL_TRICKS), st.text(max_size=80),
                       st.text(alphabet="0123456789-.,: ", max_size=20))


@cache
def _clubs_file() -> tuple[Path, str]:
    path = _register() / "wojewodztwa" / "pomorskie" / "kluby.csv"
    return path, path.read_text(encoding="utf-8")


@st.composite
def club_file(draw: st.DrawFn) -> bytes:
    """The pomorskie club file with one to three cells replaced, or raw bytes spliced in."""
    _, original = _clubs_file()
    rows = list(csv.reader(io.StringIO(original, newline="")))
    for _ in range(draw(st.integers(1, 3))):
        r = draw(st.integers(1, len(rows) - 1))
        c = draw(st.integers(0, len(rows[0]) - 1))
        rows[r][c] = draw(cell_value)
    out = io.StringIO()
    csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows(rows)
    data = out.getvalue().encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at:]
    return data


def cell(data: bytes) -> None:
    """``kis validate`` of the register with this club file: located problems; valid → model."""
    COUNTS["cell"] += 1
    path, original = _clubs_file()
    path.write_bytes(data)
    try:
        report = validate(_register(), AS_OF)
    finally:
        path.write_text(original, encoding="utf-8")
    for found in report.problems:
        located(found)
    if report.valid:
        build_register(report.raw)


TARGETS = {"story": (story, story_file), "issue": (issue, issue_body()),
           "cell": (cell, club_file())}
