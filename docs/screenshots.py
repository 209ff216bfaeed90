"""Regenerate the report pictures in docs/: the HTML report at 1280 px and at 390 px, and the
first page of its PDF, from the bundled fraud example.

    python docs/screenshots.py [--example fraud-realtime-canary] [--out docs]

Needs Debian's Chromium (/usr/bin/chromium), Playwright for Python (the test extra), and
``pdftoppm`` (Debian's poppler-utils) for the PDF page. Look at every picture it writes.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("no Chromium on PATH: apt-get install chromium")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", default="fraud-realtime-canary")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    import mlops_maturity
    from playwright.sync_api import sync_playwright
    report = mlops_maturity.assess(ROOT / "examples" / f"{args.example}.yaml",
                                   generated_at="2026-11-30T12:00:00Z")
    html = mlops_maturity.render_report(report, "html")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page_file = Path(tmp) / "report.html"
        page_file.write_text(html, encoding="utf-8")
        browser = p.chromium.launch(executable_path=chromium(), args=ARGS)
        for width, name in ((1280, "report-1280.png"), (390, "report-390.png")):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(page_file.as_uri())
            page.screenshot(path=str(args.out / name), full_page=False)
            print(f"wrote {args.out / name}")
        page = browser.new_page()
        page.goto(page_file.as_uri())
        pdf = Path(tmp) / "report.pdf"
        pdf.write_bytes(page.pdf(format="Letter", print_background=True))
        browser.close()
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf),
                        str(Path(tmp) / "page")], check=True)
        first = next(Path(tmp).glob("page-*1.png"))
        shutil.copy(first, args.out / "report-page-1.png")
        print(f"wrote {args.out / 'report-page-1.png'}")


if __name__ == "__main__":
    main()
