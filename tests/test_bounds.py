"""Bounds on what data may ask for (issue #20, macros/base/bounds.py): includes, numbers, and
guide links in every field that takes them.

Each case is a small tree made from fixtures/valid/, checked in process the way `wbl-guide
check` does; the verdict is a located message (file:line:column: key: message), never a
traceback, and it comes quickly. The trees that pass are rendered, and one is built with
`mkdocs build` to show a checked link resolving in the HTML."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from conftest import run_build
from hostile import add_project
from wbl_guide.base.bounds import MAX_COPIES
from wbl_guide.data.project import load_project
from wbl_guide.rendering.site import assemble
from test_invalid_fixtures import check_tree

VALID = Path(__file__).parent / "fixtures" / "valid"
ACTIVITY = "data/activities/site-visit.yml"
ALPHA = "data/districts/alpha.yml"


def tree(tmp_path: Path, **edits: str) -> Path:
    """fixtures/valid/ with text added to the end of some files, by key: activity, alpha, beta."""
    root = tmp_path / "tree"
    shutil.copytree(VALID, root)
    files = {"activity": ACTIVITY, "alpha": ALPHA, "beta": "data/districts/beta.yml"}
    for name, text in edits.items():
        path = root / files[name]
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return root


def replaced(tmp_path: Path, old: str, new: str) -> Path:
    """fixtures/valid/ with one piece of the activity's text replaced."""
    root = tree(tmp_path)
    path = root / ACTIVITY
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return root


def verdict(root: Path, district: str | None = None, seconds: float = 5.0) -> str:
    """What the check says, timed: no case may take long, whatever the data asks for."""
    start = time.process_time()
    message = check_tree(root, district)  # a traceback fails the test here
    elapsed = time.process_time() - start
    assert elapsed < seconds, f"the check took {elapsed:.1f} s"
    return message


def only_problem(message: str) -> str:
    assert message.startswith("1 problem in the guide data:\n"), message
    return message.split("\n", 1)[1].strip()


def handouts(*entries: str) -> str:
    return "handouts:\n" + "".join(f"  - {entry}\n" for entry in entries)


# --- includes ----------------------------------------------------------------------------

def test_the_same_id_twice_in_an_include_list_is_refused(tmp_path):
    root = tree(tmp_path, activity=handouts("{id: sheet, title: Sheet, include: [before, checklist, before]}"))
    assert only_problem(verdict(root)) == (
        "data/activities/site-visit.yml:41:60: handouts[0].include[2]: 'before' is included twice (also at "
        "include[0])\n      Include each one once.")


def test_a_collection_naming_a_handout_twice_is_refused(tmp_path):
    root = replaced(tmp_path, "timeline:\n", "downloads:\n  title: Downloads\n  bundles:\n"
                    "    - {id: all, title: All, include: [sheet, checklist, sheet]}\ntimeline:\n")
    root.joinpath(ACTIVITY).write_text(root.joinpath(ACTIVITY).read_text() + handouts(
        "{id: sheet, title: Sheet, include: [before]}"))
    assert only_problem(verdict(root)) == (
        "data/activities/site-visit.yml:36:57: downloads.bundles[0].include[2]: 'sheet' is included twice "
        "(also at include[0])\n      Include each one once.")


def test_a_handout_including_the_checklist_six_thousand_times_is_refused_at_once(tmp_path):
    root = tree(tmp_path, activity=handouts("{id: sheet, title: Sheet, include: [%s]}" % ", ".join(
        ["checklist"] * 6000)))
    assert only_problem(verdict(root, seconds=2)) == (
        "data/activities/site-visit.yml:41:40: handouts[0].include: expected at most 20 includes in a handout "
        "(one printed sheet), received 6,000\n"
        "      Include a whole section or part instead of its items, or make a second handout.")


