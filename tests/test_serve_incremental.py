"""`kis serve` after an edit to rows: the incremental validation and the quick page update.

The incremental validation must give the problems a full validation gives; the model made by
reading only the edited folders again must be a full reading's; the page written at once (made
alone) must be the page a full build writes; the site after the background build must be a full
build's, byte for byte. What validation remembers between edits (stories' text checks, clubs'
points) must give each caller its own, right answer.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from generator.api import read_register
from generator.geo import boundaries as geo
from generator.parts import pages
from generator.parts.pages import club_pages
from generator.register.load import load_register
from generator.site import build as build_module
from generator.site import refresh, serve
from generator.site.build import BuildResult
from generator.site.context import SiteContext
from generator.site.markdown_page import LazyPage, PageText, page
from generator.validation import incremental
from generator.validation.rules import voivodeship
from generator.validation.validate import rule_context, validate
from tests.registers import (
    SMALL_AS_OF,
    apply_edit,
    fixture_names,
    load_fixture,
    make_bad,
    make_base,
    make_register,
)
from tests.site_support import build_own, hashes

QUICK = club_pages


def _edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _append(path: Path, line: str) -> Path:
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")
    return path


def _drop_lines(path: Path, marker: str) -> Path:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if marker not in x), encoding="utf-8")
    return path


def _folder(register: Path, slug: str) -> Path:
    return register / "wojewodztwa" / slug


Edit = Callable[[Path], list[Path]]
# Each edit touches files of one or two voivodeship folders; several make problems that only a
# check across folders finds (a club id or a certificate number used in two voivodeships).
EDITS: list[tuple[str, Edit, bool]] = [  # (what, edit, valid afterwards)
    ("a club's name", lambda r: [_edit(_folder(r, "pomorskie") / "kluby.csv",
                                       "w Kolbudach,", "„Nowa Droga”,")], True),
    ("an event added",
     lambda r: [_append(_folder(r, "pomorskie") / "zdarzenia.csv",
                        "slupsk-start,2025-10-01,wniosek_dopuszczony,,\n")], True),
    ("a malformed date", lambda r: [_edit(_folder(r, "mazowieckie") / "kluby.csv",
                                          "2020-01-15", "15 stycznia")], False),
    ("the date mended", lambda r: [_edit(_folder(r, "mazowieckie") / "kluby.csv",
                                         "15 stycznia", "2020-01-15")], True),
    ("a club id used in another voivodeship",
     lambda r: [_edit(_folder(r, "lubelskie") / "kluby.csv", "lublin-cofniety", "kolbudy"),
                _edit(_folder(r, "lubelskie") / "zdarzenia.csv", "lublin-cofniety", "kolbudy"),
                _edit(_folder(r, "lubelskie") / "uslugi.csv", "lublin-cofniety", "kolbudy")],
     False),
    ("the id mended",
     lambda r: [_edit(_folder(r, "lubelskie") / "kluby.csv", "kolbudy", "lublin-cofniety"),
                _edit(_folder(r, "lubelskie") / "zdarzenia.csv", "kolbudy", "lublin-cofniety"),
                _edit(_folder(r, "lubelskie") / "uslugi.csv", "kolbudy", "lublin-cofniety")],
     True),
    ("a certificate number of another voivodeship",
     lambda r: [_edit(_folder(r, "mazowieckie") / "zdarzenia.csv",
                      "KIS-14-2025-001", "KIS-22-2024-001")], False),
    ("the number mended", lambda r: [_edit(_folder(r, "mazowieckie") / "zdarzenia.csv",
                                           "KIS-22-2024-001", "KIS-14-2025-001")], True),
    ("events of a club of another folder",
     lambda r: [_append(_folder(r, "mazowieckie") / "zdarzenia.csv",
                        "kolbudy,2025-10-01,wniosek_zlozony,,\n")], False),
    ("a club removed with its rows",
     lambda r: [_drop_lines(_folder(r, "mazowieckie") / name, "radom-odmowa")
                for name in ("kluby.csv", "zdarzenia.csv", "uslugi.csv")]
     + [_drop_lines(_folder(r, "mazowieckie") / "zdarzenia.csv", "kolbudy")], True),
]


def test_incremental_validation_equals_a_full_one(tmp_path: Path) -> None:
    register = make_register(tmp_path / "register")
    done = incremental.start(register, SMALL_AS_OF)
    assert done.report.problems == validate(register, SMALL_AS_OF).problems
    codes: set[str] = set()
    for what, edit, valid in EDITS:
        resources = incremental.voivodeship_resources(done, edit(register))
        assert resources, what
        done = incremental.update(done, resources)
        full = validate(register, SMALL_AS_OF)
        assert done.report.problems == full.problems, what
        assert done.report.valid is valid, what
        codes |= {p.code for p in full.problems}
    # the edits did make problems that only a look across voivodeships finds
    assert {"club-id-duplicate", "club-other-voivodeship", "certificate-number-parts"} <= codes


def test_only_voivodeship_tables_are_checked_alone(tmp_path: Path) -> None:
    register = make_register(tmp_path / "register")
    done = incremental.start(register, SMALL_AS_OF)
    kluby = _folder(register, "pomorskie") / "kluby.csv"
    assert incremental.voivodeship_resources(done, [kluby]) == {"kluby-pomorskie"}
    for other in (register / "slowniki" / "katalog_uslug.csv", register / "datapackage.yaml",
                  register / "schematy" / "kluby.yaml"):
        assert incremental.voivodeship_resources(done, [kluby, other]) is None


def test_changed_files_between_snapshots(tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("1", encoding="utf-8")
    b.write_text("1", encoding="utf-8")
    before = serve.snapshot((tmp_path,))
    a.write_text("22", encoding="utf-8")
    assert serve.changed_files(before, serve.snapshot((tmp_path,))) == [a]
    (tmp_path / "c.csv").write_text("", encoding="utf-8")
    assert serve.changed_files(before, serve.snapshot((tmp_path,))) is None


def _full_build(register: Path, out: Path) -> Path:
    build_own(register, out, SMALL_AS_OF)
    return out


@dataclass
class Served:
    register: Path
    out: Path  # the served site
    preview: serve.Preview


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """The small register in a preview that has built its first site."""
    register = make_register(tmp_path / "register")
    out = tmp_path / "served" / "site"
    preview = serve.Preview(register, out, SMALL_AS_OF, build_own,
                            roots=(register,), quick=QUICK)
    try:
        assert preview.rebuild()
        yield Served(register, out, preview)
    finally:
        preview.close()


def test_preview_shows_an_edited_club_at_once_then_the_whole_site(
    served: Served, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register, out, preview = served.register, served.out, served.preview
    page = "kluby/kolbudy/index.html"
    name, events = EDITS[0][1], EDITS[1][1]
    for step, edit in enumerate((name, events)):
        edit(register)
        assert preview.poll() is True
        assert preview.finishing is not None  # the rest is being built in the background
        expected = _full_build(register, tmp_path / f"full-{step}" / "site")
        if step == 0:  # the club's own page is already the new one, byte for byte
            assert (out / page).read_bytes() == (expected / page).read_bytes()
            assert "„Nowa Droga”" in (out / page).read_text(encoding="utf-8")
            assert "„Nowa Droga”" not in (out / "rejestr" / "index.html").read_text("utf-8")
        else:
            club = "kluby/slupsk-start/index.html"
            assert (out / club).read_bytes() == (expected / club).read_bytes()
        assert preview.wait()
        assert hashes(out) == hashes(expected)  # the whole site, as a full build makes it
    printed = capsys.readouterr().out
    assert "Zaktualizowano strony klubów: 1" in printed
    assert "Zbudowano całą stronę" in printed

    # an error: printed, the site stays as it was, nothing is built in the background
    before = hashes(out)
    EDITS[2][1](register)
    assert preview.poll() is True
    assert preview.finishing is None
    assert "nie została przebudowana" in capsys.readouterr().err
    assert hashes(out) == before
    assert preview.poll() is False

    # mended, and a club removed: the site is again what a full build makes
    EDITS[3][1](register)
    EDITS[-1][1](register)
    assert preview.poll() is True
    assert preview.wait()
    expected = _full_build(register, tmp_path / "full-last" / "site")
    assert not (out / "kluby" / "radom-odmowa").exists()
    assert hashes(out) == hashes(expected)


def _held_build(hold: Path) -> serve.Build:
    """``build_own`` that waits (in the background build's process) while ``hold`` exists: the
    build is certainly still running when the test edits the register again."""

    def build(register: Path, out: Path, as_of: date, **options: Any) -> build_module.BuildResult:
        deadline = time.monotonic() + 60
        while hold.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return build_own(register, out, as_of, **options)

    return build


def test_an_edit_during_the_background_build_stops_it(tmp_path: Path) -> None:
    register = make_register(tmp_path / "register")
    out, hold = tmp_path / "served" / "site", tmp_path / "hold"
    preview = serve.Preview(register, out, SMALL_AS_OF, _held_build(hold),
                            roots=(register,), quick=QUICK)
    try:
        assert preview.rebuild()
        hold.touch()
        EDITS[0][1](register)
        assert preview.poll() is True
        first = preview.finishing
        assert first is not None and first.process.is_alive()
        EDITS[1][1](register)
        assert preview.poll() is True  # stops the first background build, starts another
        hold.unlink()
        assert first in preview.stopped or not first.process.is_alive()
        first.process.join(timeout=60)
        assert first.process.exitcode != 0  # stopped, not finished
        assert preview.wait()
        assert hashes(out) == hashes(_full_build(register, tmp_path / "full" / "site"))
    finally:
        preview.close()
    assert not list(out.parent.glob("site.next-*"))  # nothing left behind


def test_a_dictionary_change_rebuilds_the_whole_site(
    served: Served, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register, out, preview = served.register, served.out, served.preview
    capsys.readouterr()
    services = register / "slowniki" / "katalog_uslug.csv"
    text = services.read_text(encoding="utf-8")
    changed = text.replace("poradnictwo prawne,", "poradnictwo prawne i obywatelskie,", 1)
    assert changed != text  # the dictionary's content changes, not only the file's time
    services.write_text(changed, encoding="utf-8")
    assert preview.poll() is True
    assert preview.finishing is None  # built at once, not in the background
    assert "Zbudowano stronę" in capsys.readouterr().out
    assert hashes(out) == hashes(_full_build(register, tmp_path / "full" / "site"))


def _framed(p: PageText) -> str:
    """A page in a frame as the site builder writes it: escaped title and description."""
    title, description = escape(p.meta["title"]), escape(p.meta.get("description", ""))
    return (f'<title>{title} - Rejestr</title><meta name="description" content="{description}">'
            f"<main>{p.body}</main><footer>{title}</footer>")


def test_a_page_is_rewritten_in_its_frame_or_left_to_the_build() -> None:
    before = page("Klub A, Gdańsk", "<h1>Klub A</h1>\n<p>adres</p>",
                  description="Klub A, Gdańsk – certyfikowany.")
    after = page("Klub „B & C”, Gdańsk", "<h1>Klub „B &amp; C”</h1>\n<p>adres</p>",
                 description="Klub „B & C”, Gdańsk – certyfikowany.")
    assert refresh.replaced(_framed(before), before, after) == _framed(after)
    assert "&amp;" in _framed(after)  # the frame's values are escaped
    hidden = page("Klub A, Gdańsk", before.body, description=before.meta["description"],
                  hide=("toc",))
    assert refresh.replaced(_framed(before), before, hidden) is None  # another frame
    assert refresh.replaced("<main>inna treść</main>", before, after) is None  # not its page


CONTENT_EDITS = ("replace", "write", "write_bytes_hex", "append", "semicolons", "encode", "bom",
                 "crlf", "truncate_after")


def _row_level(name: str) -> bool:
    """The bad register differs from the base only in the contents of voivodeship CSV files."""
    fixture = load_fixture(name)
    edits = fixture["zmiany"]
    return not fixture.get("git") and all(
        re.fullmatch(r"wojewodztwa/[^/]+/[^/]+\.csv", e["file"])
        and any(k in e for k in CONTENT_EDITS) and not e.get("delete") for e in edits)


ROW_LEVEL = [name for name in fixture_names() if _row_level(name)]


def test_the_bad_corpus_has_row_level_cases() -> None:
    assert len(ROW_LEVEL) >= 40


@pytest.mark.parametrize("name", ROW_LEVEL)
def test_incremental_validation_of_a_bad_register(tmp_path: Path, name: str) -> None:
    """Every bad register of tests/bad/ made by editing rows: as the full validation finds it."""
    register = make_base(tmp_path / "register")
    done = incremental.start(register, SMALL_AS_OF)
    fixture = load_fixture(name)
    for edit in fixture["zmiany"]:
        apply_edit(register, edit)
    files = {register / e["file"] for e in fixture["zmiany"]}
    resources = incremental.voivodeship_resources(done, files)
    if resources is None:  # a file the base did not have, or did not read: a full validation
        pytest.fail(f"{name}: {sorted(map(str, files))} are not voivodeship tables of the base")
    incremental_problems = incremental.update(done, resources).report.problems
    assert incremental_problems == validate(register, SMALL_AS_OF).problems


# --- what an edit of rows makes again, and only that -------------------------------------------


def test_club_pages_are_the_pages_the_build_makes(tmp_path: Path) -> None:
    """The preview makes an edited club's page alone (its views of that club alone): the page
    of the whole pages part, front matter and body."""
    register = make_register(tmp_path / "register")
    model = read_register(register, SMALL_AS_OF)
    ctx = SiteContext(as_of=SMALL_AS_OF, register_root=register, cache_dir=tmp_path / "cache")
    every = pages.site_files(model, ctx)
    ids = {"kolbudy", "radom-odmowa", "slupsk-start"}
    some = club_pages(model, ctx, ids | {"no-such-club"})
    assert sorted(some) == sorted(f"kluby/{i}/index.md" for i in ids)
    for path, made in some.items():
        whole = every[path]
        assert isinstance(made, LazyPage) and isinstance(whole, LazyPage)
        assert made.meta == whole.meta
        assert made.body == whole.body


def _no_site(register: Path, out: Path, as_of: date, **options: Any) -> BuildResult:
    """A build that makes an empty site: for tests of what the preview reads, not shows."""
    out.mkdir(parents=True, exist_ok=True)
    return BuildResult(out, 0, 0)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The registers the preview made a model of anew (not only the edited folders' clubs)."""
    made: list[object] = []
    whole = serve.build_register

    def counted(raw: Any) -> Any:
        made.append(raw)
        return whole(raw)

    monkeypatch.setattr(serve, "build_register", counted)
    return made


def test_the_model_after_edits_of_rows_is_a_full_reading(tmp_path: Path,
                                                         reads: list[object]) -> None:
    """After each edit of EDITS (errors, their mends, a club removed) the model the preview
    shows is the one a full reading makes, though only the edited folders were read again."""
    register = make_register(tmp_path / "register")
    preview = serve.Preview(register, tmp_path / "served" / "site", SMALL_AS_OF, _no_site,
                            roots=(register,), quick=QUICK)
    try:
        assert preview.rebuild()
        for what, edit, valid in EDITS:
            edit(register)
            assert preview.poll() is True
            preview.wait()
            assert preview.shown is not None
            if valid:
                assert preview.shown.model == read_register(register, SMALL_AS_OF), what
        assert reads == []  # no edit made the model anew
    finally:
        preview.close()


def test_after_a_refused_rebuild_the_model_is_made_anew(tmp_path: Path,
                                                        reads: list[object]) -> None:
    """A dictionary edited together with a row error is refused; once the row is mended (an
    edit of rows), the dictionary is not the shown site's: the model is made anew."""
    register = make_register(tmp_path / "register")
    preview = serve.Preview(register, tmp_path / "served" / "site", SMALL_AS_OF, _no_site,
                            roots=(register,), quick=QUICK)
    try:
        assert preview.rebuild()
        _edit(register / "slowniki" / "katalog_uslug.csv", ",samopomocowe grupy wsparcia,",
              ",grupy wsparcia i samopomocy,")
        EDITS[2][1](register)  # a malformed date
        assert preview.poll() is True
        assert preview.finishing is None  # refused
        EDITS[3][1](register)  # mended: an edit of rows only
        assert preview.poll() is True
        preview.wait()
        assert preview.shown is not None
        assert preview.shown.model == read_register(register, SMALL_AS_OF)
        assert preview.shown.model.services["grupa_wsparcia"].name == "grupy wsparcia i samopomocy"
        assert len(reads) == 1
    finally:
        preview.close()


def test_snapshot_lists_files_not_linked_folders(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    deep = tmp_path / "a" / "b" / "c.csv"
    deep.write_text("1", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "a", target_is_directory=True)
    taken = serve.snapshot((tmp_path,))
    assert [path for path, *_ in taken] == [str(deep)]
    deep.write_text("22", encoding="utf-8")
    assert serve.changed_files(taken, serve.snapshot((tmp_path,))) == [deep]


def test_remembered_story_problems_are_copies(tmp_path: Path) -> None:
    """A story's line and link problems are remembered; each validation gets its own."""
    register = make_bad(tmp_path / "register", "story-javascript-link")
    first = [p for p in validate(register, SMALL_AS_OF).problems if p.code == "story-link"]
    assert first
    for p in first:
        p.params.clear()
    again = [p for p in validate(register, SMALL_AS_OF).problems if p.code == "story-link"]
    assert again == first and all(p.params for p in again)


def test_a_point_is_placed_by_the_boundaries_asked(tmp_path: Path) -> None:
    """The voivodeship of a club's point is remembered per boundaries: other boundaries (or
    none) give their own answer for the same point."""
    register = make_register(tmp_path / "register")
    context = rule_context(load_register(register), SMALL_AS_OF)
    everywhere = context.boundaries
    assert isinstance(everywhere, geo.Boundaries)
    row = {"szerokosc": "54.3", "dlugosc": "18.5"}  # Gdańsk-ish: pomorskie (22)
    assert voivodeship._point(row, "22", context) == {"22"}
    without = geo.Boundaries(
        tuple(r for r in everywhere.regions if r.teryt != "22"),
        {t: r for t, r in everywhere.by_teryt.items() if t != "22"}, everywhere.bbox)
    assert voivodeship._point(row, "22", replace(context, boundaries=without)) == set()
    assert voivodeship._point(row, "22", replace(context, boundaries=None)) == set()
    assert voivodeship._point(row, "22", context) == {"22"}
