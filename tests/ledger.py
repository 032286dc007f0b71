"""What the test session cost: site builds, serve sessions and PDFs rendered, and the time
each file of tests took, printed at the end of every run (issue 21: at most 16 `mkdocs
build` processes in a full run).

Every test that starts `mkdocs build` or `mkdocs serve` goes through conftest.py
(run_build, serve_process) or says so with `record`; each writes one line to a ledger file
that the whole session shares (its workers too, under pytest-xdist). PDFs are counted in
the session's shared PDF cache: each PDF a build renders lands there once.
"""

from __future__ import annotations

import os
import time
from collections import Counter, defaultdict
from pathlib import Path

LEDGER_VARIABLE = "GUIDE_TEST_LEDGER"  # the ledger file, set once by the session that starts
KINDS = {"build": "mkdocs build processes", "build-in-process": "mkdocs builds inside the test processes",
         "core-build": "front-door build processes running a copy's own core (each 1 or 2 builds)",
         "serve": "mkdocs serve sessions (or serve-like build processes)",
         "build-all": "wbl-guide build runs (most with a stand-in for mkdocs; their real builds are counted above)"}


def record(kind: str, what: str = "") -> None:
    """One line per event: short appends to a file opened for appending do not interleave."""
    ledger = os.environ.get(LEDGER_VARIABLE)
    if ledger:
        with open(ledger, "a", encoding="utf-8") as file:
            test = os.environ.get("PYTEST_CURRENT_TEST", "").split(" ", 1)[0]
            file.write(f"{kind}\t{what}\t{test}\n")


def counts(ledger: Path) -> Counter:
    if not ledger.is_file():
        return Counter()
    return Counter(line.split("\t", 1)[0] for line in ledger.read_text(encoding="utf-8").splitlines() if line)


def by_file(ledger: Path, kind: str) -> Counter:
    """How many events of `kind` each file of tests caused."""
    if not ledger.is_file():
        return Counter()
    found = Counter()
    for line in ledger.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if fields[0] == kind:
            found[(fields[2] if len(fields) > 2 else "").split("::", 1)[0] or "outside a test"] += 1
    return found


def pdfs_rendered(cache: Path) -> int:
    return sum(1 for _ in cache.rglob("*.pdf")) if cache.is_dir() else 0


class Timer:
    """Seconds spent in each file of tests (setup, call and teardown), from the reports."""

    def __init__(self) -> None:
        self.by_file: dict[str, float] = defaultdict(float)

    def add(self, nodeid: str, seconds: float) -> None:
        self.by_file[nodeid.split("::", 1)[0]] += seconds

    def lines(self, most: int = 25) -> list[str]:
        ordered = sorted(self.by_file.items(), key=lambda item: -item[1])
        shown = [f"  {seconds:7.1f} s  {name}" for name, seconds in ordered[:most]]
        rest = sum(seconds for _, seconds in ordered[most:])
        if rest:
            shown.append(f"  {rest:7.1f} s  the other {len(ordered) - most} files")
        return shown


def busy_core_seconds() -> float | None:
    """Seconds the machine's processors have been busy since it started, all cores added
    up (Linux's /proc/stat: user, nice, system, irq and softirq time; idle and I/O wait
    left out); None where there is no /proc/stat. What a run costs, whoever spent it:
    the test processes, Chromium, PDF workers and the kernel's work for them alike, which
    the processes' own times miss (Chromium's renderers are reaped without being counted)."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu":
        return None
    user, nice, system, _idle, _wait, irq, softirq = (int(value) for value in fields[1:8])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


class MachineCost:
    """The machine's busy core-seconds and the wall time from the session's start to its
    summary: the suite's cost on a machine, which its wall time hides where cores sit idle."""

    def __init__(self) -> None:
        self.start_busy, self.start = busy_core_seconds(), time.monotonic()

    def line(self) -> str | None:
        end_busy = busy_core_seconds()
        if self.start_busy is None or end_busy is None:
            return None
        wall = time.monotonic() - self.start
        cores = os.cpu_count() or 1
        busy = end_busy - self.start_busy
        return (f"  {busy:7.0f} core-seconds busy of {cores * wall:.0f} ({cores} cores for {wall:.0f} s, "
                f"{100 * busy / max(cores * wall, 1e-9):.0f}%), whatever else the machine ran too")
