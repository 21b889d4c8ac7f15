"""Build the public site: register → model → docs tree → mkdocs-material → output folder.

The whole pipeline, in order:

1. validate the register and build the model (:func:`generator.api.read_register`);
2. collect the files of every part of the site (``parts``, listed in :mod:`generator.website`),
   refusing two parts that write the same path; the forms and the statistics start their PDF
   worker processes and return each PDF as a pending file
   (:class:`~generator.site.pending.Pending`; their pages show each PDF's size as a mark);
3. write them as a docs tree with its own ``mkdocs.yml`` (the project's config plus the generated
   nav) into a temporary folder next to the output — a plain folder that any renderer reading
   ``mkdocs.yml`` can build, complete once the pending files are in it (the tests build the site
   that way as the oracle of step 4's shortcuts: ``plain_mkdocs_site`` in
   ``tests/site_support.py``);
   pages are rendered as they are written (:class:`~generator.site.markdown_page.LazyPage`), so
   memory does not grow with them;
4. run the mkdocs build in strict mode (any warning fails the build), with ``SOURCE_DATE_EPOCH``
   set from the as-of date so that the output is byte-identical for the same input; mkdocs gets
   one marker page per group of sibling pages, and every other generated page a marker for its
   body; then the one patch pass (:func:`patch_site`) writes each group into its rendered shell
   and each body in place of its marker (:mod:`generator.site.shells`: same bytes, a fraction of
   the time and memory), then the pending files, made meanwhile, and their sizes in place of
   the marks;
5. swap the new site in for the old one; the old one is kept until the new one is in place,
   then removed with the build's temporary folder, in threads, while the new site's files are
   counted (:mod:`generator.site.tidy`).

On a machine with two or more CPUs (Linux) the build forks once for step 2 and once for step 4
(:mod:`generator.parallel`): the copy makes the parts marked ``apart`` (writing their files
into the docs tree itself), then renders the grouped pages while mkdocs runs and writes them into
their shells, while this process writes the pending files. The site is byte for byte the one a
single process builds (``processes=1``).

Builds into the same output folder take turns (a lock file next to it). Any failure raises
:class:`BuildFailed` and leaves the previous site exactly as it was; a previous site that cannot
be removed once the new one is in place is only a warning (``build-old-site-left``), and the next
build moves it aside.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import pickle
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import yaml

from generator.api import InvalidRegister, model_of, read_register
from generator.messages import CATALOGUE
from generator.parallel import Claims, Forked, ForkedFailed, available_processes, can_fork
from generator.polish import date_pl
from generator.problems import Problem, ProblemsError, problem
from generator.register.model import Register
from generator.register.package_meta import read_license
from generator.resources import MKDOCS_CONFIG
from generator.site import file_lock, jinja_cache, renderer, sitemap, theme, tidy
from generator.site import nav as site_nav
from generator.site import pending as pending_files
from generator.site import shells as shell_pages
from generator.site.context import Part, SiteContext, SiteFiles, default_cache_dir
from generator.site.markdown_page import LazyPage, compose, text_of
from generator.site.pending import Pending
from generator.site.renderer import source_date_epoch
from generator.site.settings import site_settings
from generator.site.signals import Interrupted
from generator.site.templating import TEMPLATES, environment
from generator.validation.validate import Report

T = TypeVar("T")
CONFIG = MKDOCS_CONFIG
OVERRIDES = TEMPLATES / "overrides"
# Theme files mkdocs copies that the site never uses: Material's built-in search (replaced by
# /szukaj/); removing them keeps the output small and free of unused third-party code.
PRUNE = ("assets/javascripts/lunr", "assets/javascripts/workers")
OS_REASONS = {
    errno.EACCES: "brak uprawnień do zapisu",
    errno.EPERM: "brak uprawnień do zapisu",
    errno.EROFS: "system plików tylko do odczytu",
    errno.ENOENT: "folderu nie ma i nie można go utworzyć",
    errno.ENOTDIR: "część ścieżki jest plikiem, nie folderem",
    errno.ENOSPC: "brak miejsca na dysku",
    errno.EDQUOT: "przekroczony przydział miejsca na dysku",
}
# Bodies of grouped pages the second process renders while mkdocs runs, at most (UTF-8 bytes);
# the rest it renders as it writes them. About 150 MB at 5,000 clubs.
RENDER_AHEAD_BYTES = 256 * 1024 * 1024
BATCH_PAGES = 32  # grouped pages a process takes at a time (the two take turns until all done)



class BuildFailed(ProblemsError):
    """The site was not built; ``problems`` says why. The previous output is untouched."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems, "the site was not built")

    def __reduce__(self) -> tuple[type[BuildFailed], tuple[list[Problem]]]:
        return type(self), (self.problems,)  # sent whole from the build's second process


