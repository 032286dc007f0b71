"""A district's logo, checked and made safe to publish (issue #20: data is untrusted).

The logo is published at its own address on the district's site, where a browser opening an
SVG runs its scripts and fetches what it refers to at the site's origin. So an SVG is read
with a real XML parser (expat: any encoding it declares, no DTD subset, no entity of its own)
and REBUILT from an allow-list of drawing elements and attributes: what is published is our
serialization of what was checked, never the author's bytes. Plainly active content is
refused with a message that names it; editor metadata is dropped without a word.

A raster logo must be the image its name says (a browser trusts the server's type, which
comes from the name), and is published as it is. Every logo is at most MAX_BYTES.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat
from xml.sax.saxutils import XMLGenerator

from ..base.contained import NotReadAsPlain, read_plain

MAX_BYTES = 1_000_000
MAX_ELEMENTS = 20_000
MAX_DEPTH = 64
MAX_DRAWN = 100_000  # elements drawn once every <use> is followed: a "use bomb" stops here

REEXPORT = "Export the logo again as a plain SVG (shapes and text only), or use a PNG."


@dataclass(frozen=True)
class Logo:
    """A logo file, checked: the bytes to publish, or why it may not be published."""

    data: bytes = b""  # an SVG rebuilt from what was checked; a raster image as it is
    refusal: str | None = None
    hint: str | None = None


def read_logo(path: Path) -> Logo:
    """The logo at `path` (a regular file, already known to be inside its folder), checked.
    Reads no more than one byte past the limit, however large the file is."""
    try:
        data = read_plain(path, MAX_BYTES)
    except NotReadAsPlain as refused:
        return _too_large(path.name) if refused.size is not None else \
            Logo(refusal=f"the logo '{path.name}' is not a plain file", hint="Put the logo's own file there.")
    except OSError as error:  # unreadable, or gone since it was found
        return Logo(refusal=f"the logo '{path.name}' cannot be read ({error.strerror or error})",
                    hint="Check that the file is there and readable.")
    return checked_logo(path.name, data)


def _too_large(name: str) -> Logo:
    return Logo(refusal=f"the logo '{name}' is larger than {MAX_BYTES // 1_000_000} MB, "
                        "which a logo in a page's header never needs",
                hint="Export it smaller (an SVG of shapes, or a PNG a few hundred pixels wide).")


@functools.lru_cache(maxsize=8)  # each edition of a build asks again for the same bytes
def checked_logo(name: str, data: bytes) -> Logo:
    """`data`, the logo file `name`, checked by the kind its name says."""
    if len(data) > MAX_BYTES:
        return _too_large(name)
    suffix = Path(name).suffix.lower()
    if suffix == ".svg":
        return _checked_svg(name, data)
    kind, _ = _RASTERS[suffix]
    looks = looks_like(data)
    if looks != kind:
        return Logo(refusal=f"'{name}' is not {_KIND_NAMES[kind]} ({_start(data, looks, kind)})",
                    hint=_rename_hint(name, looks) or f"Export the logo again as {_KIND_NAMES[kind]}.")
    return Logo(data)


def _start(data: bytes, looks: str, kind: str) -> str:
    """How the file starts, in a message: like a known kind of file, or its first bytes."""
    if looks == "empty":
        return "the file is empty"
    if looks == "other":
        return f"its first bytes, {data[:8].hex(' ')}, are not {_KIND_NAMES[kind]}'s"
    return f"its bytes start like {_KIND_NAMES[looks]}"


# --- raster images: the signature their name promises ------------------------------------

_RASTERS = {".png": ("png", "png"), ".jpg": ("jpeg", "jpg"), ".jpeg": ("jpeg", "jpg"), ".webp": ("webp", "webp")}
_KIND_NAMES = {"png": "a PNG image", "jpeg": "a JPEG image", "webp": "a WebP image", "gif": "a GIF image",
               "svg": "an SVG image", "html": "an HTML page", "xml": "an XML or text document",
               "pdf": "a PDF document", "zip": "a ZIP archive", "empty": "an empty file",
               "other": "an unknown kind of file"}
_EXTENSIONS = {"png": "png", "jpeg": "jpg", "webp": "webp", "svg": "svg"}


def looks_like(data: bytes) -> str:
    """The kind of file `data` starts like, by its signature (a key of _KIND_NAMES)."""
    if not data:
        return "empty"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    head = _text_head(data)
    if head.startswith("<"):
        if re.search(r"<(?:[\w.-]+:)?svg[\s/>]", head):
            return "svg"
        if re.search(r"<!doctype\s+html|<html|<head|<body|<script|<img", head):
            return "html"
        return "xml"
    return "other"


def _text_head(data: bytes) -> str:
    """The start of `data` read as text (UTF-16 when it says so), lowercased, without a BOM
    or leading space."""
    head = data[:2048]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"<\x00", b"\x00<"):
        encoding = "utf-16-be" if head.startswith(b"\xfe\xff") or head[:1] == b"\x00" else "utf-16-le"
        text = head.decode(encoding, "ignore")
    else:
        text = head.decode("utf-8", "ignore")
    return text.lstrip("\ufeff \t\r\n").lower()


def _rename_hint(name: str, looks: str) -> str | None:
    if looks not in _EXTENSIONS:
        return None
    return f"It is {_KIND_NAMES[looks]}: rename it to '{Path(name).stem}.{_EXTENSIONS[looks]}' (and in the profile)."


# --- SVG: parsed, checked, rebuilt ------------------------------------------------------

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
XHTML = "http://www.w3.org/1999/xhtml"
# Editors' own namespaces: their elements and attributes are metadata, dropped quietly.
EDITOR_NAMESPACES = frozenset({
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd", "http://www.inkscape.org/namespaces/inkscape",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/",
    "http://creativecommons.org/ns#", "http://web.resource.org/cc/", "http://www.bohemiancoding.com/sketch/ns",
    "http://www.serif.com/", "http://ns.adobe.com/AdobeIllustrator/10.0/", "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/Graphs/1.0/", "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
    "http://ns.adobe.com/Variables/1.0/", "http://ns.adobe.com/SaveForWeb/1.0/",
    "http://ns.adobe.com/ImageReplacement/1.0/", "http://ns.adobe.com/GenericCustomNamespace/1.0/",
    "http://ns.adobe.com/XPath/1.0/",
})

_FILTER_PRIMITIVES = ("feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting "
                      "feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR "
                      "feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting "
                      "feSpotLight feTile feTurbulence").split()
# What a plain drawing is made of. Everything else in SVG's namespace is refused.
DRAWING_ELEMENTS = frozenset("""svg g defs symbol use switch path rect circle ellipse line polyline polygon
    text tspan textPath title desc linearGradient radialGradient stop clipPath mask pattern marker filter
    style""".split() + _FILTER_PRIMITIVES)
_DROPPED_ELEMENTS = frozenset({"metadata"})  # not drawn: dropped with what it holds
# What the refused elements are, in a message.
_ACTIVE_ELEMENTS = {
    "script": "a script", "handler": "a script", "listener": "a script",
    "foreignObject": "embedded HTML",
    **dict.fromkeys(("animate", "set", "animateTransform", "animateMotion", "animateColor", "discard", "mpath"),
                    "an animation"),
    "image": "an image from another file", "feImage": "an image from another file",
    "a": "a link", "iframe": "embedded HTML", "cursor": "a cursor image",
    "font-face": "a font from another file", "font-face-uri": "a font from another file",
}

# CSS properties a drawing uses: kept as presentation attributes and in style sheets.
STYLE_PROPERTIES = frozenset("""fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap
    stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset opacity color clip-path clip-rule mask
    filter stop-color stop-opacity flood-color flood-opacity lighting-color font font-family font-size
    font-weight font-style font-variant font-stretch text-anchor dominant-baseline alignment-baseline
    baseline-shift letter-spacing word-spacing text-decoration writing-mode direction display visibility
    overflow marker marker-start marker-mid marker-end shape-rendering text-rendering color-interpolation
    color-interpolation-filters image-rendering paint-order vector-effect mix-blend-mode isolation line-height
    white-space transform transform-origin transform-box enable-background""".split())
# Other attributes, whose values are geometry, names or numbers and never load anything.
PLAIN_ATTRIBUTES = frozenset("""id class x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height d points viewBox
    preserveAspectRatio version baseProfile offset pathLength gradientUnits gradientTransform spreadMethod
    patternUnits patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits filterUnits
    primitiveUnits markerWidth markerHeight markerUnits refX refY orient dx dy rotate textLength lengthAdjust
    startOffset method spacing side in in2 result stdDeviation mode type values operator k1 k2 k3 k4 radius
    tableValues slope intercept amplitude exponent baseFrequency numOctaves seed stitchTiles scale
    xChannelSelector yChannelSelector order kernelMatrix divisor bias targetX targetY edgeMode preserveAlpha
    surfaceScale specularConstant specularExponent diffuseConstant kernelUnitLength azimuth elevation z
    pointsAtX pointsAtY pointsAtZ limitingConeAngle role aria-label aria-labelledby aria-describedby
    aria-hidden focusable lang""".split())
# References a drawing follows (use, gradients, patterns, textPath): to an id of this file only.
_LOCAL_REFERENCE = re.compile(r"#[\w.:-]+\Z")
_HREF_ELEMENTS = frozenset({"use", "textPath", "linearGradient", "radialGradient", "pattern", "filter"})


class _Refused(Exception):
    """Stops the parse or the walk: the logo holds something a published image may not."""

    def __init__(self, message: str, hint: str | None = REEXPORT):
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass
class _Node:
    namespace: str | None
    local: str
    shown: str  # the name as the file writes it, prefix and all, for messages
    line: int
    attributes: list[tuple[str | None, str, str, str]]  # (namespace, local, shown, value)
    children: list = field(default_factory=list)  # _Node and str, in order


def _checked_svg(name: str, data: bytes) -> Logo:
    looks = looks_like(data)
    if looks in ("png", "jpeg", "webp", "gif", "pdf", "zip", "empty"):
        return Logo(refusal=f"'{name}' is not an SVG image ({_start(data, looks, 'svg')})",
                    hint=_rename_hint(name, looks) or REEXPORT)
    try:
        root = _parse(name, data)
        rebuilt = _rebuilt(name, root)
        _check_cost(name, rebuilt)
        return Logo(_serialize(rebuilt))
    except _Refused as refused:
        return Logo(refusal=refused.message, hint=refused.hint)


def _holds(name: str, what: str, where: str) -> _Refused:
    return _Refused(f"the logo '{name}' holds {what} ({where}), which a published image may not")


def _parse(name: str, data: bytes) -> _Node:
    """The file's element tree, by expat: namespaces resolved, no DTD subset, no entity."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.namespace_prefixes = True  # names come as "namespace local prefix": shown as written
    parser.ordered_attributes = True
    parser.buffer_text = True  # a run of text (entities and all) comes as one string
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Node] = []
    count = 0
    found: list[_Node] = []

    def split(raw: str) -> tuple[str | None, str, str]:
        parts = raw.split(" ")
        if len(parts) == 1:
            return None, parts[0], parts[0]
        shown = f"{parts[2]}:{parts[1]}" if len(parts) == 3 else parts[1]
        return parts[0], parts[1], shown

    def start(raw: str, attributes: list[str]) -> None:
        nonlocal count
        count += 1
        if count > MAX_ELEMENTS:
            raise _Refused(f"the logo '{name}' holds more than {MAX_ELEMENTS:,} elements, more than a logo needs",
                           "Simplify the drawing (fewer, merged paths) and export it again, or use a PNG.")
        if len(stack) >= MAX_DEPTH:
            raise _Refused(f"the logo '{name}' nests elements more than {MAX_DEPTH} deep (line "
                           f"{parser.CurrentLineNumber}), more than a logo needs",
                           "Ungroup the drawing and export it again, or use a PNG.")
        namespace, local, shown = split(raw)
        pairs = [(*split(attributes[i]), attributes[i + 1]) for i in range(0, len(attributes), 2)]
        node = _Node(namespace, local, shown, parser.CurrentLineNumber, pairs)
        (stack[-1].children if stack else found).append(node)
        stack.append(node)

    def end(_raw: str) -> None:
        stack.pop()

    def text(value: str) -> None:
        if stack:
            stack[-1].children.append(value)

    def doctype(doctype_name, _system, _public, has_internal_subset) -> None:
        # A DOCTYPE naming the SVG DTD (old Illustrator exports) is harmless: expat never
        # fetches it. One with declarations of its own is how entities (billions of laughs,
        # files of the machine) get in.
        if has_internal_subset:
            raise _holds(name, "a document type with declarations of its own", f"<!DOCTYPE {doctype_name} [...]>")

    def entity(entity_name, *_rest) -> None:
        raise _holds(name, "an entity declaration", f"<!ENTITY {entity_name}>")

    def skipped(entity_name, _is_parameter) -> None:  # a reference to an entity never declared
        raise _holds(name, "a reference to an entity", f"&{entity_name}; at line {parser.CurrentLineNumber}")

    def instruction(target: str, _data: str) -> None:
        if target.lower() == "xml-stylesheet":
            raise _holds(name, "a style sheet from another file", f"<?xml-stylesheet?> at line {parser.CurrentLineNumber}")

    def external(*_args) -> int:
        raise _holds(name, "a reference to another file", f"an external entity at line {parser.CurrentLineNumber}")

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.StartDoctypeDeclHandler, parser.EntityDeclHandler = doctype, entity
    parser.UnparsedEntityDeclHandler = lambda entity_name, *_: entity(entity_name)
    parser.SkippedEntityHandler, parser.ProcessingInstructionHandler = skipped, instruction
    parser.ExternalEntityRefHandler = external
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise _Refused(f"the logo '{name}' is not a readable SVG file: {expat.ErrorString(error.code)} at line "
                       f"{error.lineno}, column {error.offset + 1}", REEXPORT) from None
    except (ValueError, LookupError):  # an encoding Python cannot decode for expat
        raise _Refused(f"the logo '{name}' is not a readable SVG file: it declares an encoding that cannot be read",
                       "Save it as UTF-8 and export it again.") from None
    root = found[0]
    if (root.namespace, root.local) != (SVG, "svg"):
        outside = " outside the SVG namespace" if root.local == "svg" else ""
        raise _Refused(f"the logo '{name}' is not an SVG image: its outermost element is <{root.shown}>{outside}",
                       'An SVG file starts with <svg xmlns="http://www.w3.org/2000/svg">. ' + REEXPORT)
    return root


