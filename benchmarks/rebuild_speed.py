#!/usr/bin/env python3
"""Rebuilds with the PDF cache (macros/pdf/pdf_cache.py): how much a warm rebuild costs.

    python benchmarks/rebuild_speed.py               # the default district, both languages
    python benchmarks/rebuild_speed.py --district nyc

Times `mkdocs build` of one district in a copy of the project, one after another:

    HTML only          GUIDE_PDF=0
    full, cold         PDFs on, an empty cache: every PDF rendered
    full, warm         PDFs on, nothing changed: every PDF reused
    one item edited    one checklist item reworded: only the PDFs that contain it rendered

and counts the PDFs each run rendered (files added to the cache). Goal (issue 13): a warm
rebuild at most 1.3x the HTML-only build.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("data", "docs", "macros", "overrides", "schema", "mkdocs.yml")
GOAL_WARM = 1.3
# The checklist's last item (its text, and its wording for districts without a data system).
EDIT = ("teachers/faculty and summarize results", "teachers/faculty, and summarize the results")


def build(project: Path, site: Path, district: str, cache: Path, pdf: bool) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GUIDE_PDF="1" if pdf else "0", GUIDE_CACHE=str(cache),
               GUIDE_DISTRICT=district)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached in the copy, as on a user's machine
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=project,
                            env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    return time.perf_counter() - started


def children_cpu() -> float:
    """CPU seconds of finished child processes: steadier than wall time on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(district: str, repeat: int = 2) -> list[tuple[str, float, float, int]]:
    """(build, wall seconds, CPU seconds, PDFs rendered) for the four builds above, in a
    copy of the project. HTML-only and warm builds: the fastest of `repeat` runs."""
    with tempfile.TemporaryDirectory() as folder:
        project, cache, site = Path(folder) / "project", Path(folder) / "cache", Path(folder) / "site"
        project.mkdir()
        for name in PARTS:
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, project / name)

        def timed(pdf: bool, times: int = 1) -> tuple[float, float]:
            runs = []
            for _ in range(times):
                cpu = children_cpu()
                runs.append((build(project, site, district, cache, pdf), children_cpu() - cpu))
            return min(wall for wall, _ in runs), min(cpu for _, cpu in runs)

        def rendered() -> int:
            return len(list(cache.glob("*.pdf")))

        rows = [("HTML only", *timed(False, repeat), 0)]
        rows.append(("full, cold cache", *timed(True), rendered()))
        total = rendered()
        rows.append(("full, warm cache", *timed(True, repeat), rendered() - total))
        activity = project / "data/activities/informational-interview.yml"
        activity.write_text(activity.read_text(encoding="utf-8").replace(*EDIT), encoding="utf-8")
        rows.append(("one checklist item edited", *timed(True), rendered() - total))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--district", default="earn-and-learn")
    parser.add_argument("--repeat", type=int, default=2, help="runs of the HTML-only and warm builds (fastest kept)")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    rows = measure(args.district, args.repeat)
    html, html_cpu = rows[0][1], rows[0][2]
    warm, warm_cpu = rows[2][1], rows[2][2]
    print(f"{args.district}, both editions, on {platform.machine()} with {os.cpu_count()} cores "
          f"(Python {platform.python_version()}; load average {load:.2f} before, {os.getloadavg()[0]:.2f} after):\n")
    print("| build | seconds | × HTML only | CPU seconds | PDFs rendered |")
    print("|---|---|---|---|---|")
    for name, seconds, cpu, count in rows:
        print(f"| {name} | {seconds:.1f} | {seconds / html:.2f} | {cpu:.1f} | {count} |")
    verdict = "met" if warm <= GOAL_WARM * html else "NOT met"
    print(f"\nGoal: warm rebuild at most {GOAL_WARM}x the HTML-only build: {verdict} ({warm / html:.2f}x; "
          f"{warm_cpu / html_cpu:.2f}x in CPU time)")


if __name__ == "__main__":
    main()
