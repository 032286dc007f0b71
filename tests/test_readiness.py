"""`wbl-guide check`'s readiness report (macros/rendering/readiness.py): what each district
has not given yet, so that its guide would show it empty, generic or as the default
district's. Notes, not errors: check still exits 0."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from wbl_guide.data.project import load_project
from wbl_guide.data.validate import consent_keys
from wbl_guide.rendering.scaffold import new_district

PROFILE = "data/districts/riverside.yml"


def wbl_guide(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wbl_guide.cli", "--root", str(project), *args],
                          capture_output=True, text=True, cwd=project)


def block(output: str, district: str) -> str:
    """The district's part of the readiness report: its heading and its notes."""
    report = output[output.index("\nReadiness: "):]
    found = re.search(rf"^{re.escape(district)}: .*?(?=\n\n|\Z)", report, re.M | re.S)
    assert found, report
    return found.group(0)


def line_of(text: str, start: str) -> int:
    """The number of the first line of `text` that starts with `start`."""
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith(start))


@pytest.fixture(scope="module")
def bundled() -> str:
    result = wbl_guide(ROOT, "check")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_new_district_is_not_ready_and_check_still_passes(tmp_path):
    project = copy_project(tmp_path / "project")
    scaffold = wbl_guide(project, "new-district", "riverside")
    assert scaffold.returncode == 0, scaffold.stderr
    result = wbl_guide(project, "check")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("ok: 3 districts")
    riverside = block(result.stdout, "riverside")
    heading = riverside.splitlines()[0]
    count = int(re.fullmatch(r"riverside: not ready to publish: (\d+) things to give", heading).group(1))
    # One located line per thing to give, each followed by its hint.
    assert count == len(re.findall(rf"^    {PROFILE}", riverside, re.M))
    text = (project / PROFILE).read_text(encoding="utf-8")
    for key, start, value in [
            ("name", "name:", "'Earn & Learn'"),
            ("site_name", "site_name:", "'Earn & Learn Work-Based Learning Guide'"),
            ("terms.coordinator", "  coordinator:", "'WBL Connector' (and its forms)"),
            ("terms.community", "  community:", "'the Earn & Learn community'"),
            ("terms.data_system", "  data_system:", "'ELENA'"),
            ("coordinator_note", "coordinator_note:", "'This includes Earn & Learn work-based learning")]:
        assert f"{PROFILE}:{line_of(text, start)}: {key}: still earn-and-learn's {value}" in riverside, key
    assert "Or delete the line if your district has none." in riverside  # data_system is optional
    # The guide's own word ("learner") is no district's: keeping it is not copying.
    assert "terms.learner" not in riverside
    # Legal wording: each form the guide does not publish, by activity and title.
    for key in consent_keys(load_project(project, ["riverside"]).activities):
        assert re.search(rf"^    {PROFILE}:\d+: legal\.{key}: not given, so .+ not published$", riverside, re.M), key
    assert "Career Day: “Media Release” is not published" in riverside
    # What the scaffold leaves commented out is located at its commented block.
    assert f"{PROFILE}:{line_of(text, '# contacts:')}: contacts: none given" in riverside
    assert f"{PROFILE}:{line_of(text, '# resources:')}: resources: none given" in riverside
    assert f"{PROFILE}:{line_of(text, '# logo:')}: logo: none given" in riverside
    credit = re.search(r"activities\.<id>\.credit: not given for (.+)", riverside).group(1)
    assert credit.split(", ") == sorted(path.stem for path in (project / "data/activities").glob("*.yml"))


