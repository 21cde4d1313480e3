"""The public OSACT2020 benchmark: official train+dev, and the official test set rebuilt from Vanetik ID5.

ID5 holds all 10,000 OffensEval-2020 Arabic tweets (train 7,000 + dev 1,000 + test 2,000) with the double
quotes of the tweets removed. The test rows are what is left of ID5 after taking away, copy for copy, the
train+dev tweets (texts compared without quotes and with spacing collapsed): a multiset difference, because
some tweets occur in both train and test. On the real data this leaves 2,001 rows, 402 offensive (one train
tweet's ID5 copy differs by more than quotes). load_corpus then drops, from every source, any text whose
normalised form (quotes dropped too) is a test text, including the few train tweets that equal a test tweet.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from training.data.files import FileLog, exists
from training.data.keys import dedup_keys
from training.data.schema import build_frame
from training.data.sources import EXTRA_SOURCES, SOURCES
from training.data.toxicity_sets import Record, osact2020_records

# Vanetik ID5 columns: D "text", E "offensive" (0/1); row 1 is the header.
_ID5_TEXT, _ID5_OFFENSIVE = 3, 4


@dataclass(frozen=True)
class Benchmark:
    """OSACT2020 subtask A: train = official train+dev, test = the official test tweets (toxic = OFF)."""

    train: pd.DataFrame
    test: pd.DataFrame


def _id5_records(files: FileLog) -> list[Record]:
    rows = files.read_xlsx(EXTRA_SOURCES["osact2020_test"].path, (_ID5_TEXT, _ID5_OFFENSIVE))
    next(rows, None)
    records: list[Record] = []
    for text, off in rows:
        text, off = text or "", (off or "").strip()
        if not off and "\t" in text:
            # 5 rows carry their OSACT line unsplit in the text cell: "tweet<TAB>0|1<TAB>HS|NOT_HS".
            text, off = text.split("\t")[:2]
        if off in ("0", "1"):
            records.append((text, {"toxic": off == "1", "spam": 0}))
    return records


def _match_key(text: str) -> str:
    return " ".join(text.replace('"', "").split())


def _test_records(files: FileLog, train: list[Record]) -> list[Record]:
    remaining = Counter(_match_key(text) for text, _ in train)
    test: list[Record] = []
    for text, labels in _id5_records(files):
        key = _match_key(text)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            test.append((text, labels))
    return test


def _unquoted_keys(texts: pd.Series) -> list[str]:
    return dedup_keys(texts.str.replace('"', "", regex=False).tolist())


def in_benchmark(texts: pd.Series, keys: pd.Series, test_keys: set[str]) -> pd.Series:
    """Rows that are OSACT2020 test texts: their dedup key or that of their text without quotes matches."""
    hit = keys.isin(test_keys)
    quoted = texts.str.contains('"', regex=False) & ~hit
    if quoted.any():
        hit[quoted] = pd.Series(_unquoted_keys(texts[quoted]), index=texts[quoted].index).isin(test_keys)
    return hit


def load_osact2020_benchmark(data_dir: Path) -> Benchmark:
    """Load the OSACT2020 benchmark: train = official train+dev, test = rebuilt official test set."""
    files = FileLog(Path(data_dir))
    info, test_info = SOURCES["osact2020"], EXTRA_SOURCES["osact2020_test"]
    train = osact2020_records(files, info)
    return Benchmark(
        train=build_frame(train, source=info.name, domain=info.domain),
        test=build_frame(_test_records(files, train), source=test_info.name, domain=test_info.domain),
    )


def osact2020_test_keys(data_dir: Path, files: FileLog | None = None) -> set[str]:
    """Normalised texts (quotes dropped) of the OSACT2020 test rows; empty, with a warning, if absent."""
    files = files or FileLog(Path(data_dir))
    needed = (SOURCES["osact2020"].path, EXTRA_SOURCES["osact2020_test"].path)
    missing = [path for path in needed if not exists(Path(data_dir), path)]
    if missing:
        print(f"warning: OSACT2020 test set not rebuilt, missing {', '.join(missing)}", file=sys.stderr)
        return set()
    info = EXTRA_SOURCES["osact2020_test"]
    test = build_frame(_test_records(files, osact2020_records(files, SOURCES["osact2020"])), source=info.name,
                       domain=info.domain)  # fmt: skip
    return set(_unquoted_keys(test["text"]))
