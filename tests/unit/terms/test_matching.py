"""Term lists against evasion: a golden table of spellings that must be found, and innocent words that must
not; positions point into the text the moderator sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.terms.matching import build_index, find_terms, term_keys
from service.text import normalize
from service.text.normalizer import arabizi_skeletons, match_key, word_keys

GOLDEN = json.loads((Path(__file__).parent / "term_golden.json").read_text(encoding="utf-8"))
INDEX = build_index((kind, term) for kind, term in GOLDEN["terms"])


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=[c["why"] for c in GOLDEN["cases"]])
def test_golden(case: dict[str, object]) -> None:
    text = str(case["text"])
    found = [(m.term, text[m.start : m.end]) for m in find_terms(text, INDEX)]
    assert found == [tuple(pair) for pair in case["found"]]  # type: ignore[attr-defined]


def test_kind_is_kept() -> None:
    assert [m.kind for m in find_terms("يا كلب يا حمار", INDEX)] == ["suspect", "banned"]


def test_terms_of_punctuation_only_have_no_words() -> None:
    assert term_keys("!!! ...") == ()
    assert term_keys("  حِمـار ") == ("حمار",)


def test_match_forms_leave_the_model_features_alone() -> None:
    # The matching forms fold further than normalize(); normalize itself is unchanged (its golden table).
    assert normalize("الله حماار ؤ") == "الله حماار ؤ"
    assert match_key("الله") == "اله" and match_key("مسؤول") == "مسول"


def test_proclitics_need_two_letters_left() -> None:
    assert word_keys("وب") == frozenset({"وب"})
    assert "زب" not in word_keys("بزبون")


def test_arabizi_needs_a_digit_letter() -> None:
    assert arabizi_skeletons("hmar") == frozenset()
    assert "hmr" in arabizi_skeletons("7mar")
    assert "3rb" in arabizi_skeletons("3arab")
