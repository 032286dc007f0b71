"""The guide's MkDocs plugin: one build's state, and the core's site handed to MkDocs.

In on_config, before MkDocs reads docs/ or writes a file, the plugin loads and validates all
data through the front door (publishing/publish.py) and makes every edition the build asks
for, with its PDFs; a data error stops the build with one located message and no traceback,
and the last good site stays in place. It then hands MkDocs the site's names, navigation and
language (theme.py), its generated pages and files (on_files), audits every page's HTML
before it is written, and writes the district's other languages at <site>/<code>/ the way
mkdocs-static-i18n does: one more build each, from the editions already made.

Settings come from mkdocs.yml (`plugins: - wbl-guide: ...`), where `!ENV` keeps
`GUIDE_DISTRICT=nyc mkdocs build` working. MkDocs keeps one object of a plugin that has
on_startup for the whole process (mkdocs/config/config_options.py, Plugins.plugin_cache), so
a `mkdocs serve` session's pages and compiled templates live here, and each build's state is
set again in on_config.
"""

from __future__ import annotations

import html
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel

from .core_modules import CoreModules
from .serve_reuse import ServeReuse
from .theme import (CompiledTemplates, dress, list_theme_without_hidden_folders, root_element,
                    without_alternate_links)
from .theme_listing import visible_templates

if TYPE_CHECKING:  # what the plugin uses of the core, which it looks up at each use (core_modules.py)
    from ..base import contained as _contained, css as _css, errors as _errors, fallback as _fallback  # noqa: F401
    from ..data import editions as _editions, published_folders as _published_folders  # noqa: F401
    from ..publishing import publish as _publish  # noqa: F401
    from ..text import html_audit as _html_audit  # noqa: F401
    from ..words import languages as _languages  # noqa: F401

LOG = logging.getLogger("mkdocs.plugins.wbl_guide")  # a warning fails `mkdocs build --strict`
POLL_SECONDS = 0.1


class _Setting(c.BaseConfigOption):
    """A word that may come from an environment variable through mkdocs.yml's `!ENV`, which
    reads GUIDE_PDF=0 as a number and GUIDE_PDF=no as false: kept as the text written
    (true/false for YAML's booleans), or None when unset or empty."""

    def run_validation(self, value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float, str)):
            return str(value).strip() or None
        raise c.ValidationError(f"expected a word, received {type(value).__name__}")


class GuideConfig(base.Config):
    district = _Setting()  # a profile's id in data/districts/; unset: earn-and-learn
    language = _Setting()  # an edition's code, `default` or `all`; unset: every edition (serve: the default)
    pdf = _Setting()       # true or false; unset: PDFs in `mkdocs build`, none in `mkdocs serve`
    cache = _Setting()     # the PDF cache's folder, inside the project or absolute; `off`; unset: .cache/pdf