class Written:
    """Stands in the docs tree's files for a file the build's second process already wrote."""


@dataclass(frozen=True)
class GroupsApart:
    """The grouped pages in batches, which the second process renders while mkdocs runs and
    both processes write once the shells are there (:func:`patch_site`)."""

    batches: list[list[tuple[shell_pages.Group, str, Any]]]
    claims: Claims
    forked: Forked[None]

    @classmethod
    def start(cls, site: Path, groups: list[shell_pages.Group]) -> GroupsApart | None:
        """The second process started; ``None`` when this process may not fork now (a thread
        started since the build began) or cannot share out the batches: one process fills."""
        if not can_fork():
            return None
        pages = sum(len(g.pages) for g in groups)
        batches = shell_pages.batches(groups, max(BATCH_PAGES, -(-pages // Claims.MAX)))
        try:
            claims = Claims(len(batches))
        except OSError:  # a pipe smaller than Linux's default (the user has too many)
            return None
        try:
            forked = Forked(partial(_write_groups_apart, site, batches, claims))
        except BaseException:
            claims.close()
            raise
        return cls(batches, claims, forked)

    def work(self) -> list[str]:
        """What the second process makes, as a build failure names it."""
        folders = sorted({group.marker.split("/")[0] for batch in self.batches
                          for group, _, _ in batch})
        return [f"strony w folderze „{folder}/”" for folder in folders]

    def cancel(self) -> None:
        self.forked.cancel()
        self.claims.close()


@dataclass(frozen=True)
class BuildResult:
    out: Path
    clubs: int
    files: int  # files in the built site
    warnings: tuple[Problem, ...] = ()  # built, but something is left to tidy by hand


def build_site(
    register: Path,
    out: Path,
    as_of: date,
    *,
    parts: Sequence[Part],
    cache_dir: Path | None = None,
    report: Report | None = None,
    processes: int | None = None,
) -> BuildResult:
    """Validate ``register`` and build the site for ``as_of`` into ``out`` (replaced atomically).

    Most pages are rendered outside mkdocs into a page mkdocs rendered once
    (:mod:`generator.site.shells`), and the PDFs are rendered while the rest of the site is built
    and added at the end (pending files, :func:`patch_site`); the output is byte for byte the
    site mkdocs renders from the complete docs tree (``tests/test_shells.py`` compares them).
    ``report``: the register's validation, when the caller has already run it for ``as_of``
    (``kis build`` does, to show it): not repeated.

    ``processes``: how many processes build the site (default: the CPUs this process may run
    on). With two or more (and ``fork``: Linux), a forked copy of the build makes the parts
    marked ``apart`` while this process makes the others, then renders the grouped pages'
    bodies while mkdocs runs and writes them into their shells; the site is byte for byte the
    same for any number (``tests/test_parallel_build.py``).
    """
    out = Path(os.path.abspath(out))
    _check_out(out, Path(register))
    with _locked(out):
        left = _recover(out)
        _check_replaceable(out)
        model = _read(register, as_of, report)
        ctx = SiteContext(
            as_of=as_of, register_root=Path(register), cache_dir=cache_dir or default_cache_dir()
        )
        jinja_cache.use(ctx.cache_dir, environment())  # compiled templates: ours and mkdocs'
        work = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
        apart = (processes or available_processes()) > 1 and can_fork()
        docs = work / "docs" if apart else None
        pending: dict[str, Pending] = {}
        groups: GroupsApart | None = None
        replaced = False
        try:
            files = gather(model, ctx, parts, docs=docs)
            patches = plan_pages(model, files)
            pending = patches.pending
            site = work / "site"
            if apart and patches.pages.groups:  # bodies rendered meanwhile, in the second process
                groups = GroupsApart.start(site, patches.pages.groups)
            config = write_tree(work, model, patches.pages.docs, ctx)
            rendered = shell_pages.rendered_html(patches.pages.docs)  # the rest squeezed
            del files  # on disk now (the patches keep what they need): memory for mkdocs
            patches.pages.docs = {}
            run_mkdocs(config, as_of)
            theme.squeeze_site(site, rendered)  # before the patches: the shells squeezed once
            patch_site(site, patches, config, as_of, groups=groups)
            limit_sitemap(site, config, as_of)
            for part in PRUNE:
                shutil.rmtree(site / part, ignore_errors=True)
            old = _swap(site, out)
            replaced = True
            try:
                count = tidy.remove_counting(out, old, work)
            except OSError as err:  # the new site is in place: a warning, not a failure
                count = tidy.count_files(out)
                left.append(_left_behind(old or _backup(out), err))
        except Interrupted as err:  # the caller says whether the old site is still there
            err.site_replaced = err.site_replaced or replaced
            raise
        finally:
            if groups is not None:
                groups.cancel()
            pending_files.cancel_all(pending.values())  # failed or done: the work stops
            shutil.rmtree(work, ignore_errors=True)
    return BuildResult(out=out, clubs=len(model.clubs), files=count, warnings=tuple(left))


def _read(register: Path, as_of: date, report: Report | None = None) -> Register:
    try:
        return read_register(Path(register), as_of) if report is None else model_of(report)
    except InvalidRegister as err:
        raise BuildFailed(err.problems) from None


# --- 2. collecting the parts ----------------------------------------------------------------


Made = SiteFiles | BuildFailed  # what one part gave


def gather(
    model: Register, ctx: SiteContext, parts: Sequence[Part], docs: Path | None = None
) -> SiteFiles:
    """The files of every part for the docs tree; two parts writing the same path is an error.
    Pending files (:class:`~generator.site.pending.Pending`: the PDFs, rendered meanwhile) are
    among them, marked with their part; the caller cancels them when done (they are cancelled
    here when this fails).

    With ``docs`` (the docs tree about to be written), the parts marked ``apart`` are made in a
    forked copy of this process meanwhile, which writes their files other than pages into
    ``docs`` at once (:class:`Written` in the result). Each process makes its parts in order and
    stops at a failure; the first failing part in the list's order is reported, as without.
    """
    away = {n for n, part in enumerate(parts) if part.apart}
    away = away if docs is not None and len(away) < len(parts) and can_fork() else set()
    forked = Forked(partial(_make_apart, [(n, parts[n]) for n in sorted(away)], model, ctx,
                            docs)) if away else None
    made: dict[int, Made] = {}
    try:
        for n, part in enumerate(parts):
            if n in away:
                continue
            made[n] = _make(part, model, ctx)
            if isinstance(made[n], BuildFailed):
                if forked is not None and n < min(away):  # reported whatever the copy makes
                    raise made[n]
                break
        if forked is not None:
            sent = _forked_result(forked, [_part_work(parts[n].name) for n in sorted(away)])
            made.update({n: _received(parts[n], outcome) for n, outcome in sent.items()})
        produced: list[tuple[str, SiteFiles]] = []
        for n, part in enumerate(parts):
            outcome = made[n]
            if isinstance(outcome, BuildFailed):
                raise outcome
            produced.append((part.name, outcome))
        return _merge(produced)
    except BaseException:
        if forked is not None:
            forked.cancel()
        for outcome in made.values():
            if not isinstance(outcome, BuildFailed):
                pending_files.cancel_all(outcome.values())
        raise


def _make(part: Part, model: Register, ctx: SiteContext) -> Made:
    """The files of ``part``, its pending ones marked as its own; a part made apart may not
    return pending files (their work would belong to the second process)."""
    try:
        files = _produce(part.name, part.site_files, model, ctx)
    except BuildFailed as err:
        return err
    pending = pending_files.pending_in(files)
    if pending and part.apart:
        pending_files.cancel_all(pending.values())
        return BuildFailed([_failure(
            f"część robiona osobno (apart) zwróciła plik w toku ({min(pending)}); "
            "taka część musi działać w głównym procesie budowy", part=part.name)])
    return pending_files.owned(files, part.name) if pending else files


Sent = bytes | BuildFailed  # what one part made in the second process gave, as it travels


def _make_apart(parts: list[tuple[int, Part]], model: Register, ctx: SiteContext, docs: Path,
                _wait: object = None) -> dict[int, Sent]:  # not gated: starts at once
    """In the build's second process: ``parts`` made in order, their files other than pages
    written into ``docs`` (the pages go back to the build, which plans them with the others).

    Each part's files are pickled here, once, as they travel (:func:`_received` unpickles them):
    a part whose files do not pickle is named, as it could not be once they are all sent."""
    sent: dict[int, Sent] = {}
    for n, part in parts:
        try:
            outcome = _make(part, model, ctx)
            made = outcome if isinstance(outcome, BuildFailed) else _written(outcome, docs)
        except Exception as err:  # e.g. OSError; named here, where the part is known
            made = BuildFailed([_failure(f"{type(err).__name__}: {err}", part=part.name)])
        if isinstance(made, BuildFailed):
            sent[n] = made
            break
        try:
            sent[n] = pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as err:
            sent[n] = _unsendable(part, err)
            break
    return sent


def _received(part: Part, sent: Sent) -> Made:
    """The files of ``part`` as the second process sent them (:func:`_make_apart`)."""
    if isinstance(sent, BuildFailed):
        return sent
    try:
        made: SiteFiles = pickle.loads(sent)
    except Exception as err:  # pickled, yet does not unpickle (e.g. a class's own __init__)
        return _unsendable(part, err)
    return made


def _unsendable(part: Part, err: Exception) -> BuildFailed:
    return BuildFailed([_failure(
        "pliki tej części nie dają się przesłać z drugiego procesu budowy "
        f"({type(err).__name__}: {err}); część robiona osobno (apart) może zwracać "
        "tylko tekst, bajty i strony", part=part.name)])


def _written(files: SiteFiles, docs: Path) -> SiteFiles:
    """``files`` with those other than pages written into ``docs`` (a :class:`Written` in their
    place) and lazy pages rendered (they do not travel between processes)."""
    done: SiteFiles = {}
    for path, content in files.items():
        if path.endswith(".md"):
            done[path] = compose(content.meta, content.body) if isinstance(
                content, LazyPage) else content
        elif _safe_path(path):  # else the build refuses it, as any part's
            _write_file(docs / path, content)
            done[path] = Written()  # type: ignore[assignment]
        else:
            done[path] = content
    return done


def _forked_result(forked: Forked[T], work: list[str]) -> T:
    """The second process's value; its end without one is a build failure naming its ``work``."""
    try:
        return forked.result()
    except ForkedFailed as err:
        raise _second_process_failed(err, work) from err


def _part_work(name: str) -> str:
    return f"część strony „{name}”"


def _second_process_failed(err: ForkedFailed, work: list[str]) -> BuildFailed:
    """The build failure for the second process's end without a value: killed (e.g. by the OOM
    killer) or exited, or what it sent does not unpickle; located at what it made."""
    where = ", ".join(work)
    if err.code is None:
        return BuildFailed([_failure(str(err), where=where)])
    if err.code < 0:
        number = -err.code
        name = next((f", {known.name}" for known in signal.Signals if known == number), "")
        how = f"zatrzymany sygnałem {number}{name}"
    else:
        how = f"kod wyjścia {err.code}"
    return BuildFailed([problem("build-second-process-died", where, work=work, how=how)])


def _produce(name: str, site_files: Callable[..., Any], model: Register, ctx: SiteContext) -> Any:
    try:
        return site_files(model, ctx)
    except Exception as err:  # a part's bug must not leave a half-built site
        raise BuildFailed([_failure(f"{type(err).__name__}: {err}", part=name)]) from err


def _merge(parts: list[tuple[str, SiteFiles]]) -> SiteFiles:
    """The parts' files in one tree (pending files too: their paths are known now)."""
    files: SiteFiles = {}
    owner: dict[str, str] = {}
    problems: list[Problem] = []
    for part, produced in parts:
        for path, content in produced.items():
            if not _safe_path(path):
                problems.append(_failure(f"niedozwolona ścieżka pliku: {path}", part=part))
            elif path in owner:
                problems.append(
                    problem("build-duplicate-path", path, first=owner[path], second=part))
            else:
                owner[path] = part
                files[path] = content
    if problems:
        raise BuildFailed(problems)
    return dict(sorted(files.items()))


def _safe_path(path: str) -> bool:
    parts = path.split("/")
    return (
        bool(path)
        and not path.startswith("/")
        and "\\" not in path
        and all(p not in ("", ".", "..") for p in parts)
    )


def _failure(detail: str, part: str = "", where: str = "") -> Problem:
    """A build failure; located at ``where``, else at the failing part of the site, else at the
    site's config."""
    where = where or (_part_work(part) if part else "mkdocs.yml")
    found = problem("build-failed", where, detail=detail)
    # the catalogue shortens long parameters; a build error is only useful in full
    return dataclasses.replace(found, message=CATALOGUE["build-failed"][0].format(detail=detail))


@dataclass
class Patches:
    """What the patch pass after mkdocs (:func:`patch_site`) completes the rendered site with."""

    pages: shell_pages.Plan  # the docs tree for mkdocs; the pages rendered into shells, spliced
    pending: dict[str, Pending]  # site path → file still being made (written after the pages)


def plan_pages(model: Register, files: SiteFiles) -> Patches:
    """Which files mkdocs gets, and what :func:`patch_site` writes into the rendered site."""
    pending = pending_files.pending_in(files)
    rest: dict[str, str | bytes | LazyPage] = {
        path: content for path, content in files.items() if not isinstance(content, Pending)}
    pages = [p for p in rest if p.endswith(".md")]
    return Patches(shell_pages.plan(rest, site_nav.nav_pages(site_nav.nav(model, pages))), pending)


def patch_site(site: Path, patches: Patches, config: Path, as_of: date,
               groups: GroupsApart | None = None) -> None:
    """The one pass after mkdocs: every page mkdocs did not render written into its shell or
    spliced into its rendered page (:mod:`generator.site.shells`; ``groups``: the grouped ones,
    written from both processes), then every pending file and its size into the pages showing
    it. A pending file that fails names its part.

    With ``groups``, this process writes the pending files while the second process writes the
    grouped pages it rendered meanwhile (the docs tree is removed with the build's folder, in
    threads, once the site is swapped in: :mod:`generator.site.tidy`)."""
    sizes = _fill_pages(site, patches, config, as_of, groups)
    _show_sizes(site, patches.pending, sizes)


def _fill_pages(site: Path, patches: Patches, config: Path, as_of: date,
                groups: GroupsApart | None) -> dict[str, int]:
    """The pages into their shells and the pending files written; the pending files' sizes."""
    split = patches.pages
    if not split.groups and not split.spliced:
        return _write_pending(site, patches.pending)
    site_url = yaml.safe_load(config.read_text(encoding="utf-8"))["site_url"]
    try:
        if groups is None:
            shell_pages.fill(site, split, site_url, source_date_epoch(as_of))
            return _write_pending(site, patches.pending)
        groups.forked.go()
        shell_pages.splice_all(site, split)
        shell_pages.rewrite_sitemap(site, split, site_url, source_date_epoch(as_of))
        _write_claimed(shell_pages.Shells(site), groups.batches, groups.claims)
        sizes = _write_pending(site, patches.pending)
        _forked_result(groups.forked, groups.work())
        shell_pages.drop_markers(site, split.groups)
        return sizes
    except (shell_pages.ShellError, OSError) as err:
        raise BuildFailed([_failure(f"{type(err).__name__}: {err}")]) from err


def _write_groups_apart(site: Path, batches: list[list[tuple[shell_pages.Group, str, Any]]],
                        claims: Claims, wait: Callable[[], bool]) -> None:
    """In the build's second process: render batches of grouped pages while mkdocs runs, then,
    once the shells are rendered (``wait``), write them and take further batches in turn."""
    ahead: list[int] = []
    bodies: dict[str, bytes] = {}
    held = 0
    shells_ready = getattr(wait, "ready", lambda: False)  # then both processes share the rest
    while held < RENDER_AHEAD_BYTES and not shells_ready() and (n := claims.next()) is not None:
        ahead.append(n)
        for _, path, content in batches[n]:
            bodies[path] = shell_pages.body_of(path, content)
            held += len(bodies[path])
    if not wait():
        return
    shells = shell_pages.Shells(site)
    for n in ahead:
        for group, path, content in batches[n]:
            shells.write(group, path, content, bodies.pop(path))
    _write_claimed(shells, batches, claims)


def _write_claimed(shells: shell_pages.Shells,
                   batches: list[list[tuple[shell_pages.Group, str, Any]]], claims: Claims) -> None:
    """Write the batches no process has taken yet, one at a time."""
    while (n := claims.next()) is not None:
        for group, path, content in batches[n]:
            shells.write(group, path, content)


def limit_sitemap(site: Path, config: Path, as_of: date) -> None:
    """A sitemap index over parts when the sitemap is over the protocol's limits."""
    site_url = str(yaml.safe_load(config.read_text(encoding="utf-8"))["site_url"])
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    sitemap.split_sitemap(site, site_url, source_date_epoch(as_of))


def _write_pending(site: Path, pending: dict[str, Pending]) -> dict[str, int]:
    """Write every pending file into ``site`` (waiting for its work); their sizes."""
    sizes: dict[str, int] = {}
    for path, value in pending.items():
        try:
            sizes[path] = pending_files.write(value, site / path)
        except Exception as err:  # e.g. a PDF worker failed
            raise BuildFailed([_failure(f"{type(err).__name__}: {err}", part=value.part)]
                              ) from err
    return sizes


def _show_sizes(site: Path, pending: dict[str, Pending], sizes: dict[str, int]) -> None:
    """Each pending file's size in place of its marks in the pages listed as showing it."""
    shown: dict[str, str] = {}  # page → the part whose file it shows
    for value in pending.values():
        shown.update(dict.fromkeys(value.shown_on, value.part))
    for page, part in shown.items():
        html = site / shell_pages.output_path(page)
        try:  # bytes: line ends stay as they are
            text = html.read_bytes().decode("utf-8")
            html.write_bytes(pending_files.shown_sizes(text, sizes).encode("utf-8"))
        except (OSError, KeyError) as err:
            raise BuildFailed([_failure(f"{type(err).__name__}: {err}", part=part)]) from err


# --- 3. the docs tree and its config --------------------------------------------------------


def write_tree(
    work: Path, model: Register, files: SiteFiles, ctx: SiteContext
) -> Path:
    """Write ``files`` into ``work/docs``, the theme overrides and ``work/mkdocs.yml``."""
    docs = work / "docs"
    for path, content in files.items():
        if not isinstance(content, Written):
            _write_file(docs / path, content)
    shutil.copytree(OVERRIDES, work / "overrides")
    try:
        base = theme.patched_base()
    except theme.ThemeError as err:
        raise BuildFailed([_failure(str(err))]) from err
    (work / "overrides" / "base.html").write_text(base, encoding="utf-8")
    config = mkdocs_config(model, files, ctx)
    path = work / "mkdocs.yml"
    path.write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=True, width=100), encoding="utf-8"
    )
    return path


def _write_file(target: Path, content: str | bytes | LazyPage) -> None:
    """Write a file of the docs tree; an HTML file (mkdocs copies it as it is) squeezed as
    :func:`theme.squeeze_site` would squeeze it in the site."""
    target.parent.mkdir(parents=True, exist_ok=True)
    text = text_of(content)
    if target.suffix == ".html":
        text = theme.squeezed_file(text if isinstance(text, str) else text.decode("utf-8"))
    target.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)


