"""Minimum functionality on hand-written comments, at the shipped model's own hold thresholds:
ordinary (often sharply critical) comments pass, clear insults are held for toxicity, spam for spam.

The shipped model's misses are written down in known_failures.tsv, each with its score, so they stay in
sight: a new miss fails the test, and so does a listed miss that the model no longer makes (update the list
when a retrained model fixes one). The case files themselves are never edited to suit a model.
"""

from __future__ import annotations

import csv

import pytest

from .conftest import HERE, Shipped, read_lines


def known_failures(name: str, label: str) -> set[str]:
    """Texts of ``name`` that the shipped model is known to get wrong for ``label``."""
    with (HERE / "known_failures.tsv").open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        return {row["text"] for row in rows if row["file"] == name and row["label"] == label}


def _check(shipped: Shipped, name: str, label: str, texts: list[str], scores: list[float], wrong: list[int]):
    known = known_failures(name, label)
    assert known <= set(texts), f"known_failures.tsv names texts not in {name}"
    new = [i for i in wrong if texts[i] not in known]
    fixed = known - {texts[i] for i in wrong}
    assert not new, _report(shipped, label, texts, scores, new)
    assert not fixed, f"{shipped.version} now gets these right: remove them from known_failures.tsv: {fixed}"


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
    _check(shipped, "ordinary_comments.txt", label, texts, scores, wrong)


def test_insults_are_held_for_toxicity(shipped: Shipped) -> None:
    texts = read_lines("insults.txt")
    scores = shipped.scores(texts)["toxicity"]
    wrong = [i for i, s in enumerate(scores) if s < shipped.hold["toxicity"]]
    _check(shipped, "insults.txt", "toxicity", texts, scores, wrong)


def test_spam_is_held_for_spam(shipped: Shipped) -> None:
    texts = read_lines("spam.txt")
    scores = shipped.scores(texts)["spam"]
    wrong = [i for i, s in enumerate(scores) if s < shipped.hold["spam"]]
    _check(shipped, "spam.txt", "spam", texts, scores, wrong)
