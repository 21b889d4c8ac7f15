"""How long `kis serve` takes to show an edit (#19): save a club's row, poll its page over HTTP.

``kis serve`` runs on a copy of a synthetic register, with the forms' cache of the benchmark's
builds (so its first build is warm; the renamed clubs' PDFs are added to it). Each edit renames
one club in a voivodeship's ``kluby.csv``; the time is from the file's save to the first
response of ``/kluby/<id>/`` that shows the new name (polled every 10 ms). Before the next edit
the preview's background build is let finish, so every edit starts from the same state. Also
measured: the CPU seconds the preview process spent from the save to the page showing (the
machine's load hits them much less than the wall time), and the time until the whole site was
rebuilt.

``python -m bench.serve_latency REGISTER [--edits N]`` runs it alone.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.0
POLL = 0.01
TIMEOUT = 120.0  # for one edit
START_TIMEOUT = 1800.0  # for the first build (cold forms' cache, loaded machine)
READY = "Podgląd strony:"
WHOLE = "Zbudowano całą stronę"
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class PreviewResult:
    clubs: int
    latency: list[float] = field(default_factory=list)  # wall seconds, save → page shows it
    cpu: list[float] = field(default_factory=list)  # the preview process's CPU seconds meanwhile
    whole: list[float] = field(default_factory=list)  # save → the whole site rebuilt
    load: list[str] = field(default_factory=list)  # load average before each edit
    errors: list[str] = field(default_factory=list)

    def median(self) -> float | None:
        return statistics.median(self.latency) if self.latency else None

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


class Lines:
    """The preview's output, read in a thread; ``wait_for`` blocks until a line contains text."""

    def __init__(self, stream: object) -> None:
        self.lines: list[str] = []
        self._seen = threading.Condition()
        self.reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.reader.start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            with self._seen:
                self.lines.append(line)
                self._seen.notify_all()

    def count(self, text: str) -> int:
        with self._seen:
            return sum(text in line for line in self.lines)

    def wait_for(self, text: str, times: int = 1, timeout: float = TIMEOUT) -> bool:
        with self._seen:
            return self._seen.wait_for(
                lambda: sum(text in line for line in self.lines) >= times, timeout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far (its own, not its children's)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def clubs_to_edit(register: Path, n: int) -> Iterator[tuple[Path, str, str]]:
    """(kluby.csv, club id, its name) of ``n`` clubs, from as many voivodeships as may be."""
    files = sorted((register / "wojewodztwa").glob("*/kluby.csv"))
    rows = []
    for f in files:
        lines = f.read_text(encoding="utf-8").splitlines()[1:]
        rows.append([cells for cells in csv.reader(lines)  # names written without quotes
                     if "," not in cells[1] and '"' not in cells[1]])
    for i in range(n):
        f = i % len(files)
        cells = rows[f][i // len(files)]
        yield files[f], cells[0], cells[1]


def rename(kluby: Path, club: str, old: str, new: str) -> None:
    """Rename ``club`` in ``kluby`` as an editor saves: the whole file written at once."""
    text = kluby.read_text(encoding="utf-8")
    row = re.compile(rf"^{re.escape(club)},{re.escape(old)},", re.M)
    text, found = row.subn(f"{club},{new},", text, count=1)
    if not found:
        raise RuntimeError(f"{club} not found in {kluby}")
    kluby.write_text(text, encoding="utf-8")


def measure(source: Path, work: Path, as_of: date, edits: int = 5,
            cache: Path | None = None) -> PreviewResult:
    """Run ``kis serve`` on a copy of ``source`` and time ``edits`` renames of clubs."""
    clubs = sum(len(f.read_text(encoding="utf-8").splitlines()) - 1
                for f in (source / "wojewodztwa").glob("*/kluby.csv"))
    result = PreviewResult(clubs)
    shutil.rmtree(work, ignore_errors=True)
    register = work / "register"
    shutil.copytree(source, register)
    # the forms' cache of the benchmark's builds: warm, and kept warm for the next run
    cache = cache or work.with_name(f"{work.name}-cache")
    env = dict(os.environ, KIS_CACHE_DIR=str(cache), PYTHONUNBUFFERED="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode as an installed package has it
    port = free_port()
    cmd = [sys.executable, "-m", "generator.cli", "serve", "--register", str(register),
           "--port", str(port), "--as-of", as_of.isoformat()]
    proc = subprocess.Popen(cmd, cwd=PROJECT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    out = Lines(proc.stdout)
    try:
        if not out.wait_for(READY, timeout=START_TIMEOUT):
            result.errors.append("kis serve did not start: " + "".join(out.lines)[-1000:])
            return result
        for n, (kluby, club, name) in enumerate(clubs_to_edit(register, edits)):
            new = f"Klub Integracji Społecznej Podgląd {n + 1}"
            url = f"http://127.0.0.1:{port}/kluby/{club}/"
            whole_before = out.count(WHOLE)
            result.load.append(", ".join(f"{x:.1f}" for x in os.getloadavg()))
            cpu = cpu_seconds(proc.pid)
            start = time.perf_counter()
            rename(kluby, club, name, new)
            while new not in fetch(url):
                if time.perf_counter() - start > TIMEOUT:
                    result.errors.append(f"edit {n + 1}: {club} never showed its new name")
                    return result
                time.sleep(POLL)
            result.latency.append(time.perf_counter() - start)
            result.cpu.append(cpu_seconds(proc.pid) - cpu)
            if out.wait_for(WHOLE, whole_before + 1):
                result.whole.append(time.perf_counter() - start)
            else:
                result.errors.append(f"edit {n + 1}: the whole site was not rebuilt")
        return result
    finally:
        proc.send_signal(signal.SIGTERM)  # like Ctrl+C (SIGINT may be ignored in background)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        out.reader.join(timeout=10)  # the pipe ends with the process
        if proc.stdout is not None:
            proc.stdout.close()
        shutil.rmtree(work, ignore_errors=True)


def markdown(r: PreviewResult) -> str:
    """The section of bench/RESULTS.md."""
    def ms(values: list[float]) -> str:
        return ", ".join(f"{v * 1000:.0f}" for v in values)

    lines = ["", f"## Preview: `kis serve` shows an edited club, {r.clubs:,} clubs (#19)", ""]
    if r.latency:
        whole = statistics.median(r.whole) if r.whole else float("nan")
        lines += [
            f"Save of a renamed club's row in `kluby.csv` → its page over HTTP shows the new "
            f"name: median **{statistics.median(r.latency) * 1000:.0f} ms** wall "
            f"({ms(r.latency)} ms), of it {statistics.median(r.cpu) * 1000:.0f} ms CPU of the "
            f"preview process (median; {ms(r.cpu)} ms). The whole site rebuilt in the "
            f"background after a median {whole:.1f} s. Load average before each edit: "
            f"{'; '.join(r.load)}.",
        ]
    lines += [f"- error: {e}" for e in r.errors]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.serve_latency", description=__doc__)
    parser.add_argument("register", type=Path)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--as-of", default="2026-11-22")
    parser.add_argument("--cache", type=Path, help="the forms' cache to use (default: next to "
                        "--work)")
    parser.add_argument("--work", type=Path, default=PROJECT / "bench" / "out" / "serve")
    args = parser.parse_args(argv)
    result = measure(args.register, args.work, date.fromisoformat(args.as_of), args.edits,
                     args.cache)
    print(markdown(result))
    median = result.median()
    return 0 if median is not None and median <= TARGET_SECONDS and not result.errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
