#!/usr/bin/env python3
"""Helpers for bench/run.sh: normalise each tool's output, score it against the corpus's
PLANTED.tsv, build the worst-case tree, and write the Markdown report.

Standard library only. Subcommands:
  literals  RULES_DIR LITERALS_FILE            compare the rules' prefilter literals with the file
  extract   TOOL OUTPUT_FILE                    tool output -> TSV (path, line, rule) on stdout
  score     PLANTED_TSV CORPUS TOOL=TSV...      recall/precision on the planted set (JSON on stdout)
  worstcase CORPUS OUT_DIR [--mib N] [--file-kib N]
  rss       TIME_V_OUTPUT                       peak RSS in KiB from `/usr/bin/time -v`
  timev     TIME_V_OUTPUT                       wall, user, sys, peak RSS as JSON
  round     HYPERFINE_JSON                      one line per command: name and wall seconds
  flat      FLAT_DIR FILES_1X BYTES_1X FILES_2X BYTES_2X   medians of the 1x/2x runs -> flat.json
  worst     WORST_DIR TREE [full|sample TIMEOUT] worst-case figures -> worst.json
  report    WORK_DIR OUT_MD                     the results file
"""

import json
import os
import re
import statistics
import sys

# ----------------------------------------------------------------------------- extract


def _norm(path):
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def extract(tool, output_file):
    """Yields (path, line, rule) for every finding/match a tool reported."""
    with open(output_file, "rb") as f:
        raw = f.read()
    if tool.startswith("pwflow"):
        doc = json.loads(raw)
        for fi in doc["findings"]:
            yield _norm(fi["path"]), fi["start"]["line"], fi["rule"]
    elif tool.startswith("rg"):
        # `rg --json`: one "match" message per group of matched lines; in multiline mode a match
        # spans lines, and it counts on the line where it starts (as a parser's node would).
        for ln in raw.splitlines():
            msg = json.loads(ln)
            if msg.get("type") != "match":
                continue
            data = msg["data"]
            path = data["path"].get("text")
            if path is None:
                import base64

                path = base64.b64decode(data["path"]["bytes"]).decode("utf-8", "replace")
            text = data["lines"].get("text")
            if text is None:
                import base64

                text = base64.b64decode(data["lines"]["bytes"]).decode("utf-8", "replace")
            btext = text.encode("utf-8")
            for sm in data["submatches"]:
                line = data["line_number"] + btext[: sm["start"]].count(b"\n")
                yield _norm(path), line, "regex"
    elif tool == "ast-grep":
        for ln in raw.splitlines():
            if not ln.strip():
                continue
            m = json.loads(ln)
            yield _norm(m["file"]), m["range"]["start"]["line"] + 1, m.get("ruleId", "?")
    elif tool == "semgrep":
        doc = json.loads(raw)
        for r in doc["results"]:
            yield _norm(r["path"]), r["start"]["line"], r["check_id"].rsplit(".", 1)[-1]
    else:
        raise SystemExit(f"extract: unknown tool {tool}")


def cmd_extract(tool, output_file):
    for path, line, rule in extract(tool, output_file):
        sys.stdout.write(f"{path}\t{line}\t{rule}\n")


# ----------------------------------------------------------------------------- score


def read_planted(planted_tsv):
    rows = []
    with open(planted_tsv) as f:
        header = f.readline().rstrip("\n").split("\t")
        assert header == ["expect", "path", "line", "rule"], header
        for ln in f:
            ex, path, line, rule = ln.rstrip("\n").split("\t")
            rows.append((ex, path, int(line), rule))
    return rows


def read_tsv(path):
    out = []
    with open(path) as f:
        for ln in f:
            p, line, rule = ln.rstrip("\n").split("\t")
            out.append((p, int(line), rule))
    return out


def source_line(corpus, path, line):
    try:
        with open(os.path.join(corpus, path), encoding="utf-8", errors="replace") as f:
            for i, text in enumerate(f, 1):
                if i == line:
                    return text.strip()
    except OSError:
        pass
    return "?"


