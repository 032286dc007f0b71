"""What the PDF renderer may read: the project's own print files, and nothing else.

WeasyPrint fetches what a document names: its stylesheets, the fonts they name, any image.
A print document is made of the guide's data, so whatever it names is asked for here, and
only a regular file inside one of the document's resource folders (overrides/print and
overrides/assets, print_html.py) is served, reached through no link that leads out of
them. Anything else stops the render with a message naming what was asked: another
folder, a device (/dev/zero would never end), another scheme (http, ftp, data:) or a
file on another host (file://host/...). Imported with WeasyPrint, where PDFs are made.
"""

from __future__ import annotations

import io
import mimetypes
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..base.contained import NotReadAsPlain, read_plain

# A font or stylesheet of ours is well under a megabyte: anything near this is a mistake.
MAX_RESOURCE_BYTES = 20_000_000


class ResourceRefused(Exception):
    """A document asked for something that is not one of the project's print files:
    str() says what it asked for and why it is refused."""

    def __init__(self, url: str, reason: str):
        shown = url if len(url) <= 120 else url[:117] + "..."
        super().__init__(f"{shown!r}, {reason}")


class ProjectFetcher(URLFetcher):
    """A WeasyPrint fetcher that serves regular files inside `folders` only. Every refusal
    is fatal (fail_on_errors): a PDF is never printed without what it asked for."""

    def __init__(self, folders: tuple[str, ...], on_read: Callable[[Path, bytes], None] | None = None):
        """`on_read`, where given, hears every file served and its bytes: what fonts and
        stylesheets kept for later documents were made from (shared_stylesheets.py)."""
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=True)
        self.folders = tuple(Path(folder).resolve() for folder in folders)
        self.on_read = on_read

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self.path_of(url)
        try:
            # Through no link: the path is resolved already.
            data = read_plain(path, MAX_RESOURCE_BYTES, follow_links=False)
        except NotReadAsPlain as refused:
            raise ResourceRefused(url, "which is not a regular file" if refused.mode is not None else
                                  f"which is {refused.size}; print files are limited to {MAX_RESOURCE_BYTES:,}") from None
        except OSError as error:
            raise ResourceRefused(url, f"which cannot be read ({error.strerror or error})") from None
        if self.on_read is not None:
            self.on_read(path, data)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if data[:4] in (b"wOFF", b"wOF2"):
            try:
                data, kind = unpacked_font(data), "font/sfnt"
            except Exception as error:  # fontTools raises many kinds on a damaged font
                raise ResourceRefused(url, f"a font that cannot be read ({type(error).__name__})") from None
        return URLFetcherResponse(url, data, {"Content-Type": kind})

    def path_of(self, url: str) -> Path:
        """The file `url` names, if it is one this fetcher serves; ResourceRefused if not."""
        try:
            parts = urlsplit(url)
        except ValueError:
            raise ResourceRefused(url, "which is not an address") from None
        if parts.scheme.lower() != "file":
            raise ResourceRefused(url, f"an address of the scheme '{parts.scheme}', which a PDF never reads"
                                  if parts.scheme else "which is not a file address")
        if parts.netloc:
            raise ResourceRefused(url, f"a file on another host ({parts.netloc})")
        try:
            path = Path(unquote(parts.path)).resolve(strict=True)  # every link followed
        except (OSError, RuntimeError, ValueError):  # missing, a loop of links, a NUL
            raise ResourceRefused(url, "which does not exist") from None
        if not any(path.is_relative_to(folder) for folder in self.folders):
            raise ResourceRefused(url, "which is outside the print files a PDF may read ("
                                  + (", ".join(folder.as_posix() for folder in self.folders) or "none") + ")")
        return path


def unpacked_font(data: bytes) -> bytes:
    """A WOFF or WOFF2 font as the plain font WeasyPrint unpacks it to, the same bytes,
    unpacked once a process: WeasyPrint unpacks every font of every document again (its
    fontTools round trip takes some 20 ms a face). fontTools dates the unpacked font by
    SOURCE_DATE_EPOCH (the renderer fixes it, renderer._fixed_font_dates), so that date is
    part of what a font is kept by, with the font's own bytes: an edited font is never
    served from before."""
    return _unpacked(data, os.environ.get("SOURCE_DATE_EPOCH"))


@lru_cache(maxsize=128)
def _unpacked(data: bytes, date: str | None) -> bytes:
    from fontTools.ttLib import TTFont, woff2

    out = io.BytesIO()
    if data[:4] == b"wOF2":
        woff2.decompress(io.BytesIO(data), out)
    else:
        font = TTFont(io.BytesIO(data))
        font.flavor = font.flavorData = None
        font.save(out)
    return out.getvalue()
