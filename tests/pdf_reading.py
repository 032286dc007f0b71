"""PDFs read once per test process: the PDF tests read the same built PDFs (about 190 of
them per district) in many tests, and pypdf's parsing and text extraction were most of
their cost. Here a file is opened once (per path, size and modification time, so a file
written again is read again) and each page's text is extracted once, in one pass that
also keeps where each piece of text stands (for the stranded-heading check).

What is returned is what pypdf gives: `page_text(reader, n)` is
`reader.pages[n].extract_text()`, and `page_lines(reader, n)` the (height, text) pairs its
text visitor sees on that pass. Callers must not change a reader they get here (clone it
with PdfWriter to fill or save).
"""

from __future__ import annotations

import os
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

_READERS: dict[tuple[str, int, int], PdfReader] = {}
# id(reader) -> (reader, {page number: (text, [(height, text), ...])}): the reader is held
# so that its id is never reused by another object while the entry exists.
_PAGES: dict[int, tuple[PdfReader, dict[int, tuple[str, list[tuple[float, str]]]]]] = {}


def read(path: Path | str) -> PdfReader:
    """The PdfReader of the file at `path`, opened once while the file is unchanged."""
    path = os.fspath(path)
    stat = os.stat(path)
    key = (os.path.abspath(path), stat.st_size, stat.st_mtime_ns)
    reader = _READERS.get(key)
    if reader is None:
        reader = _READERS[key] = PdfReader(path)
    return reader


def _page(reader: PdfReader, number: int) -> tuple[str, list[tuple[float, str]]]:
    _, pages = _PAGES.setdefault(id(reader), (reader, {}))
    if number not in pages:
        lines: list[tuple[float, str]] = []

        def visit(text, cm, tm, font, size):
            lines.append((cm[5] + tm[5] * cm[3], text))

        text = reader.pages[number].extract_text(visitor_text=visit)
        pages[number] = (text, lines)
    return pages[number]


def page_text(reader: PdfReader, number: int) -> str:
    """`reader.pages[number].extract_text()`, extracted once."""
    return _page(reader, number)[0]


def page_lines(reader: PdfReader, number: int) -> list[tuple[float, str]]:
    """Every piece of text pypdf's text visitor sees on the page, with its height (the
    baseline's y, in points from the foot of the page), in the order it sees them."""
    return _page(reader, number)[1]


def page_texts(reader: PdfReader) -> list[str]:
    """Every page's text, in order."""
    return [page_text(reader, number) for number in range(len(reader.pages))]


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
