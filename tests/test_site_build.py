"""The site build: deterministic, atomic, strict, and the pieces it is made of."""

from __future__ import annotations

import dataclasses
import inspect
import os
import re
import shutil
import threading
from datetime import date
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from generator import resources, website
from generator.api import read_register
from generator.polish import file_size
from generator.site import build, nav, serve
from generator.site.context import Part, SiteContext, configured_site_url
from generator.site.markdown_page import page
from generator.site.pending import MARK_OPEN, Pending, size_mark
from tests.registers import SMALL_AS_OF, SMALL_CLUBS, make_register
from tests.site_support import (
    DEMO,
    DEMO_AS_OF,
    OWN_PARTS,
    build_own,
    collect,
    hashes,
)

OWN = [part for part in website.PARTS if part.name in OWN_PARTS]


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A register and a site built from it with this project's own parts (copied per test)."""
    root = tmp_path_factory.mktemp("old")
    register = make_register(root / "register")
    build_own(register, root / "site", SMALL_AS_OF)
    return register, root / "site"


@pytest.fixture
def old_site(
    built_once: tuple[Path, Path], tmp_path: Path
) -> tuple[Path, Path, dict[str, str]]:
    """A register, a site built from it (for SMALL_AS_OF), and the hashes of that site's files."""
    register = tmp_path / "register"
    out = tmp_path / "out" / "site"
    shutil.copytree(built_once[0], register)
    shutil.copytree(built_once[1], out)
    return register, out, hashes(out)


def leftovers(out: Path) -> list[str]:
    """Temporary folders of builds next to ``out`` (there should be none after a build)."""
    return sorted(
        p.name
        for p in out.parent.iterdir()
        if p.name.startswith(f".{out.name}.") and not p.name.endswith(".lock")
    )


# --- determinism -----------------------------------------------------------------------------


