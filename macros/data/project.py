"""Load and validate every data file a build needs, once, before anything is written.

All problems in all files are collected and raised together as one GuideError.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..base.contained import link_problem, plain_file_problem
from ..base.errors import GuideError, Problem, Problems
from .loader import Document, load_yaml
from .model import ID_PATTERN, Activity, District, Guide, TermEntry
from .schema_errors import validate_model
from ..base.suggest import did_you_mean
from ..words.terms import Term, Terms, TermSpec, Vocabulary
from .editions import Within, check_languages, contact_problems, is_translated, own_section, section_as_district
from ..words.grammars import vocabulary_in
from ..words.languages import base
from .translations import GUIDE, Translation, Unit, empty, read_translation, stale_entries, translations_dir, units
from .term_values import check_vocabulary_entry
from .validate import (check_activity, check_all_links, check_district, check_fields, check_guide_links,
                       check_stages)

DEFAULT_DISTRICT = "earn-and-learn"
DISTRICT_VARIABLE = "GUIDE_DISTRICT"  # the environment variable naming the district to build
# The editions to make: a language code (one edition), `default` (the district's first
# language) or `all`; unset means all for `mkdocs build`, the default one for `mkdocs serve`.
LANGUAGE_VARIABLE = "GUIDE_LANGUAGE"
EVERY_EDITION, DEFAULT_EDITION = "all", "default"
PDF_VARIABLE = "GUIDE_PDF"  # the environment variable that turns the PDFs off (0, no, false, off)
_ID = re.compile(ID_PATTERN)
ID_RULE = "lowercase letters, digits and hyphens, such as 'riverside' or 'district-12'"


@dataclass(frozen=True)
class Project:
    """Everything in data/, validated: shared text plus the districts asked for."""

    root: Path
    vocabulary: Vocabulary
    guide: Guide
    activities: dict[str, Activity]
    districts: dict[str, District]
    terms: dict[str, dict[str, Term]]  # district id -> its terms
    sources: dict[str, Document]  # "terms", "guide", "activities/<id>", "districts/<id>"
    # Other languages: language -> translation file name ("guide" or an activity id) -> translation
    translations: dict[str, dict[str, Translation]] = field(default_factory=dict)
    edition_terms: dict[tuple[str, str], dict[str, Term]] = field(default_factory=dict)  # (district, language)
    stale: tuple[Problem, ...] = ()  # translations whose English changed since

    def terms_for(self, district_id: str, language: str | None = None) -> Terms:
        """The district's words for an edition: in its language's grammar, with its English
        words for text still in English."""
        english = Terms(self.vocabulary, self.terms[district_id])
        if (district_id, language) not in self.edition_terms:
            return english
        return Terms(vocabulary_in(self.vocabulary, language), self.edition_terms[(district_id, language)], english)


def data_dir(root: Path) -> Path:
    return root / "data"


def district_assets(root: Path, district_id: str) -> Path:
    """The district's own folder, beside its profile, for its logo and other files."""
    return data_dir(root) / "districts" / district_id


def profile_path(root: Path, district_id: str) -> Path:
    """data/districts/<id>.yml: the district's profile."""
    return data_dir(root) / "districts" / f"{district_id}.yml"


def shown_profile(district_id: str) -> str:
    """The profile's path as messages show it, relative to the project."""
    return profile_path(Path(), district_id).as_posix()


def cores() -> int:
    """The cores this process may use (fewer than the machine's in a limited container)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# District ids --------------------------------------------------------------------------
# An id names the profile, the district's folder and its site's folder, and is typed in
# commands and GUIDE_DISTRICT; every entrance checks it here, the same way.


MAX_ID_LENGTH = 64  # an id names files and folders (a file name holds at most 255 bytes)


def is_district_id(value: str) -> bool:
    return len(value) <= MAX_ID_LENGTH and _ID.fullmatch(value) is not None  # "x\n" is no id


def suggested_id(value: str) -> str:
    """A valid id made from `value` ("My District" -> "my-district"); "" when nothing is left."""
    ascii_ = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:MAX_ID_LENGTH].strip("-")


def district_id_problem(value: str, where: str, fix: Callable[[str], str]) -> Problem | None:
    """None when `value` is a valid district id; else a Problem located at `where`, whose hint
    is fix(a valid id made from the value): a command or a file name that works."""
    if is_district_id(value):
        return None
    suggestion = suggested_id(value)
    shown = shown_argument(value)
    rule = f"at most {MAX_ID_LENGTH} characters" if _ID.fullmatch(value) else ID_RULE
    other = next((c for c in value if not c.isascii() and c.isprintable()), None)
    if other is not None:  # a look-alike ('а', Cyrillic) reads as the letter it is not
        rule += f"; '{other}' is {unicodedata.name(other, 'a character').lower()}, not an ASCII letter"
    return Problem(where.replace(value, shown), message=f"'{shown}' is not a district id: an id is {rule}",
                   hint=fix(suggestion) if suggestion else f"Choose an id of {ID_RULE}.")


def shown_argument(value: str) -> str:
    """An argument or variable as a message quotes it: short, and with what cannot be seen
    (a NUL, a newline) written as an escape."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in value[:40]) + ("..." if len(value) > 40 else "")


