"""A district id is checked the same way wherever it enters (GUIDE_DISTRICT, a profile's file
name, `new-district`, `build`), and every hint names a command or a file name that works."""

from __future__ import annotations

import re

import pytest

from test_scaffold_district import wbl_guide
from wbl_guide.publishing.build_all import build_districts
from wbl_guide.base.errors import GuideError
from wbl_guide.publishing.publish import publish_editions
from wbl_guide.data.project import choose_district, district_ids, is_district_id, suggested_id


def problem_of(call) -> str:
    with pytest.raises(GuideError) as caught:
        call()
    [problem] = caught.value.problems
    return str(problem)


@pytest.mark.parametrize("value,valid", [
    ("riverside", True), ("district-12", True), ("12", True), ("My District", False), ("../x", False),
    ("nyc/", False), ("a--b", False), ("-a", False), ("Nyc", False), ("", False), ("a_b", False)])
def test_what_an_id_is(value, valid):
    assert is_district_id(value) is valid


@pytest.mark.parametrize("value,suggestion", [
    ("My District", "my-district"), ("../x", "x"), ("Ünïon City", "union-city"), ("a__b", "a-b"),
    ("???", "")])
def test_suggested_ids_are_valid(value, suggestion):
    assert suggested_id(value) == suggestion
    assert not suggestion or is_district_id(suggestion)


def test_guide_district_that_is_not_an_id_suggests_a_command_that_works(project_copy):
    message = problem_of(lambda: choose_district(project_copy, "../x"))
    assert message.startswith("GUIDE_DISTRICT=../x: '../x' is not a district id")
    assert message.endswith("Create a district with: wbl-guide new-district x")
    made = wbl_guide(project_copy, "new-district", "x")  # the suggested command works
    assert made.returncode == 0, made.stderr
    assert choose_district(project_copy, "x") == "x"


def test_guide_district_in_capitals_points_at_the_profile(project_copy):
    assert problem_of(lambda: choose_district(project_copy, "NYC")).endswith("Did you mean GUIDE_DISTRICT=nyc?")
    assert problem_of(lambda: choose_district(project_copy, "???")).endswith(
        "Choose an id of lowercase letters, digits and hyphens, such as 'riverside' or 'district-12'.")


def test_a_build_with_an_invalid_guide_district_fails_plainly(project_copy):
    """Through the front door a build goes through, in-process (what `mkdocs build` prints of
    a GuideError, without a traceback, is tested end to end by test_build_errors.py)."""
    with pytest.raises(GuideError) as raised:
        publish_editions(project_copy, "../x", pdf=False)
    output = str(raised.value)
    assert "'../x' is not a district id" in output and "wbl-guide new-district x" in output
    assert "Traceback" not in output


def test_a_profile_named_with_an_invalid_id_is_reported_never_published(project_copy, tmp_path):
    districts = project_copy / "data/districts"
    (districts / "nyc.yml").rename(districts / "My District.yml")
    (districts / "My District").mkdir()
    message = problem_of(lambda: district_ids(project_copy))
    assert message.startswith("data/districts/My District.yml: 'My District' is not a district id")
    assert message.endswith("Rename it to data/districts/my-district.yml, and its folder "
                            "data/districts/My District/ to data/districts/my-district/.")
    check = wbl_guide(project_copy, "check")
    assert check.returncode == 1 and "data/districts/My District.yml: 'My District' is not" in check.stderr
    site = tmp_path / "site"
    build = wbl_guide(project_copy, "build", "--all", "--site-dir", str(site))
    assert build.returncode == 1 and "Rename it to data/districts/my-district.yml" in build.stderr
    assert not (site / "My District").exists()
    # GUIDE_DISTRICT set to the file's name says the same; other districts still build.
    assert problem_of(lambda: choose_district(project_copy, "My District")).endswith(
        "Rename data/districts/My District.yml to data/districts/my-district.yml, "
        "then set GUIDE_DISTRICT=my-district.")
    assert choose_district(project_copy, "earn-and-learn") == "earn-and-learn"
    # Following the hint fixes it.
    (districts / "My District.yml").rename(districts / "my-district.yml")
    (districts / "My District").rename(districts / "my-district")
    assert wbl_guide(project_copy, "check").returncode == 0


def test_a_taken_suggestion_is_not_suggested(project_copy):
    districts = project_copy / "data/districts"
    (districts / "NYC.yml").write_text((districts / "nyc.yml").read_text(encoding="utf-8"), encoding="utf-8")
    message = problem_of(lambda: district_ids(project_copy))
    assert "Rename it: data/districts/nyc.yml already exists, so choose another id" in message


def test_editor_lock_files_are_not_profiles(project_copy):
    (project_copy / "data/districts/.#nyc.yml").write_text("", encoding="utf-8")
    assert district_ids(project_copy) == ["earn-and-learn", "nyc"]


def test_new_district_with_an_invalid_id_suggests_a_valid_one(project_copy):
    result = wbl_guide(project_copy, "new-district", "My District")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "new-district My District: 'My District' is not a district id" in result.stderr
    assert "Try: wbl-guide new-district my-district" in result.stderr
    assert not list((project_copy / "data/districts").glob("My*"))
    taken = wbl_guide(project_copy, "new-district", "NYC")
    assert "data/districts/nyc.yml already exists: edit it, or choose another id." in taken.stderr
    assert "wbl-guide new-district nyc" not in taken.stderr
    assert wbl_guide(project_copy, "new-district", "my-district").returncode == 0


def test_build_arguments_are_checked_the_same_way(project_copy, tmp_path):
    with pytest.raises(GuideError) as caught:
        build_districts(project_copy, tmp_path / "site", ["NYC", "../x", "nowhere"], report=lambda line: None)
    text = str(caught.value)
    assert "build NYC: 'NYC' is not a district id" in text and "Did you mean: wbl-guide build nyc" in text
    assert "build ../x: '../x' is not a district id" in text
    assert re.search(r"data/districts/nowhere.yml: no such district profile\n\s+Districts: earn-and-learn, nyc", text)
    assert not (tmp_path / "site").exists()
