"""The committed corpus of hostile data (issue #9: data can never run script).

Each folder of fixtures/hostile/ holds only the files that differ from fixtures/valid/, a
README saying what the data tries, and what must happen to it:

- REFUSED (plainly hostile: HTML tags, other link schemes however disguised, attribute
  lists, images, template code, unsafe logo files, misspelled placeholders, activity ids the
  site uses): `wbl-guide check` (the core's check, no build) stops with a message located
  at file:line:column: key.path, in the file the case changed. expected.txt is that exact
  message. Regenerate every expected.txt after a deliberate wording change with
  UPDATE_FIXTURES=1, then read every diff.
- ESCAPED (merely odd: entities as text, lone < >, javascript: as words, Markdown-looking
  characters, quotes that try to leave an attribute, look-alikes, placeholders): the case
  builds with `mkdocs build --strict` (GUIDE_PDF=0); `page` names the page and
  expected-html.txt what it must hold, shown exactly as written; and no page of the build
  has an on* attribute, a style attribute, a foreign script or a disallowed address.

The escaped cases share builds: cases for the same district whose files differ are built
together (one build per group), in parallel; a group that fails is built again case by
case, so each failure names its own case.
"""

from __future__ import annotations

import os
import shutil
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import Build, run_build
from hostile import (Case, add_project, attribute_values, audit_html, audit_site, build_groups, cases,
                     located_files, materialize, readable_text)
from test_invalid_fixtures import check_tree

CASES = cases()
REFUSED = [case for case in CASES if not case.escaped]
ESCAPED = [case for case in CASES if case.escaped]
UPDATE = bool(os.environ.get("UPDATE_FIXTURES"))


def check(root: Path, district: str | None) -> str:
    """The core's verdict on a tree, as the user sees it; a crash is a verdict too."""
    try:
        return check_tree(root, district)
    except Exception as error:  # a traceback instead of a located message is a failure
        lines = traceback.format_exception_only(type(error), error)
        return "crashed instead of reporting a located problem: " + "".join(lines).strip()


# --- the corpus itself --------------------------------------------------------------------

def test_there_are_at_least_twenty_five_cases_of_each_verdict_in_all():
    assert len(CASES) >= 25
    assert len(REFUSED) >= 20 and len(ESCAPED) >= 10


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_case_says_what_it_tries_and_what_must_happen(case):
    assert case.readme and "\n" not in case.readme, "README: one line saying what the data tries"
    assert case.data_files(), "a case changes at least one data file"
    if case.escaped:
        assert (case.folder / "expected-html.txt").exists()
        assert case.expectations()
        assert not (case.folder / "expected.txt").exists(), "a case is refused or escaped, not both"
    elif not UPDATE:
        assert (case.folder / "expected.txt").exists(), "run with UPDATE_FIXTURES=1 to write it"


# --- refused: a located message, no build ---------------------------------------------------

@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c.name)
def test_refused_case_stops_with_a_located_message(case, tmp_path):
    root = materialize(case, tmp_path / case.name)
    message = check(root, case.district)
    expected_file = case.folder / "expected.txt"
    if UPDATE and message != "no problem found" and not message.startswith("crashed"):
        expected_file.write_text(message + "\n", encoding="utf-8")
    assert message != "no problem found", f"the core accepted hostile data: {case.readme}"
    assert not message.startswith("crashed"), message
    assert message.startswith(("1 problem in the guide data:", "2 problems", "3 problems")), message
    # Located: file:line:column: key.path, in a file the case wrote, never elsewhere.
    located = located_files(message)
    # A link the case plants is located at itself: a folder has no line (folder-* cases).
    located += [link for link in case.setup().get("symlinks", {}) if f"\n  {link}: " in message]
    assert located, f"no problem is located at file:line:column:\n{message}"
    written = {f for f in case.data_files()} | {str(Path(f).parent) + ".yml" for f in case.data_files()}
    assert set(located) <= written, f"located outside the files the case changed ({sorted(written)}):\n{message}"
    assert message == expected_file.read_text(encoding="utf-8").rstrip("\n")


# --- escaped: built, shown as written, nothing that runs ------------------------------------

@pytest.fixture(scope="module")
def escaped_builds(tmp_path_factory) -> dict[str, Build]:
    """The build each escaped case is read from, by case name."""
    base = tmp_path_factory.mktemp("hostile-escaped")

    def build(members: list[Case], label: str) -> Build:
        root = base / label
        shutil.copytree(Path(__file__).parent / "fixtures" / "valid", root)
        for case in members:
            materialize(case, root, base=False)
        add_project(root)
        return run_build(base / f"{label}-site", members[0].build_district, project=root)

    groups = build_groups(ESCAPED)
    workers = max(2, os.cpu_count() or 2)
    found: dict[str, Build] = {}
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(lambda n_g: build(n_g[1], f"group-{n_g[0]}"), enumerate(groups)))
        retry = []
        for members, result in zip(groups, results):
            if result.returncode == 0 or len(members) == 1:
                found.update({case.name: result for case in members})
            else:
                retry += members
        for case, result in zip(retry, pool.map(lambda c: build([c], f"alone-{c.name}"), retry)):
            found[case.name] = result
    return found


@pytest.fixture(scope="module")
def audits(escaped_builds) -> dict[Path, list[str]]:
    """The findings of every page of every successful build, once per build."""
    return {build.site: audit_site(build.site) for build in {id(b): b for b in escaped_builds.values()}.values()
            if build.returncode == 0}


@pytest.mark.parametrize("case", ESCAPED, ids=lambda c: c.name)
def test_escaped_case_builds_and_shows_the_text_as_written(case, escaped_builds, audits, tmp_path):
    build = escaped_builds[case.name]
    if build.returncode != 0:
        verdict = check(materialize(case, tmp_path / case.name), case.district)
        pytest.fail(f"the build failed; the core's check says:\n{verdict}\n\nbuild output:\n{build.output[-3000:]}")
    page_html = build.html(case.page)
    text = readable_text(page_html)
    missing = []
    for kind, value in case.expectations():
        if kind == "fragment" and value not in page_html:
            missing.append(f"HTML fragment {value!r}")
        elif kind == "text" and value not in text:
            missing.append(f"text {value!r}")
        elif kind == "attr":
            name, _, wanted = value.partition("=")
            values = attribute_values(page_html, name)
            # An address may be percent-encoded (%27 for '): the same address to a browser.
            if wanted not in values and wanted not in [unquote(v) for v in values]:
                near = values[:8]
                missing.append(f"attribute {name}={wanted!r} (the page's {name} values: {near})")
        elif kind == "absent" and value in page_html:
            missing.append(f"no {value!r} (it is there)")
    assert not missing, f"{case.page or 'home page'} of {case.name}:\n  " + "\n  ".join(missing)
    assert audit_html(page_html).findings() == []
    assert audits[build.site] == [], "pages of the build hold what data must never make"
