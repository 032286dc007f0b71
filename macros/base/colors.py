"""District colors: WCAG contrast checks and the stylesheet that applies them.

A district picks a primary (header) color and an accent (link) color; both are checked
for WCAG 2.1 AA contrast (4.5:1 for text) before anything is built. Dark mode gets a
lighter tint of the accent, worked out here, so links stay readable on the dark page.
"""

from __future__ import annotations

import re

AA_TEXT = 4.5
WHITE = "#ffffff"
# Material's slate (dark) scheme paints pages with hsl(232, 15%, 14%) by default, which is
# this color; links in dark mode are checked against it.
SLATE_BACKGROUND = "#1e2029"
# The defaults when a district sets no colors: a deep blue and a link blue, both > 7:1.
DEFAULT_PRIMARY = "#1f3d7a"
DEFAULT_ACCENT = "#1f4fa8"


def _channel(value: int) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    red, green, blue = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(color: str, other: str, amount: float) -> str:
    """`amount` of `other` mixed into `color` (0 gives color, 1 gives other)."""
    channels = [round(int(color[i:i + 2], 16) * (1 - amount) + int(other[i:i + 2], 16) * amount)
                for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in channels)


def readable_on_dark(color: str) -> str:
    """The least-lightened tint of `color` that reads on the dark page."""
    for step in range(21):
        tint = mix(color, WHITE, step / 20)
        if contrast(tint, SLATE_BACKGROUND) >= AA_TEXT:
            return tint
    return WHITE


def contrast_problems(primary: str, accent: str) -> list[tuple[str, str]]:
    """(key, message) for each color that fails WCAG AA; empty when both pass."""
    problems = []
    ratio = contrast(primary, WHITE)
    if ratio < AA_TEXT:
        problems.append(("primary", f"white header text on {primary} has a contrast of {ratio:.2f}:1; "
                         f"WCAG AA needs {AA_TEXT}:1 (try {_darkened(primary)})"))
    ratio = contrast(accent, WHITE)
    if ratio < AA_TEXT:
        problems.append(("accent", f"links in {accent} on a white page have a contrast of {ratio:.2f}:1; "
                         f"WCAG AA needs {AA_TEXT}:1 (try {_darkened(accent)})"))
    return problems


def _darkened(color: str) -> str:
    for step in range(21):
        shade = mix(color, "#000000", step / 20)
        if contrast(shade, WHITE) >= AA_TEXT:
            return shade
    return "#000000"


_HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


def css_color(color: str) -> str:
    """A color as the stylesheet writes it, '#' and six lowercase hex digits. The models
    check a district's colors; this is the wall before CSS: nothing else is written."""
    if not _HEX_COLOR.fullmatch(color):
        raise ValueError(f"not a color written as '#' and six hex digits: {color!r}")
    return color.lower()


def stylesheet(primary: str | None, accent: str | None) -> str:
    """CSS custom properties for Material's light and dark schemes."""
    if accent is None:
        accent = primary or DEFAULT_ACCENT  # a district's own primary doubles as its link color
    primary = css_color(primary or DEFAULT_PRIMARY)
    accent = css_color(accent)
    dark_link = readable_on_dark(accent)
    # Material sets its light scheme's link color on [data-md-color-scheme="default"] (the
    # body), which beats :root: name both, or links keep the primary color.
    return f"""/* The district's colors, generated from its profile (checked for WCAG AA contrast). */
:root, [data-md-color-scheme="default"] {{
  --md-primary-fg-color: {primary};
  --md-primary-fg-color--light: {mix(primary, WHITE, 0.15)};
  --md-primary-fg-color--dark: {mix(primary, "#000000", 0.2)};
  --md-primary-bg-color: #ffffff;
  --md-accent-fg-color: {accent};
  --md-typeset-a-color: {accent};
}}
[data-md-color-scheme="slate"] {{
  --md-accent-fg-color: {dark_link};
  --md-typeset-a-color: {dark_link};
}}
"""
