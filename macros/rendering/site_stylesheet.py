"""The site's one stylesheet of its own (assets/stylesheets/guide.css), joined at build time.

The styles are kept in small files by job in overrides/assets/stylesheets/ (fonts, tick
boxes and writing lines, printing, accessibility fixes, the plan tools) and the district's
colors are generated from its profile. A phone on a slow network waits for every
stylesheet before its first paint, so the site links one file, not six: the same rules,
in the same order as they would cascade as separate files.
"""

from __future__ import annotations

from pathlib import Path

SITE_CSS = "assets/stylesheets/guide.css"
# In cascade order; None is where the district's colors go.
PARTS = ("fonts.css", None, "handouts.css", "print.css", "accessibility.css", "guide-tools.css")


def site_stylesheet(root: Path, colors: str) -> str:
    """The project's stylesheets under `root`/overrides and the district's `colors`, as one.
    fonts.css's url()s are relative to assets/stylesheets/, where guide.css is written too.
    A part the project does not have (a fork that dropped one, a tree with data only) is
    left out: these are the theme's files, not a district's data."""
    folder = root / "overrides" / "assets" / "stylesheets"
    parts = []
    for name in PARTS:
        if name is not None and not (folder / name).is_file():
            continue
        css = colors if name is None else (folder / name).read_text(encoding="utf-8")
        parts.append(f"/* ---- {name or 'the district colors'} ---- */\n{css.strip()}\n")
    return "\n".join(parts)
