"""`mkdocs serve` rebuilds the whole site after every save, yet a data edit changes a few
pages: this keeps each page as it was last built and hands it back while nothing it is made
of has changed, so a rebuild converts and lays out only the pages the edit touched.

A page is made of its Markdown (after mkdocs-macros), its metadata and everything shared by
all pages: the configuration, the navigation, the list of files, the theme's own files and
the edition. `key()` hashes all of that; a stored page is reused only under the same key,
so any change to what is shared builds every page again. Only a page whose conversion
logged no warning is stored: a reused page logs nothing, and `--strict` must still fail.

Plain Python: serve_reuse.py hands in strings and gets back what it stored. Used only by
`mkdocs serve` (one process, many builds); `mkdocs build` starts empty every time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..base.fingerprints import Fingerprint


@dataclass
class Built:
    """What MkDocs made of one page, enough to skip its conversion and its template."""

    content: str                # the page's HTML body, after every plugin's on_page_content
    toc: Any                    # MkDocs' table of contents (read by the search index)
    title: str | None           # the title the Markdown's first heading gave
    anchors: set[str]           # ids in the page (other pages' links are checked against them)
    links: dict[str, dict[str, str]] = field(default_factory=dict)  # to other pages' anchors, by file
    search: list[dict] | None = None  # the page's search index entries
    output: str | None = None   # the whole HTML file written


class PageStore:
    """Pages built by earlier builds of this process, by edition and page."""

    def __init__(self) -> None:
        self.enabled = False
        self._pages: dict[tuple[str, str], tuple[str, Built]] = {}

    def get(self, edition: str, page: str, key: str) -> Built | None:
        found = self._pages.get((edition, page))
        return found[1] if found and found[0] == key else None

    def put(self, edition: str, page: str, key: str, built: Built) -> None:
        self._pages[(edition, page)] = (key, built)

    def forget(self, edition: str, page: str) -> None:
        self._pages.pop((edition, page), None)

    def __len__(self) -> int:
        return len(self._pages)


def key(shared: str, page: str, markdown: str, meta: dict) -> str:
    """The hash of one page's own inputs and of what all pages share."""
    return (Fingerprint("served page").value("shared", shared).value("page", page)
            .value("meta", repr(sorted(meta.items(), key=lambda item: str(item[0])))).value("markdown", markdown)
            .hexdigest())


def shared_key(parts: list[Any]) -> str:
    """The hash of what every page shares: configuration, navigation, files, templates..."""
    return Fingerprint("served pages").value("shared", [repr(part) for part in parts]).hexdigest()
