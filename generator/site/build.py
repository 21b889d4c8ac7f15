"""Build the public site: register → model → docs tree → mkdocs-material → output folder.

The whole pipeline, in order:

1. validate the register and build the model (:func:`generator.api.read_register`);
2. collect the files of every part of the site (``parts``, listed in :mod:`generator.website`),
   refusing two parts that
   write the same path; the forms start their PDF worker processes and return at once (their
   pages show each PDF's size as a mark);
3. write them as a docs tree with its own ``mkdocs.yml`` (the project's config plus the generated
   nav) into a temporary folder next to the output — a plain folder that any renderer reading
   ``mkdocs.yml`` can build (complete with ``shells=False, late=False``); pages are rendered as
   they are written (:class:`~generator.site.markdown_page.LazyPage`), so memory does not grow
   with them;
4. run the mkdocs build in strict mode (any warning fails the build), with ``SOURCE_DATE_EPOCH``
   set from the as-of date so that the output is byte-identical for the same input; mkdocs gets
   one marker page per group of sibling pages, and the group is written into its rendered shell
   afterwards; every other generated page reaches mkdocs with a marker for its body, put back
   afterwards (:mod:`generator.site.shells`: same bytes, a fraction of the time and memory);
   then the PDFs, rendered meanwhile, are added and their sizes written in place of the marks;
5. swap the new site in for the old one; the old one is kept until the new one is in place.

Builds into the same output folder take turns (a lock file next to it). Any failure raises
:class:`BuildFailed` and leaves the previous site exactly as it was.
"""

from __future__ import annotations

import dataclasses
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator.api import InvalidRegister, model_of, read_register
from generator.messages import CATALOGUE
from generator.polish import date_pl
from generator.problems import Problem, ProblemsError, problem
from generator.register.model import Register
from generator.register.package_meta import read_license
from generator.resources import MKDOCS_CONFIG
from generator.site import nav as site_nav
from generator.site import renderer, sitemap, theme
from generator.site import shells as shell_pages
from generator.site.context import Late, Part, SiteContext, SiteFiles, default_cache_dir
from generator.site.markdown_page import text_of
from generator.site.renderer import source_date_epoch
from generator.site.settings import site_settings
from generator.site.templating import TEMPLATES
from generator.validation.validate import Report

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



class BuildFailed(ProblemsError):
    """The site was not built; ``problems`` says why. The previous output is untouched."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems, "the site was not built")


@dataclass(frozen=True)
class BuildResult:
    out: Path
    clubs: int
    files: int  # files in the built site


def build_site(
    register: Path,
    out: Path,
    as_of: date,
    *,
    parts: Sequence[Part],
    cache_dir: Path | None = None,
    shells: bool = True,
    late: bool = True,
    report: Report | None = None,
) -> BuildResult:
    """Validate ``register`` and build the site for ``as_of`` into ``out`` (replaced atomically).

    With ``shells`` (the default) most pages are rendered outside mkdocs into a page mkdocs
    rendered once (:mod:`generator.site.shells`); without, mkdocs renders every page. With
    ``late`` (the default) the forms' PDFs are rendered while the rest of the site is built and
    added at the end (:func:`gather`); without, they are waited for first. The output is the
    same either way; the tests compare them. ``report``: the register's validation, when the
    caller has already run it for ``as_of`` (``kis build`` does, to show it): not repeated.
    """
    out = Path(os.path.abspath(out))
    _check_out(out, Path(register))
    with _locked(out):
        _recover(out)
        _check_replaceable(out)
        model = _read(register, as_of, report)
        ctx = SiteContext(
            as_of=as_of, register_root=Path(register), cache_dir=cache_dir or default_cache_dir()
        )
        work = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
        pending: list[Late] = []
        try:
            files, pending = gather(model, ctx, parts) if late else (collect(model, ctx, parts), [])
            split = plan_pages(model, files) if shells else shell_pages.Plan(files, [], [])
            config = write_tree(work, model, split.docs, ctx)
            del files  # on disk now (the groups keep what fill needs): memory for mkdocs
            split.docs = {}
            run_mkdocs(config, as_of)
            site = work / "site"
            theme.squeeze_site(site)  # before fill: the shells are squeezed once
            fill_pages(site, split, config, as_of)
            limit_sitemap(site, config, as_of)
            finish_late(site, pending)
            for part in PRUNE:
                shutil.rmtree(site / part, ignore_errors=True)
            count = sum(1 for p in site.rglob("*") if p.is_file())
            _swap(site, out)
        finally:
            for part in pending:
                part.cancel()
            shutil.rmtree(work, ignore_errors=True)
    return BuildResult(out=out, clubs=len(model.clubs), files=count)


def _read(register: Path, as_of: date, report: Report | None = None) -> Register:
    try:
        return read_register(Path(register), as_of) if report is None else model_of(report)
    except InvalidRegister as err:
        raise BuildFailed(err.problems) from None


# --- 2. collecting the parts ----------------------------------------------------------------


def collect(model: Register, ctx: SiteContext, parts: Sequence[Part]) -> SiteFiles:
    """All files of the docs tree, complete; two parts writing the same path is an error."""
    files, late = gather(model, ctx, parts)
    try:
        for part in late:
            files = part.fill(files)
    except Exception as err:  # e.g. a PDF worker failed
        raise BuildFailed([_failure(f"{type(err).__name__}: {err}")]) from err
    finally:
        for part in late:
            part.cancel()
    return files


def gather(
    model: Register, ctx: SiteContext, parts: Sequence[Part]
) -> tuple[SiteFiles, list[Late]]:
    """Like :func:`collect`, but a part with ``deferred`` (the forms: their PDFs) returns at once
    and finishes later, on the built site (:class:`Late`)."""
    produced: list[tuple[str, SiteFiles]] = []
    late: list[Late] = []
    later: tuple[tuple[str, str], ...] = ()
    try:
        for part in parts:
            if part.deferred is None:
                produced.append((part.name, _produce(part.name, part.site_files, model, ctx)))
                continue
            files, pending = _produce(part.name, part.deferred, model, ctx)
            late.append(pending)
            produced.append((part.name, files))
            later += tuple((part.name, path) for path in pending.paths)
        merged = _merge(produced, later)
    except BaseException:
        for pending in late:
            pending.cancel()
        raise
    return merged, late


def _produce(name: str, site_files: Callable[..., Any], model: Register, ctx: SiteContext) -> Any:
    try:
        return site_files(model, ctx)
    except Exception as err:  # a part's bug must not leave a half-built site
        raise BuildFailed([_failure(f"{type(err).__name__}: {err}", part=name)]) from err


def _merge(parts: list[tuple[str, SiteFiles]], later: tuple[tuple[str, str], ...] = ()
           ) -> SiteFiles:
    """The parts' files in one tree; ``later`` are (part, path) of files added after mkdocs,
    checked like the others but not in the tree."""
    files: SiteFiles = {}
    owner: dict[str, str] = {}
    problems: list[Problem] = []
    entries: list[tuple[str, str, object]] = [
        (part, path, content) for part, produced in parts for path, content in produced.items()
    ]
    entries += [(part, path, None) for part, path in later]
    for part, path, content in entries:
        if not _safe_path(path):
            problems.append(_failure(f"niedozwolona ścieżka pliku: {path}", part=part))
        elif path in owner:
            problems.append(problem("build-duplicate-path", path, first=owner[path], second=part))
        else:
            owner[path] = part
            if content is not None:
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


def _failure(detail: str, part: str = "") -> Problem:
    """A build failure; located at the failing part of the site, else at the site's config."""
    where = f"część strony „{part}”" if part else "mkdocs.yml"
    found = problem("build-failed", where, detail=detail)
    # the catalogue shortens long parameters; a build error is only useful in full
    return dataclasses.replace(found, message=CATALOGUE["build-failed"][0].format(detail=detail))


