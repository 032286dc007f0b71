"""The shape of the guide's data files, as pydantic models.

These models are the schema: validation uses them, and schema/*.schema.json is exported
from them for editors. They check one file at a time; rules that span files (placeholders,
ids that overrides point at) live in validate.py. Unknown keys are errors.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from ..base.bounds import due_count_problem, whole_number
from ..text.text_kinds import ID_PATTERN, TOKEN, Email, FileName, Id, Plain, Prose, Url, token  # noqa: F401  (ID_PATTERN: for callers)

DUE_PATTERN = (r"^(?:start of school year|on the day|"
               r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) "
               r"(?:day|week|month)s? (?:before|after))$")
NUMBER_WORDS = {word: number for number, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


class Model(BaseModel):
    # Scalars arrive as text (see loader.py); lax mode turns "true" into True where a flag
    # is expected, and nothing else is coerced.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)




def _check_due(value: str) -> str:
    too_far = due_count_problem(value)  # before the pattern: it names the count's bound
    if too_far:
        raise ValueError(too_far)
    if not re.match(DUE_PATTERN, value, re.ASCII):
        shown = value if len(value) <= 60 else value[:57] + "..."
        raise ValueError("expected 'start of school year', 'on the day', or a number of "
                         f"days, weeks or months 'before' or 'after' (e.g. '2 months before'), received '{shown}'")
    return value


Due = Annotated[str, TOKEN, AfterValidator(_check_due), Field(
    json_schema_extra={"pattern": DUE_PATTERN},
    description="When the step falls, relative to the activity date: e.g. '2 months before', "
                "'1 day after', 'on the day' or 'start of school year'.")]


class Paragraph(Model):
    """A paragraph, list item, checklist step, tip or prompt: anything that is one text."""

    id: Id
    text: Prose
    fallback: Prose | None = Field(None, description=(
        "Wording for districts that leave out an optional term this text uses "
        "(for example ${data_system})."))
    note: Prose | None = Field(None, description="A note shown in a box after the text.")


class Link(Model):
    id: Id
    title: Plain
    url: Url
    text: Prose | None = None


class Part(Model):
    """A titled part of a section: paragraphs, a list of items, links, and sub-parts."""

    id: Id
    title: Plain | None = None
    paragraphs: list[Paragraph] = []
    items: list[Paragraph] = []
    links: list[Link] = []
    parts: list[Part] = []
    note: Prose | None = Field(None, description="A note shown in a box at the end of the part.")
    tick_boxes: bool = Field(False, description=(
        "Show this part's items as boxes to check (on a handout: a choice such as yes / no)."))


class Section(Model):
    """One page of an activity."""

    title: Plain
    nav_title: Plain | None = Field(None, description="A shorter title for the navigation.")
    intro: list[Paragraph] = []
    parts: list[Part] = []
    note: Prose | None = Field(None, description="A note shown in a box at the end of the page.")


class TimelineStep(Model):
    id: Id
    when: Plain = Field(description="The label readers see, e.g. 'Two months in advance'.")
    due: Due
    text: Prose
    fallback: Prose | None = None
    note: Prose | None = None


class Timeline(Section):
    steps: list[TimelineStep] = Field(min_length=1)
    date_label: Plain | None = Field(None, description=(
        "What the timeline planner calls the date it plans from, e.g. 'Interview date' "
        "(default: the `planner_date` label)."))


class FillIn(Model):
    """A labeled line to write on, at the end of a handout."""

    id: Id
    label: Plain


class Table(Model):
    """A table to fill in: an hours log, a schedule grid of rooms and times."""

    id: Id
    title: Plain | None = None
    columns: list[Plain] = Field(min_length=2, max_length=7, description="The column headings.")
    rows: list[Plain] = Field([], max_length=16, description=(
        "Labels written in the first column, one per row (times, rooms...)."))
    empty_rows: whole_number(0, 16, "Blank rows to write in, after the labeled ones.") = 0


class Criterion(Model):
    id: Id
    text: Plain


class Rubric(Model):
    """A scoring rubric: criteria by levels, with space for comments."""

    id: Id
    title: Plain | None = None
    levels: list[Plain] = Field(min_length=2, max_length=5, description="The levels, lowest first.")
    criteria: list[Criterion] = Field(min_length=1, max_length=10)
    comments: bool = Field(True, description="Lines for comments under the rubric.")


class Signature(Model):
    """A line to sign and a line for the date, for one signer."""

    id: Id
    label: Plain = Field(description="Who signs, e.g. 'Workplace supervisor'.")


class Consent(Model):
    """Where a consent or release form's legal wording goes. The guide never writes legal
    text: the district's profile gives it under `legal:`, by this key. A form whose wording
    the profile does not give is not published (resolve.py): the downloads page says the
    district uses its own."""

    id: Id
    wording: Id = Field(description="The key of the district's wording under `legal:` in its profile.")


class Handout(Model):
    """A one-page sheet to print and hand out: a page of the site and a PDF."""

    id: Id
    title: Plain
    nav_title: Plain | None = None
    audience: Plain | None = Field(None, description="Who the sheet is for, shown under the title.")
    intro: list[Paragraph] = []
    include: list[Id] = Field([], description=(
        "Ids of sections or parts of this activity to reproduce, in order, before the "
        "handout's own parts (e.g. [checklist] or [steps-to-success])."))
    parts: list[Part] = []
    tick_boxes: bool = Field(False, description="Show list items as boxes to check.")
    writing_lines: whole_number(0, 12, "Ruled lines after each list item, to write answers on.") = 0
    fill_in: list[FillIn] = Field([], description="Labeled lines at the end (name, date, permission...).")
    table: Table | None = None
    rubric: Rubric | None = None
    consent: Consent | None = None
    signatures: list[Signature] = Field([], max_length=5, description="Signature and date lines, one per signer.")


class Bundle(Model):
    """A download that gathers several pages: the complete guide or a set of handouts."""

    id: Id
    title: Plain
    text: Prose | None = None
    complete: bool = Field(False, description="True for the complete activity guide (every section).")
    include: list[Annotated[str, TOKEN, Field(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")]] = Field(
        [], description="Handout ids (or section keys), e.g. [checklist-sheet].")


class Downloads(Model):
    title: Plain
    nav_title: Plain | None = None
    intro: list[Paragraph] = []
    bundles: list[Bundle] = Field([], description=(
        "Collections of pages to download; the page also lists every handout."))


class KeptDocument(Model):
    """One of the activity's own forms that, filled in, shows the activity took place: listed
    under "Documents to keep" (the `documents_to_keep` label) with a link to its handout."""

    id: Id
    handout: Id = Field(description="The id of the activity's handout that is the form, e.g. hours-sign-off.")
    shows: Prose = Field(description=(
        "What the filled-in form shows, in one sentence, e.g. 'who took part and that the host "
        "signed them in'."))


# Section keys in the order their pages appear. The overview is the activity's first page.
SECTION_KEYS = ("overview", "checklist", "timeline", "tips", "distance", "virtual_hybrid",
                "resources", "preparation", "reflection", "downloads")


TermKind = token(r"^(word|phrase|list)$")


class Activity(Model):
    """One activity of the work-based learning continuum: data/activities/<id>.yml."""

    id: Id = Field(description="Must match the file name (without .yml).")
    title: Plain
    title_plural: Plain
    stage: Id = Field(description=(
        "Where the activity sits in the work-based learning continuum: the id of one of the "
        "stages in data/guide.yml (awareness, exploration, preparation, training)."))
    summary: Prose = Field(description="One or two sentences for the list of activities.")
    overview: Section
    checklist: Section | None = None
    timeline: Timeline | None = None
    tips: Section | None = None
    distance: Section | None = None
    virtual_hybrid: Section | None = None
    resources: Section | None = None
    preparation: Section | None = None
    reflection: Section | None = None
    downloads: Downloads | None = None
    handouts: list[Handout] = []
    documents: list[KeptDocument] = Field([], max_length=16, description=(
        "The activity's own forms to keep once filled in, as proof it took place: each names "
        "a handout of this activity and says what the form shows."))
    remote_variants: list[Id] = Field([], max_length=64, description=(
        "Ids of the items, parts and handouts that describe doing the activity remotely or "
        "virtually. A district whose profile says the activity has no virtual form "
        "(`activities: {<id>: {virtual_form: false}}`) leaves them out, with the remote "
        "options pages (distance, virtual_hybrid)."))

    def sections(self) -> list[tuple[str, Section | Downloads]]:
        """(key, section) for every section present, in page order."""
        return [(key, getattr(self, key)) for key in SECTION_KEYS if getattr(self, key) is not None]


class TermEntry(Model):
    """data/terms.yml: one placeholder shared text may use."""

    kind: TermKind = "word"
    optional: bool = False
    description: Plain
    example: Annotated[str, TOKEN] = ""  # documentation for the scaffold, never published
    variants: dict[str, Plain] = {}
    shared_words: list[Annotated[str, TOKEN]] = Field([], description=(
        "District values that are also ordinary words of the shared text (e.g. 'virtual'); "
        "the terminology lint does not report them."))


class Home(Model):
    intro: list[Paragraph] = Field(min_length=1)


class Labels(Model):
    """Words of the site's furniture, looked up by key like Material's t(): a district's
    `labels` win over data/guide.yml's, which win over these defaults."""

    home: Plain = "Home"
    activities: Plain = "Activities"
    contacts: Plain = "Contacts"
    local_resources: Plain = "Local resources"
    handouts: Plain = "Handouts"
    open_for_printing: Plain = "Open for printing"
    download_pdf: Plain = "Download the PDF"
    pdf_pages: Plain = "pages"
    pdf_page: Plain = "page"
    contents: Plain = "Contents"
    audience: Plain = "For"
    note: Plain = "Note"
    untranslated: Plain = Field("Part of this page is not translated yet and is shown in English.", description=(
        "Shown under the title of a page or handout of a translated edition that still shows "
        "some English (a text not translated yet, or whose English changed since), and on My "
        "plans and a printed plan that show such a text."))
    unreviewed: Plain = Field(
        "This translation has not been reviewed by anyone at the district yet. Where something is unclear, "
        "the English edition is the reference.", description=(
            "Shown at the top of a translated edition's home page while a file of its translation "
            "(data/translations/<language>/) says `reviewed: false`."))
    checklist_progress: Plain = Field("{done} of {total} done", description=(
        "The checklist's progress line; {done} and {total} are filled in by the page."))
    checklist_reset: Plain = "Clear all check marks"
    checklist_reset_confirm: Plain = Field("Clear every check mark on this checklist?", description=(
        "No longer shown: clearing is undone with Undo (`checklist_cleared`) instead of a question."))
    checklist_cleared: Plain = Field("Cleared {count} check marks.", description=(
        "After \"Clear all check marks\", beside its Undo; {count} is how many were cleared."))
    checklist_restored: Plain = Field("Brought back {count} check marks.", description=(
        "After Undo of \"Clear all check marks\"; {count} is how many came back."))
    planner_title: Plain = "Plan your dates"
    planner_date: Plain = "Date of the activity"
    planner_download: Plain = "Download the plan as a calendar file (.ics)"
    # Plans (assets/javascripts/plans.js, plan-bar.js, my-plans.js): {placeholders} are
    # filled in by the page.
    plans_title: Plain = "Your plans for this activity"
    plan_choose: Plain = "Plan"
    plan_first: Plain = Field("My plan", description="The name of a plan started by a first check mark or date.")
    plan_intro: Plain = Field(
        "Your check marks and dates are kept in a plan, in this browser only. Choose “{new}” to name it "
        "now, or just start: your first check mark or date starts “{first}”, which you can name later.",
        description=("Above the plan chooser while an activity has no plan yet; {new} is `plan_new`, "
                     "{first} is `plan_first`."))
    plan_started: Plain = Field(
        "Your first check mark started the plan “{name}”, kept in this browser. Name it to tell your "
        "events apart.", description="Under the first item checked on a page with no plan yet.")
    plan_name_it: Plain = Field("Name this plan", description=(
        "The button under the first check mark, and the title of the form that names the plan it started."))
    plan_new: Plain = "New plan"
    plan_rename: Plain = "Rename or change the date"
    plan_delete: Plain = "Delete this plan"
    plan_name: Plain = "Name of the plan"
    plan_name_hint: Plain = "For example: Grade 11 at the hospital"
    plan_save: Plain = "Save the plan"
    plan_cancel: Plain = "Cancel"
    plan_created: Plain = "Started the plan “{name}”."
    plan_saved: Plain = "Saved the plan “{name}”."
    plan_deleted: Plain = "Deleted the plan “{name}”."
    plan_undo: Plain = "Undo"
    plan_restored: Plain = "Brought back the plan “{name}”."
    plan_removed_items: Plain = Field("Checked in this plan but no longer in the guide: {items}", description=(
        "Check marks on checklist items the guide has since removed; {items} lists their ids."))
    save_failed: Plain = ("This browser did not save your change: its storage is full or turned off. "
                          "The change lasts while this page is open; export your plans to keep them.")
    step_note: Plain = "Notes"
    my_plans: Plain = "My plans"
    my_plans_intro: Plain = ("Every plan kept in this browser, the one with the soonest next step first. "
                             "Plans stay on this device: export them to a file to keep a copy or to "
                             "move them to another computer or browser.")
    my_plans_link: Plain = "All my plans"
    home_plans: Plain = Field(
        "Running several events? Each activity's checklist and timeline keep a plan for each event "
        "(its check marks, dates and notes) in this browser, and nowhere else.", description=(
            "On the home page, under the My plans heading, before the link to My plans."))
    plans_none: Plain = "No plans yet. Start one on an activity's checklist or timeline page."
    plans_see_activities: Plain = Field("Choose an activity", description=(
        "On My plans with no plan yet: the link to the activities page, after `plans_none`."))
    plans_export: Plain = "Export all plans (.json)"
    plans_import: Plain = "Import plans from a file (.json)"
    plans_imported: Plain = Field("Imported {added} new and {updated} updated plans; {unchanged} were already here.",
                                  description="After an import; {added}, {updated} and {unchanged} are counts.")
    import_damaged: Plain = "This file could not be read: it is damaged or incomplete. Nothing was changed."
    import_newer: Plain = Field(
        "This file comes from a newer version of the guide (plans file version {version}). "
        "Nothing was changed: import it into an up-to-date guide.", description="{version} is the file's.")
    import_not_plans: Plain = "This file is not a plans file of this guide. Nothing was changed."
    import_other_guide: Plain = Field("This file holds the plans of another guide ({guide}). Nothing was changed.",
                                      description="{guide} is the other guide's id.")
    import_too_big: Plain = Field(
        "This file is too large to be a plans file of this guide (more than {megabytes} MB or {plans} plans). "
        "Nothing was changed.", description="{megabytes} and {plans} are the largest a plans file may be.")
    plan_next: Plain = Field("Next: {step}, by {date}", description="{step} is the step's timing, {date} its date.")
    plan_no_date: Plain = "No date set yet"
    plan_all_past: Plain = "Every step's date has passed"
    plan_open_checklist: Plain = "Open the checklist"
    plan_open_timeline: Plain = "Open the timeline"
    plan_print: Plain = "Print this plan"
    plan_dates_heading: Plain = "Dates by step"
    plan_checklist_heading: Plain = "Checklist"
    plan_done: Plain = "done"
    plan_to_do: Plain = "to do"
    plan_step: Plain = "Step"
    plan_step_date: Plain = Field("Date", description="The heading of a printed plan's column of step dates.")
    plan_autosaved: Plain = Field("Saved", description=(
        "Said quietly beside a step's note or a plan's name once what is typed is kept."))
    plan_step_past: Plain = Field("This date has passed", description=(
        "Under a timeline step's date, once that day is over."))
    plan_overdue: Plain = Field("Steps whose date has passed: {count}", description=(
        "On My plans, for a plan with steps still ahead; {count} is the number of steps whose date is over."))
    criterion: Plain = "Criterion"
    comments: Plain = "Comments"
    date: Plain = "Date"
    credit: Plain = "Credit and hours"
    required_documents: Plain = "Required documents"
    kept_by: Plain = "kept by"
    kept_for: Plain = "for"
    logged_in: Plain = "Where it is logged"
    in_district: Plain = Field("In {district}", description="The heading of a district's own facts "
                               "on an activity's fact sheet; {district} is the district's name.")
    dark_mode: Plain = Field("Switch to dark mode", description="The color scheme toggle, in the light scheme.")
    light_mode: Plain = Field("Switch to light mode", description="The color scheme toggle, in the dark scheme.")
    documents_to_keep: Plain = Field("Documents to keep", description=(
        "The heading of an activity's own forms that show it took place, on its checklist."))
    own_form: Plain = Field("{district} uses its own form.", description=(
        "Listed with the handouts in place of a consent, release or agreement form the "
        "district's profile gives no `legal:` wording for: the guide does not publish it. "
        "{district} is the district's name."))


