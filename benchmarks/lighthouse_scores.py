#!/usr/bin/env python3
"""Lighthouse scores (mobile, simulated slow 4G) of each district's home page and checklist,
and of each other edition's home page.

    .venv/bin/python benchmarks/lighthouse_scores.py                  # every district, 3 runs
    .venv/bin/python benchmarks/lighthouse_scores.py --runs 1 --district nyc

Each district is built HTML-only into a temporary folder and served on 127.0.0.1 with gzip,
as a real web server would serve it (without it Lighthouse would mostly measure the missing
compression). Lighthouse runs with its defaults (mobile, simulated throttling) in Debian's
Chromium, the way tests/browser/test_lighthouse.py runs it. Performance is the median of
--runs runs: the simulation scales the CPU time it observes, so a busy machine scores lower.
Goals (issue 13): performance >= 95, accessibility 100, best practices >= 95 on both pages
of both districts. A benchmark, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wbl_guide.data.project import district_ids  # noqa: E402

LIGHTHOUSE = ROOT / "tests" / "browser" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("GUIDE_CHROMIUM", "/usr/bin/chromium")
# As tests/browser/conftest.py CHROMIUM_ARGS: no calls to Google's hosts, no QUIC or GPU in a container.
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = ["", "informational-interview/checklist/"]
CATEGORIES = ["performance", "accessibility", "best-practices"]
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 95}
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzipped when the client accepts it (compressed once, kept)."""

    # Keep-alive, as real servers do: over HTTP/1.0 every request opens a connection, and the
    # simulation would charge a handshake on slow 4G for each one.
    protocol_version = "HTTP/1.1"
    _cache: dict[tuple[str, float], bytes] = {}
    _lock = threading.Lock()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and os.path.isfile(path) and os.path.splitext(path)[1] in COMPRESSED):
            return super().send_head()  # redirects, 404s, fonts and images as before
        key = (path, os.path.getmtime(path))
        with self._lock:
            if key not in self._cache:
                self._cache[key] = gzip.compress(Path(path).read_bytes(), 6)
            body = self._cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))  # of the gzipped bytes sent
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):  # the output is for figures, not access logs
        pass


@contextlib.contextmanager
def _serving(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _build(district: str, site: Path) -> None:
    env = {**os.environ, "GUIDE_PDF": "0", "GUIDE_DISTRICT": district, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "-q", "-d", str(site)],
                   cwd=ROOT, env=env, check=True)


def _lighthouse(url: str, out: Path) -> dict:
    # No --form-factor/--throttling flags: Lighthouse's defaults are mobile on simulated slow 4G.
    command = ["node", str(LIGHTHOUSE), url, f"--chrome-path={CHROMIUM}", "--only-categories=" + ",".join(CATEGORIES),
               "--output=json", f"--output-path={out}", "--quiet", "--chrome-flags=" + " ".join(CHROMIUM_ARGS)]
    for _ in range(2):  # on a loaded machine Chromium now and then misses a deadline: try once more
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        report = json.loads(out.read_text(encoding="utf-8")) if result.returncode == 0 else {}
        if report and "runtimeError" not in report:  # with one, the scores are null, not zero
            return report
    raise RuntimeError(f"Lighthouse failed on {url}: {report.get('runtimeError') or result.stderr[-2000:]}")


def _score(report: dict, category: str) -> float:
    return round(100.0 * (report["categories"][category]["score"] or 0), 1)


