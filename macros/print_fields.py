"""Print HTML -> the same HTML with form fields, so every worksheet PDF is a fillable form.

A handout's places to write are drawn for paper (_blocks.md.j2): boxes to tick, ruled lines
after a question, a labelled line to fill in. In a PDF a learner would rather type, so each
of them also gets a form field, laid over what is drawn: a check box over a tick box, a
multi-line text field over a question's ruled lines, a one-line text field on a labelled
line. The fields are transparent and borderless (pdf.css), so a sheet left blank prints
exactly as before, and they are positioned out of the flow, so the one-page fit of the
sheet is unchanged.

Only the print documents get fields: the site's pages keep their own markup and
behaviour. WeasyPrint makes a field of every <input> and <textarea> that pdf.css gives
`appearance: auto`, and tags it as a /Form structure element of the item it belongs to.

Every field has a stable name (/T), the id of its item or line ("reflect-day",
"preparation-name", "sign-hours-supervisor-date"), the same in every language and district,
and its words (/TU, read out by screen readers) are the question or label it answers,
as plain text.
"""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser

# The markup of _blocks.md.j2 that holds a place to write.
TICKS, WRITING, FILL_IN_LABEL, FILL_IN_SPACE, DATE_SPACE = (
    "guide-ticks", "guide-writing", "guide-fill-in-label", "guide-fill-in-space", "guide-date-space")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_NAME = re.compile(r"[^A-Za-z0-9_-]+")  # a field name's "." would make it a child of another field


def with_fields(html: str) -> str:
    """`html` with a form field on each tick box, set of writing lines and fill-in line."""
    if not any(marker in html for marker in (TICKS, WRITING, FILL_IN_SPACE)):
        return html
    parser = _Fields(html)
    parser.feed(html)
    parser.close()
    return parser.result()


class _Element:
    __slots__ = ("tag", "id", "classes", "words", "silent", "tick", "labels", "spaces", "wraps")

    def __init__(self, tag: str, attrs: dict[str, str | None]):
        self.tag = tag
        self.id = attrs.get("id") or ""
        self.classes = (attrs.get("class") or "").split()
        self.words: list[str] = []  # its text so far: what a field inside it answers
        # Text that is no part of the item's words: drawn lines, and the item's note.
        self.silent = attrs.get("aria-hidden") == "true" or "guide-note" in self.classes
        self.tick: int | None = None  # where its check box goes (a ticked list's item)
        self.labels: list[str] = []  # a fill-in line's labels so far
        self.spaces = 0  # a fill-in line's spaces so far
        self.wraps = False  # a set of writing lines, wrapped with its text field

    def text(self) -> str:
        return " ".join("".join(self.words).split())


class _Fields(HTMLParser):
    """Finds where each field goes in the document and splices it in; the rest of the
    document is left byte for byte as it was."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.html = html
        self.lines = [0]  # where each line of the document starts, to turn positions into offsets
        for line in html.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.open: list[_Element] = []
        self.insertions: list[tuple[int, int, str]] = []  # (offset, order, markup)
        self.names: set[str] = set()
        self.last_line: _Element | None = None  # the latest fill-in line, for lines that follow it

    def result(self) -> str:
        parts, start = [], 0
        for offset, _, markup in sorted(self.insertions):
            parts += [self.html[start:offset], markup]
            start = offset
        return "".join(parts) + self.html[start:]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def _insert(self, offset: int, markup: str) -> None:
        self.insertions.append((offset, len(self.insertions), markup))

    def _name(self, wanted: str) -> str:
        """A field name no other field of the document has (a collection may print an item twice)."""
        base = _NAME.sub("-", wanted).strip("-") or "field"
        name, number = base, 2
        while name in self.names:
            name, number = f"{base}-{number}", number + 1
        self.names.add(name)
        return name

    def _field(self, tag: str, kind: str, name: str, words: str) -> str:
        attributes = f' class="guide-field guide-field-{kind}" name="{escape(self._name(name))}"' \
                     f' title="{escape(words or name)}"'
        return f'<input type="checkbox"{attributes}>' if tag == "input" and kind == "tick" else \
            f'<input type="text"{attributes}>' if tag == "input" else f"<{tag}{attributes}></{tag}>"

    def _item(self) -> _Element | None:
        """The nearest open element with an id: the item, or fill-in line, a field belongs to."""
        return next((element for element in reversed(self.open) if element.id), None)

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, dict(attrs))
        end_of_tag = self._offset() + len(self.get_starttag_text() or "")
        parent = self.open[-1] if self.open else None
        if tag == "li" and parent is not None and TICKS in parent.classes:
            element.tick = end_of_tag  # the check box comes first in the item; its words at the end
        elif FILL_IN_LABEL in element.classes:
            pass
        elif FILL_IN_SPACE in element.classes:
            self._fill_in(end_of_tag, DATE_SPACE in element.classes)
        elif WRITING in element.classes:
            self._writing(self._offset())
            element.wraps = True
        if tag not in _VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        pass  # <br />: nothing to write in, no words

    def _fill_in(self, offset: int, date: bool) -> None:
        line = self._item()
        if line is None:
            return
        self.last_line = line
        labels = line.labels or [""]
        # The date beside a signature is "Learner: Date", not one more "Date".
        words = labels[0] if len(labels) == 1 else f"{labels[0]}: {labels[-1]}"
        line.spaces += 1
        suffix = "" if line.spaces == 1 else "-date" if date else f"-{line.spaces}"
        self._insert(offset, self._field("input", "line", line.id + suffix, words))

    def _writing(self, offset: int) -> None:
        item = next((e for e in reversed(self.open) if e.tag == "li" and e.id), None)
        if item is not None:
            name, words = item.id, item.text()
        elif self.last_line is not None:  # more lines after a fill-in line ("Comments")
            name, words = self.last_line.id + "-lines", self.last_line.labels[0] if self.last_line.labels else ""
        else:
            item = self._item()
            name, words = (item.id if item else "lines"), (item.text() if item else "")
        # The text field lies over the drawn lines: both in one box, the field on top.
        self._insert(offset, '<span class="guide-field-area">' + self._field("textarea", "lines", name, words))

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
        text = "".join(element.words)
        if FILL_IN_LABEL in element.classes and self.open:
            self._item_labels(element.text())
        if element.wraps:
            end = self.html.find(">", offset) + 1
            self._insert(end, "</span>")
        if element.tick is not None:
            self._insert(element.tick, self._field("input", "tick", element.id or "tick", element.text()))
        if self.open and not element.silent:
            self.open[-1].words.append(text)

    def _item_labels(self, label: str) -> None:
        line = self._item()
        if line is not None:
            line.labels.append(label)

    def handle_data(self, data):
        self._words(data)

    def handle_entityref(self, name):
        self._words(unescape(f"&{name};"))

    def handle_charref(self, name):
        self._words(unescape(f"&#{name};"))

    def _words(self, text: str) -> None:
        if self.open and not self.open[-1].silent:
            self.open[-1].words.append(text)
