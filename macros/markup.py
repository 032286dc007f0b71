"""Guide Markdown, the safe subset: parsed here, checked, and written out again escaped.

Data text never reaches MkDocs' Markdown as written. It is parsed by this small grammar,
which knows exactly three things: *emphasis* (or _emphasis_), **strong** (or __strong__)
and [links](address). Everything else is text, and text is written back with every
character Markdown or HTML would act on escaped, so no data can make an HTML tag, an
attribute list ({: onclick=...}), a footnote, an admonition or a heading. Links are
checked by addresses.py before anything is rendered.

    parse(text)            -> Parsed: the nodes, and the problems an author must fix
    to_markdown(nodes, ..) -> inline Markdown for MkDocs, links resolved for the page
    escape(text)           -> plain text as inline Markdown that shows exactly that text
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .addresses import AddressProblem, GuideLink, check_address

# Python-Markdown's backslash escapes, plus the characters that start HTML.
_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!")
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# The characters _Parser.inlines treats specially: any other is text as it stands.
_MEANINGFUL = set("\\![*_")
_NEXT_MEANINGFUL = re.compile(r"[\\!\[*_]")


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Span:
    kind: str  # "em" or "strong"
    children: tuple


@dataclass(frozen=True)
class Link:
    children: tuple
    address: str
    target: GuideLink | None  # None: an outside address (https, mailto...)
    ok: bool = True  # False: the address was refused; only the words are ever shown


@dataclass(frozen=True)
class Issue:
    """A problem in a text: what to point at (`needle`), the message and a hint."""

    needle: str
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class Parsed:
    nodes: tuple
    issues: tuple[Issue, ...] = ()


@functools.lru_cache(maxsize=8192)
def parse(text: str) -> Parsed:
    """Parse guide Markdown (one paragraph: line breaks are spaces). Remembered: the same
    text is read by validation, then written on its page, its handout and its collection;
    a Parsed is frozen, so every reader gets the same answer."""
    parser = _Parser(" ".join(text.split()))
    nodes = parser.inlines(0, len(parser.text), links=True)
    return Parsed(tuple(nodes), tuple(parser.issues))


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.issues: list[Issue] = []

    def inlines(self, start: int, end: int, *, links: bool) -> list:
        nodes: list = []
        buffer: list[str] = []
        i = start
        text = self.text

        def flush() -> None:
            if buffer:
                nodes.append(Text("".join(buffer)))
                buffer.clear()

        while i < end:
            char = text[i]
            if char not in _MEANINGFUL:  # a run of ordinary characters, taken whole (speed)
                found = _NEXT_MEANINGFUL.search(text, i, end)
                stop = found.start() if found else end
                buffer.append(text[i:stop])
                i = stop
                continue
            if char == "\\" and i + 1 < end and text[i + 1] in _PUNCTUATION:
                buffer.append(text[i + 1])
                i += 2
                continue
            if char == "!" and i + 1 < end and text[i + 1] == "[" and self._link_at(i + 1, end):
                close, stop, address = self._link_at(i + 1, end)
                self.issues.append(Issue(text[i:stop], "images are not allowed in guide text",
                                         "A guide page shows text and links only; link to the image instead."))
                buffer.append(text[i:stop])
                i = stop
                continue
            if char == "[":
                found = self._link_at(i, end)
                if found:
                    close, stop, address = found
                    if not links:
                        self.issues.append(Issue(text[i:stop], "a link cannot hold another link",
                                                 "Take the inner link out of the outer link's words."))
                        buffer.append(text[i:stop])
                        i = stop
                        continue
                    flush()
                    nodes.append(self._link(i, close, stop, address))
                    i = stop
                    continue
                reference = re.match(r"\[[^\]]*\](?:\[[^\]]*\]|:\s*\S)", text[i:end])
                if reference:
                    self.issues.append(Issue(reference.group(0), "reference-style links are not supported "
                                             "in guide text", "Write the link as [its words](https://...)."))
            if char in "*_":
                span = self._span_at(i, end)
                if span:
                    kind, inner_start, inner_end, stop = span
                    flush()
                    nodes.append(Span(kind, tuple(self.inlines(inner_start, inner_end, links=links))))
                    i = stop
                    continue
                run = i
                while run < end and text[run] == char:
                    run += 1
                buffer.append(text[i:run])
                i = run
                continue
            buffer.append(char)
            i += 1
        flush()
        return nodes

    def _link_at(self, i: int, end: int) -> tuple[int, int, str] | None:
        """For '[' at i: (index of the closing ']', index after ')', the address), if a
        link [words](address) starts here."""
        depth, j = 0, i
        while j < end:
            char = self.text[j]
            if char == "\\":
                j += 2
                continue
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        else:
            return None
        close = j
        if close + 1 >= end or self.text[close + 1] != "(":
            return None
        depth, k = 0, close + 1
        while k < end:
            char = self.text[k]
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return close, k + 1, self.text[close + 2:k].strip()
            k += 1
        return None

    def _link(self, start: int, close: int, stop: int, address: str) -> Link:
        children = tuple(self.inlines(start + 1, close, links=False))
        checked = check_address(address)
        if not children:
            self.issues.append(Issue(self.text[start:stop], "a link needs words to click on",
                                     "Write [the words](https://...)."))
        if isinstance(checked, AddressProblem):
            self.issues.append(Issue(address or self.text[start:stop], checked.message, checked.hint))
            return Link(children, "", None, ok=False)
        return Link(children, address, checked)

    def _span_at(self, i: int, end: int) -> tuple[str, int, int, int] | None:
        """For a '*' or '_' run at i: (kind, inner start, inner end, index after), if it
        opens emphasis that closes before `end`."""
        text, char = self.text, self.text[i]
        width = 2 if text.startswith(char * 2, i) else 1
        if text.startswith(char * 3, i):
            return None  # three or more in a row: text, not emphasis
        inner = i + width
        if inner >= end or text[inner].isspace():
            return None
        if i > 0 and text[i - 1].isalnum():
            return None  # snake_case, O*NET: a mark inside a word is part of the word
        j = inner
        while j < end:
            if text[j] == "\\":
                j += 2
                continue
            if text[j] == "[" and (found := self._link_at(j, end)):
                j = found[1]  # a link's words and address are its own
                continue
            if text.startswith(char * width, j) and not text.startswith(char * (width + 1), j) \
                    and not text[j - 1].isspace() and j > inner:
                after = j + width
                if after < end and text[after].isalnum():
                    j += 1
                    continue
                if width == 1 and j > 0 and text[j - 1] == char:
                    j += 1
                    continue
                return ("strong" if width == 2 else "em"), inner, j, after
            if width == 1 and text.startswith(char * 2, j):
                nested = self._span_at(j, end)
                if nested:
                    j = nested[3]
                    continue
            j += 1
        return None


@functools.lru_cache(maxsize=16384)  # the same words are written on a page, its handout and its collection
def escape(text: str) -> str:
    """Plain text as inline Markdown that shows exactly that text, and nothing else."""
    return _SPACES.sub(" ", text).translate(_ESCAPES)


_SPACES = re.compile(r"\s+")
# HTML's specials become entities; Markdown's get a backslash (HTML's win: '&' is neither).
_ESCAPES = str.maketrans({**{char: "\\" + char for char in _MARKDOWN_SPECIAL}, **_HTML_SPECIAL})

LinkResolver = Callable[[Link], "str | None"]


def to_markdown(nodes: tuple, resolve: LinkResolver) -> str:
    """Nodes as inline Markdown. `resolve` gives a link's address on this page, or None to
    show the link's words alone (a page the district does not publish)."""
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(escape(node.text) if node.text.strip() else node.text)
        elif isinstance(node, Span):
            mark = "**" if node.kind == "strong" else "*"
            inner = to_markdown(node.children, resolve)
            out.append(f"{mark}{inner}{mark}" if inner.strip() else inner)
        elif isinstance(node, Link):
            words = to_markdown(node.children, resolve)
            address = resolve(node) if node.ok else None
            out.append(f"[{words}](<{encode_address(address)}>)" if address else words)
    return "".join(out)


def encode_address(address: str) -> str:
    """A checked address inside Markdown's <...> link form: these would end it."""
    return address.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def plain_text(nodes: tuple) -> str:
    """The words of parsed text, without any markup (for attributes and metadata)."""
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        else:
            out.append(plain_text(node.children))
    return "".join(out)


def literal(text: str) -> str:
    """Words to put into guide Markdown as they are: every punctuation mark escaped, so a
    district's word can never open emphasis or a link."""
    return "".join("\\" + char if char in _PUNCTUATION else char for char in text)