class Stage(Model):
    """A stage of the work-based learning continuum, in the order the guide lists them."""

    id: Id
    title: Plain
    text: Prose
    optional: bool = Field(False, description=(
        "Shown only to districts that include it (`stages: {training: {include: true}}`) "
        "or that run an activity of this stage."))


class ActivitiesPage(Model):
    title: Plain
    intro: list[Paragraph] = []
    stages: list[Stage] = Field(min_length=1, description="The continuum, from awareness to training.")


class Guide(Model):
    """data/guide.yml: text shared by every district's site outside the activities."""

    home: Home
    activities: ActivitiesPage
    labels: Labels = Labels()


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
HEX_COLOR = r"^#[0-9a-fA-F]{6}$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$"
Color = token(HEX_COLOR)
Language = token(LANGUAGE_PATTERN, "The language of the site and its PDFs: en, es, fr-CA, ar...")
Paper = token(r"^(letter|a4)$", "PDF paper size: letter or a4.")
DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # a start on February 29 would move


def _check_month_day(value: str) -> str:
    month, day = value.split()
    last = DAYS_IN_MONTH[MONTHS.index(month)]
    if int(day) > last:
        raise ValueError(f"expected a day of {month} from 1 to {last}, received '{value}'")
    return value


MonthDay = Annotated[token(r"^(" + "|".join(MONTHS) + r") ([1-9]|[12][0-9]|3[01])$"), AfterValidator(_check_month_day)]

