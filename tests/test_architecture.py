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


# The core's layers, lowest first: a module imports only from its own layer or those below,
# and no modules import each other in a circle. The adapters (MkDocs, mkdocs-macros, the
# command line) sit on top. A new module is placed here, in the layer its job belongs to.
LAYERS = {
    "base": {"errors", "suggest", "fallback", "bounds", "control_characters", "contained", "css", "colours"},
    "text": {"text_kinds", "addresses", "markup", "html_audit", "english"},
    "words": {"languages", "terms", "spanish", "grammars"},
    "data": {"loader", "model", "schema_errors", "schemas", "walk", "due", "paths", "logo", "text_checks",
             "term_values", "validate", "translations", "translation_files", "editions", "project",
             "published_folders"},
    "site": {"render", "resolve", "plan_outline", "site_stylesheet", "site", "lint", "page_macros", "scaffold",
             "pdf_file"},
    "pdf": {"pdf_cache", "pdf_fetcher", "print_fields", "print_html", "pdf"},
    "front door": {"publish", "build_all"},
    "adapters": {"cli", "__init__", "pages_hook", "reuse_hook", "page_reuse", "theme_listing"},
}


def core_imports() -> dict[str, set[str]]:
    """Each module of macros/ and the modules of macros/ it imports (anywhere in it: at the
    top, in a function, for type checking only)."""
    import ast

    modules = {path.stem for path in (ROOT / "macros").glob("*.py")}
    graph = {}
    for path in (ROOT / "macros").glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found |= {node.module.split(".")[0]} if node.module else {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("macros"):
                parts = node.module.split(".")
                found |= {parts[1]} if len(parts) > 1 else {alias.name for alias in node.names}
            elif isinstance(node, ast.Import):
                found |= {alias.name.split(".")[1] for alias in node.names if alias.name.startswith("macros.")}
        graph[path.stem] = {name for name in found if name in modules and name != path.stem}
    return graph


def test_every_module_has_a_layer():
    placed = [name for members in LAYERS.values() for name in members]
    assert len(placed) == len(set(placed)), "a module is placed in two layers"
    assert set(core_imports()) == set(placed), (set(core_imports()) ^ set(placed))


def test_imports_run_down_the_layers_only():
    rank = {name: index for index, members in enumerate(LAYERS.values()) for name in members}
    layer = {name: title for title, members in LAYERS.items() for name in members}
    upward = [f"macros/{module}.py ({layer[module]}) imports {imported} ({layer[imported]})"
              for module, imports in sorted(core_imports().items()) for imported in sorted(imports)
              if rank[imported] > rank[module]]
    assert upward == []


def test_no_modules_import_each_other_in_a_circle():
    graph = core_imports()
    circles, state = [], {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for imported in sorted(graph[module]):
            if state.get(imported) == "open":
                circles.append(" -> ".join(trail[trail.index(imported):] + [module, imported]))
            elif imported not in state:
                visit(imported, trail + [module])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert circles == []
