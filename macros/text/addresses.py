"""Web addresses in the data: the schemes a link may use, and links to the guide's own pages.

A link in data leads to a web page (https, http), an e-mail (mailto) or a phone (tel), or
to a page of this guide written from the site's root (`/informational-interview/checklist/`,
optionally with `#an-item-id`). Anything else (javascript:, data:, vbscript:, a file, a
protocol-relative //host) is refused, however it is disguised: letter case, entities
(&#106;avascript:), percent-encoding or white space inside the scheme.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

SCHEMES = ("https", "http", "mailto", "tel")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# Characters that never belong in an address in our data: they break out of attributes
# or Markdown, or hide a scheme.
_FORBIDDEN = re.compile(r"[\s<>\"'`{}\\\x00-\x1f\x7f]")
_GUIDE_PATH = re.compile(r"^/((?:[a-z0-9]+(?:-[a-z0-9]+)*/)*)(?:#([a-z0-9]+(?:-[a-z0-9]+)*))?$")
_TEL = re.compile(r"^tel:\+?[0-9][0-9().-]*$")


@dataclass(frozen=True)
class GuideLink:
    """A link to a page of this guide: its address path ('informational-interview/checklist/')
    and the id of an item on it, if any."""

    path: str
    fragment: str | None = None


@dataclass(frozen=True)
class AddressProblem:
    message: str
    hint: str | None = None


ALLOWED_HINT = ("Links may use https://, http://, mailto: or tel:, or lead to a page of this "
                "guide written from the site's root, such as /informational-interview/checklist/.")


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see, lowercased, after undoing every disguise."""
    seen = url
    for _ in range(3):  # entities and percent-encoding may be nested
        seen = unquote(html.unescape(seen))
    seen = re.sub(r"[\s\x00-\x1f\x7f]", "", seen)
    match = _SCHEME.match(seen)
    return match.group(1).lower() if match else None


def check_address(url: str) -> AddressProblem | GuideLink | None:
    """None for an allowed outside address, a GuideLink for a page of the guide, or the
    problem with the address."""
    if not url:
        return AddressProblem("expected an address, received nothing")
    scheme = scheme_of(url)
    written = _SCHEME.match(url)
    hidden = scheme is not None and (written is None or written.group(1).lower() != scheme)
    if hidden:  # said first: a disguised scheme is what matters most about such an address
        return AddressProblem(f"the address '{_shown(url)}' hides the scheme '{scheme}:'", ALLOWED_HINT)
    if scheme is not None and scheme not in SCHEMES:
        return AddressProblem(f"links may not use '{scheme}:' ('{url}')", ALLOWED_HINT)
    bad = _FORBIDDEN.search(url)
    if bad:
        shown = {" ": "a space", "\t": "a tab", "\n": "a line break"}.get(bad.group(0), f"'{bad.group(0)}'")
        return AddressProblem(f"an address cannot contain {shown}: '{_shown(url)}'",
                              "Encode spaces as %20, or check where the address ends.")
    if scheme is not None:
        return _check_scheme(url, scheme)
    if url.startswith("//"):
        return AddressProblem(f"'{url}' leads to another site without saying how",
                              "Write the full address, starting with https://.")
    match = _GUIDE_PATH.match(url)
    if not match:
        return AddressProblem(f"'{url}' is neither a full web address nor a page of this guide",
                              ALLOWED_HINT)
    return GuideLink(match.group(1), match.group(2))


def _shown(url: str) -> str:
    """The address with control characters made visible (\\n, \\t)."""
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: repr(m.group(0))[1:-1], url)


def _check_scheme(url: str, scheme: str) -> AddressProblem | None:
    if scheme in ("http", "https"):
        try:
            site = urlsplit(url).netloc
        except ValueError as error:  # e.g. "https://[a]/": brackets that hold no IPv6 address
            return AddressProblem(f"'{url}' is not a web address that can be read ({error})",
                                  "Check the part after '//': a site's name such as example.org.")
        if not site:
            return AddressProblem(f"'{url}' names no site after '{scheme}://'")
        return None
    if scheme == "tel":
        if not _TEL.match(url):
            return AddressProblem(f"expected a phone number such as 'tel:+1-555-0100', received '{url}'")
        return None
    if len(url) <= len("mailto:") or "@" not in url:
        return AddressProblem(f"expected an e-mail address after 'mailto:', received '{url}'")
    return None
