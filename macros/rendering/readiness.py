"""`wbl-guide check`'s readiness report: what each district has not given yet.

A profile that validates can still publish a guide that is generic, empty in places, or
someone else's: `wbl-guide new-district` copies the default district's values, and they
pass every check. These are notes, never errors (a district may publish without contacts
or credit notes), so check still succeeds; they are listed so that a district's web person
sees, before publishing, every place the guide would show nothing of theirs.

Each note is a Problem, located in the district's profile like check's problems: at the
key, at the scaffold's commented-out block where the key would go, or at the file alone.
It sits in the rendering layer because what is "not published" is resolve.py's own_forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..base.errors import Problem
from ..data.loader import Document, format_path
from ..data.model import District
from ..data.project import DEFAULT_DISTRICT, Project
from .resolve import own_forms

COPIED = "copied"
LEGAL = "legal"
NOT_GIVEN = "not given"
# A profile's settings, not its words: the same language or paper as the default district's
# is a choice, not a leftover.
SETTINGS = {"language", "languages", "paper", "school_year_start"}
# A term's grammar: "gender: m" kept beside new Spanish words is not the default's wording.
GRAMMAR = {"gender", "article"}
HINTS = {
    "name": "Your district's or program's name.",
    "site_name": "Your site's title: in the header, the browser tab and on the PDF covers.",
    "coordinator_note": "Who counts as a coordinator in your district (a note on the checklist).",
}


@dataclass(frozen=True)
class Note:
    group: str  # COPIED, LEGAL or NOT_GIVEN
    where: Problem  # located like check's problems; its message says what is missing
    names: tuple[str, ...] = ()  # the forms a legal note names, the activities a credit note does


@dataclass(frozen=True)
class Readiness:
    district_id: str
    notes: tuple[Note, ...]

    @property
    def copied(self) -> list[Note]:
        return [note for note in self.notes if note.group == COPIED]


def readiness(project: Project) -> list[Readiness]:
    """Every district's notes, in the order check lists districts."""
    return [district_readiness(project, district_id) for district_id in project.districts]


def district_readiness(project: Project, district_id: str) -> Readiness:
    district = project.districts[district_id]
    document = project.sources[f"districts/{district_id}"]
    default = project.sources.get(f"districts/{DEFAULT_DISTRICT}")
    notes: list[Note] = []
    # The default district is what the others are compared with, never with itself.
    if default is not None and district_id != DEFAULT_DISTRICT:
        notes += [Note(COPIED, problem) for problem in _copied_notes(project, document, default)]
    notes += _legal_notes(project, district, document)
    notes += _missing_notes(project, district, document)
    return Readiness(district_id, tuple(notes))


# Values still the default district's ----------------------------------------------------


def _copied_notes(project: Project, document: Document, default: Document) -> list[Problem]:
    neutral = _neutral_terms(document.data, default.data)
    found = []
    for path in _copied(document.data, default.data, (), neutral):
        value = _value_at(document.data, path)
        found.append(_at_key(document, path, f"still {DEFAULT_DISTRICT}'s {_shown(value)}",
                             _hint(project, path)))
    return sorted(found, key=lambda problem: problem.line or 0)


def _copied(mine: Any, theirs: Any, path: tuple, neutral: set[str]):
    """The paths where the profile holds the default's value: a term's forms count as one
    value when all are the default's; elsewhere each text (or list) is a value."""
    if isinstance(mine, dict) and isinstance(theirs, dict):
        if _is_term(path) and mine == theirs:
            yield path
            return
        for key, value in mine.items():
            child = path + (key,)
            if key in theirs and not _exempt(child, neutral):
                yield from _copied(value, theirs[key], child, neutral)
    elif mine == theirs:
        yield path


def _is_term(path: tuple) -> bool:
    return len(path) >= 2 and path[-2] == "terms"


def _exempt(path: tuple, neutral: set[str]) -> bool:
    if path[0] in SETTINGS and len(path) == 1:
        return True
    if _is_term(path) and path[-1] in neutral:
        return True
    return "terms" in path[:-1] and path[-1] in GRAMMAR and not _is_term(path)


def _neutral_terms(mine: dict, theirs: dict) -> set[str]:
    """Terms where the default district uses the guide's own word (learner: learner,
    remote: remote) and this profile keeps it: that word is no district's, so it and its
    translations are a fine choice. Changed in English, its kept translation is reported."""
    mine_terms, their_terms = mine.get("terms") or {}, theirs.get("terms") or {}
    return {key for key, value in their_terms.items()
            if _singular(value).lower() == key.replace("_", " ") and mine_terms.get(key) == value}


