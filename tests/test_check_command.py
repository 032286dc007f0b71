"""`wbl-guide check`: validates everything without building, and lints shared text."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def run_check(root) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wbl_guide.cli", "--root", str(root), "check"],
                          capture_output=True, text=True, cwd=ROOT)


def test_bundled_data_passes(tmp_path):
    result = run_check(ROOT)
    assert result.returncode == 0, result.stderr
    assert re.search(r"ok: 2 districts, [2-9] activities", result.stdout)


def test_hard_coded_district_word_is_reported_with_file_and_line(project_copy):
    activity = project_copy / "data/activities/informational-interview.yml"
    text = activity.read_text(encoding="utf-8")
    text = text.replace("Arrange for ${learner} transportation", "Arrange for student transportation")
    text = text.replace("Send thank-you notes to employer partners.", "Send WBL Connectors' thank-you notes to employer partners.")
    activity.write_text(text, encoding="utf-8")
    result = run_check(project_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = text.splitlines()
    student_line = next(i for i, line in enumerate(lines, 1) if "Arrange for student" in line)
    assert (f"data/activities/informational-interview.yml:{student_line}:" in result.stderr)
    assert "hard-codes 'student', nyc's word" in result.stderr
    assert "write ${learner}." in result.stderr
    assert "hard-codes 'WBL Connectors', earn-and-learn's word" in result.stderr
    assert "write ${coordinators}." in result.stderr


def test_check_reports_every_district(project_copy):
    nyc = project_copy / "data/districts/nyc.yml"
    nyc.write_text(nyc.read_text(encoding="utf-8").replace("  learner: student", "  lerner: student"),
                   encoding="utf-8")
    result = run_check(project_copy)
    assert result.returncode == 1
    assert "data/districts/nyc.yml:" in result.stderr and "unknown term 'lerner'" in result.stderr


def test_words_doubled_by_a_district_term_are_reported(project_copy):
    """NYC's word for "remote" is "virtual": without its own title, the shared
    "${Remote} & Virtual Options" would read "Virtual & Virtual Options"."""
    nyc = project_copy / "data/districts/nyc.yml"
    text = nyc.read_text(encoding="utf-8")
    own_title = "    distance:\n      title: Informational Interview Virtual Options\n      nav_title: Virtual Options\n"
    assert own_title in text
    nyc.write_text(text.replace(own_title, ""), encoding="utf-8")
    result = run_check(project_copy)
    assert result.returncode == 1
    activity = (project_copy / "data/activities/informational-interview.yml").read_text(encoding="utf-8")
    line = activity.splitlines().index("  title: Informational Interview ${Remote} & Virtual Options") + 1
    assert (f"data/activities/informational-interview.yml:{line}:10: distance.title: "
            "reads 'Virtual & Virtual' in nyc's words") in result.stderr
    assert "`overrides: informational-interview: distance:`" in result.stderr
    assert "earn-and-learn's words" not in result.stderr  # "Remote & Virtual" reads well
