"""A tiny data dir with the same layout and file formats as /work/shared/data, for tests.

`build_tiny_data_dir(root)` writes invented rows (see tiny_texts) for: osact2020 (train, dev) and the Vanetik
ID5 file it rebuilds its test set from, osact2022, omcd, spam_ham_tweets_dib2023, aoc_zaidan2011, syrian_sms,
and (tiny_more) the other toxicity, spam and dialect sources. TEST_TEXTS are the benchmark test rows; one of
them is also planted in omcd and AOC so tests can check it is excluded from every source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

import openpyxl

from . import tiny_more
from .tiny_texts import clean, comments, headlines, spam, toxic

VANETIK = "raw/vanetik_taxonomy_collection/translated-datasets-repo"
VANETIK_HEADER = ("dataset name", "text ID ", "dialect", "text", "offensive", "target", "target presense ",
                  "vulgar", "offense strength", "racism", "xenophobia", "homophobia", "sexism", "profanity",
                  "ageism", "ableism", "classism", "ideoligism", "religion")  # fmt: skip

OSACT_TRAIN = [(t, "NOT_OFF", "NOT_HS") for t in clean(30)] + [
    (t, "OFF", "HS" if i % 2 == 0 else "NOT_HS") for i, t in enumerate(toxic(18))
]
OSACT_DEV = [(t, "NOT_OFF", "NOT_HS") for t in clean(8, 30)] + [(t, "OFF", "NOT_HS") for t in toxic(4, 18)]
TEST_TEXTS = [(t, 0) for t in clean(12, 38)] + [(t, 1) for t in toxic(4, 22)]
PLANTED_TEST_TEXT = TEST_TEXTS[0][0]
TEST_DUPLICATE = OSACT_TRAIN[0][0]  # the official test repeats a train tweet (after cleaning: this text)
AOC_COMMENT = " ".join([*comments(2, 101), comments(1, 130)[0]])  # one comment split over three sentences
OMCD_CONFLICT = toxic(1, 50)[0]
OMCD_AGREE = comments(1)[0]
DIB_UNK = ["عرض خاص [UNK] تواصل معنا الآن", "[UNK] ربح سريع من البيت", "كريم تفتيح البشرة بسعر [UNK"]
DIB_PLACEHOLDER_SPAM = "راسلني [بريد] أو [رابط] للطلب [مستخدم"
SMS_NOTICES = [
    "لديك 58   من باقة الـ 100 رسالة نصية محلية صالحة لمدة 16 أيام ",
    "تم تعبئة رقمك بـ 450 لس، رقم عملية التعبئة 500000470510746",
    "شارف رصيدك على الانتهاء، يرجى إعادة شحن بطاقتك ياهلا",
    "عذرا لم يتم تنفيذ طلبك، علما أنه لديك طلب قيد التنفيذ",
    "تم تفعيل باقة 100 رسالة بنجاح لمدة 30 يوم بكلفة 10000 لس شكرا",
]
SMS_PROMO_LINES = [
    "باقة السوبر الجديدة فيها انترنت ودقائق ورسائل بسعر مخفض لمدة شهر كامل",
    "للتفعيل اطلب 999",
]


def _write(path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline=newline) as handle:
        handle.write(text)


def write_xlsx(path: Path, rows: Iterable[Sequence[object]], title: str = "Sheet1") -> None:
    """Write rows to the first sheet of a new workbook."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    book.save(path)


def _osact_line(i: int, text: str) -> str:
    artefacts = ("RT @USER: {}", "@USER @USER {}", "{} URL", "{}<LF>هذا رأيي", "{}", '"{}" قالها')
    return artefacts[i % len(artefacts)].format(text)


def _osact2020(raw: Path) -> None:
    seen: list[tuple[str, int]] = []
    for name, rows in (("train", OSACT_TRAIN), ("dev", OSACT_DEV)):
        lines = [(_osact_line(i, text), off, hs) for i, (text, off, hs) in enumerate(rows)]
        body = "".join(f"{line}\t{off}\t{hs}\n" for line, off, hs in lines)
        _write(raw / f"osact2020/OSACT4/OSACT2020-sharedTask-{name}.txt", body)
        seen += [(line, 1 if off == "OFF" else 0) for line, off, _ in lines]
    # ID5: the same tweets as in the OSACT files but without their double quotes (as in the real copy), then
    # the test tweets, one of which (TEST_DUPLICATE) is also a train tweet.
    test = [*TEST_TEXTS, (seen[0][0], seen[0][1])]
    rows = [(text.replace('"', ""), off) for text, off in seen] + test
    body = [(None, i + 1, None, text, off) + ("null",) * 14 for i, (text, off) in enumerate(rows)]
    write_xlsx(raw.parent / VANETIK / "arabic_off_lang_dataset_ID5.xlsx", [VANETIK_HEADER, *body])


