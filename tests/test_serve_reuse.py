"""`mkdocs serve` rebuilds reuse the pages an edit did not touch (macros/reuse_hook.py), and
what they write is byte for byte what a build from scratch writes."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ledger import record

# Builds in one process as `mkdocs serve` makes them (mkdocs/commands/serve.py: builder),
# one per line of the steps file: "<site dir>" builds; "edit <file> <old> -> <new>" edits;
# "copy <site dir> <folder>" keeps a snapshot of a site.
SERVE_LIKE = textwrap.dedent("""
    import json, os, shutil, sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
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
        config = load_config(site_dir=step[1])
        config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = "http://127.0.0.1:8000/"
        try:
            build(config, serve_url="http://127.0.0.1:8000/")
            ok = True
        except Abort:
            ok = False
        hook = sys.modules["macros/reuse_hook.py"]
        results.append({"ok": ok, "reused": {k: v for k, v in hook.REUSED.items()}})
    print(json.dumps(results))
""")


def serve_builds(project: Path, steps: list, language: str | None = "all") -> list[dict]:
    """Serve's builds of every edition (GUIDE_LANGUAGE=all), or as `language` asks."""
    (project / "steps.json").write_text(json.dumps(steps), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
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


ITEM = "data/activities/informational-interview.yml"
OLD, NEW = "summarize results.", "summarize results, reworded in a live preview."


TEMPLATE = "overrides/main.html"
THEME_OLD, THEME_NEW = "{{ super() }}", '{{ super() }}\n  <meta name="x-preview-check" content="4711">'


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
        ["build", str(live)], ["edit", str(project / ITEM), OLD, NEW], ["build", str(live)],
        ["copy", str(live), str(reworded)],
        ["edit", str(project / TEMPLATE), THEME_OLD, THEME_NEW], ["build", str(live)]])
    (scratch,) = serve_builds(project, [["edit", str(project / TEMPLATE), THEME_NEW, THEME_OLD],
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
    assert NEW.rstrip(".") in (snapshot / "informational-interview/checklist/index.html").read_text(encoding="utf-8")


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
