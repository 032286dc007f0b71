"""Print HTML -> the same HTML with form fields, so that every worksheet PDF is a form to fill.

A handout's places to write are drawn for paper (_blocks.md.j2): boxes to tick, ruled lines
after a question, labeled lines, the cells of a table to fill in and of a rubric. In a PDF
reader a learner would rather type, so each of them also gets a form field laid over what
is drawn: a check box in a tick box or a rubric's cell, a multi-line text field over a
question's ruled lines, a one-line text field on a labeled line or in a table's cell. The
fields have no border or background (pdf.css), so a sheet left blank prints exactly as
before, and they are out of the flow, so a sheet's one-page fit (pdf.py) is unchanged.

Only the print documents get fields: the site's pages keep their own markup and
behavior. WeasyPrint makes a PDF field of every <input> and <textarea> that pdf.css gives
`appearance: auto`, and tags it as a /Form structure element inside the item it answers.

Every field has a stable name (/T), from the id of its item or line: "reflect-day",
"preparation-name", "sign-hours-supervisor-date", "hours-log-table-3-2" (row 3, column 2),
"rubric-attendance-level-2"; the same in every language and district, so a filled form's
values can be read by name. Its title (/TU, what a screen reader announces) is the
question, item or label it answers, as plain text: "What surprised you about the job?",
"Your name", "Date 3", "Attendance and punctuality: Developing".
"""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser

# The markup of _blocks.md.j2 that holds a place to write.
TICKS, WRITING, FORM_TABLE, RUBRIC = "guide-ticks", "guide-writing", "guide-form-table", "guide-rubric"
FILL_IN_LABEL, FILL_IN_SPACE, DATE_SPACE = "guide-fill-in-label", "guide-fill-in-space", "guide-date-space"
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_NAME = re.compile(r"[^A-Za-z0-9_-]+")  # a "." in a field's name would make it another field's child


def with_fields(html: str) -> str:
    """`html` with a form field on each place to write; the rest is left byte for byte."""
    if not any(marker in html for marker in (TICKS, WRITING, FILL_IN_SPACE, FORM_TABLE)):
        return html
    parser = _Fields(html)
    parser.feed(html)
    parser.close()
    return parser.result()


class _Element:
    """An open element: what the parser needs to know of it."""

    def __init__(self, tag: str, attrs: dict[str, str | None]):
        self.tag = tag
        self.id = attrs.get("id") or ""
        self.classes = (attrs.get("class") or "").split()
        self.words: list[str] = []  # its text so far: what a field in it answers
        # Text that is no part of an item's words: the drawn lines, and the item's note.
        self.silent = attrs.get("aria-hidden") == "true" or "guide-note" in self.classes
        self.tick: int | None = None  # where an item's check box goes
        self.lines = False  # a set of writing lines, wrapped together with its text field
        self.labels: list[str] = []  # a fill-in line's labels so far
        self.spaces = 0  # a fill-in line's spaces so far

    def text(self) -> str:
        return " ".join("".join(self.words).split())


class _Table:
    """A table to fill in, or a rubric, as far as it has been read."""

    def __init__(self, ident: str, rubric: bool):
        self.id, self.rubric = ident or "table", rubric
        self.columns: list[str] = []
        self.head = False
        self.row = self.column = 0
        self.row_id, self.row_words = "", ""


