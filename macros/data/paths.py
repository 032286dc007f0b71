"""Where each page of a district's site lives: source paths (under docs/) and addresses.

Addresses are neutral (no district word) and stable, so data may link to a page of the
guide by its address from the site's root: /informational-interview/checklist/.
"""

from __future__ import annotations

import posixpath

from .model import SECTION_KEYS, Activity

HOME = "index.md"
ACTIVITIES = "activities.md"
PLANS = "plans.md"  # My plans: every plan kept in the browser (assets/javascripts/my-plans.js)
# Top-level names the site itself uses: an activity may not take one as its id.
RESERVED = ("activities", "plans", "assets", "search", "index", "404", "sitemap", "pdf", "downloads",
            "handouts", "javascripts", "stylesheets", "district")


def slug(key: str) -> str:
    return key.replace("_", "-")


def section_path(activity_id: str, key: str) -> str:
    return f"{activity_id}/index.md" if key == "overview" else f"{activity_id}/{slug(key)}.md"


def handout_path(activity_id: str, handout_id: str) -> str:
    return f"{activity_id}/handouts/{handout_id}.md"


def bundle_path(activity_id: str, bundle_id: str) -> str:
    return f"{activity_id}/downloads/{bundle_id}.md"


def pdf_path(activity_id: str, item_id: str) -> str:
    """Where a handout's or a collection's PDF goes: neutral, with no district word."""
    return f"{activity_id}/pdf/{item_id}.pdf"


def address(source: str) -> str:
    """'informational-interview/checklist.md' -> 'informational-interview/checklist/'."""
    if source == HOME:
        return ""
    stem = source.removesuffix(".md")
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def url_between(from_source: str, to_source: str) -> str:
    """The relative URL from one page to another in the built site (directory URLs), for
    addresses written into HTML attributes, where MkDocs does not rewrite links."""
    here, there = address(from_source).rstrip("/") or ".", address(to_source).rstrip("/") or "."
    way = posixpath.relpath(there, here)
    return "./" if way == "." else way + "/"


def plans_address(from_source: str) -> str:
    return url_between(from_source, PLANS)


def activities_address(from_source: str) -> str:
    return url_between(from_source, ACTIVITIES)


def activity_pages(activity: Activity) -> list[str]:
    """Every page an activity may have, as source paths (whether a district shows it or not)."""
    pages = [section_path(activity.id, key) for key, _ in activity.sections()]
    pages += [handout_path(activity.id, handout.id) for handout in activity.handouts]
    if activity.downloads:
        pages += [bundle_path(activity.id, bundle.id) for bundle in activity.downloads.bundles]
    return pages


def all_pages(activities) -> dict[str, str]:
    """Address -> source path of every page of the guide."""
    sources = [HOME, ACTIVITIES, PLANS] + [page for activity in activities for page in activity_pages(activity)]
    return {address(source): source for source in sources}


__all__ = ["HOME", "ACTIVITIES", "PLANS", "RESERVED", "SECTION_KEYS", "slug", "section_path", "handout_path",
           "bundle_path", "pdf_path", "address", "url_between", "plans_address", "activity_pages", "all_pages"]
