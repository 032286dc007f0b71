"""A district's logo cannot run or call out (issue #20: logos that cannot run).

macros/data/logo.py reads an SVG logo with a real XML parser, whatever its encoding, refuses
DTD subsets and entities, and rebuilds it from an allow-list of drawing elements and
attributes; a raster logo must be the image its name says. These tests feed it hostile
variants (each refused, and located at the profile's `logo` key when the project is
checked), benign exports from editors (accepted, rebuilt without metadata, nothing drawn
lost), and check that the site publishes the rebuilt bytes, never the author's.
"""

from __future__ import annotations

import os
import shutil
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from wbl_guide.base.errors import GuideError
from wbl_guide.data.logo import MAX_BYTES, MAX_DEPTH, MAX_ELEMENTS, checked_logo, read_logo
from wbl_guide.data.project import load_project
from wbl_guide.rendering.site import LOGO_DIR, assemble

VALID = Path(__file__).parent / "fixtures" / "valid"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
OPEN = f'<svg xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}" viewBox="0 0 10 10">'
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"


def svg(body: str, opening: str = OPEN) -> bytes:
    return (opening + body + "</svg>\n").encode("utf-8")


def script_in(encoding: str, bom: bool) -> bytes:
    text = f'<?xml version="1.0" encoding="UTF-16"?>\n{OPEN}<q:script xmlns:q="{SVG_NS}">alert(1)</q:script></svg>'
    return ("\ufeff" if bom else "").encode(encoding) + text.encode(encoding)


