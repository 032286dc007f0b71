"""`mkdocs serve` rebuilds reuse the pages an edit did not touch (macros/adapters/serve_reuse.py), and
what they write is byte for byte what a build from scratch writes."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from ledger import record

# Builds in one process as `mkdocs serve` makes them (mkdocs/commands/serve.py: builder),
# one per line of the steps file: "<site dir>" builds; "edit <file> <old> -> <new>" edits;
# "copy <site dir> <folder>" keeps a snapshot of a site.
SERVE_LIKE = textwrap.dedent("""
    import json, logging, os, shutil, sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
    errors = []  # what the build logged as errors (a stopped build says why there)
    class Errors(logging.Handler):
        def emit(self, record):
            errors.append(record.getMessage())
    logging.getLogger("mkdocs").addHandler(Errors(logging.ERROR))
    results = []
    for step in json.loads(Path(sys.argv[1]).read_text()):
        if step[0] == "copy":  # a snapshot of a site as it stands
            shutil.copytree(step[1], step[2])
            continue
        if step[0] == "edit":
            path = Path(step[1])
            text = path.read_text(encoding="utf-8")
            assert step[2] in text, step
            path.write_text(text.replace(step[2], step[3], 1), encoding="utf-8")
            continue
        errors.clear()
        config = load_config(site_dir=step[1])
        config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = "http://127.0.0.1:8000/"
        try:
            build(config, serve_url="http://127.0.0.1:8000/")
            ok = True
        except Abort:
            ok = False
        plugin = config.plugins["wbl-guide"]
        results.append({"ok": ok, "reused": {k: v for k, v in plugin.reuse.reused.items()}, "errors": list(errors)})
    print(json.dumps(results))
""")


def serve_builds(project: Path, steps: list, language: str | None = "all") -> list[dict]:
    """Serve's builds of every edition (GUIDE_LANGUAGE=all), or as `language` asks."""
    (project / "steps.json").write_text(json.dumps(steps), encoding="utf-8")
    from conftest import own_core
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **own_core(project))
    for variable in ("GUIDE_DISTRICT", "GUIDE_LANGUAGE", "GUIDE_PDF"):
        env.pop(variable, None)
    if language is not None:
        env["GUIDE_LANGUAGE"] = language
    record("serve", f"serve-like builds {project}")
    result = subprocess.run([sys.executable, "-c", SERVE_LIKE, str(project / "steps.json")], cwd=project,
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def differences(left: Path, right: Path) -> list[str]:
    """Files that are not byte for byte the same in two site folders, or in one only."""
    found: list[str] = []

    def compare(comparison: filecmp.dircmp, where: str) -> None:
        found.extend(where + name for name in comparison.left_only + comparison.right_only)
        _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files,
                                               shallow=False)
        found.extend(where + name for name in mismatch + errors)
        for name, sub in comparison.subdirs.items():
            compare(sub, f"{where}{name}/")

    compare(filecmp.dircmp(left, right), "")
    return found


@dataclass(frozen=True)
class Edit:
    """One edit made during a preview: in `file`, `old` becomes `new`."""

    file: str
    old: str
    new: str

    def step(self, project: Path) -> list[str]:
        return ["edit", str(project / self.file), self.old, self.new]

    def undo(self, project: Path) -> list[str]:
        return ["edit", str(project / self.file), self.new, self.old]


REWORD = Edit("data/activities/informational-interview.yml", "summarize results.",
              "summarize results, reworded in a live preview.")
THEME = Edit("overrides/main.html", "{{ super() }}", '{{ super() }}\n  <meta name="x-preview-check" content="4711">')


@pytest.fixture(scope="module")
def reworded(tmp_path_factory):
    """A project copy built as serve builds it, one checklist item reworded, then rebuilt
    (`reworded`, a snapshot of that site), then its theme template changed and rebuilt again
    in `live` (one serve process, as a preview session goes); and the reworded project,
    template restored, built from scratch in a process of its own."""
    from conftest import copy_project
    project = copy_project(tmp_path_factory.mktemp("serve-reuse") / "project")
    live, reworded, fresh = project.parent / "live", project.parent / "reworded", project.parent / "fresh"
    first, second, themed = serve_builds(project, [
        ["build", str(live)], REWORD.step(project), ["build", str(live)],
        ["copy", str(live), str(reworded)],
        THEME.step(project), ["build", str(live)]])
    (scratch,) = serve_builds(project, [THEME.undo(project),
                                        ["build", str(fresh)]])
    return project, reworded, fresh, first, second, themed, scratch, live


