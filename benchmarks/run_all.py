#!/usr/bin/env python3
"""Every speed and quality figure of issue 13 in one table: measure | figure | goal | met?

    .venv/bin/python benchmarks/run_all.py            # everything: about 10 minutes on 2 cores
    .venv/bin/python benchmarks/run_all.py --quick    # HTML build against its baselines, serve

Reuses the other benchmarks: build_speed.py (the guide's HTML build of one generated
district against the same pages as plain Markdown under Material, with mkdocs-macros idle
and without it), rebuild_speed.py (full builds with a cold and a warm PDF cache, one item
edited), serve_latency.py and, when it is there, lighthouse_scores.py. The build ratios are
judged on CPU time (getrusage of the builds), which another job on the machine hardly
moves; wall time is shown beside it (the warm-cache goal, from rebuild_speed.py, is on wall
time). Judged ratios show three decimals, so a miss by a hair does not read as 1.30 <= 1.3.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_speed  # noqa: E402
import rebuild_speed  # noqa: E402
import serve_latency  # noqa: E402

LIGHTHOUSE_GOALS = {"performance": 95, "accessibility": 100, "best-practices": 95}
FIRST_VIEW_GOAL = 150_000  # bytes


def html_against_plain(repeat: int) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds of the guide's HTML build of one generated district (one
    language) and of its two plain-Markdown baselines, the fastest of `repeat` rounds.
    The three alternate, so a change in the machine's load hits them alike."""
    with tempfile.TemporaryDirectory(prefix="wbl-run-all-") as temp:
        temp = Path(temp)
        (temp / "project").mkdir()
        ids = build_speed.make_project(temp / "project", 1)
        idle = build_speed.make_plain_projects(temp / "project", ids, temp / "idle", idle_macros=True)
        bare = build_speed.make_plain_projects(temp / "project", ids, temp / "bare")
        builds = {"guide": lambda: build_speed.build_guide(temp / "project", temp / "site", 1, False),
                  "idle": lambda: build_speed.build_plain(idle, temp / "idle-site", 1),
                  "bare": lambda: build_speed.build_plain(bare, temp / "bare-site", 1)}
        runs: dict[str, list] = {name: [] for name in builds}
        for round_ in range(repeat + 1):  # round 0 warms the caches (bytecode, templates) and is dropped
            for name, build in builds.items():
                figures = build()
                if round_:
                    runs[name].append(figures)
    return {name: (min(w for w, _ in found), min(c for _, c in found)) for name, found in runs.items()}


def lighthouse_rows() -> list[tuple[str, str, str, str]]:
    try:
        import lighthouse_scores
        found = lighthouse_scores.scores_and_weights()
        goals = getattr(lighthouse_scores, "GOALS", LIGHTHOUSE_GOALS)
    except Exception as error:  # not there, not installed, or failed: say so in the table
        reason = "".join(traceback.format_exception_only(error)).strip().splitlines()[-1][:80]
        return [("Lighthouse (performance, accessibility, best practices)", f"not measured ({reason})",
                 "≥ 95, 100, ≥ 95", "—")]
    rows = []
    for district, page, performance, accessibility, best, weight in found:
        met = performance >= goals["performance"] and accessibility >= goals["accessibility"] and \
            best >= goals["best-practices"]
        rows.append((f"Lighthouse {district} {page} (performance, accessibility, best practices)",
                     f"{performance:.0f}, {accessibility:.0f}, {best:.0f}",
                     f"≥ {goals['performance']}, {goals['accessibility']}, ≥ {goals['best-practices']}", _yes(met)))
        rows.append((f"first view of {district} {page}, gzip (Lighthouse's total byte weight)",
                     f"{weight / 1000:.0f} KB", f"at most {FIRST_VIEW_GOAL // 1000} KB", _yes(weight <= FIRST_VIEW_GOAL)))
    return rows


