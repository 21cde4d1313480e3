"""``raqib evaluate``: score a labelled CSV with one model version, or compare two (training.compare).

    raqib evaluate --data FILE.csv --task toxicity|spam [--model VERSION]
    raqib evaluate --compare A B [--data-dir DIR | --data FILE.csv] [--task TASK]   every head by default
    raqib evaluate --trust [--model VERSION] [--data-dir DIR]

The single-model report ends with exactly one line of JSON (for scripts); metrics are at the model's
default hold threshold from its manifest (``toxicity_hold`` / ``spam_hold``).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from training.metrics import binary_metrics, reliability_curve
from training.report import score_texts
from training.tables import fmt, json_safe, text_table

TASKS = ("toxicity", "spam", "hate", "vulgar")
JSON_KEYS = ("n", "threshold", "precision", "recall", "f1", "macro_f1", "roc_auc", "pr_auc", "fpr")
SWEEP = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


class EvaluationError(Exception):
    """A problem the user can fix (bad file, unknown version, ...); printed without a traceback."""


@dataclass(frozen=True)
class Version:
    """A loaded model version: its name, the model and its manifest."""

    name: str
    model: Any
    manifest: dict[str, Any]

    def threshold(self, task: str) -> float:
        """The manifest's default hold threshold for a task."""
        key = f"{task}_hold"
        try:
            return float(self.manifest["thresholds"][key])
        except (KeyError, TypeError, ValueError) as exc:
            raise EvaluationError(f"model {self.name}: manifest has no thresholds.{key}") from exc

    def check_task(self, task: str) -> None:
        """Raise EvaluationError unless the model has a head for the task."""
        if task not in self.model.labels:
            labels = ", ".join(self.model.labels)
            raise EvaluationError(f"model {self.name} has no {task!r} head (labels: {labels})")

    def proba(self, texts: list[str], task: str) -> np.ndarray:
        """Probabilities of one task for raw texts (progress lines on big inputs)."""
        self.check_task(task)
        return score_texts(self.model, texts, what=self.name)[task]


def load_version(models_dir: Path, version: str | None) -> Version:
    """Verify and load a version folder (None = the version in service, models/CURRENT)."""
    from service.scoring.artifact import ArtifactError, load_artifact
    from service.scoring.registry import resolve_model_dir

    try:
        directory = resolve_model_dir(models_dir, version)
        artifact = load_artifact(directory)
    except ArtifactError as exc:
        raise EvaluationError(str(exc)) from exc
    return Version(directory.name, artifact.model, artifact.manifest)


def read_labelled_csv(path: Path) -> pd.DataFrame:
    """Rows of ``text,label`` (label 1 = toxic/spam, 0 = not); errors name the file and what is wrong."""
    if not path.is_file():
        raise EvaluationError(f"{path}: file not found")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise EvaluationError(f"{path}: not a readable UTF-8 CSV ({exc})") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in ("text", "label") if c not in frame.columns]
    if missing:
        found = ", ".join(frame.columns) or "none"
        need = ", ".join(missing)
        raise EvaluationError(f"{path}: missing column(s) {need} (found: {found}); need text,label")
    labels = frame["label"].str.strip().str.lower().map({"1": 1, "0": 0, "1.0": 1, "0.0": 0})
    bad = labels.isna()
    if bad.any():
        lines = (frame.index[bad] + 2).tolist()  # +1 for the header, +1 for 1-based lines
        values = sorted(set(frame.loc[bad, "label"]))[:5]
        raise EvaluationError(
            f"{path}: column label must be 0 or 1; bad values {values} on line(s) "
            f"{', '.join(map(str, lines[:10]))}{' ...' if len(lines) > 10 else ''}"
        )
    if frame.empty:
        raise EvaluationError(f"{path}: no rows")
    return pd.DataFrame({"text": frame["text"], "label": labels.astype(int)})


HEADLINE = ("precision", "recall", "f1", "macro_f1", "roc_auc", "pr_auc", "fpr", "brier")


def metrics_report(m: dict[str, Any], y: np.ndarray, p: np.ndarray) -> str:
    """The human-readable part: headline metrics, confusion matrix, a threshold sweep, calibration bins."""
    cm = m["confusion"]
    confusion = [["label 0", cm["tn"], cm["fp"]], ["label 1", cm["fn"], cm["tp"]]]
    sweep = []
    for t in SWEEP:
        s = binary_metrics(y, p, t)
        sweep.append([f"{t:.2f}", s["precision"], s["recall"], s["f1"], s["fpr"], s["confusion"]["fp"]])
    curve = reliability_curve(y, p)
    columns = (curve["bin_lower"], curve["count"], curve["mean_predicted"], curve["fraction_positive"])
    bins = [[f"{lo:.1f}-{lo + 0.1:.1f}", n, mp, fp] for lo, n, mp, fp in zip(*columns, strict=True)]
    return "\n\n".join(
        [
            text_table(["metric", "value"], [[k, m[k]] for k in HEADLINE]),
            "confusion matrix (rows: truth)\n" + text_table(["", "predicted 0", "predicted 1"], confusion),
            "other thresholds\n"
            + text_table(["threshold", "precision", "recall", "f1", "fpr", "false pos"], sweep),
            "calibration\n" + text_table(["probability", "n", "mean predicted", "observed rate"], bins),
        ]
    )


