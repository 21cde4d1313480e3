"""Moderator decisions (`raqib labels export`) as corpus rows for retraining, and the most recent ones held
out by time: the "recent decisions" slice of the report, never trained on, shows how a model does on what the
newsroom's moderators decide now."""

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
    out["decided_at"] = pd.to_datetime(frame.get("decided_at"), utc=True, errors="coerce")
    for column, target in (("spam", "spam"), ("toxic", "toxic")):
        values = frame[column].str.strip().str.lower()
        bad = sorted(set(values) - set(_LABELS))
        if bad:
            raise ValueError(f"{path}: column {column!r} has values {bad[:5]}; expected 1, 0 or empty")
        out[target] = values.map(_LABELS).astype(float)
    out["hate"], out["vulgar"], out["dialect"], out["domain"] = np.nan, np.nan, None, "comment"
    keep = out["text"].str.strip().ne("") & (out["spam"].notna() | out["toxic"].notna())
    return out[keep].reset_index(drop=True)


def split_recent(rows: pd.DataFrame, share: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(older rows to train on, the latest ``share`` of rows by decision time, held out).

    Rows without a decision time are trained on; ties at the cut all go to the recent side, so no decision of
    the held-out moment leaks into training.
    """
    timed = rows[rows["decided_at"].notna()].sort_values("decided_at", kind="stable")
    n_recent = round(len(timed) * share)
    if n_recent == 0:
        return rows.reset_index(drop=True), rows.iloc[0:0].reset_index(drop=True)
    cut = timed["decided_at"].iloc[len(timed) - n_recent]
    recent = rows["decided_at"].notna() & (rows["decided_at"] >= cut)
    return rows[~recent].reset_index(drop=True), rows[recent].reset_index(drop=True)
