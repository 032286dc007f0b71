"""MkDocs hook: puts the guide's pages and navigation, rendered by the core, into the build.

Each activity section becomes a page without a file in docs/: its source is the Markdown
the core rendered, so an activity is one YAML file. Marked `render_macros: false`, it skips
mkdocs-macros' Jinja pass, which it does not need and which would cost a template compile
per page. A real file in docs/ at the same path wins over the generated one. The core's
generated files (the district's stylesheet, logo and PDFs) are added as they are.
`mkdocs serve` skips the PDFs unless GUIDE_PDF asks.
"""

from __future__ import annotations

import json
import os

from mkdocs.structure.files import File, InclusionLevel

PDF_VARIABLE = "GUIDE_PDF"  # macros/publish.py reads it


def on_startup(command, dirty):
    # Live previews rebuild on every edit: skip the PDFs unless the user asked for them.
    if command == "serve":
        os.environ.setdefault(PDF_VARIABLE, "0")


def _site(config):
    return config.plugins["macros"].variables["guide_site"]


def on_config(config):
    site = _site(config)
    config.nav = site.nav
    if site.logo:
        config.theme["logo"] = site.logo
    return config


def on_files(files, config):
    site = _site(config)
    for path, content in site.assets.items():  # the district's stylesheet, logo and PDFs
        files.append(File.generated(config, path, content=content))
    for page in site.pages.values():
        if files.get_file_from_path(page.path) is not None:
            continue
        # The full title goes in the page's metadata for <title>; the navigation keeps the
        # short one. JSON strings are valid YAML, so any title is quoted safely.
        source = f"---\ntitle: {json.dumps(page.title)}\nrender_macros: false\n---\n\n{page.markdown}"
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=source, inclusion=inclusion))
    return files
