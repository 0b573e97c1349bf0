#!/usr/bin/env python3
"""Side-by-side throughput: Lexiscope's full analysis against scikit-learn's CountVectorizer
(unigrams + bigrams) on the same corpus, in the same run.

Optional (not part of `cargo test`). Needs `pip install scikit-learn` and a release build:

    cargo build --release
    python3 benches/compare_countvectorizer.py CORPUS_DIR [--lexiscope target/release/lexiscope]

It reads every .txt/.md file under CORPUS_DIR as one document (as Lexiscope does), times
CountVectorizer(ngram_range=(1, 2)).fit_transform over them (reading included), runs
`lexiscope bench run CORPUS_DIR`, and prints both throughputs and their ratio.
"""
import argparse
import os
import re
import subprocess
import sys
import time


def read_corpus(root):
    docs, size = [], 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not name.endswith((".txt", ".md")):
                continue
            with open(os.path.join(dirpath, name), "rb") as f:
                data = f.read()
            size += len(data)
            docs.append(data.decode("utf-8", errors="replace"))
    return docs, size


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--lexiscope", default="target/release/lexiscope")
    args = ap.parse_args()
    try:
        from sklearn.feature_extraction.text import CountVectorizer
    except ImportError:
        sys.exit("scikit-learn is not installed: pip install scikit-learn")

    t0 = time.perf_counter()
    docs, size = read_corpus(args.corpus)
    matrix = CountVectorizer(ngram_range=(1, 2)).fit_transform(docs)
    sk_s = time.perf_counter() - t0
    sk_mb_s = size / 1e6 / sk_s

    out = subprocess.run(
        [args.lexiscope, "bench", "run", args.corpus],
        check=True, capture_output=True, text=True,
    ).stdout
    print(out, end="")
    m = re.search(r"^full pipeline\s+([\d.]+)\s+([\d.]+)", out, re.M)
    if not m:
        sys.exit("could not read the full-pipeline line of `lexiscope bench run`")
    lx_s, lx_mb_s = float(m.group(1)), float(m.group(2))
    print(f"\nscikit-learn CountVectorizer(1,2): {sk_s:.2f} s, {sk_mb_s:.1f} MB/s "
          f"({matrix.shape[0]} docs, {matrix.shape[1]} features)")
    print(f"Lexiscope full analysis:           {lx_s:.2f} s, {lx_mb_s:.1f} MB/s")
    print(f"ratio (Lexiscope / CountVectorizer throughput): {lx_mb_s / sk_mb_s:.2f}x")


if __name__ == "__main__":
    main()
