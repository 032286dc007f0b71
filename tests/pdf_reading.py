"""PDFs read once per test process: the PDF tests read the same built PDFs (about 190 of
them per district) in many tests. Here a file is opened once (per path, size and
modification time, so a file written again is read again) and its pages' text is extracted
once, in one pass that also keeps where each piece of text stands (for the stranded-heading
check).

The text comes from PDFium (pypdfium2), as a PDF reader's "copy text" gives it: the same
words pypdf's extract_text() gives, twenty times faster (pypdf's pure-Python content-stream
parser took a minute for one district's PDFs, and was most of the PDF tests' cost). The
structure (tags, forms, outline, metadata) is still read with pypdf: `read` returns a
PdfReader. Callers must not change a reader they get here (clone it with PdfWriter to fill
or save).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pypdfium2
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# Page sizes in PDF points (1/72 inch).
PAPER = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}

_READERS: dict[tuple[str, int, int], PdfReader] = {}
# id(reader) -> (reader, [(text, [(height, text), ...]) per page]): the reader is held so
# that its id is never reused by another object while the entry exists.
_PAGES: dict[int, tuple[PdfReader, list[tuple[str, list[tuple[float, str]]]]]] = {}
_PDFIUM = threading.Lock()  # PDFium is not thread-safe, and some tests read from threads


def read(path: Path | str) -> PdfReader:
    """The PdfReader of the file at `path`, opened once while the file is unchanged."""
    path = os.fspath(path)
    stat = os.stat(path)
    key = (os.path.abspath(path), stat.st_size, stat.st_mtime_ns)
    reader = _READERS.get(key)
    if reader is None:
        reader = _READERS[key] = PdfReader(path)
    return reader


def extract(data: bytes) -> list[tuple[str, list[tuple[float, str]]]]:
    """Each page's text, and each run of text PDFium finds on it (a line, or the part of a
    line in one font) with the height of its foot, in points from the foot of the page."""
    with _PDFIUM:
        document = pypdfium2.PdfDocument(data)
        try:
            pages = []
            for page in document:
                text_page = page.get_textpage()
                runs = []
                for index in range(text_page.count_rects()):
                    left, bottom, right, top = text_page.get_rect(index)
                    runs.append((bottom, _as_printed(text_page.get_text_bounded(left, bottom, right, top))))
                pages.append((_as_printed(text_page.get_text_range()), runs))
                text_page.close()
                page.close()
            return pages
        finally:
            document.close()


def _as_printed(text: str) -> str:
    """PDFium's line breaks as newlines, and the hyphen that ends a line (which PDFium
    marks U+FFFE) as the hyphen it is."""
    return text.replace("\r\n", "\n").replace("\ufffe", "-\n")


def _pages(reader: PdfReader) -> list[tuple[str, list[tuple[float, str]]]]:
    if id(reader) not in _PAGES:
        # pypdf holds the whole file in its stream, whether it was opened from a path or bytes.
        _PAGES[id(reader)] = (reader, extract(reader.stream.getvalue()))
    return _PAGES[id(reader)][1]


def page_text(reader: PdfReader, number: int) -> str:
    """The text of page `number` (from 0), extracted once per reader."""
    return _pages(reader)[number][0]


def page_lines(reader: PdfReader, number: int) -> list[tuple[float, str]]:
    """Every run of text on the page with its height (the foot of its box, in points from
    the foot of the page), in the order of the page's text."""
    return _pages(reader)[number][1]


def page_texts(reader: PdfReader) -> list[str]:
    """Every page's text, in order."""
    return [text for text, _ in _pages(reader)]


def page_size(reader: PdfReader) -> tuple[float, float]:
    """The first page's width and height, in points."""
    box = reader.pages[0].mediabox
    return float(box.width), float(box.height)


def structure_elements(node):
    """Every dictionary of a tagged PDF's structure tree under `node` (e.g. the catalog's
    /StructTreeRoot), parents before their kids."""
    node = node.get_object() if isinstance(node, IndirectObject) else node
    if isinstance(node, ArrayObject):
        for kid in node:
            yield from structure_elements(kid)
    elif isinstance(node, DictionaryObject):
        yield node
        if "/K" in node:
            yield from structure_elements(node["/K"])
