"""Every sentence of each district's published guide appears in that district's build."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, normalize
from tools import missing

SEEDS = ROOT.parent / "shared" / "seeds"
SEED_FILES = {
    "earn-and-learn": "earn-and-learn-fact-sheet.txt",
    "nyc": "nyc-public-schools-excerpt.txt",
}


def seed_sentences(name: str) -> list[str]:
    path = SEEDS / name
    if not path.exists():
        missing(f"seed file {path} is not on this machine (it comes from ../shared/seeds/)")
    sentences = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^\s*[-*]\s*", "", line).lstrip("*").strip()
        if not line:
            continue
        # Split after . ? ! when a new sentence starts; keep questions and headings whole.
        for sentence in re.split(r"(?<=[.?!])\s+(?=[A-Z\u201c\"])", line):
            sentences.append(normalize(sentence))
    return sentences


@pytest.mark.parametrize("district", sorted(SEED_FILES))
def test_every_seed_sentence_is_in_the_build(built, district):
    text = built(district).all_text()
    missing = [s for s in seed_sentences(SEED_FILES[district]) if s not in text]
    assert not missing, "Sentences missing from the build:\n" + "\n".join(missing)
