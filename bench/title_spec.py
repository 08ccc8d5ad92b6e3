#!/usr/bin/env python3
"""Title accuracy on readability-pages, also under the issue's definition of a title.

The readability-pages gold is readability.js's output, which keeps a page's
" | Site" (or " - Author") suffix whenever the page's og:title / <title> has it.
Issue 4 asks for the headline *without* such suffixes. This script prints the
scorer's exact title accuracy, and a second accuracy where a prediction also
counts as right when it equals the gold minus one trailing " <sep> suffix" part
(sep one of | - – — · _ :: @ »). It lists the pages in each class.

    python3 bench/title_spec.py ../shared/bench/readability-pages/ground-truth.json OUT/meta-readability.json
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])), ".."))
from score_meta import empty, norm_text  # noqa: E402

SEP = re.compile(r"\s+(?:\||-|–|—|·|::|@|»)\s+|\s+_")


def suffix_stripped(gold):
    """Every prefix of gold ending before a separator (the last parts dropped)."""
    cuts = [m.start() for m in SEP.finditer(gold)]
    return [gold[:c] for c in cuts if c > 0]


def main():
    truth = json.load(open(sys.argv[1]))
    pred = json.load(open(sys.argv[2]))
    exact = spec = total = 0
    suffix_only, wrong = [], []
    for name, g in sorted(truth.items()):
        gold = g.get("title")
        if empty(gold):
            continue
        total += 1
        p = (pred.get(name) or {}).get("title")
        if not empty(p) and norm_text(p) == norm_text(gold):
            exact += 1
            spec += 1
        elif not empty(p) and any(norm_text(p) == norm_text(s) for s in suffix_stripped(gold)):
            spec += 1
            suffix_only.append((name, gold, p))
        else:
            wrong.append((name, gold, p))
    print(f"pages with a gold title: {total}")
    print(f"exact (score_meta.py):                {100 * exact / total:.1f}")
    print(f"exact, or gold minus its suffix:      {100 * spec / total:.1f}")
    print(f"\nright but for the gold's suffix ({len(suffix_only)}):")
    for n, g, p in suffix_only:
        print(f"  {n}: gold {g!r} / pred {p!r}")
    print(f"\nwrong either way ({len(wrong)}):")
    for n, g, p in wrong:
        print(f"  {n}: gold {g!r} / pred {p!r}")


if __name__ == "__main__":
    main()
