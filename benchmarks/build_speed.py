#!/usr/bin/env python3
"""How long the guide takes to build, for 1 to 20 districts, against plain Markdown.

    python benchmarks/build_speed.py                 # 1, 5, 10 and 20 districts
    python benchmarks/build_speed.py --sizes 1,5     # a quicker run
    python benchmarks/build_speed.py --no-pdf        # HTML only

For each number of districts it generates that many district profiles (each with its own
words) beside the bundled activities, in a copy of the project, and builds them all with
`wbl-guide build --all`'s own code: HTML only (GUIDE_PDF=0) and with PDFs (GUIDE_PDF=1),
one build at a time and one per core. The baseline is the same text without the guide's
machinery: every page the core renders for each district, written out as a static .md file
into a plain MkDocs + Material project (same theme, overrides and settings, no hook), built
the same way, twice: with mkdocs-macros enabled and idle (the plugin listed, no module of
ours to load: the baseline issue 13 asks for) and without it. Speed goals live here, not
in the tests:

    HTML build at most 1.25x the plain-Markdown build of the same pages (idle macros)
    cost linear in the number of districts
    parallel speed-up at least 1.6x on 2 cores
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wbl_guide.publishing.build_all import build_districts, default_jobs  # noqa: E402
from wbl_guide.base.fallback import unmark  # noqa: E402
from wbl_guide.data.project import DEFAULT_DISTRICT  # noqa: E402
from wbl_guide.publishing.publish import publish  # noqa: E402

PROJECT_PARTS = ("data", "docs", "macros", "overrides", "schema", "mkdocs.yml")
GOAL_RATIO = 1.25
GOAL_SPEEDUP = 1.6
# Words for generated districts: each district gets its own combination.
LEARNERS = ["apprentice", "participant", "scholar", "trainee", "youth", "intern", "cadet", "fellow"]
ROLES = ["Career Navigator", "Pathways Advisor", "Placement Lead", "Industry Liaison", "Career Coach"]


def make_project(folder: Path, count: int) -> list[str]:
    """A copy of the project whose districts are `count` generated ones."""
    for name in PROJECT_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, folder / name)
    districts = folder / "data/districts"
    default = yaml.safe_load((districts / f"{DEFAULT_DISTRICT}.yml").read_text(encoding="utf-8"))
    for profile in districts.glob("*.yml"):
        profile.unlink()
    ids = []
    for number in range(1, count + 1):
        ident = f"district-{number:02d}"
        learner = LEARNERS[number % len(LEARNERS)]
        role = ROLES[number % len(ROLES)]
        profile = dict(default, name=f"District {number}", site_name=f"District {number} Work-Based Learning Guide")
        # One language each, as the plain-Markdown baseline has (rebuild_speed.py times editions).
        profile.pop("languages", None)
        profile.pop("translations", None)
        profile["terms"] = dict(default["terms"], learner=learner,
                                coordinator={"singular": role, "long": f"Work-Based Learning {role}",
                                             "short": role.split()[-1]},
                                community=f"District {number}", data_system=f"System {number}")
        profile["coordinator_note"] = f"This includes every {role} in District {number}."
        (districts / f"{ident}.yml").write_text(yaml.safe_dump(profile, sort_keys=False), encoding="utf-8")
        ids.append(ident)
    return ids


def make_plain_projects(project: Path, ids: list[str], folder: Path, idle_macros: bool = False) -> list[Path]:
    """For each district, a plain MkDocs project holding the pages the core renders; with
    `idle_macros`, mkdocs-macros stays in the plugins with our settings but no module of ours
    (its default module, main.py, does not exist), so it loads and runs with nothing to do.
    The guide's own plugin is left out: the pages it would add are files here."""
    from mkdocs.utils.yaml import get_yaml_loader  # reads mkdocs.yml's !ENV as MkDocs does
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    plugins = []
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "wbl-guide" in plugin:
            continue
        if isinstance(plugin, dict) and "macros" in plugin:
            if not idle_macros:
                continue
            plugin = {"macros": {k: v for k, v in plugin["macros"].items() if k != "modules"}}
        plugins.append(plugin)
    config["plugins"] = plugins
    for key in ("hooks", "watch"):
        config.pop(key, None)
    projects = []
    for ident in ids:
        site = publish(project, ident, pdf=False)
        plain = folder / ident
        docs = plain / "docs"
        shutil.copytree(project / "docs", docs, ignore=shutil.ignore_patterns("index.md"))
        shutil.copytree(project / "overrides", plain / "overrides")
        for page in site.pages.values():
            target = docs / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            # The same front matter the hook gives each generated page (the plugin's on_files).
            search = "" if page.searched else "search:\n  exclude: true\n"
            target.write_text(f"---\ntitle: {json.dumps(html.escape(unmark(page.title)))}\nrender_macros: false\n"
                              f"{search}---\n\n{page.markdown}", encoding="utf-8")
        for path, content in site.assets.items():
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            (docs / path).write_bytes(content)
        # The theme's main.html prints names through the css_string filter the plugin
        # registers: the baseline registers it too, and nothing else.
        (plain / "css_filter.py").write_text("from wbl_guide.base.css import css_string\n\n\n"
                                             "def on_env(env, config, files):\n"
                                             "    env.filters['css_string'] = css_string\n"
                                             "    return env\n", encoding="utf-8")
        (plain / "mkdocs.yml").write_text(yaml.safe_dump(dict(config, site_name=site.site_name, nav=site.nav,
                                                              hooks=["css_filter.py"]),
                                                         sort_keys=False), encoding="utf-8")
        projects.append(plain)
    return projects


