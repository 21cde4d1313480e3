"""Function words (particles, pronouns, prepositions, demonstratives) in normalised form.

An explanation shows moderators the words that carry a score; a particle or pronoun alone ("يا", "من",
"you") is never such a word, though it may belong to a pair that is ("يا كلب", "you idiot"). The MSA,
English and French lists come from the stopwords-iso collection (``stopwordsiso``); no maintained list
covers the dialects, so their common function words are written here. Every entry goes through the one
normaliser, so lookups match what the model saw.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from service.text.normalizer import normalize

# Dialect and Arabizi function words missing from the MSA list (Darija, Egyptian, Gulf, Levantine, Tunisian).
_DIALECT_LINES = (
    "يا ايا ولا واش اش ايش شنو شو شي ليش لاش علاش كيفاش فين وين فاين منين امتى امتي متى ايمتى",
    "هاد هادا هادي هادو هاذ هذي هاذي هاذا هاي هيك هيدا هيدي هدا هدي هدول هادوك هاديك ديك داك ده دي دول دا",
    "ديال ديالي ديالك ديالو ديالها ديالنا ديالكم ديالهم نتاع متاع تاع بتاع بتاعت بتوع حق حقت",
    "راه راها راني راك راكم راهم رانا كان كاين كاينه ماكاينش مكاينش مش مو مب ماشي موش مهوش ماهوش",
    "اللي الي لي عشان علشان لان باش بش حتى غير بس بزاف برشا كتير كثير شويه شوي",
    "انا انايا حنا احنا نحنا نتا نتي انتا انتي انتو انتوما نتوما انتم هو هي هوما هما هم",
    "عندي عندك عندو عندها عندنا عندكم معايا معاك معاه فيه فيها فيك عليك عليه عليها ليك ليه لينا",
    "دابا دروك توا هلا هلق هلأ هسه الحين دلوقتي دلوقت بعدين",
)
_ARABIZI_LINES = (
    "ya a o w wa f fi fl l li lli elli illi ila ana nta nti enta enti inta inti ntoma entoma howa hiya",
    "huma homa 7na e7na n7na ma mat mch mech mich machi mashi msh wach wesh chno chnou shu chou kifach kif",
    "dial dyal diyal dyali dyalk dyalek ta3 nta3 bta3 3la 3ala 3lik 3likom 3andi 3ndi 3andek 3ndek",
    "rah raha rak rani had hada hadi hadou hadak hadik dak dik da di dol ely elly 3ashan 3chan bach",
    "bzaf barcha bzf ghir ghi gha kter ktir chwiya chwia shwaya daba deba tawa hala halla dlwa2ty",
)

# Words the library lists carry that are insults in comments (French "con", "nul").
_NOT_FUNCTION = frozenset(["con", "cons", "conne", "connes", "nul", "nulle", "nuls", "nulles"])


@cache
def function_words() -> frozenset[str]:
    """Normalised function words of Arabic (MSA and dialects, Arabizi), English and French."""
    import stopwordsiso  # loaded on first use: serving pays for it once, when explaining

    words: set[str] = set()
    for language in ("ar", "en", "fr"):
        words.update(stopwordsiso.stopwords(language))
    for line in (*_DIALECT_LINES, *_ARABIZI_LINES):
        words.update(line.split())
    return frozenset(token for word in words for token in normalize(word).split()) - _NOT_FUNCTION


def is_function_word(norm: str) -> bool:
    """True for a normalised token that is a particle, pronoun, preposition or similar, or punctuation."""
    return norm in function_words() or all(unicodedata.category(ch).startswith("P") for ch in norm)
