#!/usr/bin/env python3
"""Run scikit-learn's peer benchmark and Brine's benchmark back to back; write docs/BENCHMARKS.md.

Usage: python3 scripts/bench_compare.py [--peers ../shared/peers] [--quick] [--skip-peer] [--skip-brine]
                                       [--skip-fast-peers] [--fast-peers-from DIR]

Both sides use the same exported data and the same split files (in .bench-data/), on the same
machine, in one run. Ratios are peer / Brine for times (>1 means Brine is faster) and Brine /
peer for file sizes.

After both, the stronger peers run on the same data directory and split (not with --quick or
--skip-fast-peers): ../shared/peers/fast_peers_bench.py (ONNX Runtime on skl2onnx conversions,
LightGBM-RF, XGBoost-RF) and ../shared/peers/ranger_bench.R (ranger; skipped with a note when
Rscript or the ranger package is missing). Their figures for synthetic_100k go into the section of
docs/BENCHMARKS.md between the fast-peers markers, beside Brine's from brine_bench.json.
--fast-peers-from DIR rewrites only that section from DIR/fast_peers.json (and DIR/ranger.json)
without running anything, against the brine_bench.json of the last run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".bench-data"
RESULTS = ROOT / "bench-results"
SMALL = ["iris", "wine", "breast_cancer", "digits"]
MODELS = ["scaler", "logreg", "pipeline", "rf"]


def run(cmd: list[str], **kw) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def ensure_data(peers: Path, quick: bool) -> None:
    needed = [DATA / f"{n}.csv" for n in SMALL]
    if not quick:
        needed += [DATA / "synthetic_100k.X.f64", DATA / "synthetic_100k.y.i64"]
    if all(p.exists() for p in needed):
        return
    DATA.mkdir(exist_ok=True)
    args = [sys.executable, str(peers / "export_datasets.py"), str(DATA)]
    if quick:
        args.append("--skip-synthetic")
    run(args)


def ensure_splits(datasets: list[str]) -> None:
    """Write the fixed split files (the peer's procedure) where the peer has not yet."""
    import numpy as np
    from sklearn.model_selection import train_test_split
    for name in datasets:
        path = DATA / f"{name}.split.json"
        if path.exists():
            continue
        shipped = ROOT / "Sources" / "Brine" / "Resources" / "Datasets" / f"{name}.split.json"
        if shipped.exists():
            path.write_text(shipped.read_text())
            continue
        meta = json.loads((DATA / f"{name}.meta.json").read_text())
        y = np.fromfile(DATA / meta["y"]["file"], dtype=meta["y"]["numpy_dtype"])
        tr, te = train_test_split(np.arange(len(y)), test_size=0.25, random_state=42, stratify=y, shuffle=True)
        path.write_text(json.dumps({"train": tr.tolist(), "test": te.tolist()}))


def fmt(v, digits=None):
    if v is None:
        return "–"
    if isinstance(v, float) and (v != v):
        return "–"
    if digits is not None:
        return f"{v:.{digits}f}"
    a = abs(v)
    if a >= 100:
        return f"{v:,.0f}"
    if a >= 10:
        return f"{v:.1f}"
    if a >= 1:
        return f"{v:.2f}"
    return f"{v:.3g}"


def ratio(peer, ours):
    if peer is None or ours is None or ours == 0:
        return "–"
    r = peer / ours
    return f"{r:,.0f}×" if r >= 100 else (f"{r:.1f}×" if r >= 10 else f"{r:.2f}×")


def pct_ratio(ours, peer):
    if peer in (None, 0) or ours is None:
        return "–"
    return f"{ours / peer:.2f}"


def svg_chart(points: list[tuple[float, float]], xlabel: str, ylabel: str, title: str) -> str:
    w, h, pad = 420, 260, 50
    if not points:
        return ""
    xmax = max(p[0] for p in points) * 1.05
    ymax = max(p[1] for p in points) * 1.15
    def sx(x): return pad + (w - 2 * pad) * x / xmax
    def sy(y): return h - pad - (h - 2 * pad) * y / ymax
    path = " ".join(f"{'M' if i == 0 else 'L'}{sx(x):.1f},{sy(y):.1f}" for i, (x, y) in enumerate(points))
    dots = "".join(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3" fill="#1f77b4"/>'
                   f'<text x="{sx(x):.1f}" y="{sy(y) - 8:.1f}" font-size="10" text-anchor="middle">{fmt(y)}</text>'
                   for x, y in points)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif">'
            f'<rect width="{w}" height="{h}" fill="white"/>'
            f'<text x="{w / 2}" y="18" font-size="13" text-anchor="middle">{title}</text>'
            f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="black"/>'
            f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{h - pad}" stroke="black"/>'
            f'<text x="{w / 2}" y="{h - 12}" font-size="11" text-anchor="middle">{xlabel}</text>'
            f'<text x="14" y="{h / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 14 {h / 2})">{ylabel}</text>'
            + "".join(f'<text x="{sx(x):.1f}" y="{h - pad + 14}" font-size="10" text-anchor="middle">{fmt(x)}</text>' for x, _ in points)
            + f'<path d="{path}" fill="none" stroke="#1f77b4" stroke-width="2"/>{dots}</svg>\n')


