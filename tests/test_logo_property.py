"""Whatever SVG a district sends as its logo, wbl_guide.data.logo.checked_logo refuses it or returns a
drawing that cannot run or load anything (issue #20: logos that cannot run).

Hypothesis writes SVG documents from a grammar that mixes the drawing elements the module
allows with hostile pieces: scripts and other active elements under random prefixes and
namespaces, on* attributes in any case and namespace, href and xlink:href with other schemes
behind blanks, entities and percent signs, style sheets and style attributes with url(),
image-set(), @import, comments and escapes, animations, foreignObject, comments, CDATA,
processing instructions and document types, in UTF-8, UTF-16LE and UTF-16BE. For each, the
check either refuses it, or returns bytes that:

(a) parse again as XML;
(b) hold only elements of the module's allow-list (DRAWING_ELEMENTS, in SVG's namespace),
    only attributes of its allow-lists, no attribute starting with "on" in any case, no
    href other than "#id", and in every attribute a browser reads as CSS and every style
    sheet no url() other than url(#id), no @import, no image-set(), no javascript:, no CSS
    escape; no document type, entity, comment, CDATA or processing instruction at all;
(c) are checked again into the very same bytes (the rebuild is idempotent).

A second property, on documents made of allowed pieces only, says the check is not merely
refusing everything: each is accepted with every element it drew.

Examples: 600 for each property where CI=true (profile logo-ci), 200 locally (logo-local);
about a sixth of the hostile documents are published, the rest refused.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.sax.saxutils import quoteattr

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from wbl_guide.data.logo import (DRAWING_ELEMENTS, EDITOR_NAMESPACES, PLAIN_ATTRIBUTES, STYLE_PROPERTIES, SVG, XHTML,
                         XLINK, XML, checked_logo)
from tools import on_ci

settings.register_profile("logo-ci", max_examples=600, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("logo-local", max_examples=200, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = settings.get_profile("logo-ci" if on_ci() else "logo-local")

INKSCAPE = "http://www.inkscape.org/namespaces/inkscape"
assert INKSCAPE in EDITOR_NAMESPACES
# Prefixes declared on every document's root: SVG's own under other names, HTML, XLink,
# XML Events, an editor's and one unknown language.
PREFIXES = {"s": SVG, "svg": SVG, "h": XHTML, "xlink": XLINK, "xl": XLINK, "ev": "http://www.w3.org/2001/xml-events",
            "inkscape": INKSCAPE, "z": "urn:x-unknown:language"}
DECLARATIONS = " ".join(f"xmlns:{prefix}={quoteattr(uri)}" for prefix, uri in PREFIXES.items())

ALLOWED_ATTRIBUTES = PLAIN_ATTRIBUTES | STYLE_PROPERTIES | {"style"}
CSS_ATTRIBUTES = STYLE_PROPERTIES | {"style"}  # what a browser reads as CSS
DRAWING = sorted(DRAWING_ELEMENTS - {"style"})

# --- the grammar's pieces, as source text (XML-safe: entities written on purpose) ---------

ACTIVE_ELEMENTS = ["script", "handler", "listener", "foreignObject", "animate", "set", "animateTransform",
                   "animateMotion", "animateColor", "discard", "mpath", "image", "feImage", "a", "iframe", "cursor",
                   "font-face", "font-face-uri", "metadata", "view", "video", "audio", "embed", "object", "body",
                   "SCRIPT", "Script"]
EVENTS = ["onload", "onclick", "onbegin", "onend", "onrepeat", "onmouseover", "onfocusin", "onactivate", "onerror",
          "onunload", "onzoom", "onanimationstart"]
ADDRESSES = [
    "#g", " #g ", "#g\n", "&#35;g", "#a.b:c-d", "javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)",
    "java&#x09;script:alert(1)", "&#106;avascript:alert(1)", "jav&#x0A;ascript:alert(1)", "%6Aavascript:alert(1)",
    "&#x20;&#x0B;javascript:alert(1)", "\u00a0javascript:alert(1)", "vbscript:msgbox(1)",
    "data:image/svg+xml,&lt;svg onload=alert(1)&gt;", "data:text/html;base64,PHNjcmlwdD4=",
    "https://tracker.example/x.svg#g", "//tracker.example/x", "x.svg#g", "#g)", "#g%20", "file:///etc/passwd#g",
    "#javascript:alert(1)",
]
CSS_VALUES = [
    "red", "#0b5d3b", "none", "currentColor", "url(#g)", "url( '#g' )", 'url("#g")', "rgb(1, 2, 3)", "hsl(1 2% 3%)",
    "translate(1px, 2px) rotate(3deg)", "1.5px", "bold", "'DejaVu Sans'", "&quot;Arial&quot;", "red !important",
    "url(https://tracker.example/a.png)", "url(data:image/png;base64,AAAA)", "URL(x.png)", "ur/**/l(x.png)",
    "u\\72 l(x.png)", "u&#x72;l(x.png)", "url&#x28;x.png)", "image-set('x.png' 1x)", "-webkit-image-set(url(x) 1x)",
    "image(x.png)", "cross-fade(url(a), url(b))", "element(#g)", "paint(worklet)", "expression(alert(1))",
    "src(x.png)", "var(--x)", "attr(href)", "env(x)", "javascript:alert(1)", "red;background:url(x.png)",
    "red} svg{background:url(x.png)", "/* x */ red", "/*", "*/", "@import 'x.css'", "\\", "-moz-binding",
    "behavior", "url(#g) url(x.png)", "url(#g", "url( #g )",
]
CSS_PROPERTIES = sorted(STYLE_PROPERTIES)[:12] + ["fill", "stroke", "filter", "mask", "clip-path", "marker-start",
                                                  "font-family", "transform"]
HOSTILE_PROPERTIES = ["background", "background-image", "content", "cursor", "list-style-image", "border-image",
                      "mask-image", "-moz-binding", "behavior", "src", "FILL", "Fill"]
SELECTORS = ["rect", ".a", "#g", "svg *", "g > rect", "a:hover", "[href]", "rect::after", "svg|rect", "url(x)",
             "@media print", "@font-face", "*"]
PLAIN_VALUES = ["0", "10", "1.5", "-3e2", "M0 0L10 10z", "a", "g", "0 0 64 64", "xMidYMid meet", "userSpaceOnUse",
                "x y", "url(x.png)", "javascript:alert(1)", "&lt;script&gt;", "&amp;", "&quot;q&quot;", "é日本",
                "&#10;", "  "]
OTHER_ATTRIBUTES = ["data-onload", "cursor", "xml:base", "xml:space", "xml:lang", "requiredExtensions",
                    "systemLanguage",
                    "attributeName", "begin", "to", "from", "externalResourcesRequired", "src", "action", "formaction",
                    "srcdoc", "xmlns:foo", "inkscape:label", "z:href", "h:href", "s:fill", "ev:event"]
TEXTS = ["Logo", " ", "\n  ", "&lt;script&gt;alert(1)&lt;/script&gt;", "<![CDATA[</text><script>alert(1)</script>]]>",
         "<![CDATA[ a ]]>", "javascript:alert(1)", "&amp;", "&#x3c;svg onload=alert(1)&#x3e;", "é 日本 \u2028",
         "&undeclared;", "&lt;!DOCTYPE x [&lt;!ENTITY y 'z'&gt;]&gt;", "]]&gt;", "url(https://tracker.example/t)"]
MISC = ["<!-- <script>alert(1)</script> -->", "<!---->", "<?xml-stylesheet href='x.css'?>",
        '<?XML-STYLESHEET type="text/css" href="https://tracker.example/x.css"?>', "<?php echo 1 ?>", "<?foo bar?>"]
PROLOGS = ["", '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
           '<!DOCTYPE svg [<!ENTITY x "y">]>', '<!DOCTYPE svg SYSTEM "file:///etc/passwd">',
           '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "<!-- an editor's comment -->",
           '<?xml-stylesheet href="https://tracker.example/x.css"?>', "<?editor data?>"]
ENCODINGS = [("utf-8", None, False), ("utf-8", "UTF-8", False), ("utf-8", "utf-8", True),
             ("utf-16-le", "UTF-16", True), ("utf-16-be", "UTF-16", True), ("utf-16-le", "UTF-16LE", False),
             ("utf-16-be", "UTF-16BE", False), ("utf-16-le", None, True), ("utf-16-be", None, True),
             ("utf-8", "UTF-16", False), ("utf-16-le", "UTF-8", True)]


def attr(name: str, source: str) -> str:
    """An attribute whose value is source text: its entities stay as written (disguises)."""
    value = source.replace('"', "&quot;").replace("<", "&lt;")
    return f'{name}="{value}"'


def cased(word: str, mask: list[bool]) -> str:
    return "".join(c.upper() if upper else c for c, upper in zip(word, mask + [False] * len(word)))


def prefixed(name: str, prefix: str) -> str:
    return f"{prefix}:{name}" if prefix else name


prefixes = st.sampled_from([""] * 6 + sorted(PREFIXES))
masks = st.lists(st.booleans(), max_size=16)
css_values = st.sampled_from(CSS_VALUES)
declaration = st.builds(lambda p, v, s: f"{p}{s}:{s}{v}", st.sampled_from(CSS_PROPERTIES + HOSTILE_PROPERTIES),
                        css_values, st.sampled_from(["", " ", "\n"]))
declarations = st.lists(declaration, min_size=1, max_size=4).map(";".join)
rules = st.one_of(
    st.builds(lambda s, d: f"{s} {{ {d} }}", st.sampled_from(SELECTORS), declarations),
    st.sampled_from(["@import url(x.css);", "@import 'https://tracker.example/x.css';", "@IMPORT 'x';",
                     "@font-face { font-family: x; src: url(x.woff) }", "@media print { rect { fill: red } }",
                     "/* @import 'x.css'; */", "@namespace url(x);", "rect { fill: red }", "}", "{"]))
sheets = st.lists(rules, min_size=1, max_size=4).map("\n".join)

# Drawing attributes the module keeps (their values may still be hostile).
plain_attributes = st.builds(lambda n, v: f"{n}={quoteattr(v)}", st.sampled_from(sorted(PLAIN_ATTRIBUTES)),
                             st.sampled_from(PLAIN_VALUES))
css_attributes = st.one_of(st.builds(attr, st.sampled_from(CSS_PROPERTIES), css_values),
                           st.builds(attr, st.just("style"), declarations))
# Event handlers, in any case and namespace.
handlers = st.builds(lambda p, e, m: f'{prefixed(cased(e, m), p)}="alert(1)"', prefixes, st.sampled_from(EVENTS), masks)
# Addresses, with or without XLink.
addresses = st.builds(attr, st.sampled_from(["href", "xlink:href", "xl:href", "HREF", "s:href"]),
                      st.sampled_from(ADDRESSES))
# Attributes no drawing needs (dropped) or that a browser would follow (refused or dropped).
other_attributes = st.builds(lambda n, v: f"{n}={quoteattr(v)}", st.sampled_from(OTHER_ATTRIBUTES),
                             st.sampled_from(["x", "https://tracker.example/", "url(x.png), auto", "alert(1)", "#g"]))
# Weighted towards what a drawing holds, so that about a third of the documents pass.
attribute = st.one_of(plain_attributes, plain_attributes, css_attributes, other_attributes, other_attributes,
                      addresses, handlers)


def element(name: str, attributes: list[str], children: list[str], declarations: str = "") -> str:
    seen, kept = set(), []
    for attribute_text in attributes:  # XML forbids an attribute twice: keep the first
        key = attribute_text.split("=", 1)[0]
        if key not in seen:
            seen.add(key)
            kept.append(attribute_text)
    head = " ".join([name, *([declarations] if declarations else []), *kept])
    return f"<{head}>{''.join(children)}</{name}>" if children else f"<{head}/>"


drawing_names = st.builds(prefixed, st.sampled_from(DRAWING), st.sampled_from(["", "", "", "s", "svg"]))
names = st.one_of(drawing_names, drawing_names, drawing_names,
                  st.builds(lambda n, p, m: prefixed(cased(n, m), p), st.sampled_from(ACTIVE_ELEMENTS), prefixes,
                            st.lists(st.booleans(), max_size=3)))
style_elements = st.builds(lambda p, s, cdata: element(prefixed("style", p), [],
                                                       [f"<![CDATA[{s}]]>" if cdata else s.replace("<", "&lt;")]),
                           st.sampled_from(["", "s"]), sheets, st.booleans())
leaves = st.one_of(st.sampled_from(TEXTS), st.sampled_from(MISC[:2] + MISC[4:]), st.sampled_from(MISC), style_elements,
                   st.builds(element, names, st.lists(attribute, max_size=3), st.just([])))
nodes = st.recursive(leaves, lambda children: st.builds(element, names, st.lists(attribute, max_size=3),
                                                        st.lists(children, max_size=3)), max_leaves=12)


# Pieces a drawing is made of, and nothing else.
benign_attributes = st.one_of(
    st.builds(lambda n, v: f"{n}={quoteattr(v)}", st.sampled_from(sorted(PLAIN_ATTRIBUTES - {"id"})),
              st.sampled_from(["0", "10", "1.5", "a b", "M0 0L10 10z", "é", "&amp;"])),
    st.builds(attr, st.sampled_from(sorted(STYLE_PROPERTIES)),
              st.sampled_from(["red", "#0b5d3b", "none", "url(#g)", "1.5px", "rgb(1, 2, 3)", "bold"])),
    st.sampled_from(['style="fill:red;stroke:url(#g)"', 'style="opacity: .5"', 'href="#g"', 'xlink:href="#g"',
                     'xml:space="preserve"']),
)
benign_leaves = st.one_of(st.sampled_from(["Logo", "&lt;script&gt;", "<![CDATA[<x>]]>", "é", "\n"]),
                          st.builds(element, st.sampled_from(DRAWING), st.lists(benign_attributes, max_size=3),
                                    st.just([])),
                          st.sampled_from(["<style>rect { fill: red } .a{stroke:url(#g)}</style>",
                                           "<style><![CDATA[ #g > rect { opacity: 0.5 } ]]></style>"]))
benign_nodes = st.recursive(benign_leaves, lambda children: st.builds(
    element, st.sampled_from(DRAWING), st.lists(benign_attributes, max_size=3), st.lists(children, max_size=3)),
    max_leaves=12)


def document(prolog: str, root_prefix: str, attributes: list[str], children: list[str], encoding) -> bytes:
    codec, declared, bom = encoding
    name = prefixed("svg", root_prefix)
    head = f'<?xml version="1.0" encoding="{declared}"?>\n' if declared else ""
    text = head + prolog + "\n" + element(name, attributes, children, f'xmlns="{SVG}" {DECLARATIONS}') + "\n"
    return ("\ufeff" if bom else "").encode(codec) + text.encode(codec)


# Weighted towards what an editor writes (at the top and in the body), so that a fair share
# of the documents is published and the property is about what the rebuild keeps.
editors_prologs = st.sampled_from([PROLOGS[i] for i in (0, 1, 5, 7)])
consistent_encodings = st.sampled_from(ENCODINGS[:9])
documents = st.builds(document, st.one_of(editors_prologs, st.sampled_from(PROLOGS)),
                      st.one_of(st.just(""), st.sampled_from(["", "s", "svg", "z", "h"])),
                      st.lists(attribute, max_size=3),
                      st.lists(st.one_of(benign_nodes, benign_nodes, nodes), max_size=5),
                      st.one_of(consistent_encodings, consistent_encodings, st.sampled_from(ENCODINGS)))
# Documents of allowed pieces only, in the encodings they declare.
BENIGN_ENCODINGS = [("utf-8", None, False), ("utf-8", "UTF-8", True), ("utf-16-le", "UTF-16", True),
                    ("utf-16-be", "UTF-16", True), ("utf-16-le", "UTF-16LE", False), ("utf-16-be", None, True)]
benign_documents = st.builds(lambda children, encoding: document("", "", [], ['<linearGradient id="g"/>', *children],
                                                                 encoding),
                             st.lists(benign_nodes, max_size=4), st.sampled_from(BENIGN_ENCODINGS))


# --- what a published logo may hold -----------------------------------------------------------

_LOCAL_URL = re.compile(r"""url\(\s*(['"]?)#[^'"()\s]*\1\s*\)""")
CSS_FORBIDDEN = ("url(", "@import", "@font-face", "image-set", "javascript:", "expression(", "-moz-binding", "\\")


def split(name: str) -> tuple[str | None, str]:
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return namespace, local
    return None, name


def css_findings(where: str, css: str) -> list[str]:
    lowered = _LOCAL_URL.sub("", css.lower())
    return [f"{where}: {marker} in {css!r}" for marker in CSS_FORBIDDEN if marker in lowered]


def findings(data: bytes) -> list[str]:
    """What a published logo may not hold; [] when it is safe. Raises when it is not XML."""
    found = [f"{marker.decode()} in the file" for marker in (b"<!doctype", b"<!entity", b"<!--", b"<?", b"<![cdata[")
             if marker in data.lower()]
    root = ET.fromstring(data)  # (a): parses again
    for node in root.iter():
        namespace, local = split(node.tag)
        where = f"<{local}>"
        if namespace != SVG or local not in DRAWING_ELEMENTS:
            found.append(f"element {node.tag} outside the allow-list")
        for name, value in node.attrib.items():
            attribute_namespace, attribute = split(name)
            if attribute.lower().startswith("on"):
                found.append(f"{where}: handler {name}={value!r}")
            if attribute == "href":
                if attribute_namespace not in (None, XLINK) or not re.fullmatch(r"#\S+", value):
                    found.append(f"{where}: address {name}={value!r}")
            elif attribute_namespace == XML:
                if attribute not in ("space", "lang"):
                    found.append(f"{where}: attribute {name}")
            elif attribute_namespace is not None or attribute not in ALLOWED_ATTRIBUTES:
                found.append(f"{where}: attribute {name} outside the allow-list")
            if attribute in CSS_ATTRIBUTES or attribute == "href":
                found += css_findings(f"{where} {name}", value)
        if local == "style":
            found += css_findings(where, "".join(node.itertext()))
            found += [f"<style> holds <{child.tag}>" for child in node]
    return found


def check(data: bytes):
    """checked_logo on `data`: None when refused, else the published bytes, checked (a)-(c)."""
    logo = checked_logo("logo.svg", data)
    if logo.refusal is not None:
        assert logo.data == b""
        return None
    assert findings(logo.data) == [], (data, logo.data)
    again = checked_logo("logo.svg", logo.data)
    assert again.refusal is None and again.data == logo.data, (logo.data, again)  # (c)
    return logo.data


@settings(PROFILE)
@given(documents)
def test_any_logo_is_refused_or_published_inert(data):
    published = check(data)
    event("refused" if published is None else "published")


# --- documents of allowed pieces only: accepted, nothing drawn lost -------------------------

def drawn(data: bytes) -> list[str]:
    """The elements of a logo, in document order, without their namespace."""
    return [split(node.tag)[1] for node in ET.fromstring(data).iter()]


@settings(PROFILE)
@given(benign_documents)
def test_a_logo_of_allowed_pieces_is_published_whole(data):
    published = check(data)
    assert published is not None, checked_logo("logo.svg", data).refusal
    assert drawn(published) == drawn(data)  # every element, in the same order


def test_the_grammar_reaches_both_outcomes():
    """The hostile grammar is no wall of refusals: documents drawn from it are published too,
    and its hostile pieces alone are each refused (a control for the property above)."""
    for piece in ["<script>alert(1)</script>", '<rect onload="alert(1)"/>', '<use href="javascript:alert(1)"/>',
                  "<style>@import 'x.css';</style>", '<rect style="fill:url(https://tracker.example/a.png)"/>',
                  '<rect fill="image-set(\'x.png\' 1x)"/>', "<z:animate/>", "<s:set/>", "<foreignObject/>",
                  '<rect style="fill:u\\72 l(x.png)"/>', "<h:body/>"]:
        assert checked_logo("logo.svg", document("", "", [], [piece], ENCODINGS[0])).refusal, piece
    inert = document("", "", ['data-onload="alert(1)"', 'xml:base="https://tracker.example/"'],
                     ['<rect fill="red" cursor="url(x.png), auto" inkscape:label="x"/>', "<!-- <script> -->",
                      "<![CDATA[</text><script>alert(1)</script>]]>"], ENCODINGS[4])
    assert check(inert) is not None


def test_the_detector_sees_every_kind_of_unsafe_output():
    """Control: findings() is what makes the property fail, so it must see each kind."""
    head = f'<svg xmlns="{SVG}" xmlns:xlink="{XLINK}">'
    unsafe = {
        "<!-- x --><rect/>": "<!-- in the file", "<?pi x?>": "<? in the file",
        "<foreignObject/>": "outside the allow-list", '<rect cursor="auto"/>': "outside the allow-list",
        '<rect ONload="x"/>': "handler", '<rect xlink:href="https://x/"/>': "address",
        '<use href=" javascript:x"/>': "address", '<rect fill="url(x.png)"/>': "url(",
        '<rect style="fill:u\\72 l(x)"/>': "\\", "<style>@import 'x';</style>": "@import",
        "<style>rect{fill:image-set('x' 1x)}</style>": "image-set", '<rect xml:base="x"/>': "attribute",
        "<style><g/></style>": "<style> holds",
    }
    for body, expected in unsafe.items():
        found = findings((head + body + "</svg>").encode())
        assert any(expected in finding for finding in found), (body, found)
    assert findings((head + '<rect fill="url(#g)" style="stroke:url( \'#g\' )"/><use href="#g"/></svg>').encode()) == []
