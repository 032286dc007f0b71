"""docs/ and overrides/ hold no link out of the project (issue #20: data is untrusted input).

MkDocs follows symbolic links in docs_dir and the theme's custom_dir: a pull request adding
`docs/x.md -> /etc/passwd` would publish that file, and a template linked out would be read
into every page. The plugin (macros/adapters/plugin.py, with macros/data/published_folders.py) refuses
every such link, naming it, before mkdocs-macros reads docs/ or renders a PDF and before
MkDocs empties the site folder. Real trees in tmp_path: the small valid fixture with the
project's code, built by a real `mkdocs build`; `wbl-guide check` reads docs/ too.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import run_build
from hostile import VALID, add_project
from wbl_guide.cli import main
from wbl_guide.data.published_folders import file_problem, folder_problems

SECRET = "precious-secret-4f1c"  # in every file outside the project: never in a site


@pytest.fixture
def root(tmp_path) -> Path:
    """The valid fixture with the project's code, theme and pages: a project that builds."""
    import shutil

    return add_project(Path(shutil.copytree(VALID, tmp_path / "project")))


@pytest.fixture
def outside(tmp_path) -> Path:
    """Someone's own files beside the project: a page, a template, a folder of them."""
    folder = tmp_path / "outside"
    (folder / "notes").mkdir(parents=True)
    (folder / "passwd").write_text(f"root:x:0:0:{SECRET}:/root:/bin/sh\n", encoding="utf-8")
    (folder / "main.html").write_text(f"<p>{SECRET}</p>\n", encoding="utf-8")
    (folder / "notes" / "page.md").write_text(f"# Notes\n\n{SECRET}\n", encoding="utf-8")
    return folder


def test_links_out_of_docs_and_overrides_stop_the_build_before_anything_is_written(root, outside, tmp_path):
    os.symlink(outside / "passwd", root / "docs" / "x.md")
    os.symlink(outside / "notes", root / "docs" / "notes")
    os.symlink(outside / "passwd", root / "docs" / "passwd.txt")  # copied as it is, not rendered
    (root / "overrides" / "main.html").unlink()
    os.symlink(outside / "main.html", root / "overrides" / "main.html")
    site = tmp_path / "site"
    site.mkdir()
    (site / "kept.txt").write_text("an earlier build\n", encoding="utf-8")

    result = run_build(site, "alpha", project=root)

    output = result.output
    assert result.returncode != 0
    assert "Traceback" not in output
    assert ("4 problems in the guide data:\n"
            f"  docs/notes: is a link to a folder outside the project ({outside / 'notes'})\n"
            "      Replace the link with the folder itself.\n"
            f"  docs/passwd.txt: is a link to a file outside the project ({outside / 'passwd'})\n"
            "      Replace the link with the file itself.\n"
            f"  docs/x.md: is a link to a file outside the project ({outside / 'passwd'})\n"
            "      Replace the link with the file itself.\n"
            f"  overrides/main.html: is a link to a file outside the project ({outside / 'main.html'})\n"
            "      Replace the link with the file itself.") in output, output[-3000:]
    assert SECRET not in output
    # MkDocs had not emptied the site folder yet, nor written anything in it.
    assert sorted(p.name for p in site.iterdir()) == ["kept.txt"]


def test_a_link_out_in_a_nested_folder_is_found(root, outside, tmp_path):
    (root / "overrides" / "partials").mkdir(exist_ok=True)  # the switcher's partial may be there
    os.symlink(outside / "main.html", root / "overrides" / "partials" / "footer.html")
    (root / "docs" / "deep" / "er").mkdir(parents=True)
    os.symlink("../../../../outside/passwd", root / "docs" / "deep" / "er" / "page.md")  # relative, as git stores it
    assert [str(p) for p in folder_problems(root, root / "overrides")] == [
        f"overrides/partials/footer.html: is a link to a file outside the project ({outside / 'main.html'})\n"
        "    Replace the link with the file itself."]
    assert [str(p) for p in folder_problems(root, root / "docs")] == [
        "docs/deep/er/page.md: is a link to a file outside the project (../../../../outside/passwd)\n"
        "    Replace the link with the file itself."]


def test_a_link_to_a_device_is_refused_without_reading_it(root, tmp_path, capsys):
    """/dev/zero never ends: MkDocs and the term check would read it until memory ran out."""
    os.symlink("/dev/zero", root / "docs" / "zero.md")
    started = time.monotonic()
    assert [str(p) for p in folder_problems(root, root / "docs")] == [
        "docs/zero.md: is a link to a file outside the project (/dev/zero)\n    Replace the link with the file itself."]
    code = main(["--root", str(root), "check"])
    out = capsys.readouterr()
    assert code == 1
    assert "docs/zero.md: is a link to a file outside the project (/dev/zero)" in out.out + out.err
    assert time.monotonic() - started < 60


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_in_docs_is_refused_without_waiting(root):
    os.mkfifo(root / "docs" / "pipe.md")
    assert [str(p) for p in folder_problems(root, root / "docs")] == [
        "docs/pipe.md: is a named pipe (FIFO), not a plain file; it is not read\n    Replace it with the file itself."]


def test_links_that_stay_inside_their_folder_build(root, tmp_path):
    """A page published under two names, and a folder of assets shared by two names, are fine."""
    (root / "docs" / "more").mkdir()
    (root / "docs" / "more" / "about.md").write_text("# About\n\nThe same page, twice.\n", encoding="utf-8")
    os.symlink("about.md", root / "docs" / "more" / "about-us.md")
    os.symlink("more", root / "docs" / "also")
    assert folder_problems(root, root / "docs") == []
    assert folder_problems(root, root / "overrides") == []

    result = run_build(tmp_path / "site", "alpha", project=root)

    assert result.returncode == 0, result.output[-3000:]
    assert "The same page, twice." in (tmp_path / "site" / "more" / "about-us" / "index.html").read_text(
        encoding="utf-8")


def test_a_link_to_a_sibling_folder_inside_the_project_is_refused(root):
    """The project's one rule (macros/base/contained.py): a link leads inside the folder holding it.
    docs/data -> ../data would publish the raw data files, which is not docs/'s to do."""
    os.symlink("../data", root / "docs" / "data")
    assert [str(p) for p in folder_problems(root, root / "docs")] == [
        "docs/data: is a link to a folder outside docs/ (../data)\n    Replace the link with the folder itself."]


def test_folders_named_outside_the_project_are_the_operators(root, outside):
    assert folder_problems(root, outside) == []
    assert file_problem(root, outside / "passwd") is None
    assert folder_problems(root, root / "no-such-folder") == []
