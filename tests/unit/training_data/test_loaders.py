"""Each source loader on the tiny data dir: columns, label values, source-specific rules."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from training.data.corpus import LOADERS
from training.data.files import FileLog
from training.data.schema import COLUMNS, DIALECTS, LABELS
from training.data.sources import SOURCES, TOXICITY

from . import tiny_data, tiny_more
from .tiny_texts import clean, comments, headlines, spam


def _load(tiny_dir: Path, name: str) -> pd.DataFrame:
    return LOADERS[name](FileLog(tiny_dir), SOURCES[name])


@pytest.mark.parametrize("name", list(SOURCES))
def test_every_loader_returns_the_corpus_schema(tiny_dir: Path, name: str) -> None:
    frame = _load(tiny_dir, name)
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) > 0
    assert (frame["source"] == name).all()
    assert (frame["domain"] == SOURCES[name].domain).all()
    for label in LABELS:
        assert frame[label].dtype == float
        assert set(frame[label].dropna().unique()) <= {0.0, 1.0}
    assert set(frame["dialect"].dropna()) <= set(DIALECTS)
    assert frame["text"].map(lambda t: isinstance(t, str) and t == t.strip() and len(t) > 0).all()


@pytest.mark.parametrize("name", [n for n, info in SOURCES.items() if TOXICITY in info.tasks])
def test_toxicity_rows_are_labelled_and_never_spam(tiny_dir: Path, name: str) -> None:
    frame = _load(tiny_dir, name)
    assert (frame["spam"] == 0.0).all()
    assert frame["toxic"].notna().all()
    assert frame["toxic"].nunique() == 2


def test_osact2020_labels_and_artefacts(tiny_dir: Path) -> None:
    frame = _load(tiny_dir, "osact2020")
    assert len(frame) == len(tiny_data.OSACT_TRAIN) + len(tiny_data.OSACT_DEV)
    assert frame["toxic"].sum() == 22
    assert frame["hate"].sum() == 9
    assert frame["vulgar"].isna().all()
    assert not frame["text"].str.contains("RT |@USER|<LF>| URL$", regex=True).any()
    assert frame["text"].str.contains("\n").any()


def test_osact2022_marks_hate_types_and_vulgar(tiny_dir: Path) -> None:
    frame = _load(tiny_dir, "osact2022")
    assert frame["toxic"].sum() == 15
    assert frame["hate"].sum() == 15  # HS3 or HS6 on every offensive row
    assert frame["vulgar"].sum() == 10
    assert (frame.loc[frame["hate"] == 1, "toxic"] == 1).all()


def test_omcd_keeps_its_duplicates_for_dedupe(tiny_dir: Path) -> None:
    frame = _load(tiny_dir, "omcd")
    assert len(frame) == 49
    assert (frame["text"] == tiny_data.OMCD_CONFLICT).sum() == 2
    assert (frame["dialect"] == "MAGH").all()
    assert 'تعليق فيه "اقتباس", وفاصلة' in set(frame["text"])


def test_dib_drops_unk_rows_and_keeps_text_and_label_only(tiny_dir: Path) -> None:
    frame = _load(tiny_dir, "spam_ham_tweets_dib2023")
    assert len(frame) == 70
    assert frame["spam"].sum() == 40
    assert not frame["text"].str.contains("[UNK", regex=False).any()
    assert frame["toxic"].isna().all()
    assert set(frame.loc[frame["spam"] == 0, "text"]) == set(headlines(30))  # outlet signatures removed
    assert "راسلني _email_ أو http://url للطلب @user" in set(frame["text"])


class _ColumnLog(FileLog):
    requested: list[tuple[int, ...]]

    def read_xlsx(self, relative: str, columns: tuple[int, ...]):  # type: ignore[no-untyped-def]
        self.requested = [*getattr(self, "requested", []), columns]
        return super().read_xlsx(relative, columns)


def test_dib_date_and_time_columns_are_never_read(tiny_dir: Path, tmp_path: Path) -> None:
    files = _ColumnLog(tiny_dir)
    before = LOADERS["spam_ham_tweets_dib2023"](files, SOURCES["spam_ham_tweets_dib2023"])
    assert files.requested and all(
        max(cols) < 3 for cols in files.requested
    )  # D, E, F = Date, Time, Date Time
    # Rewrite the file with the date columns scrambled: the loaded rows must not change.
    other = tiny_data.build_tiny_data_dir(tmp_path)
    sheet = [("Tweet Text", "Cleaned Text", "Label", "Date", "Time", "Date Time")]
    import openpyxl

    book = openpyxl.load_workbook(
        tiny_dir / SOURCES["spam_ham_tweets_dib2023"].path / "Augmented_SpamHamTweets.xlsx"
    )
    for i, row in enumerate(book.active.iter_rows(min_row=2, values_only=True)):
        sheet.append((row[0], row[1], row[2], f"bogus {i}", None, "x"))
    tiny_data.write_xlsx(
        other / SOURCES["spam_ham_tweets_dib2023"].path / "Augmented_SpamHamTweets.xlsx", sheet
    )
    after = LOADERS["spam_ham_tweets_dib2023"](FileLog(other), SOURCES["spam_ham_tweets_dib2023"])
    pd.testing.assert_frame_equal(before, after)


def test_aoc_sentences_are_reassembled_into_ham_comments_without_toxicity_label(tiny_dir: Path) -> None:
    frame = _load(tiny_dir, "aoc_zaidan2011")
    assert len(frame) == 58  # 60 sentences, three of them one comment
    assert (frame["spam"] == 0).all() and frame["toxic"].isna().all()
    assert frame["dialect"].value_counts().to_dict() == {"MSA": 28, "LEV": 10, "GLF": 10, "EGY": 10}
    assert frame.loc[frame["text"] == tiny_data.AOC_COMMENT, "dialect"].tolist() == ["LEV"]


def test_lhsab_and_thsab_labels(tiny_dir: Path) -> None:
    for name in ("lhsab", "thsab"):
        frame = _load(tiny_dir, name)
        assert len(frame) == 15  # no header row in T-HSAB, the blank L-HSAB rows skipped
        assert frame["toxic"].sum() == 7 and frame["hate"].sum() == 3
    assert clean(1, 90)[0] in set(_load(tiny_dir, "thsab")["text"])  # the first xlsx row is data


def test_mubarak_sources_are_separate_and_obscene_is_vulgar(tiny_dir: Path) -> None:
    aj = _load(tiny_dir, "aljazeera")
    tweets = _load(tiny_dir, "egyptian_tweets")
    assert len(aj) == 18 and len(tweets) == 9
    assert aj["vulgar"].sum() == 3 and (aj.loc[aj["vulgar"] == 1, "toxic"] == 1).all()
    assert tweets["toxic"].sum() == 4 and (tweets["dialect"] == "EGY").all()


def test_mlma_normal_versus_the_rest(tiny_dir: Path) -> None:
    frame = _load(tiny_dir, "mlma")
    assert frame["toxic"].sum() == 6 and frame["hate"].sum() == 2
    assert not frame["text"].str.contains("@url").any()


def test_vanetik_sets(tiny_dir: Path) -> None:
    assert _load(tiny_dir, "alakrot_youtube")["toxic"].sum() == 4
    darija = _load(tiny_dir, "darija_ibrahimi")
    assert "nta wahd l7mar" in set(darija["text"])
    aref = _load(tiny_dir, "aref")
    assert (aref["hate"] == aref["toxic"]).all()
    assert math.isnan(_load(tiny_dir, "letmi")["hate"].iloc[0])


def test_saudi_hate_mojibake_is_repaired_and_its_header_skipped(tiny_dir: Path) -> None:
    frame = _load(tiny_dir, "saudi_hate")
    assert frame["text"].tolist() == tiny_more.SAUDI_TEXTS
    assert frame["toxic"].tolist() == [1.0] * 4 + [0.0] * 4


def test_alharthi_is_all_spam_without_retweet_headers(tiny_dir: Path) -> None:
    frame = _load(tiny_dir, "alharthi_lowquality")
    assert (frame["spam"] == 1).all()
    assert frame["text"].tolist() == [t.strip() for t in spam(12, 60)]


def test_cotterell_comments_are_ham_with_dialects(tiny_dir: Path) -> None:
    frame = _load(tiny_dir, "aoc_cotterell2014")
    assert set(frame["dialect"]) == {"EGY", "GLF", "LEV", "MAGH", "IRQ"}
    assert (frame["spam"] == 0).all()
    assert set(frame["text"]) <= set(comments(300))


def test_dart_tweets_are_ham_with_agreed_dialects_only_and_no_evaluation_rows(tiny_dir: Path) -> None:
    frame = _load(tiny_dir, "dart")
    assert (frame["spam"] == 0).all() and frame["toxic"].isna().all()
    assert len(frame) == 15  # three crowd-labelled rows per dialect file
    agreed = frame[frame["dialect"].notna()]
    assert len(agreed) == 10 and set(agreed["dialect"]) == {"EGY", "GLF", "IRQ", "LEV", "MAGH"}
    assert frame[frame["dialect"].isna()]["text"].str.endswith("والله").all()  # the 1-of-3 rows
    assert not frame["text"].str.contains("كل يوم|ولا شي|بعد الظهر").any()  # gold/eval-acc stay out


def test_shami_sentences_are_levantine_ham(tiny_dir: Path) -> None:
    frame = _load(tiny_dir, "shami")
    assert (frame["spam"] == 0).all() and frame["toxic"].isna().all()
    assert set(frame["dialect"]) == {"LEV"}
    assert "منيح كتير" in set(frame["text"])


def test_english_and_french_sets_map_to_raqib_labels(tiny_dir) -> None:
    from training.data import load_corpus

    rows = load_corpus(tiny_dir, sources=["davidson_en", "stormfront_en", "ftr_fr", "toxifrench_fr"]).rows
    by_text = {t: r for t, r in zip(rows["text"], rows.to_dict("records"), strict=True)}
    assert by_text["what a moron & a liar"]["toxic"] == 1  # HTML entity decoded; offensive, not hate
    assert by_text["what a moron & a liar"]["hate"] == 0
    assert by_text["you people are vermin"]["hate"] == 1
    assert by_text["the budget debate was long but useful"]["toxic"] == 0
    # Stormfront: noHate is a weak toxicity negative (its weight is lowered in training); "relation" dropped
    assert by_text["they are vermin and must go"]["toxic"] == 1
    nohate = by_text["the meeting is on friday"]
    assert nohate["hate"] == 0 and nohate["toxic"] == 0
    assert "see the next post" not in by_text
    # FTR: 0 means "not racist", taken as a weak toxicity negative too
    assert by_text["on se voit a lyon"]["hate"] == 0 and by_text["on se voit a lyon"]["toxic"] == 0
    assert by_text["quel abruti ce ministre"]["toxic"] == 1
    assert (rows["spam"] == 0).all()
