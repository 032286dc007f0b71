"""Publishing: the GitHub Actions workflow a fork runs unchanged, and a build with
ProperDocs, the maintained fork of MkDocs 1.x."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import yaml

from conftest import ROOT, Build
from ledger import record
from wbl_guide.publishing.publish import publish

WORKFLOW = ROOT / ".github/workflows/publish.yml"


def workflow() -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); look it up either way.
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_workflow_tests_builds_strictly_and_publishes_on_push():
    data = workflow()
    assert "push" in data["on"] and "pull_request" in data["on"]
    build, publish = data["jobs"]["test-and-build"], data["jobs"]["publish"]
    uses = [step.get("uses", "") for step in steps(build)]
    runs = [step.get("run", "") for step in steps(build)]
    assert uses[0].startswith("actions/checkout@")
    # The tests as this project's CI runs them (test_ci_workflow.py), then the checks and builds.
    assert runs.index("bash .ci/run") < runs.index(".venv/bin/wbl-guide check")
    assert ".venv/bin/mkdocs build --strict" in runs
    assert any(run.startswith(".venv/bin/properdocs build --strict -f mkdocs.yml") for run in runs)
    upload = next(step for step in steps(build) if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"  # where `mkdocs build` writes (mkdocs.yml site_dir)
    # Publishing: only from a push to the default branch, whatever the fork calls it.
    for gated in (upload, publish):
        assert "github.event.repository.default_branch" in gated["if"] and "pull_request" in gated["if"]
    assert publish["needs"] == "test-and-build"
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["environment"]["name"] == "github-pages"
    assert steps(publish)[0]["uses"].startswith("actions/deploy-pages@")


def test_workflow_runs_in_a_fork_without_edits():
    text = WORKFLOW.read_text(encoding="utf-8")
    # No repository, owner or site address written in: everything comes from the context.
    assert not re.search(r"github\.com/|\.github\.io|repository:\s*\S+/\S+", text)
    used = {step.get("uses", "").split("@")[0] for job in workflow()["jobs"].values() for step in steps(job)}
    assert used - {""} <= {"actions/checkout", "actions/setup-node", "actions/upload-pages-artifact",
                           "actions/deploy-pages"}
    # The district to publish is a repository setting with the default district as fallback.
    builds = [step for step in steps(workflow()["jobs"]["test-and-build"]) if "build" in step.get("run", "")]
    assert builds and all(step["env"]["GUIDE_DISTRICT"] == "${{ vars.GUIDE_DISTRICT }}" for step in builds)


def test_empty_district_variable_builds_the_default():
    """An unset repository variable reaches the build as GUIDE_DISTRICT='': the front door
    every build goes through (in-process; the adapter hands it the variable as it is)
    makes the default district's site."""
    site = publish(ROOT, "", pdf=False)
    assert site.district_id == "earn-and-learn" and site.site_name == "Earn & Learn Work-Based Learning Guide"


def test_site_builds_with_properdocs(tmp_path):
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GUIDE_DISTRICT="nyc", GUIDE_PDF="0")
    record("build", "nyc by properdocs")  # a site build of its own, by MkDocs' successor
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml",
                             "-d", str(site)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    build = Build(result.returncode, result.stderr, site)
    home = build.html("")
    assert re.search(r'<meta name="generator" content="mkdocs-ProperDocs [\d.]+', home)
    assert "<title>NYC Public Schools Work-Based Learning Guide</title>" in home
    for page in ("informational-interview/checklist/", "job-shadow/checklist/", "activities/",
                 "job-shadow/handouts/host-tip-sheet/"):
        assert (site / page / "index.html").is_file(), page
    assert "Quick tips for Work-Based Learning Coordinators to plan and run a successful job shadow." \
        in build.article_text("job-shadow/checklist/")
    assert (site / "assets/stylesheets/guide.css").is_file()