# --- checked and rebuilt ------------------------------------------------------------------

def _rebuilt(name: str, node: _Node) -> _Node | None:
    """`node` as it is published: its allowed attributes and the children that are drawn;
    None when it is dropped. Raises _Refused for anything active, wherever it is."""
    _refuse_active(name, node)
    if node.namespace != SVG or node.local in _DROPPED_ELEMENTS:
        _refuse_foreign(name, node)
        _refuse_active_within(name, node)  # refused even where nothing is drawn
        return None
    if node.local not in DRAWING_ELEMENTS:
        raise _holds(name, _ACTIVE_ELEMENTS.get(node.local, "an element outside plain drawing"),
                     f"<{node.shown}> at line {node.line}")
    attributes = []
    for namespace, local, shown, value in node.attributes:
        kept = _kept_attribute(name, node, namespace, local, shown, value)
        if kept is not None:
            attributes.append(kept)
    if node.local == "style":  # its text is rebuilt; an element inside it is dropped, if harmless
        _refuse_active_within(name, node)
        sheet = _style_sheet(name, "".join(c for c in node.children if isinstance(c, str)), node)
        return _Node(SVG, "style", "style", node.line, [], [sheet] if sheet else [])
    children = []
    for child in node.children:
        if isinstance(child, str):
            children.append(child)
        else:
            kept_child = _rebuilt(name, child)
            if kept_child is not None:
                children.append(kept_child)
    return _Node(SVG, node.local, node.local, node.line, attributes, children)


