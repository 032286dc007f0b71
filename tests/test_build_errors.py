"""A data error stops the build with a located message, no traceback, and the last site kept.

One failing `mkdocs build` shows it end to end; the other errors are asserted in-process
through the one front door the build calls (wbl_guide.publishing.publish.publish_editions, the same
GuideError text that `mkdocs build` prints), before anything is written."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, run_build
from wbl_guide.base.errors import GuideError
from wbl_guide.publishing.publish import publish, publish_editions


def break_file(project, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_error(root, district: str | None = None, docs: bool = True) -> str:
    """The message a build of `root` stops with: what `mkdocs build` prints (the plugin
    raises str(GuideError) as its PluginError), found in-process."""
    with pytest.raises(GuideError) as raised:
        publish_editions(root, district, pdf=False, docs_dir=root / "docs" if docs else None)
    message = str(raised.value)
    assert "Traceback" not in message
    return message


def test_unknown_placeholder_stops_the_build_with_file_and_line(project_copy, tmp_path, built):
    # The last good site: the session's build of the unchanged project's default district.
    site = tmp_path / "site"
    shutil.copytree(built("earn-and-learn").site, site)
    assert (site / "informational-interview/checklist/index.html").exists()
    break_file(project_copy, "data/activities/informational-interview.yml",
               "Arrange for ${learner} transportation", "Arrange for ${lerner} transportation")
    build = run_build(site, project=project_copy, process=True)  # the one end-to-end failing `mkdocs build`
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert "data/activities/informational-interview.yml:" in build.output
    assert "unknown term 'lerner'" in build.output and "Did you mean 'learner'?" in build.output
    # Validation runs before MkDocs cleans the site directory: the last good site survives.
    assert (site / "informational-interview/checklist/index.html").exists()
    # In-process, the front door raises the same located message.
    message = build_error(project_copy)
    assert "data/activities/informational-interview.yml:" in message
    assert "unknown term 'lerner'" in message and "Did you mean 'learner'?" in message
    assert message.splitlines()[1].strip() in build.output


def test_unknown_district_lists_the_available_ones():
    with pytest.raises(GuideError) as raised:
        publish(ROOT, "nyx", pdf=False)
    output = str(raised.value)
    assert "Traceback" not in output
    assert "GUIDE_DISTRICT=nyx" in output
    assert "available: earn-and-learn, nyc" in output
    assert "Did you mean 'nyc'?" in output


def test_term_in_a_hand_written_page_is_checked_before_anything_is_written(project_copy, tmp_path):
    site = tmp_path / "site"
    page = project_copy / "docs" / "about.md"
    page.write_text('# About\n\nFor {{ term("Learners") }} and their families.\n', encoding="utf-8")
    built = run_build(site, project=project_copy)
    assert built.returncode == 0, built.output
    assert "For Learners and their families." in (site / "about/index.html").read_text(encoding="utf-8")

    page.write_text('# About\n\nOur {{ term("lerners") }}.\n\nAsk {{ term("data_system") }}.\n', encoding="utf-8")
    # Checked by publish_editions before it returns a site: nothing is written (the failing
    # build above shows that a GuideError from it leaves the last good site in place).
    broken = build_error(project_copy, "nyc")
    assert "docs/about.md:3:8: term(\"lerners\"): unknown term 'lerners'" in broken
    assert "Did you mean 'learners'?" in broken
    # NYC names no data system: the page would have no word to show.
    assert "docs/about.md:5:8: term(\"data_system\"): this district defines no 'data_system'" in broken
    assert (site / "about/index.html").exists(), "the last good site was emptied"


def test_a_link_between_pages_is_checked_at_its_yaml_line(project_copy, tmp_path):
    site = tmp_path / "site"
    break_file(project_copy, "data/activities/informational-interview.yml",
               "Arrange for ${learner} transportation",
               "See [the timeline](/informational-interview/timelin/). Arrange for ${learner} transportation")
    build = build_error(project_copy)
    assert "data/activities/informational-interview.yml:" in build
    assert "no page of this guide at '/informational-interview/timelin/'" in build
    assert "Did you mean '/informational-interview/timeline/'?" in build

    break_file(project_copy, "data/activities/informational-interview.yml",
               "/informational-interview/timelin/", "/informational-interview/timeline/")
    build = run_build(site, project=project_copy)
    assert build.returncode == 0, build.output
    checklist = (site / "informational-interview/checklist/index.html").read_text(encoding="utf-8")
    assert '<a href="../timeline/">the timeline</a>' in checklist
