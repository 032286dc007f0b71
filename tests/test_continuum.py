"""The whole continuum: every activity file is a complete guide in every bundled district."""

from __future__ import annotations


import pytest
import yaml

from conftest import ROOT, article, text_of

ACTIVITIES = sorted(path.stem for path in (ROOT / "data/activities").glob("*.yml"))
# The pages every activity has (the remote options page may be hidden by a district that
# says the activity has no virtual form).
PAGES = ["", "checklist/", "timeline/", "tips/", "resources/", "preparation/", "reflection/", "downloads/"]


def handouts(activity: str, consent: bool = False) -> list[str]:
    """The activity's handouts; with consent=True, only its consent and agreement forms
    (published only by a district that gives their wording, which neither bundled one does)."""
    data = yaml.safe_load((ROOT / "data/activities" / f"{activity}.yml").read_text(encoding="utf-8"))
    return [handout["id"] for handout in data.get("handouts", []) if bool(handout.get("consent")) == consent]


def test_the_continuum_has_its_activities():
    assert len(ACTIVITIES) >= 3


@pytest.mark.parametrize("district", ["earn-and-learn", "nyc"])
@pytest.mark.parametrize("activity", ACTIVITIES)
def test_every_activity_has_every_page_and_five_handouts(built, district, activity):
    build = built(district)
    for page in PAGES:
        html = build.html(f"{activity}/{page}")
        words = text_of(article(html))
        assert len(words) > 100, f"{activity}/{page} is nearly empty in {district}"
    sheets = handouts(activity)
    assert len(sheets) >= 5, f"{activity} has {len(sheets)} handouts"
    for sheet in sheets:
        path = build.site / activity / "handouts" / sheet / "index.html"
        assert path.exists() or district == "nyc", f"{activity}/handouts/{sheet} missing in {district}"
    for sheet in handouts(activity, consent=True):
        assert not (build.site / activity / "handouts" / sheet).exists(), f"{sheet} published without its wording"
    listed = build.html(f"{activity}/downloads/")
    assert sum(f'handouts/{sheet}/"' in listed for sheet in sheets) >= 5


@pytest.mark.parametrize("district", ["earn-and-learn", "nyc"])
def test_the_activities_page_lists_every_activity_under_its_stage(built, district):
    page = built(district).html("activities/")
    for activity in ACTIVITIES:
        assert f'<li id="activity-{activity}">' in page, activity