def score(planted_tsv, corpus, tool_tsvs):
    planted = read_planted(planted_tsv)
    hits = {(p, l): r for ex, p, l, r in planted if ex == "hit"}
    misses = {(p, l): r for ex, p, l, r in planted if ex == "miss"}
    result = {}
    for tool, tsv in tool_tsvs:
        found = read_tsv(tsv)
        lines = {(p, l) for p, l, _ in found}
        in_planted = {k for k in lines if k[0].startswith("planted/")}
        tp = in_planted & set(hits)
        fp = in_planted - set(hits)
        result[tool] = {
            "hits": len(hits),
            "near_misses_total": len(misses),
            "found": len(tp),
            "recall": len(tp) / len(hits) if hits else 1.0,
            "precision": len(tp) / len(in_planted) if in_planted else 1.0,
            "near_misses_reported": sorted(
                [{"path": p, "line": l, "rule": misses[(p, l)], "text": source_line(corpus, p, l)} for p, l in fp if (p, l) in misses]
            , key=lambda d: (d["path"], d["line"])),
            "other_false_positives": sorted(
                [{"path": p, "line": l, "text": source_line(corpus, p, l)} for p, l in fp if (p, l) not in misses]
            , key=lambda d: (d["path"], d["line"])),
            "missed": sorted(
                [{"path": p, "line": l, "rule": r, "text": source_line(corpus, p, l)} for (p, l), r in hits.items() if (p, l) not in tp]
            , key=lambda d: (d["path"], d["line"])),
            "reports_total": len(found),
            "lines_total": len(lines),
            "lines_outside_planted": len(lines - in_planted),
        }
    return result


def cmd_score(planted_tsv, corpus, pairs):
    tool_tsvs = [tuple(p.split("=", 1)) for p in pairs]
    json.dump(score(planted_tsv, corpus, tool_tsvs), sys.stdout, indent=1)
    sys.stdout.write("\n")


# ----------------------------------------------------------------------------- literals


def cmd_literals(rules_dir, literals_file):
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        print("warning: python3 has no tomllib (< 3.11): literal drift not checked")
        return
    rule_lits = set()
    for root, _, files in os.walk(rules_dir):
        for fn in files:
            if fn.endswith(".toml"):
                with open(os.path.join(root, fn), "rb") as f:
                    doc = tomllib.load(f)
                rule_lits.update(lit.lower() for lit in doc.get("prefilter", []))
                for lits in doc.get("prefilter-by-language", {}).values():
                    rule_lits.update(lit.lower() for lit in lits)
    with open(literals_file) as f:
        file_lits = {ln.rstrip("\n").lower() for ln in f if ln.strip() and not ln.startswith("#")}
    if rule_lits == file_lits:
        print("ok")
    else:
        print(
            "DRIFT: rules/ prefilter literals %s, bench literals %s (missing %s, extra %s)"
            % (sorted(rule_lits), sorted(file_lits), sorted(rule_lits - file_lits), sorted(file_lits - rule_lits))
        )


# ----------------------------------------------------------------------------- worst case


