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
- A test that reads a district's shared PDF build waits for it. Only the first test of
  each district keeps its file's place (it makes the build); the others follow the
  longest file that reads no PDF build, so a worker that finished one district's build
  goes on with other work instead of waiting for the other district's.
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
# full `CI=true` run of a clean clone, 2026-12-07, just after midnight).
SECONDS = {
    "test_pdfs.py": 354, "browser/test_accessibility.py": 179, "browser/test_hostile_data.py": 166,
    "test_print_stylesheet.py": 85, "test_mutations.py": 78, "test_serve_reuse.py": 77,
    "browser/test_privacy_and_weight.py": 63, "test_forms_and_continuum.py": 54,
    "browser/test_spanish_edition.py": 49, "browser/test_chinese_arabic_pages.py": 45, "test_build_all.py": 37,
    "browser/test_lighthouse.py": 35, "browser/test_plans.py": 33, "test_fillable_pdfs.py": 32,
    "test_glossary.py": 28, "test_chinese_arabic_editions.py": 27, "browser/test_plans_trust.py": 27,
    "test_hide_coherence.py": 25, "test_readiness.py": 22, "test_translations.py": 20,
    "test_scaffold_district.py": 20, "browser/test_untranslated_plans.py": 19, "browser/test_checklist.py": 19,
    "test_cache_rule.py": 18, "browser/test_planner.py": 17,
    # Below the table's cut (the run before): long enough that starting them last would cost.
    "test_build_all_failures.py": 19, "test_markup_cost.py": 15,
}
# A file not in SECONDS, by its marks (conftest.py sets them from what the tests use).
GUESSED = (("browser", 15), ("pdf", 12), ("slow", 8))  # below every file measured above
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
    """The longest files first (in place); a file's tests keep their order. Where a file
    reads the districts' shared PDF builds, its first test of each district (which makes
    the build) keeps the file's place, and its other tests follow the longest other file
    (_pdf_build_readers)."""
    names = {id(item): file_of(item, tests) for item in items}
    weight: dict[str, float] = {}
    for item in items:
        weight[names[id(item)]] = max(weight.get(names[id(item)], 0), seconds_of(item, names[id(item)]))
    first_seen = {}
    for index, item in enumerate(items):
        first_seen.setdefault(names[id(item)], index)
    # Stable: a file's tests keep their order, and files of equal weight keep theirs.
    items.sort(key=lambda item: (-weight[names[id(item)]], first_seen[names[id(item)]]))
    readers = _pdf_build_readers(items)
    reading = {names[id(item)] for item in items if id(item) in readers}
    others = [seconds for name, seconds in weight.items() if name not in reading]
    if readers and others:
        later = max(others) - 0.5  # just after the longest file that reads no PDF build
        items.sort(key=lambda item: -later if id(item) in readers else -weight[names[id(item)]])


# The districts' PDF builds of a session (conftest.built_with_pdfs): NYC's takes 140 to
# 170 s, Earn & Learn's 85 to 100 s. Two workers start them together; a worker that then took
# the next test reading NYC's PDFs would wait a minute for it, idle.
PDF_BUILD = "built_with_pdfs"


def _pdf_build_readers(items: list) -> set[int]:
    """The tests that read a district's shared PDF build, or its PDFs through the session's
    PDF cache (a test of a district in a file that uses the build), but are not the first
    to ask for that district's build (the first makes it); in files whose tests are
    scheduled one by one."""
    uses = {id(item) for item in items if PDF_BUILD in getattr(item, "fixturenames", ())}
    using = {Path(str(item.fspath)) for item in items if id(item) in uses}
    readers, started = set(), set()
    for item in items:
        path = Path(str(item.fspath))
        district = getattr(item, "callspec", None) and item.callspec.params.get("district")
        if id(item) in uses and district and district not in started:
            started.add(district)
        elif (id(item) in uses or (district and path in using)) and not keeps_fixtures(path):
            readers.add(id(item))
    return readers
