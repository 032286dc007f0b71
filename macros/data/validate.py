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

from ..text.addresses import GuideLink, check_address
from ..base.bounds import (MAX_BUNDLE_INCLUDES, MAX_BUNDLES, MAX_COPIES, MAX_HANDOUT_INCLUDES, MAX_HANDOUT_TEXT, MAX_HANDOUTS,
                     MAX_RESOURCES, MAX_CLOSED_DAYS)
from ..base.colors import contrast_problems
from ..base.errors import Problem
from .loader import Document
from .logo import read_logo
from ..text.markup import Link, parse
from .model import Activity, District, Labels, Paragraph, TimelineStep
from .paths import RESERVED, all_pages
from ..base.suggest import did_you_mean, one_of
from .term_values import district_terms
from ..words.terms import Term, Vocabulary
from .text_checks import check_text, check_value
from .schema_errors import describe
from ..text.text_kinds import FILE_PATTERN, PROSE, URL, TextField, TextKind, text_fields
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
    problems += _check_documents(activity, document)
    return problems


def _check_documents(activity: Activity, document: Document) -> list[Problem]:
    """Each document to keep is a handout of the activity, named once."""
    problems = []
    handouts = [h.id for h in activity.handouts]
    first: dict[str, int] = {}
    for number, kept in enumerate(activity.documents):
        path = ("documents", number, "handout")
        if kept.handout not in handouts:
            problems.append(document.problem(path, f"no handout with id '{kept.handout}' in {activity.id}",
                                             did_you_mean(kept.handout, handouts)
                                             or (f"Handouts: {one_of(handouts)}." if handouts
                                                 else "A document to keep is one of the activity's `handouts:`.")))
        elif kept.handout in first:
            problems.append(document.problem(path, f"the handout '{kept.handout}' is listed twice (also at "
                                             f"documents[{first[kept.handout]}])", "List each form once."))
        else:
            first[kept.handout] = number
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
    """Handouts include sections or parts; download collections include handouts or
    sections. Each id once in a list, a bounded number of them, and no text printed more
    than MAX_COPIES times across the activity's pages: the site grows with the data, never
    faster (bounds.py)."""
    problems: list[Problem] = []
    hints = _Hints()
    index = item_index(activity)
    sections = dict(activity.sections())
    includable = [key for key in sections if key != "downloads"] + \
        [ident for ident, (path, node) in index.items()
         if type(node).__name__ in ("Part", "Paragraph") and path[0] != "handouts"]
    problems += _at_most(document, ("handouts",), len(activity.handouts), MAX_HANDOUTS, "handouts",
                         "an activity", "Gather related sheets into one handout.")
    for number, handout in enumerate(activity.handouts):
        problems += _include_list(
            document, ("handouts", number, "include"), handout.include, includable, MAX_HANDOUT_INCLUDES,
            "a handout (one printed sheet)", "no section, part or paragraph with id '{}'", hints,
            "Include a whole section or part instead of its items, or make a second handout.")
    if activity.downloads:
        bundles = activity.downloads.bundles
        collectable = [h.id for h in activity.handouts] + [key for key in sections if key != "downloads"]
        problems += _at_most(document, ("downloads", "bundles"), len(bundles), MAX_BUNDLES, "collections",
                             "an activity", "Gather the sheets into fewer collections.")
        for number, bundle in enumerate(bundles):
            problems += _include_list(
                document, ("downloads", "bundles", number, "include"), bundle.include, collectable,
                MAX_BUNDLE_INCLUDES, "a collection", "no handout or section with id '{}'", hints,
                "Make two collections.", listed=True)
    # The remote variants a district with no virtual form leaves out: items, parts, handouts.
    variants = [ident for ident, (path, node) in index.items() if type(node).__name__ in ("Part", "Paragraph")] + \
        [h.id for h in activity.handouts]
    problems += _include_list(document, ("remote_variants",), activity.remote_variants, variants, 64,
                              "remote_variants", "no item, part or handout with id '{}'", hints,
                              "Name fewer, larger parts.")
    if not problems:  # text and copies are counted over includes that are known, unique and few
        problems += _too_long_handouts(activity, document, index, sections)
        problems += _too_many_copies(activity, document, index, sections)
    return problems


