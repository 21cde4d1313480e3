"""The registry of datasets the training data layer reads, with the citations the model card prints."""

from __future__ import annotations

from dataclasses import dataclass

TOXICITY = "toxicity"
SPAM = "spam"
DIALECT = "dialect"
VANETIK = "raw/vanetik_taxonomy_collection/translated-datasets-repo"


@dataclass(frozen=True)
class SourceInfo:
    """One dataset: where it lives under the data dir, how to cite it, its terms and what it labels."""

    name: str
    path: str
    citation: str
    licence: str
    domain: str
    tasks: tuple[str, ...]


def _info(name: str, path: str, citation: str, licence: str, domain: str, *tasks: str) -> SourceInfo:
    return SourceInfo(name, path, citation, licence, domain, tasks)


_MUBARAK_2017 = (
    "Mubarak, Darwish & Magdy (2017). Abusive Language Detection on Arabic Social Media. "
    "Proceedings of the First Workshop on Abusive Language Online (ALW1), 52-56."
)

# Order matters: when dedupe merges copies of one text, the row keeps the first source listed here,
# so curated single-label sets come before repackaged or noisy ones.
_ALL = (
    _info(
        "osact2020",
        "raw/osact2020/OSACT4",
        "Mubarak, Darwish, Magdy, Elsayed & Al-Khalifa (2020). Overview of OSACT4 Arabic Offensive Language "
        "Detection Shared Task. Proceedings of the 4th Workshop on Open-Source Arabic Corpora and Processing "
        "Tools (OSACT4), LREC 2020.",
        "OffensEval-2020 data, CC BY 4.0 as listed elsewhere",
        "tweet",
        TOXICITY,
    ),
    _info(
        "osact2022",
        "raw/osact2022/Dataset",
        "Mubarak, Al-Khalifa & Al-Thubaity (2022). Overview of OSACT5 Shared Task on Arabic Offensive "
        "Language and Hate Speech Detection. Proceedings of the 5th Workshop on Open-Source Arabic Corpora "
        "and Processing Tools (OSACT5), LREC 2022.",
        "shared-task data, research use",
        "tweet",
        TOXICITY,
    ),
    _info(
        "lhsab",
        "raw/lhsab/Dataset",
        "Mulki, Haddad, Bechikh Ali & Alshabani (2019). L-HSAB: A Levantine Twitter Dataset for Hate Speech "
        "and Abusive Language. Proceedings of the Third Workshop on Abusive Language Online, 111-118.",
        "research use (cite the paper)",
        "tweet",
        TOXICITY,
    ),
    _info(
        "thsab",
        "raw/thsab/T-HSAB Corpus",
        "Haddad, Mulki & Oueslati (2019). T-HSAB: A Tunisian Hate Speech and Abusive Dataset. Arabic "
        "Language Processing: From Theory to Practice (ICALP 2019), CCIS 1108, Springer, 251-263.",
        "research use (cite the paper)",
        "comment",
        TOXICITY,
    ),
    _info(
        "egyptian_tweets", "raw/mubarak2017_aljazeera/input", _MUBARAK_2017, "research use", "tweet", TOXICITY
    ),
    _info(
        "mlma",
        "raw/mlma/hate_speech_mlma",
        "Ousidhoum, Lin, Zhang, Song & Yeung (2019). Multilingual and Multi-Aspect Hate Speech Analysis. "
        "Proceedings of EMNLP-IJCNLP 2019.",
        "MIT",
        "tweet",
        TOXICITY,
    ),
    _info(
        "omcd",
        "raw/omcd",
        "Essefar, Ait Baha, El Mahdaouy, El Mekki & Berrada (2023). OMCD: Offensive Moroccan Comments "
        "Dataset. Language Resources and Evaluation. doi:10.1007/s10579-023-09663-2",
        "research use (cite the paper)",
        "comment",
        TOXICITY,
    ),
    _info(
        "alakrot_youtube",
        f"{VANETIK}/arabic_off_lang_dataset_ID4.xlsx",
        "Alakrot, Murray & Nikolov (2018). Dataset Construction for the Detection of Anti-Social Behaviour "
        "in Online Communication in Arabic. Procedia Computer Science 142, 174-181. Via Vanetik et al. "
        "ArabicOffensiveLanguage_TaxonomyAndData (ID4).",
        "GPL-3.0 repackaging; original terms apply",
        "comment",
        TOXICITY,
    ),
    _info(
        "darija_ibrahimi",
        f"{VANETIK}/arabic_off_lang_dataset_ID11.xlsx",
        "Ibrahimi & Mourhir (2023). Moroccan Darija Offensive Language Detection. Via Vanetik et al. "
        "ArabicOffensiveLanguage_TaxonomyAndData (ID11).",
        "GPL-3.0 repackaging; original terms apply",
        "comment",
        TOXICITY,
    ),
    _info(
        "aref",
        f"{VANETIK}/arabic_off_lang_dataset_ID12.xlsx",
        "Aref, Al Mahmoud, Taha, Al-Sharif et al. (2020). Hate Speech Detection of Arabic Shorttext. "
        "CS & IT Conference Proceedings 10, 81-94. Via Vanetik et al. (ID12).",
        "GPL-3.0 repackaging; original terms apply",
        "tweet",
        TOXICITY,
    ),
    _info(
        "letmi",
        f"{VANETIK}/arabic_off_lang_dataset_ID14.xlsx",
        "Mulki & Ghanem (2021). Let-Mi: An Arabic Levantine Twitter Dataset for Misogynistic Language. "
        "Proceedings of the Sixth Arabic NLP Workshop (WANLP). Via Vanetik et al. (ID14).",
        "GPL-3.0 repackaging; original terms apply",
        "tweet",
        TOXICITY,
    ),
    _info(
        "saudi_hate",
        f"{VANETIK}/arabic_off_lang_dataset_ID16.xlsx",
        "Alhazmi (2023). Hate Speech Dataset for the Saudi Dialect. Mendeley Data V1, "
        "doi:10.17632/c2jpnv9yk6.1. Via Vanetik et al. (ID16).",
        "GPL-3.0 repackaging; original terms apply",
        "tweet",
        TOXICITY,
    ),
    _info("aljazeera", "raw/mubarak2017_aljazeera/input", _MUBARAK_2017, "research use", "comment", TOXICITY),
    _info(
        "spam_ham_tweets_dib2023",
        "raw/spam_ham_tweets_dib2023",
        "Spam and ham Arabic tweets dataset, Data in Brief (2023), doi:10.1016/j.dib.2023.109904 "
        "(S2352340923009472); copy from hananaq/Arabic-Tweet-Classification-MARBERT.",
        "GPL-3.0 (host repository)",
        "tweet",
        SPAM,
    ),
    _info(
        "alharthi_lowquality",
        "raw/alharthi_lowquality_tweets/Dataset",
        "Alharthi, Alhothali & Moria (2021). A real-time deep-learning approach for filtering Arabic "
        "low-quality content and accounts on Twitter. Information Systems 99, 101740.",
        "research use (cite the paper)",
        "tweet",
        SPAM,
    ),
    _info(
        "syrian_sms",
        "raw/syrian_sms",
        "Shamma, AliMunzerShamma/Syrian-SMS-Spam-Classification (GitHub, 2019).",
        "no licence stated: research use only, do not redistribute",
        "sms",
        SPAM,
    ),
    _info(
        "aoc_zaidan2011",
        "raw/aoc_zaidan2011",
        "Zaidan & Callison-Burch (2011). The Arabic Online Commentary Dataset: an Annotated Dataset of "
        "Informal Arabic with High Dialectal Content. Proceedings of ACL-HLT 2011, 37-41.",
        "released by the authors for research",
        "comment",
        SPAM,
        DIALECT,
    ),
    _info(
        "aoc_cotterell2014",
        "raw/aoc_cotterell2014_multidialect",
        "Cotterell & Callison-Burch (2014). A Multi-Dialect, Multi-Genre Corpus of Informal Written Arabic. "
        "Proceedings of LREC 2014.",
        "no licence stated: research use",
        "comment",
        SPAM,
        DIALECT,
    ),
    # English and French (training/data/latin_sets.py): readers of Arabic news sites write both.
    _info(
        "davidson_en",
        "raw/davidson_en",
        "Davidson, Warmsley, Macy & Weber (2017). Automated Hate Speech Detection and the Problem of "
        "Offensive Language. Proceedings of ICWSM 2017.",
        "MIT",
        "tweet",
        TOXICITY,
    ),
    _info(
        "stormfront_en",
        "raw/stormfront_en",
        "de Gibert, Perez, Garcia-Pablos & Cuadros (2018). Hate Speech Dataset from a White Supremacy "
        "Forum. Proceedings of the 2nd Workshop on Abusive Language Online (ALW2), 11-20.",
        "CC BY-SA 3.0 ES",
        "forum",
        TOXICITY,
    ),
    _info(
        "ftr_fr",
        "raw/ftr_fr",
        "Vanetik & Mimoun (2022). FTR: French Tweets annotated for Racism (NataliaVanetik/FTR-dataset).",
        "MIT",
        "tweet",
        TOXICITY,
    ),
    _info(
        "toxifrench_fr",
        "raw/toxifrench_fr",
        "Delaval et al. (2025). ToxiFrench: Benchmarking and Enhancing Language Models via CoT Fine-Tuning "
        "for French Toxicity Detection (AxelDlv00/ToxiFrench, balanced benchmark file).",
        "MIT",
        "comment",
        TOXICITY,
    ),
    # Everyday dialect posts (DART crowd-labelled tweets, Shami sentences) as genuine ham for the spam head:
    # the AOC comments alone leave everyday words ("قبل", "العيد") to the DIB spam tweets that use them.
    # Last in this order, so a text they share with another source keeps that source's row.
    _info(
        "dart",
        "raw/dart",
        "Alsarsour, Mohamed, Suwaileh, Elsayed & Al-Khalifa (2018). DART: A Large Dataset of Dialectal "
        "Arabic Tweets. Proceedings of LREC 2018.",
        "cite the authors",
        "tweet",
        SPAM,
        DIALECT,
    ),
    _info(
        "shami",
        "raw/shami",
        "Abu Kwaik, Saad, Chatzikyriakidis & Dobnik (2018). Shami: A Corpus of Levantine Arabic "
        "Dialects. Proceedings of LREC 2018.",
        "Apache-2.0",
        "comment",
        SPAM,
        DIALECT,
    ),
)

SOURCES: dict[str, SourceInfo] = {info.name: info for info in _ALL}

# Sources that only feed the dialect identifier or the benchmark (not load_corpus).
EXTRA_SOURCES: dict[str, SourceInfo] = {
    info.name: info
    for info in (
        _info(
            "osact2020_test",
            f"{VANETIK}/arabic_off_lang_dataset_ID5.xlsx",
            "Zampieri et al. (2020). SemEval-2020 Task 12: Multilingual Offensive Language Identification in "
            "Social Media (OffensEval 2020); Arabic part = OSACT4 (Mubarak et al. 2020). Test rows rebuilt "
            "from Vanetik et al. (ID5).",
            "CC BY 4.0 as listed elsewhere",
            "tweet",
            TOXICITY,
        ),
        _info(
            "qadi",
            "raw/qadi_test",
            "Abdelali, Mubarak, Samih, Hassan & Darwish (2021). QADI: Arabic Dialect Identification in the "
            "Wild. Proceedings of the Sixth Arabic NLP Workshop (WANLP).",
            "Apache-2.0",
            "tweet",
            DIALECT,
        ),
    )
}
