"""The hand-written spam augmentation: deterministic, labelled, and disjoint from the behavioural suite."""

from __future__ import annotations

from pathlib import Path

from service.text import normalize
from training.augment_spam import augmentation_frame

BEHAVIOUR = Path(__file__).resolve().parents[2] / "model_behaviour"


def test_rows_are_deterministic_and_labelled() -> None:
    a, b = augmentation_frame(), augmentation_frame()
    assert a.equals(b)
    assert set(a["spam"]) == {0.0, 1.0}
    assert a["toxic"].isna().all()
    assert a["text"].is_unique


def test_no_behavioural_test_case_is_trained_on() -> None:
    cases = []
    for path in BEHAVIOUR.glob("*.txt"):
        cases += [
            line.strip()
            for line in path.read_text().splitlines()
            if line.strip() and not line.startswith("#")
        ]
    trained = {normalize(t) for t in augmentation_frame()["text"]}
    assert not trained & {normalize(c) for c in cases}


def _ngrams(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = normalize(text).split()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_no_long_phrase_is_shared_with_the_behavioural_suite() -> None:
    cases = set()
    for path in BEHAVIOUR.glob("*.txt"):
        for line in path.read_text().splitlines():
            cases |= _ngrams(line)
    for text in augmentation_frame()["text"]:
        assert not _ngrams(text) & cases, text