def _refuse_active(name: str, node: _Node) -> None:
    """What runs or loads, in any namespace: handlers, outside references, scripts, HTML."""
    for namespace, local, shown, value in node.attributes:
        where = f"<{node.shown} {shown}> at line {node.line}"
        if local.lower().startswith("on"):
            raise _holds(name, "an event handler", where)
        if local == "href" and not _LOCAL_REFERENCE.match(value.strip()):
            raise _holds(name, "a javascript: link" if _scheme(value) == "javascript" else "a reference to another file",
                         where)
    if node.namespace == XHTML:  # HTML inside SVG is HTML: its scripts run, its frames load
        raise _holds(name, "an HTML script" if node.local == "script" else "embedded HTML",
                     f"<{node.shown}> at line {node.line}")
    if node.local in ("script", "handler", "listener", "foreignObject"):
        raise _holds(name, _ACTIVE_ELEMENTS[node.local], f"<{node.shown}> at line {node.line}")


def _refuse_active_within(name: str, node: _Node) -> None:
    """Every element below `node`, in document order (a loop: a dropped subtree may be deep)."""
    nodes = [c for c in reversed(node.children) if isinstance(c, _Node)]
    while nodes:
        child = nodes.pop()
        _refuse_active(name, child)
        nodes += [c for c in reversed(child.children) if isinstance(c, _Node)]


