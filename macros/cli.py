"""The `wbl-guide` command: check the data, scaffold a district, build every district's
site, export schemas.

Like the adapters, this is a thin layer over the core; a GuideError is printed, never a
traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .publishing.build_all import build_districts, summary_table
from .base.errors import GuideError
from .rendering.lint import shared_findings, translation_findings
from .rendering.spelling import spelling_findings
from .rendering.glossary import glossary_findings
from .rendering.readiness import readiness, report
from .data.editions import is_source
from .base.errors import Problem
from .data.model import LANGUAGE_PATTERN
from .data.project import DISTRICT_VARIABLE, cores, load_project, load_translations, shown_argument
from .data.translation_files import write_translation_files
from .data.translations import coverage, model_sources
from .rendering.scaffold import new_district
from .data.schemas import write_schemas
from .publishing.publish import editions_of, term_call_problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wbl-guide", description=(
        "Work-based learning activity guides: check the data, add a district and build "
        "every district's site."))
    parser.add_argument("--root", type=_path, default=Path.cwd(),
                        help="the project folder (holding data/ and mkdocs.yml); default: here")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("check", help="validate every district and activity, and lint shared text "
                        "for hard-coded district words, without building")
    scaffold = commands.add_parser(
        "new-district", help="start a new district: write data/districts/ID.yml from the default "
        "profile, with comments on what to change, and its own folder data/districts/ID/",
        description="Start a new district's profile from the default one. Nothing is overwritten.")
    scaffold.add_argument("id", metavar="ID", help="the new district's id: lowercase letters, digits "
                          "and hyphens, e.g. riverside")
    build = commands.add_parser(
        "build", help="build districts' sites into SITE/<id>/ in parallel, with a page listing them",
        description="Build each district's site with `mkdocs build --strict` into SITE/<id>/, "
        "several at a time, then write SITE/index.html listing them.")
    build.add_argument("districts", nargs="*", metavar="DISTRICT", help="the districts to build")
    build.add_argument("--all", action="store_true", help="build every district in data/districts/")
    build.add_argument("--site-dir", type=_path, default=None, metavar="SITE",
                       help="where to put the sites; default: site/ in the project folder")
    build.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                       help=f"builds at a time; default: one per core ({cores()} here)")
    translate = commands.add_parser(
        "translate", help="write data/translations/LANG/*.yml: every text to translate, with the "
        "English beside it; translations already made are kept, and changed English is flagged",
        description="Bring the translation files of a language up to date for a translator.")
    translate.add_argument("language", metavar="LANG", help="a language code, e.g. es")
    commands.add_parser("schemas", help="write schema/*.schema.json for editors from the models")
    args = parser.parse_args(argv)
    if args.command == "build" and args.all == bool(args.districts):
        build.error("name the districts to build, or give --all (not both)")
    try:
        return {"check": check, "new-district": scaffold_district, "build": build_sites,
                "translate": translate_files, "schemas": schemas}[args.command](args)
    except GuideError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:  # the file system's refusal (permission, name too long, disk full): no traceback
        print(f"wbl-guide: {error.strerror or error}" + (f": {error.filename}" if error.filename else ""),
              file=sys.stderr)
        return 1


def _path(value: str) -> Path:
    """A folder named on the command line: any path the system can name."""
    if "\0" in value:
        raise argparse.ArgumentTypeError("a path cannot hold a NUL character")
    return Path(value)


def check(args) -> int:
    """Every district's every edition, made as its build makes it (publish.editions_of),
    and everything lint finds, reported together."""
    project = load_project(args.root)
    misspelled, unchecked, unspelled = spelling_findings(project, args.root)
    for note in unchecked + unspelled:  # said first, so that it shows with any problem below
        print(note, file=sys.stderr)
    problems = shared_findings(project) + translation_findings(project) + misspelled + glossary_findings(project, args.root)
    sites = []
    for district in project.districts:
        editions = editions_of(project, args.root, district, pdf=False)
        sites += editions
        problems += editions[0].warnings  # the district's findings, as its build reports them
    pages = sum(len(site.pages) for site in sites)
    docs = docs_dir(args.root)
    for district in project.districts:  # term("...") in hand-written pages, as each build checks it
        problems += [p for p in term_call_problems(project, args.root, district, docs) if p not in problems]
    if problems:
        raise GuideError(problems)
    editions = len(sites)
    print(f"ok: {len(project.districts)} districts, {len(project.activities)} activities, {editions} editions, "
          f"{pages} pages rendered; no district words in shared text" + ("" if unchecked else ", no misspelled words"))
    for language in project.translations:
        figure = coverage(language, model_sources(project.activities, project.guide), project.translations[language])
        print(f"{language}: {figure.translated} of {figure.total} texts translated ({figure.percent}%), "
              f"{figure.stale} stale; the rest is shown in English, marked as English")
        if figure.unreviewed:  # its home page says so, in its language
            print(f"  not reviewed by anyone at the district yet (reviewed: false): {', '.join(figure.unreviewed)}")
    if project.stale:
        print(f"\n{len(project.stale)} stale translation(s): the English changed since they were translated "
              "(shown in English until updated):")
        for problem in sorted(project.stale):
            print(f"  {problem}".replace("\n", "\n  "))
    print("\n" + report(readiness(project)))  # notes, not errors: check still succeeds
    return 0


def translate_files(args) -> int:
    language = args.language.strip()
    if not re.fullmatch(LANGUAGE_PATTERN, language) or is_source(language):
        raise GuideError([Problem(f"wbl-guide translate {shown_argument(language)}", message=f"expected the code of a language "
                                  "to translate the English into, such as es or zh", hint=None)])
    project = load_project(args.root, districts=[])
    translations = load_translations(args.root, language, project)
    for path, todo, total in write_translation_files(args.root, language, model_sources(project.activities,
                                                                                          project.guide), translations):
        print(f"wrote {_shown(path, args.root)}: {total - todo} of {total} texts translated")
    return 0


def docs_dir(root: Path) -> Path:
    """The hand-written pages' folder that mkdocs.yml names (docs/ unless it says otherwise)."""
    config = Path(root) / "mkdocs.yml"
    found = re.search(r"^docs_dir:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$",
                      config.read_text(encoding="utf-8"), re.M) if config.is_file() else None
    return Path(root) / (found.group(1) if found else "docs")


