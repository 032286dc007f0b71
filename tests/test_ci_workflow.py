"""The GitHub workflow every fork runs tests what this project's CI tests: it runs .ci/run
(which installs Chromium and Lighthouse, then the README's test command) in a Debian-based
container, where `apt-get install chromium` gives a real browser; and it names no
repository, so a fork runs it unchanged."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def _jobs() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]


def _runs(job: dict) -> list[str]:
    return [step["run"] for step in job.get("steps", []) if "run" in step]


def test_the_workflow_runs_ci_run_in_a_debian_container():
    testing = [job for job in _jobs().values() if any(re.search(r"\bbash \.ci/run\b", run) for run in _runs(job))]
    assert testing, "no job of the workflow runs `bash .ci/run`"
    for job in testing:
        image = job.get("container")
        image = image.get("image") if isinstance(image, dict) else image
        assert image and re.search(r"(debian|bookworm|trixie|bullseye)", image), (
            f"`.ci/run` must run in a Debian-based container (apt-get install chromium), not {image!r}")


def test_no_other_step_runs_the_tests_its_own_way():
    """One way to run the tests: a second, bare pytest step could pass while skipping the
    browser tests."""
    for job in _jobs().values():
        for run in _runs(job):
            assert not re.search(r"\bpytest\b", run), f"the workflow runs pytest outside .ci/run: {run!r}"


def test_ci_run_calls_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"Run the tests:\s*```sh\s*\n(.+?)\n```", readme, re.S).group(1).strip()
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_workflow_names_no_repository():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert not re.search(r"github\.com/[\w.-]+/[\w.-]+", text)
    assert "github.repository" not in text.replace("github.event.repository.default_branch", "")
