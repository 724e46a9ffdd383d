#!/usr/bin/env python3
"""Whole-process time and peak RSS of ingest (file and stdin) and of the
counting commands (count, timeline, stats) for one readouts binary.

    bench/aggregations.py BINARY CORPUS.jsonl WORKDIR [--runs N]

Ingests CORPUS into WORKDIR/index (3 times from the file, once from stdin;
wall time and peak RSS by /usr/bin/time), then times each counting command
N times (default 11; median, milliseconds) for a rare, a medium, a frequent
and a very frequent term of the generated corpus (gen_corpus.py --docs 75200
--seed 42), and prints a Markdown table. Run it for two binaries (before and
after a change) on the same corpus to compare; nothing is written outside
WORKDIR.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import time

TERMS = ['"Aurelio Vantongeren"', "fentanyl", "soybeans", "president"]


def timed(cmd, shell=False):
    out = "/tmp/readouts-aggregations-time.txt"
    full = ["/usr/bin/time", "-o", out, "-f", "%e %M"]
    full += ["sh", "-c", cmd] if shell else cmd
    subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    seconds, kb = open(out).read().split()[-2:]
    return float(seconds), int(kb) // 1024


def main():
    p = argparse.ArgumentParser()
    p.add_argument("binary")
    p.add_argument("corpus")
    p.add_argument("workdir")
    p.add_argument("--runs", type=int, default=11)
    a = p.parse_args()
    index = os.path.join(a.workdir, "index")
    print("| what | time | peak RSS |\n| --- | --- | --- |")
    for i in range(3):
        shutil.rmtree(index, ignore_errors=True)
        s, mb = timed([a.binary, "--index", index, "ingest", a.corpus, "--quiet"])
        print(f"| ingest file, run {i + 1} | {s:.2f} s | {mb} MB |")
    shutil.rmtree(index, ignore_errors=True)
    s, mb = timed(f"cat '{a.corpus}' | '{a.binary}' --index '{index}' ingest - --quiet", shell=True)
    print(f"| ingest stdin | {s:.2f} s | {mb} MB |")
    commands = []
    for term in TERMS:
        commands += [["count", term, "--by", "year"], ["count", term, "--by", "publisher"],
                     ["timeline", term, "--per", "year"]]
    commands.append(["stats"])
    for cmd in commands:
        times = []
        for _ in range(a.runs):
            start = time.perf_counter()
            subprocess.run([a.binary, "--index", index] + cmd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times.append((time.perf_counter() - start) * 1000)
        _, mb = timed([a.binary, "--index", index] + cmd)
        print(f"| `{' '.join(cmd)}` | {statistics.median(times):.1f} ms | {mb} MB |")


if __name__ == "__main__":
    main()