def cmd_worstcase(corpus, out, mib=50, file_kib=16):
    """Every file passes the gate: the planted files, each body repeated to about FILE_KIB KiB,
    copied into copy-NNNN/ directories until the tree holds MIB MiB."""
    planted = read_planted(os.path.join(corpus, "PLANTED.tsv"))
    hits_per_file = {}
    for ex, p, _, _ in planted:
        if ex == "hit":
            hits_per_file[p] = hits_per_file.get(p, 0) + 1
    src_root = os.path.join(corpus, "planted")
    files = []
    for root, _, names in os.walk(src_root):
        for n in sorted(names):
            files.append(os.path.join(root, n))
    files.sort()
    bodies = {}
    expected_per_copy = 0
    for fp in files:
        rel = os.path.relpath(fp, src_root)
        with open(fp, encoding="utf-8") as f:
            text = f.read()
        if not text.endswith("\n"):
            text += "\n"
        head, body = "", text
        if text.startswith("<?php\n"):  # one opening tag, then the body repeated
            head, body = "<?php\n", text[len("<?php\n"):]
        reps = max(1, (file_kib * 1024 - len(head)) // max(1, len(body.encode("utf-8"))))
        bodies[rel] = (head + body * reps).encode("utf-8")
        expected_per_copy += hits_per_file.get("planted/" + rel, 0) * reps
    per_copy = sum(len(b) for b in bodies.values())
    copies = max(1, -(-mib * 1024 * 1024 // per_copy))
    tmp = out + ".partial"
    if os.path.exists(tmp):
        import shutil

        shutil.rmtree(tmp)
    for c in range(copies):
        for rel, data in bodies.items():
            dst = os.path.join(tmp, "copy-%04d" % c, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            with open(dst, "wb") as f:
                f.write(data)
    meta = {
        "files": copies * len(bodies),
        "bytes": copies * per_copy,
        "copies": copies,
        "file_kib": file_kib,
        "expected_findings": copies * expected_per_copy,
        "files_per_copy": len(bodies),
        "bytes_per_copy": per_copy,
        "expected_per_copy": expected_per_copy,
    }
    with open(os.path.join(tmp, "WORSTCASE.json"), "w") as f:
        json.dump(meta, f)
    if os.path.exists(out):
        import shutil

        shutil.rmtree(out)
    os.rename(tmp, out)
    print(json.dumps(meta))


# ----------------------------------------------------------------------------- small readers


def rss_kib(time_v_output):
    with open(time_v_output) as f:
        for ln in f:
            m = re.search(r"Maximum resident set size \(kbytes\):\s*(\d+)", ln)
            if m:
                return int(m.group(1))
    return None


def time_v(time_v_output):
    """Wall seconds, user+sys seconds and peak RSS KiB from `/usr/bin/time -v`."""
    out = {}
    with open(time_v_output) as f:
        for ln in f:
            ln = ln.strip()
            if ln.startswith("User time (seconds):"):
                out["user"] = float(ln.split(":")[1])
            elif ln.startswith("System time (seconds):"):
                out["sys"] = float(ln.split(":")[1])
            elif ln.startswith("Maximum resident set size (kbytes):"):
                out["rss_kib"] = int(ln.split(":")[1])
            elif ln.startswith("Elapsed (wall clock) time"):
                v = ln.split("):", 1)[1].strip()
                parts = [float(x) for x in v.split(":")]
                secs = 0.0
                for p in parts:
                    secs = secs * 60 + p
                out["wall"] = secs
    return out


def cmd_flat(flat_dir, files1, bytes1, files2, bytes2):
    """flat/1x-N.txt and flat/2x-N.txt (`/usr/bin/time -v`) -> flat/flat.json (medians)."""
    out = {}
    runs = 0
    for k, files, nbytes in (("1x", files1, bytes1), ("2x", files2, bytes2)):
        tv = [time_v(os.path.join(flat_dir, fn)) for fn in sorted(os.listdir(flat_dir)) if fn.startswith(k + "-") and fn.endswith(".txt")]
        runs = len(tv)
        out[k] = {
            "files": int(files),
            "bytes": int(nbytes),
            "rss_kib": statistics.median(t["rss_kib"] for t in tv),
            "wall": statistics.median(t["wall"] for t in tv),
            "cpu": statistics.median(t["user"] + t["sys"] for t in tv),
        }
    out["runs"] = runs
    with open(os.path.join(flat_dir, "flat.json"), "w") as f:
        json.dump(out, f, indent=1)
    print("1x: %.1f MiB RSS, %.2f s; 2x: %.1f MiB RSS, %.2f s" % (out["1x"]["rss_kib"] / 1024, out["1x"]["wall"], out["2x"]["rss_kib"] / 1024, out["2x"]["wall"]))


def cmd_worst(worst_dir, tree, scope="full", timeout=""):
    """worst/hyperfine.json + worst/time-v.txt + worst/pwflow.json + TREE/WORSTCASE.json -> worst/worst.json.

    SCOPE is "full" (the whole tree was timed) or "sample" (the whole tree did not finish within
    TIMEOUT seconds: one copy-NNNN directory was timed instead)."""
    with open(os.path.join(tree, "WORSTCASE.json")) as f:
        meta = json.load(f)
    meta["scope"] = scope
    if scope == "sample":
        meta["full_tree"] = {"files": meta["files"], "bytes": meta["bytes"], "timeout_s": float(timeout)}
        meta.update(files=meta["files_per_copy"], bytes=meta["bytes_per_copy"], expected_findings=meta["expected_per_copy"])
    with open(os.path.join(worst_dir, "hyperfine.json")) as f:
        r = json.load(f)["results"][0]
    tv = time_v(os.path.join(worst_dir, "time-v.txt"))
    with open(os.path.join(worst_dir, "pwflow.json")) as f:
        findings = len(json.load(f)["findings"])
    meta.update(
        wall=r["median"],
        cpu=r["user"] + r["system"],
        runs=len(r["times"]),
        rss_kib=tv["rss_kib"],
        findings=findings,
    )
    with open(os.path.join(worst_dir, "worst.json"), "w") as f:
        json.dump(meta, f, indent=1)
    print(
        "%.1f MiB in %.2f s wall, %.2f s CPU: %.1f MiB/s, %.1f MiB/s per core; %d/%d findings"
        % (meta["bytes"] / 1048576, meta["wall"], meta["cpu"], meta["bytes"] / 1048576 / meta["wall"], meta["bytes"] / 1048576 / meta["cpu"], findings, meta["expected_findings"])
    )


def cmd_round(hyperfine_json):
    with open(hyperfine_json) as f:
        doc = json.load(f)
    print("  ".join("%s %.3fs" % (r["command"], r["times"][0]) for r in doc["results"]))


# ----------------------------------------------------------------------------- report


def _read(path, default=""):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return default


def _kv(path):
    out = {}
    for ln in _read(path).splitlines():
        if "\t" in ln:
            k, v = ln.split("\t", 1)
            out[k] = v
    return out


def _fmt_s(x):
    if x is None:
        return "-"
    return "%.3f" % x if x < 10 else "%.1f" % x


def _fmt_rate(x):
    return "%.2f" % x if x < 10 else "%.1f" % x


def _mark(ok):
    return "yes" if ok else "**no**"


def cmd_report(work, out_md):
    meta = _kv(os.path.join(work, "meta.tsv"))
    tools = []  # (id, label, timed command)
    for ln in _read(os.path.join(work, "tools.tsv")).splitlines():
        tid, label, cmd = ln.split("\t", 2)
        tools.append((tid, label, cmd))
    # timing rounds
    wall = {t[0]: [] for t in tools}
    cpu = {t[0]: [] for t in tools}
    rounds = sorted(
        (fn for fn in os.listdir(os.path.join(work, "timing")) if fn.endswith(".json")),
        key=lambda s: int(re.sub(r"\D", "", s) or 0),
    ) if os.path.isdir(os.path.join(work, "timing")) else []
    exit_codes = {t[0]: set() for t in tools}
    for fn in rounds:
        with open(os.path.join(work, "timing", fn)) as f:
            doc = json.load(f)
        for r in doc["results"]:
            if r["command"] in wall:
                wall[r["command"]].extend(r["times"])
                cpu[r["command"]].append(r["user"] + r["system"])
                exit_codes[r["command"]].update(r.get("exit_codes", []))
    med = {k: (statistics.median(v) if v else None) for k, v in wall.items()}
    cpu_mean = {k: (statistics.mean(v) if v else None) for k, v in cpu.items()}
    rss = {t[0]: rss_kib(os.path.join(work, "rss", t[0] + ".txt")) if os.path.exists(os.path.join(work, "rss", t[0] + ".txt")) else None for t in tools}
    score_doc = json.loads(_read(os.path.join(work, "check", "score.json"), "{}") or "{}")
    pw = med.get("pwflow")

    L = []
    L.append("# pwflow benchmark: %s corpus, %s" % (meta.get("mode", "?"), meta.get("date", "?")))
    L.append("")
    L.append("Written by `bench/run.sh %s` (see `bench/README.md` for what each row means and the caveats)." % meta.get("args", ""))
    L.append("")
    L.append("## Setup")
    L.append("")
    L.append("| | |")
    L.append("|---|---|")
    for k, label in [
        ("machine", "machine"),
        ("load_before", "load average before timing (1/5/15 min)"),
        ("load_after", "load average after timing"),
        ("corpus", "corpus"),
        ("corpus_fingerprint", "corpus fingerprint"),
        ("pwflow_commit", "pwflow commit"),
        ("versions", "tool versions"),
        ("runs", "timed runs per tool"),
        ("literals", "rules' literals vs bench/rules/literals.txt"),
    ]:
        if k in meta:
            L.append("| %s | %s |" % (label, meta[k]))
    L.append("")
    L.append("## Wall time, memory, findings")
    L.append("")
    L.append(
        "Median wall time of %d alternating rounds (hyperfine, warm page cache, one warm-up run); CPU = mean user+sys; "
        "ratio = tool median / pwflow median (above 1 = slower than pwflow); recall and precision on the planted snippets "
        "(PLANTED.tsv); lines = distinct (file, line) reported over the whole corpus." % len(rounds)
    )
    L.append("")
    L.append("| tool | median wall s | CPU s | CPU/wall | vs pwflow | peak RSS MiB | planted recall | planted precision | lines reported |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for tid, label, _ in tools:
        m = med.get(tid)
        c = cpu_mean.get(tid)
        ratio = "%.2fx" % (m / pw) if (m is not None and pw) else "-"
        sc = score_doc.get(tid)
        rec = "%d/%d" % (sc["found"], sc["hits"]) if sc else "-"
        prec = "%.0f%%" % (100 * sc["precision"]) if sc else "-"
        lines = str(sc["lines_total"]) if sc else "-"
        r = rss.get(tid)
        L.append(
            "| %s | %s | %s | %s | %s | %s | %s | %s | %s |"
            % (
                label,
                _fmt_s(m),
                _fmt_s(c),
                ("%.2f" % (c / m)) if (c is not None and m) else "-",
                ratio,
                ("%.1f" % (r / 1024)) if r else "-",
                rec,
                prec,
                lines,
            )
        )
    bad_exit = {k: sorted(v - {0, 1}) for k, v in exit_codes.items() if v - {0, 1}}
    if bad_exit:
        L.append("")
        L.append("**Warning**: unexpected exit codes during timing: %s" % bad_exit)
    # planted details
    L.append("")
    L.append("## Planted snippets")
    L.append("")
    problems = False
    for tid, label, _ in tools:
        sc = score_doc.get(tid)
        if not sc:
            continue
        if sc["missed"] or sc["near_misses_reported"] or sc["other_false_positives"]:
            problems = True
            L.append("- **%s**:" % label)
            for m in sc["missed"]:
                L.append("  - missed `%s:%d` (%s): `%s`" % (m["path"], m["line"], m["rule"], m["text"]))
            nm, other = sc["near_misses_reported"], sc["other_false_positives"]
            if len(nm) + len(other) > 6:  # a literal search: counts, not a list
                L.append(
                    "  - reported %d of the %d near misses and %d other lines of the planted files"
                    % (len(nm), sc["near_misses_total"], len(other))
                )
            else:
                for m in nm:
                    L.append("  - reported near miss `%s:%d` (%s): `%s`" % (m["path"], m["line"], m["rule"], m["text"]))
                for m in other:
                    L.append("  - reported unplanted line `%s:%d`: `%s`" % (m["path"], m["line"], m["text"]))
    if not problems:
        L.append("Every tool reported every planted hit and no near miss.")
    else:
        L.append("")
        L.append("Tools not listed reported every planted hit and no near miss.")
    # Semgrep's own errors (timeouts drop rules on a file: fewer findings, less work)
    sem_out = os.path.join(work, "check", "semgrep.out")
    if os.path.exists(sem_out):
        try:
            errs = json.loads(_read(sem_out))["errors"]
        except (ValueError, KeyError):
            errs = []
        if errs:
            kinds = {}
            for e in errs:
                t = e.get("type")
                t = t if isinstance(t, str) else str(t[0]) if isinstance(t, list) and t else str(t)
                kinds[t] = kinds.get(t, 0) + 1
            L.append("")
            L.append(
                "Semgrep's errors in the check run: %s. A `Timeout` means a rule gave up on a file "
                "(default `--timeout` 5 s per rule and file): on a loaded machine Semgrep does less work "
                "and may report fewer lines." % ", ".join("%d %s" % (n, k) for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
            )
    # pwflow stats
    stats = _read(os.path.join(work, "pwflow-stats.txt")).strip()
    if stats:
        L.append("")
        L.append("## pwflow --stats (same scan)")
        L.append("")
        L.append("```text")
        L.append(stats)
        L.append("```")
    # flatness
    flat = json.loads(_read(os.path.join(work, "flat", "flat.json"), "{}") or "{}")
    if flat:
        L.append("")
        L.append("## Memory flatness and linearity (pwflow, corpus 1x vs 2x)")
        L.append("")
        L.append(
            "The 2x tree is two hard-linked copies of the corpus side by side (`cp -al`); median of %d `/usr/bin/time -v` runs each, alternating."
            % flat["runs"]
        )
        L.append("")
        L.append("| tree | files | MiB | peak RSS MiB | wall s | CPU s |")
        L.append("|---|---:|---:|---:|---:|---:|")
        for k in ("1x", "2x"):
            d = flat[k]
            L.append("| %s | %d | %.0f | %.1f | %s | %s |" % (k, d["files"], d["bytes"] / 1048576, d["rss_kib"] / 1024, _fmt_s(d["wall"]), _fmt_s(d["cpu"])))
        L.append("")
        L.append(
            "2x / 1x: peak RSS %.2fx, wall %.2fx, CPU %.2fx."
            % (flat["2x"]["rss_kib"] / flat["1x"]["rss_kib"], flat["2x"]["wall"] / flat["1x"]["wall"], flat["2x"]["cpu"] / flat["1x"]["cpu"])
        )
    # worst case
    worst = json.loads(_read(os.path.join(work, "worst", "worst.json"), "{}") or "{}")
    if worst:
        L.append("")
        L.append("## Worst case: every file passes the gate (pwflow)")
        L.append("")
        if worst.get("scope") == "sample":
            ft = worst["full_tree"]
            L.append(
                "The planted files, each body repeated to about %d KiB, copied %d times: %d files, %.1f MiB. "
                "**pwflow did not finish the whole tree within %.0f s** (that is, below %.2f MiB/s of wall time), so "
                "the figures below are for one copy (%d files, %.2f MiB). Median of %d hyperfine runs; per core = MiB / CPU "
                "seconds (user+sys)."
                % (worst["file_kib"], worst["copies"], ft["files"], ft["bytes"] / 1048576, ft["timeout_s"],
                   ft["bytes"] / 1048576 / ft["timeout_s"], worst["files"], worst["bytes"] / 1048576, worst["runs"])
            )
        else:
            L.append(
                "The planted files, each body repeated to about %d KiB, copied %d times: %d files, %.1f MiB. "
                "Median of %d hyperfine runs; per core = MiB / CPU seconds (user+sys)."
                % (worst["file_kib"], worst["copies"], worst["files"], worst["bytes"] / 1048576, worst["runs"])
            )
        L.append("")
        L.append("| median wall s | CPU s | MiB/s (wall) | MiB/s per core | peak RSS MiB | findings / expected |")
        L.append("|---:|---:|---:|---:|---:|---:|")
        L.append(
            "| %s | %s | %s | %s | %.1f | %d / %d |"
            % (
                _fmt_s(worst["wall"]),
                _fmt_s(worst["cpu"]),
                _fmt_rate(worst["bytes"] / 1048576 / worst["wall"]),
                _fmt_rate(worst["bytes"] / 1048576 / worst["cpu"]),
                worst["rss_kib"] / 1024,
                worst["findings"],
                worst["expected_findings"],
            )
        )
    # latency
    lat = json.loads(_read(os.path.join(work, "latency", "latency.json"), "{}") or "{}")
    lat_ms = None
    if lat:
        r = lat["results"][0]
        lat_ms = r["median"] * 1000
        L.append("")
        L.append("## Pre-commit latency (pwflow on the %s planted files, no shell)" % meta.get("latency_files", "?"))
        L.append("")
        L.append(
            "median %.1f ms, mean %.1f ms ± %.1f, min %.1f ms, max %.1f ms over %d runs."
            % (lat_ms, r["mean"] * 1000, (r["stddev"] or 0) * 1000, r["min"] * 1000, r["max"] * 1000, len(r["times"]))
        )
    # targets (issue 7)
    L.append("")
    L.append("## Issue 7 targets")
    L.append("")
    if meta.get("mode") != "full":
        L.append("The targets are stated for the full corpus: on the %s corpus they are indicative only." % meta.get("mode"))
        L.append("")
    L.append("| target | measured | met |")
    L.append("|---|---|---|")

    def ratio(a, b):
        return med[a] / med[b] if med.get(a) and med.get(b) else None

    r1 = ratio("pwflow", "rg-regex-lines")
    if r1 is not None:
        L.append("| pwflow (all files) / ripgrep regexes on PHP/JS/TS, line by line <= 1.0 | %.2f | %s |" % (r1, _mark(r1 <= 1.0)))
    r1 = ratio("pwflow-typed", "rg-regex-lines")
    if r1 is not None:
        L.append("| pwflow on PHP/JS/TS / ripgrep regexes on PHP/JS/TS, line by line <= 1.0 | %.2f | %s |" % (r1, _mark(r1 <= 1.0)))
    r1 = ratio("pwflow", "rg-regex-typed")
    if r1 is not None:
        L.append("| pwflow (all files) / ripgrep regexes on PHP/JS/TS, multiline <= 1.0 | %.2f | %s |" % (r1, _mark(r1 <= 1.0)))
    r2 = ratio("pwflow", "rg-literals")
    if r2 is not None:
        L.append("| pwflow / ripgrep literal floor <= 2.0 | %.2f | %s |" % (r2, _mark(r2 <= 2.0)))
    r3 = ratio("ast-grep", "pwflow")
    if r3 is not None:
        L.append("| ast-grep / pwflow (all files) >= 40 | %.1f | %s |" % (r3, _mark(r3 >= 40)))
    r3 = ratio("ast-grep", "pwflow-typed")
    if r3 is not None:
        L.append("| ast-grep / pwflow on PHP/JS/TS, the files ast-grep's rules cover, >= 40 | %.1f | %s |" % (r3, _mark(r3 >= 40)))
    if rss.get("pwflow"):
        L.append("| pwflow peak RSS < 64 MiB | %.1f MiB | %s |" % (rss["pwflow"] / 1024, _mark(rss["pwflow"] / 1024 < 64)))
    if flat:
        fr = flat["2x"]["rss_kib"] / flat["1x"]["rss_kib"]
        L.append("| peak RSS 2x corpus within 10%% of 1x | %.2fx | %s |" % (fr, _mark(fr <= 1.10)))
        wr = flat["2x"]["wall"] / flat["1x"]["wall"]
        cr = flat["2x"]["cpu"] / flat["1x"]["cpu"]
        L.append(
            "| wall time linear in bytes (2x corpus: at most 2.2x the time) | wall %.2fx, CPU %.2fx | %s |"
            % (wr, cr, _mark(wr <= 2.2))
        )
    if med.get("pwflow") and cpu_mean.get("pwflow"):
        cw = cpu_mean["pwflow"] / med["pwflow"]
        L.append("| both cores busy (CPU/wall close to %s) | %.2f | %s |" % (meta.get("cores", "2"), cw, _mark(cw >= 0.8 * float(meta.get("cores", "2")))))
    if lat_ms is not None:
        L.append("| pre-commit latency (20 small files) < 20 ms | %.1f ms | %s |" % (lat_ms, _mark(lat_ms < 20)))
    if worst:
        per_core = worst["bytes"] / 1048576 / worst["cpu"]
        L.append(
            "| worst case >= 20 MiB/s per core | %.2f MiB/s%s | %s |"
            % (per_core, " (one copy; the whole tree timed out)" if worst.get("scope") == "sample" else "", _mark(per_core >= 20))
        )
    # commands
    L.append("")
    L.append("## Commands (run from the corpus root)")
    L.append("")
    for tid, label, cmd in tools:
        L.append("- %s: `%s`" % (label, cmd))
    L.append("")
    L.append(
        "Planted check: the same commands once, untimed; ripgrep with `--json` instead of `-n` so a multi-line match "
        "counts once, on the line where it starts. Peak RSS: one more run under `/usr/bin/time -v`."
    )
    L.append("")
    with open(out_md, "w") as f:
        f.write("\n".join(L))


# ----------------------------------------------------------------------------- main


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "extract":
        cmd_extract(*args)
    elif cmd == "score":
        cmd_score(args[0], args[1], args[2:])
    elif cmd == "literals":
        cmd_literals(*args)
    elif cmd == "worstcase":
        opts = {"mib": 50, "file_kib": 16}
        pos = []
        it = iter(args)
        for a in it:
            if a == "--mib":
                opts["mib"] = int(next(it))
            elif a == "--file-kib":
                opts["file_kib"] = int(next(it))
            else:
                pos.append(a)
        cmd_worstcase(pos[0], pos[1], **opts)
    elif cmd == "rss":
        print(rss_kib(args[0]))
    elif cmd == "timev":
        print(json.dumps(time_v(args[0])))
    elif cmd == "round":
        cmd_round(args[0])
    elif cmd == "flat":
        cmd_flat(*args)
    elif cmd == "worst":
        cmd_worst(*args)
    elif cmd == "report":
        cmd_report(args[0], args[1])
    else:
        raise SystemExit(f"unknown subcommand {cmd}\n{__doc__}")


if __name__ == "__main__":
    main(sys.argv)
