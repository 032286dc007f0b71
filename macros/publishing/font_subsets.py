"""A Chinese edition's font cut down to the characters its pages show, slice by slice.

Google's slices of Noto Sans SC (script_fonts.py) hold some 250 characters each, by how
often Chinese uses them: a page of the guide touches a dozen slices for a few of each,
and would download 400 kB of font. After an edition is written, its pages' characters are
gathered, and each slice that holds any is cut to those (fontTools), as WOFF2, with a
unicode-range of exactly them: the browser still downloads only the slices a page needs,
now a few kilobytes each. The cuts are kept in the PDF cache's folder under a key of the
slice's bytes, the characters and fontTools' version (Fingerprint), so a rebuild with the
same text cuts nothing.

Pages share their font by group, too (page_group): an activity's pages, or a page of the
top of the site alone. Each group has a stylesheet of its own (group_stylesheet), linked
from its pages (overrides/main.html), with a family of its own cut to the characters its
pages show beyond those on most pages: a page downloads its group's files and the files
that every page shares, not the rare characters of other activities' pages that share a
slice with its own (a checklist page's fonts drop from some 195 kB to about 130).
The edition's own family, in the site stylesheet, holds every character the edition shows,
for a page of the theme's (404.html). A page's text waits for its font at most a moment
(script_fonts.SCRIPT_FONT_DISPLAY): what has not arrived by then is drawn in the reader's
own Chinese font, and the page never shifts as a late font replaces it (on every later
page the files are in the browser's cache). Text a page shows from other pages (search
results) may also be drawn in the reader's own font.
"""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from functools import lru_cache
from collections.abc import Iterable
from pathlib import Path

from ..base.fingerprints import Fingerprint, installed_versions
from ..pdf.pdf_cache import MAX_FILE_BYTES, cache_folder, write_entry
from ..base.contained import read_inside
from ..rendering.script_fonts import FONTS_DIR, SCRIPT_FONT_DISPLAY, faces, script_font

SUBSETS = "font-subsets"  # the folder in the cache


def subset_faces(root: Path, language: str, pages: Iterable[str],
                 cache: str | None = None) -> tuple[str, dict[str, bytes]]:
    """The @font-face rules for the site stylesheet (addresses from assets/stylesheets/)
    and the files (by site path: fonts, and each page group's stylesheet) of an edition whose
    script font is cut to its pages' text; ('', {}) for any other. `pages` are the texts
    of its pages (each names its group's stylesheet) and stylesheets. Each slice is cut in
    parts by how many pages use a character (TIERS): the characters of the navigation and
    the page furniture, on every page, come in small files of their own, not with the rare
    ones beside them; then each group's own characters, beyond the most used tier."""
    font = script_font(language)
    if font is None or not font.cut:
        return "", {}
    root = Path(root).resolve()
    used_by = Counter()
    by_group: dict[str, set[int]] = defaultdict(set)
    count = 0
    for text in pages:
        count += 1
        # Latin too: the font's own comes first. set() first: a page has far fewer distinct
        # characters than characters.
        characters = {ord(c) for c in set(text) if c >= " "}
        used_by.update(characters)
        group = _GROUP_LINK.search(text)
        if group is not None and group.group(1) == font.folder:
            by_group[group.group(2)] |= characters
    cutter = _Cutter(root, font, cache_folder(root, cache))
    rules, shared = [], []  # shared: (face, the characters on most pages), in every group's family too
    for face in faces(root, font.folder):
        inside = cutter.drawn(face, used_by)
        for tier in range(len(TIERS)):
            used = [code for code in inside if _tier(used_by[code] / max(count, 1)) == tier]
            if used:
                rules.append(cutter.rule(font.family, face, used, "../fonts/" + font.folder + "/"))
                if tier == 0:
                    shared.append((face, used))
    files = cutter.files
    for token, characters in sorted(by_group.items()):
        # The group's family holds every character its pages show: the files most pages
        # share, then its own. One family, so that a face still loading never sends the
        # browser on to another family's files (SCRIPT_FONT_DISPLAY gives up on it).
        own = {code for code in characters if _tier(used_by[code] / max(count, 1)) > 0}
        family = f"{font.family} {token}"
        group_rules = [cutter.rule(family, face, used, "") for face, used in shared]
        group_rules += [cutter.rule(family, face, used, "")
                        for face in faces(root, font.folder) if (used := cutter.drawn(face, own))]
        group_rules.append(f':root {{\n  --md-text-font: "{family}";\n}}')
        files[_stylesheet_path(font.folder, token)] = ("\n".join(group_rules) + "\n").encode("utf-8")
    return "\n".join(rules) + "\n", files


def page_group(site_path: str) -> str:
    """The group whose font a page shares, from its file's site path: its activity's pages
    ('informational-interview/checklist/index.html'), or a page of the top alone ('index.html',
    'plans/index.html')."""
    return site_path.split("/", 1)[0]


