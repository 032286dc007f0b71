"""One district's whole site as data: every page's Markdown, the navigation, the site name.

`build_site` is the core's front door. It loads and validates everything, then renders every
page before any file is written, so a data error can never leave a half-built site.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Activity, District, Downloads, Guide
from .project import Project, choose_district, load_project
from .render import Renderer, slug
from .resolve import resolve_activity, resolve_shared
from .terms import Terms

HOME = "index.md"

# The template that knows each kind of section; the rest use section.md.j2.
_TEMPLATES = {"checklist": "checklist.md.j2", "timeline": "timeline.md.j2", "downloads": "downloads.md.j2"}


@dataclass(frozen=True)
class Page:
    path: str  # source path under docs/, e.g. "informational-interview/checklist.md"
    title: str
    nav_title: str
    markdown: str
    in_nav: bool = True


@dataclass(frozen=True)
class Site:
    district_id: str
    district: District
    site_name: str
    language: str
    terms: Terms
    guide: Guide
    activities: tuple[Activity, ...]
    pages: dict[str, Page]
    nav: list

    def page(self, path: str) -> Page:
        return self.pages[path]


def build_site(root: Path, district: str | None = None) -> Site:
    """Load, validate and render the site of `district` (the default when None)."""
    root = Path(root)
    district_id = choose_district(root, district)
    return assemble(load_project(root, [district_id]), district_id)


def section_path(activity_id: str, key: str) -> str:
    return f"{activity_id}/index.md" if key == "overview" else f"{activity_id}/{slug(key)}.md"


def bundle_path(activity_id: str, bundle_id: str) -> str:
    return f"{activity_id}/downloads/{bundle_id}.md"


def assemble(project: Project, district_id: str) -> Site:
    district = project.districts[district_id]
    terms = Terms(project.vocabulary, project.terms[district_id])
    activities = tuple(resolve_activity(a, district, terms) for a in project.activities.values())
    guide = resolve_shared(project.guide, terms)
    note = terms.render(district.coordinator_note) if district.coordinator_note else None
    renderer = Renderer()
    common = {"site_name": district.site_name, "coordinator_note": note}

    pages: list[Page] = []
    nav: list = [{"Home": HOME}]
    for activity in activities:
        pages += _activity_pages(activity, renderer, common)
        nav.append({activity.title: [{p.nav_title: p.path} for p in pages
                                     if p.in_nav and p.path.startswith(activity.id + "/")]})
    home = renderer.render(
        "home.md.j2", page=HOME, guide=guide, activities=activities,
        activity_pages={a.id: section_path(a.id, "overview") for a in activities},
        activity_sections={a.id: [(key, section.nav_title or section.title, section_path(a.id, key))
                                  for key, section in a.sections()] for a in activities},
        **common)
    pages.insert(0, Page(HOME, district.site_name, "Home", home))
    return Site(district_id, district, district.site_name, district.language, terms, guide,
                activities, {page.path: page for page in pages}, nav)


def _activity_pages(activity: Activity, renderer: Renderer, common: dict) -> list[Page]:
    pages = []
    sections = activity.sections()
    section_pages = {key: section_path(activity.id, key) for key, _ in sections}
    for key, section in sections:
        path = section_pages[key]
        context = dict(common, page=path, section=section, key=key, activity=activity,
                       section_pages=section_pages)
        if isinstance(section, Downloads):
            context.update(_bundle_context(activity, section, section_pages))
        markdown = renderer.render("page.md.j2", kind=_TEMPLATES.get(key, "section.md.j2"), **context)
        pages.append(Page(path, section.title, section.nav_title or section.title, markdown))
    if activity.downloads:
        for bundle in activity.downloads.bundles:
            path = bundle_path(activity.id, bundle.id)
            included = [(key, section, _TEMPLATES.get(key, "section.md.j2"))
                        for key, section in _bundle_sections(activity, bundle)]
            markdown = renderer.render("bundle.md.j2", page=path, bundle=bundle, activity=activity,
                                       sections=included, section_pages=section_pages, **common)
            pages.append(Page(path, bundle.title, bundle.title, markdown, in_nav=False))
    return pages


def _bundle_sections(activity: Activity, bundle) -> list[tuple[str, object]]:
    if bundle.complete:
        return [(key, section) for key, section in activity.sections() if key != "downloads"]
    present = dict(activity.sections())
    return [(key, present[key]) for key in bundle.sections if key in present]


def _bundle_context(activity: Activity, downloads: Downloads, section_pages: dict) -> dict:
    return {
        "bundle_pages": {b.id: bundle_path(activity.id, b.id) for b in downloads.bundles},
        "bundle_titles": {b.id: b.title.rstrip(":") for b in downloads.bundles},
        "bundle_contents": {b.id: [(key, section.nav_title or section.title)
                                   for key, section in _bundle_sections(activity, b)]
                            for b in downloads.bundles},
    }
