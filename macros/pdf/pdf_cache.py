"""Rendered PDFs kept between builds: a PDF is rendered again only when what it is made
from changed.

A PDF is made from its print HTML (which holds its words, paper size and language), the
files the print template reads (stylesheets and fonts under overrides/), and the code that
renders it (this project's renderer, WeasyPrint and every distribution it requires, and the
system libraries it draws text with: Pango, HarfBuzz, FreeType, Fontconfig). The cache key is a hash of all
of them, so a cached PDF is the same bytes a new rendering would give, and an edit to one
checklist item renders only the PDFs that contain it.

The cache lives in <project>/.cache/pdf/ (ignored by git; GUIDE_CACHE names another folder,
or "off"), where `mkdocs build` never cleans. A folder inside the project (the default, or a
relative GUIDE_CACHE, taken from the project folder) must stay there: a `.cache` that is a link
out of the project is refused, since a pull request could plant one. Only an absolute
GUIDE_CACHE, the choice of the person running the build, puts the cache elsewhere. Each
file is written under a temporary name and moved into place (contained.py: never through a
link), so builds running side by side (`wbl-guide build --all`) never read half a file, and
a link or a pipe in the cache is a miss, never read. It is bounded (least recently used
files go first) and may be deleted at any time: the next build only takes longer.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..base.contained import check_output, named_inside, read_inside, write_inside
from ..base.errors import GuideError, Problem
from ..base.fingerprints import Fingerprint, installed_versions, loaded_libraries, requirements

CACHE_VARIABLE = "GUIDE_CACHE"
MAX_BYTES = 400_000_000  # about four districts in two languages, twice over
MAX_FILE_BYTES = 50_000_000  # one PDF or conversion: the largest guide PDF is a few hundred kB
_OFF = ("0", "off", "no", "false")
_RENDERER = Path(__file__).with_name("renderer.py")
_FETCHER = Path(__file__).with_name("pdf_fetcher.py")  # it hands WeasyPrint the fonts, unpacked
_SHARED = Path(__file__).with_name("shared_stylesheets.py")  # how the print files reach WeasyPrint
CONVERSIONS = "print-html"  # pages converted to print HTML (print_html.py), beside the PDFs


@dataclass(frozen=True)
class PdfCache:
    folder: Path
    inputs: str  # hash of everything but the document's own HTML

    def key(self, document) -> str:
        """A document's key (a print_html.PrintDocument, which imports this module): its
        HTML and the print files it is laid out with, by name (their bytes are in `inputs`)."""
        return (Fingerprint("pdf document").value("inputs", self.inputs).value("html", document.html)
                .value("stylesheets", list(document.stylesheets)).hexdigest(40))

    def get(self, key: str) -> tuple[int, bytes] | None:
        """(pages, bytes) of a PDF rendered before, or None."""
        for path in self.folder.glob(f"{key}-*.pdf"):
            data, refused = read_inside(self.folder, path, MAX_FILE_BYTES)  # a link or a pipe is a miss
            if refused is not None:
                return None
            try:
                os.utime(path, follow_symlinks=False)  # recently used: kept longest
                return int(path.stem.rsplit("-", 1)[1]), data
            except (OSError, ValueError):
                return None
        return None

    def put(self, key: str, pages: int, data: bytes) -> None:
        write_entry(self.folder, f"{key}-{pages}.pdf", data)

    def prune(self, limit: int = MAX_BYTES) -> None:
        """Remove the least recently used PDFs (and print HTML conversions) until the cache
        holds at most `limit` bytes."""
        try:
            kept = [*self.folder.glob("*.pdf"), *(self.folder / CONVERSIONS).glob("*.json")]
            files = sorted(((p.lstat().st_mtime, p.lstat().st_size, p) for p in kept), key=lambda item: item[0])
        except OSError:
            return
        total = sum(size for _, size, _ in files)
        for _, size, path in files:
            if total <= limit:
                break
            try:
                path.unlink()
                total -= size
            except OSError:
                pass


@dataclass(frozen=True)
class Conversions:
    """Pages converted to print HTML (print_html.py), kept beside the PDFs and pruned with
    them: a rebuild whose PDFs are all cached converts nothing. The key is the caller's."""

    folder: Path

    def get(self, key: str) -> dict | None:
        path = self.folder / f"{key}.json"
        data, refused = read_inside(self.folder, path, MAX_FILE_BYTES)  # a link or a pipe is a miss
        if refused is not None:
            return None
        try:
            found = json.loads(data.decode("utf-8"))
            os.utime(path, follow_symlinks=False)  # recently used: kept longest
        except (OSError, ValueError):
            return None
        return found if isinstance(found, dict) else None

    def put(self, key: str, value: dict) -> None:
        write_entry(self.folder, f"{key}.json", json.dumps(value).encode("utf-8"))