CLOSED_DAYS_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?: to [0-9]{4}-[0-9]{2}-[0-9]{2})?$"
MAX_CLOSURE_DAYS = 366  # one closure: a break, at most a year (the planner's search for a school day ends)


def _check_closed_days(value: str) -> str:
    days = []
    for part in value.split(" to "):
        try:
            days.append(datetime.date.fromisoformat(part))
        except ValueError:
            raise ValueError(f"expected a real date, received '{part}'") from None
    if len(days) == 2 and days[1] < days[0]:
        raise ValueError(f"expected a range whose end is not before its start, received '{value}'")
    if len(days) == 2 and (days[1] - days[0]).days >= MAX_CLOSURE_DAYS:
        raise ValueError(f"expected a closure of at most {MAX_CLOSURE_DAYS} days, received '{value}'")
    return value


ClosedDays = Annotated[token(CLOSED_DAYS_PATTERN, "A day the schools are closed, e.g. '2026-11-26', or "
                             "a range of days, e.g. '2026-12-21 to 2027-01-01'."),
                       AfterValidator(_check_closed_days)]


class Colors(Model):
    """Brand colors. Checked for WCAG AA contrast before anything is built."""

    primary: Color = Field(description=(
        "Header and button color, e.g. '#1d4f91'. White text on it needs 4.5:1 contrast."))
    accent: Color | None = Field(None, description=(
        "Link and highlight color on white pages; needs 4.5:1 contrast with white."))


