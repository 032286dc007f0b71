"""The last wall: HTML that a page's content may never hold, whatever the data said.

Validation refuses hostile data and the renderer escapes the rest, so this should never
find anything. It is run on the content of every page before it is written, so that a
future bug in either can never publish script: an event handler, a style, a script or
frame element, or a link with a scheme other than https, http, mailto and tel.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from .addresses import SCHEMES, scheme_of

_ELEMENTS = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
             "link", "meta", "svg", "math", "template", "img", "video", "audio", "source", "track",
             "picture", "portal"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset",
                   "background", "cite", "longdesc", "ping", "manifest", "codebase"}


class _Auditor(HTMLParser):
    def __init__(self, allowed_elements: set[str]):
        super().__init__(convert_charrefs=True)
        self.allowed = allowed_elements
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _ELEMENTS and tag not in self.allowed:
            self.found.append(f"a <{tag}> element")
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on"):
                self.found.append(f"an event handler ({name}=) on <{tag}>")
            elif name == "style":
                self.found.append(f"a style attribute on <{tag}>")
            elif name in _URL_ATTRIBUTES and value:
                scheme = scheme_of(value)
                if scheme is not None and scheme not in SCHEMES:
                    self.found.append(f"a {scheme}: address in {name}= on <{tag}>")

    handle_startendtag = handle_starttag

    def updatepos(self, i: int, j: int) -> int:
        # Findings name no line, so the parser's line counting (a fifth of its time) is skipped.
        return j


def audit(html: str, allowed_elements: set[str] = frozenset()) -> list[str]:
    """What the HTML holds that no page's content may: one description per finding."""
    if quick_scan(html, allowed_elements) == []:
        return []
    auditor = _Auditor(set(allowed_elements))
    auditor.feed(html)
    auditor.close()
    return auditor.found


# The quick scan: HTML written as a renderer writes it (text without '<', and tags whose
# attribute values are double-quoted without '<', '>' or '"' in them) is read by one regex
# pass, five times faster than HTMLParser's loop, which was a tenth of a build. Such HTML
# is read the same way by HTMLParser and by browsers, and the scan sees every tag either
# would (also any in a raw-text element), so it can only find more. Anything else, or
# anything found, goes to HTMLParser, whose findings are the ones reported.
_NAME = r"[a-zA-Z][a-zA-Z0-9-]*"
_ATTRIBUTE = r"[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_BLANK = r"[\t\n\f\r ]"  # HTML's own blanks (a regex's \s also takes Unicode spaces)
_STRICT_TAG = re.compile(rf'<(?:/{_NAME}{_BLANK}*|({_NAME})((?:{_BLANK}+{_ATTRIBUTE}(?:="[^"<>]*")?)*){_BLANK}*/?)>')
_STRICT_ATTRIBUTE = re.compile(rf'({_ATTRIBUTE})(?:="([^"<>]*)")?')


def quick_scan(text: str, allowed_elements: set[str] = frozenset()) -> list[str] | None:
    """The findings of a one-pass read of HTML in the renderer's strict form, or None when
    some '<' of it starts no tag of that form (HTMLParser must read it)."""
    found: list[str] = []
    tags = 0
    for tag in _STRICT_TAG.finditer(text):
        tags += 1
        name = tag.group(1)
        if name is None:  # an end tag
            continue
        name = name.lower()
        if name in _ELEMENTS and name not in allowed_elements:
            found.append(f"a <{name}> element")
        for attribute, value in _STRICT_ATTRIBUTE.findall(tag.group(2)):
            attribute = attribute.lower()
            if attribute.startswith("on"):
                found.append(f"an event handler ({attribute}=) on <{name}>")
            elif attribute == "style":
                found.append(f"a style attribute on <{name}>")
            elif attribute in _URL_ATTRIBUTES and value:
                scheme = scheme_of(html.unescape(value))
                if scheme is not None and scheme not in SCHEMES:
                    found.append(f"a {scheme}: address in {attribute}= on <{name}>")
    return found if tags == text.count("<") else None
