"""Genuine news comments as toxicity negatives where the labelled sets teach a false lesson.

The toxicity sets name faiths and peoples mostly in abuse, and their Darija and Egyptian rows are mostly
offensive, so "اليهود" or "ديال" alone leaned toxic. Dixon et al. (2018) mitigated the same bias with
non-toxic text that mentions identity terms; here that text is the AOC reader comments (news sites), which
carry no toxicity label. Only comments free of every word of the profanity lexicons are taken, and they
weigh less than a labelled row (``TrainConfig.source_weights``): a weak, mostly right label.

Two selections, from the TRAINING split only (AOC test rows keep measuring moderator load):
- comments naming a faith, a people, a group or a hard topic (stems below, matched inside normalised words);
- up to ``per_dialect`` further comments of each dialect, so that no dialect's wording is a toxicity cue.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from service.text import normalize

SOURCE = "comment_negatives"
GENUINE_COMMENT_SOURCES = ("aoc_zaidan2011", "aoc_cotterell2014")
LEXICONS = (
    "raw/lexicons/glin-profanity-4.1.0/arabic.json",
    "raw/lexicons/safetext-0.3.3/ar_words.txt",
)
# Stems of identity and topic words (normalised spelling), matched inside a word so that clitics and
# plural endings still match ("واليهود", "للمسيحيين").
_STEMS = [
    "يهود",
    "مسيحي",
    "نصار",
    "اقباط",
    "قبطي",
    "مسلم",
    "اسلام",
    "شيع",
    "سنه",
    "سني",
    "دروز",
    "درزي",
    "علوي",
    "ملحد",
    "بهائي",
    "كنيس",
    "كنيسه",
    "مسجد",
    "امازيغ",
    "بربر",
    "صحراوي",
    "افارق",
    "افريقي",
    "سود",
    "مهاجر",
    "لاجي",
    "نازح",
    "اجانب",
    "كرد",
    "اكراد",
    "عرب",
    "فلسطين",
    "سوري",
    "مصري",
    "مغارب",
    "مغربي",
    "جزاير",
    "تونسي",
    "ليبي",
    "عراقي",
    "سعودي",
    "خليج",
    "يمني",
    "لبنان",
    "اردن",
    "نساء",
    "مراه",
    "امراه",
    "فتيات",
    "رجال",
    "معاق",
    "اعاقه",
    "ارهاب",
    "تطرف",
    "حرب",
    "قتل",
    "قتلي",
    "جريمه",
    "مخدرات",
    "سرطان",
    "مرض",
    "وفاه",
    "موت",
    "شهيد",
    "ضحايا",
    "اغتصاب",
    "سجن",
    "اعدام",
    "كلب",
    "كلاب",
    "حمار",
    "حمير",
    "خنزير",
    "بقر",
    "قرود",
    "حيوان",
]


def lexicon_words(data_dir: Path) -> frozenset[str]:
    """Normalised words of the profanity lexicons shipped in the data folder (empty when absent)."""
    words: set[str] = set()
    for relative in LEXICONS:
        path = Path(data_dir) / relative
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        entries = json.loads(text)["words"] if path.suffix == ".json" else text.splitlines()
        words.update(token for entry in entries for token in normalize(str(entry)).split())
    return frozenset(words)


def _mentions(norm: str) -> bool:
    return any(stem in token for token in norm.split() for stem in _STEMS)


def comment_negatives(
    train: pd.DataFrame, lexicon: frozenset[str], per_dialect: int, seed: int
) -> pd.DataFrame:
    """Copies of clean-looking genuine training comments as toxic=0, hate=0 rows of source ``SOURCE``."""
    pool = train[train["source"].isin(GENUINE_COMMENT_SOURCES)]
    if pool.empty:
        return pool.iloc[0:0]
    norms = pool["text"].map(normalize)
    clean = norms.map(lambda n: not lexicon.intersection(n.split())).to_numpy()
    mentions = norms.map(_mentions).to_numpy()
    chosen = clean & mentions
    rng = np.random.default_rng(seed)
    dialects = pool["dialect"].fillna("unknown").to_numpy()
    for dialect in sorted(set(dialects)):
        candidates = np.flatnonzero(clean & ~chosen & (dialects == dialect))
        take = rng.permutation(candidates)[:per_dialect]
        chosen[take] = True
    out = pool[chosen].copy()
    out["source"], out["toxic"], out["hate"], out["spam"] = SOURCE, 0.0, 0.0, np.nan
    return out.reset_index(drop=True)
