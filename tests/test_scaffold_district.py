"""`wbl-guide new-district ID`: a commented profile from the default that builds, fills in
to a district with none of the default's words, and is never written over."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, run_build, text_of
from ledger import record
from test_district_words import OWN_WORDS, found

# The scaffold's values are the default district's; a district fills them in like this.
FILL_IN = {
    "name: Earn & Learn\n": "name: Riverside Apprenticeship Network\n",
    "site_name: Earn & Learn Work-Based Learning Guide": "site_name: Riverside Apprenticeship Guide",
    "  learner: learner\n": "  learner: apprentice\n",
    "singular: WBL Connector\n": "singular: Career Navigator\n",
    "long: Work-Based Learning Connector\n": "long: Career Pathways Navigator\n",
    "short: Connector\n": "short: Navigator\n",
    "community: the Earn & Learn community": "community: the Riverside Apprenticeship Network",
    "singular: remote\n": "singular: online\n",
    "adverb: remotely\n": "adverb: online\n",
    "data_system: ELENA": "data_system: PathTrack",
    "platforms: [Facetime, ZOOM]": "platforms: [Microsoft Teams]",
}
NOTE = "This includes Riverside career navigators and others who support ${learners}."
# A small logo of the district's own, in its own folder.
LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        '<circle cx="12" cy="12" r="10" fill="#ffffff"/></svg>\n')


def wbl_guide(root, *args) -> subprocess.CompletedProcess:
    if "build" in args:
        record("build-all", " ".join(args))
    return subprocess.run([sys.executable, "-m", "wbl_guide.cli", "--root", str(root), *args],
                          capture_output=True, text=True, cwd=ROOT)


def fill_in(profile) -> str:
    text = profile.read_text(encoding="utf-8")
    for old, new in FILL_IN.items():
        assert old in text, f"the scaffold no longer holds {old!r}"
        text = text.replace(old, new)
    return re.sub(r"coordinator_note: >-\n(  .*\n)+", f"coordinator_note: >-\n  {NOTE}\n", text)


def uncomment_examples(text: str) -> str:
    """Switch on every optional block the scaffold shows as a commented example."""
    optional = text.index("# The rest is optional")
    examples = re.sub(r"(?m)^# ((?:[a-z_]+:|\s).*)$", r"\1", text[optional:])
    return text[:optional] + examples


def test_scaffold_is_commented_builds_and_never_overwrites(project_copy, tmp_path):
    result = wbl_guide(project_copy, "new-district", "riverside")
    assert result.returncode == 0, result.stderr
    profile = project_copy / "data/districts/riverside.yml"
    folder = project_copy / "data/districts/riverside"
    assert "wrote data/districts/riverside.yml" in result.stdout
    assert "GUIDE_DISTRICT=riverside mkdocs serve" in result.stdout
    assert "wbl-guide check" in result.stdout
    assert (folder / "README.md").is_file()
    text = profile.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/district.schema.json")
    assert text.count("# CHANGE") >= 4
    # Each term is explained from data/terms.yml, beside the default's value.
    assert "# The young people who take part in the activities." in text
    assert "# Optional: delete this line" in text  # data_system

    check = wbl_guide(project_copy, "check")
    assert check.returncode == 0, check.stderr
    assert "ok: 3 districts" in check.stdout
    build = run_build(tmp_path / "site", "riverside", project=project_copy)
    assert build.returncode == 0, build.output

    profile.write_text("name: changed by hand\n", encoding="utf-8")
    again = wbl_guide(project_copy, "new-district", "riverside")
    assert again.returncode == 1
    assert "data/districts/riverside.yml: already exists; nothing was changed" in again.stderr
    assert "Traceback" not in again.stderr
    assert profile.read_text(encoding="utf-8") == "name: changed by hand\n"


def test_bad_id_is_refused(project_copy):
    for bad in ("River Side", "Riverside", "river_side", "river-", "../escape"):
        result = wbl_guide(project_copy, "new-district", bad)
        assert result.returncode == 1, bad
        assert "lowercase letters, digits and hyphens" in result.stderr
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (project_copy / "data/districts").iterdir()) == ["earn-and-learn.yml", "nyc.yml"]


def test_filled_in_district_has_none_of_the_defaults_words(project_copy, tmp_path):
    assert wbl_guide(project_copy, "new-district", "riverside").returncode == 0
    profile = project_copy / "data/districts/riverside.yml"
    profile.write_text(fill_in(profile), encoding="utf-8")
    build = run_build(tmp_path / "site", "riverside", project=project_copy)
    assert build.returncode == 0, build.output

    text = " ".join(text_of(p.read_text(encoding="utf-8")) for p in build.pages())
    assert not found(OWN_WORDS["earn-and-learn"], text), found(OWN_WORDS["earn-and-learn"], text)[:5]
    assert not found(OWN_WORDS["nyc"], text)
    assert "Riverside Apprenticeship Guide" in build.html("")
    assert "Record each job shadow in PathTrack." in text
    assert "Quick tips for Career Pathways Navigators to plan and run a successful job shadow." in text


def test_every_commented_example_works_when_switched_on(project_copy, tmp_path):
    """The profile is complete: logo, colors, contacts, resources, notes, overrides,
    hidden sections and labels, each switched on by removing the '# ' of its example."""
    assert wbl_guide(project_copy, "new-district", "riverside").returncode == 0
    profile = project_copy / "data/districts/riverside.yml"
    (project_copy / "data/districts/riverside/logo.svg").write_text(LOGO, encoding="utf-8")
    profile.write_text(uncomment_examples(fill_in(profile)), encoding="utf-8")
    build = run_build(tmp_path / "site", "riverside", project=project_copy)
    assert build.returncode == 0, build.output

    home = build.html("")
    assert re.search(r'<img src="assets/district/logo\.svg"', home)
    assert (build.site / "assets/district/logo.svg").read_text(encoding="utf-8") == LOGO
    assert "--md-primary-fg-color: #1f3d7a;" in (build.site / "assets/stylesheets/guide.css").read_text()
    assert "Jordan Lee" in text_of(home) and "Who to ask" in text_of(home)
    resources = build.article_text("informational-interview/resources/")
    assert "Chamber of Commerce: Local employers who host work-based learning activities." in resources
    checklist = build.html("informational-interview/checklist/")
    assert re.search(r"<h1[^>]*>Our Checklist", checklist)
    assert "Ask the main office for bus passes two weeks ahead." in text_of(checklist)
    assert not (build.site / "informational-interview/virtual-hybrid").exists()
    assert (build.site / "job-shadow/virtual-hybrid/index.html").exists()  # hidden in one activity only
    assert (build.site / "data").exists() is False  # the district's folder itself is not published