def _profile_stems(root: Path) -> list[str]:
    # Hidden files (an editor's lock file such as .#nyc.yml) are not profiles.
    return sorted(path.stem for path in _data_files(root, "districts") if not path.name.startswith("."))


def _data_files(root: Path, folder: str) -> list[Path]:
    """The *.yml files of data/<folder>/, listed only when the folder is no link out of the
    project (a listing would show, and the loader read, another folder's files)."""
    path = data_dir(root) / folder
    _check_data_folders(root, [path])
    return sorted(path.glob("*.yml"))


def _check_data_folders(root: Path, folders: list[Path]) -> None:
    problems = [problem for problem in (link_problem(root, folder) for folder in folders) if problem]
    if problems:
        raise GuideError(problems)


def district_ids(root: Path) -> list[str]:
    """Every district's id, from its profile's file name. A profile whose name is not a valid
    id is an error (it could be neither built nor published), never skipped."""
    stems = _profile_stems(root)

    def rename(stem: str) -> Callable[[str], str]:
        def fix(new_id: str) -> str:
            if new_id in stems:
                return f"Rename it: {shown_profile(new_id)} already exists, so choose another id of {ID_RULE}."
            folder = district_assets(root, stem)
            return (f"Rename it to {shown_profile(new_id)}"
                    + (f", and its folder data/districts/{stem}/ to data/districts/{new_id}/" if folder.is_dir() else "")
                    + ".")
        return fix

    problems = [district_id_problem(stem, shown_profile(stem), rename(stem)) for stem in stems]
    if any(problems):
        raise GuideError([problem for problem in problems if problem])
    return stems


def activity_ids(root: Path) -> list[str]:
    return sorted(path.stem for path in _data_files(root, "activities"))


def choose_district(root: Path, requested: str | None) -> str:
    """The district to build: GUIDE_DISTRICT's value, or the default when it is unset."""
    requested = (requested or "").strip() or DEFAULT_DISTRICT
    where = f"{DISTRICT_VARIABLE}={requested}"
    stems = _profile_stems(root)

    def fix(new_id: str) -> str:
        if new_id in stems:
            return f"Did you mean {DISTRICT_VARIABLE}={new_id}?"
        if requested in stems:  # a profile named with an invalid id
            return f"Rename {shown_profile(requested)} to {shown_profile(new_id)}, then set {DISTRICT_VARIABLE}={new_id}."
        return f"Create a district with: wbl-guide new-district {new_id}"

    invalid = district_id_problem(requested, where, fix)
    if invalid:
        raise GuideError([invalid])
    if profile_path(root, requested).is_file():
        return requested
    available = [stem for stem in stems if is_district_id(stem)]
    hint = did_you_mean(requested, available)
    raise GuideError([Problem(
        where, message=f"no district profile {shown_profile(requested)} (available: {', '.join(available) or 'none'})",
        hint=hint or "Create one with: wbl-guide new-district " + requested)])