def group_stylesheet(language: str, site_path: str) -> str | None:
    """The site path of the font stylesheet of the page at `site_path` (its file's path,
    e.g. 'job-shadow/index.html'); None where the edition's font is not cut."""
    font = script_font(language)
    if font is None or not font.cut:
        return None
    return _stylesheet_path(font.folder, _UNSAFE.sub("-", page_group(site_path).lower()))


def _stylesheet_path(folder: str, token: str) -> str:
    return f"assets/fonts/{folder}/pages-{token}.css"


# A group's name in file and family names: the group's own, other characters as '-' (a page of
# docs/ may be named anything; two groups that come out the same share one stylesheet).
_UNSAFE = re.compile(r"[^a-z0-9-]")
# A page's link to its group's stylesheet, as overrides/main.html writes it: (folder, name).
_GROUP_LINK = re.compile(r'assets/fonts/([a-z0-9-]+)/pages-([a-z0-9-]+)\.css"')


class _Cutter:
    """The cuts of one edition: each made once (or taken from the cache), and its rule."""

    def __init__(self, root: Path, font, folder: Path | None) -> None:
        self.root, self.font, self.folder = root, font, folder
        self.version = installed_versions(["fonttools", "brotli"])  # once: each look-up reads package metadata
        self.files: dict[str, bytes] = {}

    def source(self, face) -> Path:
        return self.root / FONTS_DIR / self.font.folder / next((f for f in face.files if f.endswith(".woff")),
                                                               face.files[0])

    def drawn(self, face, characters) -> list[int]:
        """The characters the slice covers and draws: the others fall to the next font."""
        inside = face.within(sorted(characters))
        if not inside:
            return []
        drawn = _characters(self.source(face))
        return [code for code in inside if code in drawn]

    def rule(self, family: str, face, used: list[int], prefix: str) -> str:
        source = self.source(face)
        # "dated by the slice": cuts kept from before were dated by the clock (see _cut).
        left_out = _LEFT_OUT if "latin" not in source.name else ()
        key = (Fingerprint("font subset, dated by the slice").file(source).value("characters", used)
               .value("tables left out", left_out).value("fonttools", self.version).hexdigest(16))
        name = f"{source.stem}-{key}.woff2"
        path = f"assets/fonts/{self.font.folder}/{name}"
        if path not in self.files:
            data = _cached(self.folder, name)
            if data is None:
                data = _cut(source, used, left_out)
                if self.folder is not None:
                    write_entry(self.folder / SUBSETS, name, data)
            self.files[path] = data
        return (f'@font-face {{\n  font-family: "{family}";\n  font-style: normal;\n'
                f'  font-weight: {face.weight};\n  font-display: {SCRIPT_FONT_DISPLAY};\n'
                f'  src: url("{prefix}{name}") format("woff2");\n'
                f'  unicode-range: {_ranges(used)};\n}}')


# Shares of the edition's pages a character is on, from the most used: one file a slice each.
TIERS = (0.5, 0.1, 0.0)


def _tier(share: float) -> int:
    return next(number for number, least in enumerate(TIERS) if share >= least)


@lru_cache(maxsize=256)
def _characters(source: Path) -> frozenset[int]:
    """The characters a font file has glyphs for (its cmap), read once a process."""
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(source, lazy=True).getBestCmap())


def _cached(folder: Path | None, name: str) -> bytes | None:
    if folder is None:
        return None
    path = folder / SUBSETS / name
    if not path.is_file():
        return None
    data, refused = read_inside(folder / SUBSETS, path, MAX_FILE_BYTES)  # a link or a pipe is a miss
    return None if refused is not None else data


# What a Chinese slice's cut leaves out: vertical writing's metrics (vhea, vmtx) and the
# layout tables, whose features here are vertical forms and the alignment of mixed scripts,
# which a web page of horizontal text never asks for (BASE, GSUB, GPOS), and the variation
# axes' names (STAT). A tenth of each file. The Latin slice keeps its kerning.
_LEFT_OUT = ("BASE", "GPOS", "GSUB", "STAT", "vhea", "vmtx")


def _cut(source: Path, characters: list[int], left_out: tuple[str, ...] = ()) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # The cut keeps the slice's own date: fontTools would stamp it with the time of cutting,
    # and a cut made now would differ from the one kept in the cache.
    font = TTFont(source, recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.drop_tables += list(left_out)
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=characters)
    cutter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def _ranges(codes: list[int]) -> str:
    """U+4E00-4E01,U+4E07: runs of consecutive characters as ranges."""
    runs: list[list[int]] = []
    for code in codes:
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return ",".join(f"U+{low:X}" if low == high else f"U+{low:X}-{high:X}" for low, high in runs)
