"""What a warm build reuses from the build cache gives the very bytes it would make (#19): the
open-data workbooks and the maps; and the faster code paths give what the plain ones gave."""

from __future__ import annotations

import ast
import importlib.util
import os
import random
import time
from datetime import date
from pathlib import Path

import pytest

from generator.parts import maps, views
from generator.parts.opendata import form7, ical, workbook_cache, xlsx_export
from generator.parts.opendata.common import scopes
from generator.register.package_meta import read_package_meta
from generator.site import cache_files as cache_files_module
from generator.site.context import SiteContext
from tests.registers import REGISTER, model_club, model_history, register_model

AS_OF = date(2024, 11, 22)


def _register():
    clubs = [
        model_club(f"klub-{n:02d}", teryt, name=f"Klub {name}",
                   events=model_history(f"klub-{n:02d}", "2024-03-01", f"KIS-{teryt}-2024-{n:03d}"))
        for n, (teryt, name) in enumerate([("02", "Łąka"), ("02", "Las"), ("22", "Żuraw"),
                                           ("22", "Ćma"), ("22", "Aster")], start=1)
    ]
    return register_model(clubs)


def _ctx(cache: Path) -> SiteContext:
    return SiteContext(as_of=AS_OF, register_root=REGISTER, cache_dir=cache)


def test_a_cached_workbook_is_not_written_again(tmp_path: Path) -> None:
    calls = []

    def make() -> bytes:
        calls.append(1)
        return b"workbook"

    workbooks = workbook_cache.memo(tmp_path)
    assert workbook_cache.cached_workbook(workbooks, ("a", 1), make) == b"workbook"
    assert workbook_cache.cached_workbook(workbooks, ("a", 1), make) == b"workbook"
    assert len(calls) == 1
    workbook_cache.cached_workbook(workbooks, ("a", 2), make)  # other cells: another workbook
    assert len(calls) == 2


