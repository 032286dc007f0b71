"""Rules that a single model cannot check: every text by its kind, ids, includes, links
between pages, overrides, notes, hiding and the district's own files.

Each check returns problems located in the file the author has to change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .colours import contrast_problems
from .errors import Problem
from .loader import Document
from .logo import read_logo
from .markup import Link, parse
from .model import Activity, District, Labels, Paragraph, TimelineStep
from .paths import RESERVED, all_pages
from .suggest import did_you_mean, one_of
from .term_values import district_terms
from .terms import Term, Vocabulary
from .text_checks import check_text, check_value
from .schema_errors import describe
from .text_kinds import FILE_PATTERN, PROSE, TextField, text_fields
from .walk import field_kind, identified, item_index, main_field, overridable


def check_fields(model: BaseModel, document: Document, vocabulary: Vocabulary | None,
                 path: tuple = (), fields: list[TextField] | None = None) -> list[Problem]:
    """Every string of a model tree (its `fields`, when walked already), checked by its kind."""
    return [problem for field in (text_fields(model, path) if fields is None else fields)
            for problem in check_value(document, field.path, field.kind, field.value, vocabulary)]


def check_activity(activity: Activity, document: Document, vocabulary: Vocabulary, stem: str) -> list[Problem]:
    problems: list[Problem] = []
    if activity.id != stem:
        problems.append(document.problem(("id",), f"expected '{stem}' (the file name), received '{activity.id}'",
                                         "An activity's id and its file name must match."))
    if activity.id in RESERVED or re.fullmatch(r"[a-z]{2}", activity.id):
        problems.append(document.problem(("id",), f"the id '{activity.id}' is taken by the site's own pages"
                                         + (" (two letters name a language edition)" if len(activity.id) == 2 else ""),
                                         "Choose another id and rename the file to match, e.g. "
                                         f"'{activity.id}-activity.yml'."))
    problems += _duplicate_ids(activity, document)
    fields = list(text_fields(activity))  # walked once for both checks
    problems += check_fields(activity, document, vocabulary, fields=fields)
    optional = {key for key, spec in vocabulary.specs.items() if spec.optional}
    for field in fields:
        if not field.kind.placeholders:  # only plain text and guide Markdown take ${terms}
            continue
        path, text, owner = field.path, field.value, field.owner
        used = {p.key for p in vocabulary.placeholders(text) if not p.error} & optional
        if not used or path[-1] == "fallback" or getattr(owner, "fallback", None) is not None:
            continue
        names = ", ".join(sorted(used))
        if isinstance(owner, (Paragraph, TimelineStep)) and path[-1] != "when":
            problems.append(document.problem(path, f"uses the optional term {names}, which a district may "
                                             "leave out, and has no fallback",
                                             f"Add a `fallback:` text without {names} beside it."))
        else:
            problems.append(document.problem(path, f"uses the optional term {names}, which a district may "
                                             "leave out", f"Reword without {names}: this field has no fallback."))
    problems += _check_includes(activity, document)
    problems += _check_forms(activity, document)
    return problems


MAX_TABLE_ROWS = 16  # what fits on one page under a title and an introduction


def _check_forms(activity: Activity, document: Document) -> list[Problem]:
    problems = []
    for number, handout in enumerate(activity.handouts):
        table = handout.table
        if table is not None:
            count = len(table.rows) + table.empty_rows
            path = ("handouts", number, "table")
            if count == 0:
                problems.append(document.problem(path, "the table has no rows",
                                                 "Give `rows:` (labels for the first column) or `empty_rows:`."))
            elif count > MAX_TABLE_ROWS:
                problems.append(document.problem(path + ("empty_rows",), f"the table has {count} rows; at most "
                                                 f"{MAX_TABLE_ROWS} fit on one page", "Use fewer rows."))
    return problems


def consent_keys(activities: dict[str, Activity]) -> set[str]:
    """The legal wordings the activities' consent forms ask districts for."""
    return {h.consent.wording for a in activities.values() for h in a.handouts if h.consent}


