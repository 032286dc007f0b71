#!/usr/bin/env python3
"""Where the time of one district's HTML build goes: a breakdown in CPU seconds.

    .venv/bin/python benchmarks/profile_build.py                  # default district, every edition
    .venv/bin/python benchmarks/profile_build.py nyc --language en  # one edition only
    .venv/bin/python benchmarks/profile_build.py --rebuild          # a `mkdocs serve` rebuild

Runs `GUIDE_PDF=0 mkdocs build` in this process, with light timers (not cProfile, which
doubles the time and skews it towards call-heavy code) wrapped around the functions that
mark each phase. Each phase's time is exclusive: an import made while the core renders
counts as an import, not as rendering. CPU time, because the machine may be shared.
With --rebuild, a copy of the project is built twice in the process as `mkdocs serve`
builds it (configuration loaded again, everything imported already, pages an edit left
alone reused: macros/adapters/serve_reuse.py), one checklist item reworded in between, and the
second build is shown.
"""

from __future__ import annotations

import time

STARTUP = time.process_time()  # the interpreter's own start, before anything below
WALL = time.perf_counter()

import argparse  # noqa: E402
import functools  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
IMPORTS = "imports (Python, MkDocs, Material, plugins, our core)"
YAML = "core: reading and parsing the YAML"
VALIDATE = "core: validating the data (models, schemas, links, translations)"
RENDER = "core: rendering the pages' Markdown (site.assemble)"
CHECKS = "core: other checks before the build (terms in docs/, lint)"
MACROS = "mkdocs-macros plugin itself"
AUDIT = "hook: HTML audit of every page (on_page_content)"
REWRITE = "hook: <html lang>, switcher links (on_post_page)"
HOOK = "hook: config, files, other editions' set-up"
MARKDOWN = "MkDocs: Markdown to HTML (Python-Markdown)"
THEME = "MkDocs: theme templates (Material, Jinja)"
SEARCH = "MkDocs: search index"
WRITE = "MkDocs: writing and copying files"
CONFIG = "MkDocs: loading mkdocs.yml"
OTHER = "MkDocs: the rest (files, navigation, anchors)"
ORDER = [IMPORTS, YAML, VALIDATE, RENDER, CHECKS, MACROS, AUDIT, REWRITE, HOOK, MARKDOWN, THEME, SEARCH, WRITE,
         CONFIG, OTHER]

totals: dict[str, float] = defaultdict(float)
_stack: list[list] = []  # [label, CPU seconds spent in timed children]


