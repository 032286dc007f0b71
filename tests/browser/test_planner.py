"""The timeline planner: pick the activity's date, read each step's date, download the plan
as an .ics file and parse it. Dates follow the YAML's due rules (month arithmetic keeps the
day or takes the month's last) and the district's school-year start on or before the date,
then move off weekends to a school day (on_a_school_day)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import pytest

from conftest import article, run_build

from .conftest import DISTRICTS, serving

# Worked out by hand for every due rule the bundled activities use, by the calendar alone:
# the page then moves each off a weekend (on_a_school_day).
EXPECTED = {
    "2025-03-31": {  # month ends: 31 January, the end of February
        "start of school year": "2024-09-01", "2 months before": "2025-01-31",
        "1 month before": "2025-02-28", "1 week before": "2025-03-24", "on the day": "2025-03-31",
        "1 day after": "2025-04-01", "6 weeks before": "2025-02-17", "1 week after": "2025-04-07"},
    "2024-03-31": {  # a leap year
        "start of school year": "2023-09-01", "2 months before": "2024-01-31",
        "1 month before": "2024-02-29", "1 week before": "2024-03-24", "on the day": "2024-03-31",
        "1 day after": "2024-04-01", "6 weeks before": "2024-02-18", "1 week after": "2024-04-07"},
    "2025-09-01": {  # on the first day of school: that school year
        "start of school year": "2025-09-01", "2 months before": "2025-07-01",
        "1 month before": "2025-08-01", "1 week before": "2025-08-25", "on the day": "2025-09-01",
        "1 day after": "2025-09-02", "6 weeks before": "2025-07-21", "1 week after": "2025-09-08"},
    "2025-08-31": {  # the day before: the year before; June has 30 days
        "start of school year": "2024-09-01", "2 months before": "2025-06-30",
        "1 month before": "2025-07-31", "1 week before": "2025-08-24", "on the day": "2025-08-31",
        "1 day after": "2025-09-01", "6 weeks before": "2025-07-20", "1 week after": "2025-09-07"},
    "2026-01-05": {  # across the new year
        "start of school year": "2025-09-01", "2 months before": "2025-11-05",
        "1 month before": "2025-12-05", "1 week before": "2025-12-29", "on the day": "2026-01-05",
        "1 day after": "2026-01-06", "6 weeks before": "2025-11-24", "1 week after": "2026-01-12"},
}
# The rules the continuum's other activities use (months keep the day, or take the month's
# last: 31 March less 4 months is 30 November; 31 August plus 6 months is 28 February).
for _date, _more in {
    "2025-03-31": {"2 weeks before": "2025-03-17", "3 months before": "2024-12-31", "4 months before": "2024-11-30",
                   "1 month after": "2025-04-30", "2 weeks after": "2025-04-14", "3 months after": "2025-06-30",
                   "4 weeks after": "2025-04-28", "6 weeks after": "2025-05-12", "6 months after": "2025-09-30",
                   "7 weeks after": "2025-05-19", "12 weeks after": "2025-06-23", "13 weeks after": "2025-06-30"},
    "2024-03-31": {"2 weeks before": "2024-03-17", "3 months before": "2023-12-31", "4 months before": "2023-11-30",
                   "1 month after": "2024-04-30", "2 weeks after": "2024-04-14", "3 months after": "2024-06-30",
                   "4 weeks after": "2024-04-28", "6 weeks after": "2024-05-12", "6 months after": "2024-09-30",
                   "7 weeks after": "2024-05-19", "12 weeks after": "2024-06-23", "13 weeks after": "2024-06-30"},
    "2025-09-01": {"2 weeks before": "2025-08-18", "3 months before": "2025-06-01", "4 months before": "2025-05-01",
                   "1 month after": "2025-10-01", "2 weeks after": "2025-09-15", "3 months after": "2025-12-01",
                   "4 weeks after": "2025-09-29", "6 weeks after": "2025-10-13", "6 months after": "2026-03-01",
                   "7 weeks after": "2025-10-20", "12 weeks after": "2025-11-24", "13 weeks after": "2025-12-01"},
    "2025-08-31": {"2 weeks before": "2025-08-17", "3 months before": "2025-05-31", "4 months before": "2025-04-30",
                   "1 month after": "2025-09-30", "2 weeks after": "2025-09-14", "3 months after": "2025-11-30",
                   "4 weeks after": "2025-09-28", "6 weeks after": "2025-10-12", "6 months after": "2026-02-28",
                   "7 weeks after": "2025-10-19", "12 weeks after": "2025-11-23", "13 weeks after": "2025-11-30"},
    "2026-01-05": {"2 weeks before": "2025-12-22", "3 months before": "2025-10-05", "4 months before": "2025-09-05",
                   "1 month after": "2026-02-05", "2 weeks after": "2026-01-19", "3 months after": "2026-04-05",
                   "4 weeks after": "2026-02-02", "6 weeks after": "2026-02-16", "6 months after": "2026-07-05",
                   "7 weeks after": "2026-02-23", "12 weeks after": "2026-03-30", "13 weeks after": "2026-04-06"},
}.items():
    EXPECTED[_date].update(_more)


def on_a_school_day(day: str | dt.date, due: str, closed: frozenset[dt.date] = frozenset()) -> str:
    """Where the planner puts a step whose rule gives `day`: a Saturday, Sunday or closed
    day moves to the school day before it, or after it for a step after the activity and
    the start of the school year; a step on the day stays on the plan's date."""
    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    if due == "on the day":
        return day.isoformat()
    step = dt.timedelta(days=1 if due == "start of school year" or due.endswith(" after") else -1)
    while day.weekday() >= 5 or day in closed:
        day += step
    return day.isoformat()


