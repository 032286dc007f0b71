"""MkDocs hook, `mkdocs serve` only: a rebuild reuses every page whose inputs did not change.

A live preview rebuilds the whole site (every edition) after each save, but a data edit
changes a few pages. For each page this hook hashes what it is made of (macros/page_reuse.py)
and, when an earlier build of the same process made it from the same inputs, hands back
that build's HTML instead of converting the Markdown and laying out the theme again.
The page still goes through the build: its search entries, anchors and links are restored,
so the search index and the anchor checks are whole. `mkdocs build` is untouched: each
build is a new process and builds everything.

Listed after pages_hook.py in mkdocs.yml: it stores a page as that hook left it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import jinja2

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # MkDocs loads hooks by path
import macros  # noqa: E402
from macros import page_reuse  # noqa: E402

# A hook is loaded once per process, so this store lives as long as `mkdocs serve` does.
STORE = page_reuse.PageStore()
REUSED_TEMPLATE = "wbl-guide-reused-page.html"  # prints the stored page; see on_env


class _WarningCount(logging.Handler):
    """Counts MkDocs' warnings: a page whose build warned is not stored (see page_reuse)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_WARNINGS = _WarningCount()
logging.getLogger("mkdocs").addHandler(_WARNINGS)
_SHARED: dict[str, str] = {}  # site_dir -> the shared key of the build under way there
REUSED: dict[str, list[int]] = {}  # site_dir -> [pages reused, pages] in its latest build
_LOG = logging.getLogger("mkdocs.plugins.wbl_guide.reuse")


def on_startup(command, dirty):
    if command == "serve":  # the other editions' builds (command "build") leave it on
        STORE.enabled = True


def on_config(config):
    if not STORE.enabled:
        return config
    search = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(search, "search_index", None)
    if index is not None and hasattr(index, "add_entry_from_context") and hasattr(index, "entries"):
        index.add_entry_from_context = _indexer(index, index.add_entry_from_context)
    return config


def _theme_state(config) -> tuple:
    """The theme's own files (overrides/) and their times: a changed template changes every page."""
    folder = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    return tuple(sorted((str(path), path.stat().st_mtime_ns) for path in folder.rglob("*")
                        if path.is_file())) if folder and folder.is_dir() else ()


def _edition(config) -> tuple:
    """The edition the pages are written in, exactly (en-US is not en): pages_hook.py writes
    its code and direction into every page, after the Markdown and the theme are done. The
    direction is the core's to say, and the core's own files are keyed beside this."""
    site = macros.built_site(config)
    return (site.district_id, site.language, tuple(site.editions)) if site is not None else ()


def _indexer(index, index_page):
    """Material's search indexing, reusing a stored page's entries instead of parsing it."""
    def add_entry_from_context(page):
        built = getattr(page, "wbl_reused", None)
        if built is not None and built.search is not None:
            index.entries.extend(dict(entry) for entry in built.search)
            return
        start = len(index.entries)
        index_page(page)
        page.wbl_search = [dict(entry) for entry in index.entries[start:]]
    return add_entry_from_context


def on_nav(nav, config, files):
    if STORE.enabled:
        config_file = Path(config.config_file_path or "mkdocs.yml")
        stat = config_file.stat() if config_file.is_file() else None
        parts = [config.site_dir, config.site_url, str(config.site_name), config.nav,
                 {name: config.theme[name] for name in config.theme}, config.extra, config.extra_css,
                 config.extra_javascript, config.markdown_extensions, config.mdx_configs, config.copyright,
                 config.repo_url, config.edit_uri, config.use_directory_urls,
                 [(file.src_uri, file.inclusion.name) for file in files],
                 (stat.st_size, stat.st_mtime_ns) if stat else None, _theme_state(config),
                 _edition(config), macros.loaded_core()]
        _SHARED[config.site_dir] = page_reuse.shared_key(parts)
        REUSED[config.site_dir] = [0, 0]
    return nav


def on_page_markdown(markdown, page, config, files):
    if not STORE.enabled or config.site_dir not in _SHARED:
        return markdown
    page.wbl_key = page_reuse.key(_SHARED[config.site_dir], page.file.src_uri, markdown, dict(page.meta))
    page.wbl_warnings = _WARNINGS.count
    built = STORE.get(config.site_dir, page.file.src_uri, page.wbl_key)
    REUSED[config.site_dir][1] += 1
    if built is not None:
        REUSED[config.site_dir][0] += 1
        page.wbl_reused = built
        page.meta["template"] = REUSED_TEMPLATE
        page.render = lambda config, files: _restore(page, built, files)  # this page object only
    return markdown


def _restore(page, built: page_reuse.Built, files) -> None:
    """What Page.render would set, from the stored page."""
    page.content, page.toc, page._title_from_render = built.content, built.toc, built.title
    page.present_anchor_ids = set(built.anchors)
    linked = {files.get_file_from_path(path): links for path, links in built.links.items()}
    page.links_to_anchors = {file: links for file, links in linked.items() if file is not None}


def on_page_content(content, page, config, files):
    if STORE.enabled and getattr(page, "wbl_key", None) and not getattr(page, "wbl_reused", None):
        page.wbl_built = page_reuse.Built(
            content=content, toc=page.toc, title=getattr(page, "_title_from_render", None),
            anchors=set(page.present_anchor_ids or ()),
            links={file.src_uri: dict(links) for file, links in (page.links_to_anchors or {}).items()})
    return content


def on_env(env, config, files):
    if STORE.enabled:
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({REUSED_TEMPLATE: "{{ page.wbl_reused.output }}"}),
                                          env.loader])
    return env


def on_post_page(output, page, config):
    built = getattr(page, "wbl_built", None)
    if built is not None:
        if _WARNINGS.count == page.wbl_warnings:
            built.search, built.output = getattr(page, "wbl_search", None), output
            STORE.put(config.site_dir, page.file.src_uri, page.wbl_key, built)
        else:  # it warned: build it again next time, so that the warning is seen again
            STORE.forget(config.site_dir, page.file.src_uri)
    return output


def on_post_build(config):
    if STORE.enabled and config.site_dir in REUSED:
        reused, pages = REUSED[config.site_dir]
        _LOG.info(f"{pages - reused} of {pages} pages built, the others unchanged since the last build")


POLL_SECONDS = 0.1


def on_serve(server, config, builder):
    """MkDocs 1.6 notices a save by looking at the files every half second, which is a third
    of the goal for showing an edit. The folders mkdocs.yml's `watch:` names (data/, macros/,
    overrides/) are looked at every 0.1 s instead: they are scheduled after this event, with
    the observer's timeout (watchdog's PollingObserver), and a look at a few hundred files
    costs about a millisecond."""
    observer = getattr(server, "observer", None)
    if observer is not None and hasattr(observer, "_timeout"):
        observer._timeout = POLL_SECONDS
    return server
