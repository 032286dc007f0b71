"""Translation files: checked against the English with located messages, stale entries
reported with both lines, coverage figures, and `wbl-guide translate` keeping the work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from wbl_guide.cli import main
from wbl_guide.base.errors import GuideError
from wbl_guide.data.project import load_project
from wbl_guide.data.translations import units

ENTRY = re.compile(r"^(?P<id>[a-z0-9.][a-z0-9_.-]*):\n  source: (?P<hash>[0-9a-f]{8})\n", re.M)


def run(root: Path, *args: str, capsys) -> tuple[int, str]:
    code = main(["--root", str(root), *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def problems(root: Path) -> str:
    with pytest.raises(GuideError) as error:
        load_project(root)
    return str(error.value)


def test_bundled_translations_are_current_and_cover_what_is_declared(capsys):
    root = Path(__file__).resolve().parent.parent
    code, out = run(root, "check", capsys=capsys)
    assert code == 0, out
    figure = re.search(r"^es: (\d+) of (\d+) texts translated \((\d+)%\), (\d+) stale", out, re.M)
    assert figure, out
    assert int(figure.group(4)) == 0 and "stale translation" not in out
    project = load_project(root, ["earn-and-learn"])
    translation = project.translations["es"]["informational-interview"]
    for unit in units(project.activities["informational-interview"]).values():
        assert set(translation.current(unit)) == set(unit.fields), unit.id


def _edit_english(root: Path, old: str, new: str) -> None:
    path = root / "data" / "activities" / "informational-interview.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_english_text_makes_its_translation_stale(project_copy, capsys):
    source = (project_copy / "data/activities/informational-interview.yml").read_text(encoding="utf-8")
    line = next(n for n, text in enumerate(source.splitlines(), 1) if text.strip() == "- id: definition") + 1
    _edit_english(project_copy, "Using informational interviews to support learning",
                  "Using informational interviews to support all learning")
    code, out = run(project_copy, "check", capsys=capsys)
    assert code == 0, out
    translation = (project_copy / "data/translations/es/informational-interview.yml").read_text(encoding="utf-8")
    where = next(n for n, text in enumerate(translation.splitlines(), 1) if text == "definition:") + 1
    assert f"data/translations/es/informational-interview.yml:{where}:" in out
    assert f"definition.source: stale: the English of 'definition' changed" in out
    assert f"data/activities/informational-interview.yml:{line}," in out
    assert re.search(r"^es: \d+ of \d+ texts translated \(\d+%\), 1 stale", out, re.M)
    # The page shows the English until the translation is updated, marked as English.
    from wbl_guide.rendering.site import assemble
    project = load_project(project_copy, ["earn-and-learn"])
    page = assemble(project, "earn-and-learn", language="es").page("informational-interview/index.md")
    assert '<span lang="en">Using informational interviews to support all learning' in page.markdown


def _filled(files: dict) -> dict:
    return {name: {ident: {k: v for k, v in entry.items() if v not in (None, "")} if isinstance(entry, dict) else entry
                   for ident, entry in (data or {}).items()}
            for name, data in files.items()}


def test_translate_keeps_the_work_and_flags_what_changed(project_copy, capsys):
    folder = project_copy / "data" / "translations" / "es"
    before = {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in folder.glob("*.yml")}
    code, out = run(project_copy, "translate", "es", capsys=capsys)
    assert code == 0, out
    written = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.yml")}
    after = {name: yaml.safe_load(text) for name, text in written.items()}
    assert _filled(after) == _filled(before), "every translation made is kept, word for word"
    run(project_copy, "translate", "es", capsys=capsys)
    assert {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.yml")} == written
    done = re.search(r"informational-interview.yml: (\d+) of (\d+) texts translated", out)
    assert done and done.group(1) == done.group(2), out
    _edit_english(project_copy, "Using informational interviews to support learning",
                  "Using informational interviews to support all learning")
    run(project_copy, "translate", "es", capsys=capsys)
    text = (folder / "informational-interview.yml").read_text(encoding="utf-8")
    block = text[text.index("\ndefinition:"):][:900]
    assert "# STALE: the English changed" in block and "support all learning" in block


@pytest.mark.parametrize("entry,message", [
    ("definitoin:\n  source: 00000000\n  text: Hola\n",
     "definitoin: no item 'definitoin' in the English source\n      Did you mean 'definition'?"),
    ("definition:\n  text: Hola\n", "definition: expected `source:` with the 8-character hash"),
    ("definition:\n  source: {hash}\n  txt: Hola\n", "definition.txt: 'definition' has no text 'txt' to translate"),
    ("definition:\n  source: {hash}\n  text: Hola ${{a learner}}\n",
     "definition.text: '${a learner}' uses the English article 'a'\n      In Spanish write ${un learner}"),
    ("definition:\n  source: {hash}\n  text: Hola <b>x</b>\n", "definition.text: raw HTML ('<b>') is not allowed"),
    ("definition:\n  source: {hash}\n  text: '[x](javascript:alert(1))'\n", "definition.text: "),
    ("definition:\n  source: {hash}\n  text: '[x](/informational-interview/chekclist/)'\n",
     "no page of this guide at '/informational-interview/chekclist/'"),
])
def test_translation_mistakes_are_located(project_copy, entry, message):
    project = load_project(project_copy, ["earn-and-learn"])
    current = units(project.activities["informational-interview"])["definition"].source
    path = project_copy / "data/translations/es/informational-interview.yml"
    path.write_text(entry.format(hash=current), encoding="utf-8")
    found = problems(project_copy)
    assert f"data/translations/es/informational-interview.yml:" in found
    assert message in found, found


def test_a_translation_of_nothing_is_refused(project_copy):
    (project_copy / "data/translations/es/informational-interveiw.yml").write_text("{}\n", encoding="utf-8")
    found = problems(project_copy)
    assert "data/translations/es/informational-interveiw.yml: translates 'informational-interveiw'" in found
    assert "Did you mean 'informational-interview'?" in found


@pytest.mark.parametrize("change,message", [
    (("languages: [en, es]", "languages: [en, es, fr]"),
     "languages[2]: the guide cannot yet write district words in 'fr' (Français)"),
    (("languages: [en, es]", "languages: [en]"), "translations.es: 'es' is not one of `languages:` (en)"),
    (("        singular: aprendiz\n        plural: aprendices\n", "        singular: aprendiz\n"), None),
    (("      community: la comunidad de Earn & Learn\n", ""), "translations.es.terms: missing term 'community'"),
    (("        gender: m\n      coordinator:", "        gender: n\n      coordinator:"),
     "translations.es.terms.learner.gender: expected 'm' or 'f', received 'n'"),
    (("      el trabajo para ${los learners}.", "      el trabajo para ${the learners}."),
     "translations.es.coordinator_note: 'the' is not an article this guide writes"),
])
def test_a_districts_spanish_section_is_checked_in_place(project_copy, change, message):
    path = project_copy / "data/districts/earn-and-learn.yml"
    text = path.read_text(encoding="utf-8")
    assert change[0] in text, change[0]
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    if message is None:  # aprendiz -> aprendices is worked out
        load_project(project_copy, ["earn-and-learn"])
        return
    found = problems(project_copy)
    assert "data/districts/earn-and-learn.yml:" in found and message in found, found


def test_a_districts_spanish_word_hard_coded_in_a_translation_is_reported(project_copy, capsys):
    path = project_copy / "data/translations/es/informational-interview.yml"
    text = path.read_text(encoding="utf-8")
    marker = "  text: >-\n    Diseñadas para cumplir"
    assert marker in text
    path.write_text(text.replace(marker, "  text: >-\n    Los estudiantes y Diseñadas para cumplir", 1), encoding="utf-8")
    code, out = run(project_copy, "check", capsys=capsys)
    assert code == 1
    assert re.search(r"data/translations/es/informational-interview.yml:\d+:9: design.text: hard-codes "
                     r"'estudiantes', nyc's word", out), out
    assert "write ${learners}" in out
