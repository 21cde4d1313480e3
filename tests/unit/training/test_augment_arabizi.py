"""Arabizi augmentation: Latin spellings of Arabic rows, labels kept, drawn from the given rows only."""

from __future__ import annotations

import numpy as np
import pandas as pd

from training.augment_arabizi import SOURCE, arabizi_frame, to_arabizi


def test_letters_become_common_arabizi_and_other_characters_stay() -> None:
    rng = np.random.default_rng(0)
    out = to_arabizi("يا حمار، _url_ 2024!", rng)
    assert not any("\u0621" <= ch <= "\u064a" for ch in out)  # letters go; the Arabic comma stays
    assert "_url_ 2024!" in out and "mar" in out
    assert out.startswith("y")  # ي at the start of a word is a consonant


def test_one_spelling_per_letter_within_a_text() -> None:
    out = to_arabizi("خالد خرج خلاص", np.random.default_rng(3))
    first = {word[: len(word) - len(word.lstrip("kh57'"))] for word in out.split()}
    assert len(first) == 1


def test_frame_keeps_labels_uses_only_labelled_arabic_rows_and_is_reproducible() -> None:
    train = pd.DataFrame(
        {
            "text": ["انت حمار", "مقال جميل", "hello there", "بدون تصنيف"],
            "source": ["a", "b", "c", "d"],
            "toxic": [1.0, 0.0, 1.0, np.nan],
            "spam": [0.0, 0.0, 0.0, 1.0],
            "hate": np.nan,
            "vulgar": np.nan,
            "dialect": None,
            "domain": "comment",
        }
    )
    frame = arabizi_frame(train, rows=10, seed=5)
    assert len(frame) == 2 and set(frame["source"]) == {SOURCE}
    assert dict(zip(frame["toxic"], frame["spam"], strict=True)) == {1.0: 0.0, 0.0: 0.0}
    assert frame["text"].tolist() == arabizi_frame(train, rows=10, seed=5)["text"].tolist()


def _spellings(text: str, n: int = 300) -> list[str]:
    rng = np.random.default_rng(7)
    return [to_arabizi(text, rng) for _ in range(n)]


def test_short_vowels_are_written_the_way_writers_do() -> None:
    # كلب: "kalb"/"kelb" most often, the bare "klb" sometimes; a vowel inside the final cluster is rare.
    dog = _spellings("كلب")
    assert sum(s[1] in "aeiou" for s in dog) > 0.5 * len(dog)
    assert sum(s in ("klb",) for s in dog) > 0
    assert sum(s[-2] in "aeiou" for s in dog) < 0.3 * len(dog)
    donkey = _spellings("حمار")
    assert {"7amar", "7mar"} <= set(donkey) or {"hamar", "hmar"} <= set(donkey)
    assert all(s.endswith("mar") for s in donkey)  # the written long vowel is always there


def test_function_words_keep_their_usual_spellings() -> None:
    you = _spellings("انت")
    assert set(you) <= {"enta", "inta", "nta", "ent"} and len(set(you)) > 2
    assert set(_spellings("يا")) == {"ya"}
    assert set(_spellings("على")) <= {"3ala", "3la", "3al"}


def test_article_and_word_initial_letters() -> None:
    dogs = _spellings("الكلب")
    assert {s[: len(s) - len(s.lstrip("ael"))] for s in dogs} >= {"el", "al", "l"}
    assert all(s[0] in "aei" for s in _spellings("اسكت"))  # an initial alef is a vowel, not a consonant
    assert all(s.startswith("w") for s in _spellings("وزير"))  # initial و is a consonant
    assert all(s.endswith("i") for s in _spellings("غبي"))  # final ي after a consonant is "i"


def test_a_writer_keeps_one_article_and_letter_habit_within_a_text() -> None:
    for out in _spellings("الولد والبنت في الحارة", 50):
        words = out.split()
        assert words[0][:2] == words[3][:2] or words[0][0] == words[3][0]  # same article both times
        assert words[1].startswith("w")
