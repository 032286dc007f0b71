"""The mkdocs-macros adapter: term() and guide_page() for the hand-written pages in docs/.

mkdocs-macros loads this module (mkdocs.yml: `modules: [wbl_guide.adapters.macros_env]`)
and calls define_env at each build, after the guide's plugin (plugin.py) has made the
build's site: the macros read it from the plugin, the one holder of a build's state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:  # looked up through the plugin at each use (core_modules.py)
    from ..base import errors as _errors  # noqa: F401
    from ..rendering import page_macros as _page_macros  # noqa: F401

PLUGIN = "wbl-guide"  # the plugin's name in mkdocs.yml (pyproject.toml's entry point)


def define_env(env) -> None:
    plugin = env.conf.plugins.get(PLUGIN)
    if plugin is None or plugin.site is None:
        raise PluginError(f"mkdocs.yml: list the {PLUGIN} plugin before macros under `plugins:`; "
                          "the macros read the site it makes")
    site, core = plugin.site, plugin.core
    env.variables["district"] = site.district

    @env.macro
    def guide_page(path: str) -> str:
        """The Markdown of one of the guide's pages, rendered by the core."""
        return site.page(path).markdown

    @env.macro
    def term(placeholder: str) -> str:
        """A district word for hand-written pages: {{ term("Learners") }} or {{ term("a learner") }}."""
        where = env.page.file.src_uri if getattr(env, "page", None) else "a page"
        try:
            return core.module("rendering.page_macros").render_term(site.terms, placeholder, where=where)
        except core.module("base.errors").GuideError as error:
            raise PluginError(str(error)) from None