def test_thousands_of_handouts_are_refused(tmp_path):
    root = tree(tmp_path, activity=handouts(*[f"{{id: sheet-{n}, title: Sheet, include: [checklist]}}"
                                              for n in range(2000)]))
    assert only_problem(verdict(root, seconds=3)) == (
        "data/activities/site-visit.yml:41:3: handouts: expected at most 40 handouts in an activity, received "
        "2,000\n      Gather related sheets into one handout.")


def test_a_collection_of_too_many_pages_and_too_many_collections_are_refused(tmp_path):
    sheets = [f"{{id: sheet-{n}, title: Sheet {n}}}" for n in range(41)]
    bundles = "".join(f"    - {{id: all-{n}, title: All, include: [overview]}}\n" for n in range(13))
    root = replaced(tmp_path, "timeline:\n", "downloads:\n  title: Downloads\n  bundles:\n"
                    "    - {id: big, title: Big, include: [%s]}\n" % ", ".join(f"sheet-{n}" for n in range(41))
                    + bundles + "timeline:\n")
    root.joinpath(ACTIVITY).write_text(root.joinpath(ACTIVITY).read_text() + handouts(*sheets))
    message = verdict(root)
    assert "downloads.bundles: expected at most 12 collections in an activity, received 14" in message
    assert "downloads.bundles[0].include: expected at most 40 includes in a collection, received 41" in message
    assert "handouts: expected at most 40 handouts in an activity, received 41" in message


def test_a_handout_holding_more_than_a_sheet_is_refused(tmp_path):
    items = "".join(f"        - id: step-{n}\n          text: Call the host again to confirm the date, item {n}.\n"
                    for n in range(200))
    root = replaced(tmp_path, "      items:\n        - id: confirm\n", "      items:\n" + items + "        - id: confirm\n")
    root.joinpath(ACTIVITY).write_text(root.joinpath(ACTIVITY).read_text() + handouts(
        "{id: sheet, title: Sheet, include: [before]}", "{id: small, title: Small, include: [after]}"))
    assert only_problem(verdict(root)) == (
        "data/activities/site-visit.yml:441:40: handouts[0].include: the handout holds 11,456 characters of "
        "text; a printed sheet holds at most 8,000\n"
        "      Include a part or some items rather than a whole section, or make a second handout.")


def copies_tree(tmp_path: Path, handout_count: int) -> Path:
    return tree(tmp_path, activity=handouts(*[f"{{id: sheet-{n}, title: Sheet, include: [checklist]}}"
                                              for n in range(handout_count)]))


def test_no_text_is_printed_more_than_the_limit(tmp_path):
    # The checklist's page, plus one handout each: MAX_COPIES copies are allowed, one more is not.
    assert verdict(copies_tree(tmp_path / "at-limit", MAX_COPIES - 1)) == "no problem found"
    assert only_problem(verdict(copies_tree(tmp_path / "over", MAX_COPIES))) == (
        "data/activities/site-visit.yml:48:43: handouts[7].include[0]: 'checklist' would be printed 9 times "
        "across the activity's pages, more than 8\n"
        "      Each handout and collection that includes a text (or a section or part around it) prints it "
        "again: include it in fewer of them.")


def test_copies_through_collections_and_nested_parts_are_counted(tmp_path):
    # One handout of the part 'before' and of its item 'confirm', gathered by six collections:
    # 'confirm' is on its page, twice on the handout and twice in each collection: 15 copies.
    bundles = "".join(f"    - {{id: set-{n}, title: Set, include: [sheet]}}\n" for n in range(6))
    root = replaced(tmp_path, "timeline:\n", "downloads:\n  title: Downloads\n  bundles:\n" + bundles + "timeline:\n")
    root.joinpath(ACTIVITY).write_text(root.joinpath(ACTIVITY).read_text() + handouts(
        "{id: sheet, title: Sheet, include: [before, confirm]}"))
    assert only_problem(verdict(root)).startswith(
        "data/activities/site-visit.yml:39:41: downloads.bundles[3].include[0]: 'confirm' would be printed "
        "15 times across the activity's pages, more than 8")


