"""JSON Schema files for editors (the YAML language server), exported from the models.

Each data file names its schema in a first-line comment, so VS Code and other editors
check and complete keys as people type. The district schema lists the terms of
data/terms.yml, so a misspelled term is underlined before any build.
"""

from __future__ import annotations

import json
from pathlib import Path

from .model import Activity, District, Guide, TermEntry
from ..words.terms import Vocabulary

SCHEMA_DIR = "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas(vocabulary: Vocabulary) -> dict[str, dict]:
    """File name -> schema, for every kind of data file."""
    return {
        "activity.schema.json": _titled(Activity.model_json_schema(), "A work-based learning activity"),
        "district.schema.json": _district(vocabulary),
        "guide.schema.json": _titled(Guide.model_json_schema(), "Shared guide text"),
        "terms.schema.json": _titled({"type": "object", "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
                                      "additionalProperties": {"$ref": "#/$defs/TermEntry"},
                                      "$defs": {"TermEntry": TermEntry.model_json_schema()}},
                                     "The placeholders shared text may use"),
        "translation.schema.json": _translation(),
        "glossary.schema.json": _glossary(),
    }


def _glossary() -> dict:
    """data/glossary/<lang>.yml: each guide term's one rendering (rendering/glossary.py).
    The rendering's key is the language's code (es:)."""
    phrases = {"type": "array", "items": {"type": "string", "minLength": 1}}
    return _titled({
        "description": "One rendering for each of the guide's terms in a language, and the variants check reports.",
        "type": "object", "required": ["terms"], "additionalProperties": False,
        "properties": {"terms": {"type": "array", "items": {
            "type": "object", "required": ["en", "variants"], "minProperties": 3,
            "properties": {
                "en": {"type": "string", "minLength": 1, "description": "The English term."},
                "forms": {**phrases, "description": "The rendering's other inflected forms."},
                "variants": {**phrases, "description": "Renderings the guide does not use: each one found is reported."},
                "except": {**phrases, "description": "Phrases in which a variant is a right word in another sense."},
                "note": {"type": "string", "description": "Why, for the translator."}},
            "patternProperties": {"^[a-z]{2,3}$": {"type": "string", "minLength": 1,
                                                   "description": "The term's one rendering in this language."}},
            "additionalProperties": False}}},
    }, "A glossary of the guide's terms")


def _translation() -> dict:
    """data/translations/<lang>/*.yml: entries by item id (translations.py)."""
    text = {"type": "string"}
    return _titled({
        "description": "Shared text in another language, by the id of each item of the English source.",
        "type": "object", "propertyNames": {"pattern": "^[a-z0-9][a-z0-9_.-]*$"},
        "properties": {"reviewed": {
            "description": "Whether a person from the district has read this file against the English: "
                           "false, or by: (name and role) and on: (date).",
            "anyOf": [{"const": False}, {"type": "null"}, {
                "type": "object", "required": ["by", "on"], "additionalProperties": False,
                "properties": {"by": {"type": "string", "minLength": 1}, "on": {"type": ["string"], "minLength": 1}}}]}},
        "additionalProperties": {
            "type": "object", "required": ["source"],
            "properties": {"source": {
                # An editor reads an all-digit hash as a number; the guide reads it as text.
                "anyOf": [{**text, "pattern": "^[0-9a-f]{8}$"}, {"type": "integer"}],
                "description": "The hash of the English this entry translates (wbl-guide translate writes it)."}},
            "additionalProperties": {"anyOf": [text, {"type": "null"}, {"type": "array", "items": text}],
                                     "description": "A translated text (empty: not translated yet)."}},
    }, "A translation of shared text")


def _titled(schema: dict, title: str) -> dict:
    return {"$schema": DIALECT, "title": title, **{k: v for k, v in schema.items() if k != "title"}}


def _district(vocabulary: Vocabulary) -> dict:
    schema = _titled(District.model_json_schema(), "A district profile")
    properties, required = {}, []
    for key, spec in vocabulary.specs.items():
        properties[key] = _term_schema(spec)
        if not spec.optional:
            required.append(key)
    schema["properties"]["terms"] = {
        "description": schema["properties"]["terms"].get("description", ""),
        "type": "object", "properties": properties, "required": required, "additionalProperties": False,
    }
    return schema


def _term_schema(spec) -> dict:
    described = {"description": f"{spec.description} Example: {spec.example}".strip()}
    text = {"type": "string", "minLength": 1}
    if spec.kind == "list":
        return {**described, "anyOf": [text, {"type": "array", "items": text, "minItems": 1}]}
    if spec.kind == "phrase":
        return {**described, **text}
    forms = {"singular": text, "plural": text, "article": {"enum": ["a", "an"]}}
    for name in spec.variants:
        forms[name] = {"description": f"The '{name}' variant: ${{{spec.key}:{name}}}.", "anyOf": [text, {
            "type": "object", "properties": {"singular": text, "plural": text},
            "required": ["singular"], "additionalProperties": False}]}
    return {**described, "anyOf": [text, {"type": "object", "properties": forms,
                                          "required": ["singular"], "additionalProperties": False}]}


def write_schemas(root: Path, vocabulary: Vocabulary) -> list[Path]:
    from ..base.contained import write_inside  # never through a link planted in schema/
    target = Path(root) / SCHEMA_DIR
    written = []
    for name, schema in schemas(vocabulary).items():
        path = target / name
        write_inside(root, path, json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        written.append(path)
    return written
