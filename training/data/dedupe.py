"""Deduplication on normalised text, run on the whole corpus before any split.

Rules (per group of rows whose `service.text.normalize(text)` is equal):
- The kept row is the first copy in SOURCES order (curated sets before repackaged or noisy ones), with its raw
  text, source and domain; its dialect is the one the copies give (None if they give different ones).
- Each label column is merged separately: if the copies that HAVE the label agree, the row gets it (a label
  one copy lacks is filled from another: the union of labels); if they disagree, that label becomes NaN for
  the merged row ("dropped for that label"): a comment that is offensive in one set and clean in another
  still counts as ham for spam, but teaches nothing about toxicity.
- A group left with no label at all after this is dropped entirely (counted as "conflicting").
Per-source counts: read, duplicate (a copy merged into another row), conflicting (dropped with its group),
kept, and voided (kept rows that lost at least one label to a conflict).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd

from training.data.keys import dedup_keys
from training.data.schema import LABELS, typed
from training.data.sources import SOURCES

DedupeStats = dict[str, dict[str, int]]
_PRIORITY = {name: rank for rank, name in enumerate(SOURCES)}


def dedupe(rows: pd.DataFrame, keys: Sequence[str] | None = None) -> tuple[pd.DataFrame, DedupeStats]:
    """Merge copies of the same normalised text as documented in this module; return (rows, per-source stats).

    `keys` (the rows' dedup keys, in row order) may be passed when the caller already computed them.
    """
    frame = rows.copy()
    frame["_key"] = list(keys) if keys is not None else dedup_keys(frame["text"].tolist())
    frame["_rank"] = frame["source"].map(lambda s: _PRIORITY.get(s, len(_PRIORITY)))
    frame["_pos"] = np.arange(len(frame))
    frame = frame.sort_values(["_rank", "_pos"], kind="stable")

    repeated = frame.duplicated("_key", keep=False)
    single, multi = frame[~repeated], frame[repeated]
    groups = multi.groupby("_key", sort=False)
    merged = groups.first()  # first non-null value per column, in priority order
    distinct = groups[list(LABELS)].nunique()
    conflict = (distinct > 1).any(axis=1)
    for name in LABELS:
        merged[name] = merged[name].where(distinct[name] <= 1, np.nan)
    merged["dialect"] = merged["dialect"].where(groups["dialect"].nunique() <= 1, None)
    dropped = conflict & merged[list(LABELS)].isna().all(axis=1)

    is_first = ~multi.duplicated("_key", keep="first")
    in_dropped = multi["_key"].map(dropped).astype(bool)
    in_conflict = multi["_key"].map(conflict).astype(bool)

    stats: DedupeStats = {}
    counts: dict[str, Counter[str]] = {}
    for source in frame["source"].unique():
        counts[source] = Counter()
    for source, n in frame["source"].value_counts().items():
        counts[source]["read"] = int(n)
    for source, n in single["source"].value_counts().items():
        counts[source]["kept"] += int(n)
    _add(counts, multi.loc[is_first & ~in_dropped, "source"], "kept")
    _add(counts, multi.loc[is_first & ~in_dropped & in_conflict, "source"], "voided")
    _add(counts, multi.loc[~is_first & ~in_dropped, "source"], "duplicate")
    _add(counts, multi.loc[in_dropped, "source"], "conflicting")
    for source, counter in counts.items():
        stats[source] = {k: int(counter[k]) for k in ("read", "duplicate", "conflicting", "kept", "voided")}

    kept_groups = merged[~dropped].reset_index()
    out = pd.concat([single, kept_groups], ignore_index=True).sort_values(["_rank", "_pos"], kind="stable")
    return typed(out.drop(columns=["_key", "_rank", "_pos"])), stats


def _add(counts: dict[str, Counter[str]], sources: pd.Series, field: str) -> None:
    for source, n in sources.value_counts().items():
        counts[source][field] += int(n)
