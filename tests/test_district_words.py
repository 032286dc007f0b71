"""A published guide shows only its own district's words: pages, titles, nav and search."""

from __future__ import annotations

import re

import pytest

from conftest import text_of

# Words only one bundled district uses. (Words both use, like "virtual" and "Skype", are
# shared text and allowed everywhere.)
OWN_WORDS = {
    "earn-and-learn": [r"learners?", r"Earn & Learn", r"WBL Connectors?", r"Connectors?", r"ELENA",
                       r"(?-i:ZOOM)", r"remote", r"remotely"],
    "nyc": [r"students?", r"coordinators?", r"New York", r"NYC", r"virtually"],
}


def found(patterns: list[str], text: str) -> list[str]:
    hits = []
    for pattern in patterns:
        for match in re.finditer(rf"(?i)(?<![\w-]){pattern}(?![\w-])", text):
            start = max(match.start() - 60, 0)
            hits.append(f"{match.group(0)!r} in ...{text[start:match.end() + 60]}...")
    return hits


@pytest.mark.parametrize("district,other", [("earn-and-learn", "nyc"), ("nyc", "earn-and-learn")])
def test_no_other_district_words_in_pages(built, district, other):
    build = built(district)
    hits = []
    for page in build.pages():
        text = text_of(page.read_text(encoding="utf-8"))
        hits += [f"{page.relative_to(build.site)}: {hit}" for hit in found(OWN_WORDS[other], text)]
    assert not hits, "\n".join(hits[:20])


@pytest.mark.parametrize("district,other", [("earn-and-learn", "nyc"), ("nyc", "earn-and-learn")])
def test_no_other_district_words_in_search_index(built, district, other):
    index = built(district).search_index()
    text = " ".join(f"{doc['title']} {text_of(doc['text'])}" for doc in index["docs"])
    assert not found(OWN_WORDS[other], text)


@pytest.mark.parametrize("district", ["earn-and-learn", "nyc"])
def test_own_words_are_present(built, district):
    """The guards above would pass on an empty site; make sure each district's words show."""
    build = built(district)
    text = " ".join(text_of(p.read_text(encoding="utf-8")) for p in build.pages())
    for pattern in OWN_WORDS[district]:
        if pattern in (r"Connectors?", r"coordinators?", r"(?-i:ZOOM)", r"virtually", r"remotely"):
            continue  # covered by the longer forms or by specific pages
        assert found([pattern], text), f"{pattern} missing from the {district} build"
