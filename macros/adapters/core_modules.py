"""The core as `mkdocs serve` should run it: loaded again after an edit.

MkDocs imports a plugin once per process, and Python keeps every module it imported, so
a preview session would go on building with the core it started with. The plugin reaches
the core through `CoreModules.module()` at each use instead: when a file of the core
changed since the last build, its modules are dropped and imported afresh. The adapters
(this package) cannot be reloaded that way, since MkDocs holds the plugin object itself:
an edit to one of them is reported, and serve must be started again.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

PACKAGE = __name__.rsplit(".", 2)[0]  # wbl_guide
FOLDER = Path(__file__).resolve().parent.parent  # macros/
ADAPTERS = Path(__file__).resolve().parent  # macros/adapters/


def file_times(folder: Path) -> list[tuple[str, int]]:
    """Every file under `folder` (caches of compiled Python left out) with its modification time."""
    return sorted((str(path), path.stat().st_mtime_ns) for path in folder.rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts)


class CoreModules:
    """The core's modules as they are now, and its files as this process loaded them."""

    def __init__(self) -> None:
        self.sources = file_times(FOLDER)  # every file of the core, templates included, with its time
        self._adapters = file_times(ADAPTERS)

    def refresh(self) -> bool:
        """Drop the core's modules when one of its files changed (once per build: dropping
        them always would import the core twice a build, 0.2 s); whether they were."""
        sources = file_times(FOLDER)
        if sources == self.sources:
            return False
        kept = (f"{PACKAGE}.adapters", f"{PACKAGE}.cli")  # loaded once per process
        for name in [n for n in sys.modules if n.startswith(PACKAGE + ".")]:
            if name not in kept and not name.startswith(f"{PACKAGE}.adapters."):
                del sys.modules[name]
        self.sources = sources
        return True

    def module(self, name: str):
        """A module of the core by its path under the package: module("publishing.publish")."""
        return importlib.import_module(f"{PACKAGE}.{name}")

    def adapters_changed(self) -> list[str]:
        """The adapter files edited since this process loaded them (macros/adapters/plugin.py...)."""
        now = dict(file_times(ADAPTERS))
        before = dict(self._adapters)
        return sorted(f"macros/adapters/{Path(path).name}" for path in now.keys() | before.keys()
                      if now.get(path) != before.get(path))
