"""The font for a script the site's own Latin font lacks (Chinese, Arabic), from the site.

Atkinson Hyperlegible has Latin letters only. A Chinese or Arabic edition adds its
script's Noto font, kept in overrides/assets/fonts/<folder>/ with its license and a
faces.css of @font-face rules, one a slice of the font by Unicode range (Google Fonts'
slices, from @fontsource): a browser downloads only the slices holding a character the
page shows, and never from another host. The font's family follows Atkinson's in the text
font list, so Latin names inside Chinese or Arabic sentences stay in Atkinson.

The PDFs embed the same font: a document's print HTML names only the slices holding one of
its characters, so WeasyPrint loads and subsets a few small files, not the whole font.
Other editions drop these folders from their sites (they would never load them).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from ..words.languages import base

FONTS_DIR = Path("overrides") / "assets" / "fonts"
_FACE = re.compile(r"@font-face\s*\{(.*?)\}", re.S)
_RANGE = re.compile(r"U\+([0-9A-Fa-f]+)(?:-([0-9A-Fa-f]+))?")


@dataclass(frozen=True)
class ScriptFont:
    family: str
    folder: str  # under overrides/assets/fonts/ and, in the site, assets/fonts/
    # Cut to the edition's characters after it is written (publishing/font_subsets.py):
    # Chinese, whose slices are many and large. Arabic's one slice is published whole.
    cut: bool = False


# By base language code: the languages whose script Atkinson Hyperlegible lacks.
SCRIPT_FONTS = {"zh": ScriptFont("Noto Sans SC", "noto-sans-sc", cut=True),
                "ar": ScriptFont("Noto Sans Arabic", "noto-sans-arabic")}


@dataclass(frozen=True)
class Face:
    slice: int  # faces of one slice (the same characters) in other weights share it
    weight: str
    files: tuple[str, ...]  # the sources in faces.css's order (WOFF2 first, then WOFF if any)
    ranges: tuple[tuple[int, int], ...]

    def holds(self, characters: Iterable[int]) -> bool:
        return any(self._covers(code) for code in characters)

    def within(self, characters: Iterable[int]) -> list[int]:
        """The characters this slice's ranges cover, in the order given."""
        return [code for code in characters if self._covers(code)]

    def _covers(self, code: int) -> bool:
        # A search among the ranges, not a look at each: a Chinese edition asks this of some
        # 3,000 characters and 100 slices.
        starts, ends = self._spans
        at = bisect_right(starts, code) - 1
        return at >= 0 and code <= ends[at]

    @cached_property
    def _spans(self) -> tuple[list[int], list[int]]:
        """The ranges merged where they touch or overlap, in order: (starts, ends)."""
        starts: list[int] = []
        ends: list[int] = []
        for low, high in sorted(self.ranges):
            if ends and low <= ends[-1] + 1:
                ends[-1] = max(ends[-1], high)
            else:
                starts.append(low)
                ends.append(high)
        return starts, ends


def script_font(language: str) -> ScriptFont | None:
    return SCRIPT_FONTS.get(base(language))


def text_font_list(language: str) -> str:
    """The CSS family list of an edition's text: Atkinson, then its script's font; a font
    cut to the edition's text (Chinese) alone, with its own Latin letters, so that a page
    does not download Atkinson too for a few Latin names and digits (the system's font
    draws what the cut lacks: the language menu's العربية)."""
    font = script_font(language)
    if font is not None and font.cut:
        return f'"{font.family}"'
    return '"Atkinson Hyperlegible"' + (f', "{font.family}"' if font else "")


