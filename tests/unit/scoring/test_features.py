"""The fast feature transform gives the same matrix as scikit-learn's TfidfVectorizer.transform."""

from __future__ import annotations

import pickle
import random

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from service.scoring.features import char_wb_ngrams
from service.scoring.model import TextModel
from service.text import normalize

TEXTS = [
    "يا حمار انت غبي غبي غبي",
    "قروض فورية بدون كفيل واتساب 0501234567",
    "",
    "كلمات لم ترها الكلمات أبدا xyz",
    "شكرا على المقال المفيد 😂😂",
    "ا ب ت",
]


def _random_texts(n: int) -> list[str]:
    rng = random.Random(7)
    alphabet = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي ي لا😂!؟ab1 "
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def test_fast_transform_matches_sklearn(tiny_model: TextModel) -> None:
    features = tiny_model.features_
    norm = [normalize(t) for t in TEXTS + _random_texts(200)]
    fast, reference = features.transform(norm), features.transform_sklearn(norm)
    assert fast.shape == reference.shape == (len(norm), features.n_features_)
    np.testing.assert_allclose(fast.toarray(), reference.toarray(), rtol=1e-5, atol=1e-6)
    assert fast[2].nnz == 0


def test_char_wb_ngrams_match_sklearn() -> None:
    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    for word in ["ا", "اب", "ابت", "ابتث", "كلمات", "😂", "a1b2c3d4", *(_random_texts(50))]:
        for token in word.split():
            assert char_wb_ngrams(token, 2, 5) == analyzer(token)


def test_word_cache_is_not_pickled(tiny_model: TextModel) -> None:
    features = tiny_model.features_
    features.transform(["كلمة جديدة"])
    assert "_word_cache" in features.__dict__
    assert "_word_cache" not in pickle.loads(pickle.dumps(features)).__dict__
