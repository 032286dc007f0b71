"""How fast the PDFs render: seconds per PDF page, and for all PDFs of a district.

    .venv/bin/python benchmarks/pdf_speed.py                # every bundled district
    .venv/bin/python benchmarks/pdf_speed.py nyc --workers 1

For each PDF, rendered alone in this process (after one warm-up render, so WeasyPrint's
import and font loading are not counted): pages, size, seconds and seconds per page. Then
all PDFs of the district together, as `mkdocs build` renders them (a process pool, one
worker per core; this time includes starting the workers). The goal is at most 0.4 s per
PDF page on a 2-core machine. A benchmark, not a test: it prints figures and never fails
on them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wbl_guide.pdf.renderer import render_pdf, render_pdfs  # noqa: E402
from wbl_guide.data.project import cores  # noqa: E402
from wbl_guide.data.project import district_ids  # noqa: E402
from wbl_guide.publishing.publish import print_documents  # noqa: E402
from wbl_guide.publishing.publish import publish  # noqa: E402

GOAL = 0.4  # seconds per PDF page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("districts", nargs="*", help="district ids (default: every bundled district)")
    parser.add_argument("--workers", type=int, default=None, help=f"processes for the whole set (default: {cores()})")
    parser.add_argument("--paper", choices=("letter", "a4"), default=None, help="override the districts' paper")
    args = parser.parse_args(argv)
    districts = args.districts or district_ids(ROOT)
    workers = args.workers or cores()

    rows = []
    for district in districts:
        site = publish(ROOT, district, pdf=False)
        documents = print_documents(site, ROOT, args.paper)
        render_pdf(documents[0])  # warm-up: import WeasyPrint, load the fonts
        for document in documents:
            start = time.perf_counter()
            pdf = render_pdf(document)
            seconds = time.perf_counter() - start
            rows.append((district, pdf.path.removesuffix(".pdf").replace("/pdf/", "/"), pdf.pages, pdf.size, seconds))
        start = time.perf_counter()
        rendered = render_pdfs(documents, workers)
        seconds = time.perf_counter() - start
        pages = sum(pdf.pages for pdf in rendered.values())
        size = sum(pdf.size for pdf in rendered.values())
        rows.append((district, f"all {len(rendered)} PDFs, {workers} workers", pages, size, seconds))

    print(f"{'district':<16} {'pdf (activity/item)':<44} {'pages':>5} {'size KB':>8} {'seconds':>8} {'s/page':>7}")
    print("-" * 92)
    worst = 0.0
    for district, name, pages, size, seconds in rows:
        per_page = seconds / pages
        worst = max(worst, per_page)
        print(f"{district:<16} {name:<44} {pages:>5} {size / 1000:>8.1f} {seconds:>8.2f} {per_page:>7.3f}")
    print("-" * 92)
    verdict = "met" if worst <= GOAL else "NOT met"
    print(f"slowest: {worst:.3f} s per page; goal {GOAL} s per page on {cores()} cores: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
