"""Documents to keep (issue 23): each activity's own forms that show it took place, listed on
its checklist with what each shows and a link to its handout. New York's pages call them
"Required Documents" (its profile's `labels:`); a form the district does not publish (a
consent form it gives no wording for, a hidden handout) is listed unlinked, as its own."""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, article, copy_project, text_of

# The documents of each activity, as its file lists them.
DOCUMENTS = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")).get("documents", [])
             for path in sorted((ROOT / "data/activities").glob("*.yml"))}
OWN_FORM = {"nyc": "New York City Public Schools uses its own form.",
            "earn-and-learn": "Earn & Learn uses its own form."}
HEADING = {"nyc": "Required Documents", "earn-and-learn": "Documents to keep"}


def documents_part(page_html: str) -> tuple[str, list[tuple[str, str, str]]]:
    """The part's heading and its entries as (id, class, inner HTML)."""
    found = re.search(r'<h2 id="documents-to-keep">(.*?)</h2>\s*'
                      r'<ul class="guide-documents" id="documents-to-keep-list">(.*?)</ul>',
                      article(page_html), re.S)
    assert found, "no documents to keep on the page"
    entries = []
    for attributes, inner in re.findall(r"<li ([^>]*)>(.*?)</li>", found.group(2), re.S):
        kind = re.search(r'class="([^"]*)"', attributes)
        entries.append((re.search(r'id="([^"]+)"', attributes).group(1), kind.group(1) if kind else "", inner))
    return text_of(found.group(1)), entries


def test_every_activity_names_documents_of_its_own_handouts():
    for activity, documents in DOCUMENTS.items():
        assert documents, activity
        handouts = {h["id"] for h in yaml.safe_load((ROOT / f"data/activities/{activity}.yml")
                                                   .read_text(encoding="utf-8"))["handouts"]}
        assert {d["handout"] for d in documents} <= handouts, activity


@pytest.mark.parametrize("district", ["nyc", "earn-and-learn"])
def test_each_checklist_lists_its_documents_linked_to_their_handouts(built, district):
    build = built(district)
    for activity, documents in DOCUMENTS.items():
        page = f"{activity}/checklist/"
        heading, entries = documents_part(build.html(page))
        assert heading == HEADING[district], (activity, heading)
        assert [ident for ident, _, _ in entries] == [d["id"] for d in documents], activity
        for (ident, kind, inner), document in zip(entries, documents):
            links = re.findall(r'<a href="([^"]+)"', inner)
            text = text_of(inner)
            assert "${" not in text and text.endswith("."), (activity, ident, text)
            published = (build.site / activity / "handouts" / document["handout"] / "index.html").is_file()
            if published:
                assert kind == "" and len(links) == 1, (activity, ident)
                target = posixpath.normpath(posixpath.join(page, links[0]))
                assert target == f"{activity}/handouts/{document['handout']}", (activity, ident, links)
                assert (build.site / target / "index.html").is_file()
            else:  # the district's own form: named, unlinked
                assert kind == "guide-own-form" and not links, (activity, ident)
                assert text.endswith(OWN_FORM[district]), (activity, ident, text)


def test_new_york_calls_them_required_documents_in_its_words(built):
    nyc = built("nyc")
    page = text_of(article(nyc.html("job-shadow/checklist/")))
    assert "Required Documents" in page and "Documents to keep" not in page
    assert "Job Shadow Hours Sign-Off: the date and hours of each visit, signed by the host." in page
    assert "signed by the WBL Coordinator and the host." in page  # the district's word
    assert "what the student saw during the day" in page
    earn = text_of(article(built("earn-and-learn").html("job-shadow/checklist/")))
    assert "Documents to keep" in earn and "Required Documents" not in earn
    assert "what the learner saw during the day" in earn and "signed by the WBL Connector and the host." in earn
    # NYC's own Spanish word for the heading, and the links of its Spanish edition.
    heading, entries = documents_part(nyc.edition("es").html("job-shadow/checklist/"))
    assert heading == "Documentos requeridos"
    assert any(re.search(r'<a href="\.\./handouts/hours-sign-off/"', inner) for _, _, inner in entries)


