"""A tiny real TextModel fitted on invented sentences, saved as a version folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from service.scoring.artifact import save_artifact
from service.scoring.features import TextFeatures
from service.scoring.model import TextModel
from service.text import normalize
from training.modelling import HeadParams, fit_calibrator, fit_head

CLEAN = [
    "شكرا على المقال المفيد",
    "تحليل ممتاز للوضع الاقتصادي",
    "أتفق مع الكاتب في هذا الرأي",
    "خبر جميل عن المدرسة الجديدة",
    "نتمنى التوفيق للمنتخب في المباراة",
    "معلومات مهمة عن الطقس اليوم",
]
TOXIC = [
    "يا حمار انت غبي",
    "اسكت يا كلب يا حقير",
    "كلامك زبالة يا تافه",
    "انت أغبى واحد يا حمار",
    "الله يلعنك يا كلب",
    "يا حقير يا وسخ اسكت",
]
SPAM = [
    "قروض فورية بدون كفيل واتساب 0501234567",
    "زيادة متابعين انستقرام بأرخص الأسعار تواصل معنا",
    "جلب الحبيب ورد المطلقة اتصل 0555123456",
    "اربح ايفون الآن اضغط على الرابط http://win.example.com",
    "توصيات فوركس أرباح مضمونة تيليجرام",
    "علاج طبيعي مضمون اطلب الآن واتساب 0599887766",
]


def build_tiny_model() -> TextModel:
    texts = CLEAN + TOXIC + SPAM
    norm = [normalize(t) for t in texts]
    features = TextFeatures(word_max_features=500, char_max_features=2000, min_df=1).fit(norm)
    x = features.transform(norm)
    heads = {}
    for label, positives in (("spam", SPAM), ("toxicity", TOXIC)):
        y = np.array([t in positives for t in texts], dtype=int)
        head = fit_head(x, y, np.ones(len(y)), HeadParams("nblr", 4.0), seed=0)
        head.calibrator_ = fit_calibrator(head.log_odds(x), y)
        heads[label] = head
    return TextModel(features, heads)


@pytest.fixture(scope="session")
def tiny_model() -> TextModel:
    return build_tiny_model()


MANIFEST = {
    "version": "2026-01-01-test-s0",
    "thresholds": {"spam_hold": 0.5, "spam_reject": 0.9, "toxicity_hold": 0.5, "hate_hold": 0.4},
}


@pytest.fixture
def version_dir(tmp_path: Path, tiny_model: TextModel) -> Path:
    """models/<version>/ with a real artifact, and models/CURRENT naming it."""
    directory = save_artifact(tiny_model, dict(MANIFEST), tmp_path / "models" / MANIFEST["version"])
    (tmp_path / "models" / "CURRENT").write_text(MANIFEST["version"] + "\n")
    return directory
