"""The shape of the guide's data files, as pydantic models.

These models are the schema: validation uses them, and schema/*.schema.json is exported
from them for editors. They check one file at a time; rules that span files (placeholders,
ids that overrides point at) live in validate.py. Unknown keys are errors.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DUE_PATTERN = (r"^(?:start of school year|on the day|"
               r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) "
               r"(?:day|week|month)s? (?:before|after))$")
NUMBER_WORDS = {word: number for number, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


class Model(BaseModel):
    # Scalars arrive as text (see loader.py); lax mode turns "true" into True where a flag
    # is expected, and nothing else is coerced.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


Id = Annotated[str, Field(pattern=ID_PATTERN, description=(
    "A stable id: lowercase letters, digits and hyphens. Districts override items by id "
    "and checklists remember ticks by id, so keep it when the wording changes."))]
Text = Annotated[str, Field(min_length=1, description=(
    "Text in Markdown (emphasis, links). Write district words as ${placeholders}."))]


def _check_due(value: str) -> str:
    if not re.match(DUE_PATTERN, value):
        raise ValueError("expected 'start of school year', 'on the day', or a number of "
                         f"days, weeks or months 'before' or 'after' (e.g. '2 months before'), received '{value}'")
    return value


Due = Annotated[str, AfterValidator(_check_due), Field(
    json_schema_extra={"pattern": DUE_PATTERN},
    description="When the step falls, relative to the activity date: e.g. '2 months before', "
                "'1 day after', 'on the day' or 'start of school year'.")]


class Paragraph(Model):
    """A paragraph, list item, checklist step, tip or prompt: anything that is one text."""

    id: Id
    text: Text
    fallback: Text | None = Field(None, description=(
        "Wording for districts that leave out an optional term this text uses "
        "(for example ${data_system})."))
    note: Text | None = Field(None, description="A note shown in a box after the text.")


class Link(Model):
    id: Id
    title: Text
    url: Annotated[str, Field(pattern=r"^(https?://|mailto:)\S+$", description="A full web address.")]
    text: Text | None = None


class Part(Model):
    """A titled part of a section: paragraphs, a list of items, links, and sub-parts."""

    id: Id
    title: Text | None = None
    paragraphs: list[Paragraph] = []
    items: list[Paragraph] = []
    links: list[Link] = []
    parts: list[Part] = []
    note: Text | None = Field(None, description="A note shown in a box at the end of the part.")


class Section(Model):
    """One page of an activity."""

    title: Text
    nav_title: Text | None = Field(None, description="A shorter title for the navigation.")
    intro: list[Paragraph] = []
    parts: list[Part] = []
    note: Text | None = Field(None, description="A note shown in a box at the end of the page.")


class TimelineStep(Model):
    id: Id
    when: Text = Field(description="The label readers see, e.g. 'Two months in advance'.")
    due: Due
    text: Text
    fallback: Text | None = None
    note: Text | None = None


class Timeline(Section):
    steps: list[TimelineStep] = Field(min_length=1)
    date_label: Text | None = Field(None, description=(
        "What the timeline planner calls the date it plans from, e.g. 'Interview date' "
        "(default: the `planner_date` label)."))


class FillIn(Model):
    """A labelled line to write on, at the end of a handout."""

    id: Id
    label: Text


class Handout(Model):
    """A one-page sheet to print and hand out: a page of the site and a PDF."""

    id: Id
    title: Text
    nav_title: Text | None = None
    audience: Text | None = Field(None, description="Who the sheet is for, shown under the title.")
    intro: list[Paragraph] = []
    include: list[str] = Field([], description=(
        "Ids of sections or parts of this activity to reproduce, in order, before the "
        "handout's own parts (e.g. [checklist] or [steps-to-success])."))
    parts: list[Part] = []
    tick_boxes: bool = Field(False, description="Show list items as boxes to tick.")
    writing_lines: int = Field(0, ge=0, le=12, description="Ruled lines after each list item, to write answers on.")
    fill_in: list[FillIn] = Field([], description="Labelled lines at the end (name, date, permission...).")


class Bundle(Model):
    """A download that gathers several pages: the complete guide or a set of handouts."""

    id: Id
    title: Text
    text: Text | None = None
    complete: bool = Field(False, description="True for the complete activity guide (every section).")
    include: list[str] = Field([], description="Handout ids (or section keys), e.g. [checklist-sheet].")


class Downloads(Model):
    title: Text
    nav_title: Text | None = None
    intro: list[Paragraph] = []
    bundles: list[Bundle] = Field(min_length=1)


# Section keys in the order their pages appear. The overview is the activity's first page.
SECTION_KEYS = ("overview", "checklist", "timeline", "tips", "distance", "virtual_hybrid",
                "resources", "preparation", "reflection", "downloads")


STAGES = ("awareness", "exploration", "preparation", "training")
STAGE_PATTERN = "^(" + "|".join(STAGES) + ")$"


class Activity(Model):
    """One activity of the work-based learning continuum: data/activities/<id>.yml."""

    id: Id = Field(description="Must match the file name (without .yml).")
    title: Text
    title_plural: Text
    stage: Annotated[str, Field(pattern=STAGE_PATTERN, description=(
        "Where the activity sits in the work-based learning continuum (see data/guide.yml)."))]
    summary: Text = Field(description="One or two sentences for the list of activities.")
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

    def sections(self) -> list[tuple[str, Section | Downloads]]:
        """(key, section) for every section present, in page order."""
        return [(key, getattr(self, key)) for key in SECTION_KEYS if getattr(self, key) is not None]


class TermEntry(Model):
    """data/terms.yml: one placeholder shared text may use."""

    kind: str = Field("word", pattern=r"^(word|phrase|list)$")
    optional: bool = False
    description: Text
    example: str = ""
    variants: dict[str, Text] = {}
    shared_words: list[str] = Field([], description=(
        "District values that are also ordinary words of the shared text (e.g. 'virtual'); "
        "the terminology lint does not report them."))


class Home(Model):
    intro: list[Paragraph] = Field(min_length=1)


class Labels(Model):
    """Words of the site's furniture, looked up by key like Material's t(): a district's
    `labels` win over data/guide.yml's, which win over these defaults."""

    activities: Text = "Activities"
    contacts: Text = "Contacts"
    local_resources: Text = "Local resources"
    handouts: Text = "Handouts"
    open_for_printing: Text = "Open for printing"
    download_pdf: Text = "Download the PDF"
    pdf_pages: Text = "pages"
    pdf_page: Text = "page"
    contents: Text = "Contents"
    audience: Text = "For"
    note: Text = "Note"
    checklist_progress: Text = Field("{done} of {total} done", description=(
        "The checklist's progress line; {done} and {total} are filled in by the page."))
    checklist_reset: Text = "Clear all ticks"
    checklist_reset_confirm: Text = "Clear every tick on this checklist?"
    planner_title: Text = "Plan your dates"
    planner_date: Text = "Date of the activity"
    planner_download: Text = "Download the plan as a calendar file (.ics)"


