"""A data error stops the build with a located message, no traceback, and the last site kept."""

from __future__ import annotations

from conftest import run_build


def break_file(project, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_placeholder_stops_the_build_with_file_and_line(project_copy, tmp_path):
    site = tmp_path / "site"
    assert run_build(site, project=project_copy).returncode == 0
    break_file(project_copy, "data/activities/informational-interview.yml",
               "Arrange for ${learner} transportation", "Arrange for ${lerner} transportation")
    build = run_build(site, project=project_copy)
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert "data/activities/informational-interview.yml:" in build.output
    assert "unknown term 'lerner'" in build.output and "Did you mean 'learner'?" in build.output
    # Validation runs before MkDocs cleans the site directory: the last good site survives.
    assert (site / "informational-interview/checklist/index.html").exists()


def test_unknown_district_lists_the_available_ones(tmp_path):
    build = run_build(tmp_path / "site", "nyx")
    assert build.returncode != 0 and "Traceback" not in build.output
    assert "GUIDE_DISTRICT=nyx" in build.output
    assert "available: earn-and-learn, nyc" in build.output
    assert "Did you mean 'nyc'?" in build.output
