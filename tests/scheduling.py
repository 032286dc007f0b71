"""How the suite spreads over the cores (pytest-xdist): which tests share a worker, and
what starts first.

- A file that defines a fixture kept for its module or class (its own build, a browser
  visit of a hostile site) runs whole on one worker, so that fixture is made once. Every
  other test is a unit of its own: the long files that only use the session's shared sites
  (built once for all workers, conftest.shared_build) spread over every worker instead of
  keeping one busy alone. (`Scheduler`, chosen by conftest's pytest_xdist_make_scheduler;
  pytest-xdist's own `loadgroup` cannot be used: its marks do not reach pytest 9's node ids.)
- The longest work starts first. Units are handed out in collection order, so `arrange`
  orders files by how long they took in a measured full run, the longest first: a long
  file started last would leave the other workers idle while it finishes. A file not
  measured yet is placed by what it uses (browser, PDFs, builds). Update SECONDS from the
  "time by file of tests" table a run prints when files grow or shrink; a stale table only
  costs time, never a result.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

try:
    from xdist.scheduler import LoadScopeScheduling
except ImportError:  # pytest-xdist switched off or missing: nothing is scheduled, arrange() still sorts
    LoadScopeScheduling = object

# Seconds per file in a full run on the project's 2-core machine (the end-of-run table of a
# clean-clone `CI=true bash .ci/run`, 2026-12-06; test_serve_reuse.py since grown, test_cache_rule.py alone).
SECONDS = {
    "browser/test_accessibility.py": 433, "test_pdfs.py": 391, "browser/test_privacy_and_weight.py": 244,
    "browser/test_hostile_data.py": 244, "test_print_stylesheet.py": 210, "browser/test_spanish_edition.py": 143,
    "test_fillable_pdfs.py": 81, "test_hide_coherence.py": 81, "browser/test_plans.py": 78, "test_mutations.py": 75,
    "test_serve_reuse.py": 70, "browser/test_checklist.py": 45, "browser/test_planner.py": 39,
    "test_language.py": 33, "browser/test_lighthouse.py": 28, "test_build_all.py": 24,
    "browser/test_plans_import_cost.py": 22, "test_build_errors.py": 20, "test_scaffold_district.py": 19,
    "browser/test_hostile_logos.py": 14, "test_forms_and_continuum.py": 14, "test_build_all_failures.py": 14,
    "test_hostile_round2.py": 12, "test_markup_cost.py": 12, "test_publishing.py": 12, "test_cache_rule.py": 45,
}
# A file not in SECONDS, by its marks (conftest.py sets them from what the tests use).
GUESSED = (("browser", 60), ("pdf", 40), ("slow", 20))
# A fixture kept for a module or class; the conftests define only session and test fixtures.
KEPT_FIXTURE = re.compile(r"""@pytest\.fixture\([^)]*scope=["'](module|class|package)["']""")


def file_of(item, tests: Path) -> str:
    return Path(str(item.fspath)).relative_to(tests).as_posix()


@functools.cache
def keeps_fixtures(path: Path) -> bool:
    """Whether the test file defines a fixture that lives as long as its module or class."""
    return path.suffix == ".py" and bool(KEPT_FIXTURE.search(path.read_text(encoding="utf-8")))


class Scheduler(LoadScopeScheduling):
    """Whole files where they keep fixtures, single tests elsewhere, in collection order."""

    def __init__(self, config, log=None):
        super().__init__(config, log)
        self.root = Path(str(config.rootpath))

    def _split_scope(self, nodeid: str) -> str:
        file = nodeid.split("::", 1)[0]
        return file if keeps_fixtures(self.root / file) else nodeid


def seconds_of(item, name: str) -> float:
    if name in SECONDS:
        return SECONDS[name]
    return next((seconds for mark, seconds in GUESSED if item.get_closest_marker(mark)), 1)


def arrange(items: list, tests: Path) -> None:
    """The longest files first (in place); a file's tests keep their order."""
    names = {id(item): file_of(item, tests) for item in items}
    weight: dict[str, float] = {}
    for item in items:
        weight[names[id(item)]] = max(weight.get(names[id(item)], 0), seconds_of(item, names[id(item)]))
    first_seen = {}
    for index, item in enumerate(items):
        first_seen.setdefault(names[id(item)], index)
    # Stable: a file's tests keep their order, and files of equal weight keep theirs.
    items.sort(key=lambda item: (-weight[names[id(item)]], first_seen[names[id(item)]]))
