"""Resolved models -> Markdown pages. Python gathers; the templates in macros/templates own
the markup.

Guide text is data, never a template: it reaches the page through the `md` filter, which
makes it safe inline Markdown (raw HTML is refused by validation and escaped here too).
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from jinja2 import FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from .due import due_offset, month_day

TEMPLATES = Path(__file__).parent / "templates"

# A text that starts like a block of Markdown (heading, quote, list) must stay a sentence.
_BLOCK_START = re.compile(r"^(\s*)([#>+*-]|\d+[.)])(\s)")


def inline_markdown(text: str | None) -> str:
    """Guide text as one line of inline Markdown: emphasis and links work, HTML does not."""
    if not text:
        return ""
    text = " ".join(text.split())
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _BLOCK_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)) + m.group(3), text)
    return re.sub(r"(\s)#+$", lambda m: m.group(0).replace("#", r"\#"), text)


def _escape_marker(marker: str) -> str:
    return marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker


def attribute(text: str | None) -> str:
    """Text inside an HTML attribute value."""
    return html.escape(text or "", quote=True)


def relative(from_page: str, to_page: str) -> str:
    """A Markdown link from one page's source path to another's (MkDocs checks these)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def slug(key: str) -> str:
    return key.replace("_", "-")


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    # Compiling the templates is most of the rendering time of a build; every build is a
    # new process, so keep the compiled code in Jinja's per-user temporary cache (keyed by
    # each template's source, so an edited template is compiled afresh).
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no safe temporary folder: compile every time
        return None


class Renderer:
    def __init__(self) -> None:
        # Sandboxed as a second wall: templates are ours, but they handle authors' data.
        self.env = SandboxedEnvironment(
            loader=FileSystemLoader(str(TEMPLATES)),
            bytecode_cache=_bytecode_cache(),
            undefined=StrictUndefined,  # a template typo fails loudly, before anything is written
            autoescape=False,  # the output is Markdown; text is escaped by the `md` filter
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["md"] = inline_markdown
        self.env.filters["attr"] = attribute
        self.env.filters["due_offset"] = due_offset
        self.env.filters["month_day"] = month_day
        self.env.globals["relative"] = relative
        self.env.globals["slug"] = slug
        # Handouts switch these on; every other page draws plain lists.
        self.env.globals["tick_boxes"] = False
        self.env.globals["writing_lines"] = 0
        # Only a section on its own page gets the browser tools (checklist ticks, planner);
        # the same section in a handout or a collection is a sheet to print.
        self.env.globals["interactive"] = False

    def render(self, template: str, **context) -> str:
        markdown = self.env.get_template(template).render(**context)
        return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
