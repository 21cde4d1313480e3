"""REPORT.md for a model version: metrics per task at the shipped thresholds, per source and per dialect, with
PR curves, a reliability diagram and a confusion matrix per task (PNGs beside the Markdown)."""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd

from training.metrics import binary_metrics, expected_calibration_error
from training.tables import markdown_table

# task (model label) -> corpus column holding its gold label
TASK_COLUMNS: dict[str, str] = {"toxicity": "toxic", "spam": "spam", "hate": "hate", "vulgar": "vulgar"}
PLOTS_DIR = "plots"
REPORT_FILE = "REPORT.md"
BATCH = 5000  # rows per predict_proba call; a progress line is printed after each on big frames
MIN_CURVE_ROWS = 50  # slices smaller than this get no PR curve of their own (too noisy to read)
METRIC_HEADERS = ("precision", "recall", "F1", "macro-F1", "ROC-AUC", "PR-AUC", "FPR", "Brier")
METRIC_KEYS = ("precision", "recall", "f1", "macro_f1", "roc_auc", "pr_auc", "fpr", "brier")


class ProbabilisticModel(Protocol):
    labels: Sequence[str]

    def predict_proba(self, texts: Sequence[str]) -> dict[str, np.ndarray]: ...


def task_threshold(thresholds: Mapping[str, float], task: str) -> float:
    """The hold threshold of a task, accepting manifest keys (``toxicity_hold``) or bare task names."""
    for key in (f"{task}_hold", task):
        if key in thresholds:
            return float(thresholds[key])
    raise KeyError(f"no threshold for {task!r} (have {', '.join(sorted(thresholds)) or 'none'})")


def score_texts(
    model: ProbabilisticModel, texts: Sequence[str], what: str = "report"
) -> dict[str, np.ndarray]:
    """predict_proba in batches, with progress lines on stderr when there is more than one batch."""
    texts = list(texts)
    chunks: dict[str, list[np.ndarray]] = {label: [] for label in model.labels}
    loud = len(texts) > BATCH
    for start in range(0, len(texts), BATCH):
        proba = model.predict_proba(texts[start : start + BATCH])
        for label in model.labels:
            chunks[label].append(np.asarray(proba[label], dtype=float))
        if loud:
            done = min(start + BATCH, len(texts))
            print(f"{what}: scored {done:,}/{len(texts):,} texts", file=sys.stderr, flush=True)
    return {label: np.concatenate(parts) if parts else np.empty(0) for label, parts in chunks.items()}


def slice_metrics(
    y: np.ndarray, proba: np.ndarray, groups: pd.Series, threshold: float
) -> dict[str, dict[str, Any]]:
    """binary_metrics per value of ``groups`` (aligned with y/proba), largest slice first."""
    keys = groups.fillna("unknown").astype(str).to_numpy()
    out: dict[str, dict[str, Any]] = {}
    for name in pd.Series(keys).value_counts().index:
        mask = keys == name
        out[name] = binary_metrics(y[mask], proba[mask], threshold)
    return out


def task_metrics(frame: pd.DataFrame, proba: np.ndarray, task: str, threshold: float) -> dict[str, Any]:
    """Overall, per-source and per-dialect metrics of one task on the rows that carry its label."""
    column = TASK_COLUMNS.get(task, task)
    labelled = frame[column].notna().to_numpy()
    sub = frame.loc[labelled]
    y = sub[column].to_numpy(dtype=int)
    p = np.asarray(proba, dtype=float)[labelled]
    overall = binary_metrics(y, p, threshold)
    overall["positives"] = int(y.sum())
    overall["ece"] = expected_calibration_error(y, p) if y.size else math.nan
    result: dict[str, Any] = {"task": task, "column": column, "overall": overall, "y": y, "proba": p}
    for by in ("source", "dialect"):
        if by in sub.columns:
            result[f"by_{by}"] = slice_metrics(y, p, sub[by].reset_index(drop=True), threshold)
            result[f"{by}_values"] = sub[by].fillna("unknown").astype(str).to_numpy()
    return result


def slice_table(slices: Mapping[str, Mapping[str, Any]], first: str) -> str:
    """Per-slice metrics as a table: name, n, positives, then the metric columns."""
    rows = []
    for name, m in slices.items():
        positives = m["confusion"]["tp"] + m["confusion"]["fn"]
        rows.append([name, m["n"], positives, *(m[k] for k in METRIC_KEYS)])
    return markdown_table([first, "n", "positives", *METRIC_HEADERS], rows)


