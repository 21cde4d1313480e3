"""Arabizi copies of Arabic-script toxicity rows, added to the training split only.

Why: readers write Darija, Levantine and Gulf Arabic in Latin letters with digits ("enta 7mar", "9a7ba"), but
only one source (Ibrahimi & Mourhir's Darija set) has such rows, so the toxicity head barely knows Arabizi
outside Morocco. Transliterating a sample of Arabic-script rows from every toxicity source — toxic AND clean,
with their labels — teaches the Arabizi spelling of the words the head already knows, without teaching that
Latin script itself is toxic. Validation and test rows are never transliterated.

How people write Arabizi, and so how the copies are spelled:
- Letters: each Arabic letter has its common Latin spellings (ح "7" or "h", خ "kh" or "5", ق "9", "q" or "2");
  a writer keeps one habit per letter within a comment, so one spelling per letter is drawn per text.
- Short vowels, which Arabic script leaves out, ARE written: "kalb" (كلب), "7amar" / "7mar" (حمار), "3abit"
  (عبيط). A letter-by-letter copy ("klb") produces spellings nobody uses: tried first, it taught the head
  the wrong Latin words and lost real Arabizi insults (training/evidence/README.md). So a short vowel is
  inserted between two consonants with a per-writer probability (some writers drop more vowels than others),
  rarely inside a word-final cluster ("kalb", not "kalab"); the vowel is mostly the writer's own habit ("a"
  or "e") with some variation.
- Long vowels follow the letter: ا "a", و "o"/"ou"/"u" between consonants and "w" at a word's start or next
  to a vowel, ي "i"/"ee" between consonants, "i" at a word's end and "y" at its start; ة "a"/"e"/"eh".
- The article ال is "el", "al" or "l" (one habit per writer); the most frequent function words and pronouns
  have conventional spellings that letter rules cannot give ("enta", "inta", "nta" for انت; "ma", "shi",
  "3ala", "wallah"), chosen per writer from _COMMON_WORDS.
Every choice comes from a seeded generator, so training stays reproducible.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

SOURCE = "augment_arabizi"

# Each consonant letter's common Arabizi spellings; the first is the most frequent.
_CONSONANTS: dict[str, tuple[str, ...]] = {
    "ب": ("b",), "ت": ("t",), "ث": ("th", "t", "s"), "ج": ("j", "g", "dj"), "ح": ("7", "h"),
    "خ": ("kh", "5", "7'"), "د": ("d",), "ذ": ("th", "d", "z"), "ر": ("r",), "ز": ("z",), "س": ("s",),
    "ش": ("sh", "ch"), "ص": ("s", "9"), "ض": ("d", "9'"), "ط": ("t", "6"), "ظ": ("z", "6'"), "ع": ("3",),
    "غ": ("gh", "3'"), "ف": ("f",), "ق": ("9", "q", "2", "g"), "ك": ("k",), "ل": ("l",), "م": ("m",),
    "ن": ("n",), "ه": ("h",), "پ": ("p",), "ڤ": ("v",), "گ": ("g",), "چ": ("ch",),
    "ء": ("2", "'"), "ؤ": ("2", "'"), "ئ": ("2", "y"), "أ": ("2", "'"), "إ": ("2", "'"),
}  # fmt: skip
# Vowel letters and their spellings (و and ي only when they are vowels; see _units).
_VOWELS: dict[str, tuple[str, ...]] = {
    "ا": ("a",), "آ": ("a",), "ٱ": ("a",), "ى": ("a", "i"), "ة": ("a", "e", "eh"),
    "و": ("o", "ou", "u"), "ي": ("i", "ee", "y"),
}  # fmt: skip
# An alef or hamza seat at the start of a word is heard as a vowel: أنا "ana", إسلام "islam", اسكت "eskot".
_INITIAL_HAMZA: dict[str, tuple[str, ...]] = {
    "ا": ("a", "e", "i"), "أ": ("a", "2a"), "إ": ("e", "i", "2e"), "ء": ("2",),
}  # fmt: skip
_ARTICLE = ("el", "al", "l")
# Function words and pronouns whose usual Latin spelling keeps vowels the script does not show.
_COMMON_WORDS: dict[str, tuple[str, ...]] = {
    "انت": ("enta", "inta", "nta", "ent"), "انتي": ("enti", "inti", "nti"), "انتو": ("ento", "into", "ntoma"),
    "انتم": ("entom", "ento", "antum"), "انا": ("ana", "ena"), "احنا": ("e7na", "i7na", "a7na"),
    "نحن": ("n7na", "na7no"), "هو": ("howa", "huwa", "hwa"), "هي": ("heya", "hiya", "hya"),
    "هم": ("homa", "hum", "hom"), "يا": ("ya",), "ما": ("ma",), "لا": ("la",), "مش": ("mesh", "mish", "mch"),
    "مو": ("mo", "mu"), "في": ("fi", "fe", "f"), "على": ("3ala", "3la", "3al"), "علي": ("3ala", "3la"),
    "من": ("men", "min", "mn"), "عن": ("3an",), "الى": ("ila", "ela"), "مع": ("ma3", "m3a"),
    "و": ("w", "wa", "we"), "او": ("aw", "ow"), "بس": ("bas", "bs"), "شي": ("shi", "chi", "shy"),
    "شو": ("shu", "sho", "chou"), "ليش": ("lesh", "leish", "lich"), "كيف": ("kif", "keef", "kayf"),
    "وين": ("wein", "wen", "fin"), "هذا": ("hada", "hatha", "haza"), "هذه": ("hadi", "hathi", "hazi"),
    "هاد": ("had",), "هادا": ("hada",), "ده": ("da", "dah"), "دي": ("di", "dee"),
    "اللي": ("elli", "illi", "li"),
    "الله": ("allah", "alah", "lah"), "والله": ("wallah", "wallahi", "wlh"), "ابن": ("ibn", "ebn", "ben"),
    "بن": ("ben", "bin"), "كل": ("kol", "kul", "kell"), "لو": ("law", "lo"), "اذا": ("iza", "eza", "idha"),
    "كان": ("kan",), "مثل": ("mithl", "methl", "zay"), "زي": ("zay", "zei"), "عشان": ("3ashan", "3shan"),
    "لان": ("la2an", "li2an"), "ولا": ("wla", "wala", "walla"), "انه": ("ino", "enno", "inno"),
}  # fmt: skip
_WEAK = frozenset("وي")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_ARABIC_WORD = re.compile("[\u0621-\u064a\u0671-\u06d3]+")
_TASHKEEL_TATWEEL = re.compile("[\u064b-\u065f\u0670\u0640]")
_OTHER_VOWELS = ("a", "e", "i", "o", "u")
_OTHER_VOWEL_P = (0.35, 0.25, 0.2, 0.1, 0.1)


class _Writer:
    """One writer's habits, drawn once per text: letter spellings, article, vowel habit and vowel rate."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.letters = {letter: _pick(options, rng) for letter, options in (_CONSONANTS | _VOWELS).items()}
        self.initial = {letter: _pick(options, rng) for letter, options in _INITIAL_HAMZA.items()}
        self.words = {word: str(rng.choice(options)) for word, options in _COMMON_WORDS.items()}
        self.article = str(rng.choice(_ARTICLE, p=(0.55, 0.3, 0.15)))
        self.vowel = "a" if rng.random() < 0.6 else "e"
        self.vowel_rate = float(rng.uniform(0.45, 0.95))  # how many short vowels this writer writes

    def short_vowel(self) -> str:
        if self.rng.random() < 0.65:
            return self.vowel
        return str(self.rng.choice(_OTHER_VOWELS, p=_OTHER_VOWEL_P))


