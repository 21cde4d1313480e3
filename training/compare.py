"""``raqib evaluate --compare A B``: two model versions on the SAME rows, side by side, every head.

The rows are the frozen evaluation set (training.frozen_set: B's held-out test split with its label policy,
the set ``raqib models promote`` gates on), so B's figures are exactly its manifest's; or a labelled CSV
(--data, one task). Each table is headed by its task. The verdict rests on a paired bootstrap of the PR-AUC
difference (threshold-free, so a model is not judged on where its thresholds happen to sit).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score

from training.evaluate import EvaluationError, Version, load_version, read_labelled_csv
from training.report import TASK_COLUMNS, score_texts, task_metrics
from training.slices import evaluate_frame
from training.tables import fmt, fmt_delta, json_safe, text_table

BOOTSTRAP_ROUNDS = 200
SIDE_BY_SIDE = (
    "threshold",
    "n",
    "precision",
    "recall",
    "f1",
    "macro_f1",
    "roc_auc",
    "pr_auc",
    "fpr",
    "brier",
)
PER_SOURCE = ("f1", "pr_auc", "fpr")


def bootstrap_delta(y: np.ndarray, pa: np.ndarray, pb: np.ndarray, seed: int = 0) -> tuple[float, float]:
    """95% interval of PR-AUC(B) - PR-AUC(A) over paired bootstrap resamples of the rows."""
    rng = np.random.default_rng(seed)
    deltas = []
    for _ in range(BOOTSTRAP_ROUNDS):
        idx = rng.integers(0, y.size, y.size)
        ys = y[idx]
        if 0 < ys.sum() < ys.size:
            deltas.append(average_precision_score(ys, pb[idx]) - average_precision_score(ys, pa[idx]))
    if not deltas:
        return float("nan"), float("nan")
    return float(np.percentile(deltas, 2.5)), float(np.percentile(deltas, 97.5))


def verdict(ci: tuple[float, float]) -> str:
    """b_better / a_better when the interval excludes zero, else no_clear_difference."""
    if ci[0] > 0:
        return "b_better"
    if ci[1] < 0:
        return "a_better"
    return "no_clear_difference"


def _heads(frame: pd.DataFrame, version: Version) -> dict[str, dict[str, Any]]:
    """Per head: the manifest-style metrics (training.slices, as training computed them) plus y and p."""
    metrics, proba = evaluate_frame(version.model, frame, version.manifest["thresholds"])
    out = {}
    for label, entry in metrics.items():
        column = TASK_COLUMNS[label]
        has = frame[column].notna().to_numpy()
        out[label] = {
            "overall": entry["overall"],
            "by_source": entry["per_source"],
            "y": frame[column].to_numpy()[has].astype(int),
            "proba": proba[label][has],
        }
    return out


def compare_task(task: str, column: str, va: Version, ra: dict | None, vb: Version, rb: dict | None) -> dict:
    """Print the tables of one task, headed by it, and return its verdict record."""
    if ra is None or rb is None:
        missing = va.name if ra is None else vb.name
        print(f"\n== task {task} (column {column}): {missing} has no {task} head: not compared ==")
        return {"task": task, "a": va.name, "b": vb.name, "verdict": f"only_{'b' if ra is None else 'a'}"}
    a, b = ra["overall"], rb["overall"]
    positives = int(ra["y"].sum())
    print(f"\n== task {task} (column {column}): {a['n']:,} rows, {positives:,} positive ==")
    rows = [[k, a[k], b[k], fmt_delta(b[k] - a[k])] for k in SIDE_BY_SIDE]
    print(text_table([f"{task}: metric", va.name, vb.name, "delta (B-A)"], rows))
    if len(ra.get("by_source", {})) > 1:
        source_rows = []
        for source, sa in ra["by_source"].items():
            sb = rb["by_source"][source]
            cells: list[Any] = [source, sa["n"]]
            for k in PER_SOURCE:
                cells += [sa[k], sb[k], fmt_delta(sb[k] - sa[k])]
            source_rows.append(cells)
        headers = [f"{task}: source", "n"] + [f"{k} {w}" for k in PER_SOURCE for w in ("A", "B", "delta")]
        print(f"\n{task} per source\n" + text_table(headers, source_rows))
    ci = bootstrap_delta(ra["y"], ra["proba"], rb["proba"])
    record = {"task": task, "a": va.name, "b": vb.name, "n": a["n"]}
    for k in ("pr_auc", "roc_auc", "macro_f1", "f1", "fpr"):
        record.update({f"{k}_a": a[k], f"{k}_b": b[k]})
    record.update(
        {"delta_pr_auc": b["pr_auc"] - a["pr_auc"], "delta_pr_auc_ci95": list(ci), "verdict": verdict(ci)}
    )
    print(f"{task}: PR-AUC delta {fmt_delta(record['delta_pr_auc'])}, 95% CI [{fmt(ci[0])}, {fmt(ci[1])}]")
    return record


def _on_file(data: Path, task: str, va: Version, vb: Version) -> tuple[str, dict[str, tuple[dict, dict]]]:
    labelled = read_labelled_csv(data)
    column = TASK_COLUMNS[task]
    frame = pd.DataFrame({"text": labelled["text"], "source": data.name, column: labelled["label"]})
    texts = frame["text"].astype(str).tolist()
    results = []
    for version in (va, vb):
        version.check_task(task)
        proba = score_texts(version.model, texts, version.name)[task]
        results.append(task_metrics(frame, proba, task, version.threshold(task)))
    return f"{data} ({len(frame):,} rows)", {task: (results[0], results[1])}


def compare_cli(
    models_dir: Path, a: str, b: str, *, data: Path | None, data_dir: Path, task: str | None
) -> int:
    """Run the comparison, print tables and one JSON verdict line per task."""
    from training.frozen_set import frozen_set, held_out_for

    va, vb = load_version(models_dir, a), load_version(models_dir, b)
    if data is not None:
        if task is None:
            raise EvaluationError("--task is required with --data (a CSV holds one label column)")
        where, pairs = _on_file(data, task, va, vb)
    else:
        frozen = frozen_set(vb.manifest, vb.name, data_dir)
        held_out_for(frozen, va.name, va.manifest, vb.manifest)
        ha, hb = _heads(frozen.frame, va), _heads(frozen.frame, vb)
        tasks = [task] if task else [t for t in TASK_COLUMNS if t in ha or t in hb]
        pairs = {t: (ha.get(t), hb.get(t)) for t in tasks}
        where = f"frozen evaluation set, the {frozen.description}"
    print(f"comparing A={va.name} and B={vb.name} on the {where}")
    records = [compare_task(t, TASK_COLUMNS[t], va, ra, vb, rb) for t, (ra, rb) in pairs.items()]
    print()
    for record in records:
        print(json.dumps(json_safe(record), ensure_ascii=False))
    return 0
