#!/usr/bin/env python3
"""Whole-process benchmark driver for bench/run (stdlib only).

  measure.py replicate SRC OUT --mb N     replicate a JSON Lines corpus to about N MB,
                                         rewriting ids so that replicas are distinct,
                                         and write OUT.reference.json (expected counts)
  measure.py run ...                     measure one corpus, write a results JSON
  measure.py report RESULT.json...       print the Markdown tables

Everything compared is measured in the same run, interleaved: ingest runs alternate
between 1 and 2 threads; query runs go round-robin over queries and tools, the order
of the tools rotating from one round to the next. Figures are medians.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

# ---------------------------------------------------------------------------
# query sets

TOKEN = re.compile(r"[^\W_]+")


def gen_queries(manifest):
    """Queries on a gen_corpus.py corpus; expected counts from its manifest.

    The manifest's needle counts are exact for the text field and for the whole
    JSON line, so the same number is expected from every tool."""
    n = {k: v["docs"] for k, v in manifest["needles"].items()}
    return [
        q("en_phrase", '"taiwan question"', "en", '"taiwan question"', "taiwan question", n["taiwan_question_en"]),
        q("zh_phrase", "台湾问题", "zh", '"台湾问题"', "台湾问题", n["taiwan_question_zh"]),
        q("rare", "vantongeren", "en", "vantongeren", "vantongeren", n["rare_name_en"]),
        q("rare_zh", "欧阳明轩", "zh", '"欧阳明轩"', "欧阳明轩", n["rare_name_zh"]),
        q("common_phrase", '"comprehensive strategic partnership"', "en",
          '"comprehensive strategic partnership"', "comprehensive strategic partnership", n["csp_en"]),
    ]


def q(name, readouts, table, fts, rg, expected, expected_fts=None, expected_rg=None):
    return {
        "name": name, "readouts": readouts, "fts_table": table, "fts": fts, "rg": rg,
        "expected": expected,
        "expected_fts": expected if expected_fts is None else expected_fts,
        "expected_rg": expected if expected_rg is None else expected_rg,
    }


# The White House corpus: English only, hard-wrapped (a phrase may span a line
# break, which a plain substring search of the JSON line does not see).
# Each: (name, readouts query, FTS5 query, rg string, readouts forms, FTS5 forms),
# forms being per query word the tokens it matches (readouts stems; FTS5
# unicode61 does not).
WH_QUERIES = [
    ("en_phrase", '"taiwan strait"', '"taiwan strait"', "taiwan strait",
     [["taiwan"], ["strait", "straits"]], [["taiwan"], ["strait"]]),
    ("zh_phrase", "台湾问题", '"台湾问题"', "台湾问题", None, None),
    ("rare", "tedros", "tedros", "tedros", [["tedros"]], [["tedros"]]),
    ("common_phrase", '"comprehensive strategic partnership"', '"comprehensive strategic partnership"',
     "comprehensive strategic partnership",
     [["comprehensive"], ["strategic"], ["partnership", "partnerships"]],
     [["comprehensive"], ["strategic"], ["partnership"]]),
]


def has_sequence(tokens, forms):
    k = len(forms)
    return any(all(tokens[i + j] in forms[j] for j in range(k)) for i in range(len(tokens) - k + 1))


def wh_reference(path):
    """Expected document counts on a (replicated) White House corpus."""
    counts = {name: {"readouts": 0, "fts": 0, "rg": 0} for name, *_ in WH_QUERIES}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            low = line.lower()
            text = json.loads(line)["text"]
            tokens = TOKEN.findall(text.lower())
            for name, _, _, rg, rforms, fforms in WH_QUERIES:
                c = counts[name]
                c["rg"] += rg in low
                if rforms is None:  # Chinese: substring of the text
                    hit = rg in text
                    c["readouts"] += hit
                    c["fts"] += hit
                else:
                    c["readouts"] += has_sequence(tokens, rforms)
                    c["fts"] += has_sequence(tokens, fforms)
    return counts


def wh_queries(reference):
    out = []
    for name, rq, fq, rg, _, _ in WH_QUERIES:
        c = reference[name]
        table = "zh" if name.startswith("zh") else "en"
        out.append(q(name, rq, table, fq, rg, c["readouts"], c["fts"], c["rg"]))
    return out


# ---------------------------------------------------------------------------
# helpers


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def timed(cmd, ok=(0,), **kw):
    t = time.perf_counter()
    p = run(cmd, **kw)
    dt = time.perf_counter() - t
    if p.returncode not in ok:
        sys.exit(f"command failed ({p.returncode}): {' '.join(map(str, cmd))}\n{p.stderr.decode(errors='replace')[-2000:]}")
    return dt, p


def dir_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def p(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# replicate


def cmd_replicate(a):
    src = open(a.src, "rb").read().splitlines()
    src = [l for l in src if l.strip()]
    size = sum(len(l) + 1 for l in src)
    copies = max(1, round(a.mb * 1e6 / size))
    tmp = a.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        for k in range(copies):
            for line in src:
                rec = json.loads(line)
                rec["id"] = f"{rec['id']}-r{k:03d}"
                if "url" in rec:
                    rec["url"] = f"{rec['url']}#r{k:03d}"
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    os.replace(tmp, a.out)
    ref = wh_reference(a.out)
    with open(a.out + ".reference.json", "w", encoding="utf-8") as f:
        json.dump({"source": os.path.basename(a.src), "copies": copies, "records": copies * len(src),
                   "bytes": os.path.getsize(a.out), "counts": ref}, f, ensure_ascii=False, indent=1)
    p(f"replicated {a.src} x{copies}: {os.path.getsize(a.out) / 1e6:.1f} MB")


# ---------------------------------------------------------------------------
# run


def cmd_run(a):
    corpus = os.path.abspath(a.corpus)
    bytes_ = os.path.getsize(corpus)
    with open(corpus, "rb") as f:
        docs = sum(1 for l in f if l.strip())
    if a.kind == "gen":
        queries = gen_queries(json.load(open(corpus + ".manifest.json", encoding="utf-8")))
    else:
        queries = wh_queries(json.load(open(corpus + ".reference.json", encoding="utf-8"))["counts"])
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    timefile = os.path.join(work, "time.txt")
    res = {"corpus": corpus, "name": a.name, "bytes": bytes_, "docs": docs, "runs": a.runs,
           "query_runs": a.query_runs, "loadavg_start": os.getloadavg()}

    # -- readouts ingest, 1 and 2 threads, and bare tantivy (2 threads), alternating
    ingest = {1: [], 2: []}
    bare = []
    for r in range(a.runs):
        if a.bare:
            bidx = os.path.join(work, "bare-tantivy")
            shutil.rmtree(bidx, ignore_errors=True)
            dt, proc = timed(["/usr/bin/time", "-f", "%M", "-o", timefile, a.bare, corpus, bidx, "2"])
            if json.loads(proc.stdout)["docs"] != docs:
                sys.exit(f"bare tantivy: {proc.stdout} (expected {docs} documents)")
            rss = int(open(timefile).read().split()[-1]) * 1024
            bare.append({"secs": dt, "rss": rss})
            res["bare_bytes"] = dir_bytes(bidx)
            p(f"  [{a.name}] bare tantivy ingest threads=2 run {r}: {dt:.2f} s, peak RSS {rss / 2**20:.0f} MiB")
        for t in (1, 2) if r % 2 == 0 else (2, 1):
            if t == 1 and not a.one_thread:
                continue
            idx = os.path.join(work, f"readouts-t{t}")
            shutil.rmtree(idx, ignore_errors=True)
            dt, proc = timed(["/usr/bin/time", "-f", "%M", "-o", timefile, a.bin, "--index", idx,
                              "ingest", corpus, "--threads", str(t), "--quiet", "--json"])
            summary = json.loads(proc.stdout)
            if summary["added"] != docs or summary["rejected"]:
                sys.exit(f"readouts ingest: {summary} (expected {docs} added)")
            rss = int(open(timefile).read().split()[-1]) * 1024
            ingest[t].append({"secs": dt, "rss": rss})
            p(f"  [{a.name}] readouts ingest threads={t} run {r}: {dt:.2f} s, peak RSS {rss / 2**20:.0f} MiB")
    res["ingest"] = {str(t): v for t, v in ingest.items() if v}
    res["bare_ingest"] = bare
    idx = os.path.join(work, "readouts-t2")
    res["index_bytes"] = dir_bytes(idx)

    # -- re-ingest of the unchanged corpus
    re_runs = []
    for r in range(a.runs):
        dt, proc = timed(["/usr/bin/time", "-f", "%M", "-o", timefile, a.bin, "--index", idx,
                          "ingest", corpus, "--threads", "2", "--quiet", "--json"])
        summary = json.loads(proc.stdout)
        if summary["added"] or summary["updated"] or summary["unchanged"] != docs:
            sys.exit(f"readouts re-ingest changed something: {summary}")
        re_runs.append({"secs": dt, "rss": int(open(timefile).read().split()[-1]) * 1024})
    res["reingest"] = re_runs
    p(f"  [{a.name}] re-ingest unchanged: median {med([x['secs'] for x in re_runs]):.3f} s")

    # -- SQLite FTS5 (unicode61 for English, trigram for Chinese)
    db = os.path.join(work, "fts5.db")
    fts_runs = []
    sep = "\x1f"
    script = f"""CREATE TABLE raw(line TEXT);
