"""Arabizi copies of Arabic-script toxicity rows, added to the training split only.

Why: readers write Darija, Levantine and Gulf Arabic in Latin letters with digits ("enta 7mar", "9a7ba"), but
only one source (Ibrahimi & Mourhir's Darija set) has such rows, so the toxicity head barely knows Arabizi
outside Morocco. Transliterating a sample of Arabic-script rows from every toxicity source — toxic AND clean,
with their labels — teaches the Arabizi spelling of the words the head already knows, without teaching that
Latin script itself is toxic. Letter choices vary per row the way writers vary (خ is "kh" or "5", ق is "9",
"q" or "2"), drawn from a seeded generator so training stays reproducible. Validation and test rows are
never transliterated.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

SOURCE = "augment_arabizi"

# Each Arabic letter's common Arabizi spellings; the first is the most frequent.
_LETTERS: dict[str, tuple[str, ...]] = {
    "ا": ("a",), "أ": ("a", "2"), "إ": ("i", "2"), "آ": ("a",), "ٱ": ("a",), "ء": ("2", ""), "ئ": ("2", "y"),
    "ؤ": ("2", "o"), "ب": ("b",), "ت": ("t",), "ث": ("th", "t", "s"), "ج": ("j", "g", "dj"),
    "ح": ("7", "h"), "خ": ("kh", "5", "7'"), "د": ("d",), "ذ": ("th", "d", "z"), "ر": ("r",), "ز": ("z",),
    "س": ("s",), "ش": ("sh", "ch"), "ص": ("s", "9"), "ض": ("d", "9'"), "ط": ("t", "6"), "ظ": ("z", "6'"),
    "ع": ("3",), "غ": ("gh", "3'"), "ف": ("f",), "ق": ("9", "q", "2", "g"), "ك": ("k",), "ل": ("l",),
    "م": ("m",), "ن": ("n",), "ه": ("h",), "ة": ("a", "e"), "و": ("w", "ou", "o"), "ي": ("y", "i", "ee"),
    "ى": ("a", "i"), "پ": ("p",), "ڤ": ("v",), "گ": ("g",), "چ": ("ch",),
}  # fmt: skip
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_TASHKEEL_TATWEEL = re.compile("[\u064b-\u065f\u0670\u0640]")


def to_arabizi(text: str, rng: np.random.Generator) -> str:
    """Spell every Arabic letter of ``text`` in Latin letters and digits; other characters stay."""
    text = _TASHKEEL_TATWEEL.sub("", text)
    # One spelling per letter for the whole text, as a writer keeps their own habits within a comment.
    choice = {
        letter: options[0] if len(options) == 1 or rng.random() < 0.6 else str(rng.choice(options[1:]))
        for letter, options in _LETTERS.items()
    }
    out = []
    for i, char in enumerate(text):
        spelled = choice.get(char)
        if spelled is None:
            out.append(char)
        elif char in "وي" and (i == 0 or not _ARABIC_LETTER.match(text[i - 1])):
            out.append("w" if char == "و" else "y")  # a consonant at the start of a word
        else:
            out.append(spelled)
    return "".join(out)


def arabizi_frame(train: pd.DataFrame, rows: int, seed: int) -> pd.DataFrame:
    """Transliterated copies of up to ``rows`` Arabic-script rows of ``train`` that carry a toxicity label."""
    labelled = train[train["toxic"].notna() & train["text"].str.contains(_ARABIC_LETTER, regex=True)]
    if labelled.empty or rows <= 0:
        return labelled.iloc[0:0].assign(source=SOURCE)
    rng = np.random.default_rng(seed)
    picked = labelled.sample(n=min(rows, len(labelled)), random_state=seed).copy()
    picked["text"] = [to_arabizi(text, rng) for text in picked["text"]]
    picked["source"] = SOURCE
    picked["spam"] = 0.0  # a rude comment in Latin letters is still a genuine comment
    return picked.reset_index(drop=True)
