#!/usr/bin/env python3
"""Rebuilds with the PDF cache (macros/pdf_cache.py): how much a warm rebuild costs.

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
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=project,
                            env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--district", default="earn-and-learn")
    parser.add_argument("--repeat", type=int, default=2, help="runs of the HTML-only and warm builds (fastest kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project, cache, site = Path(folder) / "project", Path(folder) / "cache", Path(folder) / "site"
        project.mkdir()
        for name in PARTS:
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, project / name)

        def rendered(before: int) -> int:
            return len(list(cache.glob("*.pdf"))) - before

        rows = []
        html = min(build(project, site, args.district, cache, False) for _ in range(args.repeat))
        rows.append(("HTML only", html, 0))
        cold = build(project, site, args.district, cache, True)
        rows.append(("full, cold cache", cold, rendered(0)))
        total = rendered(0)
        warm = min(build(project, site, args.district, cache, True) for _ in range(args.repeat))
        rows.append(("full, warm cache", warm, rendered(total)))
        activity = project / "data/activities/informational-interview.yml"
        activity.write_text(activity.read_text(encoding="utf-8").replace(*EDIT), encoding="utf-8")
        edited = build(project, site, args.district, cache, True)
        rows.append(("one checklist item edited", edited, rendered(total)))

    print(f"{args.district}, both editions, on {platform.machine()} with {os.cpu_count()} cores "
          f"(Python {platform.python_version()}):\n")
    print("| build | seconds | × HTML only | PDFs rendered |")
    print("|---|---|---|---|")
    for name, seconds, count in rows:
        print(f"| {name} | {seconds:.1f} | {seconds / html:.2f} | {count} |")
    verdict = "met" if warm <= GOAL_WARM * html else "NOT met"
    print(f"\nGoal: warm rebuild at most {GOAL_WARM}x the HTML-only build: {verdict} ({warm / html:.2f}x)")


if __name__ == "__main__":
    main()