def _too_long_handouts(activity: Activity, document: Document, index: dict, sections: dict) -> list[Problem]:
    """A handout is one printed sheet: its own text and what it includes stay within
    MAX_HANDOUT_TEXT characters (the PDF tries up to four layouts to fit it on one page)."""
    problems = []
    sizes: dict[str, int] = {}  # characters of each included section or part, counted once

    def size(model) -> int:
        return sum(len(field.value) for field in text_fields(model))

    for number, handout in enumerate(activity.handouts):
        total = size(handout)
        for ident in handout.include:
            if ident not in sizes:
                sizes[ident] = size(sections[ident] if ident in sections else index[ident][1])
            total += sizes[ident]
        if total > MAX_HANDOUT_TEXT:
            where = ("handouts", number, "include") if handout.include else ("handouts", number)
            problems.append(document.problem(where, f"the handout holds {total:,} characters of text; a printed "
                                             f"sheet holds at most {MAX_HANDOUT_TEXT:,}",
                                             "Include a part or some items rather than a whole section, or "
                                             "make a second handout."))
    return problems


def _at_most(document: Document, path: tuple, count: int, limit: int, things: str, holder: str,
             hint: str) -> list[Problem]:
    if count <= limit:
        return []
    return [document.problem(path, f"expected at most {limit} {things} in {holder}, received {count:,}", hint)]


def _include_list(document: Document, path: tuple, idents: list[str], known: list[str], limit: int,
                  holder: str, unknown: str, hints: _Hints, hint: str, listed: bool = False) -> list[Problem]:
    """One `include:` list: at most `limit` ids, each known and named once."""
    if len(idents) > limit:
        return [document.problem(path, f"expected at most {limit} includes in {holder}, received {len(idents):,}",
                                 hint)]
    problems = []
    known_set, first = set(known), {}
    for position, ident in enumerate(idents):
        if ident in first:
            problems.append(document.problem(path + (position,), f"'{ident}' is included twice (also at "
                                             f"include[{first[ident]}])", "Include each one once."))
            continue
        first[ident] = position
        if ident not in known_set:
            problems.append(document.problem(path + (position,), unknown.format(ident),
                                             hints.did_you_mean(ident, known)
                                             or (f"Handouts and sections: {one_of(known)}." if listed else None)))
    return problems


def _too_many_copies(activity: Activity, document: Document, index: dict, sections: dict) -> list[Problem]:
    """A text is printed once on its page, again in each handout that includes it (or a
    section or part around it), and again in each collection that gathers that handout or
    section (a complete guide gathers every section). The include that brings a text past
    MAX_COPIES copies is refused, so a site stays within MAX_COPIES times its data."""
    handouts = {h.id: h for h in activity.handouts}
    bundles = activity.downloads.bundles if activity.downloads else []
    gathering: dict[str, list[tuple]] = {ident: [] for ident in handouts}  # the collections gathering each handout
    printing: dict[str, list[tuple]] = {}  # id of a section or part -> the includes that print it again
    for number, bundle in enumerate(bundles):
        members = [k for k in sections if k != "downloads"] if bundle.complete else bundle.include
        for position, ident in enumerate(members):
            where = ("downloads", "bundles", number) + (() if bundle.complete else ("include", position))
            (gathering[ident] if ident in handouts else printing.setdefault(ident, [])).append(where)
    for number, handout in enumerate(activity.handouts):
        for position, ident in enumerate(handout.include):
            # Printed on the handout's page, and again in each collection gathering the handout.
            printing.setdefault(ident, []).extend([("handouts", number, "include", position)] + gathering[handout.id])
    # Each text's extra copies: those of the handout it belongs to, or of the section and
    # parts around it (and its own). Counted first; the places are listed for the worst only.
    extra = {ident: len(places) for ident, places in gathering.items()}
    around: dict[str, list[str]] = {}
    for ident, (path, _) in index.items():
        if path[0] != "handouts" and printing:
            around[ident] = [step for step in _ids_along(path, activity) if step in printing]
            extra[ident] = sum(len(printing[step]) for step in around[ident])
    worst = max(extra, key=extra.__getitem__, default=None)
    if worst is None or 1 + extra[worst] <= MAX_COPIES:
        return []
    # Blame the include that makes the copy past the limit, in the order of the file.
    places = gathering[worst] if worst in gathering else [p for step in around[worst] for p in printing[step]]
    places = sorted(places, key=lambda where: tuple(n or 0 for n in document.where(where)))
    return [document.problem(places[MAX_COPIES - 1],
                             f"'{worst}' would be printed {1 + len(places)} times across the activity's pages, "
                             f"more than {MAX_COPIES}",
                             "Each handout and collection that includes a text (or a section or part around it) "
                             "prints it again: include it in fewer of them.")]


