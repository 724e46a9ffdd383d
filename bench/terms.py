#!/usr/bin/env python3
"""Per-term precision and recall of the default search (issue 21), stdlib only.

  terms.py CORPUS.jsonl INDEX [--binary target/release/readouts]

The index must hold CORPUS (``readouts --index INDEX ingest CORPUS.jsonl``).
For each term, the truth is the set of statements whose text matches the
term's regular expression below (the forms a researcher counting the term
accepts, written independently of the analyzer); the answer is the set of
statements `readouts search TERM --all --json` returns (document level).
Prints a Markdown table, and whether each term's report (stderr) named a
language it reached as written only.
"""
import argparse
import json
import re
import subprocess
import time

# term → regular expression over a statement's text (hard wraps are spaces).
TERMS = [
    # acronyms: capitals only (the pronouns `us`, `who` are not the country, the WHO)
    ("US", r"\b(US|U\.S\.|USA|U\.S\.A\.|United States)(?![a-z])|\bAmerica\b"),
    ("UN", r"\b(UN|U\.N\.|United Nations)(?![a-z])"),
    ("EU", r"\b(EU|E\.U\.|European Union)(?![a-z])"),
    ("G7", r"\b(G7|G-7|Group of Seven)\b"),
    ("DPRK", r"\b(DPRK|D\.P\.R\.K\.|North Korea|Democratic People[’']s Republic of Korea)\b"),
    ("ROK", r"\b(ROK|South Korea)\b|(?<!People.s )\bRepublic of Korea\b"),
    ("WHO", r"\b(WHO|World Health Organi[sz]ation)\b"),
    ("NATO", r"\bNATO\b|North Atlantic Treaty Organi[sz]ation"),
    ("ASEAN", r"\bASEAN\b|Association of Southeast Asian Nations"),
    # -isms: the doctrine, not the adjective
    ("multilateralism", r"(?i)\bmultilateralisms?\b"),
    ("terrorism", r"(?i)\bterrorisms?\b"),
    ("authoritarianism", r"(?i)\bauthoritarianisms?\b"),
    # names and places
    ("Xinjiang", r"(?i)\bxinjiang\b"),
    ("Zelenskyy", r"(?i)\bzelensk(yy|iy|y|i)\b"),
    ("Pelosi", r"(?i)\bpelosi\b"),
    ("Scarborough", r"(?i)\bscarborough\b"),
    ('"Taiwan Strait"', r"(?i)\btaiwan strait\b"),
    ('"Hong Kong"', r"(?i)\bhong kong\b"),
]


def truth(docs, pattern):
    rx = re.compile(pattern)
    return {d["id"] for d in docs if rx.search(re.sub(r"\s+", " ", d["text"]))}


def answer(binary, index, term):
    started = time.monotonic()
    run = subprocess.run(
        [binary, "--index", index, "search", term, "--all", "--json"],
        capture_output=True,
        text=True,
    )
    elapsed = time.monotonic() - started
    found = {json.loads(line)["doc_id"] for line in run.stdout.splitlines() if line.strip()}
    report = [json.loads(l) for l in run.stderr.splitlines() if l.startswith("{")]
    return found, report, elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("index")
    ap.add_argument("--binary", default="target/release/readouts")
    a = ap.parse_args()
    docs = [json.loads(l) for l in open(a.corpus, encoding="utf-8")]
    print("| query | truth | found | precision | recall | reached as written only | seconds |")
    print("|---|---:|---:|---:|---:|---|---:|")
    ps, rs = [], []
    for term, pattern in TERMS:
        t = truth(docs, pattern)
        f, report, elapsed = answer(a.binary, a.index, term)
        hit = len(t & f)
        p = hit / len(f) if f else 1.0
        r = hit / len(t) if t else 1.0
        ps.append(p)
        rs.append(r)
        gaps = sorted({m for o in report for x in o["coverage"]["terms"] for m in x["missing"]})
        print(f"| `{term}` | {len(t)} | {len(f)} | {p:.3f} | {r:.3f} | {', '.join(gaps) or '—'} | {elapsed:.2f} |")
    print(f"| **macro** | | | **{sum(ps)/len(ps):.3f}** | **{sum(rs)/len(rs):.3f}** | | |")


if __name__ == "__main__":
    main()
