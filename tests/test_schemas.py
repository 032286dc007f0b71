"""The JSON Schemas in schema/ are current, and every bundled file passes its schema."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from conftest import ROOT
from wbl_guide.data.project import load_project
from wbl_guide.data.schemas import schemas

DATA_FILES = sorted((ROOT / "data").rglob("*.yml"))


def test_committed_schemas_match_the_models():
    generated = schemas(load_project(ROOT, districts=[]).vocabulary)
    for name, schema in generated.items():
        committed = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
        assert committed == schema, f"schema/{name} is stale: run `wbl-guide schemas`"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_each_data_file_names_its_schema_and_passes_it(path):
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    reference = re.match(r"# yaml-language-server: \$schema=(\S+)$", first_line)
    assert reference, f"{path} does not name its schema on its first line"
    schema_path = (path.parent / reference.group(1)).resolve()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    # Editors read YAML with its usual types, so validate the file the way they see it.
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_the_district_schema_catches_a_misspelled_term():
    schema = json.loads((ROOT / "schema" / "district.schema.json").read_text(encoding="utf-8"))
    profile = yaml.safe_load((ROOT / "data/districts/nyc.yml").read_text(encoding="utf-8"))
    profile["terms"]["lerner"] = profile["terms"].pop("learner")
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(profile))
    assert any("lerner" in error.message for error in errors)