def web_faces(root: Path, language: str) -> str:
    """The edition's script font for the site stylesheet (assets/stylesheets/guide.css):
    its faces with addresses from there, and the text font list. '' for Latin editions."""
    font = script_font(language)
    if font is None:
        return ""
    family = f":root {{\n  --md-text-font: {text_font_list(language)};\n}}\n"
    faces_css = Path(root) / FONTS_DIR / font.folder / "faces.css"
    if font.cut or not faces_css.is_file():  # cut: its faces come once the pages are written
        return family  # (font_subsets.py); a tree without the theme's fonts (data only) has none
    css = faces_css.read_text(encoding="utf-8")
    css = re.sub(r'url\("([^"/]+)"\)', rf'url("../fonts/{font.folder}/\1")', css)
    css = _DISPLAY.sub(f"font-display: {SCRIPT_FONT_DISPLAY};", css)
    return f"{css.strip()}\n{family}"


# A script's text waits a moment at most for its font, then keeps the reader's own (every
# device that reads the script has one): a font arriving later would move every line below
# it (Lighthouse counted layout shifts of 0.2 in Chinese, 0.08 in Arabic). For every face
# of a script font on the site: fontsource's (web_faces) and the cut ones (font_subsets.py).
SCRIPT_FONT_DISPLAY = "optional"
_DISPLAY = re.compile(r"font-display:\s*[a-z]+;")


def unused_font_files(language: str) -> list[str]:
    """The site paths (prefixes) of the theme's script-font files this edition never serves:
    other scripts' folders, and its own font's whole slices where it publishes them cut."""
    own = script_font(language)
    unused = [f"assets/fonts/{font.folder}/" for font in SCRIPT_FONTS.values() if font != own]
    if own is not None and own.cut:
        unused += [f"assets/fonts/{own.folder}/{own.folder}-", f"assets/fonts/{own.folder}/faces.css"]
    return unused


def print_faces(root: Path, language: str, text: str) -> str:
    """@font-face rules for a print document (overrides/print/document.html) in `language`:
    only the slices holding a character of `text`, WOFF where there is one (WeasyPrint
    unpacks it several times faster than WOFF2), addresses from overrides/print/; then the
    family list for the text and the page footers. '' for Latin editions.

    Each slice gets a family name of its own, all listed in order: WeasyPrint takes the
    faces of one family for one font and draws a slice's glyphs from another (the wrong
    characters), while separate families are chosen character by character."""
    font = script_font(language)
    if font is None:
        return ""
    characters = {ord(c) for c in set(text) if ord(c) > 0x7F}
    rules, families = [], []
    for face in faces(Path(root).resolve(), font.folder):
        if face.holds(characters):
            family = f"{font.family} {face.slice}"
            if family not in families:
                families.append(family)
            chosen = next((f for f in face.files if f.endswith(".woff")), face.files[0])
            kind = "woff" if chosen.endswith(".woff") else "woff2"
            rules.append(f'@font-face {{ font-family: "{family}"; font-weight: {face.weight}; '
                         f'src: url("../assets/fonts/{font.folder}/{chosen}") format("{kind}"); }}')
    names = ", ".join(['"Atkinson Hyperlegible"', *(f'"{family}"' for family in families)])
    rules.append(f"html {{ font-family: {names}; }}")
    rules.append(f"@page {{ @bottom-left {{ font-family: {names}; }} @bottom-right {{ font-family: {names}; }} }}")
    return "\n".join(rules)


@lru_cache(maxsize=8)
def faces(root: Path, folder: str) -> tuple[Face, ...]:
    """The faces of a script font's faces.css (read once a process); none in a tree without
    the theme's fonts."""
    path = root / FONTS_DIR / folder / "faces.css"
    if not path.is_file():
        return ()
    css = path.read_text(encoding="utf-8")
    found, slices = [], {}
    for body in _FACE.findall(css):
        weight = re.search(r"font-weight:\s*(\d+)", body)
        unicode_range = re.search(r"unicode-range:\s*([^;]+);", body)
        files = tuple(re.findall(r'url\("([^"/]+)"\)', body))
        if not files or unicode_range is None:
            continue
        ranges = tuple((int(low, 16), int(high or low, 16)) for low, high in _RANGE.findall(unicode_range.group(1)))
        number = slices.setdefault(ranges, len(slices))
        found.append(Face(number, weight.group(1) if weight else "400", files, ranges))
    return tuple(found)
