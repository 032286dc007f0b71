"""`wbl-guide new-district ID`: a new district's own files, made from the default profile.

A district lives in exactly two places, data/districts/<id>.yml and data/districts/<id>/,
so a fork that changes only those merges upstream updates without conflicts. The new
profile starts as a copy of the default district's values, with a comment on every key
saying what to change; the terms are described from data/terms.yml, so a term added
upstream shows up in the next scaffold without any change here.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..base.contained import make_folder_inside, writable_problem, write_inside
from ..base.errors import GuideError, Problem
from ..data.project import DEFAULT_DISTRICT, district_assets, district_id_problem, load_project, profile_path
from .render import template_environment

PROFILE_TEMPLATE = "district.yml.j2"
ASSETS_README_TEMPLATE = "district-assets.md.j2"


@dataclass(frozen=True)
class Scaffold:
    district_id: str
    profile: Path
    assets: Path
    written: tuple[Path, ...]


def new_district(root: Path, district_id: str) -> Scaffold:
    """Write data/districts/<id>.yml and data/districts/<id>/; never overwrite anything."""
    root = Path(root)
    invalid = district_id_problem(district_id, f"new-district {district_id}", lambda valid: _try(root, valid))
    if invalid:
        raise GuideError([invalid])
    profile = profile_path(root, district_id)
    assets = district_assets(root, district_id)
    readme = assets / "README.md"
    # Both places checked before either is written: a planted link (even a broken one, which
    # exists() does not see) never has a file written through it.
    problems = [problem for problem in (writable_problem(root, profile), writable_problem(root, assets, folder=True),
                                        writable_problem(root, readme)) if problem]
    if problems:
        raise GuideError(problems)
    if profile.exists():
        raise GuideError([Problem(_shown(profile, root), message="already exists; nothing was changed",
                                  hint="Edit that file, or pick another id for a new district.")])
    project = load_project(root, [DEFAULT_DISTRICT])
    default = project.sources[f"districts/{DEFAULT_DISTRICT}"].data
    context = {"id": district_id, "default_id": DEFAULT_DISTRICT, "default": default,
               "vocabulary": project.vocabulary, "activity": _example_activity(project.activities)}
    environment = _environment()
    written = []
    write_inside(root, profile, environment.get_template(PROFILE_TEMPLATE).render(**context))
    written.append(profile)
    make_folder_inside(root, assets)
    if not readme.exists():
        write_inside(root, readme, environment.get_template(ASSETS_README_TEMPLATE).render(**context))
        written.append(readme)
    return Scaffold(district_id, profile, assets, tuple(written))


def _try(root: Path, valid_id: str) -> str:
    """The hint for an invalid id: the command with a valid one, unless that one is taken."""
    if profile_path(root, valid_id).exists():
        return f"{_shown(profile_path(root, valid_id), root)} already exists: edit it, or choose another id."
    return f"The id names the profile and the site's folder. Try: wbl-guide new-district {valid_id}"


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _environment():
    env = template_environment(autoescape=False, keep_trailing_newline=True)
    env.filters["yaml"] = yaml_value
    env.filters["comment"] = comment
    return env


def yaml_value(value, indent: int = 0) -> str:
    """A value as YAML to follow `key:` directly: inline for text and short lists, a block
    for a mapping (indented by `indent` spaces), a folded block for long text."""
    if isinstance(value, str) and len(value) > 60:
        lines = textwrap.wrap(value, width=86 - indent)
        pad = " " * (indent + 2)
        return " >-\n" + "\n".join(pad + line for line in lines)
    if isinstance(value, dict):
        dumped = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
        return "\n" + textwrap.indent(dumped.rstrip("\n"), " " * (indent + 2))
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000)
    return " " + dumped.removesuffix("\n").removesuffix("\n...").strip()


def comment(text: str, indent: int = 0) -> str:
    """Prose as YAML comment lines, wrapped."""
    pad = " " * indent + "# "
    return "\n".join(pad + line for line in textwrap.wrap(" ".join(text.split()), width=88 - len(pad)))


def _example_activity(activities) -> str:
    """The activity the profile's commented examples name: the Informational Interview
    (every example fits it), else the first."""
    return "informational-interview" if "informational-interview" in activities else sorted(activities)[0]
