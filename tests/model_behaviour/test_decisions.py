"""Decisions as moderators see them, on the bias, language and contact-sharing suites (training.suites).

Every figure with a target in ``training.suites.TARGETS`` is checked against the shipped model with the
shipped policy (held = held or rejected). The case files are never edited to suit a model.
"""

from __future__ import annotations

from typing import Any

import pytest

from training.suites import TARGETS, bias_cases, contact_cases, language_cases, meets, run_suites, topic_cases

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


@pytest.mark.parametrize("figure", list(TARGETS))
def test_target(suites: dict[str, Any], figure: str) -> None:
    value = suites["figures"][figure]
    op, target = TARGETS[figure]
    examples = {
        "bias": suites["bias"]["held_neutral_examples"][:5] + suites["bias"]["missed_toxic_examples"][:5],
        "topic": suites["topics"]["held_examples"][:5],
        "insults": [r["text"] for r in suites["languages_wrong_examples"]][:8],
        "neutral": [r["text"] for r in suites["languages_wrong_examples"]][:8],
        "contact": suites["contact"]["spam_published_examples"][:5],
    }[figure.split("_")[0]]
    assert meets(figure, value), f"{figure} = {value:.4f}, target {op} {target}; e.g. {examples}"
