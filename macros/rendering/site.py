"""One district's whole site as data: every page's Markdown, the navigation, the site name.

`assemble` renders every page of a validated project (publish.py, the one front door from
data to a site, loads and validates it first and adds the PDFs). All of it happens before
any file is written, so a data error never leaves a half-built site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.colors import stylesheet
from .script_fonts import web_faces
from ..data.editions import in_language, is_translated, prefix
from ..base.errors import GuideError
from ..base.fingerprints import Fingerprint
from ..base.fallback import is_fallback, unmark
from ..data.translations import GUIDE, reviewed, translate
from ..data.model import Activity, Bundle, District, Downloads, Guide, Handout, Labels, Paragraph
from ..data import paths
from ..data.paths import ACTIVITIES, HOME, PLANS, bundle_path, handout_path, section_path
from ..data.logo import read_logo
from .plan_outline import plan_outline
from .print_fit import print_fit
from ..data.project import Project, district_assets
from .render import Renderer, unreviewed_notice, untranslated_notice
from .site_stylesheet import SITE_CSS, site_stylesheet
from .resolve import fill_terms, own_forms, resolve_activity, resolve_labels, resolve_stages
from ..words.terms import Terms
from ..data.walk import item_index

if TYPE_CHECKING:
    from .pdf_file import Pdf

LOGO_DIR = "assets/district"

# The template that knows each kind of section; the rest use section.md.j2.
_TEMPLATES = {"checklist": "checklist.md.j2", "timeline": "timeline.md.j2", "downloads": "downloads.md.j2"}


@dataclass(frozen=True)
class Page:
    path: str  # source path under docs/, e.g. "informational-interview/checklist.md"
    title: str
    nav_title: str
    markdown: str
    in_nav: bool = True
    searched: bool = True  # False for My plans (nothing to find) and collections (repeats)


@dataclass(frozen=True)
class Site:
    district_id: str
    district: District
    site_name: str
    language: str
    terms: Terms
    guide: Guide
    labels: Labels
    activities: tuple[Activity, ...]
    pages: dict[str, Page]
    nav: list
    assets: dict[str, bytes] = field(default_factory=dict)  # generated files, by site path
    logo: str | None = None  # the logo's site path, when the district has one
    warnings: tuple = ()  # lint findings for this district (Problems), shown in the build log
    editions: tuple[str, ...] = ("en",)  # every language the district publishes, the default first

    @property
    def prefix(self) -> str:
        """Where this edition lives below the district's site: '' or 'es/'."""
        return prefix(self.language, self.district)

    def page(self, path: str) -> Page:
        return self.pages[path]