class _Fields(HTMLParser):
    """Finds where each field goes and what it answers, then splices the fields in."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.html = html
        # To turn the parser's (line, column) into an offset. HTMLParser counts lines at "\n"
        # alone; str.splitlines would also end one at U+2028, U+0085 or a form feed in the
        # text, and every field after it would be spliced into the wrong place.
        self.line_starts = [0] + [newline.end() for newline in re.finditer("\n", html)]
        self.open: list[_Element] = []
        self.tables: list[_Table] = []
        self.insertions: list[tuple[int, int, str]] = []  # (offset, order, markup)
        self.names: set[str] = set()
        self.repeats: dict[str, int] = {}  # the next number to try for a name already given
        self.last_line: _Element | None = None  # the latest fill-in line, for the lines after it

    def result(self) -> str:
        parts, start = [], 0
        for offset, _, markup in sorted(self.insertions):
            parts += [self.html[start:offset], markup]
            start = offset
        return "".join(parts) + self.html[start:]

    # Fields

    def _insert(self, offset: int, markup: str) -> None:
        self.insertions.append((offset, len(self.insertions), markup))

    def _field(self, kind: str, name: str, words: str) -> str:
        """The markup of a field: kind is tick, lines, line or cell."""
        base = _NAME.sub("-", name).strip("-") or "field"
        name, number = base, self.repeats.get(base, 2)
        while name in self.names:  # a collection may print one item twice
            name, number = f"{base}-{number}", number + 1
        self.names.add(name)
        self.repeats[base] = number
        attributes = f'class="guide-field guide-field-{kind}" name="{escape(name)}" title="{escape(words or name)}"'
        if kind == "lines":
            return f"<textarea {attributes}></textarea>"
        return f'<input type="{"checkbox" if kind == "tick" else "text"}" {attributes}>'

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _line(self) -> _Element | None:
        """The nearest open element with an id: the item or line a field belongs to."""
        return next((element for element in reversed(self.open) if element.id), None)

    # Parsing

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, dict(attrs))
        end_of_tag = self._offset() + len(self.get_starttag_text() or "")
        parent = self.open[-1] if self.open else None
        table = self.tables[-1] if self.tables else None
        # A tick box is drawn before each item of a ticked <ul> (handouts.css): the check box
        # goes first in the item, its words are known at the item's end.
        if tag == "li" and parent is not None and parent.tag == "ul" and TICKS in parent.classes:
            element.tick = end_of_tag
        elif FILL_IN_SPACE in element.classes:
            self._fill_in(end_of_tag, DATE_SPACE in element.classes)
        elif WRITING in element.classes:
            self._writing(self._offset())
            element.lines = True
        elif tag == "table" and FORM_TABLE in element.classes:
            self.tables.append(_Table(element.id, RUBRIC in element.classes))
        elif table is not None:
            self._table_cell(table, tag, element, end_of_tag)
        if tag not in _VOID:
            self.open.append(element)

    def _fill_in(self, offset: int, date: bool) -> None:
        line = self._line()
        if line is None:
            return
        self.last_line = line
        line.spaces += 1
        labels = line.labels or [""]
        # A signature's date is "Learner: Date", not one more "Date".
        words = labels[0] if len(labels) == 1 else f"{labels[0]}: {labels[-1]}"
        suffix = "" if line.spaces == 1 else "-date" if date else f"-{line.spaces}"
        self._insert(offset, self._field("line", line.id + suffix, words))

    def _writing(self, offset: int) -> None:
        item = next((element for element in reversed(self.open) if element.tag == "li" and element.id), None)
        if item is not None:
            name, words = item.id, item.text()
        elif self.last_line is not None:  # more lines for a fill-in line ("Comments")
            name, words = self.last_line.id + "-lines", (self.last_line.labels or [""])[0]
        else:
            owner = self._line()
            name, words = (owner.id, owner.text()) if owner else ("lines", "")
        # The field and the drawn lines share one box, the field on top.
        self._insert(offset, '<span class="guide-field-area">' + self._field("lines", name, words))

    def _table_cell(self, table: _Table, tag: str, element: _Element, end_of_tag: int) -> None:
        if tag in ("thead", "tbody"):
            table.head = tag == "thead"
        elif tag == "tr" and not table.head:
            table.row, table.column, table.row_id, table.row_words = table.row + 1, 0, element.id, ""
        elif tag in ("th", "td"):
            table.column += 1
        if tag != "td" or table.head:
            return
        column = table.columns[table.column - 1] if table.column <= len(table.columns) else ""
        if table.rubric:  # tick one level of each criterion
            name = f"{table.row_id or f'{table.id}-{table.row}'}-level-{table.column - 1}"
            self._insert(end_of_tag, self._field("tick", name, f"{table.row_words}: {column}"))
        else:
            words = f"{table.row_words}: {column}" if table.row_words else f"{column} {table.row}"
            self._insert(end_of_tag, self._field("cell", f"{table.id}-{table.row}-{table.column}", words))

    def handle_endtag(self, tag):
        if not any(element.tag == tag for element in self.open):
            return
        offset = self._offset()
        while self.open:
            element = self.open.pop()
            self._close(element, offset)
            if element.tag == tag:
                break

    def _close(self, element: _Element, offset: int) -> None:
        if element.lines:
            self._insert(self.html.find(">", offset) + 1, "</span>")
        if element.tick is not None:
            self._insert(element.tick, self._field("tick", element.id or "tick", element.text()))
        if FILL_IN_LABEL in element.classes and (line := self._line()) is not None:
            line.labels.append(element.text())
        if self.tables and element.tag == "th":
            table = self.tables[-1]
            if table.head:
                table.columns.append(element.text())
            else:
                table.row_words = element.text()
        if self.tables and element.tag == "table":
            self.tables.pop()
        if self.open and not element.silent:
            self.open[-1].words.append("".join(element.words))

    def handle_data(self, data):
        self._words(data)

    def handle_entityref(self, name):
        self._words(unescape(f"&{name};"))

    def handle_charref(self, name):
        self._words(unescape(f"&#{name};"))

    def _words(self, text: str) -> None:
        if self.open and not self.open[-1].silent:
            self.open[-1].words.append(text)
