#!/usr/bin/env python3
"""Run peer extractors (trafilatura, resiliparse) over a benchmark folder in
one sitting, write predictions in score.py's format and print pages/s (CPU
time, one thread), so copydesk's speed can be compared as a ratio.

Usage: python3 bench/peers.py ../shared/bench/scrapinghub OUT_DIR
Needs: pip install trafilatura resiliparse lxml_html_clean
"""
import gzip
import json
import os
import sys
import time


def load(folder):
    html_dir = os.path.join(folder, "html")
    pages = []
    for name in sorted(os.listdir(html_dir)):
        if name.endswith(".html.gz"):
            with gzip.open(os.path.join(html_dir, name), "rb") as f:
                pages.append((name[: -len(".html.gz")], f.read()))
    return pages


def run(name, fn, pages, out):
    preds = {}
    start = time.process_time()
    for pid, raw in pages:
        try:
            preds[pid] = {"articleBody": fn(raw) or ""}
        except Exception as e:  # a peer's crash is its empty output
            print(f"{name}: {pid}: {e}", file=sys.stderr)
            preds[pid] = {"articleBody": ""}
    secs = time.process_time() - start
    mb = sum(len(r) for _, r in pages) / 1e6
    print(f"{name}: {len(pages)} pages, {len(pages)/secs:.1f} pages/s, {mb/secs:.1f} MB/s (CPU time)")
    with open(os.path.join(out, f"{name}.json"), "w", encoding="utf8") as f:
        json.dump(preds, f, ensure_ascii=False)


def main():
    folder, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    pages = load(folder)
    try:
        import trafilatura

        run("trafilatura", lambda raw: trafilatura.extract(raw.decode("utf8", "replace"), include_comments=False), pages, out)
    except ImportError:
        print("trafilatura not installed", file=sys.stderr)
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        run("resiliparse", lambda raw: extract_plain_text(HTMLTree.parse(raw.decode("utf8", "replace")), main_content=True), pages, out)
    except ImportError:
        print("resiliparse not installed", file=sys.stderr)


if __name__ == "__main__":
    main()
