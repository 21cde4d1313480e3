"""A tiny real model for evaluation tests: char n-gram TF-IDF + logistic regression per label, fitted on a
handful of invented comments (no shipped artifact needed)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from service.scoring.types import Span

CLEAN = [
    "الحكومة مطالبة بتوضيح أسباب رفع الأسعار",
    "مقال جميل شكرا للكاتب",
    "نتمنى التوفيق للمنتخب في المباراة القادمة",
    "الخدمة في المستشفى تحتاج إلى إصلاح",
    "الله يرحمه كان رجلا طيبا",
    "متى تفتح المدارس أبوابها هذا العام",
]
TOXIC = ["انت حمار وغبي", "يا كلب يا حقير", "اسكت يا غبي يا حمار", "كلامك زبالة يا حقير"]
SPAM = ["جلب الحبيب واتساب الشيخ الروحاني", "قرض فوري واتساب الآن", "بيع متابعين واتساب رخيص"]


class TinyModel:
    """Duck-typed like service.scoring.model.TextModel: labels, predict_proba, explain, predict_dialect."""

    def __init__(self) -> None:
        texts = CLEAN + TOXIC + SPAM
        self.vec_ = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit(texts)
        x = self.vec_.transform(texts)
        self.heads_ = {
            "spam": LogisticRegression(C=10).fit(x, [t in SPAM for t in texts]),
            "toxicity": LogisticRegression(C=10).fit(x, [t in TOXIC for t in texts]),
        }

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.heads_)

    def predict_proba(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        x = self.vec_.transform(list(texts))
        return {label: head.predict_proba(x)[:, 1] for label, head in self.heads_.items()}

    def predict_dialect(self, texts: Sequence[str]) -> list[str]:
        return ["MSA" for _ in texts]

    def explain(self, text: str, label: str, top_k: int = 5) -> list[Span]:
        base = float(self.predict_proba([text])[label][0])
        spans = []
        pos = 0
        for word in text.split():
            start = text.index(word, pos)
            pos = start + len(word)
            without = text[:start] + text[pos:]
            drop = base - float(self.predict_proba([without])[label][0])
            if drop > 0:
                spans.append(Span(start, pos, word, round(drop, 4)))
        return sorted(spans, key=lambda s: -s.weight)[:top_k]


@pytest.fixture(scope="session")
def tiny_model() -> TinyModel:
    return TinyModel()


@pytest.fixture()
def test_frame() -> pd.DataFrame:
    """Invented held-out rows, with unlabelled (NaN) cells like the real corpus."""
    rows = [
        ("الحكومة لم توضح أسباب القرار", "news", 0.0, 0.0, "MSA"),
        ("شكرا على المقال الجميل", "news", 0.0, 0.0, "MSA"),
        ("يا حمار يا غبي", "tweets", 1.0, np.nan, "GLF"),
        ("انت حقير وكلب", "tweets", 1.0, np.nan, "EGY"),
        ("المباراة كانت ممتعة", "tweets", 0.0, np.nan, "EGY"),
        ("واتساب الشيخ الروحاني لجلب الحبيب", "sms", np.nan, 1.0, None),
        ("قرض فوري بدون فوائد واتساب", "sms", np.nan, 1.0, None),
        ("موعد الاجتماع غدا صباحا", "sms", np.nan, 0.0, None),
    ]
    return pd.DataFrame(rows, columns=["text", "source", "toxic", "spam", "dialect"])


def _text_model(c: float):
    """A real service TextModel (shared features + linear heads) fitted on the invented comments."""
    from service.scoring.features import TextFeatures
    from service.scoring.model import Calibrator, LinearHead, TextModel
    from service.text import normalize

    texts = CLEAN + TOXIC + SPAM
    features = TextFeatures(min_df=1).fit([normalize(t) for t in texts])
    x = features.transform([normalize(t) for t in texts])
    heads = {}
    for label, positives in (("spam", SPAM), ("toxicity", TOXIC)):
        clf = LogisticRegression(C=c).fit(x, [t in positives for t in texts])
        heads[label] = LinearHead(
            clf.coef_.ravel().astype(np.float32), float(clf.intercept_[0]), Calibrator("platt")
        )
    return TextModel(features, heads)


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory: pytest.TempPathFactory):
    """models/ with v1 (in service), v2 (same data, other C) and v3 (trained on other data files)."""
    from service.scoring.artifact import save_artifact

    root = tmp_path_factory.mktemp("models")
    thresholds = {"spam_hold": 0.5, "spam_reject": 0.9, "toxicity_hold": 0.4}
    same = {"files": {"raw/a.tsv": "11", "raw/b.tsv": "22"}}
    for version, c, data in (
        ("v1", 1.0, same),
        ("v2", 20.0, same),
        ("v3", 1.0, {"files": {"raw/a.tsv": "99"}}),
    ):
        manifest = {"version": version, "thresholds": thresholds, "seed": 7, "data": data}
        save_artifact(_text_model(c), manifest, root / version)
    (root / "CURRENT").write_text("v1\n")
    return root