class Stage(Model):
    id: Annotated[str, Field(pattern=STAGE_PATTERN)]
    title: Text
    text: Text


class ActivitiesPage(Model):
    title: Text
    intro: list[Paragraph] = []
    stages: list[Stage] = Field(min_length=1, description="The continuum, from awareness to training.")


class Guide(Model):
    """data/guide.yml: text shared by every district's site outside the activities."""

    home: Home
    activities: ActivitiesPage
    labels: Labels = Labels()


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"


class Colours(Model):
    """Brand colours. Checked for WCAG AA contrast before anything is built."""

    primary: Annotated[str, Field(pattern=HEX_COLOUR, description=(
        "Header and button colour, e.g. '#1d4f91'. White text on it needs 4.5:1 contrast."))]
    accent: Annotated[str | None, Field(pattern=HEX_COLOUR, description=(
        "Link and highlight colour on white pages; needs 4.5:1 contrast with white."))] = None


class Contact(Model):
    id: Id
    name: Text
    role: Text | None = None
    email: Annotated[str | None, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] = None
    phone: Text | None = None


class District(Model):
    """data/districts/<id>.yml: everything a district says differently."""

    name: Text = Field(description="The district's or programme's name, e.g. 'Earn & Learn'.")
    site_name: Text = Field(description="Shown in the header, the browser tab and on PDF covers.")
    language: Annotated[str, Field(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] = "en"
    paper: Annotated[str, Field(pattern=r"^(letter|a4)$", description="PDF paper size: letter or a4.")] = "letter"
    school_year_start: Annotated[str, Field(
        pattern=r"^(" + "|".join(MONTHS) + r") ([1-9]|[12][0-9]|3[01])$",
        description="When the school year begins, e.g. 'September 8'; the timeline planner uses it.")] = "September 1"
    logo: str | None = Field(None, description=(
        "A logo file in the district's own folder, data/districts/<id>/ (SVG or PNG)."))
    colours: Colours | None = None
    contacts: list[Contact] = Field([], description="People to ask, listed on the home page.")
    resources: list[Link] = Field([], description="Local resources, added to each activity's resources page.")
    notes: dict[str, dict[str, Text]] = Field({}, description=(
        "Per activity, by id of a section, part or item: an extra note shown in a box after it."))
    labels: dict[str, Text] = Field({}, description=(
        "The site's own words (see Labels in data/guide.yml), e.g. for another language."))
    terms: dict[str, Any] = Field(description="The district's word for each term in data/terms.yml.")
    coordinator_note: Text | None = Field(None, description=(
        "Who counts as a coordinator here; shown as a note on the checklist."))
    overrides: dict[str, dict[str, Any]] = Field({}, description=(
        "Per activity, by item id: new wording for that item (a text, or a mapping of "
        "field to text, e.g. {title: ...})."))
    hide: dict[str, list[str]] = Field({}, description="Per activity, ids of items or sections to leave out.")