def test_what_is_accepted_is_printed_at_most_the_limit_times(tmp_path):
    """The bound holds on the rendered site: the checklist's item is on MAX_COPIES pages
    (and once more in the My plans page's outline of every checklist, for its printouts)."""
    root = copies_tree(tmp_path, MAX_COPIES - 1)
    site = assemble(load_project(root), "alpha")
    counts = {path: page.markdown.count("Confirm the date with the host") for path, page in site.pages.items()}
    assert counts.pop("plans.md") == 1
    assert sum(counts.values()) == MAX_COPIES


# --- numbers -----------------------------------------------------------------------------

TIMELINE_DUE = "      due: 1 month before\n"


@pytest.mark.parametrize("due,message", [
    ("1" * 5000 + " days before", "expected at most 1095 days before the activity, received a number 5,000 "
                                  "digits long"),
    ("400 months before", "expected at most 36 months before the activity, received 400"),
    ("157 weeks after", "expected at most 156 weeks after the activity, received 157"),
    ("1096 days after", "expected at most 1095 days after the activity, received 1096"),
    ("-3 days before", "expected 'start of school year', 'on the day', or a number of days, weeks or months "
                       "'before' or 'after' (e.g. '2 months before'), received '-3 days before'"),
    ("١٢ days before", "expected 'start of school year', 'on the day', or a number of days, weeks or months "
                       "'before' or 'after' (e.g. '2 months before'), received '١٢ days before'"),
])
def test_a_due_count_past_its_bound_is_refused(tmp_path, due, message):
    root = replaced(tmp_path, TIMELINE_DUE, f"      due: {due}\n")
    assert only_problem(verdict(root)) == f"data/activities/site-visit.yml:38:12: timeline.steps[0].due: {message}"


@pytest.mark.parametrize("due", ["36 months before", "156 weeks after", "1095 days before", "0 days after",
                                 "twelve months before"])
def test_due_counts_up_to_their_bound_are_planned(tmp_path, due):
    root = replaced(tmp_path, TIMELINE_DUE, f"      due: {due}\n")
    assert verdict(root) == "no problem found"


@pytest.mark.parametrize("value,received", [
    (".nan", "'.nan'"), (".inf", "'.inf'"), ("-.inf", "'-.inf'"), ("1e309", "'1e309'"), ("2.0", "'2.0'"),
    ("-1", "'-1'"), ("13", "13"), ("true", "'true'"), ("0x0c", "'0x0c'"), ("9" * 5000, "a number 5,000 digits long"),
    ("'  '", "nothing"),
])
def test_writing_lines_must_be_a_whole_number_within_bounds(tmp_path, value, received):
    root = tree(tmp_path, activity=handouts(f"{{id: sheet, title: Sheet, include: [before], writing_lines: {value}}}"))
    assert only_problem(verdict(root)) == (
        f"data/activities/site-visit.yml:41:65: handouts[0].writing_lines: expected a whole number from 0 to "
        f"12, received {received}")


@pytest.mark.parametrize("value,received", [("17", "17"), (".NaN", "'.NaN'"), ("1.5", "'1.5'"), ("[3]", "a list")])
def test_empty_rows_must_be_a_whole_number_within_bounds(tmp_path, value, received):
    root = tree(tmp_path, activity=handouts("id: sheet\n    title: Sheet\n    table:\n      id: log\n"
                                            f"      columns: [Date, Hours]\n      empty_rows: {value}"))
    assert only_problem(verdict(root)) == (
        f"data/activities/site-visit.yml:46:19: handouts[0].table.empty_rows: expected a whole number from 0 to "
        f"16, received {received}")


def test_whole_numbers_at_their_bounds_are_accepted(tmp_path):
    root = tree(tmp_path, activity=handouts("id: sheet\n    title: Sheet\n    writing_lines: 12\n    table:\n"
                                            "      id: log\n      columns: [Date, Hours]\n      empty_rows: 16"))
    assert verdict(root) == "no problem found"