def test_no_cache_folder_no_files(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    assert workbook_cache.cached_workbook(workbook_cache.memo(missing), "x", lambda: b"1") == b"1"
    assert workbook_cache.cached_workbook(workbook_cache.memo(None), "x", lambda: b"2") == b"2"
    assert workbook_cache.cached_workbook(None, "x", lambda: b"3") == b"3"
    assert not missing.exists()


def test_workbooks_from_the_cache_are_the_written_bytes(tmp_path: Path) -> None:
    register = _register()
    meta = read_package_meta(REGISTER)
    all_scopes = scopes(register, _ctx(tmp_path))
    plain = xlsx_export.site_files(all_scopes, register, meta, AS_OF)
    plain |= form7.site_files(register, AS_OF)
    workbooks = workbook_cache.memo(tmp_path)
    first = xlsx_export.site_files(all_scopes, register, meta, AS_OF, workbooks)
    first |= form7.site_files(register, AS_OF, workbooks)
    cached = len(list((tmp_path / workbook_cache.FOLDER).glob("*.xlsx")))
    assert cached == len([p for p in first if p.endswith(".xlsx")]) == 32
    workbooks = workbook_cache.memo(tmp_path)  # the next build
    again = xlsx_export.site_files(all_scopes, register, meta, AS_OF, workbooks)
    again |= form7.site_files(register, AS_OF, workbooks)
    assert plain == first == again


def test_a_build_whose_workbooks_exceed_the_limit_keeps_them_all(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The byte limit evicts other builds' workbooks, never this build's (review S6)."""
    register = _register()
    other = workbook_cache.memo(tmp_path)
    workbook_cache.cached_workbook(other, "another register", lambda: b"old")
    workbooks = workbook_cache.memo(tmp_path)
    written = form7.site_files(register, AS_OF, workbooks)
    monkeypatch.setattr(workbook_cache, "MAX_BYTES", 1)
    gone = workbook_cache.evict(workbooks)
    assert [p.stem for p in gone] == [workbook_cache.workbook_key("another register")]
    kept = list((tmp_path / workbook_cache.FOLDER).glob("*.xlsx"))
    assert len(kept) == len([p for p in written if p.endswith(".xlsx")]) == 16


def test_workbooks_unused_for_long_are_evicted(tmp_path: Path) -> None:
    workbook_cache.cached_workbook(workbook_cache.memo(tmp_path), "old", lambda: b"old")
    workbooks = workbook_cache.memo(tmp_path)  # a later build
    workbook_cache.cached_workbook(workbooks, "new", lambda: b"new")
    old = tmp_path / workbook_cache.FOLDER / f"{workbook_cache.workbook_key('old')}.xlsx"
    past = time.time() - (workbook_cache.MAX_AGE_DAYS + 1) * 86400
    os.utime(old, (past, past))
    assert workbook_cache.evict(workbooks) == [old]
    assert len(list((tmp_path / workbook_cache.FOLDER).glob("*.xlsx"))) == 1


def test_maps_from_the_cache_are_the_drawn_ones(tmp_path: Path) -> None:
    data = views.SiteData(_register(), AS_OF)
    bounds = maps.boundaries(REGISTER)
    assert bounds is not None
    w = data.register.voivodeship("22")
    drawn = (maps.national(bounds, data, "mapa/"), maps.voivodeship(bounds, data, w, "x/"),
             maps.locator_files(bounds))
    for _ in range(2):  # the first fills the cache, the second reads it
        memo = maps.MapMemo(REGISTER, tmp_path)
        assert (maps.national(bounds, data, "mapa/", memo),
                maps.voivodeship(bounds, data, w, "x/", memo),
                maps.locator_files(bounds, memo)) == drawn
    assert len(list((tmp_path / "maps").glob("*.json"))) == 3


def test_maps_are_bounded_by_size_but_never_this_builds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each register edit draws new maps: the oldest go over the byte limit (review S5), but
    a build never evicts the maps it drew itself."""
    data = views.SiteData(_register(), AS_OF)
    bounds = maps.boundaries(REGISTER)
    earlier = maps.MapMemo(REGISTER, tmp_path)
    maps.national(bounds, data, "stara/", earlier)  # a map no later build draws
    monkeypatch.setattr(maps, "MAPS_MAX_BYTES", 1)
    memo = maps.MapMemo(REGISTER, tmp_path)
    maps.national(bounds, data, "mapa/", memo)
    maps.locator_files(bounds, memo)
    assert len(memo.evict()) == 1
    assert len(list((tmp_path / maps.MAPS_FOLDER).glob("*.json"))) == 2
    assert memo.evict() == []


def test_sorted_once_lists_are_the_sorted_lists() -> None:
    data = views.SiteData(_register(), AS_OF)
    assert data.certified() == views.sort_by_name(v for v in data.clubs if v.certified)
    assert data.in_voivodeship("22") == views.sort_by_name(
        v for v in data.clubs if v.club.voivodeship == "22")
    assert [v.club.name for v in data.in_voivodeship("22")] == ["Klub Aster", "Klub Ćma",
                                                               "Klub Żuraw"]


def _fold_letter_by_letter(line: str) -> str:
    pieces, current, size, limit = [], "", 0, ical.MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, ical.MAX_OCTETS - 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


@pytest.mark.parametrize("seed", range(3))
def test_fold_cuts_where_letter_by_letter_folding_cut(seed: int) -> None:
    rng = random.Random(seed)
    letters = "abcąęłżź€😀 ,;"
    for _ in range(2000):
        line = "".join(rng.choice(letters) for _ in range(rng.randint(0, 300)))
        folded = ical.fold(line)
        assert folded == _fold_letter_by_letter(line)
        assert all(len(p.encode("utf-8")) <= ical.MAX_OCTETS for p in folded.split("\r\n"))


def test_bench_warms_a_left_over_cache_up_before_timing_warm_builds(tmp_path: Path) -> None:
    """bench/RESULTS.md once noted a "warm" build that rendered 2,016 PDFs: with --no-cold, the
    cache of an earlier run (older forms' code) was taken as warm. Such a cache is now brought
    up to date by an untimed build first."""
    from bench import run

    warm_only = run.parse(["--no-cold"])
    cache = tmp_path / "cache"
    assert not run.needs_warm_up(warm_only, cache, [])  # no cache: the first build is cold
    cache.mkdir()
    assert run.needs_warm_up(warm_only, cache, [])
    assert not run.needs_warm_up(warm_only, cache, ["formularze"])  # no forms, no PDFs
    assert not run.needs_warm_up(run.parse([]), cache, [])  # cold runs empty the cache anyway


def _generator_imports(module: Path) -> set[Path]:
    """The files of the generator modules ``module`` imports."""
    found = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                 [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
                 if isinstance(node, ast.ImportFrom) else [])
        for name in names:
            if name.startswith("generator"):
                spec = importlib.util.find_spec(name) if _importable(name) else None
                if spec is not None and spec.origin:
                    found.add(Path(spec.origin))
    return found


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a name imported from a module, not a module
        return False


def test_the_map_memo_key_covers_every_module_the_drawing_imports() -> None:
    """A cached map must not outlive an edit to what wrote it (e.g. a plural in polish.py)."""
    drawing = Path(maps.render_map.__file__)
    needed = _generator_imports(drawing) - {Path(p) for p in ("generator/__init__.py",)}
    needed = {p for p in needed if p.name != "__init__.py"}
    assert needed, "the scan found no import: it would pass whatever MAP_CODE holds"
    assert needed <= set(maps.MAP_CODE), sorted(map(str, needed - set(maps.MAP_CODE)))


def test_memo_texts_are_bounded_by_size_but_never_this_builds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The filled documents' fragments and QR codes: evicted (at the start of a build) over
    their byte limits, but never those of the documents this build has (review S5)."""
    from generator.api import read_register
    from generator.parts.documents import filled_docs
    from tests.registers import make_register

    as_of = date(2026, 12, 7)
    register = read_register(make_register(tmp_path / "register"), as_of)
    cache = tmp_path / "cache"
    earlier = filled_docs.FilledDocuments(register, as_of, "https://kis.example.pl/", cache)
    cards = list(earlier.cards())
    issued = [doc for _, doc in earlier.certificates()]
    assert cards and issued
    for doc in cards:
        earlier.html(doc, 3)
    for doc in issued:
        earlier.html(doc, 2)
    html, qr = cache / "forms" / "html", cache / "forms" / "qr"
    made = {p.name for p in html.iterdir()} | {p.name for p in qr.iterdir()}
    assert len(made) == len(cards) + 2 * len(issued)  # each fragment and each QR code
    for stale in (html / "another-register-h3.html", qr / "another-register.svg"):
        stale.write_text("<p>stary</p>", encoding="utf-8")
    monkeypatch.setattr(filled_docs, "FRAGMENTS_MAX_BYTES", 1)
    monkeypatch.setattr(filled_docs, "QR_MAX_BYTES", 1)
    filled_docs.FilledDocuments(register, as_of, "https://kis.example.pl/", cache).evict()
    assert {p.name for p in html.iterdir()} | {p.name for p in qr.iterdir()} == made


def test_the_maps_borrow_no_cache_class_from_the_documents() -> None:
    """One memo for every part (``site.cache_files.Memo``): the maps need not the documents."""
    imported = _generator_imports(Path(maps.__file__))
    documents = Path(maps.__file__).parent / "documents"
    assert not [p for p in imported if documents in p.parents]
    assert Path(cache_files_module.__file__) in imported