def test_bundled_districts_get_their_lists_and_the_default_is_never_a_copy(bundled):
    project = load_project(ROOT)
    keys = consent_keys(project.activities)
    for district_id in ("earn-and-learn", "nyc"):
        notes = block(bundled, district_id)
        district = project.districts[district_id]
        profile = f"data/districts/{district_id}.yml"
        assert re.match(rf"{district_id}: ready except: legal wording for {len(keys)} forms, contacts, "
                        r"local resources, logo, credit notes for \d+ activit", notes), notes
        assert "still earn-and-learn's" not in notes and "Still the default district's" not in notes
        for key in keys:
            assert f"{profile}: legal.{key}: not given" in notes
        assert f"{profile}: contacts: none given" in notes
        assert f"{profile}: resources: none given" in notes
        assert f"{profile}: logo: none given" in notes
        credited = {ident for ident, facts in district.activities.items() if facts.credit}
        listed = set(re.search(r"activities\.<id>\.credit: not given for (.+)", notes).group(1).split(", "))
        assert listed == set(project.activities) - credited
    assert {"job-shadow", "career-day"} <= set(project.activities) - set(
        re.search(r"credit: not given for (.+)", block(bundled, "nyc")).group(1).split(", "))
    # nyc says what it has, at its own `activities:` line.
    nyc = (ROOT / "data/districts/nyc.yml").read_text(encoding="utf-8")
    assert f"data/districts/nyc.yml:{line_of(nyc, 'activities:')}: activities.<id>.credit:" in block(bundled, "nyc")


def test_giving_its_own_values_removes_their_lines(tmp_path):
    project = copy_project(tmp_path / "project")
    new_district(project, "riverside")
    path = project / PROFILE
    text = path.read_text(encoding="utf-8")
    for old, new in [
            ("name: Earn & Learn\n", "name: Riverside Unified\n"),
            ("site_name: Earn & Learn Work-Based Learning Guide\n", "site_name: Riverside Work-Based Learning\n"),
            ("    singular: WBL Connector\n", "    singular: Pathways Advisor\n"),
            ("    short: Connector\n", "    short: Advisor\n"),
            ("  community: the Earn & Learn community\n", "  community: Riverside Unified\n"),
            ("  data_system: ELENA\n", ""),
            ("  platforms: [Facetime, ZOOM]\n", "  platforms: [Teams]\n"),
            ("  This includes Earn & Learn work-based", "  This includes Riverside's work-based")]:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    result = wbl_guide(project, "check")
    assert result.returncode == 0, result.stderr
    riverside = block(result.stdout, "riverside")
    # One form of a term left as the default's is still named, at its own line.
    long_line = line_of(text, "    long: Work-Based Learning Connector")
    assert f"{PROFILE}:{long_line}: terms.coordinator.long: still earn-and-learn's " \
           "'Work-Based Learning Connector'" in riverside
    for gone in ("name:", "site_name:", "terms.coordinator:", "terms.coordinator.singular", "terms.community",
                 "terms.data_system", "terms.platforms", "coordinator_note"):
        assert gone not in riverside, gone

    path.write_text(text.replace("    long: Work-Based Learning Connector\n",
                                 "    long: Career Pathways Advisor\n", 1), encoding="utf-8")
    result = wbl_guide(project, "check")
    assert result.returncode == 0, result.stderr
    riverside = block(result.stdout, "riverside")
    assert riverside.startswith("riverside: ready except: legal wording for "), riverside
    assert "still earn-and-learn's" not in riverside
    assert "contacts: none given" in riverside  # what is not given stays


def test_spanish_copied_from_the_default_district_is_named(tmp_path):
    """A profile that takes the default district's Spanish section along keeps its name
    and words in the Spanish edition: each is named at its line."""
    project = copy_project(tmp_path / "project")
    new_district(project, "riverside")
    default = (project / "data/districts/earn-and-learn.yml").read_text(encoding="utf-8")
    spanish = default[default.index("translations:\n"):]
    path = project / PROFILE
    path.write_text(path.read_text(encoding="utf-8") + "\nlanguages: [en, es]\n" + spanish, encoding="utf-8")
    result = wbl_guide(project, "check")
    assert result.returncode == 0, result.stderr
    riverside = block(result.stdout, "riverside")
    text = path.read_text(encoding="utf-8")
    where = text.index("translations:\n")
    offset = text[:where].count("\n")
    for key, start in [("translations.es.site_name", "    site_name:"),
                       ("translations.es.terms.coordinator", "      coordinator:"),
                       ("translations.es.terms.community", "      community:"),
                       ("translations.es.coordinator_note", "    coordinator_note:")]:
        line = offset + line_of(text[where:], start)
        assert f"{PROFILE}:{line}: {key}: still earn-and-learn's" in riverside, key
    assert "In the 'es' edition: " in riverside
    assert "translations.es.terms.learner" not in riverside  # the guide's own word, kept in both
    assert "languages" not in riverside.split("Legal wording")[0]  # a setting, not the default's words
