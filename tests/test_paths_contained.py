"""Every path the guide reads or writes stays inside the project, folder links included
(issue #20: data is untrusted input, such as an outside pull request).

Real trees in tmp_path: the small valid fixture (with the project's code where a real build
is run), and links planted where a pull request could plant them. Each tree is refused with
a message located at the link, through the entrances people use: the core's check (what
`wbl-guide check` and every build run first), the command line (macros/cli.py main), and a
real `mkdocs build`. And nothing outside the project is read into the guide, written or
emptied: every file outside is the same, with the same time, and none is added.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_build
from hostile import VALID, add_project
from wbl_guide.cli import main
from wbl_guide.base.contained import link_problem, make_folder_inside, read_inside, write_inside
from wbl_guide.base.errors import GuideError
from wbl_guide.pdf.pdf_cache import Conversions, PdfCache, cache_folder
from wbl_guide.pdf.print_html import PrintDocument
from test_invalid_fixtures import check_tree

ACTIVITY = (VALID / "data/activities/site-visit.yml").read_text(encoding="utf-8")
ALPHA = (VALID / "data/districts/alpha.yml").read_text(encoding="utf-8")
# Alpha in English and Spanish: its Spanish words, so that data/translations/es/ is read.
BILINGUAL = ALPHA + """languages: [en, es]
translations:
  es:
    terms:
      learner: {singular: aprendiz, plural: aprendices, gender: m}
      coordinator:
        singular: Conector
        plural: Conectores
        gender: m
        long: {singular: Conector de Carrera, plural: Conectores de Carrera}
      data_system: TRACK
      platforms: [Zoom]
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n'


@pytest.fixture
def root(tmp_path) -> Path:
    """The valid data tree, as a project folder of its own."""
    return Path(shutil.copytree(VALID, tmp_path / "project"))


@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder beside the project, holding a file, as someone's own files would be."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "precious.txt").write_text("mine\n", encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder`, with its bytes and modification time."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def link_folder(link: Path, target: Path) -> None:
    """Replace the folder `link` (if any) by a symbolic link to `target`."""
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)


