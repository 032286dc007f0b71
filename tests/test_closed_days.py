"""A district's closed days (`closed_days:`, issue 24): dates or ranges the timeline planner
keeps steps off, checked and located like every other field of the profile, and written
into the timeline and My plans pages for the planner (plan-dates.js does the arithmetic;
tests/browser/test_plans_trust.py checks it in Chromium)."""

from __future__ import annotations

import pytest

from test_bounds import only_problem, tree, verdict


def test_dates_and_ranges_are_accepted(tmp_path):
    root = tree(tmp_path, alpha="closed_days:\n  - 2026-11-26\n  - 2026-12-21 to 2027-01-01\n")
    assert verdict(root, "alpha") == "no problem found"


@pytest.mark.parametrize("value,message", [
    ("2026-02-30", "expected a real date, received '2026-02-30'"),
    ("2026-13-01 to 2026-12-01", "expected a real date, received '2026-13-01'"),
    ("2027-01-01 to 2026-12-21", "expected a range whose end is not before its start, "
                                 "received '2027-01-01 to 2026-12-21'"),
    ("2026-01-01 to 2028-01-01", "expected a closure of at most 366 days, received '2026-01-01 to 2028-01-01'"),
    ("November 26", "expected a date such as '2026-11-26' or a range such as '2026-12-21 to 2027-01-01', "
                    "received 'November 26'"),
    ("2026-12-21 - 2027-01-01", "expected a date such as '2026-11-26' or a range such as "
                                "'2026-12-21 to 2027-01-01', received '2026-12-21 - 2027-01-01'"),
])
def test_a_closed_day_that_is_no_day_is_refused_where_it_is(tmp_path, value, message):
    root = tree(tmp_path, alpha=f"closed_days:\n  - 2026-11-26\n  - {value}\n")
    problem = only_problem(verdict(root, "alpha"))
    location, said = problem.split(" closed_days", 1)
    assert location.startswith("data/districts/alpha.yml:") and location.endswith(":5:")
    assert said.endswith(message), problem


def test_thousands_of_closed_days_are_refused(tmp_path):
    root = tree(tmp_path, alpha="closed_days:\n" + "".join(f"  - 2026-01-{day:02d}\n" for day in range(1, 29)) * 10)
    assert only_problem(verdict(root, "alpha")).startswith(
        "data/districts/alpha.yml:")
    assert "expected at most 200 closed days in a district, received 280" in verdict(root, "alpha")


def test_the_pages_carry_the_closed_days_for_the_planner(tmp_path):
    from wbl_guide.data.project import load_project
    from wbl_guide.rendering.site import assemble

    root = tree(tmp_path, alpha="closed_days:\n  - 2026-11-26\n  - 2026-12-21 to 2027-01-01\n")
    site = assemble(load_project(root), "alpha")
    shown = [page.markdown for page in site.pages.values()
             if "data-guide-planner" in page.markdown or "data-guide-my-plans" in page.markdown]
    assert len(shown) >= 2  # a timeline and My plans
    for text in shown:
        assert 'data-closed-days="[&quot;2026-11-26&quot;,&quot;2026-12-21 to 2027-01-01&quot;]"' in text