def test_a_rebuild_builds_only_the_pages_an_edit_changed(reworded):
    project, snapshot, fresh, first, second, themed, scratch, live = reworded
    assert first["ok"] and second["ok"] and themed["ok"] and scratch["ok"]
    for edition in (str(live), str(live / "es")):
        reused, pages = second["reused"][edition]
        assert pages > 150, (edition, pages)
        assert 1 <= pages - reused <= 12, f"{edition}: {pages - reused} of {pages} pages built again"
        assert first["reused"][edition][0] == 0  # nothing to reuse in the first build
    assert REWORD.new.rstrip(".") in (snapshot / "informational-interview/checklist/index.html").read_text(encoding="utf-8")


def test_a_rebuild_writes_what_a_build_from_scratch_writes(reworded):
    """Rebuilt after a data edit (pages reused), the site is byte for byte what a build from
    scratch of the edited project writes."""
    project, live, fresh, *_ = reworded
    assert differences(live, fresh) == []


def test_a_changed_theme_template_builds_every_page_again(reworded):
    project, _, fresh, first, second, after, scratch, site = reworded
    assert after["ok"] and after["reused"][str(site)][0] == 0 and after["reused"][str(site / "es")][0] == 0
    for page in ("index.html", "informational-interview/checklist/index.html", "es/index.html"):
        assert 'content="4711"' in (site / page).read_text(encoding="utf-8"), page


def test_a_page_that_warned_warns_again_on_the_next_rebuild(tmp_path):
    """--strict fails a build on a warning; a reused page would stay silent, so a page
    whose build warned is never reused."""
    from conftest import copy_project
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    (project / "docs/preview-check.md").write_text("# Check\n\n[Nowhere](missing-page.md)\n", encoding="utf-8")
    results = serve_builds(project, [["build", str(site)], ["build", str(site)]])
    assert [result["ok"] for result in results] == [False, False]


