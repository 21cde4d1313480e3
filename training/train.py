"""`raqib train`: corpus -> split -> fit (thresholds on validation) -> test metrics -> a new version folder.

The folder holds model.joblib, manifest.json, CARD.md and REPORT.md (+ plots). It is a candidate: nothing is
put in service until `raqib models promote VERSION` has compared it with the active model. Same data + same
seed give the same model and metrics.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd

from service.scoring.artifact import read_manifest, save_artifact
from service.scoring.scorer import Scorer
from service.text import normalize
from training.augment_arabizi import arabizi_frame
from training.augment_identity import identity_frame
from training.augment_spam import augmentation_frame
from training.card import write_card
from training.data import SOURCES, Split, load_corpus, load_dialect_corpus, split_corpus
from training.fit import TrainConfig, apply_label_policy, balanced_sample, fit_model, with_norm
from training.frozen_set import describe
from training.manifest import build_manifest, new_version
from training.modelling import dialect_margin, search_grid
from training.moderator_labels import load_moderator_labels, split_recent
from training.negatives import comment_negatives, lexicon_words
from training.osact_benchmark import run_osact2020
from training.out_of_source import leave_one_source_out
from training.settings import get_training_settings
from training.slices import dialect_accuracy, evaluate_frame
from training.source_study import EVIDENCE_FILE
from training.trust_report import for_manifest, print_trust, trust_evaluation, trust_markdown


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="raqib train", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="data folder (default: settings data_dir)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, help="models folder (default: settings models_dir)")
    parser.add_argument("--sources", help="comma-separated subset of: " + ", ".join(SOURCES))
    parser.add_argument("--benchmark", choices=["osact2020"], help="also run the OSACT2020 benchmark")
    parser.add_argument("--benchmark-only", action="store_true", help="run the benchmark and stop")
    parser.add_argument("--search", action="store_true", help="choose head settings on validation (slower)")
    parser.add_argument("--no-augment", action="store_true", help="leave out the hand-written spam comments")
    parser.add_argument(
        "--no-out-of-source",
        action="store_true",
        help="skip the leave-one-source-out evaluation (one extra toxicity head per comment source)",
    )
    parser.add_argument(
        "--arabizi-rows",
        type=int,
        default=TrainConfig.arabizi_rows,
        help=f"Arabizi copies of toxicity rows to add (default {TrainConfig.arabizi_rows}; 0 for none)",
    )
    parser.add_argument(
        "--moderator-labels",
        type=Path,
        help="CSV from `raqib labels export`: moderator decisions added to the training rows",
    )
    parser.add_argument(
        "--recent-share",
        type=float,
        default=0.2,
        help="share of the moderator decisions, the latest by time, held out as the report's 'recent "
        "decisions' slice and never trained on (default 0.2)",
    )
    return parser.parse_args(argv)


def _dialect_parts(
    data_dir: Path, per_class: int, seed: int
) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    try:
        rows = load_dialect_corpus(data_dir)
    except (FileNotFoundError, ValueError) as exc:
        _log(f"dialect corpus unavailable ({exc}); no dialect head")
        return None, None
    rows = rows[rows["dialect"].notna()]
    if rows.empty:
        return None, None
    train = balanced_sample(rows[rows["split"] == "train"], per_class, seed)
    return with_norm(train), rows[rows["split"] != "train"]


def halves(frame: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two disjoint, reproducible halves of a frame."""
    first = frame.sample(frac=0.5, random_state=seed)
    return first, frame.drop(first.index)


