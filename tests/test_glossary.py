"""`wbl-guide check` holds the Spanish to its glossary (issue 23): data/glossary/es.yml gives
each guide term one rendering, and a variant in any Spanish text is a finding located at the
text's file and line, naming the rendering and the glossary's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from test_check_command import run_check
from wbl_guide.data.project import load_project
from wbl_guide.rendering.glossary import glossary_file, glossary_findings, load_glossary
from wbl_guide.rendering.site import assemble

GLOSSARY = "data/glossary/es.yml"


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def findings(root: Path) -> list[str]:
    return [str(problem) for problem in glossary_findings(load_project(root), root)]


def test_the_bundled_spanish_follows_its_glossary():
    assert findings(ROOT) == []


def test_a_variant_is_located_and_named_with_the_rendering(project_copy):
    translation = project_copy / "data/translations/es/mock-interview.yml"
    replace_once(translation, "Acuerde con los maestros la rúbrica", "Acuerde con los docentes la rúbrica")
    line = line_of(translation, "Acuerde con los docentes la rúbrica")
    result = run_check(project_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"data/translations/es/mock-interview.yml:{line}:21: " in result.stderr
    assert "'docentes' is not the glossary's word for 'teacher, teachers, teachers/faculty'" in result.stderr
    assert f"Write 'maestros' (its forms: 'maestro'), as {GLOSSARY}:{line_of(ROOT / GLOSSARY, '- en: teacher,')} " \
        "says." in result.stderr


def test_each_occurrence_is_located_where_it_is_written(project_copy):
    """The same variant twice in one text, and a phrase folded over two lines: each at its
    own line and column."""
    translation = project_copy / "data/translations/es/career-mentoring.yml"
    replace_once(translation, "Comparta la Hoja de consejos para maestros y planifique la preparación con los maestros.",
                 "Comparta la Hoja de consejos para docentes y planifique la preparación con los\n    docentes.")
    line = line_of(translation, "Comparta la Hoja de consejos para docentes")
    found = findings(project_copy)
    assert len(found) == 2
    assert found[0].startswith(f"data/translations/es/career-mentoring.yml:{line}:17: ")
    assert "'Hoja de consejos para docentes' is not the glossary's word" in found[0]
    assert found[1].startswith(f"data/translations/es/career-mentoring.yml:{line + 1}:5: ")


def test_a_district_profiles_spanish_is_read_but_not_its_terms(project_copy):
    profile = project_copy / "data/districts/nyc.yml"
    replace_once(profile, "desarrolla el conocimiento de carreras", "desarrolla la conciencia profesional")
    replace_once(profile, "community: las Escuelas Públicas de la Ciudad de Nueva York",
                 "community: los docentes de la Ciudad de Nueva York")  # its own words: not read
    (found,) = findings(project_copy)
    assert found.startswith(f"data/districts/nyc.yml:{line_of(profile, 'la conciencia profesional')}:")
    assert "translations.es.activities.career-day.credit: 'conciencia profesional'" in found
    assert "Write 'Conocimiento de carreras'" in found


def test_a_rendering_capitalized_otherwise_is_a_finding(project_copy):
    translation = project_copy / "data/translations/es/job-shadow.yml"
    replace_once(translation, "actividad estructurada de exploración de carreras",
                 "actividad estructurada de Exploración de Carreras")
    (found,) = findings(project_copy)
    assert "'Exploración de Carreras' is capitalized otherwise than the glossary's 'Exploración de carreras'" in found
    # A capital first letter (a sentence or a title begins) or capitals throughout are not.
    replace_once(translation, "de Exploración de Carreras", "de EXPLORACIÓN DE CARRERAS")
    assert findings(project_copy) == []


def test_a_variant_in_another_sense_is_not_reported(project_copy):
    """'Docente' is also an adjective (equipo docente); a link's target is not wording."""
    translation = project_copy / "data/translations/es/mock-interview.yml"
    replace_once(translation, "Acuerde con los maestros la rúbrica", "Acuerde con el equipo docente la rúbrica")
    replace_once(translation, "y comparta\n    ambos con", "y comparta ([aquí](https://example.org/docentes))\n"
                 "    ambos con")
    assert findings(project_copy) == []


@pytest.mark.parametrize("entry, line_text, message", [
    ("  - en: teacher\n    es: maestros\n    variants: docentes\n", "variants: docentes",
     "terms[0].variants: `variants:` must be a list of phrases"),
    ("  - en: teacher\n    es: maestros\n    varients: [docentes]\n", "varients:",
     "terms[0].varients: unknown key 'varients'\n      Did you mean 'variants'?"),
    ("  - en: teacher\n    variants: [docentes]\n", "- en: teacher",
     "terms[0]: the entry has no `es:` (its one rendering)"),
    ("  - en: teacher\n    es: maestros\n    variants: [docentes]\n  - en: faculty\n    es: docentes\n"
     "    variants: []\n", "variants: [docentes]",
     "terms[0].variants[0]: 'docentes' is a variant here and the rendering of 'faculty' (line 5)"),
    ("  - en: teacher\n    es: maestros\n    variants: [docentes\n", "variants: [docentes", "YAML syntax error"),
])
def test_a_malformed_glossary_is_a_located_error(project_copy, entry, line_text, message):
    glossary = project_copy / GLOSSARY
    glossary.write_text("terms:\n" + entry, encoding="utf-8")
    result = run_check(project_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{GLOSSARY}:" in result.stderr and message in result.stderr
    if "syntax" not in message:
        assert f"{GLOSSARY}:{line_of(glossary, line_text)}:" in result.stderr


def test_a_language_without_a_glossary_has_nothing_to_check():
    assert load_glossary(ROOT, "fr") == (None, [])
    assert glossary_file(ROOT, "es-MX") == ROOT / GLOSSARY  # a regional language reads its base's


def test_the_fact_sheet_names_the_district_with_its_article_in_spanish():
    """The Spanish heading of a district's own facts takes its `community` term, which
    carries its article; the English one is unchanged."""
    project = load_project(ROOT, districts=["nyc"])
    headings = {language: {line for page in assemble(project, "nyc", language=language).pages.values()
                           for line in page.markdown.splitlines() if "#district-facts" in line}
                for language in ("en", "es")}
    assert {line.lstrip("#").split("{")[0].strip() for line in headings["en"]} == {"In New York City Public Schools"}
    assert {line.lstrip("#").split("{")[0].strip() for line in headings["es"]} == \
        {"En las Escuelas Públicas de la Ciudad de Nueva York"}
