"""`wbl-guide check`: validates everything without building, and lints shared text."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def run_check(root) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(root), "check"],
                          capture_output=True, text=True, cwd=ROOT)


def test_bundled_data_passes(tmp_path):
    result = run_check(ROOT)
    assert result.returncode == 0, result.stderr
    assert "ok: 2 districts, 2 activities" in result.stdout


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
