"""A district's fork changes only its own files, so upstream updates merge without conflict.

Upstream is a bare git repository made from a copy of this project; the fork is a clone
that adds a district (profile, logo, colors, notes...) through `wbl-guide new-district`.
Upstream then changes shared files (an activity's text, the core, the default district);
the fork merges them and still builds its own district, with upstream's change in it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT, run_build, text_of
from test_scaffold_district import LOGO, fill_in, uncomment_examples

SHARED = ["data", "docs", "macros", "overrides", "schema", "tests", "mkdocs.yml", "pyproject.toml",
          "README.md", ".gitignore", ".github", ".ci"]
OLD = "Arrange ${learner} transportation, arrival and pick-up times, and lunch."
NEW = "Arrange ${learner} transportation, arrival and pick-up times, lunch and a quiet place to eat."


def git(cwd, *args) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, f"git {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result


def committer(repo, name: str) -> None:
    git(repo, "config", "user.name", name)
    git(repo, "config", "user.email", f"{name.lower()}@example.org")
    git(repo, "config", "commit.gpgsign", "false")


def test_fork_merges_upstream_changes_without_conflict(tmp_path):
    # Upstream: this project, as a bare repository on branch main.
    work = tmp_path / "upstream-work"
    work.mkdir()
    for name in SHARED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.exists():
            shutil.copy(source, work / name)
    git(work, "init", "-q", "-b", "main")
    committer(work, "Upstream")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "The guide")
    bare = tmp_path / "upstream.git"
    git(tmp_path, "clone", "-q", "--bare", str(work), str(bare))

    # The fork: a clone that adds its district through its own two paths only.
    fork = tmp_path / "fork"
    git(tmp_path, "clone", "-q", str(bare), str(fork))
    committer(fork, "Riverside")
    scaffold = subprocess.run([sys.executable, "-m", "wbl_guide.cli", "--root", str(fork), "new-district", "riverside"],
                              capture_output=True, text=True, cwd=ROOT)
    assert scaffold.returncode == 0, scaffold.stderr
    profile = fork / "data/districts/riverside.yml"
    (fork / "data/districts/riverside/logo.svg").write_text(LOGO, encoding="utf-8")
    profile.write_text(uncomment_examples(fill_in(profile)), encoding="utf-8")
    git(fork, "add", "-A")
    changed = git(fork, "diff", "--cached", "--name-only").stdout.split()
    assert changed and all(path == "data/districts/riverside.yml" or path.startswith("data/districts/riverside/")
                           for path in changed), changed
    git(fork, "commit", "-q", "-m", "Riverside's district")

    # Upstream improves shared text, the core and its own district meanwhile.
    activity = work / "data/activities/job-shadow.yml"
    text = activity.read_text(encoding="utf-8")
    assert OLD in text
    activity.write_text(text.replace(OLD, NEW), encoding="utf-8")
    render = work / "macros/rendering/render.py"
    render.write_text(render.read_text(encoding="utf-8") + "\n# An upstream improvement to the core.\n",
                      encoding="utf-8")
    default = work / "data/districts/earn-and-learn.yml"
    default.write_text(default.read_text(encoding="utf-8").replace(
        "site_name: Earn & Learn Work-Based Learning Guide", "site_name: Earn & Learn WBL Guide"), encoding="utf-8")
    git(work, "commit", "-q", "-am", "Upstream improvements")
    git(work, "push", "-q", str(bare), "main")

    # The fork pulls: a clean merge, the fork's district untouched, upstream's text arrived.
    git(fork, "fetch", "-q", "origin")
    merge = subprocess.run(["git", "merge", "--no-edit", "origin/main"], cwd=fork, capture_output=True, text=True)
    assert merge.returncode == 0, merge.stdout + merge.stderr
    assert "CONFLICT" not in merge.stdout + merge.stderr
    assert git(fork, "status", "--porcelain").stdout == ""
    assert git(fork, "diff", "--name-only", "--diff-filter=U").stdout == ""
    log = git(fork, "log", "--format=%s").stdout.splitlines()
    assert log[0].startswith("Merge remote-tracking branch") and "Upstream improvements" in log
    assert NEW in (fork / "data/activities/job-shadow.yml").read_text(encoding="utf-8")
    assert "Riverside Apprenticeship Guide" in profile.read_text(encoding="utf-8")

    build = run_build(tmp_path / "site", "riverside", project=fork)
    assert build.returncode == 0, build.output
    checklist = text_of(build.html("job-shadow/checklist/"))
    assert "Arrange apprentice transportation, arrival and pick-up times, lunch and a quiet place to eat." in checklist
    assert "Riverside Apprenticeship Guide" in build.html("")
    assert (build.site / "assets/district/logo.svg").is_file()
