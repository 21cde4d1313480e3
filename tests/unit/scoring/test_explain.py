"""Explanations: exact per-token shares of a head's log-odds, as spans of the ORIGINAL text."""

from __future__ import annotations

import pytest

from service.scoring.model import TextModel, VectorisedText
from service.text import normalize

# Diacritics, elongation, a URL and a phone number: the normalised text differs from the original in length.
TEXT = "مقالٌ جميـــل... لكن أنت يا حمـــار غبي!! زوروا http://example.com أو اتصل 0501234567"


def test_spans_point_into_the_original_text(tiny_model: TextModel) -> None:
    spans = tiny_model.explain(TEXT, "toxicity", top_k=5)
    assert spans
    for span in spans:
        assert TEXT[span.start : span.end] == span.text
        assert span.weight > 0
    assert [s.weight for s in spans] == sorted((s.weight for s in spans), reverse=True)
    assert any("حمـــار" in s.text for s in spans)


def test_a_function_word_is_shown_only_with_the_word_it_goes_with(tiny_model: TextModel) -> None:
    spans = tiny_model.explain(TEXT, "toxicity", top_k=10)
    texts = [s.text for s in spans]
    assert "يا حمـــار" in texts  # the vocative and the insult, as one pair
    for alone in ("يا", "أنت", "لكن", "!!", "..."):
        assert alone not in texts


def test_carrying_spans_drop_lone_particles_and_punctuation() -> None:
    from service.scoring.model import carrying_spans
    from service.text import normalize_tokens

    text = "من هنا يا ولد ، الشارع !"
    tokens = [t for t in normalize_tokens(text) if t.norm]
    # every token pushes up: "من" and "هنا" have no content word beside them, "يا" joins the word after it
    spans = carrying_spans(text, tokens, [1.0] * len(tokens), top_k=10)
    assert sorted(s.text for s in spans) == ["الشارع", "يا ولد"]
    # a particle pushing up beside a word that pushes down is left out altogether
    down = [1.0 if t.norm == "يا" else -1.0 for t in tokens]
    assert carrying_spans(text, tokens, down, top_k=10) == []


def test_placeholders_map_back_to_the_entity(tiny_model: TextModel) -> None:
    spans = tiny_model.explain("للتواصل واتساب 0501234567", "spam", top_k=5)
    assert any(s.text == "0501234567" for s in spans)


def test_contributions_sum_to_the_log_odds(tiny_model: TextModel) -> None:
    tokens, shares = tiny_model.token_contributions(TEXT, ["spam", "toxicity"])
    log_odds = tiny_model.log_odds([TEXT])
    for label in ("spam", "toxicity"):
        assert len(shares[label]) == len(tokens)
        expected = log_odds[label][0] - tiny_model.heads_[label].intercept_
        assert sum(shares[label]) == pytest.approx(expected, abs=1e-4)


def test_top_k_and_empty_text(tiny_model: TextModel) -> None:
    assert len(tiny_model.explain(TEXT, "toxicity", top_k=1)) == 1
    assert tiny_model.explain("   ", "spam") == []


def test_a_row_of_the_batch_gives_the_same_spans_as_vectorising_again(tiny_model: TextModel) -> None:
    texts = [TEXT, "اسكت يا كلب", "للتواصل واتساب 0501234567", "خبر جميل"]
    norms = [normalize(t) for t in texts]
    x = tiny_model.features_.transform(norms)
    for i, text in enumerate(texts):
        row = VectorisedText.row_of(norms[i], x, i)
        assert row.values == dict(zip(*(m.tolist() for m in (x[i].indices, x[i].data)), strict=True))
        labels = ["spam", "toxicity"]
        assert tiny_model.explain_many(text, labels, 5, row) == tiny_model.explain_many(text, labels, 5)


def test_a_row_of_another_text_is_not_used(tiny_model: TextModel) -> None:
    x = tiny_model.features_.transform([normalize("خبر جميل")])
    stale = VectorisedText.row_of(normalize("خبر جميل"), x, 0)  # e.g. a stored form that is out of date
    fresh = tiny_model.explain_many(TEXT, ["toxicity"])
    assert tiny_model.explain_many(TEXT, ["toxicity"], 5, stale) == fresh
