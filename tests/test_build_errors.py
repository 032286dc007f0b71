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


def test_term_in_a_hand_written_page_is_checked_before_anything_is_written(project_copy, tmp_path):
    site = tmp_path / "site"
    page = project_copy / "docs" / "about.md"
    page.write_text('# About\n\nFor {{ term("Learners") }} and their families.\n', encoding="utf-8")
    built = run_build(site, project=project_copy)
    assert built.returncode == 0, built.output
    assert "For Learners and their families." in (site / "about/index.html").read_text(encoding="utf-8")

    page.write_text('# About\n\nOur {{ term("lerners") }}.\n\nAsk {{ term("data_system") }}.\n', encoding="utf-8")
    broken = run_build(site, "nyc", project=project_copy)
    assert broken.returncode != 0 and "Traceback" not in broken.output
    assert "docs/about.md:3:8: term(\"lerners\"): unknown term 'lerners'" in broken.output
    assert "Did you mean 'learners'?" in broken.output
    # NYC names no data system: the page would have no word to show.
    assert "docs/about.md:5:8: term(\"data_system\"): this district defines no 'data_system'" in broken.output
    assert (site / "about/index.html").exists(), "the last good site was emptied"


def test_a_link_between_pages_is_checked_at_its_yaml_line(project_copy, tmp_path):
    site = tmp_path / "site"
    break_file(project_copy, "data/activities/informational-interview.yml",
               "Arrange for ${learner} transportation",
               "See [the timeline](/informational-interview/timelin/). Arrange for ${learner} transportation")
    build = run_build(site, project=project_copy)
    assert build.returncode != 0 and "Traceback" not in build.output
    assert "data/activities/informational-interview.yml:" in build.output
    assert "no page of this guide at '/informational-interview/timelin/'" in build.output
    assert "Did you mean '/informational-interview/timeline/'?" in build.output

    break_file(project_copy, "data/activities/informational-interview.yml",
               "/informational-interview/timelin/", "/informational-interview/timeline/")
    build = run_build(site, project=project_copy)
    assert build.returncode == 0, build.output
    checklist = (site / "informational-interview/checklist/index.html").read_text(encoding="utf-8")
    assert '<a href="../timeline/">the timeline</a>' in checklist