def _ids_along(path: tuple, activity: Activity) -> list[str]:
    """The ids of the section and parts that hold the item at `path`, and its own."""
    ids, node = [path[0]], getattr(activity, path[0])
    for step in path[1:]:
        node = node[step] if isinstance(step, int) else getattr(node, step)
        if isinstance(step, int) and getattr(node, "id", None):
            ids.append(node.id)
    return ids


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
        problems += check_links_of(document, field.path, field.kind, field.value, activities)
        if field.kind.placeholders:
            problems += _optional_used(document, field.path, field.value, vocabulary, terms)
    problems += _at_most(document, ("resources",), len(district.resources), MAX_RESOURCES, "resources", "a district",
                         "Every activity's resources page lists them all: keep the ones its readers need.")
    problems += _at_most(document, ("closed_days",), len(district.closed_days), MAX_CLOSED_DAYS, "closed days",
                         "a district", "List a break as one range: '2026-12-21 to 2027-01-01'.")
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
    hints = _Hints()
    for base, notes, index in _per_activity("notes", district.notes, document, activities, broken, problems):
        activity_id = base[1]
        takes_notes = None  # listed once per activity, when a note names something else
        for ident, text in notes.items():
            path = base + (ident,)
            node = index.get(ident, (None, None))[1]
            if node is None or "note" not in type(node).model_fields:
                if takes_notes is None:
                    takes_notes = [i for i, (_, n) in index.items() if "note" in type(n).model_fields]
                problems.append(document.problem(path, f"no section, part or item with id '{ident}' in {activity_id}",
                                                 hints.did_you_mean(ident, takes_notes), key=True))
                continue
            problems += check_text(document, path, text, vocabulary)
            problems += check_guide_links(document, path, text, activities)
            problems += _optional_used(document, path, text, vocabulary, terms)
    return problems


def _check_presentation(district: District, document: Document, assets: Path | None) -> list[Problem]:
    problems = []
    if district.colors:
        accent = district.colors.accent or district.colors.primary
        for key, message in contrast_problems(district.colors.primary, accent):
            field = key if key == "primary" or district.colors.accent else "primary"
            problems.append(document.problem(("colors", field), message))
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
    from ..base.contained import link_problem  # the one rule for every path the guide reads
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
    hints = _Hints()
    for base, entries, index in _per_activity("overrides", district.overrides, document, activities,
                                              broken, problems):
        activity_id = base[1]
        for ident, value in entries.items():
            path = base + (ident,)
            if ident not in index:
                problems.append(document.problem(path, f"no item with id '{ident}' in {activity_id}",
                                                 hints.did_you_mean(ident, index), key=True))
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
                    problems += check_links_of(document, where, kind, text, activities)
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
    hints = _Hints()
    for base, idents, index in _per_activity("hide", district.hide, document, activities, broken, problems):
        activity_id = base[1]
        for position, ident in enumerate(idents):
            if ident == "overview":
                problems.append(document.problem(base + (position,), "the overview cannot be hidden",
                                                 "It is the activity's first page."))
            elif ident not in index:
                problems.append(document.problem(base + (position,), f"no item with id '{ident}' in {activity_id}",
                                                 hints.did_you_mean(ident, index)))
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
    targets = _link_targets(activities)
    return [problem for link in links
            for problem in targets.check(document, path, link.address, link.target, inside_text=True)]