def scaffold_district(args) -> int:
    made = new_district(args.root, args.id)
    for path in made.written:
        print(f"wrote {_shown(path, args.root)}")
    profile, folder = _shown(made.profile, args.root), _shown(made.assets, args.root)
    print(f"""
Next steps:
  1. Edit {profile}: replace every value marked CHANGE with your district's words.
     Put your logo in {folder}/ and name it in the profile.
  2. Preview your site as you edit:  {DISTRICT_VARIABLE}={args.id} mkdocs serve
  3. Check everything:               wbl-guide check""")
    return 0


def build_sites(args) -> int:
    site_dir = args.site_dir or args.root / "site"
    summary = build_districts(args.root, site_dir, None if args.all else args.districts,
                              jobs=args.jobs, report=lambda line: print(line, flush=True))
    print()
    print(summary_table(summary))
    if summary.failures:
        print(f"\n{len(summary.failures)} district(s) failed: "
              + ", ".join(r.district_id for r in summary.failures), file=sys.stderr)
        return 1
    print(f"\nOpen {_shown(summary.site_dir / 'index.html', args.root)} to see every district's guide.")
    return 0


def schemas(args) -> int:
    project = load_project(args.root, districts=[])
    for path in write_schemas(args.root, project.vocabulary):
        print(f"wrote {_shown(path, args.root)}")
    return 0


def _shown(path: Path, root: Path) -> str:
    path, root = Path(path).resolve(), Path(root).resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


if __name__ == "__main__":
    sys.exit(main())
