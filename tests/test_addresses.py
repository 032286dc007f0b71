"""Addresses in the data (addresses.py): which are allowed, which lead to the guide's own
pages, and which are refused however they are disguised."""

from __future__ import annotations

import pytest

from wbl_guide.text.addresses import SCHEMES, AddressProblem, GuideLink, check_address, scheme_of

ALLOWED = [
    "https://x.org",
    "http://x.org",
    "https://www.bls.gov/ooh/",
    "HTTPS://X.ORG/a",
    "http://x.org:80/a?b=c&d=e#f",
    "https://x.org/%20a",
    "https://en.wikipedia.org/wiki/Foo_(bar)",
    "mailto:x@y.org",
    "MAILTO:x@y.org",
    "mailto:first.last+tag@school.k12.ny.us",
    "tel:+1-555-0100",
    "tel:5550100",
    "tel:+1(555)010.0100",
]

GUIDE_LINKS = [
    ("/informational-interview/checklist/#prep", GuideLink("informational-interview/checklist/", "prep")),
    ("/informational-interview/checklist/", GuideLink("informational-interview/checklist/", None)),
    ("/informational-interview/", GuideLink("informational-interview/", None)),
    ("/job-shadow/handouts/checklist-sheet/", GuideLink("job-shadow/handouts/checklist-sheet/", None)),
    ("/", GuideLink("", None)),
    ("/#contacts", GuideLink("", "contacts")),
]

# (address, words the refusal's message must contain)
REFUSED = [
    ("", "received nothing"),
    ("javascript:alert(1)", "'javascript:'"),
    ("JaVaScRiPt:alert(1)", "'javascript:'"),
    ("&#106;avascript:alert(1)", "hides the scheme 'javascript:'"),
    ("&#x6A;avascript:alert(1)", "hides the scheme 'javascript:'"),
    ("&#0000106;avascript:alert(1)", "hides the scheme 'javascript:'"),
    ("javascript&colon;alert(1)", "hides the scheme 'javascript:'"),
    ("javascript&#58;alert(1)", "hides the scheme 'javascript:'"),
    ("jav&#x09;ascript:alert(1)", "hides the scheme 'javascript:'"),
    ("%6Aavascript:alert(1)", "hides the scheme 'javascript:'"),
    ("%256Aavascript:alert(1)", "hides the scheme 'javascript:'"),
    ("&amp;#106;avascript:alert(1)", "hides the scheme 'javascript:'"),
    ("data:text/html,<b>x", None),
    ("data:text/html;base64,PHNjcmlwdD4=", "'data:'"),
    ("vbscript:msgbox(1)", "'vbscript:'"),
    ("file:///etc/passwd", "'file:'"),
    ("ftp://x.org", "'ftp:'"),
    ("//evil.com", "another site"),
    ("//evil.com/informational-interview/", "another site"),
    ("ｊａｖａｓｃｒｉｐｔ:alert(1)", None),  # fullwidth letters
    ("ｈｔｔｐｓ://x.org", None),
    (" javascript:alert(1)", "hides the scheme 'javascript:'"),
    ("java\tscript:alert(1)", "hides the scheme 'javascript:'"),
    ("java\nscript:alert(1)", "hides the scheme 'javascript:'"),
    ("\x00javascript:alert(1)", None),
    ("https://x.org/a b", "a space"),
    ('https://x.org/"onmouseover="alert(1)', "'\"'"),
    ("https://x.org/'onmouseover='alert(1)", "'''"),
    ("https://x.org\\@evil.com", "'\\'"),
    ("http:\\\\evil.com", "'\\'"),
    ("https://x.org/<script>", "'<'"),
    ("https://x.org/`x`", "'`'"),
    ("https://x.org/{x}", "'{'"),
    ("https://", "names no site"),
    ("https:x.org", "names no site"),
    ("http:///x", "names no site"),
    ("https://[a]/", "not a web address that can be read"),  # urlsplit raises: a message, not a traceback
    ("mailto:", "e-mail address"),
    ("mailto:someone", "e-mail address"),
    ("tel:call-me", "phone number"),
    ("tel:", "phone number"),
    ("informational-interview/checklist/", "neither"),
    ("../checklist/", "neither"),
    ("/a/../b/", "neither"),
    ("/Informational-Interview/", "neither"),
    ("/informational-interview/checklist", "neither"),
    ("/informational-interview/checklist/#Prep", "neither"),
    ("/informational-interview/checklist/#a#b", "neither"),
    ("#prep", "neither"),
    ("?q=1", "neither"),
    ("www.x.org", "neither"),
]


@pytest.mark.parametrize("url", ALLOWED)
def test_allowed(url):
    assert check_address(url) is None


@pytest.mark.parametrize("url,expected", GUIDE_LINKS)
def test_a_page_of_the_guide(url, expected):
    assert check_address(url) == expected


@pytest.mark.parametrize("url,words", REFUSED)
def test_refused(url, words):
    problem = check_address(url)
    assert isinstance(problem, AddressProblem), problem
    assert problem.message
    if words:
        assert words in problem.message, problem.message


@pytest.mark.parametrize("url", [url for url, _ in REFUSED])
def test_nothing_refused_is_a_guide_link_or_allowed(url):
    assert not isinstance(check_address(url), GuideLink) and check_address(url) is not None


@pytest.mark.parametrize("url,scheme", [
    ("https://x.org", "https"),
    ("JaVaScRiPt:x", "javascript"),
    ("&#106;avascript:x", "javascript"),
    ("%6Aavascript:x", "javascript"),
    ("%26%23106%3Bavascript:x", "javascript"),
    ("java\tscript:x", "javascript"),
    ("/informational-interview/", None),
    ("//evil.com", None),
])
def test_scheme_as_a_browser_sees_it(url, scheme):
    assert scheme_of(url) == scheme


def test_only_the_four_schemes():
    assert set(SCHEMES) == {"https", "http", "mailto", "tel"}