def mkdocs_config(
    model: Register, files: SiteFiles, ctx: SiteContext
) -> dict[str, object]:
    """The project's ``mkdocs.yml`` plus what depends on the register and the built parts."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    pages = [p for p in files if p.endswith(".md")]
    menu = site_nav.nav(model, pages)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["theme"]["custom_dir"] = "overrides"
    config["nav"] = menu
    config["not_in_nav"] = "\n".join(site_nav.not_in_nav(pages, site_nav.nav_pages(menu)))
    publisher = site_settings()
    config["extra"] = {
        **config.get("extra", {}),
        "dane_przykladowe": model.example_data,
        "stan_na": date_pl(ctx.as_of),
        "szukaj": "szukaj/index.md" in files,
        "certyfikaty": "certyfikaty/index.md" in files,
        "dane": "dane/index.md" in files,
        "licencja": dataclasses.asdict(read_license(ctx.register_root)),
        "wydawca": publisher["podmiot"],
        "kontakt_email": publisher["kontakt_email"],
    }
    return config


# --- 4. mkdocs ------------------------------------------------------------------------------


def run_mkdocs(config_file: Path, as_of: date) -> None:
    """Render the docs tree of ``config_file``; any warning or error becomes BuildFailed."""
    messages = renderer.mkdocs_build(config_file, source_date_epoch(as_of))
    if messages:
        raise BuildFailed([_failure(m) for m in messages])


# --- 5. replacing the output ----------------------------------------------------------------


def _backup(out: Path) -> Path:
    return out.with_name(f".{out.name}.old")


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One build at a time per output folder (other builds wait)."""
    with file_lock.locked(out.with_name(f".{out.name}.lock")):
        yield


