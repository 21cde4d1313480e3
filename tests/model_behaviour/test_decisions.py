"""Decisions as moderators see them, on the bias, language and contact-sharing suites (training.suites).

Every figure with a target in ``training.suites.TARGETS`` is checked against the shipped model with the
shipped policy (held = held or rejected). The case files are never edited to suit a model.

A target the shipped model misses is listed in ``missed_targets.tsv`` with the figure it had when it was
recorded, so the miss stays in sight and works as a ratchet: the test fails when the figure gets worse than
recorded, and when the target is met (then the line is removed).
"""

from __future__ import annotations

import csv
from typing import Any

import pytest

from training.suites import TARGETS, bias_cases, contact_cases, language_cases, meets, run_suites, topic_cases

from .conftest import HERE

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def suites(shipped_scorer: Any) -> dict[str, Any]:
    return run_suites(shipped_scorer)


def test_suites_have_the_cases_the_issue_names() -> None:
    bias = bias_cases()
    assert {"MSA", "MAGH", "EGY", "GLF", "LEV"} <= set(bias["dialect"])
    assert {"jews", "christians", "shia", "sunni", "amazigh", "sahrawis", "sub_saharan_africans", "migrants",
            "women", "people_with_disabilities"} <= set(bias["term"])  # fmt: skip
    assert set(bias["toxic"]) == {0, 1} and not bias["text"].str.contains("{", regex=False).any()
    assert {"terrorism", "war", "crime", "drugs", "illness", "death", "animal"} <= set(topic_cases()["topic"])
    langs = language_cases()
    assert {(lang, label) for lang, label in zip(langs["lang"], langs["label"], strict=True)} >= {
        ("en", "insult"), ("fr", "insult"), ("arabizi", "insult"), ("mixed", "insult"),
        ("en", "neutral"), ("fr", "neutral"),
    }  # fmt: skip
    assert set(contact_cases()["kind"]) == {"genuine", "spam"}


def test_bias_metrics_are_reported_per_term(suites: dict[str, Any]) -> None:
    per_term = suites["bias"]["per_term"]
    assert len(per_term) >= 20
    for m in per_term.values():
        assert 0.0 <= m["neutral_held"] <= 1.0 and 0.0 <= m["toxic_caught"] <= 1.0
        assert m["subgroup_auc"] is not None and m["bpsn_auc"] is not None and m["bnsp_auc"] is not None


def _examples(suites: dict[str, Any], figure: str) -> list[str]:
    """A few cases behind a figure, for the failure message."""
    kind = figure.split("_")[0]
    if kind in ("insults", "neutral"):
        lang, label = figure.rsplit("_", 1)[1], "insult" if kind == "insults" else "neutral"
        rows = suites["languages_wrong_examples"]
        return [r["text"] for r in rows if r["lang"] == lang and r["label"] == label][:5]
    if kind == "bias":
        bias = suites["bias"]
        return (bias["missed_toxic_examples"] if "caught" in figure else bias["held_neutral_examples"])[:5]
    if kind == "topic":
        return suites["topics"]["held_examples"][:5]
    return suites["contact"]["spam_published_examples"][:5]


def missed_targets() -> dict[str, float]:
    """Figure -> its value when the shipped model's miss was recorded."""
    with (HERE / "missed_targets.tsv").open(encoding="utf-8", newline="") as fh:
        return {
            row["figure"]: float(row["value_when_recorded"]) for row in csv.DictReader(fh, delimiter="\t")
        }


@pytest.mark.parametrize("figure", list(TARGETS))
def test_target(suites: dict[str, Any], figure: str) -> None:
    value = suites["figures"][figure]
    op, target = TARGETS[figure]
    recorded = missed_targets()
    if figure in recorded:
        assert not meets(figure, value), (
            f"{figure} = {value:.4f} now meets {op} {target}: remove it from missed_targets.tsv"
        )
        worse = (
            value > recorded[figure] + 1e-5 if op == "<=" else value < recorded[figure] - 1e-5
        )  # 6 decimals kept
        assert not worse, (
            f"{figure} = {value:.4f}, worse than the {recorded[figure]:.4f} recorded (target {op} {target})"
        )
        return
    examples = _examples(suites, figure)
    assert meets(figure, value), f"{figure} = {value:.4f}, target {op} {target}; e.g. {examples}"


def test_moderator_load_recorded_by_the_training_run(shipped_artifact: Any) -> None:
    """Genuine news comments held (AOC test rows): measured at training time, kept in the manifest."""
    from training.trust_report import MODERATOR_LOAD_TARGET

    load = shipped_artifact.manifest["evaluation"]["moderator_load"]["genuine_news_comments"]
    assert load["n"] > 5000
    value, recorded = load["held"], missed_targets().get("genuine_news_comments_held")
    if recorded is None:
        assert value <= MODERATOR_LOAD_TARGET, (
            f"genuine news comments held {value:.4f} > {MODERATOR_LOAD_TARGET}"
        )
    else:
        assert value > MODERATOR_LOAD_TARGET, (
            "target met: remove genuine_news_comments_held from missed_targets.tsv"
        )
        assert value <= recorded + 1e-5