def build_env(**variables: str) -> dict[str, str]:
    """The environment of a timed build: with Python's bytecode cache on, as on a user's
    machine. (PYTHONDONTWRITEBYTECODE, set in some sandboxes, would make every build compile
    the core's source again, about 0.1 s, while the baseline's packages come precompiled.)"""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **variables)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def children_cpu() -> float:
    """CPU seconds used so far by finished child processes (the builds): unlike wall time,
    this hardly moves when other work shares the machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_guide(project: Path, out: Path, jobs: int, pdf: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of `wbl-guide build --all`'s code on `project`."""
    env = build_env(GUIDE_PDF="1" if pdf else "0")
    cpu = children_cpu()
    summary = build_districts(project, out, jobs=jobs, report=lambda line: None, env=env)
    if summary.failures:
        raise SystemExit("build failed:\n" + "\n".join(f.message for f in summary.failures))
    return summary.seconds, children_cpu() - cpu


def build_plain(projects: list[Path], out: Path, jobs: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of building the plain projects, `jobs` at a time."""
    env = build_env()

    def one(plain: Path) -> None:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(plain / "mkdocs.yml"),
                                 "-d", str(out / plain.name)], cwd=plain, env=env, capture_output=True, text=True)
        if result.returncode:
            raise SystemExit(f"plain build of {plain.name} failed:\n{result.stdout}{result.stderr}")

    started, cpu = time.perf_counter(), children_cpu()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, projects))
    return time.perf_counter() - started, children_cpu() - cpu


def fastest(times: int, build, *args) -> tuple[float, float]:
    """The lowest wall time and the lowest CPU time over `times` runs."""
    runs = [build(*args) for _ in range(max(1, times))]
    return min(wall for wall, _ in runs), min(cpu for _, cpu in runs)


def linear_fit(points: list[tuple[int, float]]) -> tuple[float, float, float]:
    """Least squares t = a + b*n: (a, b, r squared)."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    if sxx == 0:
        return mean_y, 0.0, 1.0
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx
    intercept = mean_y - slope * mean_x
    total = sum((y - mean_y) ** 2 for _, y in points)
    residual = sum((y - intercept - slope * x) ** 2 for x, y in points)
    return intercept, slope, 1 - residual / total if total else 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,5,10,20", help="numbers of districts, comma-separated")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="builds at a time when parallel")
    parser.add_argument("--no-pdf", action="store_true", help="skip the builds with PDFs")
    parser.add_argument("--repeat", type=int, default=1,
                        help="build each case this many times and keep the fastest (less noise)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    modes = [False] if args.no_pdf else [False, True]
    figures = []
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.jobs} builds at a time when parallel; "
          f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="wbl-bench-") as temp:
        temp = Path(temp)
        warm = temp / "warm"  # compile and cache everything once, outside the timings
        warm.mkdir()
        make_project(warm, 1)
        build_guide(warm, temp / "warm-site", 1, False)
        build_plain(make_plain_projects(warm, ["district-01"], temp / "warm-plain", True), temp / "warm-plain-site", 1)
        for count in sizes:
            project = temp / f"project-{count}"
            project.mkdir()
            ids = make_project(project, count)
            plain = make_plain_projects(project, ids, temp / f"plain-{count}", idle_macros=True)
            bare = make_plain_projects(project, ids, temp / f"bare-{count}")  # no macros plugin at all
            pages = sum(1 for p in (plain[0] / "docs").rglob("*.md"))
            for parallel in (False, True):
                jobs = args.jobs if parallel else 1
                plain_out = temp / f"plain-site-{count}-{jobs}"
                plain_wall, plain_cpu = fastest(args.repeat, build_plain, plain, plain_out, jobs)
                bare_wall, bare_cpu = fastest(args.repeat, build_plain, bare, temp / f"bare-site-{count}-{jobs}", jobs)
                for pdf in modes:
                    out = temp / f"site-{count}-{jobs}-{pdf}"
                    wall, cpu = fastest(args.repeat, build_guide, project, out, jobs, pdf)
                    figures.append({"districts": count, "pages_per_district": pages, "pdf": pdf, "jobs": jobs,
                                    "seconds": wall, "cpu_seconds": cpu,
                                    "plain_seconds": plain_wall, "plain_cpu_seconds": plain_cpu,
                                    "bare_seconds": bare_wall, "bare_cpu_seconds": bare_cpu})
                    print(f"  {count:2d} districts, {'HTML+PDF' if pdf else 'HTML'}, {jobs} at a time: "
                          f"{wall:6.2f} s ({cpu:6.2f} s CPU); plain Markdown, idle macros {plain_wall:6.2f} s "
                          f"({plain_cpu:6.2f} s CPU), no macros {bare_wall:6.2f} s ({bare_cpu:6.2f} s CPU)",
                          flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f} (above {args.jobs}, other work shared the cores "
          "and wall times are inflated; CPU seconds are not)")
    print_table(figures)
    print_goals(figures, args.jobs)
    if not args.no_pdf:
        print("HTML+PDF rows set GUIDE_PDF=1: they cost whatever the PDF step of this checkout costs.")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


