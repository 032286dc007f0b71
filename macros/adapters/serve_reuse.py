"""`mkdocs serve` only: a rebuild reuses every page whose inputs did not change.

A live preview rebuilds the whole site (every edition) after each save, but a data edit
changes a few pages. For each page this hashes what it is made of (page_reuse.py) and,
when an earlier build of the same preview made it from the same inputs, hands back that
build's HTML instead of converting the Markdown and laying out the theme again. The page
still goes through the build: its search entries, anchors and links are restored, so the
search index and the anchor checks are whole. `mkdocs build` never reuses a page.

The plugin (plugin.py) calls these methods from its events, after its own work on a page,
so a page is stored as the plugin left it. The store lives on the plugin object, which
MkDocs keeps for the whole serve session (a plugin with on_startup is kept).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import jinja2

from ..base.fingerprints import distributions_of, installed_versions
from .core_modules import file_times
from .page_reuse import Built, PageStore, key, shared_key

REUSED_TEMPLATE = "wbl-guide-reused-page.html"  # prints the stored page; see on_env
_LOG = logging.getLogger("mkdocs.plugins.wbl_guide.reuse")


class _WarningCount(logging.Handler):
    """Counts MkDocs' warnings: a page whose build warned is not stored (see page_reuse)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _theme_state(config) -> tuple:
    """The theme's own files (overrides/) and their times: a changed template changes every page."""
    folder = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    return tuple(file_times(folder)) if folder and folder.is_dir() else ()


class ServeReuse:
    """Pages kept between the builds of one preview session, and how each build used them."""

    def __init__(self) -> None:
        self.store = PageStore()
        self.warnings = _WarningCount()
        self._shared: dict[str, str] = {}  # site_dir -> the shared key of the build under way there
        self.reused: dict[str, list[int]] = {}  # site_dir -> [pages reused, pages] in its latest build
        self._versions: list[str] | None = None

    def imported_versions(self) -> list[str]:
        """The installed version of every distribution this process imported (MkDocs,
        Material, Markdown...): code every page is made with. Read once, at the first build:
        a process runs the versions it imported, and serve restarts to load others."""
        if self._versions is None:
            self._versions = installed_versions(tuple(distributions_of(sorted(sys.modules))))
        return self._versions

    def versions_changed(self) -> list[str]:
        """The distributions installed in another version (or removed) since the first build
        read them: this process still runs the old code (10 ms a rebuild)."""
        if self._versions is None:
            return []
        now = installed_versions(tuple(line.split()[0] for line in self._versions))
        return [f"{old.split()[0]} ({old.split()[1]}, now {new.split()[1]})"
                for old, new in zip(self._versions, now) if old != new]

    def start(self) -> None:
        """A preview session begins: keep pages from now on."""
        if not self.store.enabled:
            self.store.enabled = True
            logging.getLogger("mkdocs").addHandler(self.warnings)

    def stop(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)

    def on_config(self, config) -> None:
        if not self.store.enabled:
            return
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        if index is not None and hasattr(index, "add_entry_from_context") and hasattr(index, "entries"):
            index.add_entry_from_context = _indexer(index, index.add_entry_from_context)

    def on_nav(self, config, files, edition: tuple, core: list) -> None:
        """The key of what every page of this build shares: configuration, navigation, files,
        theme, the exact edition (en-US is not en), the core's files as loaded and the
        versions of the distributions the build runs."""
        if not self.store.enabled:
            return
        config_file = Path(config.config_file_path or "mkdocs.yml")
        stat = config_file.stat() if config_file.is_file() else None
        parts = [config.site_dir, config.site_url, str(config.site_name), config.nav,
                 {name: config.theme[name] for name in config.theme}, config.extra, config.extra_css,
                 config.extra_javascript, config.markdown_extensions, config.mdx_configs, config.copyright,
                 config.repo_url, config.edit_uri, config.use_directory_urls,
                 [(file.src_uri, file.inclusion.name) for file in files],
                 (stat.st_size, stat.st_mtime_ns) if stat else None, _theme_state(config), edition, core,
                 self.imported_versions()]
        self._shared[config.site_dir] = shared_key(parts)
        self.reused[config.site_dir] = [0, 0]

    def on_page_markdown(self, markdown: str, page, config) -> None:
        if not self.store.enabled or config.site_dir not in self._shared:
            return
        page.wbl_key = key(self._shared[config.site_dir], page.file.src_uri, markdown, dict(page.meta))
        page.wbl_warnings = self.warnings.count
        built = self.store.get(config.site_dir, page.file.src_uri, page.wbl_key)
        self.reused[config.site_dir][1] += 1
        if built is not None:
            self.reused[config.site_dir][0] += 1
            page.wbl_reused = built
            page.meta["template"] = REUSED_TEMPLATE
            # Page.render is this page object's own, for this build only: no event hands a
            # plugin the chance to skip the Markdown conversion of one page.
            page.render = lambda config, files: _restore(page, built, files)

    def on_page_content(self, content: str, page) -> None:
        if self.store.enabled and getattr(page, "wbl_key", None) and not getattr(page, "wbl_reused", None):
            page.wbl_built = Built(
                content=content, toc=page.toc, title=getattr(page, "_title_from_render", None),
                anchors=set(page.present_anchor_ids or ()),
                links={file.src_uri: dict(links) for file, links in (page.links_to_anchors or {}).items()})

    def on_env(self, env) -> None:
        if self.store.enabled:
            env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({REUSED_TEMPLATE: "{{ page.wbl_reused.output }}"}),
                                              env.loader])

    def on_post_page(self, output: str, page, config) -> None:
        built = getattr(page, "wbl_built", None)
        if built is not None:
            if self.warnings.count == page.wbl_warnings:
                built.search, built.output = getattr(page, "wbl_search", None), output
                self.store.put(config.site_dir, page.file.src_uri, page.wbl_key, built)
            else:  # it warned: build it again next time, so that the warning is seen again
                self.store.forget(config.site_dir, page.file.src_uri)

    def on_post_build(self, config) -> None:
        if self.store.enabled and config.site_dir in self.reused:
            reused, pages = self.reused[config.site_dir]
            _LOG.info(f"{pages - reused} of {pages} pages built, the others unchanged since the last build")


def _indexer(index, index_page):
    """Material's search indexing, reusing a stored page's entries instead of parsing it.
    (The search plugin offers no event per page; its index object is wrapped for this build.)"""
    def add_entry_from_context(page):
        built = getattr(page, "wbl_reused", None)
        if built is not None and built.search is not None:
            index.entries.extend(dict(entry) for entry in built.search)
            return
        start = len(index.entries)
        index_page(page)
        page.wbl_search = [dict(entry) for entry in index.entries[start:]]
    return add_entry_from_context


def _restore(page, built: Built, files) -> None:
    """What Page.render would set, from the stored page."""
    page.content, page.toc, page._title_from_render = built.content, built.toc, built.title
    page.present_anchor_ids = set(built.anchors)
    linked = {files.get_file_from_path(path): links for path, links in built.links.items()}
    page.links_to_anchors = {file: links for file, links in linked.items() if file is not None}
