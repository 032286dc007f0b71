"""The mkdocs-macros adapter: registers the guide's macros and variables, nothing more.

Everything else in this package is a plain-Python core that never imports MkDocs. This
function loads and validates all data through the core, and renders the PDFs (unless
GUIDE_PDF=0), before MkDocs cleans or writes the site directory; a data error stops the
build with one located message and no traceback.
The generated pages and the navigation are added by pages_hook.py, from the same site.

A district with several languages is made in one go: every edition (and its PDFs) is
made here, before anything is written; pages_hook.py then writes the others at <code>/
with a build of their own, which takes its edition from `_EDITIONS` instead of again.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from pathlib import Path


def _sources() -> list[tuple[str, int]]:
    """Every file of the core (code and templates) with its modification time."""
    folder = Path(__file__).parent
    return sorted((str(path), path.stat().st_mtime_ns) for path in folder.rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts)


_IMPORTED = _sources()  # the core as pages_hook.py is about to import it


def loaded_core() -> list[tuple[str, int]]:
    """The core's files as this process runs them (each with its modification time): part
    of what every page is made of, so reuse_hook.py keys stored pages with it. Brought up
    to date by define_env before each build, which loads an edited core again."""
    return _IMPORTED


# The adapters MkDocs loads once per process (this file and the hooks): an edit to one is
# loaded only by a new process, so `mkdocs serve` says so instead of building with the old.
ADAPTERS = ("__init__.py", "pages_hook.py", "reuse_hook.py")


def _adapter_times() -> dict[str, int]:
    return {name: (Path(__file__).parent / name).stat().st_mtime_ns for name in ADAPTERS}


_ADAPTERS_LOADED = _adapter_times()


def adapters_changed() -> list[str]:
    """The adapter files edited since this process loaded them (macros/pages_hook.py, ...)."""
    now = _adapter_times()
    return [f"macros/{name}" for name in ADAPTERS if now[name] != _ADAPTERS_LOADED[name]]


def built_site(config):
    """The site define_env made for this build, for the hooks (None before it ran)."""
    plugin = config.plugins.get("macros")
    holder = getattr(plugin, "variables", {}).get("guide_site") if plugin is not None else None
    return getattr(holder, "site", None)


def _fresh(module: str):
    # `mkdocs serve` rebuilds in the same process: drop cached core modules so that edits
    # to macros/ take effect on the next rebuild, not only data edits. Only when a file
    # changed: dropping them always made every build import the core twice (0.2 s).
    global _IMPORTED
    sources = _sources()
    if sources != _IMPORTED:
        for name in [n for n in sys.modules if n.startswith(__name__ + ".")]:
            del sys.modules[name]
        _IMPORTED = sources
    return importlib.import_module(f"{__name__}.{module}")


class SiteHolder:
    """The site, for pages_hook.py, behind a short description: mkdocs-macros writes every
    variable out as JSON for its debug log at each build, logged or not, and a site written
    out (every page's Markdown, 1.2 MB) cost 25 ms a build."""

    def __init__(self, site) -> None:
        self.site = site

    def __str__(self) -> str:
        return f"<guide site: {self.site.district_id}, {self.site.language}>"

    __repr__ = __str__


_EDITIONS: dict[tuple, object] = {}  # (project, district, language) -> a Site made, not yet written
_HINTED = False  # whether serve has said which edition it previews


def define_env(env) -> None:
    key = (env.project_dir, os.environ.get("GUIDE_DISTRICT"), os.environ.get("GUIDE_LANGUAGE"))
    made = _EDITIONS.pop(key, None)
    publish = _fresh("publish") if made is None else importlib.import_module(f"{__name__}.publish")
    errors = importlib.import_module(f"{__name__}.errors")
    page_macros = importlib.import_module(f"{__name__}.page_macros")
    from mkdocs.exceptions import PluginError  # the adapter may know MkDocs; the core may not

    log = logging.getLogger("mkdocs.plugins.wbl_guide")  # a warning fails `mkdocs build --strict`
    try:
        # A site folder named inside the project stays inside it: MkDocs empties it next.
        contained = importlib.import_module(f"{__name__}.contained")
        contained.check_output(Path(env.project_dir), Path(env.conf["site_dir"]))
        if made is not None:
            site, others = made, []
        else:
            site, *others = publish.publish_editions(
                Path(env.project_dir), os.environ.get(publish.DISTRICT_VARIABLE), pdf=publish.pdf_wanted(os.environ),
                docs_dir=Path(env.conf["docs_dir"]), languages=publish.editions_wanted(os.environ), report=log.info)
    except errors.GuideError as error:
        raise PluginError(str(error)) from None
    for other in others:
        _EDITIONS[key[:2] + (other.language,)] = other
    env.variables["guide_other_editions"] = [other.language for other in others]  # pages_hook.py builds them
    # The language switcher links the editions only when they are published together.
    env.variables["guide_switcher"] = made is not None or bool(others)

    global _HINTED
    if not _HINTED and len(site.editions) > 1 and made is None and not others \
            and os.environ.get(publish.LANGUAGE_VARIABLE, "").strip().lower() == publish.DEFAULT_EDITION:
        _HINTED = True  # said once: `mkdocs serve` previews the default edition unless asked
        log.info(f"previewing the {site.language} edition only, for quick rebuilds; "
                 f"{publish.LANGUAGE_VARIABLE}=<code> previews another ({', '.join(site.editions[1:])}), "
                 f"{publish.LANGUAGE_VARIABLE}={publish.EVERY_EDITION} every edition with the language switcher")
    for finding in site.warnings:
        log.warning(str(finding))
    env.variables["guide_site"] = SiteHolder(site)  # pages_hook.py hands the site's names to MkDocs
    env.variables["district"] = site.district

    @env.macro
    def guide_page(path: str) -> str:
        """The Markdown of one of the guide's pages, rendered by the core."""
        return site.page(path).markdown

    @env.macro
    def term(placeholder: str) -> str:
        """A district word for hand-written pages: {{ term("Learners") }} or {{ term("a learner") }}."""
        try:
            return page_macros.render_term(site.terms, placeholder, where=env.page.file.src_uri
                                           if getattr(env, "page", None) else "a page")
        except errors.GuideError as error:
            raise PluginError(str(error)) from None
