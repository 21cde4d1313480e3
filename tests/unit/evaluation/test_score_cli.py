"""`raqib score` input handling and its JSON records, with the tiny real model."""

from __future__ import annotations

import io

from service.scoring.policy import Thresholds
from service.scoring.types import ScoreResult
from training.score_cli import read_texts, score_lines


def test_dash_reads_stdin_lines_in_place() -> None:
    stdin = io.StringIO("سطر أول\n\n  \nسطر ثان\r\n")
    assert read_texts(["قبل", "-", "بعد"], stdin) == ["قبل", "سطر أول", "سطر ثان", "بعد"]


class _TinyScorer:
    """The scorer interface over the tiny model: version, thresholds, model, score()."""

    def __init__(self, model) -> None:
        self.model = model
        self.version = "tiny"
        self.thresholds = Thresholds(spam_hold=0.5, spam_reject=0.9, toxicity_hold=0.4)

    def score(self, texts, *, explain=True):
        proba = self.model.predict_proba(texts)
        dialects = self.model.predict_dialect(texts)
        return [
            ScoreResult("tiny", {k: float(v[i]) for k, v in proba.items()}, {}, dialects[i])
            for i in range(len(texts))
        ]


def test_records_carry_probabilities_decision_and_spans(tiny_model) -> None:
    text = "يا كلب يا حقير"
    [record] = score_lines(_TinyScorer(tiny_model), [text])
    assert record["text"] == text and record["model"] == "tiny" and record["dialect"] == "MSA"
    tox = record["probabilities"]["toxicity"]
    assert tox == float(tiny_model.predict_proba([text])["toxicity"][0])
    assert record["decision"]["status"] == ("held" if tox >= 0.4 else "published")
    spans = record["spans"]["toxicity"]
    assert spans, "an insult should have words pushing toxicity up"
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
        assert span["weight"] > 0