def cli(argv: list[str]) -> int:
    """Entry point of `raqib train`."""
    args = _parse(argv)
    settings = get_training_settings()
    data_dir, out = args.data or settings.data_dir, args.out or settings.models_dir
    config, started = TrainConfig(arabizi_rows=args.arabizi_rows), time.perf_counter()
    benchmark: dict[str, Any] | None = None
    if args.benchmark == "osact2020" or args.benchmark_only:
        benchmark = run_osact2020(data_dir, config, args.seed, _log)
        print(f"OSACT2020 benchmark (train+dev -> official test): macro-F1 {benchmark['macro_f1']:.4f}")
        if args.benchmark_only:
            return 0
    sources = [s.strip() for s in args.sources.split(",")] if args.sources else None
    corpus = load_corpus(data_dir, sources=sources, progress=True)
    missing = [c for c in ("toxic", "spam") if corpus.rows[c].notna().sum() == 0 or corpus.rows[c].max() != 1]
    if missing:
        print(
            f"raqib train: no positive {' or '.join(missing)} rows under {data_dir}: wrong --data?",
            file=sys.stderr,
        )
        return 2
    split = split_corpus(corpus.rows, args.seed)  # split first, so the label policy cannot move rows
    split = Split(*(apply_label_policy(part, config) for part in (split.train, split.val, split.test)))
    augment = (
        pd.DataFrame()
        if args.no_augment
        else pd.concat(
            [
                augmentation_frame(),
                arabizi_frame(split.train, config.arabizi_rows, args.seed),
                identity_frame(split.train, args.seed) if config.identity_copies else pd.DataFrame(),
            ],
            ignore_index=True,
        )
    )
    moderator, recent = _moderator_rows(args.moderator_labels, args.recent_share)
    negatives = comment_negatives(
        split.train,
        lexicon_words(data_dir),
        config.negatives_per_dialect if not args.no_augment else 0,
        args.seed,
    )
    _log(
        f"split: train {len(split.train)}, val {len(split.val)}, test {len(split.test)}; "
        f"+{len(augment)} augmentation rows, +{len(negatives)} genuine-comment toxicity negatives, "
        f"+{len(moderator)} moderator-labelled rows ({len(recent)} recent ones held out)"
    )
    _log("normalising texts")
    train = with_norm(pd.concat([split.train, augment, negatives, moderator], ignore_index=True))
    val = with_norm(split.val)
    dialect_train, dialect_eval = _dialect_parts(data_dir, config.dialect_rows_per_class, args.seed)
    grid = search_grid() if args.search else None
    fit = fit_model(train, val, config, args.seed, _log, dialect_rows=dialect_train, search=grid)
    _log("evaluating on the test split")
    if dialect_eval is not None and len(dialect_eval) and fit.model.dialect_ is not None:
        choose_on, dialect_eval = halves(dialect_eval, args.seed)
        x = fit.model.features_.transform([normalize(t) for t in choose_on["text"]])
        fit.model.dialect_.min_margin_ = dialect_margin(
            fit.model.dialect_, x, choose_on["dialect"].to_numpy()
        )
    metrics, _ = evaluate_frame(fit.model, split.test, fit.thresholds)
    recent_metrics = recent_decisions(fit.model, recent, fit.thresholds)
    if dialect_eval is not None and len(dialect_eval):
        metrics["dialect"] = dialect_accuracy(fit.model, dialect_eval)
    version = new_version(out, args.seed)
    _log("evaluating decisions: suites and moderator load")
    scorer = Scorer.of_model(fit.model, {"version": version, "thresholds": fit.thresholds})
    trust = trust_evaluation(scorer, split.test, config.toxicity_excluded)
    if not args.no_out_of_source:
        _log("out-of-source evaluation: one toxicity head per comment source left out")
        trust["out_of_source"] = leave_one_source_out(
            fit.model.features_,
            fit.x_train,
            train,
            fit.x_val,
            val,
            with_norm(split.test),
            config,
            args.seed,
            _log,
        )
    manifest = build_manifest(
        version=version,
        seed=args.seed,
        data_dir=Path(data_dir).name,
        data_files=corpus.files,
        rows_per_source=corpus.counts,
        split_rows={"train": len(split.train), "val": len(split.val), "test": len(split.test)},
        augment_rows=len(augment),
        moderator_rows=len(moderator),
        moderator_recent=recent_metrics,
        evaluation_set=describe(split.test, args.seed),
        labels=list(fit.model.labels),
        labels_dropped=fit.labels_dropped,
        dialects=list(fit.model.dialect_.classes_) if fit.model.dialect_ else [],
        hyperparameters=config.as_dict(),
        calibration=fit.calibration,
        search=fit.search,
        source_evidence=_source_evidence(),
        thresholds=fit.thresholds,
        metrics=metrics,
        evaluation=for_manifest(trust),
        benchmark=benchmark,
        train_seconds=round(time.perf_counter() - started, 1),
    )
    directory = save_artifact(fit.model, manifest, out / version)
    write_card(directory, read_manifest(directory))  # as saved: with checksum and library versions
    _write_report(directory, fit.model, split.test, fit.thresholds, trust, recent_metrics)
    _print_summary(version, metrics, fit.thresholds, benchmark, time.perf_counter() - started)
    print_trust(trust, version)
    print(f"candidate {version} written to {directory}; not in service: `raqib models promote {version}`")
    return 0


