"""Compiled Jinja templates kept in the build cache, so a build compiles only what changed.

Compiling the site's templates and mkdocs-material's page frame is most of what a template
costs a build (about 0.3 s of CPU each set; loading the compiled code: a few ms). Jinja's own
bytecode cache keeps each template's compiled code with a checksum of its source: a changed
template is compiled again. What the code depends on besides the source (Jinja's and Python's
versions, the environment's syntax and options) names the folder (:func:`fingerprint`); a
template is keyed by its name alone, because the theme's overrides are read from the build's
own temporary folder. Files unused for :data:`MAX_AGE_DAYS` are evicted (one rule:
:mod:`generator.site.cache_files`). :func:`list_templates` lists the theme's templates for
mkdocs without walking the folders its filter rejects whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from generator.site.cache_files import evict

FOLDER = "jinja"
MAX_AGE_DAYS = 30
_current: list[Path] = []  # the build cache of the build running in this process


class ByName(jinja2.FileSystemBytecodeCache):
    """A bytecode cache keyed by template name (the source's checksum still decides), whose
    files record their last use in their modification time."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        super().load_bytecode(bucket)
        if bucket.code is not None:
            with contextlib.suppress(OSError):
                os.utime(self._get_cache_filename(bucket))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):  # a full or read-only cache: compiled again next time
            super().dump_bytecode(bucket)


def fingerprint(env: jinja2.Environment) -> str:
    """What a template's compiled code depends on besides its source, as a short hash."""
    escape = env.autoescape
    options = [
        jinja2.__version__, sys.version, env.block_start_string, env.block_end_string,
        env.variable_start_string, env.variable_end_string, env.comment_start_string,
        env.comment_end_string, str(env.line_statement_prefix), str(env.line_comment_prefix),
        str(env.trim_blocks), str(env.lstrip_blocks), env.newline_sequence,
        str(env.keep_trailing_newline), str(env.optimized), str(env.is_async),
        str(escape) if isinstance(escape, bool) else _name(escape),
        _name(env.finalize) if env.finalize else "", *sorted(env.extensions),
    ]
    return hashlib.sha256("\n".join(options).encode("utf-8")).hexdigest()[:16]


def _name(thing: object) -> str:
    return f"{getattr(thing, '__module__', '')}.{getattr(thing, '__qualname__', repr(thing))}"


def use(cache_dir: Path, env: jinja2.Environment) -> None:
    """Keep ``env``'s compiled templates in ``cache_dir``, and mkdocs' (:func:`attach`) in this
    process' builds from now on; evict what went unused."""
    folder = cache_dir / FOLDER
    _current[:] = [cache_dir]
    attach(env)
    with contextlib.suppress(OSError):
        evict((p for p in folder.rglob("*") if p.is_file()), MAX_AGE_DAYS)


def attach(env: jinja2.Environment) -> None:
    """Give ``env`` the bytecode cache of the build running in this process, if any."""
    if not _current:
        return
    folder = _current[0] / FOLDER / fingerprint(env)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only cache: templates are compiled as without one
        return
    env.bytecode_cache = ByName(str(folder))


# Names mkdocs' filter of the theme's files rejects (its patterns ``.*`` and ``*/.*``) and no
# filter would reject for another reason.
_DOT_PROBES = (".kisprobe/a.kisprobe", "a/.kisprobe/b.kisprobe", "a/b/.kisprobe/c.kisprobe")


def list_templates(env: jinja2.Environment, extensions: Any = None,
                   filter_func: Callable[[str], bool] | None = None) -> list[str]:
    """``env.list_templates``, without walking folders whose names start with a dot when the
    filter rejects every file in such a folder anyway, as mkdocs' filter of the theme's files
    does (mkdocs-material keeps ~10,000 icons in ``.icons``, listed and rejected one by one)."""
    loader = env.loader
    if (extensions is not None or filter_func is None
            or not isinstance(loader, jinja2.FileSystemLoader)
            or any(filter_func(probe) for probe in _DOT_PROBES)):
        return jinja2.Environment.list_templates(env, extensions, filter_func)
    found: set[str] = set()
    for searchpath in loader.searchpath:  # as FileSystemLoader.list_templates
        for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=loader.followlinks):
            dirnames[:] = [name for name in dirnames if not name.startswith(".")]
            for filename in filenames:
                template = (os.path.join(dirpath, filename)[len(searchpath):]
                            .strip(os.path.sep).replace(os.path.sep, "/"))
                found.add(template[2:] if template[:2] == "./" else template)
    return [name for name in sorted(found) if filter_func(name)]