def _refuse_foreign(name: str, node: _Node) -> None:
    """An element outside SVG's namespace is not drawn; one of an unknown language is refused
    (a browser might learn to draw it), an editor's metadata is dropped."""
    if node.namespace in EDITOR_NAMESPACES or node.namespace == SVG:
        return
    raise _holds(name, "an element of another XML language" if node.namespace else "an element outside SVG's namespace",
                 f"<{node.shown}> at line {node.line}")


def _kept_attribute(name: str, node: _Node, namespace: str | None, local: str, shown: str,
                    value: str) -> tuple[str | None, str, str, str] | None:
    """The attribute as published, or None when it is dropped (an editor's, or one no drawing
    needs). Raises _Refused when its value would load something."""
    where = f"<{node.shown} {shown}> at line {node.line}"
    if local == "href":  # already known to be local
        if node.local in _HREF_ELEMENTS and namespace in (None, XLINK):
            return (namespace, local, "xlink:href" if namespace == XLINK else "href", value.strip())
        return None
    if namespace == XML and local in ("space", "lang"):
        return (XML, local, f"xml:{local}", value)
    if namespace is not None:
        return None
    if local == "style":
        declarations = _declarations(name, value, where)
        return (None, "style", "style", declarations) if declarations else None
    if local in STYLE_PROPERTIES:
        _refuse_loading(name, value, where)
        return (None, local, local, value) if _plain_value(value) else None
    if local in PLAIN_ATTRIBUTES:
        return (None, local, local, value)
    return None


