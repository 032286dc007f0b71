"""The one place a cache's key is made: a hash of the inputs the cache declares.

A cache may change how long a build takes, never what it writes; so each cache names
everything its entries are made from, and this module hashes it in one way: files by their
bytes (with their names), text and settings by value, and code by what runs it, this
project's source files and the installed version of each distribution involved. Every
cache of the project takes its key from a `Fingerprint`: the PDFs and their print HTML
(pdf/), the print files parsed once a process (pdf/shared_stylesheets.py), the compiled
page templates (rendering/render.py), the pages `mkdocs serve` keeps
(adapters/serve_reuse.py) and the activities rendered within a process (rendering/site.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path


class Fingerprint:
    """A running hash of declared inputs; each part is labeled, so that two kinds of input
    can never be mistaken for each other."""

    def __init__(self, purpose: str) -> None:
        self._digest = hashlib.sha256()
        self._add("purpose", purpose.encode())

    def _add(self, label: str, data: bytes) -> None:
        self._digest.update(f"{label}\0{len(data)}\0".encode() + data)

    def value(self, label: str, value: object) -> Fingerprint:
        """Text, numbers and settings (lists and dicts of them), by value."""
        self._add(label, json.dumps(value, sort_keys=True, default=repr, ensure_ascii=False).encode("utf-8",
                                                                                                    "surrogatepass"))
        return self

    def data(self, label: str, data: bytes) -> Fingerprint:
        """Bytes read already: a file's, where it was read for use, not for the key."""
        self._add(f"data {label}", data)
        return self

    def file(self, path: Path, name: str | None = None) -> Fingerprint:
        """A file by its name and bytes (a missing file counts as missing)."""
        path = Path(path)
        self._add(f"file {name or path.name}", path.read_bytes() if path.is_file() else b"\0missing")
        return self

    def folder(self, folder: Path, name: str) -> Fingerprint:
        """Every file under a folder, by its path inside it and its bytes."""
        folder = Path(folder)
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file() and "__pycache__" not in path.parts:
                self.file(path, f"{name}/{path.relative_to(folder).as_posix()}")
        return self

    def distributions(self, names: list[str]) -> Fingerprint:
        """The installed version of each distribution (a missing one counts as missing)."""
        return self.value("distributions", installed_versions(tuple(names)))

    def hexdigest(self, length: int = 40) -> str:
        return self._digest.hexdigest()[:length]

    def copy(self) -> Fingerprint:
        other = Fingerprint.__new__(Fingerprint)
        other._digest = self._digest.copy()
        return other


def installed_versions(names: tuple[str, ...]) -> list[str]:
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    return found


def requirements(package: str) -> list[str]:
    """The distributions `package` requires to run (its extras left out), by name."""
    try:
        required = metadata.requires(package) or []
    except metadata.PackageNotFoundError:
        return []
    return sorted({re.split(r"[\s<>=!~;\[(]", line, maxsplit=1)[0] for line in required if "extra ==" not in line})


@lru_cache(maxsize=None)
def _module_distributions() -> dict[str, list[str]]:
    return metadata.packages_distributions()


def distributions_of(modules: list[str]) -> list[str]:
    """The distributions that install the top-level packages of these modules (for a
    Markdown extension named pymdownx.details: pymdown-extensions); a module of the
    standard library or of this project gives none."""
    names = set()
    for module in modules:
        names.update(_module_distributions().get(module.split(".")[0], []))
    return sorted(names)


def loaded_libraries(pattern: re.Pattern) -> list[str]:
    """The system libraries this process has loaded whose paths match `pattern`, by their
    real file names, which carry their versions (libharfbuzz.so.0.60000.0); none where the
    system does not list them (/proc/self/maps)."""
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return sorted({os.path.realpath(line.split()[-1]) for line in maps.splitlines()
                   if line.split() and pattern.search(line.split()[-1])})
