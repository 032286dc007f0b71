"""Plurals and articles of a district's words, from inflect plus a few documented rules."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from wbl_guide.text.english import article, plural


@pytest.mark.parametrize("word,expected", [
    ("analysis", "analyses"), ("passer-by", "passers-by"), ("runner-up", "runners-up"),
    ("follow-up", "follow-ups"), ("person", "people"), ("Person", "People"), ("child", "children"),
    ("staff", "staff"), ("faculty", "faculty"), ("youth", "youth"), ("learner", "learners"),
    ("WBL Connector", "WBL Connectors"), ("FBLA member", "FBLA members"), ("X-ray tech", "X-ray techs"),
    ("mother-in-law", "mothers-in-law"), ("company", "companies"), ("class", "classes"),
    ("CTE", "CTEs"), ("Industry Partner", "Industry Partners"), ("alumnus", "alumni"),
    ("work-based learning coordinator", "work-based learning coordinators"), ("", ""),
])
def test_plural(word, expected):
    assert plural(word) == expected


@pytest.mark.parametrize("phrase,expected", [
    ("X-ray tech", "an"), ("STEM student", "a"), ("FBLA member", "an"), ("hour", "an"),
    ("university student", "a"), ("MBA candidate", "an"), ("apprentice", "an"), ("learner", "a"),
    ("NYC student", "an"), ("WBL Connector", "a"), ("URL", "a"), ("UX designer", "a"),
    ("HVAC trainee", "an"), ("ELENA", "an"), ("European partner", "a"), ("one-on-one", "a"),
    ("8-week", "an"), ("11th grader", "an"), ("110", "a"), ("18-year-old", "an"), ("", "a"),
    ("“honest” broker", "an"),
])
def test_article(phrase, expected):
    assert article(phrase) == expected


def test_inflect_is_imported_on_first_use_without_typeguard():
    """Importing the core must not load inflect; loading it must not load typeguard, whose
    instrumentation recompiles inflect (seconds), nor leave a stand-in of it behind. (How
    long the first use takes is measured by benchmarks/, not asserted here.)"""
    code = ("import sys\n"
            "import wbl_guide.text.english as english\n"
            "assert 'inflect' not in sys.modules\n"
            "assert english.plural('analysis') == 'analyses'\n"
            "assert 'inflect' in sys.modules and 'typeguard' not in sys.modules\n"
            "print('ok')\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_a_loaded_typeguard_is_left_in_place():
    code = ("import sys, typeguard\n"
            "import wbl_guide.text.english as english\n"
            "assert english.article('hour') == 'an'\n"
            "assert sys.modules['typeguard'] is typeguard\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
