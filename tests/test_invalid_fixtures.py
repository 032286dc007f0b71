"""The committed corpus of broken data: each case's exact message, and never a traceback.

Each folder in fixtures/invalid/ holds only the files that differ from fixtures/valid/,
a README saying what is wrong, and expected.txt, the exact message a user sees.
Regenerate expected.txt after a deliberate wording change with UPDATE_FIXTURES=1, then
read every diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from wbl_guide.base.errors import GuideError
from wbl_guide.data.project import choose_district, load_project
from wbl_guide.rendering.site import assemble

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.name for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def check_tree(root: Path, district: str | None) -> str:
    """What `wbl-guide check` (or a build of `district`) tells the user, as text."""
    try:
        if district:
            choose_district(root, district)
        project = load_project(root)
        for name in project.districts:
            assemble(project, name)
    except GuideError as error:
        return str(error)
    return "no problem found"


def materialize(case: str, tmp_path: Path) -> tuple[Path, str | None]:
    root = tmp_path / case
    shutil.copytree(FIXTURES / "valid", root)
    shutil.copytree(FIXTURES / "invalid" / case / "data", root / "data", dirs_exist_ok=True)
    district_file = FIXTURES / "invalid" / case / "district"
    district = district_file.read_text().strip() if district_file.exists() else None
    return root, district


def test_the_valid_tree_is_valid(tmp_path):
    shutil.copytree(FIXTURES / "valid", tmp_path / "valid")
    assert check_tree(tmp_path / "valid", None) == "no problem found"


def test_there_are_at_least_twenty_cases():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES)
def test_invalid_case_message(case, tmp_path):
    root, district = materialize(case, tmp_path)
    message = check_tree(root, district)
    expected_file = FIXTURES / "invalid" / case / "expected.txt"
    if os.environ.get("UPDATE_FIXTURES"):
        expected_file.write_text(message + "\n", encoding="utf-8")
    assert message == expected_file.read_text(encoding="utf-8").rstrip("\n")
    assert message.startswith(("1 problem in the guide data:", "2 problems", "3 problems", "4 problems"))
