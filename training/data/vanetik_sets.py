"""Loaders for the datasets we only have as Vanetik et al.'s repackaged xlsx files (IDs 4, 11, 12, 14, 16).

Their taxonomy columns other than `offensive` are "null" (unannotated) in these files, so only toxic (and, for
Aref, whose original task is hate speech, hate) is set. IDs 2/3/7/8 duplicate sets we read from their original
files and ID15 has broken labels: none of them is read. ID5 (OffensEval 2020) is read by benchmark.py only.
"""

from __future__ import annotations

import pandas as pd

from training.data.files import FileLog
from training.data.schema import build_frame
from training.data.sources import SourceInfo

Record = tuple[str, dict[str, object]]


def _rows(files: FileLog, info: SourceInfo, text_at: int) -> list[tuple[str, str]]:
    """(text, offensive) pairs; header rows (ID16 has it on row 2) and unlabelled rows are skipped."""
    pairs = []
    for text, offensive in files.read_xlsx(info.path, (text_at, text_at + 1)):
        label = str(offensive).strip()
        if text is None or label not in ("0", "1"):
            continue
        pairs.append((str(text), label))
    return pairs


def _records(pairs: list[tuple[str, str]], hate: bool = False) -> list[Record]:
    records: list[Record] = []
    for text, label in pairs:
        labels: dict[str, object] = {"toxic": label == "1", "spam": 0}
        if hate:
            labels["hate"] = label == "1"
        records.append((text, labels))
    return records


def load_alakrot(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """ID4, Alakrot et al. 2018 YouTube comments (text in column E: this file has an extra `data id`)."""
    return build_frame(_records(_rows(files, info, 4)), source=info.name, domain=info.domain)


def load_darija(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """ID11, Moroccan Darija comments; Arabizi/French (Latin-only) rows are kept: readers write so."""
    return build_frame(_records(_rows(files, info, 3)), source=info.name, domain=info.domain, dialect="MAGH")


def load_aref(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """ID12, Aref et al. 2020 sectarian hate speech tweets: label 1 is hate (so toxic and hate)."""
    return build_frame(_records(_rows(files, info, 3), hate=True), source=info.name, domain=info.domain)


def load_letmi(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """ID14, Let-Mi Levantine misogyny tweets: misogynistic = toxic."""
    return build_frame(_records(_rows(files, info, 3)), source=info.name, domain=info.domain, dialect="LEV")


def repair_mojibake(text: str) -> str:
    """Undo cp1256 bytes that were decoded as Latin-1 (ID16); other text is returned as is."""
    for wrong in ("latin-1", "cp1252"):
        try:
            return text.encode(wrong).decode("cp1256")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def load_saudi_hate(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """ID16, Alhazmi 2023 Saudi hate speech: mojibake repaired, header on row 2; label 1 = toxic."""
    pairs = [(repair_mojibake(text), label) for text, label in _rows(files, info, 3)]
    return build_frame(_records(pairs), source=info.name, domain=info.domain, dialect="GLF")