# (case, file name, bytes, what the message must say)
HOSTILE = [
    # Scripts, however their element is named or the file is encoded.
    ("plain script", "logo.svg", svg("<script>alert(1)</script>"), "holds a script (<script> at line 1)"),
    ("prefixed script", "logo.svg", svg(f'<zz:script xmlns:zz="{SVG_NS}">alert(1)</zz:script>'),
     "holds a script (<zz:script> at line 1)"),
    ("script declaring SVG as its default", "logo.svg", svg(f'<g><script xmlns="{SVG_NS}">alert(1)</script></g>'),
     "holds a script (<script>"),
    ("XHTML script", "logo.svg", svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
     "holds an HTML script (<h:script>"),
    ("XHTML script by default namespace", "logo.svg",
     svg('<script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script>'), "holds an HTML script (<script>"),
    ("script in CDATA", "logo.svg", svg("<script><![CDATA[alert(1)]]></script>"), "holds a script"),
    ("script in metadata", "logo.svg", svg("<metadata><script>alert(1)</script></metadata>"), "holds a script"),
    ("script in an editor's element", "logo.svg",
     svg('<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd">'
         "<script>alert(1)</script></sodipodi:namedview>"), "holds a script"),
    ("handler element", "logo.svg", svg('<handler type="application/ecmascript">alert(1)</handler>'), "holds a script"),
    ("UTF-16 LE with BOM", "logo.svg", script_in("utf-16-le", True), "holds a script (<q:script> at line 2)"),
    ("UTF-16 BE with BOM", "logo.svg", script_in("utf-16-be", True), "holds a script (<q:script> at line 2)"),
    ("UTF-16 LE, declared, no BOM", "logo.svg", script_in("utf-16-le", False), "holds a script (<q:script>"),
    ("UTF-16 BE, declared, no BOM", "logo.svg", script_in("utf-16-be", False), "holds a script (<q:script>"),
    ("UTF-8 with BOM", "logo.svg", b"\xef\xbb\xbf" + svg("<script>alert(1)</script>"), "holds a script"),
    ("Latin-1 declared", "logo.svg",
     b'<?xml version="1.0" encoding="ISO-8859-1"?>' + svg("<title>\xe9</title><script>alert(1)</script>"),
     "holds a script"),
    # Animation: it can set any attribute after the check, a link's address included.
    ("animate to javascript:", "logo.svg",
     svg('<use href="#r"><animate attributeName="href" to="javascript:alert(1)"/></use><rect id="r"/>'),
     "holds an animation (<animate> at line 1)"),
    ("set a handler", "logo.svg", svg('<rect><set attributeName="onclick" to="alert(1)"/></rect>'),
     "holds an animation (<set>"),
    ("animateTransform", "logo.svg", svg('<rect><animateTransform attributeName="transform"/></rect>'),
     "holds an animation (<animateTransform>"),
    ("animateMotion", "logo.svg", svg("<rect><animateMotion/></rect>"), "holds an animation (<animateMotion>"),
    ("discard", "logo.svg", svg("<discard/>"), "holds an animation (<discard>"),
    # Style sheets and style attributes that load.
    ("style image-set()", "logo.svg", svg('<style>rect{background:image-set("https://t.example/p.png" 1x)}</style>'),
     "holds a reference to another file (image-set() in <style> at line 1)"),
    ("style -webkit-image-set()", "logo.svg",
     svg("<style>rect{background:-webkit-image-set(url(https://t.example/p.png) 1x)}</style>"),
     "holds a reference to another file"),
    ("style @import", "logo.svg", svg('<style>@import "https://t.example/a.css";</style>'),
     "holds a CSS at-rule that may load another file (@import in <style>"),
    ("style @font-face", "logo.svg", svg("<style>@font-face{font-family:x;src:url(https://t.example/f.woff)}</style>"),
     "(@font-face in <style>"),
    ("style url()", "logo.svg", svg("<style>rect{fill:url(https://t.example/p.svg#g)}</style>"),
     "holds a reference to another file (url() in <style>"),
    ("style url() in CDATA", "logo.svg", svg("<style><![CDATA[rect{fill:url( 'https://t.example/p' )}]]></style>"),
     "holds a reference to another file (url()"),
    ("style escape u\\72l(", "logo.svg", svg(r'<rect style="fill:u\72l(https://t.example/p)"/>'),
     "holds a CSS escape that can disguise a reference to another file (\\ in <rect style> at line 1)"),
    ("style escape in a sheet", "logo.svg", svg(r"<style>rect{fill:\75rl(https://t.example/p)}</style>"),
     "holds a CSS escape"),
    ("style url split by a comment", "logo.svg", svg('<rect style="fill:u/**/rl(https://t.example/p)"/>'),
     "holds a reference to another file (url() in <rect style>"),
    ("style unfinished comment", "logo.svg", svg('<rect style="fill:red /* url(x"/>'), "an unfinished CSS comment"),
    ("style behavior", "logo.svg", svg("<style>rect{behavior:url(x.htc)}</style>"), "holds a reference to another file"),
    ("style expression()", "logo.svg", svg('<rect style="width:expression(alert(1))"/>'),
     "holds a reference to another file (expression()"),
    ("fill url() outside", "logo.svg", svg('<rect fill="url(https://t.example/p.svg#g)"/>'),
     "holds a reference to another file (url() in <rect fill> at line 1)"),
    ("mask url() quoted", "logo.svg", svg("<rect mask=\"url('//t.example/m.svg#m')\"/>"),
     "holds a reference to another file (url() in <rect mask>"),
    ("filter url() data:", "logo.svg", svg('<rect filter="url(data:image/svg+xml,x#f)"/>'),
     "holds a reference to another file"),
    # References out of the file.
    ("xlink:href to http", "logo.svg", svg('<use xlink:href="http://t.example/s.svg#a"/>'),
     "holds a reference to another file (<use xlink:href> at line 1)"),
    ("use href to https", "logo.svg", svg('<use href="https://t.example/s.svg#x"/>'),
     "holds a reference to another file (<use href>"),
    ("use href to a relative file", "logo.svg", svg('<use href="other.svg#x"/>'), "holds a reference to another file"),
    ("image href", "logo.svg", svg('<image href="https://t.example/p.png"/>'), "holds a reference to another file (<image href>"),
    ("image data: href", "logo.svg", svg('<image href="data:image/png;base64,AAAA"/>'),
     "holds a reference to another file (<image href>"),
    ("image without href", "logo.svg", svg("<image/>"), "holds an image from another file (<image>"),
    ("feImage", "logo.svg", svg('<filter id="f"><feImage href="https://t.example/p.png"/></filter>'),
     "holds a reference to another file (<feImage href>"),
    ("gradient href outside", "logo.svg", svg('<linearGradient id="g" href="https://t.example/g.svg#g"/>'),
     "holds a reference to another file"),
    ("a href javascript:", "logo.svg", svg('<a href="javascript:alert(1)"><rect/></a>'),
     "holds a javascript: link (<a href> at line 1)"),
    ("a xlink:href JaVaScRiPt: with a tab", "logo.svg", svg('<a xlink:href=" JaVa&#9;ScRiPt:alert(1)"><rect/></a>'),
     "holds a javascript: link (<a xlink:href>"),
    ("a local link", "logo.svg", svg('<a href="#r"><rect id="r"/></a>'), "holds a link (<a>"),
    ("href in another namespace", "logo.svg", svg('<use xmlns:z="urn:z" z:href="https://t.example/"/>'),
     "holds a reference to another file (<use z:href>"),
    ("style @media", "logo.svg", svg("<style>@media print{rect{fill:red}}</style>"), "(@media in <style>"),
    ("script inside a style element", "logo.svg", svg("<style>rect{fill:red}<script>alert(1)</script></style>"),
     "holds a script (<script>"),
    ("font-face", "logo.svg", svg('<font-face font-family="x"/>'), "holds a font from another file"),
    # Event handlers, in any case and any namespace.
    ("onload on the root", "logo.svg", svg("<rect/>", OPEN[:-1] + ' onload="alert(1)">'),
     "holds an event handler (<svg onload> at line 1)"),
    ("ONCLICK in capitals", "logo.svg", svg('<rect ONCLICK="alert(1)"/>'), "holds an event handler (<rect ONCLICK>"),
    ("handler in an unknown namespace", "logo.svg", svg('<rect xmlns:e="urn:e" e:onmouseover="alert(1)"/>'),
     "holds an event handler (<rect e:onmouseover>"),
    ("handler in SVG's namespace", "logo.svg", svg(f'<rect xmlns:s="{SVG_NS}" s:onfocus="alert(1)"/>'),
     "holds an event handler (<rect s:onfocus>"),
    ("handler in XHTML's namespace", "logo.svg", svg('<rect xmlns:h="http://www.w3.org/1999/xhtml" h:onclick="x"/>'),
     "holds an event handler"),
    # DTDs and entities; processing instructions.
    ("billion laughs", "logo.svg",
     b'<!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
     + svg("<text>&c;</text>"), "holds a document type with declarations of its own (<!DOCTYPE svg [...]>)"),
    ("external entity", "logo.svg",
     b'<!DOCTYPE svg [<!ENTITY s SYSTEM "file:///etc/passwd">]>' + svg("<text>&s;</text>"),
     "holds a document type with declarations of its own"),
    ("parameter entity", "logo.svg",
     b'<!DOCTYPE svg [<!ENTITY % p SYSTEM "https://t.example/x.dtd"> %p;]>' + svg("<rect/>"),
     "holds a document type with declarations of its own"),
    ("undeclared entity behind an outside DTD", "logo.svg",
     b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
     + svg("<text>&secret;</text>"), "holds a reference to an entity (&secret; at line 1)"),
    ("xml-stylesheet", "logo.svg", b'<?xml-stylesheet href="https://t.example/a.css"?>' + svg("<rect/>"),
     "holds a style sheet from another file (<?xml-stylesheet?> at line 1)"),
    # HTML and other languages.
    ("foreignObject", "logo.svg", svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'),
     "holds embedded HTML (<foreignObject> at line 1)"),
    ("iframe in SVG's namespace", "logo.svg", svg('<iframe src="https://t.example/"/>'), "holds embedded HTML (<iframe>"),
    ("element of an unknown language", "logo.svg", svg('<m:math xmlns:m="http://www.w3.org/1998/Math/MathML"/>'),
     "holds an element of another XML language (<m:math>"),
    ("element in no namespace", "logo.svg", svg('<thing xmlns=""/>'), "holds an element outside SVG's namespace (<thing>"),
    ("SVG element outside plain drawing", "logo.svg", svg('<view id="v" viewBox="0 0 1 1"/>'),
     "holds an element outside plain drawing (<view>"),
    ("HTML named .svg", "logo.svg", b"<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>",
     "is not a readable SVG file: not well-formed (invalid token) at line 1"),
    ("XHTML page named .svg", "logo.svg", b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
     "is not an SVG image: its outermost element is <html>"),
    ("svg without its namespace", "logo.svg", b"<svg><script>alert(1)</script></svg>",
     "is not an SVG image: its outermost element is <svg> outside the SVG namespace"),
    ("PNG named .svg", "logo.svg", PNG, "'logo.svg' is not an SVG image (its bytes start like a PNG image)"),
    ("empty .svg", "logo.svg", b"", "'logo.svg' is not an SVG image (the file is empty)"),
    ("an encoding expat cannot read", "logo.svg", b'<?xml version="1.0" encoding="x-nonsense"?><svg/>',
     "is not a readable SVG file"),
    ("junk after the drawing", "logo.svg", svg("<rect/>") + b"<script>alert(1)</script>", "is not a readable SVG file"),
    # Cost.
    ("over the size limit", "logo.svg", svg("<desc>" + "a" * MAX_BYTES + "</desc>"), "is larger than 1 MB"),
    ("too many elements", "logo.svg", svg("<g/>" * (MAX_ELEMENTS + 1)), f"holds more than {MAX_ELEMENTS:,} elements"),
    ("too deep", "logo.svg", svg("<g>" * MAX_DEPTH + "</g>" * MAX_DEPTH), f"nests elements more than {MAX_DEPTH} deep"),
    ("use bomb", "logo.svg",
     svg('<defs><rect id="a0"/>' + "".join(f'<g id="a{i}">' + f'<use href="#a{i - 1}"/>' * 10 + "</g>"
                                           for i in range(1, 7)) + '</defs><use href="#a6"/>'),
     "draws more than 100,000 elements once its <use> copies are made"),
    ("use chain", "logo.svg",
     svg('<rect id="u0"/>' + "".join(f'<use id="u{i}" href="#u{i - 1}"/>' for i in range(1, 600))),
     "draws more than 100,000 elements"),
    ("use of itself", "logo.svg", svg('<g id="a"><use href="#a"/></g>'), "holds a <use> that copies itself"),
    # Raster images that are not what their name says.
    ("SVG named .png", "logo.png", svg('<rect onload="alert(1)"/>'),
     "'logo.png' is not a PNG image (its bytes start like an SVG image)"),
    ("HTML named .png", "logo.png", b"<!DOCTYPE html><script>alert(1)</script>",
     "'logo.png' is not a PNG image (its bytes start like an HTML page)"),
    ("UTF-16 SVG named .png", "logo.png", '\ufeff<svg xmlns="http://www.w3.org/2000/svg"/>'.encode("utf-16-le"),
     "(its bytes start like an SVG image)"),
    ("GIF named .png", "logo.png", b"GIF89a\x01\x00\x01\x00", "(its bytes start like a GIF image)"),
    ("PNG named .jpg", "logo.jpg", PNG, "'logo.jpg' is not a JPEG image (its bytes start like a PNG image)"),
    ("JPEG named .jpeg... almost", "logo.jpeg", b"\xff\xd8\x00\x00", "'logo.jpeg' is not a JPEG image (its first bytes"),
    ("JPEG named .webp", "logo.webp", JPEG, "'logo.webp' is not a WebP image (its bytes start like a JPEG image)"),
    ("RIFF that is not WebP", "logo.webp", b"RIFF\x00\x00\x00\x00WAVEfmt ", "its first bytes, 52 49 46 46 00 00 00 00,"),
    ("empty .png", "logo.png", b"", "'logo.png' is not a PNG image (the file is empty)"),
    ("PNG over the size limit", "logo.png", PNG + b"\x00" * MAX_BYTES, "is larger than 1 MB"),
]


