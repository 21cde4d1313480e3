"""The invariance suite's perturbations on golden input/output pairs (pure code, no model needed)."""

from __future__ import annotations

import pytest

from .perturb import add_diacritics, add_tatweel, repeat_letters, space_out, swap_alef


def test_tatweel_after_a_joining_letter() -> None:
    assert add_tatweel("الحكومة فشلت") == "الحــكومة فشــلت"
    # د and ر never join forwards, so the tatweel goes after the next joining letter.
    assert add_tatweel("ادريس") == "ادريــس"
    # Never inside the lam-alef ligature.
    assert add_tatweel("كلام") == "كلام"
    assert add_tatweel("يا كلب") == "يا كلب"


def test_diacritics_on_consonants() -> None:
    assert add_diacritics("كلب") == "كَلِب"
    assert add_diacritics("حمار") == "حَمِار"
    assert add_diacritics("يا") == "يا"


def test_repeat_letters_targets_and_longest_words() -> None:
    assert repeat_letters("انت حمار", "حمار", extra_words=0) == "انت حمااااار"
    assert repeat_letters("قرض سريع", "قرض", extra_words=0) == "قرضضضضض سريع"
    assert repeat_letters("يا كلب الحكومة", "كلب", extra_words=1) == "يا كلببببب الحكووووومة"
    assert repeat_letters("الخدمة", "الخدمة", extra_words=0) == "الخدمممممة"


def test_swap_alef_both_directions() -> None:
    assert swap_alef("انت أحمق اسكت إذن الحكومة") == "أنت احمق أسكت اذن الحكومة"


def test_space_out() -> None:
    assert space_out("انت حمار يا حمار", "حمار") == "انت ح م ا ر يا حمار"
    assert space_out("مجاناً", "مجاناً") == "م ج ا ن اً"
    with pytest.raises(ValueError):
        space_out("نص", "كلمة")
