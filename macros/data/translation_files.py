"""`wbl-guide translate <lang>`: the translation files, brought up to date for a translator.

For every item of the English source it writes an entry: its id, the hash of the English it
translates (`source:`) and each text, with the English beside it as a comment. Texts already
translated are kept; an entry whose English changed keeps its old hash and text, with the
new English and the hash to set once it is updated. Empty texts are still to do. The file
is written anew each time: translators' own comments are not kept.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import yaml
from pydantic import BaseModel

from ..base.contained import writable_problem, write_inside
from ..base.errors import GuideError
from ..words.languages import name_of
from .translations import Translation, Unit, translations_dir, units

WIDTH = 92


def write_translation_files(root: Path, language: str, sources: dict[str, BaseModel],
                            translations: dict[str, Translation]) -> list[tuple[Path, int, int]]:
    """Write data/translations/<language>/<name>.yml for each source; return (path, texts
    to do, texts in all) for each."""
    folder = translations_dir(root, language)
    paths = {name: folder / f"{name}.yml" for name in sources}
    # Every file is checked before any is written: a link out stops the run with nothing written.
    problems = [problem for problem in (writable_problem(root, path) for path in paths.values()) if problem]
    if problems:
        raise GuideError(problems)
    written = []
    for name, model in sources.items():
        text, todo, total = render_file(language, name, model, translations.get(name))
        write_inside(root, paths[name], text)
        written.append((paths[name], todo, total))
    return written


def render_file(language: str, name: str, model: BaseModel, translation: Translation | None) -> tuple[str, int, int]:
    source = "data/guide.yml" if name == "guide" else f"data/activities/{name}.yml"
    lines = ["# yaml-language-server: $schema=../../../schema/translation.schema.json", "#",
             f"# {name_of(language)} ({language}) translation of {source}.",
             "# Each entry: an item's id, the hash of the English it translates (source:), and its",
             f"# texts in {name_of(language)}. An empty text is still to do: the page shows the English,",
             "# marked as English. Written by `wbl-guide translate "
             f"{language}`; run it again after the English changes.", "",
             "# Has a person from the district read this file against the English? Until then the",
             "# edition's home page says it is not reviewed. Once done, write the reviewer's name and role",
             "# at the district under `by:` and the date under `on:`.",
             f"reviewed: {_review(translation)}", ""]
    todo = total = 0
    for unit in units(model).values():
        entry_lines, missing = _entry(unit, translation)
        lines += entry_lines
        todo += missing
        total += len(unit.fields)
    return "\n".join(lines).rstrip() + "\n", todo, total


def _review(translation: Translation | None) -> str:
    review = translation.review if translation else None
    if review is None:
        return "false"
    return f"\n  by: {_one_line(review['by'])}\n  on: {_one_line(review['on'])}"


def _entry(unit: Unit, translation: Translation | None) -> tuple[list[str], int]:
    recorded = translation.hashes.get(unit.id) if translation else None
    given = translation.entries.get(unit.id, {}) if translation else {}
    lines = [f"{unit.id}:"]
    if recorded and recorded != unit.source and any(given.values()):
        lines.append(f"  # STALE: the English changed. Update the texts, then set source: {unit.source}")
        lines.append(f"  source: {recorded}")
    else:
        lines.append(f"  source: {unit.source}")
    missing = 0
    for name, english in unit.fields.items():
        lines += _comment(name, english)
        value = given.get(name)
        if value in (None, "", []):
            missing += 1
            lines.append(f"  {name}:")
        else:
            lines += _value(name, value)
    lines.append("")
    return lines, missing


def _comment(name: str, english) -> list[str]:
    text = " | ".join(english) if isinstance(english, list) else english
    wrapped = textwrap.wrap(" ".join(text.split()), WIDTH - 6) or [""]
    return [f"  # en: {wrapped[0]}"] + [f"  #     {line}" for line in wrapped[1:]]


def _one_line(value: str) -> str:
    """The value as a plain YAML scalar where it reads back the same, as translators write
    it; quoted (JSON is YAML) where plain would change it."""
    try:
        if yaml.safe_load(f"x: {value}") == {"x": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def _value(name: str, value) -> list[str]:
    if isinstance(value, list):
        return [f"  {name}:"] + [f"    - {json.dumps(item, ensure_ascii=False)}" for item in value]
    if "\n" in value or len(value) < WIDTH - len(name) - 6 or value != value.strip():
        return [f"  {name}: {_one_line(value)}"]
    return [f"  {name}: >-"] + [f"    {line}" for line in textwrap.wrap(value, WIDTH - 4,
                                                                       break_long_words=False, break_on_hyphens=False)]