# --- CSS: only properties that draw, only values that cannot load -------------------------

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
# Functions that load a file, however a value spells them once comments are gone.
_LOADING = re.compile(r"(?:image-set|image|cross-fade|element|src|paint|expression|url)\s*\(|-moz-binding|behavior",
                      re.I)
_LOCAL_URL = re.compile(r"""url\(\s*(['"]?)#[\w.:-]+\1\s*\)""", re.I)
_VALUE_TOKEN = re.compile(r"""\s+|,|/|\)|!important\b|\#[0-9A-Fa-f]{3,8}\b
    |[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?:%|[A-Za-z]+)?
    |url\(\s*(['"]?)\#[\w.:-]+\1\s*\)
    |(?P<function>[A-Za-z-]+)\(
    |-?[A-Za-z_][\w-]*
    |'[\w .,-]*'|"[\w .,-]*"
    """, re.X | re.I)
_FUNCTIONS = frozenset("rgb rgba hsl hsla translate translatex translatey rotate scale scalex scaley matrix "
                       "skewx skewy".split())
_SELECTOR = re.compile(r"[\w\s.#,:>+~*()-]+\Z")
_RULE = re.compile(r"\s*([^{}]+?)\s*\{([^{}]*)\}")


def _refuse_loading(name: str, css: str, where: str) -> None:
    """Refuse a style text that could load another file or disguise doing so."""
    if "\\" in css:
        raise _holds(name, "a CSS escape that can disguise a reference to another file", f"\\ in {where}")
    if "@" in css:
        rule = re.search(r"@[\w-]*", css).group(0)
        raise _holds(name, "a CSS at-rule that may load another file", f"{rule} in {where}")
    uncommented = _CSS_COMMENT.sub("", css)
    if "/*" in uncommented:
        raise _holds(name, "an unfinished CSS comment", f"/* in {where}")
    for match in _LOADING.finditer(_LOCAL_URL.sub("", uncommented)):
        loader = re.sub(r"\s*\($", "()", match.group(0).lower())
        raise _holds(name, "a reference to another file", f"{loader} in {where}")


def _plain_value(value: str) -> bool:
    """Whether a CSS value is made only of tokens that draw: colors, numbers, keywords, the
    functions of colors and transforms, url(#id)."""
    position = 0
    while position < len(value):
        match = _VALUE_TOKEN.match(value, position)
        if not match or match.end() == position:
            return False
        if match.group("function") and match.group("function").lower() not in _FUNCTIONS:
            return False
        position = match.end()
    return True