class Contact(Model):
    id: Id
    name: Plain
    role: Plain | None = None
    email: Email | None = None
    phone: Plain | None = None


class StageChange(Model):
    """A district's own name or words for a stage, or an optional stage it includes."""

    title: Plain | None = None
    text: Prose | None = None
    include: bool | None = Field(None, description="true shows an optional stage (e.g. Career Training).")


class RequiredDocument(Model):
    """A form a school must keep for an activity."""

    id: Id
    name: Plain
    url: Url | None = Field(None, description="Where the district's own form is.")
    kept_by: Plain | None = Field(None, description="Who keeps it, e.g. 'the school's WBL coordinator'.")
    kept_for: Plain | None = Field(None, description="For how long, e.g. 'five years'.")


class ActivityFacts(Model):
    """What differs in this district for one activity: shown on the activity's pages."""

    credit: Prose | None = Field(None, description="Its standing for credit or hours in this district.")
    virtual: Prose | None = Field(None, description="A short note on virtual options, on the activity's "
                                  "remote options page.")
    virtual_form: bool = Field(True, description=(
        "false: the activity has no virtual form in this district. Its remote options pages "
        "and every remote variant the activity names (its `remote_variants:`) are left out, "
        "so no page offers what the district says it does not do."))
    documents: list[RequiredDocument] = Field([], description="The documents a school must keep for it.")
    data_system: Plain | None = Field(None, description="Where the activity is logged, e.g. 'ELENA'.")