def test_serve_previews_the_default_edition_unless_asked(tmp_path):
    """Quick rebuilds: `mkdocs serve` makes the district's first language only (no switcher
    to editions it did not make); GUIDE_LANGUAGE=es previews the Spanish one."""
    from conftest import copy_project
    project = copy_project(tmp_path / "project")
    (default,) = serve_builds(project, [["build", str(tmp_path / "default")]], language=None)
    (spanish,) = serve_builds(project, [["build", str(tmp_path / "spanish")]], language="es")
    assert default["ok"] and spanish["ok"]
    assert list(default["reused"]) == [str(tmp_path / "default")]  # one edition built
    home = (tmp_path / "default/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in home and 'hreflang="es"' not in home
    assert not (tmp_path / "default/es").exists()
    assert '<html lang="es"' in (tmp_path / "spanish/index.html").read_text(encoding="utf-8")


RECODE = Edit("data/districts/earn-and-learn.yml", "languages: [en, es]", "languages: [en-US, es]")
# The core decides each language's direction.
RIGHT_TO_LEFT = Edit("macros/words/languages.py", 'RIGHT_TO_LEFT = {"ar",', 'RIGHT_TO_LEFT = {"en", "ar",')
COPYRIGHT = Edit("mkdocs.yml", "use_directory_urls: true\n", "use_directory_urls: true\ncopyright: Edited in a preview\n")
def another_version(project: Path, distribution: str) -> Edit:
    """An installed distribution put in another version during a session: a copy of its
    metadata in the project's .core, found before the real one (conftest.own_core), and the
    edit that changes the version it says."""
    from importlib import metadata

    from conftest import own_core
    installed = metadata.distribution(distribution)
    folder = Path(installed._path)  # its .dist-info folder
    own_core(project)
    shutil.copytree(folder, project / ".core" / folder.name)
    return Edit(f".core/{folder.name}/METADATA", f"\nVersion: {installed.version}\n", "\nVersion: 99.0\n")


# A mistake in the data made together with an edit to the core: the error the edited core
# raises is reported as such.
MISTAKE = Edit("data/activities/informational-interview.yml", "Arrange for ${learner} transportation",
               "Arrange for ${lerner} transportation")
CORE_COMMENT = Edit("macros/data/validate.py", '"""', '"""(Edited during a preview.) ')
ADAPTER = Edit("macros/adapters/plugin.py", '"""The guide\'s MkDocs plugin:', '"""The guide\'s MkDocs plugin (edited during a preview):')


@pytest.fixture(scope="module")
def edited_during_serve(tmp_path_factory):
    """One preview session (the default edition, as `mkdocs serve` makes it): a build; the
    district's language code changed (en -> en-US) and built again; the core's idea of the
    direction changed (English written right to left) and built again; mkdocs.yml changed
    (a copyright line) and built again; this project's package installed in another version
    and built again, then put back and built again; a mistake in the data and an edit to the
    core at once, built, both undone; an adapter edited and built again. Then
    the project as the first three edits left it, built from scratch."""
    from conftest import copy_project
    project = copy_project(tmp_path_factory.mktemp("serve-edits") / "project")
    base = project.parent
    package = another_version(project, "wbl-guide")
    results = serve_builds(project, [
        ["build", str(base / "live")],
        RECODE.step(project), ["build", str(base / "live")],
        ["copy", str(base / "live"), str(base / "en-US")],
        RIGHT_TO_LEFT.step(project), ["build", str(base / "live")],
        ["copy", str(base / "live"), str(base / "rtl")],
        COPYRIGHT.step(project), ["build", str(base / "live")],
        package.step(project), ["build", str(base / "package")],
        package.undo(project), ["build", str(base / "live")],
        MISTAKE.step(project), CORE_COMMENT.step(project), ["build", str(base / "mistake")],
        MISTAKE.undo(project), CORE_COMMENT.undo(project),
        ADAPTER.step(project), ["build", str(base / "adapter")]],
        language=None)
    (scratch,) = serve_builds(project, [ADAPTER.undo(project),
                                        ["build", str(base / "fresh")]], language=None)
    return base, results, scratch


def html_tags(site: Path) -> set[str]:
    return {re.search(r"<html\b[^>]*>", page.read_text(encoding="utf-8")).group(0) for page in site.rglob("*.html")}


def test_a_changed_language_code_reaches_every_page(edited_during_serve):
    """A stored page is keyed by the exact edition too: en-US is not en."""
    base, (first, recoded, *_), _ = edited_during_serve
    assert first["ok"] and recoded["ok"]
    assert recoded["reused"][str(base / "live")][0] == 0  # every page made again
    assert html_tags(base / "en-US") == {'<html lang="en-US" dir="ltr" class="no-js">'}


def test_an_edit_to_the_core_reaches_every_page(edited_during_serve):
    """The plugin uses the core as it is now, and a stored page is keyed by the core's files:
    every page is made again, written right to left."""
    base, (_, _, redirected, *_), _ = edited_during_serve
    assert redirected["ok"]
    assert redirected["reused"][str(base / "live")][0] == 0
    assert html_tags(base / "rtl") == {'<html lang="en-US" dir="rtl" class="no-js">'}


def test_after_every_edit_the_preview_is_what_a_clean_build_writes(edited_during_serve):
    """mkdocs.yml is part of every page's key too; after the edits of data, the core and the
    configuration, the rebuilt site is byte for byte the clean build's."""
    base, (_, _, _, configured, _, restored, _, _), scratch = edited_during_serve
    assert configured["ok"] and restored["ok"] and scratch["ok"]
    assert configured["reused"][str(base / "live")][0] == 0
    assert "Edited in a preview" in (base / "live" / "informational-interview/checklist/index.html").read_text(
        encoding="utf-8")
    assert differences(base / "live", base / "fresh") == []


def test_a_package_installed_in_another_version_asks_for_a_restart(edited_during_serve):
    """The process still runs the version it imported: the build stops and says to restart,
    and builds again once the version it runs is the one installed."""
    from importlib import metadata
    base, (*_, package, restored, _, _), _ = edited_during_serve
    assert not package["ok"] and restored["ok"]
    version = metadata.version("wbl-guide")
    assert any(f"wbl-guide ({version}, now 99.0) changed since `mkdocs serve` started: stop it and start it again"
               in error for error in package["errors"]), package["errors"]
    assert not (base / "package" / "index.html").exists()


def test_a_mistake_made_with_an_edit_to_the_core_is_reported_where_it_is(edited_during_serve):
    """The core is loaded again before the build, and its error is caught as the core now
    defines it: a located message, no traceback, nothing written."""
    base, (*_, mistake, _), _ = edited_during_serve
    assert not mistake["ok"]
    assert any("data/activities/informational-interview.yml:" in error and "unknown term 'lerner'" in error
               for error in mistake["errors"]), mistake["errors"]
    assert not any("Traceback" in error for error in mistake["errors"])
    assert not (base / "mistake" / "index.html").exists()


def test_an_edited_adapter_asks_for_a_restart(edited_during_serve):
    """The plugin is loaded once per process: the build stops and says to restart, instead of
    writing pages with the old plugin."""
    base, (*_, adapter), _ = edited_during_serve
    assert not adapter["ok"]
    assert any(f"{ADAPTER.file} changed since `mkdocs serve` started: stop it and start it again" in error
               for error in adapter["errors"]), adapter["errors"]
    assert not (base / "adapter" / "index.html").exists()
