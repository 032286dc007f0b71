"""One rule for every cache (macros/base/fingerprints.py): a cache may change how long a
build takes, never what it writes.

A small project (three PDFs) is built warm, with its PDF cache (PDFs, print HTML) and the
compiled templates kept from the build before, after each kind of input changes in turn:
data, a page template of the core, the core's code, the print stylesheet (a theme
override), the print template, the district's language code and an installed package's
version. After each, the warm build writes byte for byte what a build without any cache
writes. Each build is a process of its own running the project's own copy of the core
(conftest.own_core), so an edit to the core is the code that runs. `mkdocs serve`'s page
reuse meets the same kinds of edit in test_serve_reuse.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import own_core
from hostile import VALID, add_project
from ledger import record
from test_pdf_cache import SMALL_PRINTS
from test_serve_reuse import Edit, another_version

# Builds through the front door, as the plugin makes them, in one process (one start-up
# for a pair): for each cache folder named (`off`: none), every file of the site and every
# page's Markdown by its hash, and how its PDFs went.
BUILD = textwrap.dedent("""
    import hashlib, json, re, sys
    from pathlib import Path
    from wbl_guide.publishing.publish import publish
    digest = lambda data: hashlib.sha256(data if isinstance(data, bytes) else data.encode()).hexdigest()
    builds = []
    for cache in sys.argv[2:]:
        lines = []
        site = publish(Path(sys.argv[1]), "alpha", pdf=True, workers=1, cache=cache, report=lines.append)
        rendered, reused, _ = map(int, re.findall(r"\\d+", lines[-1].split("): ")[1]))
        builds.append({"files": {path: digest(data) for path, data in site.assets.items()},
                       "pages": {path: digest(page.markdown) for path, page in site.pages.items()},
                       "rendered": rendered, "reused": reused})
    print(json.dumps(builds))
""")


def build(project: Path, *caches: str) -> list[dict]:
    """A build with each cache folder in turn, in a process of its own."""
    env = dict(os.environ, **own_core(project))
    record("core-build", f"{len(caches)} builds (caches: {', '.join(caches)}): {project}")
    result = subprocess.run([sys.executable, "-c", BUILD, str(project), *caches], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def conversions(cache: Path) -> int:
    folder = cache / "print-html"
    return len(list(folder.iterdir())) if folder.is_dir() else 0


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = shutil.copytree(VALID, tmp_path_factory.mktemp("cache-rule") / "small")
    activity = root / "data/activities/site-visit.yml"
    activity.write_text(activity.read_text(encoding="utf-8") + SMALL_PRINTS, encoding="utf-8")
    return add_project(root)


def test_a_warm_build_writes_what_a_build_without_caches_writes(small):
    cache = small.parent / "cache"
    markdown_version = another_version(small, "Markdown")
    edits = {
        # Only the complete guide holds the overview: one PDF to render, two reused.
        "data": (Edit("data/activities/site-visit.yml", "See real work.", "See real work, up close."), 1),
        "page template": (Edit("macros/templates/section.md.j2", "{{ heading(section, key, level) }}",
                               "{{ heading(section, key, level) }}\n\nA line the template adds.\n"), None),
        "core code": (Edit("macros/pdf/print_html.py", "body = with_fields(converter.convert(text))",
                           'body = with_fields(converter.convert(text)).replace("</h2>", "</h2>\\n<!-- c -->")'),
                      None),
        "print stylesheet": (Edit("overrides/print/pdf.css", "h1 {", "h1 {\n  letter-spacing: 0.01em;"), 3),
        "print template": (Edit("overrides/print/document.html", "</head>",
                                '<meta name="x-cache-rule" content="1">\n</head>'), 3),
        "language code": (Edit("data/districts/alpha.yml", "site_name: Alpha Guide\n",
                               "site_name: Alpha Guide\nlanguages: [en-US]\n"), 3),
        "package version": (markdown_version, 0),
    }
    first, again = build(small, str(cache), str(cache))
    assert first["rendered"] == 3 and first["reused"] == 0
    assert again["reused"] == 3 and again["files"] == first["files"]  # nothing changed: everything reused
    for kind, (edit, rendered) in edits.items():
        path = small / edit.file
        text = path.read_text(encoding="utf-8")
        assert edit.old in text, kind
        path.write_text(text.replace(edit.old, edit.new, 1), encoding="utf-8")
        converted = conversions(cache)
        warm, clean = build(small, str(cache), "off")
        assert warm["files"] == clean["files"], kind
        assert warm["pages"] == clean["pages"], kind
        assert warm["rendered"] + warm["reused"] == 3, kind
        if rendered is not None:
            assert warm["rendered"] == rendered, (kind, warm["rendered"])
        if kind == "package version":  # Markdown "changed": every page is converted again
            assert conversions(cache) == converted + 3, kind


def test_every_cache_key_comes_from_one_place():
    """No module of the core hashes for a cache of its own: every key is a Fingerprint
    (macros/base/fingerprints.py), which names each input it hashes. The one other hash is
    not a cache's: a translation file keeps a short hash of the English it was made from,
    to flag a translation whose English changed (data/translations.py)."""
    from conftest import ROOT
    hashing = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "macros").rglob("*.py")
                     if "import hashlib" in path.read_text(encoding="utf-8"))
    assert hashing == ["macros/base/fingerprints.py", "macros/data/translations.py"]
