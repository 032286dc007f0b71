"""`wbl-guide build --all`: every bundled district's site, side by side, built in parallel.

Each district is built by its own `mkdocs build --strict` process (GUIDE_DISTRICT=<id>,
into <site>/<id>/), a pool of them at a time, one per core. A build is a separate process
because MkDocs keeps its configuration in module state; separate processes also use every
core. When the builds are done, <site>/index.html lists the districts' sites.

A failed build never costs a district its site. Each build writes into a staging folder
beside <site>/<id>/, which it replaces only when the build succeeds, so <site>/<id>/ always
holds the district's last good site. The listing keeps linking that site, marked "Not
updated: its last build failed" until a build succeeds (a marker file <site>/.<id>.failed
remembers it across runs); a district that never built is not listed. The summary says
which of the two happened to each failed district, and why its build failed.

This module runs MkDocs only as a command, so it stays part of the plain-Python core.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..base.contained import check_output, write_inside
from ..base.errors import GuideError, Problem
from ..words.languages import name_of
from ..data.loader import load_yaml
from .publish import PROGRESS
from ..data.project import DISTRICT_VARIABLE, cores, district_id_problem, district_ids, profile_path, shown_profile
from ..rendering.render import template_environment
from ..base.suggest import did_you_mean

INDEX_TEMPLATE = "districts-index.html.j2"
# A record in MkDocs' log that explains a failed build, with its indented continuation lines.
_LOG_RECORD = re.compile(r"^(?:ERROR|WARNING)\s+-\s+.*(?:\n[ \t]+.*)*", re.M)


@dataclass(frozen=True)
class DistrictResult:
    district_id: str
    name: str
    site_name: str
    language: str
    ok: bool
    seconds: float
    pages: int = 0
    pdfs: int = 0
    message: str = ""  # why the build failed, in MkDocs' words
    kept: bool = False  # failed, and its last good site is kept (and listed as not updated)
    editions: tuple[tuple[str, str], ...] = ()  # its other languages: (code, name), at <id>/<code>/


@dataclass(frozen=True)
class Summary:
    results: tuple[DistrictResult, ...]
    seconds: float  # wall-clock time of the whole run
    jobs: int
    site_dir: Path

    @property
    def failures(self) -> tuple[DistrictResult, ...]:
        return tuple(r for r in self.results if not r.ok)

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.results)

    @property
    def pdfs(self) -> int:
        return sum(r.pdfs for r in self.results)


default_jobs = cores  # one build per core; the old name, for benchmarks/build_speed.py


def build_districts(root: Path, site_dir: Path, districts: list[str] | None = None, *, jobs: int | None = None,
                    report: Callable[[str], None] = print, command: list[str] | None = None,
                    env: dict[str, str] | None = None) -> Summary:
    """Build `districts` (every bundled one when None) into site_dir/<id>/ and write
    site_dir/index.html. `report` receives one line of progress at a time."""
    # Named inside the project, it stays inside (contained.py): a planted `site` link out of
    # the project is never emptied or written. A folder named outside is the operator's.
    check_output(root, site_dir, hint="Replace the link with a folder, or name a folder outside the project: "
                 "wbl-guide build --site-dir /path/to/sites")
    root = Path(root).resolve()
    site_dir = Path(site_dir).resolve()
    available = district_ids(root)
    chosen = available if districts is None else list(dict.fromkeys(districts))  # each once
    _check_chosen(chosen, available)
    _check_site_dir(root, site_dir)
    jobs = max(1, min(jobs or cores(), len(chosen)))  # one build per core by default
    command = command or [sys.executable, "-m", "mkdocs"]
    base_env = dict(os.environ if env is None else env)
    base_env.setdefault("NO_MKDOCS_2_WARNING", "1")  # the output is read, not shown as is
    site_dir.mkdir(parents=True, exist_ok=True)
    lock = threading.Lock()
    done = [0]

    def say(line: str) -> None:
        with lock:
            report(line)

    def one(district_id: str) -> DistrictResult:
        say(f"  building {district_id} ...")
        result = _build_one(root, site_dir, district_id, command, base_env, relay=say)
        with lock:
            done[0] += 1
            counter = f"[{done[0]}/{len(chosen)}]"
        if result.ok:
            say(f"{counter} {district_id}: built {result.pages} pages"
                + (f" and {result.pdfs} PDFs" if result.pdfs else "") + f" in {result.seconds:.1f} s")
        else:
            say(f"{counter} {district_id}: FAILED after {result.seconds:.1f} s ("
                + ("kept its previous site" if result.kept else "no previous site") + "; why is in the summary)")
        return result

    say(f"Building {len(chosen)} district{'s' if len(chosen) != 1 else ''} into {site_dir}, "
        f"{jobs} at a time ...")
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = tuple(pool.map(one, chosen))
    listed = [r for r in results if r.ok or r.kept]
    if districts is not None:  # some districts only: keep listing the others built before
        listed += [_previous(root, site_dir, d) for d in available
                   if d not in chosen and (site_dir / d / "index.html").is_file()]
    write_index(site_dir, listed)
    if districts is None:
        _remove_stale(site_dir, available)
    return Summary(results, time.perf_counter() - started, jobs, site_dir)


def _check_chosen(chosen: list[str], available: list[str]) -> None:
    if not available:
        raise GuideError([Problem("data/districts", message="holds no district profiles (*.yml)",
                                  hint="Create one with: wbl-guide new-district ID")])
    listing = f"Districts: {', '.join(available)}"
    problems = []
    for d in chosen:
        invalid = district_id_problem(d, f"build {d}", lambda valid: f"Did you mean: wbl-guide build {valid}"
                                      if valid in available else listing)
        if invalid:
            problems.append(invalid)
        elif d not in available:
            problems.append(Problem(shown_profile(d), message="no such district profile",
                                    hint=" ".join(filter(None, [did_you_mean(d, available), listing]))))
    if problems:
        raise GuideError(problems)


def _check_site_dir(root: Path, site_dir: Path) -> None:
    # The site folder is emptied of anything but district sites, as `mkdocs build` empties
    # its own: never let that be the project or a folder of its sources.
    sources = [root] + [root / name for name in ("data", "docs", "macros", "overrides", "schema", "tests")]
    if root.is_relative_to(site_dir) or any(site_dir.is_relative_to(s) for s in sources[1:]):
        raise GuideError([Problem(str(site_dir), message="cannot hold the built sites: it is the project "
                                  "or holds its sources", hint="Build into a folder of its own, such as site/.")])


def _build_one(root: Path, site_dir: Path, district_id: str, command: list[str], env: dict,
               relay: Callable[[str], None] = lambda line: None) -> DistrictResult:
    name, site_name, language = _names(root, district_id)
    target, staging = site_dir / district_id, site_dir / f".{district_id}.building"
    shutil.rmtree(staging, ignore_errors=True)  # left by an interrupted run
    started = time.perf_counter()
    try:
        returncode, output = _run(command + ["build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(staging)],
                                  root, dict(env, **{DISTRICT_VARIABLE: district_id}), relay)
        if returncode == 0:
            _replace(target, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # a failed build's pages are never shown
    seconds = time.perf_counter() - started
    marker = _failed_marker(site_dir, district_id)
    if returncode != 0:
        message = _why(output)
        kept = (target / "index.html").is_file()
        if kept:
            write_inside(site_dir, marker, message + "\n")
        else:
            marker.unlink(missing_ok=True)
        return DistrictResult(district_id, name, site_name, language, False, seconds, message=message, kept=kept)
    marker.unlink(missing_ok=True)
    pages = sum(1 for page in target.rglob("*.html") if page.name != "404.html")
    pdfs = sum(1 for _ in target.rglob("*.pdf"))
    return DistrictResult(district_id, name, site_name, language, True, seconds, pages, pdfs,
                          editions=_editions(target))


def _run(command: list[str], cwd: Path, env: dict, relay: Callable[[str], None]) -> tuple[int, str]:
    """Run a build, its output read as it comes: the PDFs' progress lines are passed on
    (publish.PROGRESS), everything is kept for the summary."""
    lines = []
    with subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, errors="replace") as process:
        for line in process.stdout:
            lines.append(line)
            if PROGRESS in line:
                relay("  " + line[line.index(PROGRESS):].rstrip())
    return process.returncode, "".join(lines)


def _replace(target: Path, staging: Path) -> None:
    """Put the new site in place of the old one, never leaving the district without a site."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _failed_marker(site_dir: Path, district_id: str) -> Path:
    """Says, across runs, that the district's site is older than its last (failed) build;
    it holds that build's message."""
    return site_dir / f".{district_id}.failed"