def write_report(peer: dict, ours: dict, limits: dict | None, out: Path, fast: dict | None = None) -> None:
    env, oenv = peer.get("environment", {}), ours.get("environment", {})
    lines = ["# Benchmarks: Brine beside scikit-learn, pickle and joblib", "",
             "Generated by `make bench-compare` (scripts/bench_compare.py): scikit-learn's benchmark "
             "(`../shared/peers/sklearn_bench.py`) and Brine's (`brine-bench`) run back to back, in one run, on one "
             "machine, on the same exported data and the same split files. Medians of repeats. "
             "Ratios are **peer time / Brine time** (above 1: Brine is faster) and **Brine size / peer size**. "
             "The machine is a shared 2-core VM: absolute times are noisy, the ratios from one run are what to read.", "",
             "## Machine and versions", "",
             f"- date: peer run started {peer.get('started_utc', '?')}, Brine's {ours.get('started_utc', '?')}",
             f"- CPU: {oenv.get('cpu', '?')}, {oenv.get('cores', '?')} cores, {fmt(oenv.get('memory_gb'))} GB; {platform.platform()}",
             f"- Brine {oenv.get('brine_version', '?')} (format {oenv.get('brine_format_version', '?')}), Swift {oenv.get('swift', '?')}, release build; "
             f"tree threads = {oenv.get('tree_threads', '?')}, OPENBLAS_NUM_THREADS={oenv.get('OPENBLAS_NUM_THREADS', '?')}",
             f"- peer: Python {env.get('python', '?')}, " + ", ".join(f"{k} {v}" for k, v in env.get('versions', {}).items()),
             f"- peer thread pools: " + "; ".join(f"{t.get('internal_api')} {t.get('version')} threads={t.get('num_threads')}" for t in env.get('threadpools', [])),
             "- both sides get the same 2 cores: the peer's forest runs with n_jobs=2 (`rf_nj2`) and n_jobs=1 (`rf_nj1`); "
             "Brine's forest grows trees on 2 threads; BLAS threads are left at OpenBLAS's default (2) on both sides.", ""]

    pd, od = peer.get("datasets", {}), ours.get("datasets", {})
    names = [n for n in SMALL + ["synthetic_100k"] if n in pd and n in od]

    lines += ["## Fit, accuracy, single-row latency, throughput", "",
              "| dataset | model | fit ms peer | fit ms Brine | fit ratio | acc peer | acc Brine | 1-row µs peer | 1-row µs Brine [p10–p90] | latency ratio | rows/s 10k peer | rows/s 10k Brine |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n in names:
        for m in MODELS:
            o = od[n]["models"].get(m)
            peer_names = ["rf_nj2", "rf_nj1"] if m == "rf" else [m]
            for pm in peer_names:
                p = pd[n]["models"].get(pm)
                if not p or not o:
                    continue
                p_fit = p["fit"]["s_median"] * 1000
                p_lat = p["single_row"]["median_us"]
                p_batch = p["batch_fixed"]["rows_per_s"]
                label = f"{m} (peer {pm})" if m == "rf" else m
                lines.append(f"| {n} | {label} | {fmt(p_fit)} | {fmt(o['fit_ms'])} | {ratio(p_fit, o['fit_ms'])} | "
                             f"{fmt(p.get('accuracy'), 4) if p.get('accuracy') is not None else '–'} | {fmt(o.get('accuracy'), 4) if o.get('accuracy') is not None else '–'} | "
                             f"{fmt(p_lat)} | {fmt(o['latency']['median_us'])} [{fmt(o['latency']['p10_us'])}–{fmt(o['latency']['p90_us'])}] | {ratio(p_lat, o['latency']['median_us'])} | "
                             f"{fmt(p_batch)} | {fmt(o.get('rows_per_s_batch'))} |")
    lines.append("")

    lines += ["## Persistence", "",
              "Brine save times include fsync (the peer's dumps do not); Brine loads verify CRC-32 checksums unless marked "
              "otherwise; the memory-mapped load is `memoryMap: true, verifyChecksums: false` (arrays used in place; the "
              "forest's traversal checks every index as it goes). Every Brine load was checked to reproduce the model's "
              "outputs bit for bit.", "",
              "| dataset | model | pickle bytes | Brine bytes | size ratio | joblib dump ms | Brine save+fsync ms | save ratio | joblib load ms | Brine load ms | load ratio | joblib mmap ms | Brine mmap ms | mmap ratio |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n in names:
        pp = pd[n].get("persistence", {})
        for m in MODELS:
            o = od[n].get("persistence", {}).get(m)
            p = pp.get(m if m != "rf" else "rf") or pp.get(m)
            if not o or not p:
                continue
            pk = p["pickle"]["bytes"]
            jd = p["joblib_c0"]["dump"]["s_median"] * 1000
            jl = p["joblib_c0"]["load"]["s_median"] * 1000
            jm = p["joblib_c0_mmap"]["load"]["s_median"] * 1000
            lines.append(f"| {n} | {m} | {fmt(pk)} | {fmt(o['size_bytes'])} | {pct_ratio(o['size_bytes'], pk)} | "
                         f"{fmt(jd)} | {fmt(o['save_fsync_ms'])} | {ratio(jd, o['save_fsync_ms'])} | "
                         f"{fmt(jl)} | {fmt(o['load_ms'])} | {ratio(jl, o['load_ms'])} | "
                         f"{fmt(jm)} | {fmt(o['load_mmap_ms'])} | {ratio(jm, o['load_mmap_ms'])} |")
    lines += ["", "Compressed (Brine gzip level 3 vs joblib compress=3):", "",
              "| dataset | model | joblib c3 bytes | Brine gz3 bytes | size ratio | joblib c3 dump ms | Brine gz3 save ms | save ratio | joblib c3 load ms | Brine gz3 load ms | load ratio |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n in names:
        pp = pd[n].get("persistence", {})
        for m in MODELS:
            o = od[n].get("persistence", {}).get(m)
            p = pp.get(m)
            if not o or not p:
                continue
            c3 = p["joblib_c3"]
            js, jd, jl = c3["bytes"], c3["dump"]["s_median"] * 1000, c3["load"]["s_median"] * 1000
            lines.append(f"| {n} | {m} | {fmt(js)} | {fmt(o['gzip3_size_bytes'])} | {pct_ratio(o['gzip3_size_bytes'], js)} | "
                         f"{fmt(jd)} | {fmt(o['gzip3_save_fsync_ms'])} | {ratio(jd, o['gzip3_save_fsync_ms'])} | "
                         f"{fmt(jl)} | {fmt(o['gzip3_load_ms'])} | {ratio(jl, o['gzip3_load_ms'])} |")
    lines.append("")

    if limits:
        lines += ["## How close to the physical limits", "",
                  "From `../shared/peers/physical_limits.py`, run in the same session:", "",
                  "| measurement | GB/s (median) |", "|---|---:|"]
        for group in ("memory", "file_io"):
            for name, r in limits.get(group, {}).items():
                if isinstance(r, dict) and "GB_per_s" in r:
                    lines.append(f"| {group}: {name} | {r['GB_per_s']:.2f} |")
        if "synthetic_100k" in od:
            o = od["synthetic_100k"].get("persistence", {}).get("rf")
            if o:
                mb = o["size_bytes"] / 1e9
                lines += ["", f"The synthetic_100k forest file is {o['size_bytes'] / 1e6:.1f} MB: Brine's verified load "
                          f"moves it at {mb / (o['load_ms'] / 1000):.2f} GB/s and its save+fsync at "
                          f"{mb / (o['save_fsync_ms'] / 1000):.2f} GB/s; the memory-mapped load touches only the header."]
        lines.append("")

    sc = ours.get("scaling")
    if sc:
        lines += ["## Scaling", "", "Forest (100 trees, 2 threads) on the first N rows of synthetic_100k's training split:", "",
                  "| training rows | fit s | nodes | file bytes | load ms | mmap load ms |", "|---:|---:|---:|---:|---:|---:|"]
        for r in sc.get("forest_fit", []):
            lines.append(f"| {r['train_rows']:,} | {fmt(r['fit_s'])} | {r['nodes']:,} | {r['size_bytes']:,} | {fmt(r['load_ms'])} | {fmt(r['load_mmap_ms'])} |")
        lines += ["", "![forest fit time](bench-forest-scaling.svg)", "",
                  "Logistic regression (standardized synthetic_100k, 75,000 rows; beyond 50 columns, extra columns mix an existing column with fixed noise):", "",
                  "| features | fit ms | iterations |", "|---:|---:|---:|"]
        for r in sc.get("logreg_fit", []):
            lines.append(f"| {r['features']} | {fmt(r['fit_ms'])} | {r['n_iter']} |")
        lines.append("")
        (out.parent / "bench-forest-scaling.svg").write_text(
            svg_chart([(r["train_rows"], r["fit_s"]) for r in sc.get("forest_fit", [])],
                      "training rows", "fit seconds", "Forest fit time vs training rows"))

    lines += targets_section(pd, od)
    lines += slower_section(pd, od, names)
    forest = od.get("synthetic_100k", {}).get("persistence", {}).get("rf")
    cost = (f"in this run they add {forest['load_ms'] - forest['load_unverified_ms']:.1f} ms "
            f"({forest['load_ms']:.1f} ms verified against {forest['load_unverified_ms']:.1f} ms unverified)"
            if forest else "this run has no synthetic_100k forest to show their cost")
    lines += [line.replace("CHECKSUM_COST", cost) for line in PROFILE_NOTES]
    lines += ["## Raw results", "", "The JSON both benchmarks wrote in this run is kept beside this page: "
              "[bench-results/sklearn_bench.json](bench-results/sklearn_bench.json), "
              "[bench-results/brine_bench.json](bench-results/brine_bench.json) and "
              "[bench-results/physical_limits.json](bench-results/physical_limits.json) "
              "(`make bench` alone writes Brine's to `bench-results/` at the top of the checkout, not committed)."]
    kept = out.parent / "bench-results"
    kept.mkdir(exist_ok=True)
    for name in ("sklearn_bench.json", "brine_bench.json", "physical_limits.json"):
        if (RESULTS / name).exists():
            (kept / name).write_text((RESULTS / name).read_text())
    if fast is not None:
        for name in ("fast_peers.json", "fast_peers.md", "ranger.json"):
            if (RESULTS / name).exists():
                (kept / name).write_text((RESULTS / name).read_text())
            elif name == "ranger.json":
                (kept / name).unlink(missing_ok=True)
    # Keep the sections other scripts write (make bench-csv, make bench-newton), the forest layout
    # before/after record, and, when the
    # stronger peers did not run, their section from an earlier run (it names its own run).
    previous = out.read_text() if out.exists() else ""
    if fast is not None:
        source = (f"From this run: `fast_peers_bench.py`{' and `ranger_bench.R`' if 'ranger_rf' in fast['results'] else ''} "
                  f"ran right after Brine's benchmark (started {ours.get('started_utc', '?')}) on the same `.bench-data/` "
                  "files and split." + ("" if "ranger_rf" in fast["results"] else
                                         " ranger was skipped (Rscript or the R package ranger unavailable)."))
        lines += [""] + fast_peers_section(fast, peer, ours, source)
    for begin, end in (("<!-- CSV-INGEST:BEGIN -->", "<!-- CSV-INGEST:END -->"),
                       ("<!-- newton-cholesky:start -->", "<!-- newton-cholesky:end -->"),
                       ("<!-- FOREST-LAYOUT:BEGIN -->", "<!-- FOREST-LAYOUT:END -->"),
                       (FAST_BEGIN, FAST_END)):
        if begin == FAST_BEGIN and fast is not None:
            continue
        if begin in previous and end in previous:
            lines += ["", previous[previous.index(begin):previous.index(end) + len(end)]]
    out.write_text("\n".join(lines) + "\n")
    print(f"wrote {out}")


PROFILE_NOTES = [
    "## Profiling the slowest ratios", "",
    "- **Verified load of the large forest** was the closest call (5.4× joblib.load in the first run, the issue asks 5×). "
    "Timing its parts from brine_bench.json (the same load without checksums, memory-mapped with and without them) split "
    "it into reading the file into freshly allocated memory (about 13 ms: page faults on new pages cost this VM about "
    "1.3 GB/s, see `copy_fresh_alloc` above) and the CRC-32 checks (about 12 ms with zlib's table-driven `crc32`: "
    "25.2 ms verified, in this file's first version in git, against 13.2 ms unverified in that run's brine_bench.json, which was not kept). The checksums now go "
    "through libdeflate's CRC-32 (carry-less multiplication); CHECKSUM_COST. What remains is mostly faulting in the "
    "destination pages; the memory-mapped load avoids it entirely.",
    "- **Saving tiny models** (scaler, logistic regression, pipeline: 1–10 kB) is sometimes slower than joblib's dump: "
    "Brine's save is durable (write to a temporary file, fsync it, rename, fsync the folder), and the two fsyncs cost "
    "0.5–1 ms on this disk whatever the size; joblib does not fsync. For large models the fsync is amortized and Brine "
    "still saves faster (the forest row).",
    "- **Tiny files are larger than pickle's** (1.2–2×): the JSON manifest carries what pickle does not — feature names, "
    "hyperparameters, fit statistics, per-array CRC-32s, versions — and the safetensors header repeats each array's "
    "dtype, shape and offsets. It is a fixed cost of about 1–2 kB; for the forest, where size matters, the file is under "
    "half of pickle's.",
    "- **Logistic regression fit on synthetic_100k** has the smallest fit ratio after the pipelines built on it (1.4–1.9× across runs): both sides run the same "
    "L-BFGS iterations (same count, coefficients equal to 1e-15), and each iteration is two passes of BLAS `dgemv` over "
    "the 75,000×50 matrix, bounded by memory bandwidth on both sides.", ""]


FAST_BEGIN, FAST_END = "<!-- fast-peers:start -->", "<!-- fast-peers:end -->"


def run_fast_peers(peers: Path, extra_args: str) -> None:
    """fast_peers_bench.py and ranger_bench.R on .bench-data; raw output into bench-results/."""
    cmd = [sys.executable, str(peers / "fast_peers_bench.py"), "--data-dir", str(DATA), "--out", str(RESULTS),
           *shlex.split(extra_args)]
    print("+", " ".join(cmd), flush=True)
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    print(out, end="", flush=True)
    (RESULTS / "fast_peers.md").write_text(out)
    ranger_json = RESULTS / "ranger.json"
    ranger_json.unlink(missing_ok=True)
    rscript = shutil.which("Rscript")
    if rscript is None:
        print("fast peers: Rscript not found, ranger skipped (make ranger-deps installs r-cran-ranger)", flush=True)
        return
    if subprocess.run([rscript, "-e", "suppressMessages(library(ranger))"], capture_output=True).returncode != 0:
        print("fast peers: the R package ranger is not installed, ranger skipped (make ranger-deps)", flush=True)
        return
    cmd = [rscript, str(peers / "ranger_bench.R"), str(DATA)]
    print("+", " ".join(cmd), flush=True)
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    print(out, end="", flush=True)
    line = [l for l in out.splitlines() if l.strip().startswith("{")][-1]
    ranger_json.write_text(json.dumps(json.loads(line), indent=1) + "\n")


def load_fast_peers(folder: Path) -> dict | None:
    """fast_peers.json's results, with ranger's (from ranger.json, or already merged in) as `ranger_rf`."""
    path = folder / "fast_peers.json"
    if not path.exists():
        return None
    fast = json.loads(path.read_text())
    results = dict(fast.get("results", {}))
    ranger_path = folder / "ranger.json"
    ranger_file = ranger_path.exists()
    if ranger_file:
        results["ranger_rf"] = json.loads(ranger_path.read_text())
    if "ranger_rf" in results:
        r = results["ranger_rf"]  # ranger_bench.R's own keys, or the hand-merged ones of ../shared/peers/results
        single_ms = r.get("single_row_ms_median", r.get("single_row_ms_median_R_overhead"))
        results["ranger_rf"] = {"fit_s": r.get("fit_s_median", r.get("fit_s")), "accuracy": r.get("accuracy"),
                                "single_row_us": None if single_ms is None else single_ms * 1000,
                                "rows_per_s_10k_2threads": r.get("rows_per_s_10k_2threads"),
                                "version": r.get("ranger")}
    return {"machine": fast.get("machine", {}), "date": fast.get("date"), "results": results,
            "ranger_file": ranger_file}


def fast_peers_section(fast: dict, peer: dict | None, ours: dict, source: str) -> list[str]:
    """Each stronger peer's synthetic_100k figure beside Brine's, with the ratio."""
    o = ours.get("datasets", {}).get("synthetic_100k", {}).get("models", {})
    rf, pipe = o.get("rf"), o.get("pipeline")
    if not rf:
        return []
    res, mach = fast["results"], fast["machine"]
    ver = lambda k: f" {mach[k]}" if mach.get(k) else ""
    ort = f"ONNX Runtime{ver('onnxruntime')} (skl2onnx{ver('skl2onnx')})"
    get = lambda name, *keys: _dig(res.get(name), keys)
    rows: list[tuple[str, str, float | None, float | None, bool]] = []  # figure, peer, peer value, Brine value, higher is better
    fit = rf["fit_ms"] / 1000
    sk = _dig(peer, ("datasets", "synthetic_100k", "models", "rf_nj2", "fit", "s_median")) if peer else None
    if sk is not None:
        rows.append(("forest fit s", "scikit-learn RandomForestClassifier n_jobs=2", sk, fit, False))
    rows += [("forest fit s", f"LightGBM{ver('lightgbm')} boosting_type=rf, 2 threads", get("lightgbm_rf", "fit_s"), fit, False),
             ("forest fit s", f"XGBoost{ver('xgboost')} XGBRFClassifier, 2 threads", get("xgboost_rf", "fit_s"), fit, False),
             ("forest fit s", f"ranger {_dig(res.get('ranger_rf'), ('version',)) or ''} (R), 2 threads".replace("  ", " "),
              get("ranger_rf", "fit_s"), fit, False)]
    lat = rf["latency"]["median_us"]
    rows += [("forest single-row µs", f"{ort}, 1 thread", get("onnxruntime_rf_1t", "latency_us", "median"), lat, False),
             ("forest single-row µs", f"{ort}, 2 threads", get("onnxruntime_rf_2t", "latency_us", "median"), lat, False),
             ("forest single-row µs", "LightGBM-RF (its own forest), 1 thread", get("lightgbm_rf", "latency_us", "median"), lat, False),
             ("forest single-row µs", "ranger (its own forest, R call overhead included)", get("ranger_rf", "single_row_us"), lat, False)]
    bat = rf.get("rows_per_s_batch")
    rows += [("forest 10k-batch rows/s", f"{ort}, 1 thread", get("onnxruntime_rf_1t", "rows_per_s_10k"), bat, True),
             ("forest 10k-batch rows/s", f"{ort}, 2 threads", get("onnxruntime_rf_2t", "rows_per_s_10k"), bat, True),
             ("forest 10k-batch rows/s", "LightGBM-RF (its own forest), 1 thread", get("lightgbm_rf", "rows_per_s_10k_1thread"), bat, True),
             ("forest 10k-batch rows/s", "LightGBM-RF (its own forest), 2 threads", get("lightgbm_rf", "rows_per_s_10k_2threads"), bat, True),
             ("forest 10k-batch rows/s", "XGBoost-RF (its own forest), 2 threads", get("xgboost_rf", "rows_per_s_10k_2threads"), bat, True),
             ("forest 10k-batch rows/s", "ranger (its own forest), 2 threads", get("ranger_rf", "rows_per_s_10k_2threads"), bat, True)]
    if pipe:
        pb = pipe.get("rows_per_s_batch")
        rows += [("pipeline 10k-batch rows/s", f"{ort} scaler+logreg, 1 thread", get("onnxruntime_pipeline_1t", "rows_per_s_10k"), pb, True),
                 ("pipeline 10k-batch rows/s", f"{ort} scaler+logreg, 2 threads", get("onnxruntime_pipeline_2t", "rows_per_s_10k"), pb, True)]
    table = ["| figure | peer | peer's figure | Brine's figure | ratio |", "|---|---|---:|---:|---:|"]
    missing = []
    for what, name, pv, bv, higher in rows:
        if pv is None:
            missing.append(f"{what}: {name}")
            continue
        r = ratio(bv, pv) if higher else ratio(pv, bv)
        table.append(f"| {what} | {name} | {fmt(pv)} | {fmt(bv)} | {r} |")
    accs = [(n, _dig(res.get(k), ("accuracy",))) for n, k in (("LightGBM-RF", "lightgbm_rf"), ("XGBoost-RF", "xgboost_rf"), ("ranger", "ranger_rf"))]
    acc_line = ", ".join(f"{n} {a:.4f}" for n, a in accs if a is not None)
    targets = []
    ort2_lat, ort2_bat = get("onnxruntime_rf_2t", "latency_us", "median"), get("onnxruntime_rf_2t", "rows_per_s_10k")
    ortp = max(filter(None, [get("onnxruntime_pipeline_1t", "rows_per_s_10k"), get("onnxruntime_pipeline_2t", "rows_per_s_10k")]), default=None)
    if ort2_lat:
        targets.append(f"forest single row at most a third of ONNX Runtime's 2-thread figure ({fmt(ort2_lat / 3)} µs): "
                       f"{fmt(lat)} µs, {'met' if lat <= ort2_lat / 3 else '**not met**'}")
    if ort2_bat and bat:
        targets.append(f"forest 10k batch at least 3× ONNX Runtime's: {bat / ort2_bat:.2f}×, {'met' if bat >= 3 * ort2_bat else '**not met**'}")
    if ortp and pipe and pipe.get("rows_per_s_batch"):
        pb = pipe["rows_per_s_batch"]
        targets.append(f"pipeline 10k batch at least 2× ONNX Runtime's (its faster thread count): {pb / ortp:.2f}×, "
                       f"{'met' if pb >= 2 * ortp else '**not met**'}")
    fits = [v for v in (sk, get("lightgbm_rf", "fit_s"), get("xgboost_rf", "fit_s"), get("ranger_rf", "fit_s")) if v]
    if fits:
        targets.append(f"forest fit lead (faster than every peer above): {'kept' if fit < min(fits) else '**lost**'} "
                       f"(closest peer {min(fits) / fit:.2f}×)")
    lines = [FAST_BEGIN, "## Stronger peers: ONNX Runtime, LightGBM-RF, XGBoost-RF, ranger (synthetic_100k)", "", source, "",
             "Ratios read as above: **peer time / Brine time** for fit seconds and latency, **Brine rows/s / peer rows/s** "
             "for throughput (above 1: Brine is faster). Brine's forest is its 100-tree RandomForestClassifier (2 threads "
             "to fit, one thread to predict a single row); the ONNX Runtime models are skl2onnx conversions of scikit-learn's "
             "forest (float32 input, as scikit-learn's trees) and StandardScaler+LogisticRegression pipeline (float64); "
             "the Python peers' single-row figures include the binding's call overhead. LightGBM-RF, XGBoost-RF and ranger "
             "grow their own forests (test accuracy: " + (acc_line or "–") + f"; Brine's {rf['accuracy']:.4f}).", "",
             *table, ""]
    if missing:
        lines += ["Not measured in this run: " + "; ".join(missing) + ".", ""]
    if targets:
        lines += ["Issue 13's targets against these peers:", "", *[f"- {t}" for t in targets], ""]
    lines += ["Raw peer output: [bench-results/fast_peers.json](bench-results/fast_peers.json), "
              "[bench-results/fast_peers.md](bench-results/fast_peers.md)"
              + (", [bench-results/ranger.json](bench-results/ranger.json)" if fast.get("ranger_file") else "") + ".", FAST_END]
    return lines


def _dig(d, keys):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def replace_block(text: str, begin: str, end: str, block: list[str]) -> str:
    """`text` with the block between `begin` and `end` replaced by `block` (appended when absent)."""
    body = "\n".join(block)
    if begin in text and end in text:
        return text[:text.index(begin)] + body + text[text.index(end) + len(end):]
    return text.rstrip("\n") + "\n\n" + body + "\n"


def write_fast_peers_only(folder: Path, out: Path) -> None:
    """Rewrite only the fast-peers section of `out` from `folder`'s results (no benchmark runs)."""
    fast = load_fast_peers(folder)
    if fast is None:
        sys.exit(f"bench_compare: no fast_peers.json in {folder}")
    brine_path = RESULTS / "brine_bench.json"
    if not brine_path.exists():
        brine_path = out.parent / "bench-results" / "brine_bench.json"
    ours = json.loads(brine_path.read_text())
    peer_path = brine_path.parent / "sklearn_bench.json"
    peer = json.loads(peer_path.read_text()) if peer_path.exists() else None
    source = (f"**Not from one run:** peer figures from `{folder}` (run {fast.get('date') or '?'}), Brine's and scikit-learn's "
              f"from `{brine_path.relative_to(ROOT) if brine_path.is_relative_to(ROOT) else brine_path}` "
              f"(Brine run started {ours.get('started_utc', '?')}), both on this 2-core machine. "
              "`make bench-compare` replaces this section with figures from a single run.")
    section = fast_peers_section(fast, peer, ours, source)
    kept = out.parent / "bench-results"
    kept.mkdir(exist_ok=True)
    for name in ("fast_peers.json", "fast_peers.md", "ranger.json"):
        if (folder / name).exists():
            shutil.copyfile(folder / name, kept / name)
    out.write_text(replace_block(out.read_text() if out.exists() else "", FAST_BEGIN, FAST_END, section))
    print(f"wrote the fast-peers section of {out}")


def targets_section(pd: dict, od: dict) -> list[str]:
    """The issue's numeric targets, checked against this run."""
    rows = []

    def check(what: str, ok: bool | None, detail: str) -> None:
        rows.append(f"| {what} | {detail} | {'yes' if ok else ('–' if ok is None else '**no**')} |")

    syn_p, syn_o = pd.get("synthetic_100k"), od.get("synthetic_100k")
    if syn_p and syn_o:
        pm, om = syn_p["models"], syn_o["models"]
        rf_p, rf_o = pm["rf_nj2"]["fit"]["s_median"] * 1000, om["rf"]["fit_ms"]
        check("forest fit ≥ 2× faster than scikit-learn n_jobs=2 (synthetic_100k)", rf_p / rf_o >= 2, f"{rf_p / rf_o:.2f}×")
        acc_gap = abs(pm["rf_nj2"]["accuracy"] - om["rf"]["accuracy"]) * 100
        check("forest accuracy within 1 point (synthetic_100k)", acc_gap <= 1, f"{acc_gap:.2f} points")
        for n in ("synthetic_100k", "digits"):
            if n in pd and n in od:
                lp, lo = pd[n]["models"]["logreg"]["fit"]["s_median"] * 1000, od[n]["models"]["logreg"]["fit_ms"]
                check(f"logistic fit no slower than lbfgs ({n})", lp / lo >= 1, f"{lp / lo:.2f}×")
        for m, pmodel in (("scaler", "scaler"), ("logreg", "logreg"), ("pipeline", "pipeline"), ("rf", "rf_nj1")):
            worst = min(pd[n]["models"][pmodel]["single_row"]["median_us"] / od[n]["models"][m]["latency"]["median_us"]
                        for n in pd if n in od and pmodel in pd[n]["models"] and m in od[n]["models"])
            check(f"single-row {m} ≥ 20× faster (worst dataset; forest vs n_jobs=1)", worst >= 20, f"{worst:.0f}×")
        pp, op = syn_p.get("persistence", {}).get("rf"), syn_o.get("persistence", {}).get("rf")
        if pp and op:
            check("forest file ≤ half of pickle's", op["size_bytes"] <= pp["pickle"]["bytes"] / 2,
                  f"{op['size_bytes'] / pp['pickle']['bytes']:.2f} of pickle")
            jl = pp["joblib_c0"]["load"]["s_median"] * 1000
            check("verified load ≥ 5× faster than joblib.load", jl / op["load_ms"] >= 5, f"{jl / op['load_ms']:.1f}×")
            jm = pp["joblib_c0_mmap"]["load"]["s_median"] * 1000
            check("memory-mapped load ≥ 50× faster than joblib mmap", jm / op["load_mmap_ms"] >= 50, f"{jm / op['load_mmap_ms']:.0f}×")
            c3 = pp["joblib_c3"]
            check("gzip 3 smaller than joblib compress=3", op["gzip3_size_bytes"] < c3["bytes"],
                  f"{op['gzip3_size_bytes'] / 1e6:.1f} MB vs {c3['bytes'] / 1e6:.1f} MB")
            check("gzip 3 faster to save", op["gzip3_save_fsync_ms"] < c3["dump"]["s_median"] * 1000,
                  f"{op['gzip3_save_fsync_ms']:.0f} ms vs {c3['dump']['s_median'] * 1000:.0f} ms")
            check("gzip 3 faster to load", op["gzip3_load_ms"] < c3["load"]["s_median"] * 1000,
                  f"{op['gzip3_load_ms']:.0f} ms vs {c3['load']['s_median'] * 1000:.0f} ms")
            jd = pp["joblib_c0"]["dump"]["s_median"] * 1000
            check("save with fsync no slower than joblib's dump", op["save_fsync_ms"] <= jd,
                  f"{op['save_fsync_ms']:.1f} ms vs {jd:.1f} ms")
    if not rows:
        return []
    return ["## The issues' targets in this run", "", "| target | this run | met |", "|---|---|---|", *rows, ""]


def slower_section(pd: dict, od: dict, names: list[str]) -> list[str]:
    """Every figure where Brine was slower or larger than its peer in this run."""
    rows = []
    for n in names:
        for m in MODELS:
            o = od[n].get("persistence", {}).get(m)
            p = pd[n].get("persistence", {}).get(m)
            if not o or not p:
                continue
            pairs = [("size vs pickle", o["size_bytes"], p["pickle"]["bytes"]),
                     ("save+fsync vs joblib dump", o["save_fsync_ms"], p["joblib_c0"]["dump"]["s_median"] * 1000),
                     ("gzip-3 size vs joblib c3", o["gzip3_size_bytes"], p["joblib_c3"]["bytes"]),
                     ("gzip-3 save vs joblib c3 dump", o["gzip3_save_fsync_ms"], p["joblib_c3"]["dump"]["s_median"] * 1000)]
            for what, ours_v, peer_v in pairs:
                if ours_v > peer_v:
                    rows.append(f"| {n} | {m} | {what} | {fmt(ours_v)} | {fmt(peer_v)} |")
    if not rows:
        return ["## Where Brine was slower or larger", "", "Nowhere in this run.", ""]
    return ["## Where Brine was slower or larger", "",
            "Every cell of the tables above where the ratio is against Brine (times in ms, sizes in bytes):", "",
            "| dataset | model | figure | Brine | peer |", "|---|---|---|---:|---:|", *rows, ""]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--peers", type=Path, default=ROOT.parent / "shared" / "peers")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--skip-peer", action="store_true", help="reuse bench-results/sklearn_bench.json")
    ap.add_argument("--skip-brine", action="store_true", help="reuse bench-results/brine_bench.json")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "BENCHMARKS.md")
    ap.add_argument("--prepare-only", action="store_true", help="export the data and split files, then stop (make bench)")
    ap.add_argument("--skip-fast-peers", action="store_true",
                    help="do not run fast_peers_bench.py / ranger_bench.R (implied by --quick)")
    ap.add_argument("--fast-peers-args", default="", metavar="ARGS",
                    help="extra arguments for fast_peers_bench.py, e.g. '--repeats 1' or '--skip lightgbm'")
    ap.add_argument("--fast-peers-from", type=Path, metavar="DIR",
                    help="only rewrite the stronger peers' section from DIR/fast_peers.json (+ ranger.json); runs nothing")
    args = ap.parse_args()
    RESULTS.mkdir(exist_ok=True)
    if args.fast_peers_from:
        write_fast_peers_only(args.fast_peers_from, args.out)
        return
    ensure_data(args.peers, args.quick)
    datasets = SMALL if args.quick else SMALL + ["synthetic_100k"]
    if args.prepare_only:
        ensure_splits(datasets)
        return
    if not args.skip_peer:
        cmd = [sys.executable, str(args.peers / "sklearn_bench.py"), "--data-dir", str(DATA), "--out-dir", str(RESULTS),
               "--datasets", *datasets]
        if args.quick:
            cmd += ["--repeats", "3", "--persist-repeats", "3", "--latency-calls", "300"]
        run(cmd)
        limits_cmd = [sys.executable, str(args.peers / "physical_limits.py"), "--out-dir", str(RESULTS)]
        if args.quick:
            limits_cmd += ["--size-mib", "256", "--repeats", "1", "--no-dd"]
        run(limits_cmd)
    ensure_splits(datasets)
    if not args.skip_brine:
        run(["swift", "build", "-c", "release", "--product", "brine-bench"], cwd=ROOT)
        cmd = ["swift", "run", "-c", "release", "brine-bench", "--data-dir", str(DATA), "--out-dir", str(RESULTS),
               "--datasets", ",".join(datasets)]
        if args.quick:
            cmd.append("--quick")
        run(cmd, cwd=ROOT)
    fast = None
    if not args.quick and not args.skip_fast_peers:
        run_fast_peers(args.peers, args.fast_peers_args)
        fast = load_fast_peers(RESULTS)
    peer = json.loads((RESULTS / "sklearn_bench.json").read_text())
    ours = json.loads((RESULTS / "brine_bench.json").read_text())
    limits_path = RESULTS / "physical_limits.json"
    limits = json.loads(limits_path.read_text()) if limits_path.exists() else None
    write_report(peer, ours, limits, args.out, fast)


if __name__ == "__main__":
    main()