@pytest.mark.parametrize("district", ["nyc", "earn-and-learn"])
def test_an_unpublished_consent_form_is_listed_unlinked_as_the_districts_own(built, district):
    """Neither district gives the permission slips' legal wording: the slips are not
    published, but they are still documents to keep, the district's own."""
    build = built(district)
    for activity, title in (("job-shadow", "Job Shadow Permission Slip"),
                            ("workplace-tour", "Workplace Tour Permission Slip")):
        assert not (build.site / activity / "handouts/permission-slip").exists()
        _, entries = documents_part(build.html(f"{activity}/checklist/"))
        kind, inner = next((kind, inner) for ident, kind, inner in entries if ident == "kept-permission-slip")
        assert kind == "guide-own-form" and "<a " not in inner
        text = text_of(inner)
        assert text.startswith(f"{title}: that a parent or guardian allowed the ") and \
            text.endswith(f"with an emergency contact and any medical needs. {OWN_FORM[district]}"), text


EARN_CHANGES = """
hide:
  job-shadow: [observation-log, kept-reflection-worksheet]
  internship: [checklist]
overrides:
  job-shadow:
    kept-hours-sign-off: the date and hours of each visit, signed by the host on the day.
"""


def test_a_district_hides_a_form_or_a_document_and_rewords_one(tmp_path):
    """A hidden handout is listed as the district's own form; a hidden document is not
    listed; a document is reworded by its id; with the checklist hidden, the documents
    close the fact sheet."""
    from wbl_guide.data.paths import section_path
    from wbl_guide.data.project import load_project
    from wbl_guide.rendering.site import assemble

    project = copy_project(tmp_path / "project")
    profile = project / "data/districts/earn-and-learn.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + EARN_CHANGES, encoding="utf-8")
    site = assemble(load_project(project, districts=["earn-and-learn"]), "earn-and-learn")
    checklist = site.pages[section_path("job-shadow", "checklist")].markdown
    log = re.search(r'<li id="kept-observation-log"[^>]*>.*?</li>', checklist).group(0)
    assert 'class="guide-own-form"' in log and "](" not in log
    assert "Job Shadow Observation Log: what the learner saw" in log and log.endswith(
        "Earn &amp; Learn uses its own form\\.</li>")
    assert 'id="kept-reflection-worksheet"' not in checklist
    assert "signed by the host on the day\\." in checklist
    assert section_path("internship", "checklist") not in site.pages
    overview = site.pages[section_path("internship", "overview")].markdown
    assert "## Documents to keep { #documents-to-keep }" in overview
    assert "[Internship Hours Log](handouts/hours-log.md)" in overview


def run_check(root) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wbl_guide.cli", "--root", str(root), "check"],
                          capture_output=True, text=True, cwd=ROOT)


def test_a_document_naming_an_unknown_handout_is_a_located_error(tmp_path):
    project = copy_project(tmp_path / "project")
    activity = project / "data/activities/job-shadow.yml"
    text = activity.read_text(encoding="utf-8")
    assert text.count("    handout: hours-sign-off\n") == 1
    text = text.replace("    handout: hours-sign-off\n", "    handout: hours-signoff\n")
    text = text.replace("    handout: observation-log\n", "    handout: permission-slip\n")  # listed twice
    activity.write_text(text, encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = text.splitlines()
    unknown = next(n for n, line in enumerate(lines, 1) if line == "    handout: hours-signoff")
    twice = max(n for n, line in enumerate(lines, 1) if line == "    handout: permission-slip")
    assert re.search(rf"data/activities/job-shadow\.yml:{unknown}:\d+: documents\[\d+\]\.handout: "
                     r"no handout with id 'hours-signoff' in job-shadow", result.stderr), result.stderr
    assert "Did you mean 'hours-sign-off'?" in result.stderr
    assert re.search(rf"data/activities/job-shadow\.yml:{twice}:\d+: documents\[\d+\]\.handout: "
                     r"the handout 'permission-slip' is listed twice", result.stderr), result.stderr