@pytest.mark.parametrize("value,message", [
    ("September 99", "expected a month and day such as 'September 8', received 'September 99'"),
    ("February 30", "expected a day of February from 1 to 28, received 'February 30'"),
    ("April 31", "expected a day of April from 1 to 30, received 'April 31'"),
    ("September " + "1" * 5000, "expected a month and day such as 'September 8', received 'September "
                                "111111111111111111111111111...'"),
])
def test_a_school_year_start_that_is_no_day_is_refused(tmp_path, value, message):
    root = tree(tmp_path, alpha=f"school_year_start: {value}\n")
    assert only_problem(verdict(root, "alpha")) == f"data/districts/alpha.yml:10:20: school_year_start: {message}"


def test_thousands_of_district_resources_are_refused(tmp_path):
    """Each is listed on every activity's resources page: their number is bounded."""
    root = tree(tmp_path, alpha="resources:\n" + "".join(
        f"  - {{id: r{n}, title: Resource, url: 'https://example.org/{n}'}}\n" for n in range(1000)))
    assert only_problem(verdict(root, "alpha")) == (
        "data/districts/alpha.yml:11:3: resources: expected at most 60 resources in a district, received 1,000\n"
        "      Every activity's resources page lists them all: keep the ones its readers need.")


# --- guide links in every field that takes them ---------------------------------------------

@pytest.mark.parametrize("text,where,message", [
    ("coordinator_note: See [the list](/site-visit/checklists/).\n", "10:34: coordinator_note",
     "no page of this guide at '/site-visit/checklists/'\n      Did you mean '/site-visit/checklist/'?"),
    ("coordinator_note: See [the step](/site-visit/checklist/#confirn).\n", "10:34: coordinator_note",
     "no item with id 'confirn' on '/site-visit/checklist/'\n      Did you mean 'confirm'?"),
    ("stages:\n  awareness:\n    text: Start [here](/site-visit/timline/).\n", "12:24: stages.awareness.text",
     "no page of this guide at '/site-visit/timline/'\n      Did you mean '/site-visit/timeline/'?"),
    ("activities:\n  site-visit:\n    credit: Counts [this way](/site-visit/#purpse).\n",
     "12:31: activities.site-visit.credit", "no item with id 'purpse' on '/site-visit/'\n      Did you mean 'purpose'?"),
    ("activities:\n  site-visit:\n    documents:\n      - {id: form, name: Form, url: /site-visit/forms/}\n",
     "13:37: activities.site-visit.documents[0].url", "no page of this guide at '/site-visit/forms/'\n"
     "      Did you mean '/site-visit/'?"),
    ("resources:\n  - {id: local, title: Local, url: /site-visits/}\n", "11:36: resources[0].url",
     "no page of this guide at '/site-visits/'\n      Did you mean '/site-visit/'?"),
    ("resources:\n  - {id: local, title: Local, url: 'https://example.org/', text: 'Or [ours](/activites/)'}\n",
     "11:77: resources[0].text", "no page of this guide at '/activites/'\n      Did you mean '/activities/'?"),
    ("overrides:\n  site-visit:\n    purpose: See [the tour](/site-visit/tour/).\n",
     "12:29: overrides.site-visit.purpose", "no page of this guide at '/site-visit/tour/'\n"
     "      Did you mean '/site-visit/'?"),
    ("notes:\n  site-visit:\n    confirm: Ask [first](/#contact).\n", "12:26: notes.site-visit.confirm",
     "no item with id 'contact' on '/'\n      Did you mean 'contacts'?"),
])
def test_a_district_link_to_a_missing_page_or_item_is_refused(tmp_path, text, where, message):
    root = tree(tmp_path, alpha=text)
    assert only_problem(verdict(root, "alpha")) == f"data/districts/alpha.yml:{where}: {message}"