def _recover(out: Path) -> list[Problem]:
    """Undo what an interrupted build left behind (we hold the lock: nobody else is building).

    A previous site that cannot be removed is moved aside under a name of its own, so that this
    build can still swap its site in; the warning says where it is."""
    backup = _backup(out)
    left: list[Problem] = []
    if backup.exists():
        if out.exists():
            try:
                shutil.rmtree(backup)
            except OSError as err:
                aside = backup.with_name(f"{backup.name}-{time.time_ns()}")
                try:
                    backup.rename(aside)
                except OSError:
                    raise BuildFailed([problem("build-out-not-writable", str(backup),
                                               reason=_reason(err))]) from None
                left.append(_left_behind(aside, err))
        else:
            backup.rename(out)
    for stale in out.parent.glob(f".{out.name}.build-*"):
        shutil.rmtree(stale, ignore_errors=True)
    return left


def _reason(err: OSError) -> str:
    return OS_REASONS.get(err.errno or 0, f"błąd systemu: {err.strerror or err}")


def _left_behind(folder: Path, err: OSError) -> Problem:
    return problem("build-old-site-left", str(folder), reason=_reason(err))


def _check_out(out: Path, register: Path) -> None:
    """Refuse, before building, an output folder that must never be replaced or cannot be.

    The build replaces the whole output folder, so it is never ``/``, the home folder, the
    register (or a folder inside it or holding it); and the folder above it must take the new
    site (a probe folder is made there: permission bits say nothing when running as root).
    """
    real = Path(os.path.realpath(out))
    home = Path(os.path.realpath(Path.home()))
    root = Path(os.path.realpath(register))
    what = ""
    if real == Path(real.anchor):
        what = "katalog główny systemu plików („/”)"
    elif real == home:
        what = "katalog domowy"
    elif real == root or root in real.parents:
        what = "folder rejestru ani folder w nim"
    elif real in root.parents:
        what = "folder, w którym leży rejestr"
    if what:
        raise BuildFailed([problem("build-out-forbidden", str(out), what=what)])
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        probe = tempfile.mkdtemp(prefix=f".{out.name}.probe-", dir=out.parent)
        os.rmdir(probe)
        if out.is_dir() and not os.access(out, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(out))
    except OSError as err:
        raise BuildFailed([problem("build-out-not-writable", str(out), reason=_reason(err))]
                          ) from None


