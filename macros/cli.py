"""The `wbl-guide` command: check the data, export schemas (more commands join later).

Like the adapters, this is a thin layer over the core; a GuideError is printed, never a
traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import GuideError
from .lint import lint
from .project import load_project
from .schemas import write_schemas
from .site import assemble


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wbl-guide", description=(
        "Work-based learning activity guides: check the data and build district sites."))
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the project folder (holding data/ and mkdocs.yml); default: here")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("check", help="validate every district and activity, and lint shared text "
                        "for hard-coded district words, without building")
    commands.add_parser("schemas", help="write schema/*.schema.json for editors from the models")
    args = parser.parse_args(argv)
    try:
        return {"check": check, "schemas": schemas}[args.command](args.root)
    except GuideError as error:
        print(error, file=sys.stderr)
        return 1


def check(root: Path) -> int:
    project = load_project(root)
    pages = sum(len(assemble(project, district).pages) for district in project.districts)
    problems = lint(project)
    if problems:
        raise GuideError(problems)
    print(f"ok: {len(project.districts)} districts, {len(project.activities)} activities, "
          f"{pages} pages rendered; no district words in shared text")
    return 0


def schemas(root: Path) -> int:
    project = load_project(root, districts=[])
    for path in write_schemas(root, project.vocabulary):
        print(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
