"""Shared text -> one district's text: hide items, apply overrides, pick fallbacks, fill terms.

The result has the same models as the input, so the renderer never needs to know about
districts. Runs only on data that validated. Placeholders are filled in every field whose
kind takes them (text_kinds.py), so no field can be forgotten; in guide Markdown a
district's word is inserted as literal text.
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

from ..text.markup import literal
from ..data.model import SECTION_KEYS, Activity, District, Guide, Handout, Labels, Stage
from ..words.terms import Terms
from ..text.text_kinds import PROSE, text_fields
from ..data.walk import set_at, item_index, main_field

LOCAL_RESOURCES = "local-resources"

M = TypeVar("M", bound=BaseModel)


REMOTE_SECTIONS = ("distance", "virtual_hybrid")


def hidden_ids(activity: Activity, district: District) -> set[str]:
    """What the district leaves out of the activity: what it hides by id, and every remote
    variant of an activity it says has no virtual form (so no page contradicts it)."""
    hidden = set(district.hide.get(activity.id, ()))
    facts = district.activities.get(activity.id)
    if facts is not None and not facts.virtual_form:
        hidden |= set(REMOTE_SECTIONS) | set(activity.remote_variants)
    return hidden


def own_forms(activity: Activity, district: District, hidden: set[str] | None = None) -> list[Handout]:
    """The activity's consent, release and agreement forms whose wording the district has
    not given: never published with a gap where the law goes (the guide writes no legal
    text), so the district's own form is used instead. `hidden`: hidden_ids, if known."""
    hidden = hidden_ids(activity, district) if hidden is None else hidden
    return [h for h in activity.handouts
            if h.consent and h.id not in hidden and not district.legal.get(h.consent.wording)]


def resolve_activity(activity: Activity, district: District, terms: Terms, labels: Labels) -> Activity:
    overrides = district.overrides.get(activity.id, {})
    hidden = hidden_ids(activity, district)
    hidden |= {h.id for h in own_forms(activity, district, hidden)}
    index = item_index(activity)
    # A plain-text override replaces the item's main field: its text, or its title.
    changes = {ident: ({main_field(index[ident][1]): value} if isinstance(value, str) else dict(value))
               for ident, value in overrides.items()}
    for ident, note in district.notes.get(activity.id, {}).items():
        changes.setdefault(ident, {})["note"] = note
    data = activity.model_dump()
    if district.resources and data.get("resources") is not None:
        data["resources"]["parts"].append({
            "id": LOCAL_RESOURCES, "title": labels.local_resources,
            "links": [link.model_dump() for link in district.resources]})
    for key in list(data):
        if isinstance(data[key], dict):  # a section, named by its key
            data[key] = None if key in hidden else _resolve(data[key], key, changes, hidden, terms)
        elif key in ("handouts", "documents"):  # items by id: hidden, reworded
            data[key] = [_resolve(child, None, changes, hidden, terms) for child in data[key]
                         if child.get("id") not in hidden]
    data["remote_variants"] = [ident for ident in data["remote_variants"] if ident not in hidden]
    return fill_terms(Activity.model_validate(prune(data)), terms)


def prune(data: dict) -> dict:
    """What hiding left empty goes too, so no page, sheet or PDF is ever empty: a part with
    nothing in it, a section with nothing but its title (the overview stays: it is the
    activity's first page), a handout whose content was all hidden, a download collection
    with nothing left to collect, and the downloads page when nothing is left to download."""
    for key in SECTION_KEYS:
        section = data.get(key)
        if section is None or key in ("overview", "downloads"):
            continue
        section["parts"] = _parts(section.get("parts", []))
        if not (section.get("intro") or section["parts"] or section.get("steps")) or \
                (key == "timeline" and not section.get("steps")):
            data[key] = None
    present = {key for key in SECTION_KEYS if data.get(key) is not None}
    for key in present:
        present = present | _ids(data[key])
    handouts = []
    for handout in data.get("handouts", []):
        drew_from = handout.get("include", [])
        handout["include"] = [ident for ident in drew_from if ident in present]
        handout["parts"] = _parts(handout.get("parts", []))
        # A sheet that reproduced hidden sections is only its framing now: drop it too.
        own = handout["parts"] or handout.get("table") or handout.get("rubric") or handout.get("consent")
        if handout["include"] or own or (handout.get("intro") and not drew_from):
            handouts.append(handout)
    data["handouts"] = handouts
    downloads = data.get("downloads")
    if downloads is not None:
        collectable = {h["id"] for h in handouts} | {key for key in SECTION_KEYS if data.get(key) is not None}
        bundles = []
        for bundle in downloads.get("bundles", []):
            bundle["include"] = [ident for ident in bundle.get("include", []) if ident in collectable]
            if bundle.get("complete") or bundle["include"]:
                bundles.append(bundle)
        downloads["bundles"] = bundles
        if not bundles and not handouts:
            data["downloads"] = None
    return data


def _parts(parts: list[dict]) -> list[dict]:
    kept = []
    for part in parts:
        part["parts"] = _parts(part.get("parts", []))
        if part.get("paragraphs") or part.get("items") or part.get("links") or part["parts"]:
            kept.append(part)
    return kept


def _ids(node, found: set[str] | None = None) -> set[str]:
    found = set() if found is None else found  # one set for the whole tree, not one a node
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            found.add(node["id"])
        for value in node.values():
            _ids(value, found)
    elif isinstance(node, list):
        for child in node:
            _ids(child, found)
    return found


def resolve_labels(guide_labels: Labels, district: District, terms: Terms) -> Labels:
    """The t() fallback chain: the district's label, else the guide's (else the default)."""
    return fill_terms(Labels.model_validate({**guide_labels.model_dump(), **district.labels}), terms)


def resolve_stages(guide: Guide, district: District, activities) -> list[Stage]:
    """The continuum as this district shows it: the guide's stages in order, with the
    district's names and words; an optional stage only if the district includes it or
    runs an activity of it."""
    used = {activity.stage for activity in activities}
    stages = []
    for stage in guide.activities.stages:
        change = district.stages.get(stage.id)
        if stage.optional and stage.id not in used and not (change and change.include):
            continue
        if change is not None:
            stage = stage.model_copy(update={k: v for k, v in (("title", change.title), ("text", change.text)) if v})
        stages.append(stage)
    return stages


def fill_terms(model: M, terms: Terms) -> M:
    """The model with every placeholder filled in the district's words."""
    data = model.model_dump()
    changed = False
    for field in text_fields(model):
        if field.kind.placeholders and "${" in field.value:
            set_at(data, field.path, terms.render(field.value, literal if field.kind is PROSE else None))
            changed = True
    return type(model).model_validate(data) if changed else model


def _resolve(node: dict, ident: str | None, changes: dict, hidden: set, terms: Terms) -> dict:
    node = {**node, **changes.get(ident or node.get("id"), {})}
    if node.get("fallback") and isinstance(node.get("text"), str) and terms.missing(node["text"]):
        node["text"] = node["fallback"]
    for key, value in node.items():
        if key == "include":  # ids of things to gather: hidden ones are left out
            node[key] = [ident for ident in value if ident not in hidden]
        elif isinstance(value, list):
            node[key] = [_resolve(child, None, changes, hidden, terms) if isinstance(child, dict) else child
                         for child in value if not (isinstance(child, dict) and child.get("id") in hidden)]
        elif isinstance(value, dict):
            node[key] = _resolve(value, None, changes, hidden, terms)
    return node
