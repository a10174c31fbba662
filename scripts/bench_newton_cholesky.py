#!/usr/bin/env python3
"""`make bench-newton`: Brine's LogisticRegression(solver: .newtonCholesky) beside scikit-learn's
`newton-cholesky` on the peer benchmark's synthetic_100k (and, with --all, the four bundled sets):
same train split, raw features, C=1, tol=1e-4, max_iter=100. Reports median fit seconds of each
(REPEATS runs), the ratio, iterations, the largest coefficient difference, test accuracy, and
Brine's L-BFGS fit for scale. Writes docs/bench-results/newton_cholesky.json and the
"Newton–Cholesky" section of docs/BENCHMARKS.md (between its markers).
"""
from __future__ import annotations

import argparse
import os
import json
import platform
import subprocess
import sys
import time
import warnings
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".bench-data"
BENCH = ROOT / ".build" / "release" / "brine-bench"
PAGE = ROOT / "docs" / "BENCHMARKS.md"
RAW = ROOT / "docs" / "bench-results" / "newton_cholesky.json"
START, END = "<!-- newton-cholesky:start -->", "<!-- newton-cholesky:end -->"


def load(name: str):
    meta = json.loads((DATA / f"{name}.meta.json").read_text())
    split = json.loads((DATA / f"{name}.split.json").read_text())
    if meta.get("format") == "raw-binary":
        x = np.fromfile(DATA / f"{name}.X.f64", dtype="<f8").reshape(meta["n_samples"], meta["n_features"])
        y = np.fromfile(DATA / f"{name}.y.i64", dtype="<i8")
    else:
        raw = np.genfromtxt(DATA / f"{name}.csv", delimiter=",", skip_header=1)
        x, y = raw[:, :-1], raw[:, -1].astype(np.int64)
    train, test = np.array(split["train"]), np.array(split["test"])
    return x[train], y[train], x[test], y[test]


def sklearn_fit(x, y, xt, yt, repeats: int) -> dict:
    seconds, model = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = LogisticRegression(solver="newton-cholesky", C=1.0, tol=1e-4, max_iter=100).fit(x, y)
        seconds.append(time.perf_counter() - start)
    return {"fit_s_runs": seconds, "fit_s_median": float(np.median(seconds)), "n_iter": int(model.n_iter_[0]),
            "coef": model.coef_.ravel().tolist(), "intercept": np.atleast_1d(model.intercept_).tolist(),
            "accuracy": float((model.predict(xt) == yt).mean())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="also the four bundled datasets")
    args = parser.parse_args()
    names = ["synthetic_100k"] + (["iris", "wine", "breast_cancer", "digits"] if args.all else [])
    started = datetime.now(timezone.utc)
    load_before = os.getloadavg()[0]
    ours = json.loads(subprocess.run([str(BENCH), "newton-cholesky", str(DATA), str(args.repeats), ",".join(names)],
                                     check=True, capture_output=True, text=True).stdout)
    rows, raw = [], {"started_utc": started.isoformat(timespec="seconds"), "sklearn_version": sklearn.__version__,
                     "numpy_version": np.__version__, "machine": platform.machine(), "repeats": args.repeats, "load_average_before": load_before, "datasets": {}}
    for name in names:
        x, y, xt, yt = load(name)
        theirs = sklearn_fit(x, y, xt, yt, args.repeats)
        mine = ours[name]["newton-cholesky"]
        lbfgs = ours[name]["lbfgs"]
        difference = max(abs(a - b) for a, b in zip(mine["coef"] + mine["intercept"], theirs["coef"] + theirs["intercept"]))
        raw["datasets"][name] = {"brine": ours[name], "sklearn_newton_cholesky": theirs, "max_abs_coef_difference": difference}
        rows.append(f"| {name} | {mine['fit_s_median'] * 1000:.1f} | {theirs['fit_s_median'] * 1000:.1f} | "
                    f"{theirs['fit_s_median'] / mine['fit_s_median']:.2f}× | {mine['n_iter']} / {theirs['n_iter']} | "
                    f"{difference:.1e} | {mine['accuracy']:.4f} / {theirs['accuracy']:.4f} | {lbfgs['fit_s_median'] * 1000:.1f} ({lbfgs['n_iter']} it.) |")
    section = "\n".join([
        START,
        "## LogisticRegression with the Newton–Cholesky solver",
        "",
        f"`make bench-newton` on {started:%Y-%m-%d %H:%M} UTC: Brine's `LogisticRegression(solver: .newtonCholesky)` "
        f"(Hessian by BLAS `dsyrk`/`dgemm`, Cholesky by LAPACKE `dpotrf`/`dpotrs`) beside scikit-learn {sklearn.__version__}'s "
        f"`newton-cholesky`, same train split, raw features, C=1, tol=1e-4, max_iter=100, OpenBLAS's default threads on both "
        f"sides; median of {args.repeats} fits. Brine's default L-BFGS fit of the same model is given for scale. "
        f"One-minute load average {load_before:.2f} before and {os.getloadavg()[0]:.2f} after the run on "
        f"{os.cpu_count()} cores (above 0.5, other work shared the cores and every time is inflated).",
        "",
        "| dataset | Brine fit (ms) | scikit-learn fit (ms) | speed-up | iterations (Brine / sklearn) | max abs coefficient difference | test accuracy (Brine / sklearn) | Brine L-BFGS fit (ms) |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Raw figures: [bench-results/newton_cholesky.json](bench-results/newton_cholesky.json).",
        END,
    ])
    RAW.parent.mkdir(parents=True, exist_ok=True)
    RAW.write_text(json.dumps(raw, indent=1) + "\n")
    page = PAGE.read_text() if PAGE.exists() else "# Benchmarks\n"
    if START in page and END in page:
        page = page[: page.index(START)] + section + page[page.index(END) + len(END):]
    else:
        page = page.rstrip() + "\n\n" + section + "\n"
    PAGE.write_text(page)
    print(section)


if __name__ == "__main__":
    main()