def _previous(root: Path, site_dir: Path, district_id: str) -> DistrictResult:
    """A district not built in this run, listed as its earlier runs left it."""
    failed = _failed_marker(site_dir, district_id).is_file()
    return DistrictResult(district_id, *_names(root, district_id), ok=not failed, seconds=0.0, kept=failed,
                          editions=_editions(site_dir / district_id))


def _editions(site: Path) -> tuple[tuple[str, str], ...]:
    """The other languages a built site holds (<site>/es/...), with their own names."""
    if not site.is_dir():
        return ()
    return tuple((folder.name, name_of(folder.name)) for folder in sorted(site.iterdir())
                 if folder.is_dir() and re.fullmatch(r"[a-z]{2,3}(-[a-z]{2,4})?", folder.name)
                 and (folder / "index.html").is_file())


def _names(root: Path, district_id: str) -> tuple[str, str, str]:
    """The district's name, site name and language for the listing; its id when the profile
    cannot be read (its build then fails and says why)."""
    document, problems = load_yaml(profile_path(root, district_id), root)
    data = document.data if document is not None and not problems and isinstance(document.data, dict) else {}
    text = {key: value for key, value in data.items() if isinstance(value, str)}
    return (text.get("name", district_id), text.get("site_name", district_id), text.get("language", "en"))


