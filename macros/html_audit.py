"""The last wall: HTML that a page's content may never hold, whatever the data said.

Validation refuses hostile data and the renderer escapes the rest, so this should never
find anything. It is run on the content of every page before it is written, so that a
future bug in either can never publish script: an event handler, a style, a script or
frame element, or a link with a scheme other than https, http, mailto and tel.
"""

from __future__ import annotations

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
    auditor = _Auditor(set(allowed_elements))
    auditor.feed(html)
    auditor.close()
    return auditor.found