def _yes(met: bool) -> str:
    return "yes" if met else "**no**"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the full builds with PDFs and Lighthouse")
    parser.add_argument("--district", default="earn-and-learn", help="district of the full builds and of serve")
    parser.add_argument("--repeat", type=int, help="rounds of the HTML builds (fastest kept; default 3, quick 1)")
    args = parser.parse_args(argv)
    repeat = args.repeat or (1 if args.quick else 3)
    load = os.getloadavg()[0]
    rows = []

    def say(step: str) -> None:
        print(f"... {step} (load average {os.getloadavg()[0]:.2f})", file=sys.stderr, flush=True)

    say("HTML build against plain Markdown")
    html = html_against_plain(repeat)
    (guide_wall, guide_cpu), (idle_wall, idle_cpu), (bare_wall, bare_cpu) = html["guide"], html["idle"], html["bare"]
    rows.append(("HTML build / same pages as plain Markdown, mkdocs-macros idle (one district, one language)",
                 f"{guide_cpu / idle_cpu:.3f}x CPU ({guide_cpu:.2f} s / {idle_cpu:.2f} s); "
                 f"wall {guide_wall / idle_wall:.2f}x ({guide_wall:.1f} s / {idle_wall:.1f} s)",
                 f"≤ {build_speed.GOAL_RATIO}x", _yes(guide_cpu / idle_cpu <= build_speed.GOAL_RATIO)))
    rows.append(("HTML build / same pages as plain Markdown, no macros plugin",
                 f"{guide_cpu / bare_cpu:.2f}x CPU ({bare_cpu:.1f} s); wall {guide_wall / bare_wall:.2f}x",
                 "— (for comparison)", "—"))

    if not args.quick:
        say(f"full builds of {args.district} (HTML only, cold, warm, one item edited)")
        builds = {name: (wall, cpu, count) for name, wall, cpu, count in rebuild_speed.measure(args.district, 2)}
        html_wall, html_cpu, _ = builds["HTML only"]
        rows.append((f"HTML-only build, {args.district}, both editions", f"{html_wall:.1f} s ({html_cpu:.1f} s CPU)",
                     "—", "—"))
        wall, cpu, count = builds["full, cold cache"]
        rows.append(("full build, cold PDF cache", f"{wall:.1f} s ({cpu:.1f} s CPU), {count} PDFs rendered", "—", "—"))
        wall, cpu, count = builds["full, warm cache"]
        rows.append(("full build, warm PDF cache / HTML only",
                     f"{wall / html_wall:.3f}x ({wall:.1f} s; CPU {cpu / html_cpu:.2f}x), {count} PDFs rendered",
                     f"≤ {rebuild_speed.GOAL_WARM}x", _yes(wall / html_wall <= rebuild_speed.GOAL_WARM)))
        wall, cpu, count = builds["one checklist item edited"]
        rows.append(("one checklist item edited, rebuild", f"{wall:.1f} s ({cpu:.1f} s CPU), {count} PDFs rendered",
                     "—", "—"))

    for language, label in ((None, "its default edition, as serve makes it"), ("all", "every edition, GUIDE_LANGUAGE=all")):
        say(f"mkdocs serve of {args.district}, {label}")
        serve = serve_latency.measure(args.district, language=language, edits=2 if args.quick else 5)
        latencies = serve["latencies"]
        cpu = "" if None in serve["cpu"] else f"; server CPU per rebuild, median {statistics.median(serve['cpu']):.1f} s"
        rows.append((f"serve: save to new page ({args.district}, {label}, {len(latencies)} edits)",
                     f"median {statistics.median(latencies):.2f} s, max {max(latencies):.2f} s{cpu}",
                     f"≤ {serve_latency.GOAL} s" if language is None else "—",
                     _yes(max(latencies) <= serve_latency.GOAL) if language is None else "—"))

    if args.quick:
        rows.append(("Lighthouse", "not measured (--quick)", "≥ 95, 100, ≥ 95", "—"))
    else:
        say("Lighthouse")
        rows += lighthouse_rows()

    print(f"\n{os.cpu_count()} cores, {platform.machine()}, {platform.platform()}, Python {platform.python_version()}; "
          f"load average {load:.2f} before, {os.getloadavg()[0]:.2f} after\n")
    print("| measure | figure | goal | met? |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
