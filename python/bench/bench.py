#!/usr/bin/env python3
"""copydesk from Python, against trafilatura in the same process.

Reads a benchmark folder the way `copydesk-bench extract` does (html/*.html.gz,
ids sorted), extracts every page with `copydesk.extract` and with
`trafilatura.extract`, writes predictions in score.py's format
({"<id>": {"articleBody": ...}}) and scores both with the reference scorer.
Then times the dict conversion (format="dict" vs format="json" + json.loads) and
`extract_many(jobs=2)` against `jobs=1`.

Usage (from the repo root, after `pip install ./python trafilatura`):
    python3 python/bench/bench.py ../shared/bench/scrapinghub --out /tmp/pybench
The machine may be shared, so every speed is measured in --repeat rounds in
which the things compared take turns, and reported as the median, min and max
of the per-round figures: copydesk and trafilatura take turns every --block
pages (CPU time of the calling thread, both warmed up first: trafilatura's
import is not timed), extract_many's jobs=1 and jobs=2 runs come in
back-to-back pairs, which goes first alternating (wall time; whole-process
CPU time too). Wall times only mean something while the load average stays
under the number of cores: the bench prints it.
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import time

import copydesk


def load(folder):
    html_dir = os.path.join(folder, "html")
    pages = []
    for name in sorted(os.listdir(html_dir)):
        if name.endswith(".html.gz"):
            with gzip.open(os.path.join(html_dir, name), "rb") as f:
                pages.append((name[: -len(".html.gz")], f.read()))
    return pages


def median(xs):
    xs = sorted(xs)
    k = len(xs) // 2
    return xs[k] if len(xs) % 2 else (xs[k - 1] + xs[k]) / 2


def interleaved(sides, raws, rounds, block):
    """CPU time of the calling thread per round for each side, and each
    side's outputs of the first round. The sides take turns every `block`
    pages (who goes first alternates), so that a change in the machine's load
    falls on both alike, while each still runs as in a loop of its own calls:
    turns page by page would time every call with caches just emptied by the
    other side (copydesk 1.85 against 1.51 ms/page alone, same sitting), and
    shorter turns still cost copydesk more per page than longer ones (noisy:
    about 1.5 ms/page with turns of 4 pages, 1.2-1.5 with 181, loaded machine)."""
    secs = {name: [0.0] * rounds for name, _ in sides}
    outs = {name: [] for name, _ in sides}
    clock = time.thread_time
    for r in range(rounds):
        for k, at in enumerate(range(0, len(raws), block)):
            chunk = raws[at : at + block]
            for name, fn in sides if (k + r) % 2 == 0 else sides[::-1]:
                t = clock()
                out = [fn(raw) for raw in chunk]
                secs[name][r] += clock() - t
                if r == 0:
                    outs[name].extend(out)
    return secs, outs


def score(folder, preds, path):
    with open(path, "w", encoding="utf8") as f:
        json.dump(preds, f, ensure_ascii=False)
    scorer = os.path.join(os.path.dirname(os.path.abspath(folder)), "score.py")
    res = subprocess.run(
        [sys.executable, scorer, os.path.join(folder, "ground-truth.json"), path, "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(res.stdout)


def copydesk_text(raw):
    try:
        return copydesk.extract(raw)["text"]
    except copydesk.ExtractionError:
        return ""


def trafilatura_text(raw):
    import trafilatura

    try:
        return trafilatura.extract(raw.decode("utf8", "replace"), include_comments=False) or ""
    except Exception:  # a peer's crash is its empty output
        return ""


def spread(xs, scale=1.0, fmt="{:.2f}"):
    """median, min and max of xs (times scale), formatted."""
    f = [fmt.format(scale * x) for x in (median(xs), min(xs), max(xs))]
    return f"median {f[0]} min {f[1]} max {f[2]}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--out", default="/tmp/copydesk-pybench")
    ap.add_argument("--repeat", type=int, default=5, help="rounds of each measurement")
    ap.add_argument("--copies", type=int, default=6, help="pages repeated this often for extract_many")
    ap.add_argument("--block", type=int, default=32, help="pages per turn in the copydesk/trafilatura comparison")
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("--only", choices=["extract", "dict", "many"], help="run one section")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    pages = load(a.folder)
    raws = [raw for _, raw in pages]
    mb = sum(map(len, raws)) / 1e6
    n = len(pages)
    print(f"{n} pages, {mb:.1f} MB of HTML, copydesk {copydesk.__version__}, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")

    # One page at a time, in this process: CPU time of this thread, the two
    # extractors taking turns every a.block pages, a.repeat rounds. Both are warmed up
    # first (trafilatura's import and lazy set-up are not timed).
    if a.only in (None, "extract"):
        sides = [("copydesk", copydesk_text)]
        if not a.no_trafilatura:
            import trafilatura  # noqa: F401  (imported before timing)

            sides.append(("trafilatura", trafilatura_text))
        for _, fn in sides:
            fn(raws[0])
        secs, outs = interleaved(sides, raws, a.repeat, a.block)
        scores = {}
        for name, _ in sides:
            sc = score(a.folder, {pid: {"articleBody": t} for (pid, _), t in zip(pages, outs[name])},
                       os.path.join(a.out, f"{name}.json"))
            scores[name] = sc
            print(f"{name + '.extract:':21} ms/page {spread(secs[name], 1e3 / n)}  "
                  f"F1 {sc['f1']:.3f} P {sc['precision']:.3f} R {sc['recall']:.3f} acc {sc['accuracy']:.3f}")
        if not a.no_trafilatura:
            ratios = [t / c for t, c in zip(secs["trafilatura"], secs["copydesk"])]
            print(f"speed-up per round ({a.repeat} rounds, interleaved every {a.block} pages): {spread(ratios, fmt='{:.1f}')}x; "
                  f"F1 {scores['copydesk']['f1'] - scores['trafilatura']['f1']:+.3f} (load {os.getloadavg()[0]:.1f})")

    # How a document becomes a dict: format="dict" (the default) vs
    # format="json" + json.loads, each over format="text" (the same
    # extraction, a string out), taking turns like the comparison above.
    if a.only in (None, "dict"):
        sides = [
            ("dict", copydesk.extract),
            ("json", lambda r: json.loads(copydesk.extract(r, format="json"))),
            ("text", lambda r: copydesk.extract(r, format="text")),
        ]
        secs, outs = interleaved(sides, raws, a.repeat, a.block)
        assert outs["dict"] == outs["json"], "format=dict and json.loads disagree"
        over = {k: [x - t for x, t in zip(secs[k], secs["text"])] for k in ("dict", "json")}
        print(f"to dict, ms/page over format='text' (median of {a.repeat} rounds): "
              f"format=dict {1e3 * median(over['dict']) / n:.3f}, "
              f"json+json.loads {1e3 * median(over['json']) / n:.3f} "
              f"(format='text' {1e3 * median(secs['text']) / n:.2f} ms/page)")

    # extract_many: wall time, the same pages repeated; also CPU time of the
    # whole process and of the calling thread (which converts to dicts while
    # the pool extracts the next pages), for a load-independent estimate.
    # Runs come in pairs, jobs=1 and jobs=2 back to back (which goes first
    # alternates), so that a change in the machine's load hits both; the
    # speed-up is taken per pair.
    if a.only in (None, "many"):
        batch = raws * a.copies
        copydesk.extract_many(raws[:8], jobs=2)  # warm-up
        pairs, first = [], None
        for r in range(a.repeat):
            run = {}
            for jobs in ((1, 2) if r % 2 == 0 else (2, 1)):
                w, c, m = time.perf_counter(), time.process_time(), time.thread_time()
                out = copydesk.extract_many(batch, jobs=jobs)
                run[jobs] = (time.perf_counter() - w, time.process_time() - c, time.thread_time() - m)
                texts = [d["text"] for d in out]
                del out
                if first is None:
                    first = texts
                assert texts == first, "jobs=2 changed the output"
            pairs.append(run)
        wall = [p[1][0] / p[2][0] for p in pairs]
        cpu = [p[2][1] / p[1][1] for p in pairs]
        calling = [p[2][2] / p[2][1] for p in pairs]
        w1 = median([p[1][0] for p in pairs])
        w2 = median([p[2][0] for p in pairs])
        print(f"extract_many {len(batch)} pages, {a.repeat} pairs: jobs=1 {len(batch) / w1:.0f} pages/s, "
              f"jobs=2 {len(batch) / w2:.0f} pages/s (medians); jobs=2/jobs=1 per pair {spread(wall)}x wall; "
              f"CPU jobs=2/jobs=1 {spread(cpu)}; calling thread {100 * median(calling):.0f}% of jobs=2's CPU "
              f"(load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
