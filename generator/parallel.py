"""Work in a forked copy of this process, so that a build or a validation uses two cores.

The build forks (Linux: ``os.fork``; the copy shares the model and the parts' files without
pickling them) and the copy sends back one picklable value, or the exception it raised, through a
pipe. The copy never runs the parent's clean-up: it ends with ``os._exit``, so no ``atexit``
handler (e.g. the one stopping the PDF workers) and no ``finally`` of the parent's stack runs in
it. Where ``fork`` is missing the build does the same work in one process (:func:`can_fork`).

Ctrl-C reaches both processes (one process group): the copy ends, and the parent's clean-up
cancels it (:meth:`Forked.cancel` kills and reaps it), so none outlives the build; a build killed
outright (SIGKILL) takes its copy with it (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import contextlib
import functools
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
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def available_processes() -> int:
    """How many processes a build uses by default: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether this process may fork now: on Linux (macOS' system libraries do not survive it),
    with no thread running but daemon threads and this one. A lock another thread holds at the
    fork stays locked in the copy for ever, so the daemon threads allowed are those that hold no
    lock the copy needs: the PDF workers' watchers (blocked in ``Popen.wait``, holding only that
    ``Popen``'s own lock), a test runner's, ``kis serve``'s request threads (which touch no
    build code). A non-daemon thread (e.g. another build, holding a template cache's lock) is
    not allowed. Ask again right before each fork: threads come and go during a build."""
    current = threading.current_thread()
    alone = all(t.daemon for t in threading.enumerate() if t is not current)
    return hasattr(os, "fork") and sys.platform.startswith("linux") and alone


class ForkedFailed(Exception):
    """The forked process ended without sending its value, or what it sent does not unpickle.

    ``code``: how it ended when it sent nothing, as :func:`os.waitstatus_to_exitcode` gives it
    (its exit code, or minus the signal that killed it, e.g. -9 for the OOM killer's SIGKILL);
    ``None`` when it sent something that is not a value (the text says what).
    """

    def __init__(self, detail: str, code: int | None = None) -> None:
        super().__init__(detail)
        self.code = code


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
        # Ctrl-C or SIGTERM between the fork and the copy's own ``try`` would unwind the parent's
        # stack in the copy (its ``finally`` blocks: removing the build folder...), and in the
        # parent before ``self.pid`` is set, leave the copy unreaped: held until both are ready
        signals = {signal.SIGINT, signal.SIGTERM}
        held = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
        parent, prctl = os.getpid(), _prctl()
        try:
            pid = os.fork()
        except BaseException:
            gc.unfreeze()
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            for fd in (result_r, result_w, go_r, go_w):
                os.close(fd)
            raise
        if pid == 0:  # the copy
            try:
                _die_with(parent, prctl)
                os.close(result_r)
                os.close(go_w)
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
                _child(work, go_r, result_w)
            finally:
                os._exit(1)
        gc.unfreeze()
        os.close(result_w)
        os.close(go_r)
        self.pid: int | None = pid
        self._result = result_r
        self._go: int | None = go_w
        try:  # a signal that came meanwhile is raised here: the copy is stopped with the build
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        except BaseException:
            self.cancel()
            raise

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
        code = self._reap()
        if not chunks:
            raise ForkedFailed(f"drugi proces zakończył się bez wyniku (kod wyjścia {code})",
                               code)
        try:
            ok, value = pickle.loads(b"".join(chunks))
        except Exception as err:  # the copy checks this (_sendable): only if that missed it
            raise ForkedFailed(f"wynik drugiego procesu nie daje się odczytać "
                               f"({type(err).__name__}: {err})") from err
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

    def _reap(self) -> int | None:
        """How the copy ended (:func:`os.waitstatus_to_exitcode`); ``None``: reaped before."""
        if self.pid is None:
            return None
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return os.waitstatus_to_exitcode(status)


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


@functools.cache
def _prctl() -> Callable[..., int] | None:
    """libc's ``prctl``, looked up in the parent (no ``dlopen`` in a copy forked from a process
    with threads); ``None`` where there is none (not Linux, no ctypes)."""
    try:
        import ctypes

        call = ctypes.CDLL(None, use_errno=True).prctl
    except (ImportError, OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    call.restype = ctypes.c_int
    return cast(Callable[..., int], call)


def _die_with(parent: int, prctl: Callable[..., int] | None) -> None:
    """Linux: the copy is killed when the process that forked it ends, even by SIGKILL, so an
    orphaned copy never holds the build's lock nor writes into a folder a later build owns.
    Without ``prctl`` (or if it fails) the copy ends at its next write to the pipe instead."""
    if prctl is None or prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return
    if os.getppid() != parent:  # the parent ended before prctl took effect
        os._exit(1)


def _child(work: Callable[[Callable[[], bool]], object], go: int, out: int) -> None:
    """Run ``work`` in the copy, send its outcome to ``out`` and end the process."""
    code = 0
    try:
        try:
            value = work(GoAhead(go))
        except BaseException as err:  # every failure is the parent's to report
            payload = _pickled_error(err)
        else:
            try:
                payload = _sendable((True, value))
            except Exception as err:
                payload = _pickled_error(ForkedFailed(
                    f"wynik drugiego procesu nie daje się przesłać ({type(err).__name__}: {err})"))
        view = memoryview(payload)
        while view:
            view = view[os.write(out, view):]
        sys.stdout.flush()  # os._exit does not: a part's print would be lost
        sys.stderr.flush()
    except BaseException:  # e.g. the parent is gone (broken pipe)
        code = 1
    finally:
        os._exit(code)


def _sendable(outcome: object) -> bytes:
    """``outcome`` pickled, once checked that it unpickles, as the parent will do (an exception
    whose ``__init__`` takes other arguments than its ``args`` pickles, and does not unpickle)."""
    payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    pickle.loads(payload)
    return payload


def _pickled_error(err: BaseException) -> bytes:
    try:
        return _sendable((False, err))
    except Exception:  # an exception that does not travel: its text does
        text = "".join(traceback.format_exception_only(type(err), err)).strip()
        return pickle.dumps((False, ForkedFailed(text)), protocol=pickle.HIGHEST_PROTOCOL)


class Claims:
    """Numbers ``0 … count-1`` that the build's processes draw from, each number once (a pipe
    filled before the fork; a read of four bytes from a pipe is atomic)."""

    MAX = 16_384  # four bytes each: what a pipe holds with no reader (64 KiB, Linux's default)

    def __init__(self, count: int) -> None:
        """Raises :class:`ValueError` over :attr:`MAX`, :class:`OSError` if this pipe holds less
        (Linux gives 4–8 KiB pipes to a user over ``fs.pipe-user-pages-soft``): the write never
        blocks, since the only reader would be this very process."""
        if count > self.MAX:
            raise ValueError(f"at most {self.MAX} claims, not {count}")
        self._read, write = os.pipe()
        try:
            data = b"".join(struct.pack("<I", n) for n in range(count))
            os.set_blocking(write, False)
            try:
                written = os.write(write, data) if data else 0
            except BlockingIOError:
                written = 0
            if written < len(data):
                raise OSError(f"a pipe holds {written} bytes here, not the {len(data)} of "
                              f"{count} claims")
        except BaseException:
            os.close(self._read)
            raise
        finally:
            os.close(write)

    def next(self) -> int | None:
        """The next number not drawn by any process yet; ``None`` when all are."""
        data = os.read(self._read, 4)
        return struct.unpack("<I", data)[0] if data else None

    def close(self) -> None:
        os.close(self._read)
