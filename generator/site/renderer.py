"""The one place that calls mkdocs: render a docs tree and its ``mkdocs.yml`` into HTML.

Everything else in the engine writes a plain docs tree any renderer reading ``mkdocs.yml`` can
build; a successor renderer (e.g. Zensical) would be a change here and in :mod:`.theme`.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from functools import partial
from pathlib import Path
from typing import Any

from generator.site import jinja_cache

_LOCK = threading.Lock()  # mkdocs reads SOURCE_DATE_EPOCH from the process environment


def source_date_epoch(as_of: date) -> int:
    """Midnight UTC of the as-of date: every date mkdocs writes (sitemap) comes from it."""
    return int(datetime.combine(as_of, time(0, 0), tzinfo=UTC).timestamp())


def mkdocs_build(config_file: Path, epoch: int) -> list[str]:
    """``mkdocs build --strict`` of ``config_file``; the warnings and errors, empty when built."""
    from mkdocs import utils
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    with _LOCK, _environment(SOURCE_DATE_EPOCH=str(epoch)):
        propagate = logger.propagate
        logger.addHandler(handler)
        logger.propagate = False
        try:
            config = load_config(str(config_file), strict=True)
            make_env = config.theme.get_env

            def get_env() -> Any:  # the theme's templates compiled once (the build cache)
                env = make_env()
                jinja_cache.attach(env)
                env.list_templates = partial(jinja_cache.list_templates, env)
                return env

            config.theme.get_env = get_env  # type: ignore[method-assign]
            with _linking(utils, os.path.join(config.docs_dir, "")):
                build(config)
            error = ""
        except Exception as err:  # mkdocs raises Abort, ConfigurationError, OSError, ...
            error = f"{type(err).__name__}: {err}"
        finally:
            logger.removeHandler(handler)
            logger.propagate = propagate
    return [*handler.messages, *([error] if error else [])]


@contextmanager
def _linking(utils: Any, docs: str) -> Iterator[None]:
    """mkdocs' copies of the docs tree's own files (``docs``: its folder, the one our config
    names) made as hard links: the same bytes in the site without writing them again (the docs
    tree is temporary; theme files from the installed package are still copied)."""
    copy = utils.copy_file
    utils.copy_file = _link_or_copy(copy, docs)
    try:
        yield
    finally:
        utils.copy_file = copy


def _link_or_copy(copy: Callable[[str, str], None], docs: str) -> Callable[[str, str], None]:
    def copy_file(source_path: str, output_path: str) -> None:
        if source_path.startswith(docs) and not os.path.isdir(output_path):
            os.makedirs(os.path.dirname(output_path), exist_ok=True)
            try:
                os.link(source_path, output_path)
                return
            except OSError:  # there already, another device, no links: copied as mkdocs does
                pass
        copy(source_path, output_path)

    return copy_file


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
