"""The core is plain Python: it imports and builds a whole site with MkDocs unavailable."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT

# Every module of the core: all of macros/ but the two adapter files.
CORE = sorted(path.stem for path in (ROOT / "macros").glob("*.py") if path.stem not in ("__init__", "pages_hook", "reuse_hook"))


def test_core_imports_and_renders_without_mkdocs():
    script = textwrap.dedent(f"""
        import sys
        # A None entry makes any import of these packages fail, as if they were not installed.
        for name in ("mkdocs", "mkdocs_macros", "material"):
            sys.modules[name] = None
        import importlib
        for module in {CORE!r}:
            importlib.import_module("macros." + module)
        from pathlib import Path
        from macros.publish import publish
        site = publish(Path({str(ROOT)!r}), "nyc", pdf=False)
        assert "students" in site.page("informational-interview/checklist.md").markdown
        assert not [m for m in sys.modules if m.startswith(("mkdocs", "material"))
                    and sys.modules[m] is not None]
        print("ok")
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_every_core_module_is_listed():
    """A new core module must be added to CORE above, so the test keeps covering it."""
    adapters = {"__init__", "pages_hook", "reuse_hook", "cli"}
    modules = {p.stem for p in (ROOT / "macros").glob("*.py")} - adapters
    assert modules <= set(CORE), modules - set(CORE)


def test_only_the_adapters_import_mkdocs():
    for path in (ROOT / "macros").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        if path.stem in ("__init__", "pages_hook", "reuse_hook"):
            continue
        assert "import mkdocs" not in source and "from mkdocs" not in source, path
