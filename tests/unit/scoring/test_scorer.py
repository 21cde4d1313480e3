"""The scorer: thresholds from settings or the manifest, and what a score carries."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.config import Settings
from service.scoring.scorer import load_scorer, thresholds_from


def _settings(models: Path, **overrides: float) -> Settings:
    return Settings(models_dir=models, model_version=None, **overrides)


def test_manifest_defaults_when_settings_are_unset(version_dir: Path) -> None:
    scorer = load_scorer(_settings(version_dir.parent))
    t = scorer.thresholds
    assert (t.spam_hold, t.spam_reject, t.toxicity_hold) == (0.5, 0.9, 0.5)
    assert t.extra_hold == {"hate": 0.4}
    assert scorer.version == "2026-01-01-test-s0"


def test_settings_override_the_manifest(version_dir: Path) -> None:
    scorer = load_scorer(_settings(version_dir.parent, spam_hold_threshold=0.3, toxicity_hold_threshold=0.8))
    t = scorer.thresholds
    assert (t.spam_hold, t.spam_reject, t.toxicity_hold) == (0.3, 0.9, 0.8)


def test_an_optional_head_can_be_raised_or_switched_off(version_dir: Path) -> None:
    scorer = load_scorer(_settings(version_dir.parent, hate_hold_threshold=1.01))
    assert scorer.thresholds.extra_hold == {"hate": 1.01}  # never reached: hate no longer holds alone
    from service.scoring.policy import decide

    assert decide({"spam": 0.0, "toxicity": 0.1, "hate": 0.99}, scorer.thresholds).status.value == "published"


def test_missing_threshold_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="spam_reject"):
        thresholds_from({"thresholds": {"spam_hold": 0.5, "toxicity_hold": 0.5}}, _settings(tmp_path))


def test_score_gives_probabilities_and_spans_for_flagged_labels(version_dir: Path) -> None:
    scorer = load_scorer(_settings(version_dir.parent))
    toxic, spam, clean = scorer.score(
        ["اسكت يا كلب يا حقير", "قروض فورية بدون كفيل واتساب 0501234567", "شكرا على المقال المفيد"]
    )
    assert toxic.model_version == scorer.version
    assert set(toxic.probabilities) == {"spam", "toxicity"}
    assert toxic.probabilities["toxicity"] > 0.5 > toxic.probabilities["spam"]
    assert spam.probabilities["spam"] > 0.5
    assert list(toxic.spans) == ["toxicity"] and toxic.spans["toxicity"]
    assert "spam" in spam.spans
    assert clean.spans == {}
    assert clean.dialect is None


def test_score_without_explain_and_empty_batch(version_dir: Path) -> None:
    scorer = load_scorer(_settings(version_dir.parent))
    assert scorer.score([]) == []
    (result,) = scorer.score(["اسكت يا كلب يا حقير"], explain=False)
    assert result.spans == {}


def test_a_comment_with_contact_details_is_also_scored_without_them(version_dir: Path) -> None:
    scorer = load_scorer(_settings(version_dir.parent))
    with_phone, without = scorer.score(["قروض فورية بدون كفيل واتساب 0501234567", "شكرا على المقال المفيد"])
    assert with_phone.spam_beyond_contact is not None
    assert without.spam_beyond_contact is None
    # the stripped text scores as the text without the number does
    (bare,) = scorer.score(["قروض فورية بدون كفيل واتساب"])
    assert abs(with_phone.spam_beyond_contact - bare.probabilities["spam"]) < 1e-6


def test_report_lines_come_from_the_manifest(tmp_path: Path) -> None:
    t = thresholds_from(
        {"thresholds": {"spam_hold": 0.5, "spam_reject": 0.9, "toxicity_hold": 0.5, "hate_hold": 0.8,
                        "hate_report": 0.3}},
        _settings(tmp_path),
    )  # fmt: skip
    assert t.extra_hold == {"hate": 0.8} and t.report == {"hate": 0.3}


def test_scores_from_stored_normalised_texts_equal_scores_of_the_raw_texts(version_dir: Path) -> None:
    scorer = load_scorer(_settings(version_dir.parent))
    texts = ["يا حمار انت غبي", "شكرا على المقال", "قروض فورية واتساب 0501234567", "   "]
    from service.text import normalize

    together = scorer.score_normalized(texts, [normalize(t) for t in texts])
    assert together == [scorer.score([t])[0] for t in texts]
    assert any(r.spans for r in together)


def test_spans_as_json_is_what_asdict_gives() -> None:
    from dataclasses import asdict

    from service.scoring.types import ScoreResult, Span

    result = ScoreResult("v", {"spam": 0.9}, {"spam": [Span(0, 3, "abc", 1.25)], "toxicity": []})
    assert result.spans_as_json() == {label: [asdict(s) for s in v] for label, v in result.spans.items()}
