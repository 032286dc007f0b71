"""The print files every document shares (pdf.css, handouts.css and the fonts they name),
parsed once a process instead of once a PDF.

WeasyPrint parses a document's stylesheets, compiles their selectors and loads the fonts
they name for every document it renders: about a fifth of a handout's time. The files a
document lists in PrintDocument.stylesheets are the same for every PDF of a project, so a
process parses them once, with one font configuration that holds their fonts, and hands
both to every document after (WeasyPrint's `stylesheets` and `font_config`).

WeasyPrint applies stylesheets given this way below the document's own <style> elements.
Those hold only the paper size, the running footer's words (document.html) and a script's
@font-face rules, which the shared files never set, so the cascade is the same and so are
the PDFs' bytes (all 570 PDFs of both districts' editions came out as before; the tests
compare a PDF rendered after others with one rendered first in a fresh process). A Chinese or
Arabic document names the slices of its script's font that its text needs, and WeasyPrint
adds them to the font configuration it renders with: documents share one only where they
name the same slices (PrintDocument.faces), so no document's text is ever set in a slice
another document brought.

The parsed files are kept by what they were made from: the project's folders, the list of
files, the document's own faces, and the bytes of every file read while parsing them (the
stylesheets and every font), compared before each reuse, so an edit under `mkdocs serve`
is parsed afresh.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from multiprocessing.util import Finalize
from pathlib import Path
from urllib.parse import urljoin

from ..base.contained import NotReadAsPlain, read_plain
from ..base.fingerprints import Fingerprint
from .pdf_fetcher import MAX_RESOURCE_BYTES, ProjectFetcher
from .print_html import PrintDocument

# One entry a project and set of faces: one for a Latin edition, one for an Arabic one, a
# few dozen for a Chinese one (the slices its documents name differ by their words).
KEPT = 64


@dataclass
class SharedFiles:
    """Print files parsed for the documents of one project with the same faces."""

    font_config: object  # weasyprint.text.fonts.FontConfiguration, with every font they named
    sheets: list  # weasyprint.CSS, in the documents' order
    files: dict[Path, str] = field(default_factory=dict)  # every file read -> its bytes' fingerprint

    def note(self, path: Path, data: bytes) -> None:
        """A file read for them, or for a document rendered with them (ProjectFetcher.on_read)."""
        self.files[path] = _fingerprint(data)

    def unchanged(self) -> bool:
        """Whether every file they were made from still holds the same bytes."""
        for path, digest in self.files.items():
            try:
                data = read_plain(path, MAX_RESOURCE_BYTES, follow_links=False)
            except (OSError, NotReadAsPlain):
                return False
            if _fingerprint(data) != digest:
                return False
        return True


def _fingerprint(data: bytes) -> str:
    return Fingerprint("print file").data("bytes", data).hexdigest(64)


# Per thread: WeasyPrint's font configuration is not shared between threads rendering at once.
_kept = threading.local()


def _forget() -> None:
    """Drop what this thread keeps. WeasyPrint copies a font configuration's fonts into a
    temporary folder that it removes when the configuration is collected, and a worker
    process ends without collecting: this runs when a process ends (multiprocessing's exit
    finalizers, which a normal exit runs too), so no folder of fonts is left behind."""
    getattr(_kept, "parsed", OrderedDict()).clear()
    gc.collect()  # what WeasyPrint made with a configuration holds it in reference cycles


def shared_stylesheets(document: PrintDocument) -> SharedFiles:
    """The font configuration and parsed stylesheets for `document`: the files it lists,
    parsed once a process for the documents with its faces, and reused while the bytes of
    every file they were made from are unchanged. The renderer's fetcher notes what the
    document's own faces fetch with them (SharedFiles.note). Raises what WeasyPrint or the
    fetcher raise, as rendering the document would."""
    if not hasattr(_kept, "parsed"):
        _kept.parsed = OrderedDict()
        if threading.current_thread() is threading.main_thread():
            Finalize(None, _forget, exitpriority=0)
    kept: OrderedDict = _kept.parsed
    key = (document.base_url, document.stylesheets, document.resources, document.faces)
    found = kept.get(key)
    if found is None or not found.unchanged():
        found = kept[key] = _parse(document)
    kept.move_to_end(key)
    while len(kept) > KEPT:
        kept.popitem(last=False)
    return found


def _parse(document: PrintDocument) -> SharedFiles:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    shared = SharedFiles(FontConfiguration(), [])
    fetcher = ProjectFetcher(document.resources, on_read=shared.note)
    shared.sheets = [CSS(url=urljoin(document.base_url, name), url_fetcher=fetcher, font_config=shared.font_config)
                     for name in document.stylesheets]
    return shared
