#!/usr/bin/env python3
"""How long `mkdocs serve` takes to show a data edit: from the file's save to the new page.

    .venv/bin/python benchmarks/serve_latency.py                   # default district, 5 edits
    .venv/bin/python benchmarks/serve_latency.py --language all    # every edition (GUIDE_LANGUAGE)

Starts `mkdocs serve` in a copy of the project (GUIDE_PDF unset, as a user runs it: the
hook turns the PDFs off for serve), waits until it serves the checklist page, then rewords
one checklist item of data/activities/informational-interview.yml several times. For each
save it polls the page over HTTP every 20 ms until the new words appear. The server answers
page requests only once a rebuild is finished, so the figure is MkDocs' change detection
(0.1 s of quiet) plus a whole rebuild plus one request. Goal (issue 13): at most 1.5 s with
the eight activities.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("data", "docs", "macros", "overrides", "schema", "mkdocs.yml")
GOAL = 1.5
ACTIVITY = "data/activities/informational-interview.yml"
PAGE = "informational-interview/checklist/"
WORDS = "summarize results."  # in the item's text and in its fallback (for districts without a data system)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, timeout: float, server: subprocess.Popen) -> float:
    """Seconds until `text` is on the page at `url`, polling every 20 ms."""
    started = time.perf_counter()
    while text not in _fetch(url):
        if server.poll() is not None:
            raise RuntimeError("mkdocs serve stopped")
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"'{text}' did not appear within {timeout:.0f} s")
        time.sleep(0.02)
    return time.perf_counter() - started


def _cpu(pid: int) -> float | None:
    """CPU seconds the server has used so far (Linux /proc): its rebuilds' cost, which other
    work on the machine hardly changes, unlike the wall-clock latency."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    except (OSError, ValueError, IndexError):
        return None


def _wait_idle(pid: int, timeout: float = 120) -> None:
    """Until the server has used no CPU for a second: no rebuild under way (one may follow
    the first build, e.g. when Python writes macros/__pycache__ in a watched folder)."""
    deadline, quiet_since, last = time.monotonic() + timeout, time.monotonic(), _cpu(pid)
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now = _cpu(pid)
        if now is None:
            time.sleep(1.0)
            return
        if now - last > 0.02:
            quiet_since = time.monotonic()
        last = now
        if time.monotonic() - quiet_since >= 1.0:
            return


def measure(district: str | None = None, language: str | None = None, edits: int = 5,
            pdf: str | None = None) -> dict:
    """{"first": seconds to the first page, "latencies": [seconds per edit], "cpu": [the
    server's CPU seconds per edit, or None off Linux], "rebuilds": how many it made}."""
    with tempfile.TemporaryDirectory(prefix="wbl-serve-") as folder:
        project = Path(folder) / "project"
        project.mkdir()
        for name in PARTS:
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, project / name)
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached in the copy, as on a user's machine
        for variable, value in (("GUIDE_DISTRICT", district), ("GUIDE_LANGUAGE", language), ("GUIDE_PDF", pdf)):
            env.pop(variable, None)
            if value:
                env[variable] = value
        port = _free_port()
        log = open(Path(folder) / "serve.log", "w+", encoding="utf-8")
        started = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/{PAGE}"
        activity = project / ACTIVITY
        original = activity.read_text(encoding="utf-8")
        try:
            _wait_for(url, WORDS, 300, server)
            first = time.perf_counter() - started
            latencies, cpu = [], []
            for number in range(1, edits + 1):
                _wait_idle(server.pid)
                marker = f"serve check {number} {os.getpid()}"
                before = _cpu(server.pid)
                activity.write_text(original.replace(WORDS, f"summarize results, {marker}."), encoding="utf-8")
                latencies.append(_wait_for(url, marker, 120, server))  # timed from the save
                after = _cpu(server.pid)
                cpu.append(after - before if None not in (before, after) else None)
            log.seek(0)
            rebuilds = log.read().count("Building documentation...") - 1  # the first build is no rebuild
        except (RuntimeError, TimeoutError) as error:
            log.seek(0)
            raise SystemExit(f"{error}; mkdocs serve said:\n{log.read()[-3000:]}") from None
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()
    return {"first": first, "latencies": latencies, "cpu": cpu, "rebuilds": rebuilds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--district", help="GUIDE_DISTRICT (default: the project's default)")
    parser.add_argument("--language", help="GUIDE_LANGUAGE: a code, or all (default: unset, as users run "
                                           "serve: the district's default edition)")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--pdf", help="GUIDE_PDF for the server (default: unset, as users run serve)")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    figures = measure(args.district, args.language, args.edits, args.pdf)
    latencies = figures["latencies"]
    median, worst = statistics.median(latencies), max(latencies)
    editions = f"GUIDE_LANGUAGE={args.language}" if args.language else "its default edition (serve unasked)"
    print(f"mkdocs serve, {args.district or 'default district'}, {editions}, GUIDE_PDF={args.pdf or 'unset'}; "
          f"{os.cpu_count()} cores, load average {load:.2f} before, {os.getloadavg()[0]:.2f} after")
    print(f"first page served after {figures['first']:.1f} s; {figures['rebuilds']} rebuilds for {args.edits} edits")
    print("save to new page, s: " + ", ".join(f"{s:.2f}" for s in latencies))
    if None not in figures["cpu"]:
        print("server CPU per rebuild, s: " + ", ".join(f"{s:.2f}" for s in figures["cpu"]))
    print(f"median {median:.2f} s, max {worst:.2f} s (goal at most {GOAL} s): "
          f"{'met' if worst <= GOAL else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
