"""Loaders for the toxicity datasets published as text, TSV or CSV files.

Every toxicity row is also spam=0: a rude comment is still not spam, so these rows teach the spam model
what ordinary (clean or offensive) user text looks like.
"""

from __future__ import annotations

import pandas as pd

from training.data.files import FileLog
from training.data.schema import build_frame, concat
from training.data.sources import SourceInfo

Record = tuple[str, dict[str, object]]


def _tsv(files: FileLog, relative: str) -> list[list[str]]:
    # No quoting: the tweets contain bare quote characters.
    return [line.split("\t") for line in files.read_lines(relative) if line.strip()]


def osact2020_records(files: FileLog, info: SourceInfo) -> list[Record]:
    """OSACT2020 train+dev as (raw text, labels): `text<TAB>OFF|NOT_OFF<TAB>HS|NOT_HS`, no header."""
    records: list[Record] = []
    for split in ("train", "dev"):
        for fields in _tsv(files, f"{info.path}/OSACT2020-sharedTask-{split}.txt"):
            text, off, hs = fields
            records.append((text, {"toxic": off == "OFF", "hate": hs == "HS", "spam": 0}))
    return records


def load_osact2020(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """OSACT2020 train+dev (the official test set is rebuilt by benchmark.py)."""
    return build_frame(osact2020_records(files, info), source=info.name, domain=info.domain)


def load_osact2022(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """OSACT2022 train+dev: `id<TAB>text<TAB>OFF<TAB>HS1..HS6|NOT_HS<TAB>VLG<TAB>VIO`, no header."""
    records: list[Record] = []
    for split in ("train", "dev"):
        for fields in _tsv(files, f"{info.path}/OSACT2022-sharedTask-{split}.txt"):
            _, text, off, hs, vlg, _vio = fields
            labels = {"toxic": off == "OFF", "hate": hs != "NOT_HS", "vulgar": vlg == "VLG", "spam": 0}
            records.append((text, labels))
    return build_frame(records, source=info.name, domain=info.domain)


def load_lhsab(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """L-HSAB: `Tweet<TAB>Class` with normal/abusive/hate; the 3 unlabelled rows are skipped."""
    records: list[Record] = []
    for fields in _tsv(files, f"{info.path}/L-HSAB")[1:]:
        if len(fields) != 2 or fields[1] not in ("normal", "abusive", "hate"):
            continue
        text, label = fields
        records.append((text, {"toxic": label != "normal", "hate": label == "hate", "spam": 0}))
    return build_frame(records, source=info.name, domain=info.domain, dialect="LEV")


def load_thsab(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """T-HSAB: xlsx with NO header row, column A text, column B normal/abusive/hate."""
    records: list[Record] = []
    for text, label in files.read_xlsx(f"{info.path}/T-HSAB.xlsx", (0, 1)):
        label = str(label).strip().lower()
        if text is None or label not in ("normal", "abusive", "hate"):
            continue
        records.append((str(text), {"toxic": label != "normal", "hate": label == "hate", "spam": 0}))
    return build_frame(records, source=info.name, domain=info.domain, dialect="MAGH")


_MUBARAK_LEVELS = {"0": (0, 0), "-1": (1, 0), "-2": (1, 1)}  # level -> (toxic, vulgar)


def _mubarak_records(files: FileLog, relative: str) -> list[Record]:
    records: list[Record] = []
    for fields in _tsv(files, relative)[1:]:
        if len(fields) != 3 or fields[2].strip() not in _MUBARAK_LEVELS:
            continue
        toxic, vulgar = _MUBARAK_LEVELS[fields[2].strip()]
        records.append((fields[1], {"toxic": toxic, "vulgar": vulgar, "spam": 0}))
    return records


def load_aljazeera(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """Al Jazeera deleted comments (AJ train/dev/test): 0 clean, -1 offensive, -2 obscene (toxic + vulgar)."""
    frames = [
        build_frame(
            _mubarak_records(files, f"{info.path}/AJ-{split}.tsv"), source=info.name, domain=info.domain
        )
        for split in ("train", "dev", "test")
    ]
    return concat(frames)


def load_egyptian_tweets(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """Mubarak 2017 Egyptian tweets (all 1,100 in tweet-classification.tsv; the split files are subsets)."""
    records = _mubarak_records(files, f"{info.path}/tweet-classification.tsv")
    return build_frame(records, source=info.name, domain=info.domain, dialect="EGY")


def load_mlma(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """MLMA Arabic: `sentiment` is normal or a `_`-joined set of hostility types; toxic = not normal."""
    rows = files.read_csv(f"{info.path}/ar_dataset.csv")
    header = rows[0]
    text_at, label_at = header.index("tweet"), header.index("sentiment")
    records: list[Record] = []
    for fields in rows[1:]:
        if len(fields) != len(header):
            continue
        kinds = set(fields[label_at].split("_"))
        records.append(
            (fields[text_at], {"toxic": kinds != {"normal"}, "hate": "hateful" in kinds, "spam": 0})
        )
    return build_frame(records, source=info.name, domain=info.domain)


def load_omcd(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """OMCD: CSV `,comment,off` (off 1/0); its duplicate texts with conflicting labels are left to dedupe."""
    rows = files.read_csv(f"{info.path}/train.csv")
    records: list[Record] = [
        (fields[1], {"toxic": fields[2] == "1", "spam": 0}) for fields in rows[1:] if len(fields) == 3
    ]
    return build_frame(records, source=info.name, domain=info.domain, dialect="MAGH")
