"""Data as CSS: the one way a value of the data reaches a stylesheet.

Names and titles appear in the PDFs' running footers and the web pages' printed header as
CSS strings (`content: "..."`) inside a <style> element. They are serialized by tinycss2's
CSS serializer, never escaped by hand; what the serializer leaves as it is but the page
around it would read (a "<" could close the <style> element) or a lenient parser might
take for the end of a line becomes a CSS hex escape, which every CSS parser reads back
as the same character.
"""

from __future__ import annotations

import re

from markupsafe import Markup
from tinycss2.serializer import serialize_string_value

# Left as they are by serialize_string_value (which escapes quotes, backslashes and the
# three CSS newlines): "<" and ">" (an HTML parser ends <style> at "</style" and reads
# "<!--"), and every other control or separator character, which CSS keeps but nothing
# should have to.
_HEX_ESCAPED = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f<>\u2028\u2029]")


def _hex_escape(match: re.Match) -> str:
    # A hex escape ends at its space; CSS reads "\0 " as U+FFFD, as it reads a NUL itself.
    return f"\\{ord(match.group(0)):x} "


def css_string(text: str) -> Markup:
    """`text` as one quoted CSS string: a stylesheet, or a <style> element, reads back
    exactly `text` (a NUL, which CSS cannot hold, reads as U+FFFD). Markup, for the
    templates: it is CSS, which HTML escaping would only spoil."""
    return Markup('"' + _HEX_ESCAPED.sub(_hex_escape, serialize_string_value(str(text))) + '"')
