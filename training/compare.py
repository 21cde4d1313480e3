"""``raqib evaluate --compare A B``: two model versions on the SAME rows, side by side, a verdict per task.

The rows are the held-out test split rebuilt from the data folder with A's seed, or a labelled CSV (--data).
Rebuilding a split only makes sense when both versions were trained on the same data files: otherwise the
rebuilt "test" rows may have been training rows of one of them, and the comparison would flatter it.
The verdict rests on a paired bootstrap of the PR-AUC difference (threshold-free, so a model is not judged
on where its thresholds happen to sit).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score

from training.evaluate import TASKS, EvaluationError, Version, load_version, read_labelled_csv
from training.report import TASK_COLUMNS, score_texts, task_metrics
from training.tables import fmt, fmt_delta, json_safe, text_table

BOOTSTRAP_ROUNDS = 200
SIDE_BY_SIDE = ("precision", "recall", "f1", "macro_f1", "roc_auc", "pr_auc", "fpr", "brier", "ece")
PER_SOURCE = ("f1", "pr_auc", "fpr")


def data_files(manifest: Mapping[str, Any]) -> dict[str, str] | None:
    """The {file: sha256} map a version was trained on, wherever the manifest keeps it."""
    data = manifest.get("data")
    for candidate in (
        data.get("files") if isinstance(data, Mapping) else None,
        manifest.get("data_files"),
        manifest.get("files"),
    ):
        if isinstance(candidate, Mapping) and candidate:
            return {str(k): str(v) for k, v in candidate.items()}
    return None


def data_fingerprint(manifest: Mapping[str, Any]) -> str | None:
    """One hash for all the data a version was trained on (None when the manifest does not record it)."""
    files = data_files(manifest)
    if files is not None:
        return hashlib.sha256(json.dumps(sorted(files.items())).encode()).hexdigest()
    data = manifest.get("data")
    for value in (
        manifest.get("data_sha256"),
        manifest.get("data_hash"),
        data if isinstance(data, str) else None,
    ):
        if value:
            return str(value)
    return None


def _manifest_sources(manifest: Mapping[str, Any]) -> list[str] | None:
    # `raqib train --sources` may have used a subset; the per-source row counts name exactly what was read.
    data = manifest.get("data")
    for sources in (
        data.get("sources") if isinstance(data, Mapping) else None,
        manifest.get("sources"),
        manifest.get("rows_per_source"),
    ):
        if isinstance(sources, Mapping) and sources:
            return list(sources)
        if isinstance(sources, list) and sources:
            return [str(s) for s in sources]
    return None


def check_same_data(a: str, ma: Mapping[str, Any], b: str, mb: Mapping[str, Any]) -> str:
    """A's data fingerprint when both versions record the same one; EvaluationError explaining why not."""
    fa, fb = data_fingerprint(ma), data_fingerprint(mb)
    why = (
        "the test split is rebuilt from the data folder, and it is held out for both models only if both "
        "were trained on the same data; compare on a fixed labelled file with --data FILE.csv --task TASK"
    )
    for name, fingerprint in ((a, fa), (b, fb)):
        if fingerprint is None:
            raise EvaluationError(
                f"model {name}: manifest records no data hashes, cannot check the data ({why})"
            )
    if fa != fb:
        raise EvaluationError(f"{a} and {b} were trained on different data (data hashes differ): {why}")
    return str(fa)


def rebuild_test_split(manifest: Mapping[str, Any], name: str, data_dir: Path) -> pd.DataFrame:
    """A version's held-out test rows: its sources and seed, after checking the files are unchanged."""
    from training.data import load_corpus, split_corpus

    if "seed" not in manifest:
        raise EvaluationError(f"model {name}: manifest has no seed, so its test split cannot be rebuilt")
    corpus = load_corpus(data_dir, sources=_manifest_sources(manifest))
    recorded = data_files(manifest)
    if recorded is not None:
        changed = sorted(
            f for f in set(recorded) | set(corpus.files) if corpus.files.get(f) != recorded.get(f)
        )
        if changed:
            raise EvaluationError(
                f"{data_dir}: {len(changed)} file(s) differ from the ones {name} was trained on "
                f"(e.g. {changed[0]}), so the rebuilt split would not be its test split; use --data FILE.csv"
            )
    test = split_corpus(corpus.rows, int(manifest["seed"])).test
    recorded_rows = (manifest.get("split_rows") or {}).get("test")
    if recorded_rows is not None and recorded_rows != len(test):
        # Same files, different rows: the cleaning/dedupe code changed since training.
        print(
            f"warning: rebuilt test split has {len(test):,} rows, {name} recorded {recorded_rows:,}: "
            "the data code changed since training, so a few rows may differ from its true test split",
            file=sys.stderr,
        )
    return test


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


