"""load_dialect_corpus: coarse codes, the eval-only sources, and no train/eval leak."""

from __future__ import annotations

from pathlib import Path

from training.data import load_dialect_corpus
from training.data.dialect import QADI_REGIONS
from training.data.keys import dedup_key
from training.data.schema import DIALECTS


def test_columns_codes_and_splits(tiny_dir: Path) -> None:
    frame = load_dialect_corpus(tiny_dir, progress=False)
    assert list(frame.columns) == ["text", "dialect", "source", "split"]
    assert set(frame["dialect"]) <= set(DIALECTS)
    assert set(frame["split"]) == {"train", "eval"}
    assert set(frame.loc[frame["source"] == "qadi", "split"]) == {"eval"}
    assert set(
        frame.loc[frame["source"].isin(["shami", "aoc_zaidan2011", "aoc_cotterell2014"]), "split"]
    ) == {"train"}


def test_qadi_countries_map_to_regions_and_latin_rows_are_dropped(tiny_dir: Path) -> None:
    qadi = load_dialect_corpus(tiny_dir, progress=False).query("source == 'qadi'")
    assert dict(zip(qadi["text"], qadi["dialect"], strict=True)) == {
        "ازيك يا باشا": "EGY",
        "وش تبي مره": "GLF",  # a trailing link is a tweet attachment: removed
        "كيفك يا زلمة": "LEV",
        "نلتقي غدا في المؤتمر": "MSA",
    }
    assert set(QADI_REGIONS.values()) == set(DIALECTS)


def test_dart_gold_and_eval_are_eval_and_low_agreement_and_other_are_dropped(tiny_dir: Path) -> None:
    dart = load_dialect_corpus(tiny_dir, progress=False).query("source == 'dart'")
    assert (dart["split"] == "eval").sum() == 10  # one gold + one eval-acc per dialect; OTHER dropped
    assert (dart["split"] == "train").sum() == 10  # scores 3 and 2 kept, score 1 dropped
    assert "MAGH" in set(dart["dialect"]) and "MGH" not in set(dart["dialect"])


def test_no_text_is_in_both_train_and_eval(tiny_dir: Path) -> None:
    frame = load_dialect_corpus(tiny_dir, progress=False)
    keys = frame["text"].map(dedup_key)
    assert not set(keys[frame["split"] == "train"]) & set(keys[frame["split"] == "eval"])