def assemble(project: Project, district_id: str, pdfs: dict[str, Pdf] | None = None,
             language: str | None = None, rendered: dict[str, list[Page]] | None = None) -> Site:
    """The district's site in one of its languages (the default when None). `pdfs` (by
    the source path of the page each prints) are linked from their pages and shipped with
    the site; publish.py renders them. `rendered`: activities' pages made by earlier builds
    of the caller's, reused while their inputs are the same (see _rendered_pages)."""
    pdfs = pdfs or {}
    profile = project.districts[district_id]
    language = language or profile.editions()[0]
    terms = project.terms_for(district_id, language)
    district = fill_terms(in_language(profile, language), terms)
    source_guide, source_activities = project.guide, project.activities
    if is_translated(profile, language):  # the shared text in the language, English where untranslated
        translations = project.translations[language]
        source_guide = translate(project.guide, translations[GUIDE])
        source_activities = {ident: translate(activity, translations[ident])
                             for ident, activity in project.activities.items()}
    labels = resolve_labels(source_guide.labels, district, terms)
    shown = [a for a in source_activities.values() if a.id not in district.hide_activities]
    guide = fill_terms(source_guide, terms)
    stages = resolve_stages(guide, district, shown)
    order = [stage.id for stage in stages]
    activities = tuple(sorted((resolve_activity(a, district, terms, labels) for a in shown),
                              key=lambda a: (order.index(a.stage), a.title)))
    guide = guide.model_copy(update={"activities": guide.activities.model_copy(update={"stages": stages})})
    renderer = Renderer()
    site_pages = paths.all_pages(activities)  # what this district publishes, by address
    common = {"site_name": district.site_name, "coordinator_note": district.coordinator_note, "labels": labels,
              "district": district, "district_id": district_id, "pdfs": pdfs, "site_pages": site_pages,
              "plan_labels": plan_labels(labels), "plan_english": english_labels(labels),
              # Forms left to the district's own (resolve.own_forms), by id, listed where they would be.
              "own_forms": {a.id: [h.id for h in own_forms(a, district)] for a in shown},
              # The titles of the handouts the district does not publish, named unlinked.
              "unpublished": {a.id: _unpublished(a, source_activities[a.id], terms) for a in activities}}

    pages: list[Page] = []
    nav: list = [{labels.home: HOME}, {labels.activities: ACTIVITIES}, {labels.my_plans: PLANS}]
    by_stage: dict[str, list] = {stage.id: [] for stage in stages}
    shared = _context_key(common, language)
    for activity in activities:
        activity_pages = _rendered_pages(activity, renderer, common, shared, rendered)
        pages += activity_pages
        by_stage[activity.stage].append({activity.title: _activity_nav(activity, activity_pages, labels)})
    # The continuum's stages group the activities, so eight of them stay easy to scan.
    nav += [{stage.title: by_stage[stage.id]} for stage in stages if by_stage[stage.id]]
    overviews = {a.id: section_path(a.id, "overview") for a in activities}
    home = renderer.render(
        "home.md.j2", page=HOME, guide=guide, activities=activities, activity_pages=overviews,
        activity_sections={a.id: [(section.nav_title or section.title, section_path(a.id, key))
                                  for key, section in a.sections()] for a in activities},
        contacts=district.contacts, **common)
    listing = renderer.render("activities.md.j2", page=ACTIVITIES, guide=guide, activities=activities,
                              activity_pages=overviews, **common)
    # A translated edition's page that shows English says so under its title (render.py);
    # My plans, where its script draws such a text (my-plans.js).
    notice = labels.untranslated if is_translated(profile, language) else None
    plans = renderer.render("plans.md.j2", page=PLANS, outline=plan_outline(activities, district),
                            untranslated=notice, **common)
    pages[:0] = [Page(HOME, district.site_name, labels.home, home),
                 Page(ACTIVITIES, guide.activities.title, labels.activities, listing),
                 Page(PLANS, labels.my_plans, labels.my_plans, plans, searched=False)]
    pages = [replace(page, markdown=untranslated_notice(page.markdown, notice)) for page in pages]
    if is_translated(profile, language) and not reviewed(project.translations[language]):
        pages[0] = replace(pages[0], markdown=unreviewed_notice(pages[0].markdown, labels.unreviewed))

    # The edition's script font, if Atkinson Hyperlegible lacks its letters (script_fonts.py).
    css = site_stylesheet(project.root, stylesheet(*_colors(district))) + web_faces(project.root, language)
    assets = {SITE_CSS: css.encode("utf-8")}
    logo = None
    if district.logo:
        logo = f"{LOGO_DIR}/{Path(district.logo).name}"
        # The logo as checked and rebuilt (logo.py), never the author's bytes as they are.
        checked = read_logo(district_assets(project.root, district_id) / district.logo)
        if checked.refusal:  # the file changed after it was validated
            raise GuideError([project.sources[f"districts/{district_id}"].problem(("logo",), checked.refusal,
                                                                                  checked.hint)])
        assets[logo] = checked.data
    assets.update({pdf.path: pdf.data for pdf in pdfs.values()})
    return Site(district_id, district, district.site_name, language, terms, guide, labels,
                activities, {page.path: page for page in pages}, nav, assets, logo, editions=tuple(profile.editions()))


# The labels the plan scripts show (plans.js, plan-bar.js, checklist.js, planner.js, my-plans.js).
_PLAN_LABELS = ("plan", "plans_", "import_", "save_failed", "step_note", "my_plans", "checklist_", "planner_")


def plan_labels(labels: Labels) -> dict[str, str]:
    return {key: value for key, value in labels.model_dump().items() if key.startswith(_PLAN_LABELS)}


def english_labels(labels: Labels) -> list[str]:
    """The keys of the plan labels a translated edition still shows in English (fallback.py),
    written into the page (data-english-labels) beside the labels, whose attribute has no
    room for the mark: the scripts mark each element showing one lang="en" (plans.js)."""
    return sorted(key for key, value in plan_labels(labels).items() if is_fallback(value))


def _unpublished(activity: Activity, source: Activity, terms: Terms) -> dict[str, str]:
    """The titles, in the district's words, of the handouts the district does not publish
    (hidden, or its own form), by id: named unlinked where they would be used (the
    downloads page, the documents to keep)."""
    published = {h.id for h in activity.handouts}
    return {h.id: fill_terms(h, terms).title for h in source.handouts if h.id not in published}


def _colors(district: District) -> tuple[str | None, str | None]:
    return (district.colors.primary, district.colors.accent) if district.colors else (None, None)


def _activity_nav(activity: Activity, pages: list[Page], labels: Labels) -> list:
    sections = [{p.nav_title: p.path} for p in pages if p.in_nav and "/handouts/" not in p.path]
    handouts = [{p.nav_title: p.path} for p in pages if p.in_nav and "/handouts/" in p.path]
    return sections + ([{labels.handouts: handouts}] if handouts else [])


# `mkdocs serve` assembles the site again after every save, though a save changes one file.
# An activity's pages are a pure function of its resolved data and of the context shared by
# all pages, so while both are the same they are rendered once: assemble() keeps them in the
# `rendered` dictionary its caller holds from build to build (the plugin, for a serve
# session; it starts a new one when the core's code changes).
RENDERED_LIMIT = 256  # districts x languages x activities, with room for edits