def _plots(result: Mapping[str, Any], plots_dir: Path, version: str) -> list[tuple[str, str]]:
    from training import plots  # matplotlib is imported only when a report is written

    task, y, p, overall = result["task"], result["y"], result["proba"], result["overall"]
    curves: dict[str, tuple[np.ndarray, np.ndarray]] = {"all": (y, p)}
    sources = result.get("source_values")
    if sources is not None:
        for name, m in result.get("by_source", {}).items():
            cm = m["confusion"]
            if m["n"] >= MIN_CURVE_ROWS and cm["tp"] + cm["fn"] > 0 and cm["tn"] + cm["fp"] > 0:
                mask = sources == name
                curves[name] = (y[mask], p[mask])
    point = None
    if not math.isnan(overall["recall"]) and not math.isnan(overall["precision"]):
        point = (overall["recall"], overall["precision"])
    files = [
        ("PR curves", plots.pr_curves(curves, plots_dir / f"{task}_pr.png", f"{task} — {version}", point)),
        ("reliability", plots.reliability_diagram(y, p, plots_dir / f"{task}_reliability.png", f"{task}")),
        (
            "confusion matrix",
            plots.confusion_matrix(overall["confusion"], plots_dir / f"{task}_confusion.png", task, task),
        ),
    ]
    return [(alt, f"{PLOTS_DIR}/{path.name}") for alt, path in files]


def task_section(result: Mapping[str, Any], threshold: float, images: Sequence[tuple[str, str]]) -> str:
    """One task's Markdown: headline metrics, confusion matrix, plots, per-source and per-dialect tables."""
    task, column, m = result["task"], result["column"], result["overall"]
    cm = m["confusion"]
    parts = [
        f"## {task} (column `{column}`, threshold {threshold:.3f})",
        markdown_table(
            ["n", "positives", *METRIC_HEADERS, "ECE"],
            [[m["n"], m["positives"], *(m[k] for k in METRIC_KEYS), m["ece"]]],
        ),
        "Confusion matrix at the threshold (rows: truth):",
        markdown_table(
            ["", f"predicted not {task}", f"predicted {task}"],
            [[f"not {task}", cm["tn"], cm["fp"]], [task, cm["fn"], cm["tp"]]],
        ),
        " ".join(f"![{alt}]({link})" for alt, link in images),
    ]
    if "by_source" in result:
        parts += ["### Per source", slice_table(result["by_source"], "source")]
    if "by_dialect" in result:
        parts += [
            "### Per dialect (gold label; `unknown` = not labelled)",
            slice_table(result["by_dialect"], "dialect"),
        ]
    return "\n\n".join(parts)


def write_report(
    version_dir: Path, model: ProbabilisticModel, test_frame: pd.DataFrame, thresholds: Mapping[str, float]
) -> Path:
    """Score the test frame, write REPORT.md and its PNGs into version_dir, and return the report's path."""
    version_dir = Path(version_dir)
    version = version_dir.name
    frame = test_frame.reset_index(drop=True)
    print(f"report: scoring {len(frame):,} test rows with {version}", file=sys.stderr, flush=True)
    proba = score_texts(model, frame["text"].astype(str).tolist())
    sections = [
        f"# Evaluation report — model `{version}`",
        f"Held-out test split: {len(frame):,} rows. Metrics at the model's default hold thresholds; "
        "rows without a label for a task are left out of that task. PR-AUC is average precision; "
        "ECE is the expected calibration error over 10 equal-width bins.",
    ]
    for task, column in TASK_COLUMNS.items():
        if task not in model.labels or column not in frame.columns or not frame[column].notna().any():
            continue
        try:
            threshold = task_threshold(thresholds, task)
        except KeyError as exc:
            sections.append(f"## {task}\n\nNot evaluated: {exc.args[0]}.")
            continue
        print(f"report: {task} metrics and plots", file=sys.stderr, flush=True)
        result = task_metrics(frame, proba[task], task, threshold)
        images = _plots(result, version_dir / PLOTS_DIR, version)
        sections.append(task_section(result, threshold, images))
    path = version_dir / REPORT_FILE
    path.write_text("\n\n".join(sections) + "\n", encoding="utf-8")
    print(f"report: wrote {path}", file=sys.stderr, flush=True)
    return path


def recent_decisions_markdown(recent: Mapping[str, Any] | None) -> str:
    """The "recent decisions" section: the latest moderator decisions, held out by time, never trained on."""
    head = "## Recent moderator decisions (held out by time, never trained on)"
    if not recent:
        return f"{head}\n\nNone: trained without `--moderator-labels`, or its rows carry no decision time."
    rows = [
        [label, m["n"], m["precision"], m["recall"], m["f1"], m["fpr"]]
        for label, m in recent["per_label"].items()
    ]
    intro = f"{recent['n']:,} decisions taken from {recent['since']} on, at the model's hold lines."
    return f"{head}\n\n{intro}\n\n" + markdown_table(["task", "n", "precision", "recall", "F1", "FPR"], rows)