def evaluate_file(version: Version, path: Path, task: str) -> dict[str, Any]:
    """Score a labelled CSV, print the report, and return the JSON summary (also printed, last)."""
    frame = read_labelled_csv(path)
    y = frame["label"].to_numpy()
    p = version.proba(frame["text"].tolist(), task)
    threshold = version.threshold(task)
    m = binary_metrics(y, p, threshold)
    print(f"model {version.name} · task {task} · {path} ({m['n']:,} rows, {int(y.sum()):,} labelled 1)")
    print(f"threshold {fmt(threshold)} (manifest {task}_hold)\n")
    print(metrics_report(m, y, p))
    summary = {"task": task, "model": version.name, **{k: m[k] for k in JSON_KEYS}}
    print(json.dumps(json_safe(summary), ensure_ascii=False))
    return summary


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="raqib evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, help="CSV with columns text,label (1 = toxic/spam)")
    parser.add_argument("--task", choices=TASKS, help="which head to evaluate")
    parser.add_argument("--model", help="model version (default: the one in service, models/CURRENT)")
    parser.add_argument(
        "--compare",
        nargs=2,
        metavar=("A", "B"),
        help="compare two versions on the frozen evaluation set (B's test split, as `raqib models promote`)",
    )
    parser.add_argument("--data-dir", type=Path, help="dataset folder for --compare (default: settings)")
    parser.add_argument("--models-dir", type=Path, help="folder of model versions (default: settings)")
    parser.add_argument(
        "--trust",
        action="store_true",
        help="decisions as moderators see them: bias, language and contact suites, moderator load on the "
        "test split (needs --data-dir), out-of-source figures from the manifest",
    )
    return parser


def evaluate_trust(version: Version, data_dir: Path | None) -> dict[str, Any]:
    """Suites and moderator load for one version with its own policy, printed, then one JSON line."""
    from service.scoring.scorer import Scorer
    from training.trust_report import for_manifest, print_trust, trust_evaluation

    excluded = tuple(version.manifest.get("hyperparameters", {}).get("toxicity_excluded", ()))
    test = _test_split(data_dir, int(version.manifest.get("seed", 13)), excluded) if data_dir else None
    evaluation = trust_evaluation(Scorer.of_model(version.model, version.manifest), test, excluded)
    recorded = version.manifest.get("evaluation", {}).get("out_of_source")
    if recorded:
        evaluation["out_of_source"] = recorded
    print_trust(evaluation, version.name)
    summary = {"model": version.name, **evaluation["suites"]["figures"]}
    load = evaluation.get("moderator_load", {}).get("genuine_news_comments")
    if load:
        summary["genuine_news_comments_held"] = load["held"]
    if recorded:
        summary["out_of_source_mean_macro_f1"] = recorded.get("mean_macro_f1")
    print(json.dumps(json_safe(summary), ensure_ascii=False))
    return for_manifest(evaluation)


def _test_split(data_dir: Path, seed: int, excluded: tuple[str, ...]) -> pd.DataFrame | None:
    from training.data import load_corpus, split_corpus

    if not Path(data_dir).is_dir():
        print(f"raqib evaluate: {data_dir} not found: no moderator-load figures", file=sys.stderr)
        return None
    test = split_corpus(load_corpus(Path(data_dir), progress=True).rows, seed).test
    test.loc[test["source"].isin(excluded), ["toxic", "hate"]] = np.nan
    return test


def cli(argv: list[str]) -> int:
    """Entry point of ``raqib evaluate``; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    from training.settings import get_training_settings

    settings = get_training_settings()
    models_dir = args.models_dir or settings.models_dir
    try:
        if args.compare:
            if args.model:
                parser.error("--model cannot be combined with --compare")
            from training.compare import compare_cli

            data_dir = args.data_dir or settings.data_dir
            return compare_cli(models_dir, *args.compare, data=args.data, data_dir=data_dir, task=args.task)
        if args.trust:
            evaluate_trust(load_version(models_dir, args.model), args.data_dir or settings.data_dir)
            return 0
        if args.data is None or args.task is None:
            parser.error("--data FILE.csv and --task are required (or use --compare A B)")
        evaluate_file(load_version(models_dir, args.model), args.data, args.task)
    except EvaluationError as exc:
        print(f"raqib evaluate: error: {exc}", file=sys.stderr)
        return 2
    return 0