def timeline_pages(site) -> list[str]:
    pages = site.pages_with("data-guide-planner")
    assert pages, f"{site.district}: no page has a planner"
    return pages


def steps(site, path: str) -> list[tuple[str, str]]:
    """(id, due rule) of each step of the page's timeline, from the built HTML."""
    found = re.findall(r'<li data-due="([^"]+)"[^>]* id="([^"]+)"', article(site.html(path)))
    assert found
    return [(ident, due) for due, ident in found]


def shown_dates(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries(Array.from(
        document.querySelectorAll("ol.guide-timeline > li[id]"),
        item => [item.id, item.querySelector("time.guide-planner-due:not([hidden])")?.dateTime ?? null]))""")


def pick(page, date: str) -> None:
    # By its label, which is the timeline's `date_label` ("Tour date", "Interview day"...).
    label = page.locator("form.guide-planner label").first.inner_text()
    page.locator("form.guide-planner").get_by_label(label, exact=True).fill(date)


@pytest.mark.parametrize("district", DISTRICTS)
def test_each_step_shows_its_date(served, context_for, district):
    site = served(district)
    context, requests = context_for(site)
    page = context.new_page()
    for path in timeline_pages(site):
        page.goto(site.url(path))
        timeline = steps(site, path)
        assert set(shown_dates(page).values()) == {None}  # nothing before a date is picked
        for date, expected in EXPECTED.items():
            pick(page, date)
            assert shown_dates(page) == {ident: on_a_school_day(expected[due], due) for ident, due in timeline}, date
        # The reader sees the date written out in the district's language, as well.
        pick(page, "2025-03-31")
        first = page.locator("ol.guide-timeline > li time.guide-planner-due").nth(1)
        day = dt.date.fromisoformat(on_a_school_day(EXPECTED["2025-03-31"][timeline[1][1]], timeline[1][1]))
        assert first.inner_text() == f"{day:%A}, {day:%B} {day.day}, {day.year}"  # e.g. Friday, January 31, 2025
    assert requests.refused == []


def reference(date: dt.date, due: str, school_year_start: tuple[int, int]) -> dt.date:
    """An independent statement of the rules, to check the page on many more dates."""
    if due == "start of school year":
        month, day = school_year_start
        start = dt.date(date.year, month, min(day, calendar.monthrange(date.year, month)[1]))
        return start if start <= date else dt.date(date.year - 1, month,
                                                   min(day, calendar.monthrange(date.year - 1, month)[1]))
    if due == "on the day":
        return date
    count, unit, direction = re.match(r"(\d+) (day|week|month)s? (before|after)", due).groups()
    count = int(count) * (-1 if direction == "before" else 1)
    if unit == "month":
        index = date.year * 12 + date.month - 1 + count
        year, month = divmod(index, 12)
        return dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))
    return date + dt.timedelta(days=count * (7 if unit == "week" else 1))


def test_dates_match_the_rules_across_a_leap_year(served, context_for):
    site = served(DISTRICTS[0])
    context, _ = context_for(site)
    page = context.new_page()
    path = timeline_pages(site)[0]
    page.goto(site.url(path))
    timeline = steps(site, path)
    # The month ends of 2028 (a leap year) and the first of each month, around the new years.
    days = [dt.date(year, month, day) for year, months in ((2027, [12]), (2028, range(1, 13)), (2029, [1]))
            for month in months for day in (1, 28, 29, 30, 31)
            if day <= calendar.monthrange(year, month)[1]]
    assert len(days) > 60
    for day in days:
        pick(page, day.isoformat())
        expected = {ident: on_a_school_day(reference(day, due, (9, 1)), due) for ident, due in timeline}
        assert shown_dates(page) == expected, day


def download_plan(page, date: str) -> bytes:
    pick(page, date)
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile(r"\.ics")).click()
    assert info.value.suggested_filename.endswith(f"-{date}.ics")
    return open(info.value.path(), "rb").read()


@pytest.mark.parametrize("district", DISTRICTS)
def test_the_ics_file_holds_the_plan(served, context_for, district):
    import icalendar

    site = served(district)
    context, _ = context_for(site, accept_downloads=True)
    page = context.new_page()
    path = timeline_pages(site)[0]
    page.goto(site.url(path))
    raw = download_plan(page, "2025-03-31")

    # RFC 5545's form: CRLF line ends only, no line over 75 octets.
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")

    plan = icalendar.Calendar.from_ical(raw)
    events = plan.walk("VEVENT")
    title = re.search(r'data-activity-title="([^"]+)"', site.html(path)).group(1)
    timeline = steps(site, path)
    assert len(events) == len(timeline) + 1  # each step, and the activity itself
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    found = {}
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and end - start == dt.timedelta(days=1)  # all-day
        assert event.decoded("DTSTAMP").tzinfo is not None
        assert str(event["SUMMARY"]).startswith(title)
        found[str(event["UID"]).split(".")[0]] = start.isoformat()
    expected = {ident: on_a_school_day(EXPECTED["2025-03-31"][due], due) for ident, due in timeline}
    activity = re.search(r'data-guide-planner [^>]*data-activity="([^"]+)"', site.html(path)).group(1)
    assert found == {**expected, activity: "2025-03-31"}
    # Descriptions keep the step's words, commas and all, once unescaped.
    step_id, _ = timeline[1]
    text = " ".join(page.locator(f"li#{step_id}").inner_text().split())
    event = next(e for e in events if str(e["UID"]).startswith(step_id + "."))
    assert str(event["DESCRIPTION"]) in text


def test_the_plan_is_remembered_and_forgotten(served, context_for):
    site = served(DISTRICTS[0])
    context, _ = context_for(site)
    page = context.new_page()
    path = timeline_pages(site)[0]
    page.goto(site.url(path))
    pick(page, "2025-03-31")
    page.reload()
    assert page.locator("form.guide-planner input[type=date]").input_value() == "2025-03-31"
    assert "2025-01-31" in shown_dates(page).values()
    pick(page, "")
    page.reload()
    assert set(shown_dates(page).values()) == {None}


def test_the_school_year_start_comes_from_the_district(project_copy, tmp_path, context_for, chromium):
    profile = project_copy / "data" / "districts" / "nyc.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\nschool_year_start: September 8\n"
                       "closed_days: [2024-09-09, 2025-12-22 to 2026-01-02]\n", encoding="utf-8")
    build = run_build(tmp_path / "site", "nyc", project=project_copy, extra_env={"GUIDE_LANGUAGE": "default"})
    assert build.returncode == 0, build.output
    with serving("nyc", build.site) as site:
        context, _ = context_for(site)
        page = context.new_page()
        path = timeline_pages(site)[0]
        page.goto(site.url(path))
        school = [ident for ident, due in steps(site, path) if due == "start of school year"]
        assert school
        # 2024-09-08 is a Sunday and the 9th a closed day: the school year starts on the 10th.
        for date, start in (("2025-09-07", "2024-09-10"), ("2025-09-08", "2025-09-08"),
                            ("2026-03-31", "2025-09-08")):
            pick(page, date)
            assert {shown_dates(page)[ident] for ident in school} == {start}, date
        # Steps the rules put in the winter break move out of it.
        closed = frozenset([dt.date(2024, 9, 9)] + [dt.date(2025, 12, 22) + dt.timedelta(days=n) for n in range(12)])
        event = dt.date(2026, 1, 14)
        pick(page, event.isoformat())
        rules = steps(site, path)
        assert any(reference(event, due, (9, 8)) in closed for _, due in rules)
        assert shown_dates(page) == {ident: on_a_school_day(reference(event, due, (9, 8)), due, closed)
                                     for ident, due in rules}


def test_without_javascript_the_timeline_is_plain(served, context_for):
    site = served(DISTRICTS[0])
    context, _ = context_for(site, java_script_enabled=False)
    page = context.new_page()
    path = timeline_pages(site)[0]
    page.goto(site.url(path))
    assert page.locator("form.guide-planner").is_hidden()
    assert page.locator("time.guide-planner-due").count() == 0
    for ident, _ in steps(site, path):
        assert page.locator(f"li#{ident}").is_visible()
