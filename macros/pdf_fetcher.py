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

import mimetypes
import os
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

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

    def __init__(self, folders: tuple[str, ...]):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=True)
        self.folders = tuple(Path(folder).resolve() for folder in folders)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self.path_of(url)
        try:
            data = _read_regular_file(path)
        except OSError as error:
            raise ResourceRefused(url, f"which cannot be read ({error.strerror or error})") from None
        except ValueError as error:
            raise ResourceRefused(url, str(error)) from None
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
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


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file (not a device, a pipe or a folder), of a bounded size."""
    # Opened first, so what is read is what was checked; without waiting (a pipe's open
    # would wait for a writer) and through no link (the path is resolved already).
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise ValueError("which is not a regular file")
        if status.st_size > MAX_RESOURCE_BYTES:
            raise ValueError(f"which is {status.st_size:,} bytes; print files are limited to {MAX_RESOURCE_BYTES:,}")
        return file.read(MAX_RESOURCE_BYTES)
