"""The promotion gate: a candidate against the active model on the frozen evaluation set, figure by figure.

Both are scored on the same rows (training.frozen_set) with their own thresholds, as serving would decide.
The gated figures: per head, F1, macro-F1 and PR-AUC (higher is better) and the false-positive rate (lower);
spam's false-positive rate on genuine comments at the hold and the reject line; the behavioural and bias
suites' headline figures (training.suites: the direction of each target); the share of genuine news comments
held (moderator load). A head the active model has and the candidate lacks is a refusal. The tolerance only
absorbs floating-point noise: on the same rows, a figure that moved against moderators is worse.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from service.scoring.scorer import Scorer
from training.evaluate import Version
from training.frozen_set import FrozenSet
from training.slices import evaluate_frame
from training.suites import TARGETS
from training.tables import text_table
from training.trust_report import trust_evaluation

TOLERANCE = 0.0005
HIGHER_IS_BETTER = ("f1", "macro_f1", "pr_auc")
LOWER_IS_BETTER = ("fpr",)
THRESHOLD_KEYS = ("spam_hold", "spam_reject", "toxicity_hold", "hate_hold", "hate_report", "vulgar_hold")


def figures_of(version: Version, frozen: FrozenSet) -> dict[str, Any]:
    """Every gated figure of one version on the frozen set: {name: (value, "higher"|"lower")}, and metrics."""
    thresholds = version.manifest["thresholds"]
    metrics, _ = evaluate_frame(version.model, frozen.frame, thresholds)
    out: dict[str, tuple[float, str]] = {}
    for label, entry in metrics.items():
        overall = entry["overall"]
        for key in HIGHER_IS_BETTER:
            out[f"{label}.{key}"] = (float(overall[key]), "higher")
        for key in LOWER_IS_BETTER:
            out[f"{label}.{key}"] = (float(overall[key]), "lower")
        if "genuine_fpr" in entry:
            out[f"{label}.genuine_fpr_hold"] = (float(entry["genuine_fpr"]["hold"]), "lower")
            out[f"{label}.genuine_fpr_reject"] = (float(entry["genuine_fpr"]["reject"]), "lower")
    trust = trust_evaluation(Scorer.of_model(version.model, version.manifest), frozen.frame, frozen.excluded)
    for name, value in trust["suites"]["figures"].items():
        op = TARGETS.get(name, ("<=", 0.0))[0]
        out[f"suite.{name}"] = (float(value), "higher" if op == ">=" else "lower")
    load = trust.get("moderator_load", {}).get("genuine_news_comments")
    if load:
        out["load.genuine_news_comments_held"] = (float(load["held"]), "lower")
    return {"figures": out, "metrics": metrics}


@dataclass
class GateResult:
    """The comparison, figure by figure, and what it refuses on."""

    active: str
    candidate: str
    evaluation_set: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    threshold_changes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def refused_on(self) -> list[str]:
        return [row["figure"] for row in self.rows if row["verdict"] == "worse"]

    def as_json(self) -> dict[str, Any]:
        return {
            "active": self.active,
            "candidate": self.candidate,
            "evaluation_set": self.evaluation_set,
            "refused_on": self.refused_on,
            "figures": self.rows,
            "threshold_changes": self.threshold_changes,
        }


def _verdict(a: float | None, b: float | None, better: str) -> str:
    # None: the version lacks the head or figure; NaN: undefined on these rows (e.g. no positive predicted)
    a = None if a is None or math.isnan(a) else a
    b = None if b is None or math.isnan(b) else b
    if b is None:
        return "same" if a is None else "worse"  # the candidate lost what the active model has
    if a is None:
        return "new"
    delta = b - a if better == "higher" else a - b
    if delta < -TOLERANCE:
        return "worse"
    return "better" if delta > TOLERANCE else "same"


def compare_figures(
    active: dict[str, tuple[float, str]], candidate: dict[str, tuple[float, str]]
) -> list[dict]:
    """One row per figure either version has: values, delta and verdict."""
    rows = []
    for name in sorted(set(active) | set(candidate)):
        a, b = active.get(name), candidate.get(name)
        better = (a or b)[1]  # type: ignore[index]
        va, vb = (a[0] if a else None), (b[0] if b else None)
        rows.append(
            {
                "figure": name,
                "active": va,
                "candidate": vb,
                "better": better,
                "verdict": _verdict(va, vb, better),
            }
        )
    return rows


def threshold_changes(active: Version, candidate: Version, overrides: dict[str, float | None]) -> list[dict]:
    """The decision lines that move with the promote (a settings override keeps its own line)."""
    ta, tb = active.manifest.get("thresholds", {}), candidate.manifest.get("thresholds", {})
    rows = []
    for key in sorted(set(ta) | set(tb), key=lambda k: (k not in THRESHOLD_KEYS, k)):
        override = overrides.get(key)
        rows.append(
            {
                "threshold": key,
                "active": ta.get(key),
                "candidate": tb.get(key),
                "in_force_after": override if override is not None else tb.get(key),
                "overridden_by_settings": override is not None,
            }
        )
    return rows


def run_gate(
    active: Version, candidate: Version, frozen: FrozenSet, overrides: dict[str, float | None]
) -> GateResult:
    """Score both on the frozen set and compare every gated figure."""
    fa, fb = figures_of(active, frozen)["figures"], figures_of(candidate, frozen)["figures"]
    result = GateResult(active.name, candidate.name, frozen.description)
    result.rows = compare_figures(fa, fb)
    result.threshold_changes = threshold_changes(active, candidate, overrides)
    return result


def print_gate(result: GateResult) -> None:
    """Threshold changes first (they take effect with the promote), then every figure."""
    print(f"active {result.active} vs candidate {result.candidate} on the {result.evaluation_set}")
    print("\nthresholds (what serving will use after the promote)")
    rows = [
        [
            r["threshold"],
            r["active"],
            r["candidate"],
            r["in_force_after"],
            "settings" if r["overridden_by_settings"] else "",
        ]
        for r in result.threshold_changes
    ]
    print(text_table(["threshold", "active", "candidate", "in force after", "override"], rows))
    print("\ngated figures")
    rows = []
    for r in result.rows:
        a, b = r["active"], r["candidate"]
        delta = f"{b - a:+.4f}" if a is not None and b is not None else ""
        rows.append([r["figure"], _four(a), _four(b), delta, f"{r['better']} is better", r["verdict"]])
    print(text_table(["figure", "active", "candidate", "delta", "", "verdict"], rows))


def _four(value: float | None) -> str:
    return "–" if value is None else f"{value:.4f}"