def _declarations(name: str, css: str, where: str) -> str:
    """A declaration list (a style attribute or a rule's body), rebuilt from the properties
    that draw; the others are dropped."""
    _refuse_loading(name, css, where)
    kept = []
    for declaration in _CSS_COMMENT.sub("", css).split(";"):
        prop, colon, value = declaration.partition(":")
        prop, value = prop.strip().lower(), value.strip()
        if colon and prop in STYLE_PROPERTIES and value and _plain_value(value):
            kept.append(f"{prop}:{value}")
    return ";".join(kept)


def _style_sheet(name: str, css: str, node: _Node) -> str:
    """A <style> element's text, rebuilt from plain rules (selector { declarations })."""
    where = f"<{node.shown}> at line {node.line}"
    _refuse_loading(name, css, where)
    rules = []
    for match in _RULE.finditer(_CSS_COMMENT.sub("", css)):
        selector, body = match.group(1).strip(), _declarations(name, match.group(2), where)
        if body and _SELECTOR.match(selector):
            rules.append(f"{selector}{{{body}}}")
    return "\n".join(rules)


def _scheme(address: str) -> str | None:
    """The scheme a browser sees: controls and spaces trimmed, tabs and line breaks dropped."""
    address = re.sub(r"[\t\n\r]", "", address.strip("".join(map(chr, range(0x21)))))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", address)
    return match.group(1).lower() if match else None


# --- cost: what a browser draws once every <use> is followed -------------------------------

def _check_cost(name: str, root: _Node) -> None:
    """Refuse a logo whose <use> elements draw more than MAX_DRAWN elements (each copy of a
    copy counts), or refer to themselves. Iterative: a chain of <use> may be long."""
    ids: dict[str, _Node] = {}
    nodes = [root]
    while nodes:
        node = nodes.pop()
        for namespace, local, _shown, value in node.attributes:
            if namespace is None and local == "id":
                ids.setdefault(value, node)
        nodes += [c for c in node.children if isinstance(c, _Node)]

    def edges(node: _Node) -> list[_Node]:
        out = [c for c in node.children if isinstance(c, _Node)]
        if node.local == "use":
            for _namespace, local, _shown, value in node.attributes:
                target = ids.get(value.strip()[1:]) if local == "href" else None
                if target is not None:
                    out.append(target)
        return out

    drawn: dict[int, int] = {}
    visiting: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            visiting.discard(key)
            drawn[key] = min(MAX_DRAWN + 1, 1 + sum(drawn[id(n)] for n in edges(node)))
            if drawn[key] > MAX_DRAWN:
                raise _Refused(f"the logo '{name}' draws more than {MAX_DRAWN:,} elements once its <use> copies are "
                               "made, more than a logo needs", "Simplify the drawing and export it again, or use a PNG.")
            continue
        if key in drawn:
            continue
        visiting.add(key)
        stack.append((node, True))
        for child in edges(node):
            if id(child) in visiting:
                raise _holds(name, "a <use> that copies itself", f"<{node.shown}> at line {node.line}")
            if id(child) not in drawn:
                stack.append((child, False))


# --- written by the XML serializer ---------------------------------------------------------

def _serialize(root: _Node) -> bytes:
    """The rebuilt tree as UTF-8 SVG: names from the allow-lists, every value and text
    escaped by the serializer."""
    out = io.BytesIO()
    writer = XMLGenerator(out, encoding="utf-8", short_empty_elements=True)
    uses_xlink = _uses_xlink(root)

    def write(node: _Node, top: bool) -> None:
        attributes = {"xmlns": SVG, **({"xmlns:xlink": XLINK} if uses_xlink else {})} if top else {}
        attributes.update((shown, value) for _ns, _local, shown, value in node.attributes)
        writer.startElement(node.local, attributes)
        for child in node.children:
            if isinstance(child, str):
                writer.characters(child)
            else:
                write(child, False)
        writer.endElement(node.local)

    write(root, True)
    writer.endDocument()
    return out.getvalue() + b"\n"


def _uses_xlink(root: _Node) -> bool:
    nodes = [root]
    while nodes:
        node = nodes.pop()
        if any(namespace == XLINK for namespace, *_ in node.attributes):
            return True
        nodes += [c for c in node.children if isinstance(c, _Node)]
    return False
