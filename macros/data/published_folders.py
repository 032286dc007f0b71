"""The folders MkDocs reads as they are, docs/ and the theme's overrides/, stay inside the project.

MkDocs follows symbolic links there: it copies every file of docs/ into the site, renders
its pages, and reads the theme's templates and assets from overrides/. So a pull request
adding `docs/x.md -> /etc/passwd`, or `overrides/main.html -> ~/.ssh/id_rsa`, would publish
that file, and `docs/x.md -> /dev/zero` would never finish. Each file and folder of them
follows contained.py's rule (a link leads inside the folder holding it), and is a plain
file or folder (a named pipe would hang the build). Checked before anything reads them.

A folder named outside the project (a docs_dir the operator chose) is the operator's
choice, as with contained.py's output folders: it is not checked here.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..base.contained import link_problem, named_inside, plain_file_problem
from ..base.errors import Problem


def file_problem(root: Path, path: Path) -> Problem | None:
    """None when `path` may be read: named outside the project (the operator's), or inside
    it with every link on the way leading inside its folder, and a plain file or folder."""
    if not named_inside(root, path):
        return None
    problem = link_problem(root, path)
    if problem is None and not os.path.isdir(path):
        problem = plain_file_problem(root, path)
    return problem


def folder_problems(root: Path, folder: Path) -> list[Problem]:
    """Every link out and every special file in `folder`, at any depth, or []."""
    problem = file_problem(root, folder)
    if problem is not None or not named_inside(root, folder) or not os.path.isdir(folder):
        return [problem] if problem is not None else []
    problems = []
    # Not following links: one that leads inside its folder leads to a place walked anyway.
    for current, folders, files in os.walk(folder, followlinks=False):
        for name in folders + files:
            path = Path(current) / name
            if os.path.islink(path) or name in files:
                problem = file_problem(root, path)
                if problem is not None:
                    problems.append(problem)
    return problems
