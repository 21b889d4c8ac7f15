"""Run a command in a subprocess: wall time, peak memory (ru_maxrss of that child) and output."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Run:
    wall: float  # seconds, from start to exit, interpreter start-up included
    cpu: float  # user + system seconds of the child
    peak_mb: float  # maximum resident set size of the child
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> dict[str, Any]:
        """The last stdout line as JSON (the bench children print their result there)."""
        lines = self.stdout.strip().splitlines()
        if not lines:
            raise RuntimeError(f"no output (exit {self.returncode}): {self.stderr[-2000:]}")
        return json.loads(lines[-1])


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` and wait for it with ``wait4``, which gives the rusage of that child alone.

    The child may write bytecode, as an installed package has it: a session that sets
    ``PYTHONDONTWRITEBYTECODE`` would otherwise compile every imported module on each run.
    """
    env = {k: v for k, v in (os.environ if env is None else env).items()
           if k != "PYTHONDONTWRITEBYTECODE"}
    os.sync()  # the previous run's writes and deletions must not spill into this one's time
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime,
                   peak_mb=usage.ru_maxrss / 1024, returncode=proc.returncode,
                   stdout=out.read().decode("utf-8", "replace"),
                   stderr=err.read().decode("utf-8", "replace"))