class GuidePlugin(BasePlugin[GuideConfig]):
    def __init__(self) -> None:
        self.core = CoreModules()
        self.reuse = ServeReuse()
        self.templates = CompiledTemplates()
        self.rendered: dict = {}  # activities' pages from earlier builds (rendering/site.py)
        self.command = "build"
        self.site = None          # the edition this build writes (mkdocs-macros' define_env reads it)
        self.others: list = []    # the district's other editions, written after this one
        self.switcher = False     # whether the pages link their editions (published together)
        self.direction = "ltr"    # the edition's, written on every page's root element
        self._nested = False      # a build of another edition, inside on_post_build
        self._hinted = False      # serve has said which edition it previews

    def on_startup(self, *, command: str, dirty: bool) -> None:
        if self._nested:
            return
        self.command = command
        if command == "serve":
            self.reuse.start()

    def on_shutdown(self) -> None:
        if not self._nested:
            self.reuse.stop()

    @event_priority(100)  # before mkdocs-macros (define_env reads the site) and before docs/ is read
    def on_config(self, config):
        if self.command == "serve" and not self._nested:
            # MkDocs holds this object, and Python the packages it imported: only a new
            # process loads an edited adapter or a package installed in another version.
            changed = self.core.adapters_changed() + self.reuse.versions_changed()
            if changed:
                raise PluginError(f"{', '.join(changed)} changed since `mkdocs serve` started: stop it and start it "
                                  "again to load the change (the core's other files are loaded again by themselves)")
        if not self._nested and self.core.refresh():
            self.rendered = {}  # made by the code before the edit
        errors = self.core.module("base.errors")  # as loaded now: the class publish() raises
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        # docs/ and overrides/ hold no link out of the project (MkDocs would publish what it
        # leads to) and no special file: refused before anything reads them.
        folders = self.core.module("data.published_folders")
        problems = [problem for folder in (config.docs_dir, config.theme.custom_dir) if folder
                    for problem in folders.folder_problems(root, Path(folder))]
        try:
            if problems:
                raise errors.GuideError(problems)
            if not self._nested:
                self._make_editions(config, root)
        except errors.GuideError as error:
            raise PluginError(str(error)) from None
        site = self.site
        list_theme_without_hidden_folders(config, visible_templates)
        self.direction = self.core.module("words.languages").direction(site.language)
        dress(config, site, self.direction, self.core.module("base.fallback").unmark)
        if self.switcher:
            config.extra["alternate"] = self.core.module("data.editions").alternates(site.district, site.language, "")
        # Material's search cuts Chinese with jieba, which logs its dictionary's loading.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        self.reuse.on_config(config)
        return config

    def _make_editions(self, config, root: Path) -> None:
        """Every edition this build writes, made and checked before anything is written."""
        publish = self.core.module("publishing.publish")
        serve = self.command == "serve"
        # A live preview rebuilds on every edit: no PDFs unless asked, and the default
        # edition only unless `language` names another or `all`.
        pdf = publish.pdf_wanted(self.config.pdf, default=not serve)
        languages = publish.editions_wanted(self.config.language, every=not serve)
        self.core.module("base.contained").check_output(root, Path(config.site_dir))  # MkDocs empties it next
        self.site, *self.others = publish.publish_editions(
            root, self.config.district, pdf=pdf, docs_dir=Path(config.docs_dir), languages=languages,
            cache=self.config.cache, report=LOG.info, rendered=self.rendered)
        self.switcher = bool(self.others)
        site = self.site
        if serve and self.config.language is None and len(site.editions) > 1 and not self._hinted:
            self._hinted = True
            LOG.info(f"previewing the {site.language} edition only, for quick rebuilds; "
                     f"{publish.LANGUAGE_VARIABLE}=<code> previews another ({', '.join(site.editions[1:])}), "
                     f"{publish.LANGUAGE_VARIABLE}={publish.EVERY_EDITION} every edition with the language switcher")
        for finding in site.warnings:
            LOG.warning(str(finding))

    def on_files(self, files, config):
        unmark = self.core.module("base.fallback").unmark
        # Another script's font (Chinese, Arabic) stays out of this edition's site, and a
        # font published cut to the edition's text (font_subsets.py) leaves its whole slices.
        unused = tuple(self.core.module("rendering.script_fonts").unused_font_files(self.site.language))
        for file in [file for file in files if file.src_uri.startswith(unused)]:
            files.remove(file)
        for path, content in self.site.assets.items():  # the district's stylesheet, logo and PDFs
            files.append(File.generated(config, path, content=content))
        for page in self.site.pages.values():
            if files.get_file_from_path(page.path) is not None:
                continue  # a real file in docs/ at the same path wins
            # Each generated page skips mkdocs-macros' Jinja pass, which it does not need and
            # which would cost a template compile per page. The full title goes in the page's
            # metadata for <title>; the navigation keeps the short one. JSON strings are valid
            # YAML, so any title is quoted safely.
            search = "" if page.searched else "search:\n  exclude: true\n"
            title = json.dumps(html.escape(unmark(page.title)))
            source = f"---\ntitle: {title}\nrender_macros: false\n{search}---\n\n{page.markdown}"
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path, content=source, inclusion=inclusion))
        return files

    def on_nav(self, nav, config, files):
        site = self.site
        self.reuse.on_nav(config, files, (site.district_id, site.language, tuple(site.editions)), self.core.sources)
        return nav

    def on_env(self, env, config, files):
        env.bytecode_cache = self.templates
        env.filters["css_string"] = self.core.module("base.css").css_string  # names into main.html's <style>
        self.reuse.on_env(env)
        return env

    @event_priority(-100)  # after mkdocs-macros: a page is keyed by the Markdown it converts
    def on_page_markdown(self, markdown, page, config, files):
        self.reuse.on_page_markdown(markdown, page, config)
        return markdown

    @event_priority(-100)  # the last wall, after every other plugin changed the page
    def on_page_content(self, content, page, config, files):
        if getattr(page, "wbl_reused", None) is not None:
            return content  # reused as an earlier build of this preview made it (serve_reuse.py)
        fallback = self.core.module("base.fallback")
        found = self.core.module("text.html_audit").audit(content) + (
            ["the translation marker (a bug: English text left unmarked)"] if fallback.MARK in content else [])
        if found:
            raise PluginError(f"{page.file.src_uri}: refused to publish {', '.join(sorted(set(found)))}; "
                              "this is a bug in the guide's renderer, please report it")
        self.reuse.on_page_content(content, page)
        return content

    def on_page_context(self, context, page, config, nav):
        # A Chinese page's font comes cut for its group of pages (font_subsets.py): the
        # stylesheet its <head> links (overrides/main.html); its faces are written once the
        # edition's pages are (on_post_build).
        context["guide_font_stylesheet"] = self.core.module("publishing.font_subsets").group_stylesheet(
            self.site.language, page.file.dest_uri)
        # The language switcher (overrides/partials/alternate.html) leads to this same page in
        # each edition, written relative to it: Material's `url` filter would fold the '../'
        # that leaves an edition's folder into the page's own path.
        if self.switcher:
            depth = page.url.count("/") if page.url else 0
            context["guide_alternates"] = [
                dict(alternate, href="../" * depth + alternate["link"] or "./")
                for alternate in self.core.module("data.editions").alternates(self.site.district, self.site.language,
                                                                              page.url)]
        return context

    @event_priority(-100)  # the page as every other plugin left it
    def on_post_page(self, output, page, config):
        if getattr(page, "wbl_reused", None) is not None:
            return output  # made and finished by an earlier build (serve_reuse.py)
        output = self._finished(output)
        self.reuse.on_post_page(output, page, config)
        return output

    def on_post_template(self, output, template_name, config):
        # Theme pages with no page of their own (404.html) get the same root element.
        return self._finished(output) if template_name.endswith(".html") else output

    def _finished(self, output: str) -> str:
        return without_alternate_links(root_element(output, self.site.language, self.direction))

    @event_priority(-100)  # after the search index and every other plugin wrote this edition
    def on_post_build(self, config):
        self._cut_script_font(config)
        self.reuse.on_post_build(config)
        if self._nested or not self.others:
            return
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        others, self.others = self.others, []
        self._nested = True
        try:
            for site in others:
                self.site, self.switcher = site, True
                edition = load_config(config.config_file_path, site_dir=str(Path(config.site_dir) / site.language.lower()),
                                      docs_dir=config.docs_dir, strict=config.strict)
                edition.plugins.on_startup(command="build", dirty=False)
                try:
                    build(edition)
                finally:
                    edition.plugins.on_shutdown()
        finally:
            self._nested = False

    def _cut_script_font(self, config) -> None:
        """A Chinese edition's font, cut to the characters its written pages show
        (font_subsets.py): the files beside its stylesheet, their faces added to it, and
        each group of pages' stylesheet."""
        site_dir = Path(config.site_dir)
        editions = [site_dir / other.language.lower() for other in self.others]
        # Its pages, and its stylesheets (text they add: "·", arrows, "(" before a printed link).
        texts = (page.read_text(encoding="utf-8") for pattern in ("*.html", "*.css") for page in site_dir.rglob(pattern)
                 if not any(page.is_relative_to(folder) for folder in editions))
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        css, files = self.core.module("publishing.font_subsets").subset_faces(root, self.site.language, texts,
                                                                               self.config.cache)
        if not files:
            return
        write_inside = self.core.module("base.contained").write_inside  # never through a link
        for path, data in files.items():
            write_inside(site_dir, site_dir / path, data)
        stylesheet = site_dir / self.core.module("rendering.site_stylesheet").SITE_CSS
        write_inside(site_dir, stylesheet, (css + stylesheet.read_text(encoding="utf-8")).encode("utf-8"))

    def on_serve(self, server, config, builder):
        """MkDocs 1.6 notices a save by looking at the files every half second, a third of
        the goal for showing an edit. The folders mkdocs.yml's `watch:` names are looked at
        every 0.1 s instead (the observer's timeout, watchdog's PollingObserver, which no
        setting reaches); a look at a few hundred files costs about a millisecond."""
        observer = getattr(server, "observer", None)
        if observer is not None and hasattr(observer, "_timeout"):
            observer._timeout = POLL_SECONDS
        return server
