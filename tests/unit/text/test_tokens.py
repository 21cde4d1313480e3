"""Tokens point back into the original comment, so explanations can highlight what the reader wrote."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from service.text import Token, normalize, normalize_tokens


def _spans(text: str) -> list[tuple[str, str]]:
    return [(t.norm, text[t.start : t.end]) for t in normalize_tokens(text)]


def test_token_is_frozen() -> None:
    token = Token("كلب", 0, 3)
    with pytest.raises(FrozenInstanceError):
        token.norm = "x"  # type: ignore[misc]


def test_words_map_to_their_original_spelling() -> None:
    assert _spans("أحمدُ قالَ: خلللاص!") == [
        ("احمد", "أحمدُ"),
        ("قال", "قالَ"),
        (":", ":"),
        ("خلاص", "خلللاص"),
        ("!", "!"),
    ]


def test_joined_spaced_letters_span_all_their_letters() -> None:
    text = "انت ك . ل . ب يا"
    assert _spans(text) == [("انت", "انت"), ("كلب", "ك . ل . ب"), ("يا", "يا")]


def test_placeholders_span_the_whole_entity() -> None:
    text = "راسلني john [at] gmail [dot] com او 06 12 34 56 78 او https://x.com/a"
    assert _spans(text) == [
        ("راسلني", "راسلني"),
        ("_email_", "john [at] gmail [dot] com"),
        ("او", "او"),
        ("_phone_", "06 12 34 56 78"),
        ("او", "او"),
        ("_url_", "https://x.com/a"),
    ]


def test_presentation_form_expanding_to_two_words_points_at_the_one_glyph() -> None:
    text = "قال ﷺ"
    tokens = normalize_tokens(text)
    assert [t.norm for t in tokens] == ["قال", "صلي", "الله", "عليه", "وسلم"]
    assert {text[t.start : t.end] for t in tokens[1:]} == {"ﷺ"}


def test_bidi_marks_stay_outside_the_spans() -> None:
    text = "\u200fكلام\u200f"
    (token,) = normalize_tokens(text)
    assert text[token.start : token.end] == "كلام"


def test_tokens_join_to_normalize() -> None:
    text = "  Hello   يا   ح م ا ر 😂😂😂 @you #tag "
    assert (
        " ".join(t.norm for t in normalize_tokens(text))
        == normalize(text)
        == ("hello يا حمار 😂 _user_ _hashtag_")
    )