def _check_includes(activity: Activity, document: Document) -> list[Problem]:
    """Handouts include sections or parts; download collections include handouts or sections."""
    problems = []
    index = item_index(activity)
    sections = dict(activity.sections())
    includable = [key for key in sections if key != "downloads"] + \
        [ident for ident, (path, node) in index.items()
         if type(node).__name__ in ("Part", "Paragraph") and path[0] != "handouts"]
    for number, handout in enumerate(activity.handouts):
        for position, ident in enumerate(handout.include):
            if ident not in includable:
                problems.append(document.problem(("handouts", number, "include", position),
                                                 f"no section, part or paragraph with id '{ident}'",
                                                 did_you_mean(ident, includable)))
    if activity.downloads:
        collectable = [h.id for h in activity.handouts] + [key for key in sections if key != "downloads"]
        for number, bundle in enumerate(activity.downloads.bundles):
            for position, ident in enumerate(bundle.include):
                if ident not in collectable:
                    problems.append(document.problem(("downloads", "bundles", number, "include", position),
                                                     f"no handout or section with id '{ident}'",
                                                     did_you_mean(ident, collectable)
                                                     or f"Handouts and sections: {one_of(collectable)}."))
    return problems


def _duplicate_ids(activity: Activity, document: Document) -> list[Problem]:
    problems = []
    seen: dict[str, tuple] = {}
    for ident, path, _ in identified(activity):
        if ident in seen:
            where = path + ("id",) if len(path) > 1 else path  # a section is named by its key
            problems.append(document.problem(where, f"duplicate id '{ident}' (also used on line "
                                             f"{document.where(seen[ident])[0]})",
                                             "Ids must be unique within an activity."))
        else:
            seen[ident] = path
    return problems


def check_stages(activities: dict[str, Activity], sources: dict[str, Document], stages: list[str]) -> list[Problem]:
    """Each activity sits at a stage the guide lists (data/guide.yml)."""
    return [sources[f"activities/{ident}"].problem(("stage",), f"no stage '{activity.stage}' in data/guide.yml",
                                                   did_you_mean(activity.stage, stages) or f"Stages: {one_of(stages)}.")
            for ident, activity in activities.items() if stages and activity.stage not in stages]


def check_district(district: District, document: Document, vocabulary: Vocabulary,
                   activities: dict[str, Activity], broken: set[str] = frozenset(),
                   assets: Path | None = None, stages: list[str] = ()) -> tuple[dict[str, Term], list[Problem]]:
    """Check a district profile; return its terms (for rendering) and its problems.

    `broken` names activities whose files exist but failed to load: their own problems
    are reported, so references to them are not checked (and not reported twice).
    """
    terms, problems = district_terms(district.terms, document, vocabulary)
    for key in district.labels:
        if key not in Labels.model_fields:
            problems.append(document.problem(("labels", key), f"unknown label '{key}'",
                                             did_you_mean(key, Labels.model_fields) or
                                             f"Labels: {one_of(Labels.model_fields)}.", key=True))
    # Every string of the profile by its kind, but overrides and notes, which take the kind
    # of what they reword and are checked against the activities below, and the other
    # languages' sections, checked with their own grammar (project.py).
    for field in text_fields(district):
        if field.path[0] in ("overrides", "notes", "terms", "translations"):
            continue
        problems += check_value(document, field.path, field.kind, field.value, vocabulary)
        if field.kind.placeholders:
            problems += _optional_used(document, field.path, field.value, vocabulary, terms)
    problems += _check_overrides(district, document, vocabulary, activities, terms, broken)
    problems += _check_hidden(district, document, activities, broken)
    for position, activity_id in enumerate(district.hide_activities):
        if activity_id not in activities and activity_id not in broken:
            problems.append(document.problem(("hide_activities", position), f"unknown activity '{activity_id}'",
                                             did_you_mean(activity_id, activities)
                                             or f"Activities: {one_of(activities)}."))
    if activities and set(activities) <= set(district.hide_activities):
        problems.append(document.problem(("hide_activities",), "every activity is hidden: the guide would be empty",
                                         "Leave at least one activity out of hide_activities."))
    problems += _check_notes(district, document, vocabulary, activities, terms, broken)
    problems += _check_presentation(district, document, assets)
    for key in district.stages:
        if stages and key not in stages:
            problems.append(document.problem(("stages", key), f"no stage '{key}' in data/guide.yml",
                                             did_you_mean(key, stages) or f"Stages: {one_of(stages)}.", key=True))
    for key in district.activities:
        if key not in activities and key not in broken:
            problems.append(document.problem(("activities", key), f"unknown activity '{key}'",
                                             did_you_mean(key, activities) or f"Activities: {one_of(activities)}.",
                                             key=True))
    wanted = consent_keys(activities)
    for key in district.legal:
        if key not in wanted and not broken:
            problems.append(document.problem(("legal", key), f"no consent form asks for the wording '{key}'",
                                             did_you_mean(key, wanted) or (f"Forms ask for: {one_of(wanted)}."
                                                                           if wanted else None), key=True))
    return terms, problems