def check_address_link(document: Document, path: tuple, url: str,
                       activities: dict[str, Activity]) -> list[Problem]:
    """An address field (a link's `url`) that leads to a page of this guide must name a page
    (and an item on it) that exists. Other addresses are checked by their kind."""
    target = check_address(url.strip())
    if not isinstance(target, GuideLink):
        return []
    return _link_targets(activities).check(document, path, url.strip(), target, inside_text=False)


def check_links_of(document: Document, path: tuple, kind: TextKind, value: str,
                   activities: dict[str, Activity]) -> list[Problem]:
    """The guide links of any field that takes them: guide Markdown or an address."""
    if kind is PROSE:
        return check_guide_links(document, path, value, activities)
    if kind is URL:
        return check_address_link(document, path, value, activities)
    return []


class _Hints:
    """Did-you-mean hints within a budget: each compares a word with every choice, so
    thousands of mistakes in one file would cost their square. Past the budget, problems
    are still reported, without a hint."""

    def __init__(self, comparisons: int = 50_000):  # about a second at worst
        self.left = comparisons

    def did_you_mean(self, word: str, choices) -> str | None:
        if len(choices) > self.left:
            return None
        self.left -= len(choices)
        return did_you_mean(word, choices)


class _LinkTargets:
    """The guide's pages and each page's anchors, listed once for a set of activities
    (a file may hold thousands of links)."""

    def __init__(self, activities: dict[str, Activity]):
        self.activities = activities
        self.key = _activities_key(activities)
        self.pages = all_pages(activities.values())
        self.addresses = ["/" + page for page in self.pages]
        self.anchors: dict[str, set[str]] = {}  # by activity id ('' for the home and activities pages)
        self.hints = _Hints()

    def page_anchors(self, source: str) -> set[str]:
        first = source.split("/")[0]
        key = first if first in self.activities else ""
        if key not in self.anchors:
            self.anchors[key] = anchors(source, self.activities)
        return self.anchors[key]

    def check(self, document: Document, path: tuple, address: str, target: GuideLink,
              *, inside_text: bool) -> list[Problem]:
        def problem(message: str, hint: str | None) -> Problem:
            return (document.problem_in_text(path, address, message, hint) if inside_text
                    else document.problem(path, message, hint))

        if target.path not in self.pages:
            return [problem(f"no page of this guide at '/{target.path}'",
                            self.hints.did_you_mean("/" + target.path, self.addresses) or
                            "Write the page's address from the site's root, e.g. /informational-interview/checklist/.")]
        if target.fragment:
            ids = self.page_anchors(self.pages[target.path])
            if target.fragment not in ids:
                return [problem(f"no item with id '{target.fragment}' on '/{target.path}'",
                                self.hints.did_you_mean(target.fragment, ids))]
        return []


_TARGETS: list[_LinkTargets] = []  # the last sets of activities checked (a build checks one)


def _activities_key(activities: dict[str, Activity]) -> tuple:
    return tuple((ident, id(activity)) for ident, activity in activities.items())


def _link_targets(activities: dict[str, Activity]) -> _LinkTargets:
    key = _activities_key(activities)
    for targets in _TARGETS:
        # The same models (kept alive by the entry, so their ids are not reused).
        if targets.key == key:
            return targets
    targets = _LinkTargets(dict(activities))
    _TARGETS[:] = [targets] + _TARGETS[:1]
    return targets


def anchors(source: str, activities: dict[str, Activity]) -> set[str]:
    """The ids a link may point at on a page: every item of its activity (a page shows its
    own; the ids are unique within the activity), or the home and activities pages' own."""
    first = source.split("/")[0]
    if first in activities:
        return {ident if "_" not in ident else ident.replace("_", "-") for ident in item_index(activities[first])}
    return {"activities", "contacts"} | set(activities) | {f"activity-{a}" for a in activities} | \
        {"awareness", "exploration", "preparation", "training"}


def check_all_links(models: list[tuple[Document, BaseModel]], activities: dict[str, Activity]) -> list[Problem]:
    """Links between pages, in every guide Markdown text and address of the given files."""
    return [problem for document, model in models for field in text_fields(model) if field.kind in (PROSE, URL)
            for problem in check_links_of(document, field.path, field.kind, field.value, activities)]