def _singular(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("singular", "")
    return value if isinstance(value, str) else ""


def _value_at(data: Any, path: tuple) -> Any:
    for step in path:
        data = data[step]
    return data


def _shown(value: Any) -> str:
    if isinstance(value, dict):  # a term's forms: its singular says which
        return _shown(value.get("singular", next(iter(value.values()), ""))) + " (and its forms)"
    if isinstance(value, list):  # a list of mappings (contacts) by their ids
        return "[" + ", ".join(str(item.get("id", "...")) if isinstance(item, dict) else str(item)
                               for item in value) + "]"
    text = " ".join(str(value).split())
    return "'" + (text if len(text) <= 60 else text[:57] + "...") + "'"


def _hint(project: Project, path: tuple) -> str:
    edition = ""
    if path[0] == "translations" and len(path) > 2:
        edition, path = f"In the '{path[1]}' edition: ", path[2:]
    if path[0] == "terms" and len(path) > 1 and path[1] in project.vocabulary.specs:
        spec = project.vocabulary.specs[path[1]]
        hint = f"Your word: {' '.join(spec.description.split())}"
        hint += f" For example: {spec.example}." if spec.example else ""
        hint += " Or delete the line if your district has none." if spec.optional and len(path) == 2 else ""
    else:
        hint = HINTS.get(path[0], "Give your district's own value.")
    return edition + hint


# What the profile does not give -------------------------------------------------------


def _legal_notes(project: Project, district: District, document: Document) -> list[Note]:
    """One note per legal wording the profile lacks, naming the forms that ask for it: the
    guide writes no legal text, so those forms are not published (resolve.own_forms)."""
    forms: dict[str, list[str]] = {}
    for activity in project.activities.values():
        if activity.id in district.hide_activities:
            continue
        for handout in own_forms(activity, district):
            forms.setdefault(handout.consent.wording, []).append(f"{activity.title}: “{handout.title}”")
    line = _block_line(document, "legal")
    return [Note(LEGAL, Problem(document.file, line, None, f"legal.{key}", f"not given, so {'; '.join(titles)} "
                                f"{'is' if len(titles) == 1 else 'are'} not published",
                                f"Add `{key}: <your district's wording>` under `legal:`; the guide never "
                                "writes legal text."), tuple(titles))
            for key, titles in sorted(forms.items())]


def _missing_notes(project: Project, district: District, document: Document) -> list[Note]:
    notes = []
    if not district.contacts:
        notes.append(_not_given(document, "contacts", "none given: the home page lists no one to ask",
                                "Add `contacts:`: a name, role, email or phone for each person to ask."))
    if not district.resources:
        notes.append(_not_given(document, "resources", "none given: the resources pages list no local links",
                                "Add `resources:`: a title and url for each local link."))
    if not district.logo:
        notes.append(_not_given(document, "logo", "none given: the header shows the theme's icon",
                                f"Put your logo in {document.file.removesuffix('.yml')}/ and name it under `logo:`."))
    # Credit notes are optional: a district may have no standing for credit to state.
    uncredited = [activity_id for activity_id in project.activities
                  if activity_id not in district.hide_activities
                  and not (district.activities.get(activity_id) and district.activities[activity_id].credit)]
    if uncredited:
        note = _not_given(document, "activities", "not given for " + ", ".join(sorted(uncredited)),
                          "If your district gives one, state each activity's standing for credit or "
                          "hours under `activities: <id>: credit:` (shown on its fact sheet).")
        notes.append(Note(note.group, note.where, tuple(sorted(uncredited))))
    return notes


def _not_given(document: Document, key: str, message: str, hint: str) -> Note:
    shown = "activities.<id>.credit" if key == "activities" else key
    return Note(NOT_GIVEN, Problem(document.file, _block_line(document, key), None, shown, message, hint))


def _at_key(document: Document, path: tuple, message: str, hint: str) -> Problem:
    line, _ = document.where(path, key=True)
    return Problem(document.file, line, None, format_path(path), message, hint)


def _block_line(document: Document, key: str) -> int | None:
    """Where `key` goes in the profile: its own line if it is written, else the line of the
    scaffold's commented-out example (`# contacts:`), else nowhere in particular."""
    if (key,) in document.keys:
        return document.keys[(key,)][0]
    commented = re.compile(rf"#\s?{re.escape(key)}:")
    return next((number for number, text in enumerate(document.lines, 1) if commented.match(text)), None)


# The report as check prints it ---------------------------------------------------------

GROUP_TITLES = {
    COPIED: f"Still the default district's ({DEFAULT_DISTRICT}), to replace with your own",
    LEGAL: "Legal wording not given (the downloads page says the district uses its own form)",
    NOT_GIVEN: "Not given (the guide shows nothing of yours there)",
}


def report(readiness_list: list[Readiness]) -> str:
    """The notes as a district's web person reads them: a heading per district, then its
    notes grouped, each located."""
    blocks = ["Readiness: what each district has not given yet (notes, not errors; the guide builds without them)"]
    for ready in readiness_list:
        blocks.append(_heading(ready) + "".join(_group(ready, group) for group in GROUP_TITLES))
    return "\n\n".join(blocks)


def _heading(ready: Readiness) -> str:
    count = len(ready.notes)
    if ready.copied:  # its guide would publish another district's name and words
        return f"{ready.district_id}: not ready to publish: {count} thing{'s' if count != 1 else ''} to give"
    if not ready.notes:
        return f"{ready.district_id}: ready: nothing left to give"
    parts = []
    legal = [note for note in ready.notes if note.group == LEGAL]
    if legal:
        forms = sum(len(note.names) for note in legal)
        parts.append(f"legal wording for {forms} form{'s' if forms != 1 else ''}")
    for note in ready.notes:
        if note.group == NOT_GIVEN:
            key = note.where.key
            parts.append(f"credit notes for {len(note.names)} activit{'y' if len(note.names) == 1 else 'ies'}"
                         if key.startswith("activities") else {"resources": "local resources"}.get(key, key))
    return f"{ready.district_id}: ready except: " + ", ".join(parts)


def _group(ready: Readiness, group: str) -> str:
    notes = [note for note in ready.notes if note.group == group]
    if not notes:
        return ""
    lines = [f"\n  {GROUP_TITLES[group]}:"]
    lines += ["    " + str(note.where).replace("\n", "\n    ") for note in notes]
    return "\n".join(lines)