def _reports(runs: int, districts: list[str]):
    """(district, page, report) for each page; the report is the run of median performance."""
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError("Lighthouse is not installed: "
                                "npm ci --prefix tests/browser/lighthouse --no-audit --no-fund")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        for district in districts:
            site = Path(tmp) / district
            _build(district, site)
            # The other editions' home pages too (New York City's Chinese and Arabic: issue 25).
            editions = [f"{folder.name}/" for folder in sorted(site.iterdir())
                        if folder.is_dir() and re.fullmatch(r"[a-z]{2,3}(-[a-z]{2,4})?", folder.name)
                        and (folder / "index.html").is_file()]
            with _serving(site) as origin:
                for page in PAGES + editions:
                    found = [_lighthouse(origin + page, Path(tmp) / "report.json") for _ in range(runs)]
                    found.sort(key=lambda report: _score(report, "performance"))
                    yield district, page, found[(len(found) - 1) // 2]  # a real run's report, not an average


def _row(district: str, page: str, report: dict) -> tuple[str, str, float, float, float]:
    return (district, page or "/", *(_score(report, category) for category in CATEGORIES))


def scores(runs: int = 1, districts: list[str] | None = None) -> list[tuple[str, str, float, float, float]]:
    """(district, page, performance, accessibility, best_practices), 0-100, per page."""
    return [row[:5] for row in scores_and_weights(runs, districts)]


def scores_and_weights(runs: int = 1, districts: list[str] | None = None) -> list[tuple]:
    """(district, page, performance, accessibility, best_practices, first view in bytes
    as Lighthouse counts it: its total byte weight, gzip as served) per page."""
    return [(*_row(*found), found[2]["audits"]["total-byte-weight"]["numericValue"])
            for found in _reports(runs, districts or district_ids(ROOT))]


def _details_of(audit: dict) -> dict:
    return audit.get("details") or {}  # an audit that passed or did not apply may have none


def _details(report: dict) -> list[str]:
    audits = report["audits"]
    lines = [f"  FCP {audits['first-contentful-paint']['displayValue']}, "
             f"LCP {audits['largest-contentful-paint']['displayValue']}, "
             f"TBT {audits['total-blocking-time']['displayValue']}, "
             f"CLS {audits['cumulative-layout-shift']['displayValue']}, "
             f"total {audits['total-byte-weight']['numericValue'] / 1024:.0f} KiB, "
             f"unused CSS {_details_of(audits['unused-css-rules']).get('overallSavingsBytes', 0) / 1024:.0f} KiB"]
    for item in _details_of(audits["render-blocking-resources"]).get("items", []):
        lines.append(f"  render-blocking: {item['url']} ({item.get('wastedMs', 0):.0f} ms)")
    # CLS weighs 25 % of the score: name what moved and how much of the CLS it caused.
    for item in _details_of(audits["layout-shifts"]).get("items", []):
        if item.get("score", 0) >= 0.01:
            lines.append(f"  layout shift {item['score']:.3f}: {item['node'].get('selector', '?')}")
    # The performance audits that fall short, costliest first (by their estimated LCP/FCP savings).
    weak = [audit for audit in audits.values() if audit.get("score") is not None and audit["score"] < 0.9
            and audit.get("scoreDisplayMode") in ("metricSavings", "numeric", "binary")
            and audit.get("metricSavings")]
    weak.sort(key=lambda audit: -max(audit["metricSavings"].values()))
    for audit in weak[:6]:
        savings = ", ".join(f"{k} {v:.0f}" for k, v in audit["metricSavings"].items() if v)
        lines.append(f"  weak: {audit['id']}: {audit.get('displayValue', '')} [{savings or 'no estimate'}]")
    failing = [audit["id"] for category in ("accessibility", "best-practices")
               for ref in report["categories"][category]["auditRefs"]
               if ref["weight"] and (audit := audits[ref["id"]]).get("score") is not None and audit["score"] < 1]
    if failing:
        lines.append("  failing (a11y/best practices): " + ", ".join(failing))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; performance is their median")
    parser.add_argument("--district", action="append", help="district id (repeatable; default: every bundled one)")
    args = parser.parse_args(argv)

    rows, details = [], []
    try:
        for district, page, report in _reports(args.runs, args.district or district_ids(ROOT)):
            rows.append(_row(district, page, report))
            details += [f"{district} {page or '/'}:", *_details(report)]
            print(f"measured {district} {page or '/'}", file=sys.stderr, flush=True)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1

    # The simulation scales the CPU time it observed: a loaded machine scores lower, so say how loaded.
    print(f"Lighthouse {report['lighthouseVersion']}, mobile, simulated slow 4G, median of {args.runs} run(s); "
          f"load average (at the end) {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores, "
          f"benchmark index {report['environment']['benchmarkIndex']:.0f}\n")
    print("| district | page | performance | accessibility | best practices |")
    print("|---|---|---:|---:|---:|")
    for row in rows:
        print("| {} | {} | {:.0f} | {:.0f} | {:.0f} |".format(*row))
    print("\n" + "\n".join(details) + "\n")
    for index, category in enumerate(CATEGORIES):
        worst = min(row[2 + index] for row in rows)
        verdict = "met" if worst >= GOALS[category] else "NOT met"
        print(f"{category}: lowest {worst:.0f}, goal >= {GOALS[category]}: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
