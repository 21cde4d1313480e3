"""What moderators will see, as one evaluation: suites, moderator load and out-of-source figures.

``trust_evaluation`` computes it for a model and its thresholds (the training run stores it in the manifest
and REPORT.md; ``raqib evaluate --trust`` recomputes it for any version); ``trust_markdown`` and
``print_trust`` render it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from service.scoring.scorer import Scorer
from training.moderator_load import moderator_load
from training.suites import run_suites, targets_table
from training.tables import markdown_table, text_table

MODERATOR_LOAD_TARGET = 0.05  # share of genuine news comments held


def trust_evaluation(scorer: Scorer, test: pd.DataFrame | None, excluded: tuple[str, ...]) -> dict[str, Any]:
    """Suites always; moderator load when a test split is given."""
    out: dict[str, Any] = {"suites": run_suites(scorer)}
    if test is not None:
        out["moderator_load"] = moderator_load(scorer, test, excluded)
    return out


def figures_rows(evaluation: dict[str, Any]) -> list[list[Any]]:
    """Figure, value, target, met: the headline table of the card, the report and the CLI."""
    rows = targets_table(evaluation["suites"]["figures"])
    load = evaluation.get("moderator_load", {}).get("genuine_news_comments")
    if load:
        ok = "yes" if load["held"] <= MODERATOR_LOAD_TARGET else "NO"
        rows.insert(
            0, ["genuine_news_comments_held", round(load["held"], 4), f"<= {MODERATOR_LOAD_TARGET}", ok]
        )
    oos = evaluation.get("out_of_source", {}).get("mean_macro_f1")
    if oos is not None:
        rows.append(["out_of_source_mean_macro_f1", round(oos, 4), "reported", ""])
    return rows


def print_trust(evaluation: dict[str, Any], version: str) -> None:
    """The figures with targets, then per-term, per-dialect and per-source detail, on stdout."""
    print(f"model {version}: decisions as moderators see them (held = not published)")
    print(text_table(["figure", "value", "target", "met"], figures_rows(evaluation)))
    bias = evaluation["suites"]["bias"]
    print("\nbias suite per term")
    print(text_table(*_term_rows(bias)))
    load = evaluation.get("moderator_load")
    if load:
        print("\nmoderator load (test split)")
        print(text_table(["slice", "n", "held"], _load_rows(load)))
    oos = evaluation.get("out_of_source")
    if oos:
        print("\nout-of-source toxicity (trained without the source, tested on all its rows)")
        print(text_table(["source", "n", "macro-F1", "PR-AUC"], _oos_rows(oos)))


def _term_rows(bias: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    headers = ["term", "n", "neutral held", "toxic caught", "subgroup AUC", "BPSN AUC", "BNSP AUC"]
    rows = [
        [t, m["n"], m["neutral_held"], m["toxic_caught"], m["subgroup_auc"], m["bpsn_auc"], m["bnsp_auc"]]
        for t, m in sorted(bias["per_term"].items(), key=lambda kv: -kv[1]["neutral_held"])
    ]
    return headers, rows


def _load_rows(load: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    news = load.get("genuine_news_comments")
    if news:
        rows.append(["genuine news comments", news["n"], news["held"]])
        rows += [[f"  {k}", v["n"], v["held"]] for k, v in news["per_source"].items()]
        rows += [[f"  dialect {k}", v["n"], v["held"]] for k, v in news["per_dialect"].items()]
    posts = load.get("everyday_posts")
    if posts:
        rows.append(["everyday dialect posts", posts["n"], posts["held"]])
    for source, m in load.get("comment_sources", {}).items():
        rows.append(
            [f"{source}: toxic held / clean held", m["n"], f"{m['toxic_held']:.3f} / {m['clean_held']:.3f}"]
        )
    return rows


def _oos_rows(oos: dict[str, Any]) -> list[list[Any]]:
    rows = [[s, m["n"], m["macro_f1"], m["pr_auc"]] for s, m in oos["per_source"].items()]
    rows.append(["mean", "", oos.get("mean_macro_f1"), ""])
    return rows


def trust_markdown(evaluation: dict[str, Any], version_dir: Path) -> str:
    """REPORT.md's section, with a per-term bar chart and out-of-source PR curves beside it."""
    from training import plots

    bias = evaluation["suites"]["bias"]
    images = [("identity terms", plots.term_bars(bias["per_term"], version_dir / "plots" / "bias_terms.png",
                                                 f"bias suite — {version_dir.name}"))]  # fmt: skip
    scores = evaluation.get("out_of_source", {}).get("_scores")
    if scores:
        path = plots.pr_curves(
            scores, version_dir / "plots" / "out_of_source_pr.png", "toxicity, out of source"
        )
        images.append(("out-of-source PR curves", path))
    parts = [
        "## What moderators see",
        "Decisions with the shipped policy (held = held for a moderator or rejected), on the hand-written "
        "suites of `tests/model_behaviour/` and the genuine comments of the test split.",
        markdown_table(["figure", "value", "target", "met"], figures_rows(evaluation)),
        " ".join(f"![{alt}](plots/{path.name})" for alt, path in images),
        "### Bias suite per identity term (Dixon et al. 2018 templates; AUCs on the toxicity score)",
        markdown_table(*_term_rows(bias)),
        "### Bias suite per dialect",
        markdown_table(
            ["dialect", "neutral held", "toxic caught"],
            [[d, m["neutral_held"], m["toxic_caught"]] for d, m in bias["per_dialect"].items()],
        ),
        "### Hard topics and literal animal words (neutral sentences)",
        markdown_table(
            ["topic", "n", "held"],
            [[k, v["n"], v["rate"]] for k, v in evaluation["suites"]["topics"]["per_topic"].items()],
        ),
    ]
    load = evaluation.get("moderator_load")
    if load:
        parts += ["### Moderator load (test split)", markdown_table(["slice", "n", "held"], _load_rows(load))]
    oos = evaluation.get("out_of_source")
    if oos:
        parts += [
            "### Out-of-source toxicity (trained without the source, tested on all its rows)",
            markdown_table(["source", "n", "macro-F1", "PR-AUC"], _oos_rows(oos)),
        ]
    return "\n\n".join(parts)


def for_manifest(evaluation: dict[str, Any]) -> dict[str, Any]:
    """The evaluation without the raw scores kept for plots."""
    out = dict(evaluation)
    if "out_of_source" in out:
        out["out_of_source"] = {k: v for k, v in out["out_of_source"].items() if not k.startswith("_")}
    return out
