"""Near-duplicate fingerprints: an ad edited per copy stays similar, unrelated texts do not, and short
common replies are never compared."""

from __future__ import annotations

import pytest

from service.config import Settings
from service.signals.near_duplicates import fingerprint, long_enough
from service.text import normalize

AD = (
    "عرض خاص لفترة محدودة: احصل على خصم 50% على جميع المنتجات، اتصل الآن على 0612345678 او زوروا "
    "shop.example.com"
)
EDITED = (
    "عرض خاص لمدة محدودة: احصل على تخفيض 50% على كل المنتجات، اتصلوا الآن على 0698765432 او زوروا "
    "shop2.example.com"
)
OTHER = "الحكومة أعلنت عن ميزانية جديدة للتعليم والصحة هذا العام وهذا خبر جيد للمواطنين في كل المدن"
SIMILARITY = Settings().near_duplicate_similarity


def _similarity(a: str, b: str) -> float:
    return fingerprint(normalize(a), SIMILARITY).similarity(
        fingerprint(normalize(b), SIMILARITY).signature.tobytes()
    )


def test_an_edited_copy_is_similar_and_an_unrelated_text_is_not() -> None:
    assert _similarity(AD, EDITED) >= SIMILARITY
    assert _similarity(AD, "ـ" + AD.replace("خصم", "خصـــم")) == 1.0  # tatweel changes nothing
    assert _similarity(AD, OTHER) < 0.2


def test_copies_share_a_band() -> None:
    a, b = fingerprint(normalize(AD), SIMILARITY), fingerprint(normalize(EDITED), SIMILARITY)
    assert set(a.bands) & set(b.bands)


@pytest.mark.parametrize(
    "reply",
    [
        "شكرا",
        "شكرا جزيلا",
        "الله يرحمه",
        "ربي يرحمو",
        "الله يرحمه ويغفر له ويسكنه فسيح جناته",
        "مقال رائع 👍👍",
    ],
)
def test_short_common_replies_are_never_compared(reply: str) -> None:
    s = Settings()
    assert not long_enough(
        normalize(reply).split(), s.near_duplicate_min_words, s.near_duplicate_min_words_with_contact
    )


def test_a_short_text_with_a_contact_is_compared() -> None:
    s = Settings()
    tokens = normalize("للطلب واتساب 0612345678 توصيل مجاني").split()
    assert long_enough(tokens, s.near_duplicate_min_words, s.near_duplicate_min_words_with_contact)
    assert long_enough(
        normalize(AD).split(), s.near_duplicate_min_words, s.near_duplicate_min_words_with_contact
    )