def _pick(options: tuple[str, ...], rng: np.random.Generator) -> str:
    return options[0] if len(options) == 1 or rng.random() < 0.6 else str(rng.choice(options[1:]))


def _units(word: str, writer: _Writer) -> list[tuple[str, bool]]:
    """The word's letters as (spelling, is_vowel), و/ي read as consonants at a word's start or by a vowel."""
    units: list[tuple[str, bool]] = []
    for i, char in enumerate(word):
        if i == 0 and char in _INITIAL_HAMZA:
            spelled = writer.initial[char]
            units.append((spelled, spelled[-1] in "aeiou"))
        elif char in _WEAK:
            after_vowel = bool(units) and units[-1][1]
            before_vowel = i + 1 < len(word) and word[i + 1] in "اآى"
            if i == 0 or after_vowel or before_vowel:
                units.append(("w" if char == "و" else "y", False))
            elif char == "ي" and i == len(word) - 1:
                units.append(("i", True))
            else:
                units.append((writer.letters[char], True))
        elif char in _VOWELS:
            units.append((writer.letters[char], True))
        elif char in _CONSONANTS:
            units.append((writer.letters[char], False))
    return units


def _spell_word(word: str, writer: _Writer) -> str:
    if word in writer.words:
        return writer.words[word]
    prefix = ""
    for article, spelled in (("وال", "w" + writer.article), ("ال", writer.article)):
        if word.startswith(article) and len(word) > len(article) + 1:
            prefix, word = spelled, word[len(article) :]
            break
    units = _units(word, writer)
    out: list[str] = []
    for i, (spelled, vowel) in enumerate(units):
        out.append(spelled)
        if vowel or i + 1 >= len(units) or units[i + 1][1]:
            continue
        # Two consonants in a row: the script hides a short vowel here more often than not. A word-final
        # cluster usually has none ("kalb", "3abd"; "klab" would be the plural), unless the word is just
        # those two consonants ("bas", "men").
        final_cluster = i > 0 and i + 2 == len(units)
        rate = writer.vowel_rate * (0.2 if final_cluster else 1.0)
        if writer.rng.random() < rate:
            out.append(writer.short_vowel())
    return prefix + "".join(out)


def to_arabizi(text: str, rng: np.random.Generator) -> str:
    """``text`` with every Arabic word spelled in Latin letters and digits as described in the module docs;
    other characters (Latin words, digits, punctuation, placeholders) stay."""
    writer = _Writer(rng)
    text = _TASHKEEL_TATWEEL.sub("", text)
    return _ARABIC_WORD.sub(lambda m: _spell_word(m.group(), writer), text)


def arabizi_frame(train: pd.DataFrame, rows: int, seed: int) -> pd.DataFrame:
    """Transliterated copies of up to ``rows`` Arabic-script rows of ``train`` that carry a toxicity label."""
    labelled = train[train["toxic"].notna() & train["text"].str.contains(_ARABIC_LETTER, regex=True)]
    if labelled.empty or rows <= 0:
        return labelled.iloc[0:0].assign(source=SOURCE)
    rng = np.random.default_rng(seed)
    picked = labelled.sample(n=min(rows, len(labelled)), random_state=seed).copy()
    picked["text"] = [to_arabizi(text, rng) for text in picked["text"]]
    picked["origin"] = picked["source"]  # out-of-source evaluation leaves a source's copies out with it
    picked["source"] = SOURCE
    picked["spam"] = 0.0  # a rude comment in Latin letters is still a genuine comment
    return picked.reset_index(drop=True)
