"""Resolved models -> Markdown pages. Python gathers; the templates in macros/templates own
the markup.

Guide text is data, never a template. Each kind of text has its filter: `md` for guide
Markdown (markup.py re-writes it as safe inline Markdown), `plain` for plain text (every
character shown as written), `attr` inside an HTML attribute, `link_to` for an address.
Validation refuses what these would neutralize anyway; they are the second wall.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import tempfile
import re
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context

from ..text import markup
from ..text.addresses import AddressProblem, GuideLink, check_address
from ..data.due import due_offset, month_day
from ..base.fallback import is_fallback, unmark
from ..base.fingerprints import Fingerprint
from ..data.paths import activities_address, plans_address, slug

TEMPLATES = Path(__file__).parent.parent / "templates"  # macros/templates/

ENGLISH_PART = '<span lang="en">{}</span>'  # text a translated edition still shows in English
UNTRANSLATED = "guide-untranslated"  # the class of the notice that a page shows English
UNREVIEWED = "guide-unreviewed"  # the class of the notice that an edition is not reviewed yet
_WITH_TITLE = ("{: .guide-audience }", "{: .guide-byline }")  # a handout's audience, a collection's byline


def untranslated_notice(markdown: str, notice: str | None) -> str:
    """A page's Markdown with `notice` under its title when the page shows English left in
    a translated edition (ENGLISH_PART): the reader is told once, in the edition's words,
    why part of it is in English. `notice` is the edition's `untranslated` label, None in
    an edition that is not translated (English: never a notice). A handout's print page and
    its PDF are made from this same Markdown, so they say it too. Kept out of search."""
    if not notice or ENGLISH_PART.split("{}")[0] not in markdown:
        return markdown
    lines = markdown.split("\n")
    at = next((number + 1 for number, line in enumerate(lines) if line.startswith("# ")), 0)
    # After what goes with the title (the paragraph under it, when it is one of _WITH_TITLE).
    start = at
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    if end > start and lines[end - 1].strip() in _WITH_TITLE:
        at = end
    block = ["", plain(notice), f'{{: .{UNTRANSLATED} role="note" data-search-exclude }}', ""]
    return "\n".join(lines[:at] + block + lines[at:])


def unreviewed_notice(markdown: str, notice: str) -> str:
    """The home page's Markdown with `notice` (the edition's `unreviewed` label) under its
    title: no one at the district has reviewed this translation yet. Kept out of search."""
    lines = markdown.split("\n")
    at = next((number + 1 for number, line in enumerate(lines) if line.startswith("# ")), 0)
    block = ["", plain(notice), f'{{: .{UNREVIEWED} role="note" data-search-exclude }}', ""]
    return "\n".join(lines[:at] + block + lines[at:])


def prose(context, text: str | None) -> str:
    """Guide Markdown as safe inline Markdown for this page (markup.py): emphasis, strong
    and links survive; links to pages of the guide are made relative to this page, and a
    link to a page this district does not publish keeps its words only. English left in a
    translated edition is marked lang="en" (fallback.py)."""
    if not text:
        return ""
    parsed = markup.parse(unmark(text))
    written = markup.to_markdown(parsed.nodes, lambda link: _href(context, link.address, link.target))
    return ENGLISH_PART.format(written) if is_fallback(text) else written


def plain(text: str | None) -> str:
    """Plain text as inline Markdown that shows exactly that text."""
    written = markup.escape(unmark(text or "")).strip()
    return ENGLISH_PART.format(written) if is_fallback(text) and written else written


def content(text: str | None) -> str:
    """Plain text as the content of a raw HTML element (a table's cell)."""
    written = html.escape(unmark(text or ""), quote=True)
    return ENGLISH_PART.format(written) if is_fallback(text) and written else written


def words(text: str | None) -> str:
    """Guide Markdown's words alone, for attributes and document metadata."""
    return markup.plain_text(markup.parse(unmark(text)).nodes).strip() if text else ""


def link_to(context, url: str, words_markdown: str) -> str:
    """A Markdown link to a checked address (Url kind), or the words alone if it has none."""
    checked = check_address((url or "").strip())
    if isinstance(checked, AddressProblem):
        return words_markdown  # validation reports it; never publish it
    href = _href(context, url.strip(), checked)
    return f"[{words_markdown}](<{markup.encode_address(href)}>)" if href else words_markdown


def mailto(email: str) -> str:
    """A Markdown link that writes to an e-mail address (Email kind: checked by its pattern)."""
    return f"[{plain(email)}](<mailto:{quote(email, safe='@.+-_')}>)"


def _href(context, address: str, target: GuideLink | None) -> str | None:
    if target is None:
        return address  # encoded where the link is written (markup.encode_address)
    source = context.get("site_pages", {}).get(target.path)
    if source is None:
        return None
    href = relative(context["page"], source) if context.get("page") else source
    return href + (f"#{target.fragment}" if target.fragment else "")


def attribute(text: str | None) -> str:
    """Text inside an HTML attribute value (no room there to mark a language)."""
    return html.escape(unmark(text or ""), quote=True)


def json_attribute(value) -> str:
    """Data as JSON inside an HTML attribute, for a script to read with JSON.parse; the
    script shows it only as text."""
    return attribute(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def relative(from_page: str, to_page: str) -> str:
    """A Markdown link from one page's source path to another's (MkDocs checks these)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    # Compiling the templates is most of the rendering time of a build; every build is a
    # new process, so keep the compiled code in Jinja's per-user temporary cache (keyed by
    # each template's source, so an edited template is compiled afresh). Compiled code also
    # depends on how the filters are declared here (pass_context) and on Jinja's version, so
    # the folder is named after both: a changed renderer never runs stale compiled templates.
    try:
        salt = Fingerprint("templates").file(Path(__file__), "render.py").distributions(["Jinja2"]).hexdigest(16)
        folder = Path(tempfile.gettempdir()) / f"wbl-guide-templates-{os.getuid() if hasattr(os, 'getuid') else 0}-{salt}"
        folder.mkdir(mode=0o700, exist_ok=True)
        return FileSystemBytecodeCache(str(folder))
    except (OSError, RuntimeError):  # no safe temporary folder: compile every time
        return None


def template_environment(*, autoescape: bool, **options) -> Environment:
    """The templates of macros/templates/, with undefined names failing loudly. Not Jinja's
    sandbox: it guards against untrusted template code, and these templates are ours; data
    only ever reaches them as values, each through its kind's filter, never as template
    source (and validation refuses template code in text: tests/fixtures/hostile/). The
    sandbox's check on every attribute read cost a seventh of the rendering time."""
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined,
                       autoescape=autoescape, trim_blocks=True, lstrip_blocks=True, **options)


class Renderer:
    def __init__(self) -> None:
        self.env = template_environment(
            autoescape=False,  # the output is Markdown; each kind of text has its filter
            bytecode_cache=_bytecode_cache(), keep_trailing_newline=True,
            # A Renderer lives for one site (serve re-imports the core when a template
            # changes): no need to look at each template file's time at every use.
            auto_reload=False)
        self.env.filters["md"] = pass_context(prose)
        self.env.filters["plain"] = plain
        self.env.filters["words"] = words
        self.env.filters["link_to"] = pass_context(link_to)
        self.env.filters["mailto"] = mailto
        self.env.filters["attr"] = attribute
        self.env.filters["json_attr"] = json_attribute
        self.env.filters["content"] = content
        self.env.filters["unmark"] = unmark
        self.env.filters["due_offset"] = due_offset
        self.env.filters["month_day"] = month_day
        self.env.tests["fallback"] = is_fallback  # `text is fallback`: English left in a translated edition
        self.env.globals["relative"] = relative
        self.env.globals["plans_address"] = plans_address
        self.env.globals["activities_address"] = activities_address
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
