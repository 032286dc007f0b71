"""What the plugin hands Material: the district's names, navigation and language, escaped.

MkDocs' templates do not escape what they print, so every name from the data (site name,
navigation and page titles) is handed over escaped, as markupsafe.Markup so that a
template's own `| e` does not escape it twice. The district's language sets `<html lang>`
and `dir`, Material's interface language and, through it, search.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

_MATERIAL_LANGUAGES = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
_HTML_TAG = re.compile(r"<html\b[^>]*>")
_ALTERNATE_LINK = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def escaped(text: str, unmark) -> Markup:
    return Markup(html.escape(unmark(text), quote=True))  # names and titles: words only


def escaped_nav(nav: list, unmark) -> list:
    entries = []
    for entry in nav:
        (title, target), = entry.items()
        entries.append({escaped(title, unmark): escaped_nav(target, unmark) if isinstance(target, list) else target})
    return entries


def material_language(language: str) -> str:
    """The Material interface language nearest the district's: es-MX -> es; unknown -> en."""
    for candidate in (language, language.split("-")[0]):
        if (_MATERIAL_LANGUAGES / f"{candidate}.html").is_file():
            return candidate
    return "en"


def dress(config, site, direction: str, unmark) -> None:
    """The site's names, navigation, logo and language into MkDocs' configuration."""
    config.site_name = escaped(site.site_name, unmark)
    config.nav = escaped_nav(site.nav, unmark)
    if site.logo:
        config.theme["logo"] = site.logo
    config.theme["language"] = material_language(site.language)
    config.theme["direction"] = direction
    # The palette toggle's names are the site's own words (mkdocs.yml's are English).
    for scheme in config.theme.get("palette") or []:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if toggle and "name" in toggle:
            label = site.labels.dark_mode if scheme.get("scheme") == "default" else site.labels.light_mode
            toggle["name"] = escaped(label, unmark)
    # Material's search takes its stemmer, separator and pipeline from this language in its
    # own on_config, which runs after the plugin's (priority 100).


def root_element(output: str, language: str, direction: str) -> str:
    """The page's <html> with the district's own language code (es-MX, where Material's
    interface language is es) and its direction: no template block holds the root element."""
    tag = f'<html lang="{html.escape(language)}" dir="{direction}" class="no-js">'
    return _HTML_TAG.sub(tag, output, count=1)


def without_alternate_links(output: str) -> str:
    """Each <link rel="alternate"> of the head, with the blanks before it. Material's base
    template writes one per edition, and its script then fetches a sitemap.xml beside each
    to find the same page in the other language; the switcher's links already lead to the
    same page, and those fetches fail (404) below the site's root. The block that writes
    them (site_meta) holds the page's other metadata too, so it is not overridden. (A regex
    starting with whitespace-star tried every blank of the page, 7 ms a page: a literal
    start is found fast, and rstrip() drops the same blanks.)"""
    pieces, last = [], 0
    for link in _ALTERNATE_LINK.finditer(output):
        pieces.append(output[last:link.start()].rstrip())
        last = link.end()
    return "".join(pieces) + output[last:]


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates, compiled once per process. Every build makes a new Jinja
    environment (each other edition's build, each `mkdocs serve` rebuild), which compiled
    Material's templates again: 0.2 s a build. Jinja checks each entry's source checksum,
    so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def list_theme_without_hidden_folders(config, visible_templates) -> None:
    """The theme's Jinja environment lists its files without Material's icons
    (theme_listing.py). MkDocs makes that environment inside Theme.get_env, with no event
    between making it and listing it, so the method is wrapped on this build's theme."""
    make_env = config.theme.get_env

    def get_env():
        env = make_env()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:  # as MkDocs makes it; any other is left alone
            env.loader.list_templates = lambda: visible_templates(list(loader.searchpath), loader.followlinks)
        return env

    config.theme.get_env = get_env