def print_table(figures: list[dict]) -> None:
    header = ("Districts", "Output", "Jobs", "Seconds", "Per district", "CPU s", "Plain MD s", "Plain CPU s",
              "Ratio", "CPU ratio", "No-macros CPU s", "CPU ratio to it", "Speed-up")
    sequential = {(f["districts"], f["pdf"]): f["seconds"] for f in figures if f["jobs"] == 1}
    rows = []
    for f in figures:
        speedup = sequential[(f["districts"], f["pdf"])] / f["seconds"] if f["jobs"] > 1 else None
        rows.append((str(f["districts"]), "HTML+PDF" if f["pdf"] else "HTML", str(f["jobs"]), f"{f['seconds']:.2f}",
                     f"{f['seconds'] / f['districts']:.2f}", f"{f['cpu_seconds']:.2f}", f"{f['plain_seconds']:.2f}",
                     f"{f['plain_cpu_seconds']:.2f}", f"{f['seconds'] / f['plain_seconds']:.2f}",
                     f"{f['cpu_seconds'] / f['plain_cpu_seconds']:.2f}", f"{f['bare_cpu_seconds']:.2f}",
                     f"{f['cpu_seconds'] / f['bare_cpu_seconds']:.2f}", f"{speedup:.2f}" if speedup else "-"))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print()
    print("  ".join(h.rjust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths)))
    print("Ratio: the guide's build time over the plain-Markdown build of the same pages with mkdocs-macros idle "
          "(No-macros: without the plugin); Speed-up: one at a time over parallel.")


def print_goals(figures: list[dict], jobs: int) -> None:
    print()
    html = [f for f in figures if not f["pdf"]]
    sequential_html = [f for f in html if f["jobs"] == 1]
    ratio = max(f["seconds"] / f["plain_seconds"] for f in sequential_html)
    cpu_ratio = max(f["cpu_seconds"] / f["plain_cpu_seconds"] for f in sequential_html)
    print(f"HTML build / plain Markdown with idle macros, one at a time, worst case: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU "
          f"(goal at most {GOAL_RATIO}x): {'met' if max(ratio, cpu_ratio) <= GOAL_RATIO else 'NOT met'}")
    if len(sequential_html) > 1:
        intercept, slope, r2 = linear_fit([(f["districts"], f["seconds"]) for f in sequential_html])
        per = [f["seconds"] / f["districts"] for f in sequential_html if f["districts"] > 1]
        print(f"One at a time, HTML: {intercept:.2f} s + {slope:.2f} s per district, R^2 = {r2:.4f} "
              f"(goal: linear): {'met' if r2 >= 0.98 else 'NOT met'}")
        if per:
            print(f"  per-district cost from 5 districts up: {min(per):.2f} to {max(per):.2f} s")
        intercept, slope, r2 = linear_fit([(f["districts"], f["cpu_seconds"]) for f in sequential_html])
        print(f"  in CPU time: {intercept:.2f} s + {slope:.2f} s per district, R^2 = {r2:.4f}")
    sequential = {(f["districts"], f["pdf"]): f["seconds"] for f in figures if f["jobs"] == 1}
    for pdf in (False, True):
        speedups = [sequential[(f["districts"], pdf)] / f["seconds"] for f in figures
                    if f["jobs"] > 1 and f["pdf"] == pdf and f["districts"] >= 2 * jobs]
        if not speedups:
            continue
        kind = "HTML+PDF" if pdf else "HTML"
        line = (f"Parallel speed-up, {kind}, {jobs} builds at a time, {2 * jobs} districts or more: "
                f"{min(speedups):.2f}x to {max(speedups):.2f}x")
        if pdf:
            # A build with PDFs already renders them on every core, one at a time or not:
            # building districts side by side has no idle core left to use.
            print(line + " (each build's PDFs already use every core; no goal)")
        else:
            print(line + f" (goal at least {GOAL_SPEEDUP}x): {'met' if min(speedups) >= GOAL_SPEEDUP else 'NOT met'}")


if __name__ == "__main__":
    sys.exit(main())