def compare_task(
    frame: pd.DataFrame, task: str, va: Version, pa: np.ndarray, vb: Version, pb: np.ndarray
) -> dict:
    """Print the side-by-side tables of one task and return its verdict record."""
    ra = task_metrics(frame, pa, task, va.threshold(task))
    rb = task_metrics(frame, pb, task, vb.threshold(task))
    a, b = ra["overall"], rb["overall"]
    print(f"\n== {task} (column {ra['column']}): {a['n']:,} rows, {a['positives']:,} positive ==")
    rows = [["threshold", a["threshold"], b["threshold"], fmt_delta(b["threshold"] - a["threshold"])]]
    rows += [[k, a[k], b[k], fmt_delta(b[k] - a[k])] for k in SIDE_BY_SIDE]
    print(text_table(["metric", va.name, vb.name, "delta (B-A)"], rows))
    if len(ra.get("by_source", {})) > 1:
        source_rows = []
        for source, sa in ra["by_source"].items():
            sb = rb["by_source"][source]
            cells: list[Any] = [source, sa["n"]]
            for k in PER_SOURCE:
                cells += [sa[k], sb[k], fmt_delta(sb[k] - sa[k])]
            source_rows.append(cells)
        headers = ["source", "n"] + [f"{k} {w}" for k in PER_SOURCE for w in ("A", "B", "delta")]
        print("\nper source\n" + text_table(headers, source_rows))
    ci = bootstrap_delta(ra["y"], ra["proba"], rb["proba"])
    record = {"task": task, "a": va.name, "b": vb.name, "n": a["n"]}
    for k in ("pr_auc", "roc_auc", "macro_f1", "f1", "fpr"):
        record.update({f"{k}_a": a[k], f"{k}_b": b[k]})
    record.update(
        {"delta_pr_auc": b["pr_auc"] - a["pr_auc"], "delta_pr_auc_ci95": list(ci), "verdict": verdict(ci)}
    )
    print(f"PR-AUC delta {fmt_delta(record['delta_pr_auc'])}, 95% CI [{fmt(ci[0])}, {fmt(ci[1])}]")
    return record


def compare_cli(
    models_dir: Path, a: str, b: str, *, data: Path | None, data_dir: Path, task: str | None
) -> int:
    """Run the comparison, print tables and one JSON verdict line per task."""
    from service.scoring.artifact import ArtifactError, read_manifest, resolve_model_dir

    try:
        ma, mb = (read_manifest(resolve_model_dir(models_dir, v)) for v in (a, b))
    except ArtifactError as exc:
        raise EvaluationError(str(exc)) from exc
    tasks = [task] if task else list(TASKS)
    if data is not None:
        if task is None:
            raise EvaluationError("--task is required with --data (a CSV holds one label column)")
        labelled = read_labelled_csv(data)
        frame = pd.DataFrame(
            {"text": labelled["text"], "source": data.name, TASK_COLUMNS[task]: labelled["label"]}
        )
        where = f"{data} ({len(frame):,} rows)"
    else:
        check_same_data(a, ma, b, mb)
        if ma.get("seed") != mb.get("seed"):
            print(
                f"warning: {b} was trained with seed {mb.get('seed')}, not {ma.get('seed')}: some of these "
                f"test rows were in its training split",
                file=sys.stderr,
            )
        frame = rebuild_test_split(ma, a, data_dir)
        where = f"test split of {data_dir} with seed {ma['seed']} ({len(frame):,} rows)"
    va, vb = load_version(models_dir, a), load_version(models_dir, b)
    for t in tasks:
        va.check_task(t)
        vb.check_task(t)
    print(f"comparing A={va.name} and B={vb.name} on the {where}")
    texts = frame["text"].astype(str).tolist()
    proba_a, proba_b = score_texts(va.model, texts, va.name), score_texts(vb.model, texts, vb.name)
    records = [compare_task(frame, t, va, proba_a[t], vb, proba_b[t]) for t in tasks]
    print()
    for record in records:
        print(json.dumps(json_safe(record), ensure_ascii=False))
    return 0
