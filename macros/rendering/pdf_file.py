"""A rendered PDF as the site ships it: made by pdf.py, linked and shipped by site.py.
Its own module, so that the site, below the renderer, needs nothing of the renderer's."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Pdf:
    """A rendered PDF: where it goes in the site, its bytes and its number of pages."""

    path: str
    pages: int
    data: bytes = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def size_text(self) -> str:
        """The size as people read it: "38 KB", "1.2 MB"."""
        if self.size < 1_000_000:
            return f"{max(1, round(self.size / 1000))} KB"
        return f"{self.size / 1_000_000:.1f} MB"