def _check_notes(district: District, document: Document, vocabulary: Vocabulary,
                 activities: dict[str, Activity], terms: dict[str, Term], broken: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    for base, notes, index in _per_activity("notes", district.notes, document, activities, broken, problems):
        activity_id = base[1]
        for ident, text in notes.items():
            path = base + (ident,)
            node = index.get(ident, (None, None))[1]
            if node is None or "note" not in type(node).model_fields:
                takes_notes = [i for i, (_, n) in index.items() if "note" in type(n).model_fields]
                problems.append(document.problem(path, f"no section, part or item with id '{ident}' in {activity_id}",
                                                 did_you_mean(ident, takes_notes), key=True))
                continue
            problems += check_text(document, path, text, vocabulary)
            problems += check_guide_links(document, path, text, activities)
            problems += _optional_used(document, path, text, vocabulary, terms)
    return problems


def _check_presentation(district: District, document: Document, assets: Path | None) -> list[Problem]:
    problems = []
    if district.colours:
        accent = district.colours.accent or district.colours.primary
        for key, message in contrast_problems(district.colours.primary, accent):
            field = key if key == "primary" or district.colours.accent else "primary"
            problems.append(document.problem(("colours", field), message))
    if district.logo and assets is not None:
        folder = document.file.removesuffix(".yml") + "/"  # data/districts/<id>/
        logo = assets / district.logo
        present = sorted(p.name for p in assets.glob("*")) if assets.is_dir() else []
        if ".." in Path(district.logo).parts or Path(district.logo).is_absolute():
            problems.append(document.problem(("logo",), f"the logo must be a file inside {folder}"))
        elif not re.match(FILE_PATTERN, district.logo):
            problems.append(document.problem(("logo",), "expected a file name of letters, digits, '.', '-' and '_' "
                                             f"(e.g. 'logo.svg'), received {describe(district.logo)}",
                                             f"Rename the file in {folder} to a plain name."))
        elif not inside(logo, assets) or not inside(assets, assets.parent):
            problems.append(document.problem(("logo",), f"'{district.logo}' is a link to a file outside {folder}",
                                             f"Copy the logo itself into {folder}."))
        elif not logo.is_file():
            problems.append(document.problem(("logo",), f"no file '{district.logo}' in {folder}",
                                             did_you_mean(district.logo, present) or
                                             f"Put the logo in {folder} and give its file name."))
        elif logo.suffix.lower() not in (".svg", ".png", ".jpg", ".jpeg", ".webp"):
            problems.append(document.problem(("logo",), "expected an SVG, PNG, JPEG or WebP image, "
                                             f"received '{district.logo}'"))
        else:  # an SVG parsed and rebuilt, a raster image of the kind its name says (logo.py)
            checked = read_logo(logo)
            if checked.refusal:
                problems.append(document.problem(("logo",), checked.refusal, checked.hint))
    return problems


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, followed through any symbolic links, stays inside `folder`: each link
    on its way leads inside the folder holding it (contained.py)."""
    from .contained import link_problem  # the one rule for every path the guide reads
    return link_problem(folder, path) is None


def _optional_used(document, path, text, vocabulary: Vocabulary, terms: dict[str, Term]) -> list[Problem]:
    missing = sorted({p.key for p in vocabulary.placeholders(text) if p.key and not p.error and p.key not in terms})
    if not missing:
        return []
    names = ", ".join(missing)
    return [document.problem(path, f"uses {names}, which this district does not define",
                             f"Define {names} under `terms:`, or reword without it.")]


def _check_overrides(district: District, document: Document, vocabulary: Vocabulary,
                     activities: dict[str, Activity], terms: dict[str, Term], broken: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    for base, entries, index in _per_activity("overrides", district.overrides, document, activities,
                                              broken, problems):
        activity_id = base[1]
        for ident, value in entries.items():
            path = base + (ident,)
            if ident not in index:
                problems.append(document.problem(path, f"no item with id '{ident}' in {activity_id}",
                                                 did_you_mean(ident, index), key=True))
                continue
            node = index[ident][1]
            allowed = overridable(node)
            fields = {main_field(node): value} if isinstance(value, str) else value
            if not isinstance(fields, dict):
                problems.append(document.problem(path, "expected text, or a mapping such as {title: ...}, "
                                                 f"received {'a list' if isinstance(value, list) else repr(value)}"))
                continue
            for name, text in fields.items():
                where = path if isinstance(value, str) else path + (name,)
                if name not in allowed:
                    problems.append(document.problem(where, f"'{ident}' has no field '{name}' to override",
                                                     did_you_mean(name, allowed) or
                                                     f"Fields: {one_of(allowed)}.", key=True))
                elif not isinstance(text, str) or not text.strip():
                    problems.append(document.problem(where, "expected text, received "
                                                     + ("nothing" if not text else "a list or mapping")))
                else:
                    kind = field_kind(node, name)
                    problems += check_value(document, where, kind, text, vocabulary)
                    if kind is PROSE:
                        problems += check_guide_links(document, where, text, activities)
                    if kind.placeholders and name != "fallback" and not fields.get("fallback"):
                        problems += _optional_used(document, where, text, vocabulary, terms)
    return problems


def _per_activity(key: str, per_activity: dict, document: Document, activities: dict[str, Activity],
                  broken: set[str], problems: list[Problem]) -> Iterator[tuple[tuple, Any, dict]]:
    """(path, entries, id index) for each activity a district section names. An unknown
    activity is a problem; one whose file failed to load was reported already."""
    for activity_id, entries in per_activity.items():
        base = (key, activity_id)
        activity = activities.get(activity_id)
        if activity is not None:
            yield base, entries, item_index(activity)
        elif activity_id not in broken:
            problems.append(document.problem(base, f"unknown activity '{activity_id}'",
                                             did_you_mean(activity_id, activities) or
                                             (f"Activities: {one_of(activities)}." if activities else None),
                                             key=True))


def _check_hidden(district: District, document: Document, activities: dict[str, Activity],
                  broken: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    for base, idents, index in _per_activity("hide", district.hide, document, activities, broken, problems):
        activity_id = base[1]
        for position, ident in enumerate(idents):
            if ident == "overview":
                problems.append(document.problem(base + (position,), "the overview cannot be hidden",
                                                 "It is the activity's first page."))
            elif ident not in index:
                problems.append(document.problem(base + (position,), f"no item with id '{ident}' in {activity_id}",
                                                 did_you_mean(ident, index)))
    return problems




def guide_links(text: str) -> Iterator[Link]:
    """The links of a text that lead to pages of this guide."""
    def walk(nodes):
        for node in nodes:
            if isinstance(node, Link):
                if node.ok and node.target is not None:
                    yield node
            elif hasattr(node, "children"):
                yield from walk(node.children)
    return walk(parse(text).nodes)


def check_guide_links(document: Document, path: tuple, text: str,
                      activities: dict[str, Activity]) -> list[Problem]:
    """A link to a page of this guide must name a page (and an item on it) that exists."""
    links = list(guide_links(text))
    if not links:  # most texts: no need to list the guide's pages
        return []
    problems = []
    pages = all_pages(activities.values())
    for link in links:
        target = link.target
        ids = anchors(pages[target.path], activities) if target.path in pages and target.fragment else set()
        if target.path not in pages:
            problems.append(document.problem_in_text(
                path, link.address, f"no page of this guide at '/{target.path}'",
                did_you_mean("/" + target.path, ["/" + p for p in pages]) or
                "Write the page's address from the site's root, e.g. /informational-interview/checklist/."))
        elif target.fragment and target.fragment not in ids:
            problems.append(document.problem_in_text(
                path, link.address, f"no item with id '{target.fragment}' on '/{target.path}'",
                did_you_mean(target.fragment, ids)))
    return problems


def anchors(source: str, activities: dict[str, Activity]) -> set[str]:
    """The ids a link may point at on a page: every item of its activity (a page shows its
    own; the ids are unique within the activity), or the home and activities pages' own."""
    first = source.split("/")[0]
    if first in activities:
        return {ident if "_" not in ident else ident.replace("_", "-") for ident in item_index(activities[first])}
    return {"activities", "contacts"} | set(activities) | {f"activity-{a}" for a in activities} | \
        {"awareness", "exploration", "preparation", "training"}


def check_all_links(models: list[tuple[Document, BaseModel]], activities: dict[str, Activity]) -> list[Problem]:
    """Links between pages, in every guide Markdown text of the given files."""
    return [problem for document, model in models for field in text_fields(model) if field.kind is PROSE
            for problem in check_guide_links(document, field.path, field.value, activities)]
