"""Minimum functionality on hand-written comments, at the shipped model's own hold thresholds:
ordinary (often sharply critical) comments pass, clear insults are held for toxicity, spam for spam."""

from __future__ import annotations

import pytest

from .conftest import Shipped, read_lines

pytestmark = pytest.mark.model


def _report(shipped: Shipped, label: str, texts: list[str], scores: list[float], wrong: list[int]) -> str:
    lines = [f"{label}={scores[i]:.3f}: {texts[i]}" for i in wrong]
    return (
        f"{shipped.version} ({label} hold {shipped.hold[label]:.3f}), {len(wrong)}/{len(texts)} wrong:\n"
        + ("\n".join(lines))
    )


@pytest.mark.parametrize("name", ["ordinary_comments.txt", "insults.txt", "spam.txt"])
def test_case_files_hold_thirty_distinct_texts(name: str) -> None:
    texts = read_lines(name)
    assert len(texts) >= 30 and len(set(texts)) == len(texts)


@pytest.mark.parametrize("label", ["toxicity", "spam"])
def test_ordinary_comments_stay_below_hold(shipped: Shipped, label: str) -> None:
    texts = read_lines("ordinary_comments.txt")
    scores = shipped.scores(texts)[label]
    wrong = [i for i, s in enumerate(scores) if s >= shipped.hold[label]]
    assert not wrong, _report(shipped, label, texts, scores, wrong)


def test_insults_are_held_for_toxicity(shipped: Shipped) -> None:
    texts = read_lines("insults.txt")
    scores = shipped.scores(texts)["toxicity"]
    wrong = [i for i, s in enumerate(scores) if s < shipped.hold["toxicity"]]
    assert not wrong, _report(shipped, "toxicity", texts, scores, wrong)


def test_spam_is_held_for_spam(shipped: Shipped) -> None:
    texts = read_lines("spam.txt")
    scores = shipped.scores(texts)["spam"]
    wrong = [i for i, s in enumerate(scores) if s < shipped.hold["spam"]]
    assert not wrong, _report(shipped, "spam", texts, scores, wrong)
