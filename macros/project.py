"""Load and validate every data file a build needs, once, before anything is written.

All problems in all files are collected and raised together as one GuideError.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import GuideError, Problem, Problems
from .loader import Document, load_yaml
from .model import Activity, District, Guide, TermEntry
from .schema_errors import validate_model
from .suggest import did_you_mean
from .terms import Term, TermSpec, Vocabulary
from .validate import check_activity, check_district, check_text, check_vocabulary_entry, texts

DEFAULT_DISTRICT = "earn-and-learn"
DISTRICT_VARIABLE = "GUIDE_DISTRICT"


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


def data_dir(root: Path) -> Path:
    return root / "data"


def district_assets(root: Path, district_id: str) -> Path:
    """The district's own folder, beside its profile, for its logo and other files."""
    return data_dir(root) / "districts" / district_id


def district_ids(root: Path) -> list[str]:
    return sorted(path.stem for path in (data_dir(root) / "districts").glob("*.yml"))


def activity_ids(root: Path) -> list[str]:
    return sorted(path.stem for path in (data_dir(root) / "activities").glob("*.yml"))


def choose_district(root: Path, requested: str | None) -> str:
    """The district to build: GUIDE_DISTRICT's value, or the default when it is unset."""
    requested = (requested or "").strip() or DEFAULT_DISTRICT
    available = district_ids(root)
    if requested in available:
        return requested
    listing = ", ".join(available) or "none"
    hint = did_you_mean(requested, available)
    raise GuideError([Problem(
        f"{DISTRICT_VARIABLE}={requested}",
        message=f"no district profile data/districts/{requested}.yml (available: {listing})",
        hint=hint or "Create one with: wbl-guide new-district " + requested)])


def load_project(root: Path, districts: list[str] | None = None) -> Project:
    """Load shared data and the given districts (all of them when None)."""
    root = Path(root)
    problems = Problems()
    sources: dict[str, Document] = {}
    vocabulary = _load_vocabulary(root, problems, sources)
    guide = _load_guide(root, vocabulary, problems, sources)
    activities = _load_activities(root, vocabulary, problems, sources)
    chosen = district_ids(root) if districts is None else districts
    loaded: dict[str, District] = {}
    terms: dict[str, dict[str, Term]] = {}
    for district_id in chosen:
        path = data_dir(root) / "districts" / f"{district_id}.yml"
        document = _read(path, root, problems)
        if document is None:
            continue
        sources[f"districts/{district_id}"] = document
        district, found = validate_model(District, document)
        problems.extend(found)
        if district is None or vocabulary is None:
            continue
        broken = set(activity_ids(root)) - set(activities)
        district_terms, found = check_district(district, document, vocabulary, activities, broken,
                                               assets=district_assets(root, district_id))
        problems.extend(found)
        loaded[district_id] = district
        terms[district_id] = district_terms
    problems.raise_if_any()
    return Project(root, vocabulary, guide, activities, loaded, terms, sources)


def _read(path: Path, root: Path, problems: Problems) -> Document | None:
    document, found = load_yaml(path, root)
    problems.extend(found)
    if document is not None and not isinstance(document.data, dict):
        problems.add(document.problem((), "expected a mapping of keys at the top of the file, "
                                      f"received {'a list' if isinstance(document.data, list) else 'text'}"))
        return None
    return document


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
        for path, text, _ in texts(guide):
            problems.extend(check_text(document, path, text, vocabulary))
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