def _osact2022(raw: Path) -> None:
    rows = [(t, "NOT_OFF", "NOT_HS", "NOT_VLG") for t in clean(15, 60)]
    rows += [
        (t, "OFF", ("HS3", "HS6")[i % 2], ("VLG", "NOT_VLG")[i % 3 == 2]) for i, t in enumerate(toxic(15, 30))
    ]
    lines = [f"{i + 1}\t@USER {t}\t{off}\t{hs}\t{vlg}\tNOT_VIO" for i, (t, off, hs, vlg) in enumerate(rows)]
    _write(raw / "osact2022/Dataset/OSACT2022-sharedTask-train.txt", "\n".join(lines[:24]) + "\n")
    _write(raw / "osact2022/Dataset/OSACT2022-sharedTask-dev.txt", "\n".join(lines[24:]) + "\n")


def _omcd(raw: Path) -> None:
    rows = [(t, 0) for t in comments(25)] + [(t, 1) for t in toxic(20, 50)]
    rows += [
        (OMCD_AGREE, 0),
        (OMCD_CONFLICT, 0),
        (f'"{PLANTED_TEST_TEXT}"', 0),
        ('تعليق فيه "اقتباس", وفاصلة', 0),
    ]
    body = "".join(f'{i},"{t.replace(chr(34), chr(34) * 2)}",{off}\r\n' for i, (t, off) in enumerate(rows))
    _write(raw / "omcd/train.csv", ",comment,off\r\n" + body)


def _dib(raw: Path) -> None:
    stamp = dt.datetime(2021, 3, 2)
    rows = [("Tweet Text", "Cleaned Text", "Label", "Date", "Time", "Date Time")]
    for i, text in enumerate(headlines(30)):
        rows.append(
            (text, text, "Ham", stamp + dt.timedelta(days=i), f"10:{i:02d}:00", f"Tue Mar 02 10:{i:02d}")
        )
    for text in [*spam(39), DIB_PLACEHOLDER_SPAM, *DIB_UNK]:
        rows.append((text, text, "Spam", stamp, "09:00:00", "Tue Mar 02 09:00:00 +0000 2021"))
    write_xlsx(raw / "spam_ham_tweets_dib2023/Augmented_SpamHamTweets.xlsx", rows)


def _aoc(raw: Path) -> None:
    texts = comments(60, 100)
    texts[0] = PLANTED_TEST_TEXT
    for i, (level, site) in enumerate(
        (lv, s) for lv in ("MSA", "dialect") for s in ("alghad", "alriyadh", "youm7")
    ):
        chunk = texts[i * 10 : (i + 1) * 10]
        _write(raw / f"aoc_zaidan2011/{level}_{site}-segs.txt.norm", "\n".join(chunk) + "\n")
        ids = [f"{site}_c/5000{i}{j}_001_001" for j in range(len(chunk))]
        if site == "alghad":  # AOC_COMMENT: sentences 1-2 of the MSA file and 3 of the dialect file
            for j, order in ((1, 1), (2, 2)) if level == "MSA" else ((0, 3),):
                ids[j] = f"alghad_c/777777_001_00{order}"
        _write(raw / f"aoc_zaidan2011/{level}_{site}-segs_ids.txt", "\n".join(ids) + "\n")


def _syrian_sms(raw: Path) -> None:
    ham = [*comments(15, 160), "وينك", "منيح ولو"]
    spam_lines = [*SMS_NOTICES[:2], *SMS_PROMO_LINES, *SMS_NOTICES[2:], *spam(6, 40)]
    _write(raw / "syrian_sms/Data_ham.csv", "\ufeff" + "".join(f"{t},ham\n" for t in ham))
    _write(raw / "syrian_sms/Data_spam.csv", "\ufeff" + "".join(f"{t},spam\n" for t in spam_lines))


def build_tiny_data_dir(root: Path) -> Path:
    """Write the tiny data dir under `root` and return it (pass it where the real data dir would go)."""
    data_dir = Path(root) / "data"
    raw = data_dir / "raw"
    for write in (_osact2020, _osact2022, _omcd, _dib, _aoc, _syrian_sms):
        write(raw)
    tiny_more.write_more_sources(raw)
    _write(data_dir / "README.md", "Tiny invented data for tests; same layout as the real data dir.\n")
    return data_dir