def _context_key(common: dict, language: str) -> str | None:
    if common["pdfs"]:  # builds with PDFs are one-offs: nothing to reuse
        return None
    shared = {key: value.model_dump(mode="json") if hasattr(value, "model_dump") else value
              for key, value in common.items() if key != "pdfs"}
    return json.dumps([language, shared], sort_keys=True, default=repr)


def _rendered_pages(activity: Activity, renderer: Renderer, common: dict, shared: str | None,
                    rendered: dict[str, list[Page]] | None) -> list[Page]:
    if shared is None or rendered is None:
        return _activity_pages(activity, renderer, common)
    key = Fingerprint("activity").value("context", shared).value("activity", activity.model_dump_json()).hexdigest()
    if key not in rendered:
        if len(rendered) > RENDERED_LIMIT:
            rendered.clear()
        rendered[key] = _activity_pages(activity, renderer, common)
    return list(rendered[key])


def _activity_pages(activity: Activity, renderer: Renderer, common: dict) -> list[Page]:
    pages = []
    sections = dict(activity.sections())
    section_pages = {key: section_path(activity.id, key) for key in sections}
    handout_pages = {h.id: handout_path(activity.id, h.id) for h in activity.handouts}
    links = {"section_pages": section_pages, "handout_pages": handout_pages, "activity": activity}
    index = item_index(activity)

    def section(key: str, path: str, level: int) -> str:
        context = dict(common, **links, page=path, section=sections[key], key=key, level=level,
                       interactive=level == 1)  # level 2 is a sheet in a collection
        if isinstance(sections[key], Downloads):
            context.update(_bundle_context(activity, sections[key]))
        return renderer.render("page.md.j2", kind=_TEMPLATES.get(key, "section.md.j2"), **context)

    def handout(item: Handout, path: str, level: int) -> str:
        included = _included(item, index, sections)
        return renderer.render("handout.md.j2", **common, **links, page=path, handout=item, level=level,
                               included=included, print_fit=print_fit(item, [model for _, _, model, _ in included]),
                               tick_boxes=item.tick_boxes, writing_lines=item.writing_lines)

    for key, model in sections.items():
        path = section_pages[key]
        pages.append(Page(path, _named(model.title, activity), model.nav_title or model.title,
                          section(key, path, 1)))
    for item in activity.handouts:
        path = handout_pages[item.id]
        pages.append(Page(path, _named(item.title, activity), item.nav_title or item.title,
                          handout(item, path, 1)))
    if activity.downloads:
        handouts = {h.id: h for h in activity.handouts}
        for bundle in activity.downloads.bundles:
            path = bundle_path(activity.id, bundle.id)
            members = [k for k in sections if k != "downloads"] if bundle.complete else bundle.include
            sheets = [handout(handouts[i], path, 2) if i in handouts else section(i, path, 2) for i in members]
            markdown = renderer.render("bundle.md.j2", **common, **links, page=path, bundle=bundle, sheets=sheets)
            # Not searched: a collection repeats its pages' words, and a search should lead
            # to the page itself (and the index every first view loads stays half as big).
            pages.append(Page(path, bundle.title, bundle.title, markdown, in_nav=False, searched=False))
    return pages


def _named(title: str, activity: Activity) -> str:
    """A page's full title (browser tab, search results, PDF) names its activity, so that
    "Tips for Success" of eight activities can be told apart. Titles are plain words here:
    no room in a <title> to mark English in a translated edition."""
    title, name = unmark(title), unmark(activity.title)
    if name.casefold() in title.casefold():
        return title
    return f"{title} · {name}"


def _included(handout: Handout, index: dict, sections: dict) -> list[tuple[str, str, object, str | None]]:
    """What a handout reproduces, as (kind, id, model, template): kind is 'section', 'part'
    or 'paragraph'; only sections have a template of their own."""
    included = []
    for ident in handout.include:
        if ident in sections:
            included.append(("section", ident, sections[ident], _TEMPLATES.get(ident, "section.md.j2")))
        else:
            model = index[ident][1]
            included.append(("paragraph" if isinstance(model, Paragraph) else "part", ident, model, None))
    return included


def _bundle_context(activity: Activity, downloads: Downloads) -> dict:
    handouts = {h.id: h for h in activity.handouts}
    sections = dict(activity.sections())

    def listed(bundle: Bundle) -> list[tuple[str, str]]:
        if bundle.complete:
            return [(s.nav_title or s.title, section_path(activity.id, k)) for k, s in sections.items()
                    if k != "downloads"]
        return [(handouts[i].nav_title or handouts[i].title, handout_path(activity.id, i)) if i in handouts
                else (sections[i].nav_title or sections[i].title, section_path(activity.id, i))
                for i in bundle.include if i in handouts or i in sections]

    return {
        "bundle_pages": {b.id: bundle_path(activity.id, b.id) for b in downloads.bundles},
        "bundle_contents": {b.id: listed(b) for b in downloads.bundles},
    }