def load_project(root: Path, districts: list[str] | None = None) -> Project:
    """Load shared data and the given districts (all of them when None)."""
    root = Path(root)
    # Every folder of data/ leads nowhere outside the project (contained.py), before any is read.
    _check_data_folders(root, [data_dir(root) / name for name in ("activities", "districts", "translations")])
    problems = Problems()
    sources: dict[str, Document] = {}
    vocabulary = _load_vocabulary(root, problems, sources)
    guide = _load_guide(root, vocabulary, problems, sources)
    activities = _load_activities(root, vocabulary, problems, sources)
    shared = [(sources["guide"], guide)] if guide is not None else []
    shared += [(sources[f"activities/{a}"], activity) for a, activity in activities.items()]
    problems.extend(check_all_links(shared, activities))
    stages = [stage.id for stage in guide.activities.stages] if guide is not None else []
    problems.extend(check_stages(activities, sources, stages))
    chosen = district_ids(root) if districts is None else districts
    loaded: dict[str, District] = {}
    terms: dict[str, dict[str, Term]] = {}
    edition_terms: dict[tuple[str, str], dict[str, Term]] = {}
    for district_id in chosen:
        path = profile_path(root, district_id)
        document = _read(path, root, problems)
        if document is None:
            continue
        sources[f"districts/{district_id}"] = document
        district, found = validate_model(District, document)
        problems.extend(found)
        if district is None or vocabulary is None:
            continue
        broken = set(activity_ids(root)) - set(activities)
        assets = _assets_checked(root, district_id, district, document, problems)
        district_terms, found = check_district(district, document, vocabulary, activities, broken,
                                               assets=assets, stages=stages)
        problems.extend(found)
        loaded[district_id] = district
        terms[district_id] = district_terms
        problems.extend(check_languages(district, document, activities))
        for language in district.editions():
            own = own_section(district, language)
            if not is_translated(district, language):
                continue
            section = ("translations", language if language in district.translations else base(language))
            own_terms, found = check_district(section_as_district(district, own, language), Within(document, section),
                                              vocabulary_in(vocabulary, language), activities, broken, stages=stages)
            problems.extend(found)
            problems.extend(contact_problems(district, own, document, section[1]))
            edition_terms[(district_id, language)] = own_terms
    languages = sorted({language for d in loaded.values() for language in d.editions() if is_translated(d, language)})
    translations, stale = {}, []
    units_of: dict[str, dict[str, Unit]] = {}  # each English file's units, worked out once for every language
    if vocabulary is not None and guide is not None:
        for language in languages:
            translations[language], found = _load_translations(root, language, vocabulary, guide, activities,
                                                                problems, sources, units_of)
            stale += found
    problems.raise_if_any()
    return Project(root, vocabulary, guide, activities, loaded, terms, sources, translations, edition_terms,
                   tuple(stale))


def _load_translations(root: Path, language: str, vocabulary: Vocabulary, guide: Guide,
                       activities: dict[str, Activity], problems: Problems, sources: dict,
                       units_of: dict[str, dict[str, Unit]]) -> tuple[dict[str, Translation], list[Problem]]:
    """data/translations/<language>/*.yml (or the base language's folder: es for es-MX),
    checked against their English; returns them with the stale entries found. `units_of`
    keeps each English file's translatable units (translations.units) from one language to
    the next: they depend on the English alone."""
    folder = translations_dir(root, language)
    if not folder.is_dir() and not folder.is_symlink():
        folder = translations_dir(root, base(language))
    english = {GUIDE: guide, **activities}
    language_vocabulary = vocabulary_in(vocabulary, language)
    found: dict[str, Translation] = {}
    stale: list[Problem] = []
    linked_out = link_problem(root, folder)
    if linked_out is not None:  # its files are not listed, let alone read
        problems.add(linked_out)
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() and linked_out is None else []:
        if path.name.startswith("."):
            continue
        name = path.stem
        if name not in english:
            problems.add(Problem(path.relative_to(root).as_posix(), message=f"translates '{name}', which is neither "
                                 "data/guide.yml nor an activity", hint=did_you_mean(name, english)
                                 or "Name the file after the English it translates: guide.yml or <activity id>.yml."))
            continue
        document = _read(path, root, problems)
        if document is None:
            continue
        sources[f"translations/{language}/{name}"] = document

        def links(doc, where, text):
            return check_guide_links(doc, where, text, activities)

        if name not in units_of:
            units_of[name] = units(english[name])
        translation, errors = read_translation(document, language, name, units_of[name], language_vocabulary, links)
        problems.extend(errors)
        found[name] = translation
        source_document = sources["guide"] if name == GUIDE else sources[f"activities/{name}"]
        stale += stale_entries(translation, units_of[name], source_document)
    return {name: found.get(name) or empty(language, name) for name in english}, stale


