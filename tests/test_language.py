"""The district's language: `<html lang dir>` on every page, Material's interface strings and
search in that language, and the same language in every PDF."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import material
import pytest
from pypdf import PdfReader

from conftest import run_build
from wbl_guide.words.languages import direction

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"


def material_string(language: str, key: str) -> str:
    """One of Material's interface strings, as its translation file gives it."""
    source = (MATERIAL_LANGUAGES / f"{language}.html").read_text(encoding="utf-8")
    match = re.search(rf'"{re.escape(key)}":\s*"([^"]*)"', source)
    assert match, (language, key)
    return match.group(1)


def _with_language(project, name: str, language: str, extra: str = "") -> None:
    """The default district published in `language` only: Spanish translated (its profile
    has Spanish words), any other language with the English text as it is."""
    base = (project / "data/districts/earn-and-learn.yml").read_text(encoding="utf-8")
    assert re.search(r"^languages: \[en, es\]$", base, re.M)
    if language == "es":
        profile = re.sub(r"^languages: \[en, es\]$", "languages: [es]", base, flags=re.M)
    else:
        profile = re.sub(r"^languages: \[en, es\]$", f"language: {language}", base[:base.index("\ntranslations:")],
                         flags=re.M)
    profile += extra
    (project / "data/districts" / f"{name}.yml").write_text(profile, encoding="utf-8")


@pytest.fixture
def builds(project_copy, tmp_path):
    """A Spanish district (no PDFs) and an Arabic one (with PDFs, one activity to keep it
    quick: the PDFs of every activity in Arabic are the NYC edition's, test_pdfs.py),
    built side by side."""
    _with_language(project_copy, "espanol", "es")
    others = sorted(p.stem for p in (project_copy / "data/activities").glob("*.yml") if p.stem != "informational-interview")
    _with_language(project_copy, "arabic", "ar", f"\nhide_activities: [{', '.join(others)}]\n")
    jobs = {"espanol": {"GUIDE_PDF": "0"}, "arabic": {"GUIDE_PDF": "1"}}
    with ThreadPoolExecutor(len(jobs)) as pool:
        results = pool.map(lambda name: run_build(tmp_path / f"site-{name}", name, project=project_copy,
                                                  extra_env=jobs[name]), jobs)
        built = dict(zip(jobs, results))
    for name, build in built.items():
        assert build.returncode == 0, build.output
    return built


def html_tags(build) -> dict[str, str]:
    return {page.relative_to(build.site).as_posix(): re.search(r"<html\b[^>]*>", page.read_text(encoding="utf-8")).group(0)
            for page in build.pages()}


def test_spanish_and_arabic_sites(builds):
    """Every check is made and every failure listed, so one bug does not hide another."""
    spanish, arabic = builds["espanol"], builds["arabic"]
    problems = []

    def check(ok: bool, problem: str) -> None:
        if not ok:
            problems.append(problem)

    # Every page, generated or not (the 404 page too), says its language and direction.
    for build, language, writing in ((spanish, "es", "ltr"), (arabic, "ar", "rtl")):
        tags = html_tags(build)
        check(len(tags) > 20, f"{language}: only {len(tags)} pages")
        for page, tag in tags.items():
            check(tag.startswith(f'<html lang="{language}" dir="{writing}"'), f"{language}: {page}: {tag}")

    # Material's interface speaks Spanish: the search box, and the search's own language.
    home = spanish.html("")
    placeholder = material_string("es", "search.placeholder")
    check(f'placeholder="{placeholder}"' in home, f"es: no search placeholder {placeholder!r}")
    check(material_string("es", "search") in home, "es: no 'Buscar'")
    check('placeholder="Search"' not in home, "es: English search placeholder")
    check(spanish.search_index()["config"]["lang"] == ["es"],
          f"es: search language {spanish.search_index()['config']['lang']}")
    check(f'placeholder="{material_string("ar", "search.placeholder")}"' in arabic.html(""),
          "ar: no Arabic search placeholder")

    # No PDF without GUIDE_PDF; with it, every PDF says its language.
    check(not list(spanish.site.rglob("*.pdf")), "es: PDFs built with GUIDE_PDF=0")
    pdfs = sorted(arabic.site.rglob("*.pdf"))
    check(len(pdfs) >= 5, f"ar: only {len(pdfs)} PDFs")
    for path in pdfs:
        language = PdfReader(path).trailer["/Root"].get("/Lang")
        check(language == "ar", f"ar: {path.relative_to(arabic.site)} has /Lang {language!r}")

    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language,expected", [
    ("en", "ltr"), ("es", "ltr"), ("es-MX", "ltr"), ("fr-CA", "ltr"), ("zh-Hant-TW", "ltr"),
    ("ar", "rtl"), ("he", "rtl"), ("he-IL", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("yi", "rtl"),
    ("ku", "ltr"), ("ku-IQ", "rtl"),
])
def test_direction(language, expected):
    assert direction(language) == expected


@pytest.mark.parametrize("language,expected", [("es", "es"), ("es-MX", "es"), ("fr-CA", "fr"),
                                               ("pt-BR", "pt-BR"), ("ar", "ar"), ("xx", "en")])
def test_material_interface_language(language, expected):
    from wbl_guide.adapters.theme import material_language
    assert material_language(language) == expected
