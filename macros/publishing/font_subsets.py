"""A Chinese edition's font cut down to the characters its pages show, slice by slice.

Google's slices of Noto Sans SC (script_fonts.py) hold some 250 characters each, by how
often Chinese uses them: a page of the guide touches a dozen slices for a few of each,
and would download 400 kB of font. After an edition is written, its pages' characters are
gathered, and each slice that holds any is cut to those (fontTools), as WOFF2, with a
unicode-range of exactly them: the browser still downloads only the slices a page needs,
now a few kilobytes each. The cuts are kept in the PDF cache's folder under a key of the
slice's bytes, the characters and fontTools' version (Fingerprint), so a rebuild with the
same text cuts nothing.
"""

from __future__ import annotations

import io
from collections import Counter
from functools import lru_cache
from collections.abc import Iterable
from pathlib import Path

from ..base.fingerprints import Fingerprint, installed_versions
from ..pdf.pdf_cache import MAX_FILE_BYTES, cache_folder, write_entry
from ..base.contained import read_inside
from ..rendering.script_fonts import FONTS_DIR, faces, script_font

SUBSETS = "font-subsets"  # the folder in the cache


def subset_faces(root: Path, language: str, pages: Iterable[str],
                 cache: str | None = None) -> tuple[str, dict[str, bytes]]:
    """The @font-face rules (addresses from assets/stylesheets/) and the font files (by
    site path) of an edition whose script font is cut to its pages' text; ('', {}) for any
    other. Each slice is cut in parts by how many pages use a character (TIERS): the
    characters of the navigation and the page furniture, on every page, come in small
    files of their own, not with the rare ones beside them."""
    font = script_font(language)
    if font is None or not font.cut:
        return "", {}
    root = Path(root).resolve()
    used_by = Counter()
    count = 0
    for text in pages:
        count += 1
        # Latin too: the font's own comes first. set() first: a page has far fewer distinct
        # characters than characters.
        used_by.update({ord(c) for c in set(text) if c >= " "})
    folder = cache_folder(root, cache)
    cutter = installed_versions(["fonttools", "brotli"])  # once: each look-up reads package metadata
    rules, files = [], {}
    for face in faces(root, font.folder):
        source = root / FONTS_DIR / font.folder / next((f for f in face.files if f.endswith(".woff")),
                                                     face.files[0])
        inside = face.within(sorted(used_by))
        if inside:  # only the characters the slice draws: the others fall to the next font
            drawn = _characters(source)
            inside = [code for code in inside if code in drawn]
        for tier in range(len(TIERS)):
            used = [code for code in inside if _tier(used_by[code] / max(count, 1)) == tier]
            if not used:
                continue
            # "dated by the slice": cuts kept from before were dated by the clock (see _cut).
            key = (Fingerprint("font subset, dated by the slice").file(source).value("characters", used)
                   .value("fonttools", cutter).hexdigest(16))
            name = f"{source.stem}-{key}.woff2"
            data = _cached(folder, name)
            if data is None:
                data = _cut(source, used)
                if folder is not None:
                    write_entry(folder / SUBSETS, name, data)
            files[f"assets/fonts/{font.folder}/{name}"] = data
            rules.append(f'@font-face {{\n  font-family: "{font.family}";\n  font-style: normal;\n'
                         f'  font-weight: {face.weight};\n  font-display: swap;\n'
                         f'  src: url("../fonts/{font.folder}/{name}") format("woff2");\n'
                         f'  unicode-range: {_ranges(used)};\n}}')
    return "\n".join(rules) + "\n", files


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


def _cut(source: Path, characters: list[int]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # The cut keeps the slice's own date: fontTools would stamp it with the time of cutting,
    # and a cut made now would differ from the one kept in the cache.
    font = TTFont(source, recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff2"
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