class ContactInLanguage(Model):
    name: Plain | None = None
    role: Plain | None = None


class DistrictInLanguage(Model):
    """What a district says in one of its other languages (`translations: {es: ...}`):
    its words for the terms, with that language's grammar, and its own texts. Whatever it
    leaves out is shown in English, marked as English."""

    name: Plain | None = None
    site_name: Plain | None = None
    terms: dict[str, Any] = Field(description="The district's words in this language, for each term.")
    coordinator_note: Prose | None = None
    contacts: dict[str, ContactInLanguage] = Field({}, description="By contact id: the role (or name) in this language.")
    notes: dict[str, dict[str, Prose]] = {}
    labels: dict[str, Plain] = {}
    legal: dict[str, Prose] = {}
    overrides: dict[str, dict[str, Any]] = {}
    stages: dict[str, StageChange] = {}
    activities: dict[str, ActivityFacts] = {}


class District(Model):
    """data/districts/<id>.yml: everything a district says differently."""

    name: Plain = Field(description="The district's or program's name, e.g. 'Earn & Learn'.")
    site_name: Plain = Field(description="Shown in the header, the browser tab and on PDF covers.")
    language: Language = "en"
    languages: list[Language] = Field([], description=(
        "Every language the guide is published in, the first being the default (e.g. [en, es]); "
        "the others are built at <site>/<code>/. Default: [language]."))
    translations: dict[str, DistrictInLanguage] = Field({}, description=(
        "By language code: the district's words and texts in that language."))
    paper: Paper = "letter"
    school_year_start: MonthDay = Field("September 1", description=(
        "When the school year begins, e.g. 'September 8'; the timeline planner uses it."))
    closed_days: list[ClosedDays] = Field([], description=(
        "Days the schools are closed (holidays, breaks), each a date or a range, e.g. "
        "['2026-11-26', '2026-12-21 to 2027-01-01']: the timeline planner moves a step off "
        "them, as off a weekend."))
    logo: FileName | None = None
    colors: Colors | None = None
    contacts: list[Contact] = Field([], description="People to ask, listed on the home page.")
    resources: list[Link] = Field([], description="Local resources, added to each activity's resources page.")
    notes: dict[str, dict[str, Prose]] = Field({}, description=(
        "Per activity, by id of a section, part or item: an extra note shown in a box after it."))
    labels: dict[str, Plain] = Field({}, description=(
        "The site's own words (see Labels in data/guide.yml), e.g. for another language."))
    terms: dict[str, Any] = Field(description="The district's word for each term in data/terms.yml.")
    legal: dict[str, Prose] = Field({}, description=(
        "The district's own legal wording for consent and release forms, by the key a "
        "handout's `consent:` names (e.g. media-release). The guide never invents it."))
    coordinator_note: Prose | None = Field(None, description=(
        "Who counts as a coordinator here; shown as a note on the checklist."))
    overrides: dict[str, dict[str, Any]] = Field({}, description=(
        "Per activity, by item id: new wording for that item (a text, or a mapping of "
        "field to text, e.g. {title: ...})."))
    stages: dict[str, StageChange] = Field({}, description=(
        "By stage id (awareness, exploration, preparation, training): a new title or text, "
        "or include: true for an optional stage."))
    activities: dict[str, ActivityFacts] = Field({}, description=(
        "By activity id: its standing for credit, a virtual-options note, required documents "
        "and where it is logged, shown on that activity's pages."))
    hide_activities: list[Id] = Field([], description=(
        "Activities this district does not run: their pages, links, navigation and downloads "
        "are left out."))
    hide: dict[str, list[Annotated[str, TOKEN, Field(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")]]] = Field({}, description="Per activity, ids of items or sections to leave out.")

    @model_validator(mode="before")
    @classmethod
    def _default_language(cls, data: Any) -> Any:
        # `languages: [es, en]` alone makes Spanish the default language.
        if isinstance(data, dict) and "language" not in data and isinstance(data.get("languages"), list) \
                and data["languages"] and isinstance(data["languages"][0], str):
            data = {**data, "language": data["languages"][0]}
        return data

    def editions(self) -> list[str]:
        """The languages the guide is published in, the default first."""
        return list(self.languages) or [self.language]