def run(root: Path, *args: str, capsys) -> tuple[int, str]:
    """`wbl-guide --root ROOT ARGS` in process: its exit code and everything it printed."""
    code = main(["--root", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def refusal(path: str, message: str, hint: str) -> str:
    return f"1 problem in the guide data:\n  {path}: {message}\n      {hint}"


# --- reading: the core's check -------------------------------------------------------------

def test_the_valid_tree_passes(root):
    assert check_tree(root, None) == "no problem found"


def test_activities_folder_linked_out_is_refused(root, outside):
    (outside / "activities").mkdir()
    (outside / "activities" / "site-visit.yml").write_text(ACTIVITY.replace("Site Visit", "Outside Visit"),
                                                           encoding="utf-8")
    link_folder(root / "data" / "activities", outside / "activities")
    before = snapshot(outside)
    expected = refusal("data/activities", f"is a link to a folder outside the project ({outside / 'activities'})",
                       "Replace the link with the folder itself.")
    assert check_tree(root, None) == expected
    assert check_tree(root, "alpha") == expected  # as a build of one district checks it
    assert snapshot(outside) == before


def test_data_folder_linked_out_is_refused(root, outside):
    shutil.copytree(root / "data", outside / "data")
    link_folder(root / "data", outside / "data")
    assert check_tree(root, None) == refusal(
        "data", f"is a link to a folder outside the project ({outside / 'data'})",
        "Replace the link with the folder itself.")
    assert check_tree(root, "alpha").startswith("1 problem in the guide data:\n  data: is a link to a folder")


def test_districts_folder_linked_out_is_refused_before_its_names_are_listed(root, outside):
    shutil.copytree(root / "data" / "districts", outside / "districts")
    (outside / "districts" / "secret-name.yml").write_text(ALPHA, encoding="utf-8")
    link_folder(root / "data" / "districts", outside / "districts")
    for district in (None, "alpha", "nope"):
        message = check_tree(root, district)
        assert message == refusal("data/districts", f"is a link to a folder outside the project "
                                  f"({outside / 'districts'})", "Replace the link with the folder itself.")
        assert "secret-name" not in message


def test_district_folder_linked_out_with_its_logo_is_refused(root, outside):
    (outside / "logo.svg").write_text(SVG, encoding="utf-8")
    (root / "data/districts/alpha.yml").write_text(ALPHA + "logo: logo.svg\n", encoding="utf-8")
    link_folder(root / "data/districts/alpha", outside)
    assert check_tree(root, None) == refusal(
        "data/districts/alpha", f"is a link to a folder outside the project ({outside})",
        "Replace the link with the folder itself.")


def test_district_folder_linked_to_a_folder_beside_it_is_read(root):
    """The rule is about leaving: a link to a folder inside its own folder is fine."""
    (root / "data/districts/alpha-files").mkdir()
    (root / "data/districts/alpha-files/logo.svg").write_text(SVG, encoding="utf-8")
    (root / "data/districts/alpha.yml").write_text(ALPHA + "logo: logo.svg\n", encoding="utf-8")
    os.symlink("alpha-files", root / "data/districts/alpha")
    assert check_tree(root, None) == "no problem found"


def test_translation_folder_linked_out_is_refused(root, outside):
    (root / "data/districts/alpha.yml").write_text(BILINGUAL, encoding="utf-8")
    assert check_tree(root, None) == "no problem found"  # Spanish, with no translation yet
    (outside / "es").mkdir()
    (outside / "es" / "site-visit.yml").write_text("purpose:\n  source: 00000000\n  text: Hola\n", encoding="utf-8")
    link_folder(root / "data/translations/es", outside / "es")
    assert check_tree(root, None) == refusal(
        "data/translations/es", f"is a link to a folder outside the project ({outside / 'es'})",
        "Replace the link with the folder itself.")


def test_translation_file_linked_out_is_refused(root, outside):
    (root / "data/districts/alpha.yml").write_text(BILINGUAL, encoding="utf-8")
    (outside / "site-visit.yml").write_text("purpose:\n  source: 00000000\n  text: Hola\n", encoding="utf-8")
    (root / "data/translations/es").mkdir(parents=True)
    os.symlink(outside / "site-visit.yml", root / "data/translations/es/site-visit.yml")
    assert check_tree(root, None) == refusal(
        "data/translations/es/site-visit.yml",
        f"is a link to a file outside the project ({outside / 'site-visit.yml'})",
        "Replace the link with the file itself.")


def test_profile_linked_out_is_refused(root, outside):
    (outside / "gamma.yml").write_text(ALPHA, encoding="utf-8")
    os.symlink(outside / "gamma.yml", root / "data/districts/gamma.yml")
    assert check_tree(root, None) == refusal(
        "data/districts/gamma.yml", f"is a link to a file outside the project ({outside / 'gamma.yml'})",
        "Replace the link with the file itself.")


def test_profile_linked_to_another_folder_of_the_data_is_refused(root):
    os.symlink("../activities/site-visit.yml", root / "data/districts/gamma.yml")
    assert check_tree(root, None) == refusal(
        "data/districts/gamma.yml", "is a link to a file outside data/districts/ (../activities/site-visit.yml)",
        "Replace the link with the file itself.")


def test_a_loop_of_links_is_refused(root):
    os.symlink("loop-b.yml", root / "data/activities/loop-a.yml")
    os.symlink("loop-a.yml", root / "data/activities/loop-b.yml")
    message = check_tree(root, None)
    assert message.startswith("2 problems in the guide data:\n  data/activities/loop-a.yml: is a link that leads "
                              "back to itself"), message


def _within(seconds: float, work):
    """work()'s result, failing (not hanging) when it takes longer than `seconds`."""
    result = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return result[0], time.monotonic() - started


def test_a_named_pipe_as_an_activity_is_refused_at_once(root):
    os.mkfifo(root / "data/activities/pipe.yml")  # opening it to read would wait for a writer
    message, seconds = _within(30, lambda: check_tree(root, None))
    assert message == refusal("data/activities/pipe.yml", "is a named pipe (FIFO), not a plain file; it is not read",
                              "Replace it with the file itself.")
    assert seconds < 5


def test_a_named_pipe_as_the_logo_is_refused_at_once(root):
    (root / "data/districts/alpha").mkdir()
    os.mkfifo(root / "data/districts/alpha/logo.svg")
    (root / "data/districts/alpha.yml").write_text(ALPHA + "logo: logo.svg\n", encoding="utf-8")
    message, _ = _within(30, lambda: check_tree(root, None))
    assert message == ("1 problem in the guide data:\n  data/districts/alpha.yml:10:7: logo: data/districts/alpha/"
                       "logo.svg is a named pipe (FIFO), not a plain file; it is not read\n"
                       "      Replace it with the file itself.")


def test_a_huge_data_file_is_refused_without_being_read(root):
    with open(root / "data/activities/huge.yml", "wb") as file:
        file.truncate(4_000_000_000)  # sparse: no disk used, but reading it would take 4 GB
    message, seconds = _within(30, lambda: check_tree(root, None))
    assert message == ("1 problem in the guide data:\n  data/activities/huge.yml: is 4,000,000,000 bytes; "
                       "guide files are limited to 256,000")
    assert seconds < 5


# --- writing: the command line ----------------------------------------------------------

def test_new_district_refuses_a_profile_linked_to_a_file_outside(root, outside, capsys):
    os.symlink(outside / "precious.txt", root / "data/districts/gamma.yml")
    before = snapshot(outside)
    code, out = run(root, "new-district", "gamma", capsys=capsys)
    assert code == 1
    assert out.strip() == refusal("data/districts/gamma.yml", "is a link to a file outside the project "
                                  f"({outside / 'precious.txt'}); nothing was written",
                                  "Replace the link with the file itself.")
    assert snapshot(outside) == before
    assert not (root / "data/districts/gamma").exists()


def test_new_district_refuses_a_broken_link_to_outside(root, outside, capsys):
    """A link to a file that does not exist yet: exists() says no, and writing would make it."""
    os.symlink(outside / "made-by-the-guide.yml", root / "data/districts/gamma.yml")
    code, out = run(root, "new-district", "gamma", capsys=capsys)
    assert code == 1
    assert f"data/districts/gamma.yml: is a link to nothing, outside the project ({outside}" in out
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]


def test_new_district_refuses_its_folder_linked_out_and_writes_nothing(root, outside, capsys):
    os.symlink(outside, root / "data/districts/gamma")
    before = snapshot(outside)
    code, out = run(root, "new-district", "gamma", capsys=capsys)
    assert code == 1
    assert out.strip() == refusal("data/districts/gamma", f"is a link to a folder outside the project ({outside}); "
                                  "nothing was written", "Replace the link with the folder itself.")
    assert snapshot(outside) == before
    assert not (root / "data/districts/gamma.yml").exists(), "the profile is not written either"


def test_new_district_refuses_the_districts_folder_linked_out(root, outside, capsys):
    shutil.copytree(root / "data/districts", outside / "districts")
    link_folder(root / "data/districts", outside / "districts")
    before = snapshot(outside)
    code, out = run(root, "new-district", "gamma", capsys=capsys)
    assert code == 1
    assert "data/districts: is a link to a folder outside the project" in out
    assert snapshot(outside) == before


def test_new_district_still_writes_its_two_places(tmp_path, capsys):
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")  # the default district it copies is the project's
    code, out = run(root, "new-district", "gamma", capsys=capsys)
    assert code == 0, out
    assert (root / "data/districts/gamma.yml").is_file() and (root / "data/districts/gamma/README.md").is_file()
    assert not list((root / "data/districts").rglob(".*.tmp")), "no temporary file is left behind"


def test_translate_refuses_a_translation_file_linked_out(root, outside, capsys):
    (root / "data/translations/es").mkdir(parents=True)
    os.symlink(outside / "precious.txt", root / "data/translations/es/guide.yml")
    before = snapshot(outside)
    code, out = run(root, "translate", "es", capsys=capsys)
    assert code == 1
    assert f"data/translations/es/guide.yml: is a link to a file outside the project ({outside / 'precious.txt'})" \
        in out
    assert snapshot(outside) == before
    assert not (root / "data/translations/es/site-visit.yml").exists(), "nothing is written when one file is refused"


def test_translate_refuses_a_translation_file_linked_beside_it(root, capsys):
    """Reading through a link inside its folder is fine; writing through one is not."""
    (root / "data/translations/es").mkdir(parents=True)
    kept = "purpose:\n  source: 00000000\n  text: Ver el trabajo real.\n"
    (root / "data/translations/es/kept.txt").write_text(kept, encoding="utf-8")
    os.symlink("kept.txt", root / "data/translations/es/site-visit.yml")
    code, out = run(root, "translate", "es", capsys=capsys)
    assert code == 1
    assert out.strip() == refusal("data/translations/es/site-visit.yml",
                                  "is a link, never written through; nothing was written",
                                  "Replace the link with the file itself, or remove it.")
    assert (root / "data/translations/es/kept.txt").read_text(encoding="utf-8") == kept
    assert not (root / "data/translations/es/guide.yml").exists(), "nothing is written when one file is refused"


@pytest.mark.parametrize("linked", ["data/translations/es", "data/translations"])
def test_translate_refuses_a_folder_linked_out(root, outside, linked, capsys):
    link_folder(root / linked, outside)
    before = snapshot(outside)
    code, out = run(root, "translate", "es", capsys=capsys)
    assert code == 1
    assert out.strip().startswith(f"1 problem in the guide data:\n  {linked}: is a link to a folder outside the "
                                  f"project ({outside})"), out
    assert snapshot(outside) == before


def test_translate_still_writes_the_files(root, capsys):
    code, out = run(root, "translate", "es", capsys=capsys)
    assert code == 0, out
    assert sorted(p.name for p in (root / "data/translations/es").iterdir()) == ["guide.yml", "site-visit.yml"]


def test_schemas_refuses_a_schema_file_linked_out(root, outside, capsys):
    (root / "schema").mkdir()
    os.symlink(outside / "precious.txt", root / "schema/district.schema.json")
    before = snapshot(outside)
    code, out = run(root, "schemas", capsys=capsys)
    assert code == 1
    assert "schema/district.schema.json: is a link to a file outside the project" in out
    assert snapshot(outside) == before


def test_build_refuses_a_site_folder_linked_out_before_building(root, outside, capsys):
    link_folder(root / "site", outside)
    before = snapshot(outside)
    code, out = run(root, "build", "alpha", capsys=capsys)
    assert code == 1
    assert out.strip() == refusal(
        "site", f"is a link to a folder outside the project ({outside}); nothing was written",
        "Replace the link with a folder, or name a folder outside the project: wbl-guide build --site-dir "
        "/path/to/sites")
    assert snapshot(outside) == before


def test_build_listing_is_never_written_through_a_link(tmp_path, outside):
    from wbl_guide.publishing.build_all import DistrictResult, write_index
    site = tmp_path / "sites"
    site.mkdir()
    os.symlink(outside / "precious.txt", site / "index.html")
    with pytest.raises(GuideError, match="index.html: is a link to a file outside"):
        write_index(site, [DistrictResult("alpha", "Alpha", "Alpha Guide", "en", True, 1.0, 3)])
    assert (outside / "precious.txt").read_text(encoding="utf-8") == "mine\n"


# --- writing: a real build ----------------------------------------------------------------

def test_mkdocs_build_never_empties_a_site_folder_linked_out(root, outside):
    add_project(root)
    link_folder(root / "site", outside)  # mkdocs.yml's site_dir: MkDocs would empty it first
    before = snapshot(outside)
    result = run_build(root / "site", "alpha", project=root)
    assert result.returncode != 0
    assert f"site: is a link to a folder outside the project ({outside}); nothing was written" in result.output
    assert "Traceback" not in result.output
    assert snapshot(outside) == before


def test_pdf_build_refuses_a_cache_folder_linked_out(root, outside):
    """`.cache` is ignored by git, but a pull request can still add it: PDFs are never
    written there, and none is read from it."""
    add_project(root)
    os.symlink(outside, root / ".cache")
    before = snapshot(outside)
    started = time.monotonic()
    # GUIDE_CACHE empty: the project's own cache, .cache/pdf
    result = run_build(root.parent / "built", "alpha", project=root, extra_env={"GUIDE_PDF": "1", "GUIDE_CACHE": ""})
    assert result.returncode != 0
    assert f".cache: is a link to a folder outside the project ({outside}); nothing was written" in result.output
    assert "Traceback" not in result.output
    assert time.monotonic() - started < 120
    assert snapshot(outside) == before and not (outside / "pdf").exists()


# --- the PDF cache's folder ---------------------------------------------------------------

def test_cache_folder_inside_the_project_stays_inside(root, outside):
    assert cache_folder(root, None) == root / ".cache" / "pdf"
    assert cache_folder(root, "build-cache") == root / "build-cache"  # from the project folder
    assert cache_folder(root, str(outside)) == outside  # the operator's own folder
    assert cache_folder(root, "off") is None
    with pytest.raises(GuideError, match=r"GUIDE_CACHE=\.\./elsewhere: a relative cache folder is taken from the "
                                         "project folder, and must stay inside it"):
        cache_folder(root, "../elsewhere")
    os.symlink(outside, root / ".cache")
    with pytest.raises(GuideError, match=r"\.cache: is a link to a folder outside the project"):
        cache_folder(root, None)
    with pytest.raises(GuideError, match=r"\.cache: is a link to a folder outside the project"):
        cache_folder(root, str(root / ".cache" / "pdf"))  # named inside, so checked


def test_cache_never_reads_or_writes_through_a_link_in_it(tmp_path, outside):
    folder = tmp_path / "cache"
    folder.mkdir()
    cache = PdfCache(folder, "inputs")
    key = cache.key(PrintDocument("a.md", "a.pdf", "<html>", "file:///"))
    os.symlink(outside / "precious.txt", folder / f"{key}-1.pdf")
    assert cache.get(key) is None, "a link in the cache is a miss, never read into the site"
    os.symlink(outside / "precious.txt", folder / f"{key}-2.pdf")
    cache.put(key, 2, b"%PDF-1.7 new")  # refused: the cache only costs time
    assert (outside / "precious.txt").read_text(encoding="utf-8") == "mine\n"
    conversions = Conversions(folder / "print-html")
    conversions.put("k", {"a": 1})
    assert conversions.get("k") == {"a": 1}
    os.mkfifo(folder / "print-html" / "pipe.json")
    assert _within(30, lambda: conversions.get("pipe"))[0] is None


# --- the module itself --------------------------------------------------------------------

def test_write_inside_replaces_a_file_whole_and_leaves_nothing_behind(tmp_path):
    write_inside(tmp_path, tmp_path / "a" / "b" / "file.yml", "one\n")
    write_inside(tmp_path, tmp_path / "a" / "b" / "file.yml", "two\n")
    assert (tmp_path / "a/b/file.yml").read_text(encoding="utf-8") == "two\n"
    assert sorted(p.name for p in (tmp_path / "a/b").iterdir()) == ["file.yml"]


def test_write_inside_refuses_paths_named_outside(tmp_path):
    (tmp_path / "project").mkdir()
    with pytest.raises(GuideError, match="is outside the project"):
        write_inside(tmp_path / "project", tmp_path / "project" / ".." / "escaped.txt", "x")
    assert not (tmp_path / "escaped.txt").exists()


def test_make_folder_inside_refuses_a_parent_linked_out(tmp_path, outside):
    (tmp_path / "project").mkdir()
    os.symlink(outside, tmp_path / "project" / "data")
    with pytest.raises(GuideError, match="data: is a link to a folder outside the project"):
        make_folder_inside(tmp_path / "project", tmp_path / "project" / "data" / "new")
    assert not (outside / "new").exists()


def test_a_project_reached_through_a_link_is_still_inside(tmp_path):
    """The project folder's own path may pass through links (/tmp on some systems)."""
    real = Path(shutil.copytree(VALID, tmp_path / "real"))
    os.symlink(real, tmp_path / "alias")
    assert link_problem(tmp_path / "alias", real / "data" / "guide.yml") is None
    assert read_inside(tmp_path / "alias", tmp_path / "alias" / "data" / "guide.yml", 10_000)[1] is None
    assert check_tree(tmp_path / "alias", None) == "no problem found"
