"""The one model of text: every string field of the data declares its kind (text_kinds.py)."""

from __future__ import annotations

import inspect
from typing import Annotated, Optional

import pytest
from pydantic import BaseModel, Field

from wbl_guide.data import model
from wbl_guide.data.model import Activity, District, Guide, Model, TermEntry
from wbl_guide.text.text_kinds import (EMAIL, FILE, IDENT, PLAIN, PROSE, TOKEN, URL, Plain, Prose, text_fields,
                               unkinded_fields)

# Every pydantic model of the data, nested ones included (whether reachable or not).
ALL_MODELS = sorted((cls for _, cls in inspect.getmembers(model, inspect.isclass)
                     if issubclass(cls, BaseModel) and cls.__module__ == model.__name__),
                    key=lambda cls: cls.__name__)


@pytest.mark.parametrize("root", [Activity, District, Guide, TermEntry], ids=lambda c: c.__name__)
def test_every_file_model_declares_the_kind_of_every_string(root):
    assert unkinded_fields(root) == []


@pytest.mark.parametrize("cls", ALL_MODELS, ids=lambda c: c.__name__)
def test_every_model_declares_the_kind_of_every_string(cls):
    assert unkinded_fields(cls) == []


def test_the_nested_models_are_covered():
    names = {cls.__name__ for cls in ALL_MODELS}
    assert {"Activity", "Section", "Part", "Paragraph", "Link", "Timeline", "TimelineStep", "Handout",
            "FillIn", "Bundle", "Downloads", "District", "Contact", "Colors", "Guide", "Labels",
            "TermEntry", "Stage", "ActivitiesPage", "Home"} <= names


# A field added without a kind must be reported, wherever the string hides in its type.

class _Inner(Model):
    ok: Plain
    secret: str  # no kind


class _Careless(Model):
    title: Plain
    body: Prose | None = None
    bare: str
    maybe: str | None = None
    old_style: Optional[str] = None
    many: list[str] = []
    by_key: dict[str, str] = {}
    constrained: Annotated[str, Field(min_length=1)] = "x"
    inner: _Inner | None = None
    inners: list[_Inner] = []


def test_an_unkinded_field_is_reported():
    class Thoughtless(Model):
        title: Plain
        subtitle: str

    assert unkinded_fields(Thoughtless) == ["Thoughtless.subtitle"]


def test_unkinded_strings_are_found_inside_any_type():
    missing = unkinded_fields(_Careless)
    for label in ("_Careless.bare", "_Careless.maybe", "_Careless.old_style", "_Careless.many",
                  "_Careless.by_key", "_Careless.constrained", "_Inner.secret"):
        assert label in missing, label
    assert "_Careless.title" not in missing and "_Careless.body" not in missing
    assert "_Inner.ok" not in missing


def test_a_new_field_on_a_real_model_would_be_reported():
    class ExtendedParagraph(model.Paragraph):
        caption: str | None = None

    class ExtendedSection(model.Section):
        parts: list[model.Part] = []
        sidebar: list[ExtendedParagraph] = []

    assert unkinded_fields(ExtendedSection) == ["ExtendedParagraph.caption"]


SMALL_ACTIVITY = {
    "id": "site-visit",
    "title": "Site Visit",
    "title_plural": "Site Visits",
    "stage": "awareness",
    "summary": "${Learners} *visit* a workplace.",
    "overview": {
        "title": "What is a Site Visit?",
        "parts": [{
            "id": "about",
            "title": "About the visit",
            "paragraphs": [{"id": "definition", "text": "A visit to [a workplace](https://example.org/)."}],
            "links": [{"id": "more", "title": "More", "url": "https://example.org/more", "text": "Read *more*."}],
        }],
    },
    "timeline": {
        "title": "Sample Timeline",
        "steps": [{"id": "month-before", "when": "One month before", "due": "1 month before",
                   "text": "Invite the host."}],
    },
    "handouts": [{"id": "sheet", "title": "Sheet", "include": ["about"],
                  "fill_in": [{"id": "name", "label": "Your name"}]}],
}


def test_text_fields_yields_each_string_with_its_path_and_kind():
    activity = Activity.model_validate(SMALL_ACTIVITY)
    fields = {field.path: field for field in text_fields(activity)}
    kinds = {path: field.kind for path, field in fields.items()}
    assert kinds[("id",)] is IDENT
    assert kinds[("title",)] is PLAIN
    assert kinds[("stage",)] is IDENT  # a stage of data/guide.yml, named by its id
    assert kinds[("summary",)] is PROSE
    assert kinds[("overview", "title")] is PLAIN
    assert kinds[("overview", "parts", 0, "id")] is IDENT
    assert kinds[("overview", "parts", 0, "title")] is PLAIN
    assert kinds[("overview", "parts", 0, "paragraphs", 0, "text")] is PROSE
    assert kinds[("overview", "parts", 0, "links", 0, "title")] is PLAIN
    assert kinds[("overview", "parts", 0, "links", 0, "url")] is URL
    assert kinds[("overview", "parts", 0, "links", 0, "text")] is PROSE
    assert kinds[("timeline", "steps", 0, "when")] is PLAIN
    assert kinds[("timeline", "steps", 0, "due")] is TOKEN
    assert kinds[("timeline", "steps", 0, "text")] is PROSE
    assert kinds[("handouts", 0, "include", 0)] is IDENT
    assert kinds[("handouts", 0, "fill_in", 0, "label")] is PLAIN
    # The values and owners are the model's own.
    url = fields[("overview", "parts", 0, "links", 0, "url")]
    assert url.value == "https://example.org/more" and url.name == "url"
    assert isinstance(url.owner, model.Link)
    assert fields[("summary",)].value == "${Learners} *visit* a workplace."
    # Nothing absent is invented, and every string of the data is yielded exactly once.
    assert ("checklist", "title") not in kinds
    assert len(fields) == len(list(text_fields(activity)))
    assert set(kinds.values()) == {PLAIN, PROSE, URL, IDENT, TOKEN}


def test_text_fields_in_file_order():
    activity = Activity.model_validate(SMALL_ACTIVITY)
    paths = [field.path for field in text_fields(activity)]
    assert paths.index(("id",)) < paths.index(("title",)) < paths.index(("summary",))
    assert paths.index(("overview", "parts", 0, "paragraphs", 0, "text")) < \
        paths.index(("overview", "parts", 0, "links", 0, "url")) < paths.index(("timeline", "title"))


def test_text_fields_of_a_district_cover_mappings_and_lists():
    district = District.model_validate({
        "name": "Alpha", "site_name": "Alpha Guide", "terms": {"learner": "learner"},
        "logo": "logo.svg",
        "contacts": [{"id": "ada", "name": "Ada", "email": "ada@example.org", "phone": "555"}],
        "notes": {"site-visit": {"about": "A *note*."}},
        "labels": {"contents": "Inhalt"},
        "hide": {"site-visit": ["timeline"]},
    })
    kinds = {field.path: field.kind for field in text_fields(district)}
    assert kinds[("name",)] is PLAIN
    assert kinds[("language",)] is TOKEN
    assert kinds[("logo",)] is FILE
    assert kinds[("contacts", 0, "email")] is EMAIL
    assert kinds[("contacts", 0, "phone")] is PLAIN
    assert kinds[("notes", "site-visit", "about")] is PROSE
    assert kinds[("labels", "contents")] is PLAIN
    assert kinds[("hide", "site-visit", 0)] is TOKEN
