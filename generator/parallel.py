"""Work in a forked copy of this process, so that a build or a validation uses two cores.

The build forks (Linux: ``os.fork``; the copy shares the model and the parts' files without
pickling them) and the copy sends back one picklable value, or the exception it raised, through a
pipe. The copy never runs the parent's clean-up: it ends with ``os._exit``, so no ``atexit``
handler (e.g. the one stopping the PDF workers) and no ``finally`` of the parent's stack runs in
it. Where ``fork`` is missing the build does the same work in one process (:func:`can_fork`).

Ctrl-C reaches both processes (one process group): the copy ends, and the parent's clean-up
cancels it (:meth:`Forked.cancel` kills and reaps it), so none outlives the build.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import signal
import struct
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar, cast

T = TypeVar("T")


def available_processes() -> int:
    """How many processes a build uses by default: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether a build starting now may fork: on Linux (macOS' system libraries do not survive
    it), in a process where no other thread works (e.g. another build: a lock it holds, say a
    template cache's, would stay locked in the copy). Daemon threads only wait (the PDF workers'
    watchers a build starts itself, a test runner's)."""
    current = threading.current_thread()
    alone = all(t.daemon for t in threading.enumerate() if t is not current)
    return hasattr(os, "fork") and sys.platform.startswith("linux") and alone


class ForkedFailed(Exception):
    """The forked process ended without sending its value (killed, or its value not picklable)."""


class Forked(Generic[T]):
    """``work(wait)`` running in a forked copy of this process; :meth:`result` gives its value.

    ``wait()``, called in the copy, blocks until the parent calls :meth:`go` and says whether it
    did (``False``: the parent went away or cancelled); ``wait.ready()`` says, without waiting,
    whether ``wait()`` would return at once (:class:`GoAhead`).
    """

    def __init__(self, work: Callable[[Callable[[], bool]], T]) -> None:
        result_r, result_w = os.pipe()
        go_r, go_w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        gc.freeze()  # the copy's collections then skip the shared objects: no copy-on-write
        try:
            pid = os.fork()
        except BaseException:
            gc.unfreeze()
            for fd in (result_r, result_w, go_r, go_w):
                os.close(fd)
            raise
        if pid == 0:  # the copy
            os.close(result_r)
            os.close(go_w)
            _child(work, go_r, result_w)
        gc.unfreeze()
        os.close(result_w)
        os.close(go_r)
        self.pid: int | None = pid
        self._result = result_r
        self._go: int | None = go_w

    def go(self) -> None:
        """Let the copy's ``wait()`` return ``True``."""
        if self._go is not None:
            with contextlib.suppress(BrokenPipeError):  # it ended already: see result()
                os.write(self._go, b"1")
            os.close(self._go)
            self._go = None

    def result(self) -> T:
        """The copy's value; raises what it raised (a :class:`ForkedFailed` if it sent nothing).
        A ``wait()`` still waiting then returns ``False``."""
        if self._go is not None:
            os.close(self._go)
            self._go = None
        chunks = []
        with os.fdopen(self._result, "rb", closefd=True) as pipe:
            self._result = -1
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        status = self._reap()
        if not chunks:
            raise ForkedFailed(f"the build's second process ended without a result ({status})")
        ok, value = pickle.loads(b"".join(chunks))
        if not ok:
            raise value
        return cast(T, value)

    def cancel(self) -> None:
        """Stop the copy if it still runs (the build failed or stops)."""
        if self._go is not None:
            os.close(self._go)
            self._go = None
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()
        if self._result >= 0:
            os.close(self._result)
            self._result = -1

    def _reap(self) -> str:
        if self.pid is None:
            return "reaped"
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return f"exit status {status}"


class GoAhead:
    """The copy's side of :meth:`Forked.go`: calling it waits for the parent's word."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def __call__(self) -> bool:
        """Whether the parent said go (``False``: it went away or cancelled); blocks until then."""
        return os.read(self._fd, 1) == b"1"

    def ready(self) -> bool:
        """Whether the parent has said go, or gone away, by now (never blocks)."""
        return bool(select.select([self._fd], [], [], 0)[0])


def _child(work: Callable[[Callable[[], bool]], object], go: int, out: int) -> None:
    """Run ``work`` in the copy, send its outcome to ``out`` and end the process."""
    code = 0
    try:
        try:
            payload = pickle.dumps((True, work(GoAhead(go))), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as err:  # every failure is the parent's to report
            payload = _pickled_error(err)
        view = memoryview(payload)
        while view:
            view = view[os.write(out, view):]
    except BaseException:  # e.g. the parent is gone (broken pipe)
        code = 1
    finally:
        os._exit(code)


def _pickled_error(err: BaseException) -> bytes:
    try:
        return pickle.dumps((False, err), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that does not pickle: its text does
        text = "".join(traceback.format_exception_only(type(err), err)).strip()
        return pickle.dumps((False, ForkedFailed(text)), protocol=pickle.HIGHEST_PROTOCOL)


class Claims:
    """Numbers ``0 … count-1`` that the build's processes draw from, each number once (a pipe
    filled before the fork; a read of four bytes from a pipe is atomic)."""

    def __init__(self, count: int) -> None:
        self._read, write = os.pipe()
        try:
            data = b"".join(struct.pack("<I", n) for n in range(count))
            if len(data) > 65536:  # what a pipe holds without a reader
                raise ValueError(f"at most 16,384 claims, not {count}")
            os.write(write, data)
        finally:
            os.close(write)

    def next(self) -> int | None:
        """The next number not drawn by any process yet; ``None`` when all are."""
        data = os.read(self._read, 4)
        return struct.unpack("<I", data)[0] if data else None

    def close(self) -> None:
        os.close(self._read)