def _moderator_rows(path: Path | None, share: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    if path is None:
        return pd.DataFrame(), pd.DataFrame()
    rows = load_moderator_labels(path)
    train_rows, recent = split_recent(rows, share)
    if len(rows) and not rows["decided_at"].notna().any():
        _log(f"{path}: no decided_at column: no recent-decisions slice, every row is trained on")
    return train_rows.drop(columns=["decided_at"]), recent


def recent_decisions(model: Any, recent: pd.DataFrame, thresholds: dict[str, float]) -> dict[str, Any] | None:
    """Metrics on the held-out recent moderator decisions (spam and toxicity; None when there are none)."""
    from training.metrics import binary_metrics
    from training.slices import hold_threshold_for

    if recent.empty:
        return None
    proba = model.predict_proba(recent["text"].tolist())
    out: dict[str, Any] = {"n": len(recent), "since": str(recent["decided_at"].min()), "per_label": {}}
    for label, column in (("spam", "spam"), ("toxicity", "toxic")):
        has = recent[column].notna().to_numpy()
        if label in proba and has.any():
            m = binary_metrics(
                recent[column].to_numpy()[has], proba[label][has], hold_threshold_for(label, thresholds)
            )
            out["per_label"][label] = {k: m[k] for k in ("n", "precision", "recall", "f1", "fpr")}
    return out


def _source_evidence() -> dict[str, Any] | None:
    try:
        return json.loads(EVIDENCE_FILE.read_text())
    except FileNotFoundError:
        return None


def _write_report(
    directory: Path,
    model: Any,
    test: pd.DataFrame,
    thresholds: dict[str, float],
    trust: dict[str, Any],
    recent: dict[str, Any] | None,
) -> None:
    from training.report import recent_decisions_markdown, write_report

    path = write_report(directory, model, test, thresholds)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n" + trust_markdown(trust, directory) + "\n")
        fh.write("\n" + recent_decisions_markdown(recent) + "\n")


def _print_summary(
    version: str, metrics: dict[str, Any], thresholds: dict[str, float], bench: dict | None, seconds: float
) -> None:
    print(f"version {version}  ({seconds / 60:.1f} min)")
    for label, entry in metrics.items():
        if label == "dialect":
            print(
                f"  dialect: accuracy {entry.get('accuracy', float('nan')):.4f} on {entry.get('n', 0)} rows"
            )
            continue
        m = entry["overall"]
        line = (
            f"  {label}: test F1 {m['f1']:.4f} macro-F1 {m['macro_f1']:.4f} "
            f"P {m['precision']:.4f} R {m['recall']:.4f}"
        )
        if label == "spam":
            g = entry["genuine_fpr"]
            line += (
                f" | FPR on genuine comments {g['hold']:.4f} (hold), {g['reject']:.4f} (reject), n={g['n']}"
            )
        print(line)
    print("  thresholds: " + ", ".join(f"{k}={v:.2f}" for k, v in thresholds.items()))
    if bench:
        print(f"  OSACT2020 benchmark macro-F1 {bench['macro_f1']:.4f}")