def write_entry(folder: Path, name: str, data: bytes) -> None:
    """Under a temporary name, then moved into place (contained.write_inside): builds side by
    side never read half a file, and a link in the cache is never written through. A cache
    that cannot be written only costs time."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_inside(folder, folder / name, data)
    except (OSError, GuideError):
        pass


def cache_folder(root: Path, setting: str | None = None) -> Path | None:
    """Where the project's PDF cache lives: the plugin's `cache` setting (GUIDE_CACHE), a
    folder inside the project or an absolute one; None when it is off; .cache/pdf unset.
    Raises a GuideError when a folder named inside the project leads out of it."""
    setting = (setting or "").strip()
    if setting.lower() in _OFF:
        return None
    if Path(setting).is_absolute() and not named_inside(root, Path(setting)):
        return Path(setting)  # the operator's own folder
    folder = Path(root) / (setting or ".cache/pdf")
    if not named_inside(root, folder):  # GUIDE_CACHE=../elsewhere
        raise GuideError([Problem(f"{CACHE_VARIABLE}={setting}", message="a relative cache folder is taken from "
                                  "the project folder, and must stay inside it",
                                  hint="Give an absolute path to keep the PDF cache outside the project.")])
    check_output(root, folder, hint="Remove the link: the cache is made again inside the project. To keep it "
                 f"elsewhere, set {CACHE_VARIABLE} to an absolute folder.")
    return folder


def conversions_for(root: Path, setting: str | None = None) -> Conversions | None:
    """Where print_html.py keeps pages converted to print HTML, inside the PDF cache."""
    folder = cache_folder(root, setting)
    return Conversions(folder / CONVERSIONS) if folder is not None else None


def cache_for(root: Path, base_url: str, setting: str | None = None) -> PdfCache | None:
    """The PDF cache of a project (None when GUIDE_CACHE is off), keyed by the files the
    print template at `base_url` reads and by the renderer's versions."""
    folder = cache_folder(root, setting)
    return PdfCache(folder, _inputs(Path(unquote(urlparse(base_url).path)))) if folder is not None else None


def _inputs(print_folder: Path) -> str:
    """A hash of the stylesheets and fonts the print template reads, and of the renderer."""
    overrides = print_folder.parent
    key = (Fingerprint("pdf").folder(print_folder, "print").folder(overrides / "assets" / "fonts", "fonts")
           .file(overrides / "assets" / "stylesheets" / "handouts.css", "handouts.css").file(_RENDERER, "renderer.py")
           .file(_FETCHER, "pdf_fetcher.py").file(_SHARED, "shared_stylesheets.py"))
    return key.value("renderer", renderer_versions()).hexdigest(64)


# The system libraries WeasyPrint lays out and draws text with; their file names carry
# their versions (libharfbuzz.so.0.60000.0).
# Named exactly, so that a library loaded later in a process (libharfbuzz-icu) cannot change
# the key from one process to the next.
_SYSTEM_LIBRARIES = re.compile(r"/lib(pango-1\.0|pangoft2-1\.0|harfbuzz|harfbuzz-subset|freetype|fontconfig|fribidi)"
                               r"\.so[.\d]*$")


def renderer_versions() -> list[str]:
    """What renders a PDF besides this project's code, one line each: WeasyPrint and every
    distribution it requires, Pango's version as WeasyPrint reports it, and the system
    libraries loaded for it (where the system lists them: /proc/self/maps)."""
    found = installed_versions(("weasyprint", *requirements("weasyprint")))
    try:
        from weasyprint.text.ffi import pango
        found.append(f"pango {pango.pango_version()}")
    except (ImportError, OSError, AttributeError):  # no WeasyPrint here: no PDF is rendered either
        pass
    return found + loaded_libraries(_SYSTEM_LIBRARIES)