@pytest.mark.parametrize("case, name, data, message", HOSTILE, ids=[case[0] for case in HOSTILE])
def test_hostile_logo_is_refused_and_nothing_is_published(case, name, data, message):
    checked = checked_logo(name, data)
    assert checked.refusal is not None, f"{case}: accepted, published as {checked.data[:300]!r}"
    assert message in checked.refusal, checked.refusal
    assert checked.hint, "a refusal says what to do"
    assert checked.data == b""


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """A copy of the valid fixture whose district alpha has a logo (written by each test)."""
    root = tmp_path_factory.mktemp("logo-tree") / "project"
    shutil.copytree(VALID, root)
    profile = root / "data/districts/alpha.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "logo: LOGO\n", encoding="utf-8")
    (root / "data/districts/alpha").mkdir()
    return root


def with_logo(root: Path, name: str, data: bytes) -> Path:
    profile = root / "data/districts/alpha.yml"
    lines = profile.read_text(encoding="utf-8").splitlines()
    profile.write_text("\n".join(lines[:-1] + [f"logo: {name}"]) + "\n", encoding="utf-8")
    folder = root / "data/districts/alpha"
    for old in folder.iterdir():
        old.unlink()
    (folder / name).write_bytes(data)
    return root


@pytest.mark.parametrize("case, name, data, message", HOSTILE, ids=[case[0] for case in HOSTILE])
def test_hostile_logo_stops_the_check_with_a_located_message(tree, case, name, data, message):
    with_logo(tree, name, data)
    with pytest.raises(GuideError) as raised:
        load_project(tree)
    text = str(raised.value)
    assert text.startswith("1 problem in the guide data:\n  data/districts/alpha.yml:10:7: logo: "), text
    assert message in text