def _read(path: Path, root: Path, problems: Problems) -> Document | None:
    document, found = load_yaml(path, root)  # never through a link out of its folder, nor a pipe
    problems.extend(found)
    if document is not None and not isinstance(document.data, dict):
        problems.add(document.problem((), "expected a mapping of keys at the top of the file, "
                                      f"received {'a list' if isinstance(document.data, list) else 'text'}"))
        return None
    return document


def _assets_checked(root: Path, district_id: str, district: District, document: Document,
                    problems: Problems) -> Path | None:
    """The district's folder (data/districts/<id>/), or None when it is a link out of the
    project or its logo is no plain file (a named pipe would hang the build): the profile's
    checks then read nothing in it. The logo's name, size and image are checked with the
    profile (validate.py)."""
    assets = district_assets(root, district_id)
    problem = link_problem(root, assets)
    if problem is not None:
        problems.add(problem)
        return None
    logo = district.logo or ""
    # A logo that is a link out is validate.py's to report, where it checks the logo's name.
    if logo and Path(logo).name == logo and logo not in (".", "..") and link_problem(root, assets / logo) is None:
        problem = plain_file_problem(root, assets / logo)
        if problem is not None:
            problems.add(document.problem(("logo",), f"{problem.file} {problem.message}", problem.hint))
            return None
    return assets


def _load_vocabulary(root: Path, problems: Problems, sources: dict) -> Vocabulary | None:
    document = _read(data_dir(root) / "terms.yml", root, problems)
    if document is None:
        return None
    sources["terms"] = document
    specs: dict[str, TermSpec] = {}
    for key in document.data:
        entry, found = validate_model(TermEntry, document, (key,))
        problems.extend(found)
        if entry is None:
            continue
        problems.extend(check_vocabulary_entry(key, entry.kind, document))
        specs[key] = TermSpec(key, entry.kind, entry.optional, tuple(entry.variants),
                              entry.description, entry.example, tuple(entry.shared_words))
    return Vocabulary(specs)


def _load_guide(root: Path, vocabulary: Vocabulary | None, problems: Problems, sources: dict) -> Guide | None:
    document = _read(data_dir(root) / "guide.yml", root, problems)
    if document is None:
        return None
    sources["guide"] = document
    guide, found = validate_model(Guide, document)
    problems.extend(found)
    if guide is not None and vocabulary is not None:
        problems.extend(check_fields(guide, document, vocabulary))
    return guide


def _load_activities(root: Path, vocabulary: Vocabulary | None, problems: Problems,
                     sources: dict) -> dict[str, Activity]:
    activities: dict[str, Activity] = {}
    ids = activity_ids(root)
    if not ids:
        problems.add(Problem("data/activities", message="holds no activity files (*.yml)"))
    for stem in ids:
        document = _read(data_dir(root) / "activities" / f"{stem}.yml", root, problems)
        if document is None:
            continue
        sources[f"activities/{stem}"] = document
        activity, found = validate_model(Activity, document)
        problems.extend(found)
        if activity is None:
            continue
        if vocabulary is not None:
            problems.extend(check_activity(activity, document, vocabulary, stem))
        activities[stem] = activity
    return activities


def choose_language(district: District, requested: str | None) -> str:
    """The edition to build: GUIDE_LANGUAGE's value (one of the district's languages), or
    the district's default language when it is unset or `default`."""
    requested = (requested or "").strip()
    editions = district.editions()
    if not requested or requested.lower() == DEFAULT_EDITION:
        return editions[0]
    for code in editions:
        if code.lower() == requested.lower():
            return code
    shown = shown_argument(requested)
    raise GuideError([Problem(f"{LANGUAGE_VARIABLE}={shown}",
                              message=f"the district publishes no '{shown}' edition (its languages: "
                                      f"{', '.join(editions)})",
                              hint=did_you_mean(requested, editions) or "Add it to `languages:` in the profile, "
                              f"or write {EVERY_EDITION} (every edition) or {DEFAULT_EDITION} (the first).")])


def load_translations(root: Path, language: str, project: Project) -> dict[str, Translation]:
    """One language's translation files, checked (for `wbl-guide translate`)."""
    problems = Problems()
    found, _ = _load_translations(Path(root), language, project.vocabulary, project.guide, project.activities,
                                  problems, dict(project.sources), {})
    problems.raise_if_any()
    return found
