"""axe-core, vendored: a WCAG 2.1 A/AA scan of the page a Playwright page has open.

axe-core 4.14.1 from npm (MPL-2.0, see vendor/axe-core/LICENSE) is kept in the repository
rather than installed by .ci/run, so the scan needs no network and no Node.js, and every
run checks against the same rules until someone deliberately updates the file.
"""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def scan(page) -> list[dict]:
    """axe's WCAG 2.1 A and AA violations on the open page (empty when it passes)."""
    # Colours are read as drawn: let fades and focus transitions finish first.
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')",
                           timeout=5000)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags},
                                                     resultTypes: ["violations"]})).violations""",
        WCAG_21_AA)


def describe(violations: list[dict]) -> str:
    """One line per failing element: rule, impact and where, for a readable assertion."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"{violation['id']} ({violation['impact']}): {' '.join(node['target'])}: {summary}")
    return "\n".join(lines)
