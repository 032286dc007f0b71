"""`wbl-guide build --all`: every bundled district into SITE/<id>/, in parallel, with a root
page listing them and a closing summary; a broken district fails alone and plainly."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap

import pytest

from test_editions import EDITIONS
from conftest import ROOT, pdf_progress
from ledger import record
from test_build_all_failures import quick_build, quick_mkdocs  # noqa: F401 (a fixture)
from test_scaffold_district import wbl_guide
from wbl_guide.publishing.build_all import build_districts
from wbl_guide.base.errors import GuideError
from wbl_guide.data.project import district_ids


def wbl_guide_quick(root, *args) -> subprocess.CompletedProcess:
    """`wbl-guide` as wbl_guide runs it, its builds without PDFs and in English only: for
    the tests of which districts are built and listed (the test above builds them whole)."""
    record("build-all", " ".join(args))
    return subprocess.run([sys.executable, "-m", "wbl_guide.cli", "--root", str(root), *args],
                          capture_output=True, text=True, cwd=ROOT,
                          env=dict(os.environ, GUIDE_PDF="0", GUIDE_LANGUAGE="en"))


def test_builds_every_bundled_district(tmp_path, built_with_pdfs):
    districts = district_ids(ROOT)
    for district in districts:
        built_with_pdfs(district)  # their PDFs in the session's cache first: reused here, not rendered twice at once
    site = tmp_path / "site"
    result = wbl_guide(ROOT, "build", "--all", "--site-dir", str(site))
    for district in districts:  # each district is a real `mkdocs build` of its own
        record("build", f"{district} by wbl-guide build --all")
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(districts) >= 2
    total = total_pdfs = 0
    for district in districts:
        assert (site / district / "index.html").is_file()
        assert (site / district / "job-shadow/checklist/index.html").is_file()
        assert (site / district / "informational-interview/checklist/index.html").is_file()
        pages = sum(1 for p in (site / district).rglob("*.html") if p.name != "404.html")
        pdfs = sum(1 for _ in (site / district).rglob("*.pdf"))
        assert pdfs >= 8  # every handout and collection of both activities
        total += pages
        total_pdfs += pdfs
        assert re.search(rf"^\[\d/{len(districts)}\] {district}: built {pages} pages and {pdfs} PDFs in [\d.]+ s$",
                         result.stdout, re.M)
        assert re.search(rf"^{district}\s+{pages}\s+{pdfs}\s+[\d.]+\s+built$", result.stdout, re.M)
        # Each edition's PDFs reported as they go, passed on from its build: how many are
        # rendered, reused from the cache and remaining, from the start to the end.
        editions = EDITIONS[district]
        for edition in editions:
            progress = pdf_progress(result.stdout, district, edition, line_start="^  ")
            assert progress and progress[0][0] == 0 and progress[-1][2] == 0, (district, edition, progress)
            assert len({sum(counts) for counts in progress}) == 1, progress  # the same total throughout
        assert sum(sum(pdf_progress(result.stdout, district, e, line_start="^  ")[-1][:2]) for e in editions) == pdfs
    assert f"{len(districts)} districts, {total} pages, {total_pdfs} PDFs, " in result.stdout
    assert "0 failures" in result.stdout

    # The root page links each district's guide by its site name, in plain accessible HTML.
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and "<title>Work-Based Learning Guides</title>" in index
    assert "<main>" in index and re.search(r"<h1>Work-Based Learning Guides</h1>", index)
    links = re.findall(r'<a href="([^"]+)" lang="[a-zA-Z-]+">([^<]+)</a>', index)
    assert sorted(href for href, _ in links) == [f"{district}/" for district in districts]
    assert "NYC Public Schools Work-Based Learning Guide" in dict(links).values()
    assert not re.search(r'(?:src|href)="(?:https?:)?//', index)  # nothing loads from another host
    for href, _ in links:
        assert (site / href / "index.html").is_file()
    # Each district's other language is listed beside it, named in that language.
    editions = re.findall(r'<a href="([^"]+)" lang="es" hreflang="es">Español</a>', index)
    assert sorted(editions) == [f"{district}/es/" for district in districts]
    for href in editions:
        assert '<html lang="es"' in (site / href / "index.html").read_text(encoding="utf-8")


def test_a_broken_district_fails_alone_with_its_message(project_copy, tmp_path):
    nyc = project_copy / "data/districts/nyc.yml"
    nyc.write_text(nyc.read_text(encoding="utf-8").replace("  learner: student", "  lerner: student"),
                   encoding="utf-8")
    site = tmp_path / "site"
    result = wbl_guide_quick(project_copy, "build", "--all", "--site-dir", str(site))
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert re.search(r"nyc: FAILED after [\d.]+ s", output)
    assert "data/districts/nyc.yml:" in output and "unknown term 'lerner'" in output
    assert "Did you mean 'learner'?" in output
    assert re.search(r"^nyc\s+0\s+0\s+[\d.]+\s+FAILED$", output, re.M)
    assert "1 failure" in output and "district(s) failed: nyc" in output
    assert (site / "earn-and-learn/index.html").is_file()  # the others still build
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="earn-and-learn/"' in index and 'href="nyc/"' not in index


def test_named_districts_and_argument_errors(tmp_path, quick_mkdocs):
    """Which districts a named build builds and lists: the orchestration in-process, each
    district checked by the build's front door and its real session build put in place
    (quick_mkdocs, test_build_all_failures.py)."""
    site = tmp_path / "site"
    result = quick_build(quick_mkdocs, ROOT, "nyc", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert (site / "nyc/index.html").is_file() and not (site / "earn-and-learn").exists()
    assert 'href="nyc/"' in (site / "index.html").read_text(encoding="utf-8")
    again = quick_build(quick_mkdocs, ROOT, "earn-and-learn", "--site-dir", str(site))
    assert again.returncode == 0, again.stderr
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="nyc/"' in index and 'href="earn-and-learn/"' in index  # built before, still listed
    unknown = wbl_guide(ROOT, "build", "nowhere", "--site-dir", str(site))
    assert unknown.returncode == 1 and "data/districts/nowhere.yml: no such district profile" in unknown.stderr
    neither = wbl_guide(ROOT, "build")
    assert neither.returncode == 2 and "name the districts to build, or give --all" in neither.stderr
    into_project = wbl_guide(ROOT, "build", "--all", "--site-dir", str(ROOT))
    assert into_project.returncode == 1 and "cannot hold the built sites" in into_project.stderr
    assert "Traceback" not in unknown.stderr + into_project.stderr


def test_help_lists_the_commands():
    result = wbl_guide(ROOT, "--help")
    assert result.returncode == 0
    for command in ("check", "new-district", "build", "schemas"):
        assert re.search(rf"^\s+{command}\s", result.stdout, re.M), command


@pytest.fixture
def slow_fake_mkdocs(tmp_path):
    """A stand-in for `python -m mkdocs` that takes half a second and logs when it ran."""
    script = tmp_path / "fake_mkdocs.py"
    script.write_text(textwrap.dedent(f"""
        import json, os, sys, time
        from pathlib import Path
        start = time.monotonic()
        time.sleep(0.5)
        target = Path(sys.argv[sys.argv.index("-d") + 1])
        target.mkdir(parents=True, exist_ok=True)
        (target / "index.html").write_text("<title>x</title>")
        with open({str(tmp_path / "log.jsonl")!r}, "a") as log:
            log.write(json.dumps([os.environ["GUIDE_DISTRICT"], start, time.monotonic()]) + "\\n")
    """), encoding="utf-8")
    return [sys.executable, str(script)], tmp_path / "log.jsonl"


def test_builds_run_in_parallel_up_to_the_job_count(project_copy, tmp_path, slow_fake_mkdocs):
    command, log = slow_fake_mkdocs
    for number in range(4):  # six districts in all
        (project_copy / f"data/districts/d{number}.yml").write_text(
            (project_copy / "data/districts/nyc.yml").read_text(encoding="utf-8"), encoding="utf-8")
    lines = []
    summary = build_districts(project_copy, tmp_path / "site", jobs=2, report=lines.append, command=command)
    assert not summary.failures and summary.jobs == 2
    runs = [json.loads(line) for line in log.read_text().splitlines()]
    assert sorted(r[0] for r in runs) == sorted(district_ids(project_copy))
    # At every moment at most two builds run, and at some moment two do.
    moments = sorted(t for _, start, end in runs for t in (start, end))
    overlap = [sum(1 for _, start, end in runs if start <= t < end) for t in moments]
    assert max(overlap) == 2
    assert lines[0].startswith("Building 6 districts into") and "2 at a time" in lines[0]


def test_no_districts_is_a_plain_error(project_copy, tmp_path):
    for profile in (project_copy / "data/districts").glob("*.yml"):
        profile.unlink()
    with pytest.raises(GuideError, match="holds no district profiles"):
        build_districts(project_copy, tmp_path / "site", report=lambda line: None)


def test_root_page_colors_meet_wcag_aa(tmp_path):
    from wbl_guide.publishing.build_all import DistrictResult, write_index
    from wbl_guide.base.colors import AA_TEXT, contrast

    page = write_index(tmp_path, [DistrictResult("nyc", "NYC", "NYC Guide", "en", True, 1.0, 3)])
    css = re.search(r"<style>(.*?)</style>", page.read_text(encoding="utf-8"), re.S).group(1)
    light, dark = css.split("@media (prefers-color-scheme: dark)")

    def color(block: str, selector: str, prop: str) -> str:
        rule = re.search(rf"(?:^|\n)\s*{re.escape(selector)}\s*\{{([^}}]*)\}}", block).group(1)
        return re.search(rf"(?<![-\w]){prop}:\s*(#[0-9a-f]{{6}})", rule).group(1)

    for block in (light, dark):
        background = color(block, "body", "background")
        for selector in ("body", "a", ".district", ".stale"):
            ratio = contrast(color(block, selector, "color"), background)
            assert ratio >= AA_TEXT, (selector, ratio)
