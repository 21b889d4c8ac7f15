"""Accumulating stopwatches, and timing of functions of other modules without editing them."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from types import ModuleType
from typing import Any


class Clock:
    """Seconds spent per named stage; a stage may be entered many times (the times add up).

    ``seconds`` is wall time, ``cpu`` the process's CPU time (little affected by other work on
    the machine).
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start, start_cpu = time.perf_counter(), time.process_time()
        self.calls[name] += 1
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start
            self.cpu[name] += time.process_time() - start_cpu

    def wrap(self, module: ModuleType | type, attr: str, name: str) -> None:
        """Replace ``module.attr`` (a function, or a class's method) by one that adds its time to
        stage ``name``.

        Callers that look the function up on the module at call time are timed; nested calls of
        the same stage are counted once.
        """
        original: Callable[..., Any] = getattr(module, attr)
        depth = [0]

        @wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if depth[0]:
                return original(*args, **kwargs)
            depth[0] += 1
            try:
                with self.stage(name):
                    return original(*args, **kwargs)
            finally:
                depth[0] -= 1

        setattr(module, attr, timed)
