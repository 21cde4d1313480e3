"""The columns of the labelled table every loader returns, and a builder that cleans and types them.

Dialect codes (coarse regions, used by `dialect` in the corpus and by `load_dialect_corpus`):
MSA (Modern Standard Arabic), EGY (Egypt, Sudan), GLF (Gulf: Saudi Arabia, Kuwait, Qatar, Bahrain, UAE, Oman,
Yemen), LEV (Levant: Syria, Lebanon, Jordan, Palestine), IRQ (Iraq), MAGH (Maghreb: Morocco, Algeria, Tunisia,
Libya, Mauritania). TUN is not used separately: Tunisian is MAGH. None = unknown or mixed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from training.data.cleaning import clean_text, has_content

LABELS: tuple[str, ...] = ("toxic", "spam", "hate", "vulgar")
COLUMNS: tuple[str, ...] = ("text", "source", *LABELS, "dialect", "domain")
DIALECTS: tuple[str, ...] = ("MSA", "EGY", "GLF", "LEV", "IRQ", "MAGH")


def label_value(value: object) -> float:
    """Map 1/0/True/False/None to 1.0/0.0/NaN."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return np.nan
    return 1.0 if bool(value) else 0.0


def empty_frame() -> pd.DataFrame:
    """A corpus table with no rows and the right dtypes."""
    return build_frame([], source="", domain="")


def build_frame(
    records: Iterable[tuple[str, dict[str, object]]],
    *,
    source: str,
    domain: str,
    dialect: str | None = None,
) -> pd.DataFrame:
    """Clean each (raw text, labels) record into a corpus row; rows left without content are dropped.

    `labels` may hold any of LABELS (1/0/None) and an optional per-row "dialect"; labels not given are NaN.
    """
    rows: list[dict[str, object]] = []
    for raw, labels in records:
        text = clean_text(str(raw))
        if not has_content(text):
            continue
        row: dict[str, object] = {"text": text, "source": source, "domain": domain}
        for name in LABELS:
            row[name] = label_value(labels.get(name))
        row["dialect"] = labels.get("dialect", dialect)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return typed(frame)


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Give the corpus columns their dtypes (float labels, object strings with None for no dialect)."""
    frame = frame.reindex(columns=list(COLUMNS))
    for name in LABELS:
        frame[name] = frame[name].astype(float)
    frame["text"] = frame["text"].astype(object)
    frame["dialect"] = frame["dialect"].astype(object).where(frame["dialect"].notna(), None)
    return frame.reset_index(drop=True)


def concat(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate corpus tables, keeping the schema when the list is empty."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_frame()
    return typed(pd.concat(frames, ignore_index=True))
