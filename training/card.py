"""CARD.md: a version folder's model card, rendered from its manifest (so the two never disagree)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from training.card_text import INTENDED_USE, LIMITATIONS, weakest_slices
from training.data import EXTRA_SOURCES, SOURCES
from training.tables import markdown_table

CARD_FILE = "CARD.md"
_COLS = ("n", "precision", "recall", "f1", "macro_f1", "roc_auc", "fpr", "brier")
_HEAD = ("slice", "n", "precision", "recall", "F1", "macro-F1", "ROC-AUC", "FPR", "Brier")


def _row(name: str, m: dict[str, Any]) -> list[Any]:
    return [name, *(m.get(c) for c in _COLS)]


def _metrics_section(metrics: dict[str, Any], thresholds: dict[str, float]) -> list[str]:
    out = ["## Test-split metrics", "", "At the default hold thresholds; held-out 10% of every source.", ""]
    for label, entry in metrics.items():
        if label == "dialect":
            continue
        out += [f"### {label}", "", markdown_table(_HEAD, [_row("all", entry["overall"])]), ""]
        if label == "spam":
            g, r = entry["genuine_fpr"], entry["at_reject"]
            out += [
                f"False-positive rate on genuine comments (news comments + toxicity-set rows, n={g['n']}): "
                f"{g['hold']:.4f} at spam_hold {thresholds['spam_hold']:.2f}, "
                f"{g['reject']:.4f} at spam_reject {thresholds['spam_reject']:.2f} "
                f"(precision there {r['precision']:.4f}, recall {r['recall']:.4f}).",
                "",
            ]
        out += [
            "Per source:",
            "",
            markdown_table(_HEAD, [_row(k, v) for k, v in entry["per_source"].items()]),
            "",
        ]
        out += [
            "Per dialect:",
            "",
            markdown_table(_HEAD, [_row(k, v) for k, v in entry["per_dialect"].items()]),
            "",
        ]
    if metrics.get("dialect"):
        d = metrics["dialect"]
        rows = [[k, v] for k, v in d["recall_per_dialect"].items()]
        out += [
            "### dialect identifier",
            "",
            f"Accuracy {d['accuracy']:.3f} on {d['n']} held-out dialect-labelled texts (the evaluation "
            "part of the dialect corpus: DART gold/eval, QADI). Recall per dialect:",
            "",
            markdown_table(("dialect", "recall"), rows),
            "",
        ]
    return out


def _sources_section(manifest: dict[str, Any]) -> list[str]:
    counts = manifest.get("rows_per_source", {})
    rows = []
    for name, c in counts.items():
        info = SOURCES.get(name)
        rows.append(
            [
                name,
                info.domain if info else "",
                c.get("loaded"),
                c.get("kept"),
                c.get("duplicate"),
                c.get("conflicting"),
                c.get("benchmark_excluded"),
            ]
        )
    out = [
        "## Data",
        "",
        f"Data folder `{manifest.get('data_dir')}`; split seed {manifest.get('seed')} "
        f"(train/val/test rows: {manifest.get('split_rows')}); "
        f"{manifest.get('augment_rows', 0)} augmentation rows in training only: hand-written spam comments "
        "(training/augment_spam.py) and "
        f"{manifest.get('hyperparameters', {}).get('arabizi_rows', 0)} Arabizi copies of toxicity rows "
        "(training/augment_arabizi.py).",
        "",
        markdown_table(
            ("source", "domain", "loaded", "kept", "duplicates", "conflicting", "benchmark test"), rows
        ),
        "",
        "### Citations",
        "",
    ]
    for name in counts:
        if name in SOURCES:
            out.append(f"- **{name}** — {SOURCES[name].citation} Terms: {SOURCES[name].licence}.")
    for name, info in EXTRA_SOURCES.items():
        out.append(f"- **{name}** (benchmark/dialect only) — {info.citation} Terms: {info.licence}.")
    out += ["", "SHA-256 of every file read: `manifest.json` → `data_files`.", ""]
    return out


def _evidence_section(manifest: dict[str, Any]) -> list[str]:
    out = ["## How the model was chosen", ""]
    out.append(f"Hyper-parameters: `{manifest.get('hyperparameters')}`.")
    out.append("")
    for label, table in (manifest.get("search") or {}).items():
        if table:
            headers = list(table[0])
            out += [
                f"Validation search — {label}:",
                "",
                markdown_table(headers, [list(r.values()) for r in table]),
                "",
            ]
    out += _source_evidence(manifest)
    cal = manifest.get("calibration") or {}
    if cal:
        rows = [[k, v.get("platt"), v.get("isotonic"), v.get("chosen")] for k, v in cal.items()]
        out += [
            "Calibration (2-fold Brier on validation):",
            "",
            markdown_table(("label", "Platt", "isotonic", "chosen"), rows),
            "",
        ]
    return out


def _source_evidence(manifest: dict[str, Any]) -> list[str]:
    evidence = manifest.get("source_evidence")
    if not evidence:
        return []
    headers = ("source", "weight", "others at 1.0", "others", "own at 1.0", "own", "all")
    keys = ("source", "weight", "others_at_1", "others", "own_at_1", "own", "all")
    rows = [[r.get(k) for k in keys] for r in evidence["rows"][1:]]
    excluded = manifest.get("hyperparameters", {}).get("toxicity_excluded", [])
    return [
        "### Source weighting (toxicity)",
        "",
        "Validation macro-F1 (best threshold) of the toxicity head trained with one source re-weighted, "
        "on the OTHER sources' validation rows and on the source's own rows "
        f"(`python -m training.source_study`, seed {evidence.get('seed')}, {evidence.get('val_rows')} "
        f"validation rows; all sources at weight 1.0: {evidence['rows'][0].get('val_macro_f1_all')}). "
        "A source whose removal raises the others' score disagrees with them: toxicity labels not used "
        f"from {', '.join(excluded) or 'none'} (their rows stay "
        "as genuine comments for spam).",
        "",
        markdown_table(headers, rows),
        "",
    ]


def _trust_section(evaluation: dict[str, Any] | None) -> list[str]:
    """The decisions moderators see: suite figures against their targets, moderator load, out of source."""
    if not evaluation:
        return []
    from training.trust_report import figures_rows

    return [
        "## What moderators see",
        "",
        "Decisions of this model with its default policy (held = held for a moderator or rejected) on the "
        "hand-written suites in `tests/model_behaviour/` and on the genuine comments of the test split; "
        "REPORT.md has the per-term, per-dialect and per-source tables and plots.",
        "",
        markdown_table(("figure", "value", "target", "met"), figures_rows(evaluation)),
        "",
    ]


def render_card(manifest: dict[str, Any]) -> str:
    """The Markdown text of the card."""
    thresholds = manifest.get("thresholds", {})
    lines = [
        f"# Raqib model {manifest['version']}",
        "",
        f"Created {manifest.get('created_at')} from commit `{manifest.get('git_commit')}`; "
        f"labels {', '.join(manifest.get('labels', []))}; "
        f"dialects {', '.join(manifest.get('dialects', [])) or 'none'}.",
        "",
        *INTENDED_USE,
        "",
        "## Default thresholds",
        "",
        markdown_table(("threshold", "value"), list(thresholds.items())),
        "",
        "A `*_hold` line is where the head holds a comment on its own: never below the line from which its "
        "validation precision stays at or above 0.75 (a head that never gets there has a line above 1 and "
        "never holds). A `*_report` line is the head's F1-best cut when that is lower: over it, the head is "
        "named among the reasons but does not hold. A comment is rejected only when its spam score is over "
        "`spam_reject` with its e-mail addresses and phone numbers left out as well. Each line can be "
        "overridden in settings (RAQIB_SPAM_HOLD_THRESHOLD, RAQIB_SPAM_REJECT_THRESHOLD, "
        "RAQIB_TOXICITY_HOLD_THRESHOLD, RAQIB_HATE_HOLD_THRESHOLD, RAQIB_VULGAR_HOLD_THRESHOLD).",
        "",
        *_trust_section(manifest.get("evaluation")),
    ]
    if manifest.get("labels_dropped"):
        lines += [f"Optional heads not shipped: {manifest['labels_dropped']}.", ""]
    bench = manifest.get("benchmark")
    if bench:
        lines += [
            "## Public benchmark: OSACT2020 subtask A",
            "",
            f"Trained on the official train+dev only ({bench['train_rows']} rows), threshold from 5-fold "
            f"out-of-fold scores, evaluated once on the rebuilt official test ({bench['test_rows']} rows): "
            f"**macro-F1 {bench['macro_f1']:.4f}** "
            f"(best shared-task system {bench['shared_task_best_macro_f1']}); precision "
            f"{bench['precision']:.3f}, recall {bench['recall']:.3f}, ROC-AUC {bench['roc_auc']:.3f}.",
            "",
            "Model families compared on the same features by 5-fold out-of-fold macro-F1 on train+dev (the "
            f"best is used): chosen `{bench.get('head')}`.",
            "",
            markdown_table(("setting", "OOF macro-F1"), list((bench.get("oof_macro_f1") or {}).items())),
            "",
        ]
    lines += _metrics_section(manifest.get("metrics", {}), thresholds)
    lines += ["## Known weaknesses", "", *weakest_slices(manifest.get("metrics", {})), *LIMITATIONS, ""]
    lines += _sources_section(manifest)
    lines += _evidence_section(manifest)
    lines += [
        "## Reproduce",
        "",
        f"`raqib train --seed {manifest.get('seed')}{' --search' if manifest.get('search') else ''}"
        f"{' --benchmark osact2020' if manifest.get('benchmark') else ''}` with the "
        "same data files (checksums in the manifest) and library versions "
        f"`{manifest.get('versions')}`.",
        "",
    ]
    return "\n".join(lines)


def write_card(directory: Path, manifest: dict[str, Any]) -> Path:
    """Write CARD.md into a version folder."""
    path = directory / CARD_FILE
    path.write_text(render_card(manifest))
    return path
