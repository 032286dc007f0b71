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

import bisect
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
    """The grammar's reader. Every question it asks about a position (where does this
    '[' close, does a link start here, where does this emphasis close) is answered from
    tables built once per text and remembered per region, so a text costs time in
    proportion to its length (times the depth its spans nest, at most DEEPEST), however
    its marks are arranged."""

    def __init__(self, text: str):
        self.text = text
        self.issues: list[Issue] = []
        self._spans: dict[tuple[int, int], tuple[str, int, int, int] | None] = {}
        # (mark, width, region end) -> {position: where a span scanned from there closes}
        self._closers: dict[tuple[str, int, int], dict[int, int | None]] = {}
        self._scan_stops: dict[str, list[int]] = {}
        self._said_too_deep = False

    def inlines(self, start: int, end: int, *, links: bool, depth: int = 0) -> list:
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
            if char == "!" and i + 1 < end and text[i + 1] == "[" and (found := self._link_at(i + 1, end)):
                stop = found[1]
                self.issues.append(Issue(text[i:stop], "images are not allowed in guide text",
                                         "A guide page shows text and links only; link to the image instead."))
                buffer.append(text[i:stop])
                i = stop
                continue
            if char == "[":
                found = self._link_at(i, end)
                if found:
                    close, stop = found
                    if not links:
                        self.issues.append(Issue(text[i:stop], "a link cannot hold another link",
                                                 "Take the inner link out of the outer link's words."))
                        buffer.append(text[i:stop])
                        i = stop
                        continue
                    flush()
                    nodes.append(self._link(i, close, stop, depth))
                    i = stop
                    continue
                reference = self._reference_at(i, end)
                if reference:
                    self.issues.append(Issue(reference, "reference-style links are not supported "
                                             "in guide text", "Write the link as [its words](https://...)."))
            if char in "*_":
                span = self._span_at(i, end)
                if span and depth >= DEEPEST:
                    self._too_deep(i, span[3])
                    buffer.append(text[i:span[3]])
                    i = span[3]
                    continue
                if span:
                    kind, inner_start, inner_end, stop = span
                    flush()
                    nodes.append(Span(kind, tuple(self.inlines(inner_start, inner_end, links=links, depth=depth + 1))))
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

    # Tables, each built on first use in one pass over the text ------------------------------

    @functools.cached_property
    def _brackets(self) -> dict[int, int]:
        """Each '[' -> the ']' that closes it (nested pairs counted, backslash-escaped
        brackets skipped). Read from the start of the text: every scan starts on a '['
        that is not escaped, so a backslash escapes the same character whoever reads it."""
        return _pairs(match for match in _BRACKET_OR_ESCAPE.finditer(self.text) if len(match.group(0)) == 1)

    @functools.cached_property
    def _parens(self) -> dict[int, int]:
        """Each '(' -> the ')' that closes it (nested pairs counted; a link's address
        knows no escapes)."""
        return _pairs(_PAREN.finditer(self.text))

    @functools.cached_property
    def _closing_brackets(self) -> list[int]:
        """Every ']' of the text, escaped or not, in order."""
        return [match.start() for match in _CLOSING_BRACKET.finditer(self.text)]

    def _stops(self, mark: str) -> list[int]:
        """Where a scan for `mark` must look: every backslash, '[' and `mark`, in order."""
        if mark not in self._scan_stops:
            self._scan_stops[mark] = [match.start() for match in _SCAN_STOPS[mark].finditer(self.text)]
        return self._scan_stops[mark]

    # Links -----------------------------------------------------------------------------------

    def _link_at(self, i: int, end: int) -> tuple[int, int] | None:
        """For '[' at i: (index of the closing ']', index after ')'), if a link
        [words](address) starts here and ends before `end`."""
        close = self._brackets.get(i)
        if close is None or close + 1 >= end or self.text[close + 1] != "(":
            return None
        paren = self._parens.get(close + 1)
        if paren is None or paren >= end:
            return None
        return close, paren + 1

    def _link(self, start: int, close: int, stop: int, depth: int) -> Link:
        address = self.text[close + 2:stop - 1].strip()
        children = tuple(self.inlines(start + 1, close, links=False, depth=depth + 1))
        checked = check_address(address)
        if not children:
            self.issues.append(Issue(self.text[start:stop], "a link needs words to click on",
                                     "Write [the words](https://...)."))
        if isinstance(checked, AddressProblem):
            self.issues.append(Issue(address or self.text[start:stop], checked.message, checked.hint))
            return Link(children, "", None, ok=False)
        return Link(children, address, checked)

    def _reference_at(self, i: int, end: int) -> str | None:
        """For '[' at i that starts no link: what reads as a reference-style link,
        [words][label] or [label]: address, within `end` (brackets here are not paired)."""
        text, closing = self.text, self._closing_brackets
        first = bisect.bisect_right(closing, i)
        if first == len(closing) or closing[first] >= end:
            return None
        after = closing[first] + 1
        if after < end and text[after] == "[":
            if first + 1 < len(closing) and closing[first + 1] < end:
                return text[i:closing[first + 1] + 1]
            return None
        if after < end and text[after] == ":":
            k = after + 1
            while k < end and text[k].isspace():
                k += 1
            if k < end:
                return text[i:k + 1]
        return None

    # Emphasis --------------------------------------------------------------------------------

    def _too_deep(self, start: int, stop: int) -> None:
        """Emphasis past DEEPEST levels: said once, and the rest is left as text unread."""
        if not self._said_too_deep:
            self._said_too_deep = True
            self.issues.append(Issue(self.text[start:stop], f"emphasis and links are nested more than {DEEPEST} "
                                     "levels deep", "Check that each '*' and '_' closes where it should."))

    def _span_at(self, i: int, end: int) -> tuple[str, int, int, int] | None:
        """For a '*' or '_' run at i: (kind, inner start, inner end, index after), if it
        opens emphasis that closes before `end`."""
        key = (i, end)
        if key not in self._spans:
            self._spans[key] = self._find_span(i, end)
        return self._spans[key]

    def _find_span(self, i: int, end: int) -> tuple[str, int, int, int] | None:
        text, char = self.text, self.text[i]
        width = 2 if text.startswith(char * 2, i) else 1
        if text.startswith(char * 3, i):
            return None  # three or more in a row: text, not emphasis
        inner = i + width
        if inner >= end or text[inner].isspace():
            return None
        if i > 0 and text[i - 1].isalnum():
            return None  # snake_case, O*NET: a mark inside a word is part of the word
        # The first inner character cannot close the span (nor is it the mark: three in a
        # row were refused); a backslash or a link there is stepped over as anywhere else.
        j = inner + 1
        if text[inner] == "\\":
            j = inner + 2
        elif text[inner] == "[" and (found := self._link_at(inner, end)):
            j = found[1]
        closer = self._closer(j, char, width, end)
        if closer is None:
            return None
        return ("strong" if width == 2 else "em"), inner, closer, closer + width

    def _closer(self, j: int, char: str, width: int, end: int) -> int | None:
        """Where a span of `char` * `width` closes, scanning from j (past its first inner
        character) to `end`: escapes and links are stepped over whole, and so is strong
        emphasis inside emphasis of the same mark. Each position's answer is remembered for
        the region, so scans from many openers share the work."""
        known = self._closers.setdefault((char, width, end), {})
        stops = self._stops(char)
        text = self.text
        seen: list[int] = []
        found = None
        while True:
            at = bisect.bisect_left(stops, j)  # anything else is stepped over: it cannot matter
            j = stops[at] if at < len(stops) else end
            if j >= end:
                break
            if j in known:
                found = known[j]
                break
            seen.append(j)
            if text[j] == "\\":
                j += 2
                continue
            if text[j] == "[":
                link = self._link_at(j, end)
                j = link[1] if link else j + 1
                continue
            if self._closes(j, char, width, end):
                found = j
                break
            if width == 1 and text.startswith(char * 2, j) and (nested := self._span_at(j, end)):
                j = nested[3]
                continue
            j += 1
        for position in seen:
            known[position] = found
        return found

    def _closes(self, j: int, char: str, width: int, end: int) -> bool:
        """Whether the mark at j (past a span's first inner character) closes the span."""
        text = self.text
        if not text.startswith(char * width, j) or text.startswith(char * (width + 1), j):
            return False
        if text[j - 1].isspace():
            return False  # a closer follows a word: "a * b * c" has none
        after = j + width
        if after < end and text[after].isalnum():
            return False  # inside a word: snake_case
        return not (width == 1 and text[j - 1] == char)  # the second mark of '**' closes no '*'


# Links that cross emphasis let spans nest one level for every few characters (the parser's
# regions stay proper, but an outer span may step over a link an inner one cannot see).
# Each level is read again by the level inside it, and by Python's stack: past this many, a
# text is refused. Guide text nests two or three.
DEEPEST = 20

_BRACKET_OR_ESCAPE = re.compile(r"\\[\s\S]|[\[\]]")
_PAREN = re.compile(r"[()]")
_CLOSING_BRACKET = re.compile(r"\]")
_SCAN_STOPS = {"*": re.compile(r"[\\\[*]"), "_": re.compile(r"[\\\[_]")}


def _pairs(tokens) -> dict[int, int]:
    """Each opening bracket's position -> its closing one's, from regex matches of single
    brackets in order (a closer with nothing open closes nothing)."""
    pairs: dict[int, int] = {}
    opened: list[int] = []
    for token in tokens:
        if token.group(0) in "[(":
            opened.append(token.start())
        elif opened:
            pairs[opened.pop()] = token.start()
    return pairs


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