def plan_pages(model: Register, files: SiteFiles) -> shell_pages.Plan:
    """Which pages mkdocs renders, and which :func:`fill_pages` renders into a shell."""
    pages = [p for p in files if p.endswith(".md")]
    return shell_pages.plan(files, site_nav.nav_pages(site_nav.nav(model, pages)))


def fill_pages(site: Path, split: shell_pages.Plan, config: Path, as_of: date) -> None:
    """Write the pages mkdocs did not render (see :mod:`generator.site.shells`)."""
    if not split.groups and not split.spliced:
        return
    site_url = yaml.safe_load(config.read_text(encoding="utf-8"))["site_url"]
    try:
        shell_pages.fill(site, split, site_url, source_date_epoch(as_of))
    except (shell_pages.ShellError, OSError) as err:
        raise BuildFailed([_failure(f"{type(err).__name__}: {err}")]) from err


def limit_sitemap(site: Path, config: Path, as_of: date) -> None:
    """A sitemap index over parts when the sitemap is over the protocol's limits."""
    site_url = str(yaml.safe_load(config.read_text(encoding="utf-8"))["site_url"])
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    sitemap.split_sitemap(site, site_url, source_date_epoch(as_of))


def finish_late(site: Path, late: list[Late]) -> None:
    """Let the parts that finish late (the forms' PDFs) complete the built ``site``."""
    for part in late:
        try:
            part.finish(site)
        except Exception as err:  # e.g. a PDF worker failed
            raise BuildFailed([_failure(f"{type(err).__name__}: {err}")]) from err


# --- 3. the docs tree and its config --------------------------------------------------------


def write_tree(
    work: Path, model: Register, files: SiteFiles, ctx: SiteContext
) -> Path:
    """Write ``files`` into ``work/docs``, the theme overrides and ``work/mkdocs.yml``."""
    docs = work / "docs"
    for path, content in files.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = text_of(content)
        target.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
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
    messages = renderer.render(config_file, source_date_epoch(as_of))
    if messages:
        raise BuildFailed([_failure(m) for m in messages])


# --- 5. replacing the output ----------------------------------------------------------------


def _backup(out: Path) -> Path:
    return out.with_name(f".{out.name}.old")


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One build at a time per output folder (other builds wait)."""
    lock = out.with_name(f".{out.name}.lock")
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _recover(out: Path) -> None:
    """Undo what an interrupted build left behind (we hold the lock: nobody else is building)."""
    backup = _backup(out)
    if backup.exists():
        if out.exists():
            shutil.rmtree(backup)
        else:
            backup.rename(out)
    for stale in out.parent.glob(f".{out.name}.build-*"):
        shutil.rmtree(stale, ignore_errors=True)


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
        reason = OS_REASONS.get(err.errno or 0, f"błąd systemu: {err.strerror or err}")
        raise BuildFailed([problem("build-out-not-writable", str(out), reason=reason)]) from None


def _check_replaceable(out: Path) -> None:
    """Refuse to replace a folder that is not a site built earlier (e.g. ``--out .``)."""
    if not out.exists():
        return
    if out.is_dir() and not any(out.iterdir()):
        return
    index = out / "index.html"
    if out.is_dir() and index.is_file() and b"mkdocs-material" in index.read_bytes()[:4096]:
        return
    raise BuildFailed([problem("build-out-not-site", str(out))])


def _swap(site: Path, out: Path) -> None:
    backup = _backup(out)
    if out.exists():
        out.rename(backup)
    site.rename(out)
    if backup.exists():
        shutil.rmtree(backup)