def test_two_builds_of_the_demo_register_are_byte_identical(
    demo_site: Path, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    first = demo_site
    second = tmp_path_factory.mktemp("again") / "site"
    website.build_site(resources.PROJECT / "register", second, date(2026, 11, 22))
    a, b = hashes(first), hashes(second)
    assert sorted(a) == sorted(b)
    assert [p for p in a if a[p] != b[p]] == []
    assert "sitemap.xml" in a and "sitemap.xml.gz" in a


def test_every_absolute_address_uses_the_site_url_of_mkdocs_yml(
    demo_site: Path,
) -> None:
    """The site's address is set once, in mkdocs.yml: the sitemap, open data and feeds agree."""
    site = demo_site
    url = configured_site_url()
    assert url == yaml.safe_load((resources.PROJECT / "mkdocs.yml").read_text())["site_url"]
    assert f"<loc>{url}</loc>" in (site / "sitemap.xml").read_text()
    for data in ("dane/rejestr.json", "dane/certyfikaty.atom", "formularze/index.html"):
        text = (site / data).read_text(encoding="utf-8")
        hosts = set(re.findall(r"https://([a-z0-9.-]+)/", text))
        assert urlsplit(url).hostname in hosts, data
        assert not {h for h in hosts if h.endswith("example.gov.pl")} - {urlsplit(url).hostname}


def test_sitemap_dates_come_from_the_register(demo_site: Path) -> None:
    """A club page's lastmod is its last change in the register (page_dates.py); other pages
    have the as-of date."""
    from generator.parts.page_dates import club_page_date

    sitemap = (demo_site / "sitemap.xml").read_text(encoding="utf-8")
    dates = dict(re.findall(r"<loc>[^<]*?/([^/<]*/[^/<]*)/?</loc>\s*<lastmod>([^<]*)</lastmod>",
                            sitemap))
    register = read_register(DEMO, DEMO_AS_OF)
    for club in register.clubs:
        stories = [s for s in register.stories if s.club_id == club.id]
        assert dates[f"kluby/{club.id}"] == club_page_date(club, stories, DEMO_AS_OF).isoformat()
    others = {d for page, d in dates.items() if not page.startswith("kluby/")}
    assert others == {DEMO_AS_OF.isoformat()}
    assert len({d for page, d in dates.items() if page.startswith("kluby/")}) > 10


def test_filled_documents_are_in_the_sitemap_and_the_open_data(
    demo_site: Path,
) -> None:
    """#20: every certificate's page is in the sitemap, with its filled PDF beside it; the
    statistics too; the open data gives each club's card and certificate addresses, and they
    are files of the site."""
    import json

    from generator.parts.documents.certificates import certificates

    site = demo_site
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    base = configured_site_url()
    certs = certificates(read_register(DEMO, DEMO_AS_OF), DEMO_AS_OF)
    assert certs
    for cert in certs:
        assert f"<loc>{base}certyfikaty/{cert.number}/</loc>" in sitemap
    assert f"<loc>{base}statystyki/</loc>" in sitemap
    data = json.loads((site / "dane" / "rejestr.json").read_text(encoding="utf-8"))
    links = [club["wyliczone"][key] for club in data["kluby"]
             for key in ("karta_procesu_pdf", "certyfikat_strona", "certyfikat_pdf")]
    assert sum(1 for link in links if link) > len(data["kluby"])
    for link in filter(None, links):
        path = site / link.removeprefix(base)
        assert (path / "index.html" if link.endswith("/") else path).is_file(), link


def test_source_date_epoch_is_midnight_utc_of_the_as_of_date() -> None:
    assert build.source_date_epoch(date(2026, 11, 22)) == 1795305600


# --- atomicity -------------------------------------------------------------------------------


def test_failed_validation_leaves_the_old_site(old_site: tuple[Path, Path, dict[str, str]]) -> None:
    register, out, before = old_site
    kluby = register / "wojewodztwa" / "pomorskie" / "kluby.csv"
    kluby.write_text(
        kluby.read_text(encoding="utf-8").replace("2020-01-15", "zła data"), encoding="utf-8"
    )
    with pytest.raises(build.BuildFailed) as err:
        build_own(register, out, SMALL_AS_OF)
    assert {p.code for p in err.value.problems if p.blocking} == {"cell-type-date"}
    assert hashes(out) == before
    assert leftovers(out) == []


def test_a_failing_pdf_worker_leaves_the_old_site(
    old_site: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The forms' PDFs finish last; if their rendering fails, nothing of the new site is used."""
    register, out, before = old_site
    parts = [p for p in website.PARTS if p.name in (*OWN_PARTS, "formularze")]
    monkeypatch.setenv("PYTHONHOME", str(out.parent / "no-python-here"))  # workers cannot start
    with pytest.raises(build.BuildFailed) as err:
        build.build_site(register, out, SMALL_AS_OF, parts=parts,
                         cache_dir=out.parent / "empty-cache")
    assert "proces roboczy zakończył się z kodem 1" in err.value.problems[0].message
    assert err.value.problems[0].path == "część strony „formularze”"
    assert hashes(out) == before
    assert leftovers(out) == []


def test_crash_inside_mkdocs_leaves_the_old_site(
    old_site: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    register, out, before = old_site

    def explode(config: object) -> None:
        raise RuntimeError("the renderer crashed half-way")

    monkeypatch.setattr("mkdocs.commands.build.build", explode)
    with pytest.raises(build.BuildFailed) as err:
        build_own(register, out, date(2026, 1, 2))
    assert "crashed half-way" in err.value.problems[0].message
    assert err.value.problems[0].code == "build-failed"
    assert hashes(out) == before
    assert leftovers(out) == []


def test_interrupted_build_leaves_the_old_site(
    old_site: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception the build does not expect (e.g. KeyboardInterrupt) still changes nothing."""
    register, out, before = old_site

    def interrupt(site: Path, target: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "_swap", interrupt)
    with pytest.raises(KeyboardInterrupt):
        build_own(register, out, date(2026, 1, 2))
    assert hashes(out) == before
    assert leftovers(out) == []


def test_a_swap_cut_short_is_undone_by_the_next_build(
    old_site: tuple[Path, Path, dict[str, str]],
) -> None:
    """Power lost between "old site → backup" and "new site → output": the backup comes back."""
    register, out, before = old_site
    out.rename(out.with_name(f".{out.name}.old"))
    (out.parent / f".{out.name}.build-dead").mkdir()
    shutil.rmtree(register / "wojewodztwa" / "lubelskie")  # and this build fails
    with pytest.raises(build.BuildFailed):
        build_own(register, out, SMALL_AS_OF)
    assert hashes(out) == before
    assert leftovers(out) == []


def test_concurrent_builds_do_not_corrupt_the_output(
    old_site: tuple[Path, Path, dict[str, str]],
) -> None:
    """Two builds of the same register at once: they take turns, and the site is the same."""
    register, out, before = old_site
    environment = os.environ.get("SOURCE_DATE_EPOCH")
    errors: list[BaseException] = []

    def run() -> None:
        try:
            build_own(register, out, SMALL_AS_OF)
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert hashes(out) == before  # deterministic, and neither build saw half of the other
    assert leftovers(out) == []
    assert os.environ.get("SOURCE_DATE_EPOCH") == environment


def test_refuses_to_replace_a_folder_it_did_not_build(tmp_path: Path) -> None:
    register = make_register(tmp_path / "register")
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.txt").write_text("do not delete", encoding="utf-8")
    with pytest.raises(build.BuildFailed) as err:
        build_own(register, out, SMALL_AS_OF)
    assert err.value.problems[0].code == "build-out-not-site"
    assert (out / "thesis.txt").read_text(encoding="utf-8") == "do not delete"


# --- collecting the parts --------------------------------------------------------------------


def test_two_parts_writing_the_same_path_fail(
    small_register: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def part_a(register: object, ctx: object) -> dict[str, str | bytes]:
        return {"dane/index.md": "a", "a.txt": "a"}

    def part_b(register: object, ctx: object) -> dict[str, str | bytes]:
        return {"dane/index.md": "b"}

    root = small_register
    model = read_register(root, SMALL_AS_OF)
    ctx = SiteContext(SMALL_AS_OF, root, tmp_path_factory.mktemp("c"))
    with pytest.raises(build.BuildFailed) as err:
        build.gather(model, ctx, [Part("a", part_a), Part("b", part_b)])
    (found,) = err.value.problems
    assert found.code == "build-duplicate-path"
    assert found.path == "dane/index.md"
    assert "a" in found.message and "b" in found.message


class Work:
    """Work a part started, as the forms start their PDFs: files it gives, or an error."""

    def __init__(self, fails: str = "") -> None:
        self.fails = fails
        self.cancelled = 0

    def give(self, data: bytes | Path) -> bytes | Path:
        if self.fails:
            raise RuntimeError(self.fails)
        return data

    def cancel(self) -> None:
        self.cancelled += 1

    def files(self, data: bytes | Path, size_on: str = "plik/index.md") -> dict[str, object]:
        """A page showing the size of the pending file ``plik/dane.bin`` and that file."""
        body = f"<h1>Plik</h1><p>Rozmiar: {size_mark('plik/dane.bin')}</p>"
        return {size_on: page("Plik", body),
                "plik/dane.bin": Pending(partial(self.give, data), self.cancel, (size_on,))}


def test_pending_files_are_values_checked_and_cancelled_with_the_others(
    small_register: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    work = Work()
    model = read_register(small_register, SMALL_AS_OF)
    ctx = SiteContext(SMALL_AS_OF, small_register, tmp_path_factory.mktemp("c"))
    part = Part("plik", lambda register, ctx: work.files(b"x" * 2048))
    files = build.gather(model, ctx, [part])
    assert isinstance(files["plik/dane.bin"], Pending) and files["plik/dane.bin"].part == "plik"
    done = collect(model, ctx, [part])  # the tests' oracle: complete in memory
    assert done["plik/dane.bin"] == b"x" * 2048
    assert "Rozmiar: 2,0 kB</p>" in str(done["plik/index.md"]) and work.cancelled == 1

    def clash(register: object, ctx: object) -> dict[str, str]:
        return {"plik/dane.bin": "mine"}

    with pytest.raises(build.BuildFailed) as err:
        build.gather(model, ctx, [part, Part("clash", clash)])
    assert err.value.problems[0].code == "build-duplicate-path"
    assert work.cancelled == 2  # a failed build stops the work of every part made


def test_a_pending_file_is_hard_linked_after_mkdocs_with_its_size_in_its_page(
    small_register: Path, tmp_path: Path
) -> None:
    cached = tmp_path / "cache" / "dane.bin"
    cached.parent.mkdir()
    cached.write_bytes(b"y" * 3000)
    work = Work()
    parts = [*OWN, Part("plik", lambda register, ctx: work.files(cached))]
    out = build.build_site(small_register, tmp_path / "out", SMALL_AS_OF, parts=parts,
                           processes=1).out
    assert (out / "plik" / "dane.bin").stat().st_ino == cached.stat().st_ino
    html = (out / "plik" / "index.html").read_text(encoding="utf-8")
    assert f"Rozmiar: {file_size(3000)}</p>" in html and MARK_OPEN not in html
    assert work.cancelled == 1  # done: the work is released once


def test_a_failing_pending_file_names_its_part_and_leaves_the_old_site(
    old_site: tuple[Path, Path, dict[str, str]]
) -> None:
    register, out, before = old_site
    work = Work(fails="renderer crashed")
    parts = [*OWN, Part("plik", lambda register, ctx: work.files(b"z"))]
    with pytest.raises(build.BuildFailed) as err:
        build.build_site(register, out, SMALL_AS_OF, parts=parts)
    (found,) = err.value.problems
    assert found.path == "część strony „plik”"
    assert "RuntimeError: renderer crashed" in found.message
    assert hashes(out) == before
    assert leftovers(out) == []
    assert work.cancelled == 1


def test_the_engine_has_one_pass_after_mkdocs_and_no_late_work() -> None:
    """Pending files are values of ``site_files``: no part attribute, protocol or second pass
    for work finished after mkdocs remains."""
    assert [f.name for f in dataclasses.fields(Part)] == ["name", "site_files", "apart"]
    source = "\n".join(p.read_text(encoding="utf-8")
                       for p in (resources.PACKAGE).rglob("*.py"))
    for word in ("deferred", "Late", "finish_late", "fill_pages"):
        assert not re.search(rf"\b{word}\b", source), word
    steps = re.findall(r"^ {12}(\w+(?:\.\w+)?)\(", inspect.getsource(build.build_site), re.M)
    after = steps[steps.index("run_mkdocs") + 1:]
    assert after[:3] == ["theme.squeeze_site", "patch_site", "limit_sitemap"], after


def test_a_part_may_not_write_outside_the_docs_tree(
    small_register: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def evil(register: object, ctx: object) -> dict[str, str]:
        return {"../evil.md": "x"}

    root = small_register
    model = read_register(root, SMALL_AS_OF)
    with pytest.raises(build.BuildFailed) as err:
        build.gather(model, SiteContext(SMALL_AS_OF, root, tmp_path_factory.mktemp("c")),
                     [Part("evil", evil)])
    assert err.value.problems[0].path == "część strony „evil”"


def test_a_failing_part_is_the_location_of_the_failure(
    small_register: Path, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    def broken(register: object, ctx: object) -> dict[str, str]:
        raise KeyError("links")

    root = small_register
    model = read_register(root, SMALL_AS_OF)
    with pytest.raises(build.BuildFailed) as err:
        build.gather(model, SiteContext(SMALL_AS_OF, root, tmp_path_factory.mktemp("c")),
                     [Part("strony", broken)])
    (found,) = err.value.problems
    assert found.path == "część strony „strony”" and "KeyError" in found.message


def test_the_parts_list_names_each_part_once() -> None:
    names = [part.name for part in website.PARTS]
    assert len(names) == len(set(names))
    assert set(names) == {
        "formularze", "strony", "zasoby", "otwarte dane", "wyszukiwarka", "zakładanie klubu",
        "komunikaty", "statystyki",
    }  # fmt: skip
    # a part's producer is listed once: two names for one producer would write its files twice
    assert len({part.site_files for part in website.PARTS}) == len(names)


def test_mkdocs_warnings_fail_the_build(
    small_register: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = small_register
    model = read_register(root, SMALL_AS_OF)
    ctx = SiteContext(SMALL_AS_OF, root, tmp_path_factory.mktemp("cache"))
    files: dict[str, str | bytes] = {
        "index.md": "# Start\n",
        "nowa/index.md": "# Nowa\n\n[zepsuty link](../nie-ma-takiej-strony.md)\n",
    }
    work = tmp_path_factory.mktemp("work")
    config = build.write_tree(work, model, files, ctx)
    with pytest.raises(build.BuildFailed) as err:
        build.run_mkdocs(config, SMALL_AS_OF)
    assert any("nie-ma-takiej-strony" in p.message for p in err.value.problems)
    assert {p.code for p in err.value.problems} == {"build-failed"}


# --- navigation ------------------------------------------------------------------------------


def test_not_in_nav_covers_every_other_page_with_few_patterns() -> None:
    pages = [
        "index.md",
        "rejestr/index.md",
        "rejestr/status/certyfikowany/index.md",
        "rejestr/usluga/grupa-wsparcia/index.md",
        "kluby/a/index.md",
        "kluby/b/index.md",
        "wojewodztwa/index.md",
        "wojewodztwa/pomorskie/index.md",
        "dane/index.md",
        "dane/pomoc.md",
        "dobre-praktyki/index.md",
        "dobre-praktyki/opis/index.md",
    ]
    in_nav = {
        "index.md",
        "rejestr/index.md",
        "wojewodztwa/index.md",
        "wojewodztwa/pomorskie/index.md",
        "dane/index.md",
        "dobre-praktyki/index.md",
    }
    assert nav.not_in_nav(pages, in_nav) == [
        "/dane/pomoc.md",
        "/dobre-praktyki/opis/",
        "/kluby/",
        "/rejestr/status/",
        "/rejestr/usluga/",
    ]


def test_nav_lists_only_pages_that_exist(small_register: Path) -> None:
    model = read_register(small_register, SMALL_AS_OF)
    menu = nav.nav(
        model,
        [
            "index.md",
            "rejestr/index.md",
            "wojewodztwa/index.md",
            "wojewodztwa/pomorskie/index.md",
            "kluby/a/index.md",
        ],
    )
    assert menu == [
        {"Start": "index.md"},
        {"Rejestr": "rejestr/index.md"},
        {"Województwa": ["wojewodztwa/index.md", {"pomorskie": "wojewodztwa/pomorskie/index.md"}]},
    ]
    assert "kluby/a/index.md" not in nav.nav_pages(menu)


def test_club_pages_are_not_in_the_menu(demo_site: Path) -> None:
    """The menu on a page does not grow with the number of clubs."""
    site = demo_site
    home = (site / "index.html").read_text(encoding="utf-8")
    start = home.index('<nav class="md-nav md-nav--primary')
    menu = home[start : home.index('<div class="md-content"', start)]
    assert "kluby/" not in menu
    # navigation.prune: another section is one link (to its page, which lists the voivodeships)
    assert 'href="wojewodztwa/"' in menu and "wojewodztwa/pomorskie/" not in menu
    listing = (site / "wojewodztwa" / "index.html").read_text(encoding="utf-8")
    assert 'href="pomorskie/"' in listing
    tabs = home[home.index('<nav class="md-tabs"') : start]
    assert "kluby/" not in tabs and "rejestr/" in tabs


# --- live preview ----------------------------------------------------------------------------


def test_preview_rebuilds_when_the_register_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = make_register(tmp_path / "register")
    preview = serve.Preview(
        register, tmp_path / "site", SMALL_AS_OF, build_own, roots=(register, build.TEMPLATES)
    )
    assert preview.rebuild()
    page = tmp_path / "site" / "kluby" / "kolbudy" / "index.html"
    assert "Klub Integracji Społecznej w Kolbudach" in page.read_text(encoding="utf-8")
    assert preview.poll() is False

    kluby = register / "wojewodztwa" / "pomorskie" / "kluby.csv"
    kluby.write_text(
        kluby.read_text(encoding="utf-8").replace("w Kolbudach", "„Nowa Droga”"), encoding="utf-8"
    )
    assert preview.poll() is True
    assert "Klub Integracji Społecznej „Nowa Droga”" in page.read_text(encoding="utf-8")

    kluby.write_text(
        kluby.read_text(encoding="utf-8").replace("2020-01-15", "zła data"), encoding="utf-8"
    )
    assert preview.poll() is True  # attempted; fails; the last good site stays
    assert "„Nowa Droga”" in page.read_text(encoding="utf-8")
    assert "nie została przebudowana" in capsys.readouterr().err
    assert preview.poll() is False


def test_small_register_is_what_the_tests_think_it_is(
    small_register: Path,
) -> None:
    model = read_register(small_register, SMALL_AS_OF)
    assert sorted(c.id for c in model.clubs) == sorted(c.id for c in SMALL_CLUBS)
