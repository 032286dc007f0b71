"""axe-core, vendored: a WCAG 2.1 A/AA scan of the page a Playwright page has open.

axe-core 4.14.1 from npm (MPL-2.0, see vendor/axe-core/LICENSE) is kept in the repository
rather than installed by .ci/run, so the scan needs no network and no Node.js, and every
run checks against the same rules until someone deliberately updates the file.
"""

from __future__ import annotations

import re
from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
# Where the test server (conftest.serving) serves AXE beside every site: a script loaded
# by URL is fetched and compiled by the browser, instead of 650 kB of source sent
# through Playwright and parsed as an inline script on every page scanned. The
# contexts do not count it as one of the site's requests (conftest.open_context).
AXE_PATH = "/.test-axe-core/axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Wait until the page is as a reader sees it: its fonts loaded, two frames drawn whatever
# runs (Material sizes its sidebars in the animation frame after the page's layout; until
# then the navigation hangs over the footer of a short page, and a scan right after the
# load event once read the footer's color behind the sidebar's links), then fades and
# focus transitions finished (5 s at most).
SETTLE = """async () => {
    const until = performance.now() + 5000;
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    await document.fonts.ready;
    await frame();
    await frame();
    while (document.getAnimations().some((a) => a.playState === 'running')) {
        if (performance.now() > until) throw new Error("animations still running after 5 s");
        await frame();
    }
}"""

# One round trip per page: settle, load axe-core, run it.
SCAN = """async ([tags, source]) => {
    await (%s)();
    if (typeof window.axe === 'undefined') {
        if (source === null) throw new Error("axe-core is not on the page");
        await new Promise((resolve, reject) => {
            const script = document.createElement('script');
            script.src = source;
            script.onload = resolve;
            script.onerror = () => reject(new Error(`axe-core did not load from ${source}`));
            document.head.appendChild(script);
        });
    }
    return (await axe.run(document, {runOnly: {type: "tag", values: tags},
                                     resultTypes: ["violations"]})).violations;
}""" % SETTLE


def scan(page) -> list[dict]:
    """axe's WCAG 2.1 A and AA violations on the open page (empty when it passes)."""
    served = re.match(r"http://127\.0\.0\.1:\d+", page.url)
    if served is None and not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))  # a page not from the test server
    return page.evaluate(SCAN, [WCAG_21_AA, served.group(0) + AXE_PATH if served else None])


def describe(violations: list[dict]) -> str:
    """One line per failing element: rule, impact and where, for a readable assertion."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"{violation['id']} ({violation['impact']}): {' '.join(node['target'])}: {summary}")
    return "\n".join(lines)