.mode ascii
.separator "{sep}" "\\n"
.import '{corpus}' raw
CREATE VIRTUAL TABLE en USING fts5(id UNINDEXED, text, tokenize='unicode61');
CREATE VIRTUAL TABLE zh USING fts5(id UNINDEXED, text, tokenize='trigram');
INSERT INTO en(id, text) SELECT json_extract(line,'$.id'), json_extract(line,'$.text') FROM raw WHERE json_extract(line,'$.lang') NOT LIKE 'zh%';
INSERT INTO zh(id, text) SELECT json_extract(line,'$.id'), json_extract(line,'$.text') FROM raw WHERE json_extract(line,'$.lang') LIKE 'zh%';
DROP TABLE raw;
VACUUM;
"""
    for r in range(a.fts_runs):
        if os.path.exists(db):
            os.remove(db)
        dt, _ = timed(["/usr/bin/time", "-f", "%M", "-o", timefile, "sqlite3", db], input=script.encode())
        fts_runs.append({"secs": dt, "rss": int(open(timefile).read().split()[-1]) * 1024})
        p(f"  [{a.name}] FTS5 build run {r}: {dt:.2f} s")
    res["fts_build"] = fts_runs
    res["fts_bytes"] = os.path.getsize(db)

    # -- commands per query and tool
    def commands(qq, top10=True):
        rq = [a.bin, "--index", idx, "search", "--json", "--exact", qq["readouts"]]
        rd = [a.bin, "--index", idx, "search", "--json", qq["readouts"]]
        t = qq["fts_table"]
        fts = qq["fts"].replace("'", "''")
        if top10:
            sql = f"SELECT id, snippet({t}, 1, '[', ']', '…', 16) FROM {t} WHERE {t} MATCH '{fts}' ORDER BY rank LIMIT 10;"
        else:
            sql = f"SELECT count(*) FROM {t} WHERE {t} MATCH '{fts}';"
        return {
            "readouts": rd,
            "readouts_exact": rq,
            "fts5": ["sqlite3", db, sql],
            "rg": ["rg", "-F", "-i", "-c", qq["rg"], corpus],
        }

    # -- counts (documents), checked against the manifest / reference
    counts = {}
    for qq in queries:
        c = {}
        _, proc = timed(commands(qq)["readouts_exact"][:-1] + ["--limit", "10000", qq["readouts"]], ok=(0, 1))
        ids = {json.loads(l)["doc_id"] for l in proc.stdout.splitlines() if l.strip()}
        c["readouts"] = len(ids)
        c["readouts_capped"] = len(proc.stdout.splitlines()) >= 10000
        _, proc = timed(commands(qq, top10=False)["fts5"])
        c["fts5"] = int(proc.stdout.decode().strip() or 0)
        _, proc = timed(commands(qq)["rg"], ok=(0, 1))
        c["rg"] = int(proc.stdout.decode().strip() or 0)
        c["expected"] = {"readouts": qq["expected"], "fts5": qq["expected_fts"], "rg": qq["expected_rg"]}
        counts[qq["name"]] = c
        p(f"  [{a.name}] counts {qq['name']}: {c}")
    res["counts"] = counts
    res["queries"] = queries

    # -- diagnostic: the same index with its commit payload stripped of the
    # ingest manifest (source path -> statement ids), which every readouts
    # process parses several times on open. Shows what moving the manifest out
    # of meta.json would give; skipped when the payload holds no manifest.
    tools = ["readouts", "readouts_exact", "fts5", "rg"]
    stripped = os.path.join(work, "readouts-no-manifest")
    shutil.rmtree(stripped, ignore_errors=True)
    meta = json.load(open(os.path.join(idx, "meta.json"), encoding="utf-8"))
    payload = json.loads(meta.get("payload") or "{}")
    res["meta_json_bytes"] = os.path.getsize(os.path.join(idx, "meta.json"))
    if a.diagnose and payload.get("sources"):
        shutil.copytree(idx, stripped)
        payload["sources"] = {}
        meta["payload"] = json.dumps(payload)
        with open(os.path.join(stripped, "meta.json"), "w", encoding="utf-8") as f:
            json.dump(meta, f)
        tools.append("readouts_no_manifest")
    cmds = {}
    for qq in queries:
        c = commands(qq)
        c["readouts_no_manifest"] = [stripped if x == idx else x for x in c["readouts_exact"]]
        cmds[qq["name"]] = c
    times = {qq["name"]: {t: [] for t in tools} for qq in queries}
    for it in range(a.query_runs + 2):  # two warm-up rounds, not recorded
        order = tools[it % len(tools):] + tools[:it % len(tools)]
        for qq in queries:
            for t in order:
                dt, _ = timed(cmds[qq["name"]][t], ok=(0, 1))
                if it >= 2:
                    times[qq["name"]][t].append(dt)
    res["query_secs"] = times

    # -- counting on a term that matches about half the corpus
    term = a.half_term
    _, proc = timed([a.bin, "--index", idx, "count", term, "--by", "year", "--json"])
    matched = sum(json.loads(l)["passages"] for l in proc.stdout.splitlines() if l.strip())
    stats = json.loads(timed([a.bin, "--index", idx, "stats", "--json"])[1].stdout)
    res["half_term"] = {"term": term, "passages": matched, "of": stats["passages"]}
    aggs = {
        f"count {term} --by year": [a.bin, "--index", idx, "count", term, "--by", "year", "--json"],
        f"timeline {term}": [a.bin, "--index", idx, "timeline", term, "--json"],
        "stats": [a.bin, "--index", idx, "stats", "--json"],
    }
    agg = {}
    for name, cmd in aggs.items():
        runs = []
        for _ in range(a.query_runs):
            dt, _ = timed(["/usr/bin/time", "-f", "%M", "-o", timefile] + cmd)
            runs.append({"secs": dt, "rss": int(open(timefile).read().split()[-1]) * 1024})
        agg[name] = runs
        p(f"  [{a.name}] {name}: median {med([x['secs'] for x in runs]) * 1e3:.1f} ms")
    res["aggregations"] = agg
    res["loadavg_end"] = os.getloadavg()
    shutil.rmtree(stripped, ignore_errors=True)
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(res, f, ensure_ascii=False, indent=1)
    p(f"  [{a.name}] results: {a.out}")


# ---------------------------------------------------------------------------
# report


def fmt_ms(s):
    return f"{s * 1e3:.1f}"


def cmd_report(a):
    out = []
    w = out.append
    for path in a.results:
        r = json.load(open(path, encoding="utf-8"))
        mb = r["bytes"] / 1e6
        w(f"### {r['name']}: {mb:.1f} MB, {r['docs']} records\n")
        w(f"load average at start {', '.join(f'{x:.2f}' for x in r['loadavg_start'])}; "
          f"at end {', '.join(f'{x:.2f}' for x in r['loadavg_end'])}; "
          f"{r['runs']} ingest runs per setting, {r['query_runs']} query rounds; medians.\n")
        w("| ingest (whole process) | wall s | MB/s | docs/s | peak RSS MiB |")
        w("| --- | --- | --- | --- | --- |")
        for t in [t for t in ("1", "2") if t in r["ingest"]]:
            s = med([x["secs"] for x in r["ingest"][t]])
            rss = med([x["rss"] for x in r["ingest"][t]])
            w(f"| readouts ingest --threads {t} | {s:.2f} | {mb / s:.2f} | {r['docs'] / s:.0f} | {rss / 2**20:.0f} |")
        if r.get("bare_ingest"):
            s = med([x["secs"] for x in r["bare_ingest"]])
            rss = med([x["rss"] for x in r["bare_ingest"]])
            w(f"| bare tantivy (`examples/bare_tantivy.rs`), 2 threads | {s:.2f} | {mb / s:.2f} | {r['docs'] / s:.0f} | {rss / 2**20:.0f} |")
        s = med([x["secs"] for x in r["reingest"]])
        rss = med([x["rss"] for x in r["reingest"]])
        w(f"| readouts re-ingest, unchanged | {s:.3f} | – | – | {rss / 2**20:.0f} |")
        s = med([x["secs"] for x in r["fts_build"]])
        rss = med([x["rss"] for x in r["fts_build"]])
        w(f"| SQLite FTS5 build ({len(r['fts_build'])} run) | {s:.2f} | {mb / s:.2f} | {r['docs'] / s:.0f} | {rss / 2**20:.0f} |")
        w("")
        if r.get("bare_ingest"):
            ratio = med([x["secs"] for x in r["bare_ingest"]]) / med([x["secs"] for x in r["ingest"]["2"]])
            w(f"readouts ingest throughput ÷ bare tantivy (2 threads): **{ratio:.2f}×** (target ≥ 0.5×)\n")
        bare_size = f"; bare tantivy {r['bare_bytes'] / r['bytes']:.2f}" if r.get("bare_bytes") else ""
        w(f"index size ÷ corpus size: readouts **{r['index_bytes'] / r['bytes']:.2f}** "
          f"({r['index_bytes'] / 1e6:.1f} MB); SQLite FTS5 {r['fts_bytes'] / r['bytes']:.2f} "
          f"({r['fts_bytes'] / 1e6:.1f} MB){bare_size}\n")
        diag = any("readouts_no_manifest" in t for t in r["query_secs"].values())
        w("| query (whole process, ms) | readouts (default: glossary expansion) | readouts --exact | SQLite FTS5 | rg -F -i -c | default ÷ rg (target ≤ 0.2) | --exact ÷ rg |"
          + (" diagnostic: readouts, payload without manifest | its ÷ rg |" if diag else ""))
        w("| --- | --- | --- | --- | --- | --- | --- |" + (" --- | --- |" if diag else ""))
        for qq in r["queries"]:
            t = r["query_secs"][qq["name"]]
            ro, ex, f5, rg = med(t["readouts"]), med(t["readouts_exact"]), med(t["fts5"]), med(t["rg"])
            extra = ""
            if diag:
                nm = med(t["readouts_no_manifest"])
                extra = f" {fmt_ms(nm)} | {nm / rg:.3f} |"
            w(f"| {qq['name']} `{qq['readouts']}` | {fmt_ms(ro)} | {fmt_ms(ex)} | {fmt_ms(f5)} | {fmt_ms(rg)} | {ro / rg:.3f} | {ex / rg:.3f} |{extra}")
        w("")
        if r.get("aggregations"):
            h = r["half_term"]
            w(f"Counting on `{h['term']}`, which matches {h['passages']:,} of {h['of']:,} passages "
              f"({h['passages'] / max(h['of'], 1):.0%}); target ≤ 50 ms and ≤ 100 MB:\n")
            w("| command (whole process) | median ms | peak RSS MiB |")
            w("| --- | --- | --- |")
            for name, runs in r["aggregations"].items():
                w(f"| `{name}` | {fmt_ms(med([x['secs'] for x in runs]))} | {med([x['rss'] for x in runs]) / 2**20:.0f} |")
            w("")
        if "meta_json_bytes" in r:
            w(f"readouts meta.json (commit payload with the ingest manifest): {r['meta_json_bytes'] / 1e6:.2f} MB\n")
        w("| documents found | expected | readouts | SQLite FTS5 | rg |")
        w("| --- | --- | --- | --- | --- |")
        for qq in r["queries"]:
            c = r["counts"][qq["name"]]
            e = c["expected"]
            exp = e["readouts"] if len(set(e.values())) == 1 else \
                f"readouts {e['readouts']} / FTS5 {e['fts5']} / rg {e['rg']}"

            def cell(tool):
                n = c[tool]
                mark = "" if n == e[tool] else f" ≠ {e[tool]}"
                return f"{n}{mark}" + (" (capped)" if tool == "readouts" and c.get("readouts_capped") else "")
            w(f"| {qq['name']} | {exp} | {cell('readouts')} | {cell('fts5')} | {cell('rg')} |")
        w("")
    if len(a.results) > 1:
        w("### Scaling\n")
        rs = [json.load(open(path, encoding="utf-8")) for path in a.results]
        names = [qq["name"] for qq in rs[0]["queries"]]
        w("| corpus | MB | ingest s (2 threads) | peak RSS MiB | index ÷ corpus | "
          + " | ".join(f"{n} ms" for n in names) + " |")
        w("| --- " * (5 + len(names)) + "|")
        for r in rs:
            s2 = med([x["secs"] for x in r["ingest"]["2"]])
            rss = med([x["rss"] for x in r["ingest"]["2"]])
            qs = " | ".join(fmt_ms(med(r["query_secs"][n]["readouts"])) if n in r["query_secs"] else "–"
                            for n in names)
            w(f"| {r['name']} | {r['bytes'] / 1e6:.0f} | {s2:.2f} | {rss / 2**20:.0f} | "
              f"{r['index_bytes'] / r['bytes']:.2f} | {qs} |")
        w("")
    text = "\n".join(out)
    print(text)
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")


def cmd_write(a):
    """Put the machine and the report between the markers of BENCHMARKS.md."""
    text = open(a.target, encoding="utf-8").read()
    begin, end = "<!-- bench/run:begin -->", "<!-- bench/run:end -->"
    if begin not in text or end not in text:
        sys.exit(f"measure.py write: {a.target} has no {begin} … {end} markers")
    block = (begin + "\n\nWritten by `bench/run --write`. Machine and load:\n\n```text\n"
             + open(a.machine, encoding="utf-8").read().strip() + "\n```\n\n"
             + open(a.report, encoding="utf-8").read().strip() + "\n\n" + end)
    head, rest = text.split(begin, 1)
    with open(a.target, "w", encoding="utf-8") as f:
        f.write(head + block + rest.split(end, 1)[1])
    p(f"tables written into {a.target}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("replicate")
    r.add_argument("src")
    r.add_argument("out")
    r.add_argument("--mb", type=float, required=True)
    r.set_defaults(f=cmd_replicate)
    r = sub.add_parser("run")
    r.add_argument("--bin", required=True)
    r.add_argument("--corpus", required=True)
    r.add_argument("--kind", choices=["gen", "wh"], required=True)
    r.add_argument("--name", required=True)
    r.add_argument("--work", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--runs", type=int, default=5)
    r.add_argument("--fts-runs", type=int, default=1)
    r.add_argument("--query-runs", type=int, default=21)
    r.add_argument("--no-diagnose", dest="diagnose", action="store_false")
    r.add_argument("--bare", help="the bare_tantivy example binary (the ingest reference)")
    r.add_argument("--no-one-thread", dest="one_thread", action="store_false")
    r.add_argument("--half-term", default="president", help="a term matching about half the passages")
    r.set_defaults(f=cmd_run)
    r = sub.add_parser("report")
    r.add_argument("results", nargs="+")
    r.add_argument("--out")
    r.set_defaults(f=cmd_report)
    r = sub.add_parser("write")
    r.add_argument("target")
    r.add_argument("machine")
    r.add_argument("report")
    r.set_defaults(f=cmd_write)
    a = ap.parse_args()
    a.f(a)


if __name__ == "__main__":
    main()
