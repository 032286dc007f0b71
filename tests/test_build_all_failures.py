"""`wbl-guide build` when a district's build fails: its last good site stays, untouched and
still listed, marked as not updated, until a build of it succeeds; the summary says so,
and why the build failed.

The orchestration runs in-process through build_districts' `command=` seam with a quick
stand-in for `mkdocs` (quick_mkdocs): it checks the district with the build's own front
door (publish_editions, as the MkDocs hook calls it, printing its GuideError as MkDocs
does) and, when that passes, puts the session's real build of the unchanged district in
place. Real `mkdocs build`s stay where MkDocs itself fails (a --strict warning after the
pages are written), and in test_build_all.py (a real --all run, and a real failing one)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import textwrap
from functools import partial
from unittest import mock

import pytest

import wbl_guide.cli
from conftest import ROOT
from ledger import record
from wbl_guide.publishing.build_all import build_districts

STALE = "Not updated: its last build failed."


def build(project, *args) -> subprocess.CompletedProcess:
    record("build-all", " ".join(args))
    env = dict(os.environ, GUIDE_PDF="0", GUIDE_LANGUAGE="en")
    env.pop("GUIDE_DISTRICT", None)
    return subprocess.run([sys.executable, "-m", "wbl_guide.cli", "--root", str(project), "build", *args],
                          capture_output=True, text=True, cwd=ROOT, env=env)


@pytest.fixture
def quick_mkdocs(tmp_path, built):
    """A stand-in for `python -m mkdocs` for build_districts' `command=`: the district is
    checked by publish_editions (data, translations and the docs' term() calls, as the
    MkDocs hook checks them); a GuideError is printed as `mkdocs build` prints it and the
    build fails; else the session's real build of that district is copied to `-d`."""
    sites = {district: str(built(district).site) for district in ("earn-and-learn", "nyc")}
    script = tmp_path / "quick_mkdocs.py"
    script.write_text(textwrap.dedent(f"""
        import os, shutil, sys
        from pathlib import Path
        sys.path.insert(0, {str(ROOT)!r})
        from wbl_guide.base.errors import GuideError
        from wbl_guide.publishing.publish import editions_wanted, publish_editions
        root = Path(sys.argv[sys.argv.index("-f") + 1]).parent
        target = Path(sys.argv[sys.argv.index("-d") + 1])
        district = os.environ["GUIDE_DISTRICT"]
        try:
            publish_editions(root, district, pdf=False, docs_dir=root / "docs",
                             languages=editions_wanted(os.environ.get("GUIDE_LANGUAGE")))
        except GuideError as error:
            print("ERROR   -  " + str(error) + "\\n\\nAborted with a BuildError!")
            sys.exit(1)
        shutil.copytree({json.dumps(sites)}[district], target)
    """), encoding="utf-8")
    return [sys.executable, str(script)]


def quick_build(command, project, *args) -> subprocess.CompletedProcess:
    """`wbl-guide --root project build ...` in-process (wbl_guide.cli.main), its builds by
    `command`, without PDFs and in English only."""
    record("build-all", "in-process, quick mkdocs: " + " ".join(args))
    out, err = io.StringIO(), io.StringIO()
    env = {"GUIDE_PDF": "0", "GUIDE_LANGUAGE": "en"}
    with mock.patch.object(wbl_guide.cli, "build_districts", partial(build_districts, command=command)), \
            mock.patch.dict(os.environ, env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        os.environ.pop("GUIDE_DISTRICT", None)
        code = wbl_guide.cli.main(["--root", str(project), "build", *args])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def listed(site) -> dict[str, str]:
    """Each listed district's entry in the root page, by id."""
    index = (site / "index.html").read_text(encoding="utf-8")
    return {chunk.split('"', 1)[0]: chunk for chunk in index.split('<li id="district-')[1:]}


def test_a_failed_district_keeps_its_last_good_site_and_says_so(project_copy, tmp_path, quick_mkdocs):
    build = partial(quick_build, quick_mkdocs)
    site = tmp_path / "site"
    first = build(project_copy, "--all", "--site-dir", str(site))
    assert first.returncode == 0, first.stdout + first.stderr
    good_home = (site / "nyc/index.html").read_text(encoding="utf-8")
    assert STALE not in (site / "index.html").read_text(encoding="utf-8")

    nyc = project_copy / "data/districts/nyc.yml"
    profile = nyc.read_text(encoding="utf-8")
    nyc.write_text(profile.replace("  learner: student", "  lerner: student"), encoding="utf-8")
    broken = build(project_copy, "--all", "--site-dir", str(site))
    output = broken.stdout + broken.stderr
    assert broken.returncode == 1 and "Traceback" not in output
    assert "nyc: FAILED after" in output and "(kept its previous site; why is in the summary)" in output
    assert ('nyc: its build failed. Its previous site in nyc/ is kept and still listed, marked '
            '"Not updated: its last build failed". Why:') in broken.stdout
    why = broken.stdout.split("nyc: its build failed.", 1)[1]
    assert "data/districts/nyc.yml:" in why and "unknown term 'lerner'" in why and "Did you mean 'learner'?" in why
    assert (site / "nyc/index.html").read_text(encoding="utf-8") == good_home  # untouched
    entries = listed(site)
    assert 'href="nyc/"' in entries["nyc"] and STALE in entries["nyc"]
    assert STALE not in entries["earn-and-learn"]

    # Building another district alone keeps the mark: nyc's site is still the old one.
    other = build(project_copy, "earn-and-learn", "--site-dir", str(site))
    assert other.returncode == 0, other.stdout + other.stderr
    assert STALE in listed(site)["nyc"]

    # A successful build replaces the site and clears the mark.
    nyc.write_text(profile, encoding="utf-8")
    fixed = build(project_copy, "nyc", "--site-dir", str(site))
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert STALE not in (site / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in site.iterdir()) == ["earn-and-learn", "index.html", "nyc"]


def test_a_build_that_fails_after_writing_leaves_the_last_good_site(project_copy, tmp_path, quick_mkdocs):
    """--strict fails on a warning once MkDocs has written the pages; the half-new site
    must not replace the last good one. The failing build is a real `wbl-guide build`."""
    site = tmp_path / "site"
    assert quick_build(quick_mkdocs, project_copy, "nyc", "--site-dir", str(site)).returncode == 0
    (project_copy / "docs/extra.md").write_text("# Extra\n\nSee [nowhere](nowhere.md).\n", encoding="utf-8")
    failed = build(project_copy, "nyc", "--site-dir", str(site))
    assert failed.returncode == 1
    assert "nowhere.md" in failed.stdout
    assert not (site / "nyc/extra").exists() and (site / "nyc/index.html").is_file()
    assert STALE in listed(site)["nyc"]
    assert not [p.name for p in site.iterdir() if p.name.endswith((".building", ".old"))]


def test_a_district_that_never_built_is_not_listed_and_the_summary_says_so(project_copy, tmp_path, quick_mkdocs):
    nyc = project_copy / "data/districts/nyc.yml"
    nyc.write_text(nyc.read_text(encoding="utf-8").replace("  learner: student", "  lerner: student"),
                   encoding="utf-8")
    site = tmp_path / "site"
    result = quick_build(quick_mkdocs, project_copy, "--all", "--site-dir", str(site))
    assert result.returncode == 1
    assert "(no previous site; why is in the summary)" in result.stdout
    assert "nyc: its build failed. It has no previous site, so the listing does not link it. Why:" in result.stdout
    assert "nyc" not in listed(site) and not (site / "nyc").exists()
    assert not (site / ".nyc.failed").exists()
