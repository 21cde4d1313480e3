"""The worker's scores equal the training-time evaluation's for the same text and model (up to the six
decimals the scorer stores), one text at a time or in batches, before or after the model's caches are warm."""

from __future__ import annotations

import pytest

from service.config import PROJECT_ROOT, get_settings
from service.scoring.scorer import load_scorer
from training.report import score_texts

from .conftest import read_lines

pytestmark = pytest.mark.model


def test_scorer_matches_evaluation_scores_exactly() -> None:
    if not (PROJECT_ROOT / "models" / "CURRENT").is_file():
        pytest.skip("no shipped model")
    texts = [
        *read_lines("ordinary_comments.txt"),
        *read_lines("insults.txt"),
        *read_lines("spam.txt"),
        "مقال ممتاز، شكراً للكاتب j.doe [at] gmail [dot] com",
    ]
    scorer = load_scorer(get_settings())
    one_by_one = [scorer.score([text], explain=False)[0].probabilities for text in texts]
    batched = [result.probabilities for result in scorer.score(texts, explain=True)]
    evaluation = score_texts(scorer.model, texts)
    for i, text in enumerate(texts):
        for label, value in one_by_one[i].items():
            assert value == pytest.approx(float(evaluation[label][i]), abs=5e-7), (label, text)
            assert batched[i][label] == pytest.approx(value, abs=5e-7), (label, text)