def _why(output: str) -> str:
    """The part of MkDocs' output that explains the failure: its error and warning records
    (a data error is one located GuideError message), else its last lines."""
    records = [match.group(0) for match in _LOG_RECORD.finditer(output)]
    if records:
        return "\n".join(re.sub(r"^(?:ERROR|WARNING)\s+-\s+", "", record) for record in records)
    return "\n".join(output.strip().splitlines()[-10:]) or "mkdocs failed without a message"


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def write_index(site_dir: Path, results: list[DistrictResult]) -> Path:
    """site_dir/index.html: an accessible page listing each district's guide."""
    env = template_environment(autoescape=True)
    listed = sorted(results, key=lambda r: r.name.casefold())
    page = site_dir / "index.html"
    write_inside(site_dir, page, env.get_template(INDEX_TEMPLATE).render(districts=listed))  # never through a link
    return page


def _remove_stale(site_dir: Path, district_ids_: list[str]) -> None:
    """Like `mkdocs build`, which cleans its site directory: keep only the districts'
    folders (a failed one keeps its last good site), their failure markers and the listing."""
    keep = set(district_ids_) | {_failed_marker(site_dir, d).name for d in district_ids_} | {"index.html"}
    for entry in site_dir.iterdir():
        if entry.name in keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def summary_table(summary: Summary) -> str:
    """The closing report: one row per district, then the totals."""
    rows = [("District", "Pages", "PDFs", "Seconds", "Result")]
    for r in summary.results:
        rows.append((r.district_id, str(r.pages), str(r.pdfs), f"{r.seconds:.1f}", "built" if r.ok else "FAILED"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i == 0 or i == 4 else cell.rjust(w)
                       for i, (cell, w) in enumerate(zip(row, widths))).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    failures = len(summary.failures)
    lines.append("")
    lines.append(f"{len(summary.results)} districts, {summary.pages} pages, {summary.pdfs} PDFs, "
                 f"{summary.seconds:.1f} seconds ({summary.jobs} at a time), "
                 f"{failures} failure{'s' if failures != 1 else ''}")
    for r in summary.failures:
        lines += ["", f"{r.district_id}: its build failed. " + fate(r), _indent(r.message)]
    return "\n".join(lines)


def fate(result: DistrictResult) -> str:
    """What the listing links to for a district whose build failed."""
    if result.kept:
        return (f"Its previous site in {result.district_id}/ is kept and still listed, "
                "marked \"Not updated: its last build failed\". Why:")
    return "It has no previous site, so the listing does not link it. Why:"
