"""The smaller sources of the tiny data dir: other toxicity sets, Alharthi, Cotterell, Vanetik, dialect."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

from . import tiny_data
from .tiny_texts import clean, comments, spam, toxic

SAUDI_TEXTS = toxic(4, 150) + clean(4, 200)


def _lines(path: Path, lines: list[str], bom: bool = False) -> None:
    tiny_data._write(path, ("\ufeff" if bom else "") + "".join(f"{line}\n" for line in lines))


def _toxicity(raw: Path) -> None:
    lhsab = [f"{t}\tnormal" for t in clean(8, 80)] + [f"{t}\tabusive" for t in toxic(4, 70)]
    _lines(
        raw / "lhsab/Dataset/L-HSAB",
        ["Tweet\tClass", *lhsab, *[f"{t}\thate" for t in toxic(3, 74)], "\t", ""],
    )
    thsab = [(t, "normal") for t in clean(8, 90)] + [(t, "abusive") for t in toxic(4, 80)]
    tiny_data.write_xlsx(
        raw / "thsab/T-HSAB Corpus/T-HSAB.xlsx", [*thsab, *((t, "hate") for t in toxic(3, 84))]
    )
    for name, offset in (("train", 0), ("dev", 6), ("test", 12)):
        rows = [f"\t{t}\t0" for t in clean(3, 100 + offset)] + [f"\t{t}\t-1" for t in toxic(2, 90 + offset)]
        _lines(
            raw / f"mubarak2017_aljazeera/input/AJ-{name}.tsv",
            ["\ttext\tlevel", *rows, f"\t{toxic(1, 96 + offset)[0]}\t-2"],
        )
    tweets = (
        [f"\t{t}\t0" for t in clean(5, 120)]
        + [f"\t{t}\t-1" for t in toxic(3, 110)]
        + [f"\t{toxic(1, 113)[0]}\t-2"]
    )
    _lines(raw / "mubarak2017_aljazeera/input/tweet-classification.tsv", ["\ttext\tdialect", *tweets])
    mlma = [(t, "normal") for t in clean(6, 130)] + [
        (t, k)
        for t, k in zip(
            toxic(6, 120), ("offensive", "hateful_normal", "offensive_disrespectful") * 2, strict=True
        )
    ]
    body = [f"{i + 1},{t} @url,{k},direct,anger,other,individual" for i, (t, k) in enumerate(mlma)]
    _lines(
        raw / "mlma/hate_speech_mlma/ar_dataset.csv",
        ["HITId,tweet,sentiment,directness,annotator_sentiment,target,group", *body],
    )


def _vanetik(raw: Path) -> None:
    folder = raw.parent / tiny_data.VANETIK
    null = ("null",) * 14

    def rows(texts: list[tuple[str, int]], dialect: str = "null") -> list[tuple[object, ...]]:
        return [(None, i + 1, dialect, t, off, *null) for i, (t, off) in enumerate(texts)]

    def labelled(n: int, offset: int) -> list[tuple[str, int]]:
        return [(t, 0) for t in clean(n, offset)] + [(t, 1) for t in toxic(n, offset)]

    id4 = [(None, f"z12{i}", i + 1, "null", t, off, *null) for i, (t, off) in enumerate(labelled(4, 140))]
    tiny_data.write_xlsx(
        folder / "arabic_off_lang_dataset_ID4.xlsx",
        [("dataset name", "data id", *tiny_data.VANETIK_HEADER[1:]), *id4],
    )
    latin = [("ma3ndk ma tdir a sahbi", 0), ("nta wahd l7mar", 1)]
    tiny_data.write_xlsx(
        folder / "arabic_off_lang_dataset_ID11.xlsx",
        [tiny_data.VANETIK_HEADER, *rows(labelled(4, 144) + latin, "Moroccan ")],
    )
    tiny_data.write_xlsx(
        folder / "arabic_off_lang_dataset_ID12.xlsx", [tiny_data.VANETIK_HEADER, *rows(labelled(3, 160))]
    )
    tiny_data.write_xlsx(
        folder / "arabic_off_lang_dataset_ID14.xlsx", [tiny_data.VANETIK_HEADER, *rows(labelled(3, 170))]
    )
    saudi = [(t.encode("cp1256").decode("latin-1"), 1 if i < 4 else 0) for i, t in enumerate(SAUDI_TEXTS)]
    top = ("None",) * 9 + ("apects",) + ("None",) * 9
    tiny_data.write_xlsx(
        folder / "arabic_off_lang_dataset_ID16.xlsx",
        [top, tiny_data.VANETIK_HEADER, *rows(saudi, "Saudi")],
        title="ar_data-saudi-new-id-16",
    )


def _spam_and_comments(raw: Path) -> None:
    handles = ("ads_shop1", "dr_offer22", "best_deal")
    tweets = [f'"RT @{handles[i % 3]}: {t} https://t.co/x{i}"' for i, t in enumerate(spam(12, 60))]
    _lines(
        raw / "alharthi_lowquality_tweets/Dataset/2018_low-quality Tweets..csv",
        ["id,created_at,text", *(f"9.89E+17,4/24/2018 13:{i:02d},{t}" for i, t in enumerate(tweets))],
    )
    for name, code in (
        ("egyptian", "egyptian"),
        ("gulf", "gulf"),
        ("levantine", "levantine"),
        ("maghrebi", "maghrebi"),
        ("iraqi", "iraqi"),
    ):
        texts = comments(4, 200 + 4 * len(name))
        _lines(
            raw / f"aoc_cotterell2014_multidialect/{name}.tsv",
            ["label\ttext", *(f"{code}\t{t}" for t in texts)],
        )
    _lines(
        raw / "aoc_cotterell2014_multidialect/twitter-egyptian.tsv",
        ["label\ttext", "egyptian\t@someone ازيك يا عم &lt;3"],
    )


def _dialect(raw: Path) -> None:
    for code, text in (
        ("EGY", "ازيك عامل ايه النهارده"),
        ("GLF", "شلونك وش اخبارك اليوم"),
        ("IRQ", "شكو ماكو هسه"),
        ("LEV", "كيفك شو عم تعمل هلق"),
        ("MGH", "واش راك لاباس عليك"),
    ):
        _lines(
            raw / f"dart/cf-data/{code}.txt",
            [
                "score(/3)\ttweet_Id\ttweet_text",
                f"3\t1\t{text}",
                f"2\t2\t{text} يا صاحبي",
                f"1\t3\t{text} والله",
            ],
            bom=True,
        )
        _lines(
            raw / f"dart/cf-data/gold/{code}.txt",
            ["label\ttweet_text", f"{code}\t{text} كل يوم", f"OTHER\t{text} ولا شي"],
        )
        _lines(raw / f"dart/eval-acc/{code}.txt", ["lable\ttweet_text", f"{code}\t{text} بعد الظهر"])
        _lines(raw / f"dart/tracking-phrases/{code}.txt", [text.split()[0]], bom=True)
    _lines(
        raw / "qadi_test/QADI_test.txt",
        [
            "@USER ازيك يا باشا EMOJI\tEG",
            "وش تبي NUM مره URL\tSA",
            "كيفك يا زلمة\tJO",
            "hello there\tMA",
            "نلتقي غدا في المؤتمر\tMSA",
        ],
    )
    for name in ("Lebanees.txt", "Palestinian.txt", "jordinian.txt"):
        _lines(raw / f"shami/{name}", [f" شو {name[:3]} بدك هلق ", " منيح كتير "])


_EN_CLEAN = ["the budget debate was long but useful", "thanks for the clear report on the floods"]
_EN_RUDE = ["shut up you stupid idiot", "what a moron &amp; a liar", "you people are vermin"]
_FR_CLEAN = ["merci pour cet article tres clair", "le conseil municipal vote demain"]
_FR_RUDE = ["ferme ta gueule espece de con", "quel abruti ce ministre"]


def _latin(raw: Path) -> None:
    """English and French sets in the layouts of davidson_en, stormfront_en, ftr_fr and toxifrench_fr."""
    classes = [("2", t) for t in _EN_CLEAN] + [("1", t) for t in _EN_RUDE[:2]] + [("0", _EN_RUDE[2])]
    _lines(
        raw / "davidson_en/labeled_data.csv",
        [",count,hate_speech,offensive_language,neither,class,tweet"]
        + [f'{i},3,0,0,3,{c},"{t}"' for i, (c, t) in enumerate(classes)],
    )
    folder = raw / "stormfront_en"
    folder.mkdir(parents=True, exist_ok=True)
    sentences = {
        "1_1": ("they are vermin and must go", "hate"),
        "1_2": ("the meeting is on friday", "noHate"),
        "2_1": ("see the next post", "relation"),
    }
    with tarfile.open(folder / "all_files.tar.gz", "w:gz") as tar:
        for file_id, (text, _) in sentences.items():
            data = text.encode()
            info = tarfile.TarInfo(f"all_files/{file_id}.txt")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    _lines(
        folder / "annotations_metadata.csv",
        ["file_id,user_id,subforum_id,num_contexts,label"]
        + [f"{k},1,1,0,{label}" for k, (_, label) in sentences.items()],
    )
    _lines(
        raw / "ftr_fr/FTR_new_labels.csv",
        ["id,tweet,label", "0,dehors les etrangers sales,1", "1,on se voit a lyon,0"],
    )
    _lines(
        raw / "toxifrench_fr/ToxiFrenchBalanced.csv",
        ["msg_id,content,label"]
        + [f"c{i},{t},0" for i, t in enumerate(_FR_CLEAN)]
        + [f"t{i},{t},1" for i, t in enumerate(_FR_RUDE)],
    )


def write_more_sources(raw: Path) -> None:
    """Write the smaller sources under `raw`."""
    for write in (_toxicity, _vanetik, _spam_and_comments, _dialect, _latin):
        write(raw)
