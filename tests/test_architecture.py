"""The core is plain Python: it imports and builds a whole site with MkDocs unavailable."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "macros"  # installs as wbl_guide (pyproject.toml)

# The core's layers, lowest first, one package each: a module imports only from its own
# layer or those below, and no modules import each other in a circle. The adapters (MkDocs,
# mkdocs-macros) and the command line (cli.py, at the top of the package) sit on top.
LAYERS = ["base", "text", "words", "data", "rendering", "pdf", "publishing", "adapters"]
TOP = {"cli"}  # modules at the package's top, above every layer


def modules() -> dict[str, Path]:
    """Every module of macros/, by its name under the package: data.loader, cli, ..."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if "__pycache__" in parts or parts[-1] == "__init__":
            continue
        found[".".join(parts)] = path
    return found


def layer_of(module: str) -> int:
    return len(LAYERS) if module in TOP else LAYERS.index(module.split(".")[0])


# Every module of the core: all of macros/ but the adapters and the command line.
CORE = sorted(name for name in modules() if name.split(".")[0] != "adapters" and name not in TOP)


def test_core_imports_and_renders_without_mkdocs():
    script = textwrap.dedent(f"""
        import sys
        # A None entry makes any import of these packages fail, as if they were not installed.
        for name in ("mkdocs", "mkdocs_macros", "material"):
            sys.modules[name] = None
        import importlib
        for module in {CORE!r}:
            importlib.import_module("wbl_guide." + module)
        from pathlib import Path
        from wbl_guide.publishing.publish import publish
        site = publish(Path({str(ROOT)!r}), "nyc", pdf=False)
        assert "students" in site.page("informational-interview/checklist.md").markdown
        assert not [m for m in sys.modules if m.startswith(("mkdocs", "material"))
                    and sys.modules[m] is not None]
        print("ok")
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_every_module_sits_in_a_layer():
    """A new module goes into the package of its layer; only the command line sits on top."""
    misplaced = [name for name in modules() if name not in TOP and name.split(".")[0] not in LAYERS]
    assert misplaced == []
    assert sorted(path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()) == sorted(LAYERS)


def test_every_layer_is_installed():
    """pyproject.toml lists each layer's package: one left out would be missing from an install."""
    import tomllib
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert setuptools["package-dir"] == {"wbl_guide": "macros"}
    assert sorted(setuptools["packages"]) == sorted(["wbl_guide"] + [f"wbl_guide.{layer}" for layer in LAYERS])


def test_only_the_adapters_import_mkdocs():
    for name, path in modules().items():
        source = path.read_text(encoding="utf-8")
        if name.startswith("adapters."):
            continue
        assert "import mkdocs" not in source and "from mkdocs" not in source, path


def core_imports() -> dict[str, set[str]]:
    """Each module of macros/ and the modules of macros/ it imports (anywhere in it: at the
    top, in a function, for type checking only)."""
    import ast

    known = modules()
    graph = {}
    for name, path in known.items():
        package = name.split(".")[:-1]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[:len(package) - (node.level - 1)] if node.level > 1 else package
                target = base + (node.module.split(".") if node.module else [])
                found |= {".".join(target)} | {".".join(target + [alias.name]) for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("wbl_guide"):
                target = node.module.split(".")[1:]
                found |= {".".join(target)} | {".".join(target + [alias.name]) for alias in node.names}
            elif isinstance(node, ast.Import):
                found |= {alias.name.split(".", 1)[1] for alias in node.names if alias.name.startswith("wbl_guide.")}
        graph[name] = {module for module in found if module in known and module != name}
    return graph


def test_the_import_graph_is_read():
    """The graph sees imports of every form (a guard on the two tests below)."""
    graph = core_imports()
    assert "base.errors" in graph["data.loader"]             # from ..base.errors import ...
    assert "data.paths" in graph["rendering.site"]           # from ..data import paths
    assert "rendering.render" in graph["rendering.site"]     # from .render import ...
    assert "publishing.publish" in graph["cli"]              # from .publishing.publish import ...


def test_imports_run_down_the_layers_only():
    upward = [f"macros/{module.replace('.', '/')}.py imports {imported}"
              for module, imports in sorted(core_imports().items()) for imported in sorted(imports)
              if layer_of(imported) > layer_of(module)]
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