def timed(label: str, function):
    """`function`, with its CPU time less its timed children's added to `label`."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if _stack and _stack[-1][0] == label:  # nested in itself (imports in imports): one span
            return function(*args, **kwargs)
        frame = [label, 0.0]
        _stack.append(frame)
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent = time.process_time() - started
            _stack.pop()
            totals[label] += spent - frame[1]
            if _stack:
                _stack[-1][1] += spent
    return wrapper


def _patch_core(name: str, module) -> None:
    # The core may be imported afresh by the plugin (adapters/core_modules.py), so it is patched
    # as it is imported; each module calls the others through names of its own.
    if name == "wbl_guide.data.project":
        module.load_yaml = timed(YAML, module.load_yaml)
        module.load_project = timed(VALIDATE, module.load_project)
    elif name == "wbl_guide.publishing.publish":
        module.load_project = timed(VALIDATE, module.load_project)
        module.assemble = timed(RENDER, module.assemble)
        module.publish_editions = timed(CHECKS, module.publish_editions)


def install() -> None:
    bootstrap = sys.modules["importlib._bootstrap"]  # CPython's import statement calls its _find_and_load
    find_and_load = bootstrap._find_and_load

    def load(name, import_):
        module = find_and_load(name, import_)
        _patch_core(name, module)
        return module

    bootstrap._find_and_load = timed(IMPORTS, load)

    from mkdocs import config, utils
    from mkdocs.commands import build
    from mkdocs.plugins import PluginCollection
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    config.load_config = timed(CONFIG, config.load_config)
    build.build = timed(OTHER, build.build)
    build._build_page = timed(THEME, build._build_page)
    build._build_theme_template = timed(THEME, build._build_theme_template)
    Page.render = timed(MARKDOWN, Page.render)
    utils.write_file = timed(WRITE, utils.write_file)
    utils.clean_directory = timed(WRITE, utils.clean_directory)
    build.utils.clean_directory = utils.clean_directory
    Files.copy_static_files = timed(WRITE, Files.copy_static_files)
    register = PluginCollection._register_event

    def register_timed(self, event_name, method, plugin_name=None):
        module = getattr(method, "__module__", "") or ""
        if module.startswith("mkdocs_macros"):
            label = MACROS
        elif "search" in module:
            label = SEARCH
        elif event_name == "page_content":
            label = AUDIT
        elif event_name in ("post_page", "post_template"):
            label = REWRITE
        else:
            label = HOOK
        if not hasattr(method, "methods"):  # a CombinedEvent registers its parts one by one
            method = timed(label, method)
        return register(self, event_name, method, plugin_name)

    PluginCollection._register_event = register_timed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("district", nargs="?", help="district id (default: the project's default)")
    parser.add_argument("--language", help="build this edition only (GUIDE_LANGUAGE), e.g. en")
    parser.add_argument("--project", type=Path, default=ROOT, help="project folder (default: this one)")
    parser.add_argument("--rebuild", action="store_true", help="time a second build in the same process, as serve")
    args = parser.parse_args(argv)
    os.environ.update(NO_MKDOCS_2_WARNING="1", GUIDE_PDF="0")
    for variable, value in (("GUIDE_DISTRICT", args.district), ("GUIDE_LANGUAGE", args.language)):
        if value:
            os.environ[variable] = value
        else:
            os.environ.pop(variable, None)
    load = os.getloadavg()[0]
    install()
    from mkdocs.__main__ import cli

    with tempfile.TemporaryDirectory(prefix="wbl-profile-") as temp:
        site = str(Path(temp) / "site")
        if args.rebuild:
            project = Path(temp) / "project"
            for name in ("data", "docs", "macros", "overrides", "schema", "mkdocs.yml"):
                (shutil.copytree if (args.project / name).is_dir() else shutil.copy)(args.project / name,
                                                                                        project / name)
            os.chdir(project)
            serve_build(site)
            activity = project / EDITED
            activity.write_text(activity.read_text(encoding="utf-8").replace(WORDS, f"{WORDS} (edited)"),
                                encoding="utf-8")
            totals.clear()
            wall, cpu, startup = time.perf_counter(), time.process_time(), 0.0
            serve_build(site)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        else:
            os.chdir(args.project)
            try:
                cli.main(["build", "-q", "--strict", "-d", site], standalone_mode=False)
            except SystemExit as stop:
                if stop.code:
                    raise
            wall, cpu, startup = time.perf_counter() - WALL, time.process_time(), STARTUP  # start-up too
    report(args, wall, cpu, startup, load)
    return 0


EDITED = "data/activities/informational-interview.yml"
WORDS = "summarize results"  # in one checklist item: the rebuild after rewording it is timed


def serve_build(site: str) -> None:
    """What `mkdocs serve` does on each change (mkdocs/commands/serve.py: builder)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(site_dir=site)
    config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = "http://127.0.0.1:8000/"
    build(config, serve_url="http://127.0.0.1:8000/")
    config.plugins.on_shutdown()


def report(args, wall: float, cpu: float, startup: float, load: float) -> None:
    total = cpu
    rows = [("Python start-up", startup)] + [(label, totals[label]) for label in ORDER]
    untimed = cpu - startup - sum(totals.values())  # this script's own few lines, the timers
    rows.append(("untimed", untimed))
    what = f"{args.district or 'default district'}, {f'{args.language} only' if args.language else 'every edition'}"
    command = "rebuild as `mkdocs serve` makes it" if args.rebuild else "mkdocs build"
    print(f"GUIDE_PDF=0 {command} ({what}): {total:.2f} s CPU, {wall:.2f} s wall "
          f"(load average {load:.2f} on {os.cpu_count()} cores)\n")
    print("| phase | CPU s | share |")
    print("|---|---:|---:|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.2f} | {seconds / total:.0%} |")
    ours = sum(totals[label] for label in (YAML, VALIDATE, RENDER, CHECKS, AUDIT, REWRITE, HOOK))
    print(f"\nOur code (core + hook, imports apart): {ours:.2f} s, {ours / total:.0%}")
    if sys.dont_write_bytecode:
        print("PYTHONDONTWRITEBYTECODE is set: the imports include compiling macros/ from source (about 0.1 s).")


if __name__ == "__main__":
    sys.exit(main())