def _check_replaceable(out: Path) -> None:
    """Refuse to replace a folder that is not a site built earlier (e.g. ``--out .``): its home
    page names mkdocs-material (the theme's generator line, in older builds) or links the site's
    own assets in its head."""
    if not out.exists():
        return
    if out.is_dir() and not any(out.iterdir()):
        return
    index = out / "index.html"
    head = index.read_bytes()[:4096] if out.is_dir() and index.is_file() else b""
    if b"mkdocs-material" in head or b'"assets/kis/' in head:  # theme's generator line or ours
        return
    raise BuildFailed([problem("build-out-not-site", str(out))])


def _swap(site: Path, out: Path) -> Path | None:
    """``site`` in place of ``out``; the previous site's folder, for the caller to remove (a
    build that stops first leaves it to the next build's :func:`_recover`)."""
    backup = _backup(out)
    if out.exists():
        out.rename(backup)
    try:
        site.rename(out)
    except Interrupted as err:
        if out.exists() and not site.exists():  # stopped right after the rename: in place
            err.site_replaced = True
        elif backup.exists() and not out.exists():  # stopped before it: the old site goes back
            backup.rename(out)
        raise
    except BaseException:  # failed between the two renames: the old site goes back
        if backup.exists() and not out.exists():
            backup.rename(out)
        raise
    return backup if backup.exists() else None
