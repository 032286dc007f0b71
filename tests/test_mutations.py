"""Property: however an author mangles the bundled data, the result is a site or a GuideError.

Random edits of the kinds people make by hand (deleted, doubled or re-indented lines, stray
characters, tabs, quotes, colons, template braces, invalid bytes) are applied to a copy of
data/. The core must then either build every district or raise its one user-facing error
with located problems: never another exception, which a user would see as a traceback.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from wbl_guide.base.errors import GuideError
from wbl_guide.data.project import load_project
from wbl_guide.publishing.publish import editions_of
from wbl_guide.rendering.lint import shared_findings, translation_findings

FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*.yml"))
FRAGMENTS = ["\t", ": ", ":", "- ", "#", "'", '"', "{{ x }}", "{%", "${", "${learners}", "${lerner}",
             "}", "[", "]", "{", "&a ", "*a", "!!python/object:os.system", "<b>", "~", "null",
             "true", "0", "- id: x\n", "  ", "\n", "id: dup\n", "\u2019", "\u00e9", "${A learner}"]


@st.composite
def mutation(draw):
    file = draw(st.sampled_from(FILES))
    kind = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "insert", "replace_value",
                                 "bad_bytes", "swap"]))
    return file, kind, draw(st.integers(min_value=0, max_value=10_000)), draw(st.sampled_from(FRAGMENTS)), \
        draw(st.integers(min_value=0, max_value=10_000))


def mutate(raw: bytes, kind: str, where: int, fragment: str, other: int) -> bytes:
    lines = raw.decode("utf-8", "surrogateescape").splitlines(keepends=True) or [""]
    index = where % len(lines)
    line = lines[index]
    if kind == "delete":
        del lines[index]
    elif kind == "duplicate":
        lines.insert(index, line)
    elif kind == "indent":
        lines[index] = "  " + line
    elif kind == "dedent":
        lines[index] = line[2:] if line.startswith("  ") else line
    elif kind == "insert":
        column = other % (len(line) + 1)
        lines[index] = line[:column] + fragment + line[column:]
    elif kind == "replace_value" and ":" in line:
        lines[index] = line.split(":", 1)[0] + ": " + fragment.strip("\n") + "\n"
    elif kind == "swap":
        other_index = other % len(lines)
        lines[index], lines[other_index] = lines[other_index], lines[index]
    result = "".join(lines).encode("utf-8", "surrogateescape")
    if kind == "bad_bytes":
        cut = where % (len(result) + 1)
        result = result[:cut] + b"\xff\xfe" + result[cut:]
    return result


# Activities' pages rendered by earlier examples, reused while their resolved data and
# context are the same, as `mkdocs serve` reuses them from save to save (site.assemble's
# `rendered`): an example renders again only what its edits changed, a quarter less time.
PAGES_OF_EARLIER_EXAMPLES: dict = {}


@pytest.mark.slow  # every example loads and assembles the whole project
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation(), min_size=1, max_size=3))
def test_mangled_data_gives_a_site_or_located_problems(mutations):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "data", root / "data")
        for file, kind, where, fragment, other in mutations:
            path = root / file
            path.write_bytes(mutate(path.read_bytes(), kind, where, fragment, other))
        try:
            project = load_project(root)
            # Every edition where a profile was mangled; where a translation was, the editions
            # in its language (no other edition reads it); else the default.
            everywhere = any(m[0].startswith("data/districts/") for m in mutations)
            translated = {m[0].split("/")[2] for m in mutations if m[0].startswith("data/translations/")}
            # Each as its build makes it (its district findings with its default edition, from
            # the activities that edition resolved), then the rest of what `check` finds.
            for district, profile in project.districts.items():
                editions_of(project, root, district, pdf=False, rendered=PAGES_OF_EARLIER_EXAMPLES, languages=[
                    language for language in profile.editions()
                    if everywhere or language in translated or language == profile.editions()[0]])
            shared_findings(project)
            translation_findings(project)
        except GuideError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.file and problem.message
                assert "Traceback" not in str(problem)