# --- benign logos: accepted, rebuilt, nothing drawn lost ------------------------------------

INKSCAPE = f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg
   width="64mm" height="32mm" viewBox="0 0 64 32" version="1.1" id="svg5"
   inkscape:version="1.2.2 (b0a8486541, 2022-12-01)" sodipodi:docname="logo.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns="{SVG_NS}" xmlns:svg="{SVG_NS}"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview id="namedview7" pagecolor="#ffffff" inkscape:zoom="2.5" inkscape:current-layer="layer1"/>
  <defs id="defs2">
    <linearGradient inkscape:collect="always" id="linearGradient1">
      <stop style="stop-color:#0b5d3b;stop-opacity:1" offset="0" id="stop1"/>
      <stop style="stop-color:#0a5c8a;stop-opacity:1" offset="1" id="stop2"/>
    </linearGradient>
    <clipPath id="clip1"><rect x="0" y="0" width="64" height="32" id="rect0"/></clipPath>
  </defs>
  <metadata id="metadata1">
    <rdf:RDF><cc:Work rdf:about=""><dc:title>Lakeside logo</dc:title>
      <cc:license rdf:resource="http://creativecommons.org/licenses/by/4.0/"/></cc:Work></rdf:RDF>
  </metadata>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1" clip-path="url(#clip1)">
    <title id="title1">Lakeside Schools</title>
    <rect style="fill:url(#linearGradient1);fill-opacity:1;stroke:none;stroke-width:0.26" id="rect1"
       width="64" height="32" x="0" y="0" sodipodi:nodetypes="cccc"/>
    <circle style="fill:#ffffff" id="circle1" cx="16" cy="16" r="10"/>
    <path style="fill:none;stroke:#ffffff;stroke-width:1.5;stroke-linecap:round"
       d="M 30,10 H 58 M 30,16 H 52 M 30,22 H 56" id="path1" inkscape:connector-curvature="0"/>
    <text xml:space="preserve" style="font-size:5px;font-family:'DejaVu Sans';-inkscape-font-specification:'DejaVu Sans Bold';fill:#ffffff"
       x="8" y="30" id="text1"><tspan sodipodi:role="line" id="tspan1" x="8" y="30">Lakeside &amp; Co &lt;1&gt;</tspan></text>
  </g>
</svg>
"""

ILLUSTRATOR = f"""<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg version="1.1" id="Layer_1" xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}" x="0px" y="0px"
\t viewBox="0 0 100 100" style="enable-background:new 0 0 100 100;" xml:space="preserve">
<style type="text/css">
\t.st0{{fill:#FFFFFF;}}
\t.st1{{fill:url(#SVGID_1_);stroke:#000000;stroke-miterlimit:10;}}
</style>
<linearGradient id="SVGID_1_" gradientUnits="userSpaceOnUse" x1="0" y1="50" x2="100" y2="50">
\t<stop  offset="0" style="stop-color:#0B5D3B"/>
\t<stop  offset="1" style="stop-color:#0A5C8A"/>
</linearGradient>
<symbol id="leaf" viewBox="0 0 10 10"><polygon class="st0" points="5,0 10,10 0,10"/></symbol>
<rect class="st1" width="100" height="100"/>
<use xlink:href="#leaf" width="20" height="20" x="10" y="10"/>
<use xlink:href="#leaf" width="20" height="20" x="40" y="10" transform="rotate(45 50 20)"/>
<g data-name="unknown to SVG"><ellipse class="st0" cx="50" cy="70" rx="30" ry="10"/></g>
</svg>
"""


def parsed(data: bytes) -> ET.Element:
    return ET.fromstring(data)


def drawn(root: ET.Element) -> list[str]:
    """The drawing elements of a tree, in order, by local name."""
    kinds = {"rect", "circle", "ellipse", "path", "polygon", "polyline", "line", "text", "tspan", "use", "symbol",
             "linearGradient", "stop", "clipPath", "g", "title"}
    return [el.tag.split("}")[1] for el in root.iter() if el.tag.split("}")[-1] in kinds and el.tag.startswith("{" + SVG_NS)]


@pytest.mark.parametrize("source", [INKSCAPE, ILLUSTRATOR], ids=["inkscape", "illustrator"])
def test_an_editor_export_is_accepted_and_rebuilt_without_metadata(source):
    data = source.encode("utf-8")
    checked = checked_logo("logo.svg", data)
    assert checked.refusal is None, checked.refusal
    out = checked.data
    root = parsed(out)  # the output is XML again
    assert root.tag == f"{{{SVG_NS}}}svg"
    assert drawn(root) == drawn(parsed(data)), "a drawing element was lost"
    for gone in (b"inkscape", b"sodipodi", b"rdf:", b"metadata", b"<!--", b"DOCTYPE", b"data-name", b"<?xml"):
        assert gone not in out, gone
    # Every attribute left is a plain one of SVG's (or xlink:href, xml:space).
    for element in root.iter():
        for attribute in element.attrib:
            assert not attribute.startswith("{") or attribute in (f"{{{XLINK_NS}}}href",
                                                                  "{http://www.w3.org/XML/1998/namespace}space")
    # Checking the rebuilt logo again changes nothing: the rebuild is a fixed point.
    assert checked_logo("logo.svg", out).data == out


def test_rebuilt_styles_keep_what_draws_and_drop_the_rest():
    checked = checked_logo("logo.svg", INKSCAPE.encode("utf-8"))
    root = parsed(checked.data)
    text = root.find(f".//{{{SVG_NS}}}text")
    assert text.get("style") == "font-size:5px;font-family:'DejaVu Sans';fill:#ffffff"
    rect = root.find(f".//{{{SVG_NS}}}rect[@id='rect1']")
    assert rect.get("style") == "fill:url(#linearGradient1);fill-opacity:1;stroke:none;stroke-width:0.26"
    assert root.find(f".//{{{SVG_NS}}}g").get("clip-path") == "url(#clip1)"
    sheet = parsed(checked_logo("logo.svg", ILLUSTRATOR.encode()).data).find(f"{{{SVG_NS}}}style").text
    assert sheet == ".st0{fill:#FFFFFF}\n.st1{fill:url(#SVGID_1_);stroke:#000000;stroke-miterlimit:10}"


def test_text_that_looks_like_markup_stays_text():
    checked = checked_logo("logo.svg", svg("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"
                                           "<text><![CDATA[</text><script>alert(2)</script>]]></text>"))
    assert checked.refusal is None
    root = parsed(checked.data)
    assert [el.tag for el in root.iter()] == [f"{{{SVG_NS}}}{t}" for t in ("svg", "title", "text")]
    assert root[0].text == "<script>alert(1)</script>"
    assert root[1].text == "</text><script>alert(2)</script>"
    assert b"<script" not in checked.data


def test_a_plain_logo_is_published_as_written():
    plain = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'
    assert checked_logo("logo.svg", plain).data == plain


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_utf16_logo_is_published_as_utf8(encoding):
    source = '\ufeff<?xml version="1.0" encoding="UTF-16"?><svg xmlns="http://www.w3.org/2000/svg"><title>Café</title></svg>'
    checked = checked_logo("logo.svg", source.encode(encoding))
    assert checked.refusal is None, checked.refusal
    assert checked.data == '<svg xmlns="http://www.w3.org/2000/svg"><title>Café</title></svg>\n'.encode("utf-8")


def test_unknown_attributes_and_base_addresses_are_dropped():
    checked = checked_logo("logo.svg", svg('<rect xml:base="https://t.example/" data-x="1" requiredExtensions="x" '
                                           'cursor="pointer" width="3"/>'))
    assert checked.refusal is None
    assert b"<rect width=\"3\"/>" in checked.data
    assert b"t.example" not in checked.data


def test_local_references_are_kept():
    source = svg('<defs><path id="p" d="M0 0 L5 5"/><linearGradient id="g"/>'
                 '<linearGradient id="h" xlink:href="#g"/></defs>'
                 '<use href="#p"/><text><textPath href="#p">on a path</textPath></text><rect fill="url(#h)"/>')
    checked = checked_logo("logo.svg", source)
    assert checked.refusal is None, checked.refusal
    root = parsed(checked.data)
    assert root.find(f"{{{SVG_NS}}}use").get("href") == "#p"
    assert root.find(f".//{{{SVG_NS}}}linearGradient[@id='h']").get(f"{{{XLINK_NS}}}href") == "#g"
    assert root.find(f".//{{{SVG_NS}}}textPath").get("href") == "#p"


def test_a_presentation_value_that_is_not_plain_is_dropped_not_published():
    checked = checked_logo("logo.svg", svg('<rect fill="red; } svg { fill: blue" stroke="#000"/>'))
    assert checked.refusal is None
    assert b'<rect stroke="#000"/>' in checked.data


def test_a_large_but_honest_logo_is_checked_quickly():
    path = '<path d="M0 0 L10 10 C 1 2 3 4 5 6 Z" fill="#123456" style="stroke:#000;stroke-width:2"/>'
    data = svg(path * ((MAX_BYTES - 200) // len(path)))
    started = time.process_time()
    checked = checked_logo("big.svg", data)
    assert checked.refusal is None
    assert time.process_time() - started < 5


# --- raster images ------------------------------------------------------------------------

@pytest.mark.parametrize("name, data", [("logo.png", PNG), ("logo.jpg", JPEG), ("logo.JPEG", JPEG), ("logo.webp", WEBP)])
def test_a_raster_logo_of_its_kind_is_published_as_it_is(name, data):
    checked = checked_logo(name, data)
    assert checked.refusal is None
    assert checked.data == data


def test_a_raster_logo_of_another_kind_is_told_its_name():
    checked = checked_logo("logo.png", JPEG)
    assert checked.hint == "It is a JPEG image: rename it to 'logo.jpg' (and in the profile)."


# --- reading the file -----------------------------------------------------------------------

def test_a_huge_file_is_refused_without_being_read(tmp_path):
    huge = tmp_path / "logo.svg"
    with huge.open("wb") as file:  # sparse: 4 GB on paper, nothing on disk
        file.truncate(4 * 1024 ** 3)
    started = time.process_time()
    checked = read_logo(huge)
    assert "is larger than 1 MB" in checked.refusal
    assert time.process_time() - started < 2


def test_a_file_that_cannot_be_read_is_a_refusal_not_a_traceback(tmp_path):
    folder = tmp_path / "logo.svg"
    folder.mkdir()
    checked = read_logo(folder)
    assert checked.refusal.startswith("the logo 'logo.svg' cannot be read (")


# --- the site publishes the rebuilt bytes -------------------------------------------------

def test_the_site_publishes_the_rebuilt_logo(tree):
    with_logo(tree, "logo.svg", INKSCAPE.encode("utf-8"))
    site = assemble(load_project(tree), "alpha")
    published = site.assets[f"{LOGO_DIR}/logo.svg"]
    assert site.logo == f"{LOGO_DIR}/logo.svg"
    assert published == checked_logo("logo.svg", INKSCAPE.encode("utf-8")).data
    assert published != INKSCAPE.encode("utf-8") and b"inkscape" not in published


def test_a_logo_changed_after_the_check_is_refused_when_the_site_is_made(tree):
    with_logo(tree, "logo.svg", svg("<rect/>"))
    project = load_project(tree)
    (tree / "data/districts/alpha/logo.svg").write_bytes(svg("<script>alert(1)</script>"))
    with pytest.raises(GuideError) as raised:
        assemble(project, "alpha")
    assert "data/districts/alpha.yml:10:7: logo: the logo 'logo.svg' holds a script" in str(raised.value)


def test_the_pdfs_do_not_embed_the_logo():
    """If the printed pages ever show the logo, they must use the checked bytes: this test
    says where to look when that changes."""
    root = Path(__file__).resolve().parent.parent
    for source in ("macros/pdf/print_html.py", "macros/pdf/renderer.py", "macros/templates"):
        path = root / source
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            text = file.read_text(encoding="utf-8")
            if file.name.startswith("district") and file.suffix == ".j2":  # the new-district scaffold's comments
                continue
            assert "logo" not in text.lower(), f"{file} uses the logo: publish checked_logo's bytes there too"