def test_a_link_in_another_language_of_the_profile_is_checked(tmp_path):
    root = tree(tmp_path, alpha="languages: [en, es]\ntranslations:\n  es:\n    terms:\n      learner: estudiante\n"
                "      coordinator: coordinador\n      platforms: [Zoom]\n"
                "    coordinator_note: Vea [la lista](/site-visit/checklist/#antes).\n")
    message = verdict(root, "alpha")
    assert ("data/districts/alpha.yml:17:38: translations.es.coordinator_note: no item with id 'antes' on "
            "'/site-visit/checklist/'") in message


def test_an_activity_link_url_to_a_missing_page_is_refused(tmp_path):
    root = replaced(tmp_path, "      items:\n        - id: purpose\n",
                    "      links:\n        - {id: more, title: More, url: /site-visit/timeline/#month-befor}\n"
                    "      items:\n        - id: purpose\n")
    assert only_problem(verdict(root)) == (
        "data/activities/site-visit.yml:14:40: overview.parts[0].links[0].url: no item with id 'month-befor' on "
        "'/site-visit/timeline/'\n      Did you mean 'month-before'?")


def test_thousands_of_links_are_checked_in_linear_time(tmp_path):
    """Each text's links are checked against pages and anchors listed once, not per link."""
    items = "".join(f"        - id: item-{n}\n          text: See [it](/site-visit/#item-{n}).\n" for n in range(3000))
    root = replaced(tmp_path, "      items:\n        - id: purpose\n          text: See real work.\n",
                    "      items:\n        - id: purpose\n          text: See real work.\n" + items)
    assert verdict(root, seconds=10) == "no problem found"


def test_thousands_of_broken_links_are_all_reported_quickly(tmp_path):
    """Every broken link is reported; did-you-mean hints stop at a budget, so the cost of
    comparing each with every id does not grow with the square of the file."""
    items = "".join(f"        - id: item-{n}\n          text: See [it](/site-visit/#iten-{n}).\n" for n in range(3000))
    root = replaced(tmp_path, "      items:\n        - id: purpose\n",
                    "      items:\n" + items + "        - id: purpose\n")
    message = verdict(root, seconds=10)
    assert message.startswith("3000 problems in the guide data:")
    # The message shows the first hundred (errors.SHOWN) and counts the rest.
    assert len(re.findall(r"no item with id 'iten-\d+' on '/site-visit/'", message)) == 100
    assert message.endswith("... and 2900 more: fix these first, then check again")
    assert 0 < message.count("Did you mean") <= 100


# --- a checked link, built ----------------------------------------------------------------

def test_a_hidden_page_link_keeps_its_words(tmp_path):
    """A link to a page the district hides is not refused: it is shown as its words."""
    root = tree(tmp_path, beta="coordinator_note: Plan with [the timeline](/site-visit/timeline/).\n")
    beta = root / "data/districts/beta.yml"
    beta.write_text(beta.read_text().replace("site-visit: [purpose]", "site-visit: [purpose, timeline]"))
    assert verdict(root, "beta") == "no problem found"
    checklist = assemble(load_project(root), "beta").page("site-visit/checklist.md").markdown
    assert "[^coordinator-note]: Plan with the timeline\\.\n" in checklist
    assert "timeline.md" not in checklist


@pytest.fixture(scope="module")
def linked_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("bounds-build")
    root = tree(base, alpha="coordinator_note: Start with [the first step](/site-visit/timeline/#month-before) "
                "and [this item](/site-visit/checklist/#confirm).\n")
    add_project(root)
    build = run_build(base / "site", "alpha", project=root)
    assert build.returncode == 0, build.output[-3000:]
    return build


def test_a_valid_coordinator_note_link_resolves_in_the_built_html(linked_build):
    page = linked_build.html("site-visit/checklist/")
    hrefs = re.findall(r'<a href="([^"]+)"[^>]*>(?:the first step|this item)</a>', page)
    assert hrefs and set(hrefs) == {"../timeline/#month-before", "./#confirm"}, hrefs
    assert 'id="month-before"' in linked_build.html("site-visit/timeline/")
    assert 'id="confirm"' in page
