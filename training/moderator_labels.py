"""Moderator decisions (`raqib labels export`) as corpus rows for retraining."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SOURCE = "moderator"
_LABELS = {"1": 1.0, "0": 0.0, "": np.nan, "true": 1.0, "false": 0.0}


def load_moderator_labels(path: Path) -> pd.DataFrame:
    """Rows with text, spam and toxic from a labels CSV; unlabelled cells stay NaN, rows with neither go."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"text", "spam", "toxic"} - set(frame.columns)
    if missing:
        raise ValueError(
            f"{path}: missing column(s) {', '.join(sorted(missing))} (see `raqib labels export`)"
        )
    out = pd.DataFrame({"text": frame["text"], "source": SOURCE})
    for column, target in (("spam", "spam"), ("toxic", "toxic")):
        values = frame[column].str.strip().str.lower()
        bad = sorted(set(values) - set(_LABELS))
        if bad:
            raise ValueError(f"{path}: column {column!r} has values {bad[:5]}; expected 1, 0 or empty")
        out[target] = values.map(_LABELS).astype(float)
    out["hate"], out["vulgar"], out["dialect"], out["domain"] = np.nan, np.nan, None, "comment"
    keep = out["text"].str.strip().ne("") & (out["spam"].notna() | out["toxic"].notna())
    return out[keep].reset_index(drop=True)
