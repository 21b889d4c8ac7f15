"""Stopping a build cleanly: SIGINT and SIGTERM become an exception that unwinds the build.

Python turns SIGINT into ``KeyboardInterrupt`` but lets SIGTERM end the process at once, which
skips every ``finally``: PDF worker processes and their temporary folders outlive the build.
Inside :func:`stopping_on_signals` both signals raise :class:`Interrupted` (a
``KeyboardInterrupt``), so the build's own clean-up runs; a repeated signal while it runs is
ignored, so the clean-up is not cut short.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """The process received ``signum``; its exit code is 128 + ``signum`` (shell convention)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.site_replaced = False  # set by the build: the new site was already in place

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


@contextmanager
def stopping_on_signals() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise :class:`Interrupted` (once)."""
    previous = {s: signal.getsignal(s) for s in SIGNALS}

    def handler(signum: int, frame: FrameType | None) -> None:
        for s in SIGNALS:
            signal.signal(s, signal.SIG_IGN)  # the clean-up must finish
        raise Interrupted(signum)

    for s in SIGNALS:
        signal.signal(s, handler)
    try:
        yield
    finally:
        for s, old in previous.items():
            signal.signal(s, old)
