"""The frozen evaluation set: the one set of rows a candidate and the active model are both judged on.

It is the candidate's held-out test split, rebuilt from the data folder with the candidate's sources and seed,
with the label policy of its training run applied: exactly the rows its manifest's metrics were computed on.
Training records the rows' fingerprint (``evaluation_set`` in the manifest) and rebuilding checks it, so
``raqib models promote`` and ``raqib evaluate --compare`` cannot drift from the manifest's figures.
When the active model was trained on other data or with another seed some of these rows may have been its
training rows: that flatters the active model, never the candidate, and is said out loud.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from training.evaluate import EvaluationError

LABEL_COLUMNS = ("toxic", "spam", "hate", "vulgar")


@dataclass(frozen=True)
class FrozenSet:
    """The rows, what they are, and their fingerprint."""

    frame: pd.DataFrame
    owner: str  # the version whose test split this is
    description: str
    fingerprint: str
    excluded: tuple[str, ...]  # sources whose toxicity labels training ignored


def fingerprint(frame: pd.DataFrame) -> str:
    """SHA-256 over each row's text and labels, in order."""
    digest = hashlib.sha256()
    columns = [c for c in LABEL_COLUMNS if c in frame.columns]
    for row in frame[["text", *columns]].itertuples(index=False):
        cells = [str(row[0])] + ["" if pd.isna(v) else f"{float(v):g}" for v in row[1:]]
        digest.update("\x1f".join(cells).encode() + b"\x1e")
    return digest.hexdigest()


def describe(frame: pd.DataFrame, seed: int) -> dict[str, Any]:
    """What training records in the manifest about its test split."""
    return {"seed": seed, "rows": len(frame), "sha256": fingerprint(frame)}


def data_files(manifest: Mapping[str, Any]) -> dict[str, str] | None:
    """The {file: sha256} map a version was trained on, wherever the manifest keeps it."""
    data = manifest.get("data")
    for candidate in (
        data.get("files") if isinstance(data, Mapping) else None,
        manifest.get("data_files"),
        manifest.get("files"),
    ):
        if isinstance(candidate, Mapping) and candidate:
            return {str(k): str(v) for k, v in candidate.items()}
    return None


def _manifest_sources(manifest: Mapping[str, Any]) -> list[str] | None:
    # `raqib train --sources` may have used a subset; the per-source row counts name exactly what was read.
    data = manifest.get("data")
    for sources in (
        data.get("sources") if isinstance(data, Mapping) else None,
        manifest.get("sources"),
        manifest.get("rows_per_source"),
    ):
        if isinstance(sources, Mapping) and sources:
            return list(sources)
        if isinstance(sources, list) and sources:
            return [str(s) for s in sources]
    return None


def excluded_sources(manifest: Mapping[str, Any]) -> tuple[str, ...]:
    """Sources whose toxicity and hate labels the version's training run blanked."""
    return tuple((manifest.get("hyperparameters") or {}).get("toxicity_excluded", ()))


def frozen_set(manifest: Mapping[str, Any], name: str, data_dir: Path) -> FrozenSet:
    """The version's test split with its label policy; EvaluationError if it cannot be rebuilt faithfully."""
    from training.data import load_corpus, split_corpus

    if "seed" not in manifest:
        raise EvaluationError(f"model {name}: manifest has no seed, so its test split cannot be rebuilt")
    if not Path(data_dir).is_dir():
        raise EvaluationError(f"{data_dir}: data folder not found, so {name}'s test split cannot be rebuilt")
    corpus = load_corpus(Path(data_dir), sources=_manifest_sources(manifest))
    recorded = data_files(manifest)
    if recorded is not None:
        changed = sorted(
            f for f in set(recorded) | set(corpus.files) if corpus.files.get(f) != recorded.get(f)
        )
        if changed:
            raise EvaluationError(
                f"{data_dir}: {len(changed)} file(s) differ from the ones {name} was trained on "
                f"(e.g. {changed[0]}), so the rebuilt split would not be its test split; use --data FILE.csv"
            )
    excluded = excluded_sources(manifest)
    test = split_corpus(corpus.rows, int(manifest["seed"])).test.copy()
    test.loc[test["source"].isin(excluded), ["toxic", "hate"]] = np.nan
    test = test.reset_index(drop=True)
    found = fingerprint(test)
    expected = (manifest.get("evaluation_set") or {}).get("sha256")
    if expected is not None and expected != found:
        raise EvaluationError(
            f"model {name}: the rebuilt test split differs from the one training recorded "
            f"(sha256 {found[:12]}, recorded {str(expected)[:12]}): the data code changed since training"
        )
    recorded_rows = (manifest.get("split_rows") or {}).get("test")
    if expected is None and recorded_rows is not None and recorded_rows != len(test):
        print(
            f"warning: rebuilt test split has {len(test):,} rows, {name} recorded {recorded_rows:,}: "
            "the data code changed since training, so a few rows may differ from its true test split",
            file=sys.stderr,
        )
    where = f"test split of {name} ({data_dir}, seed {manifest['seed']}, {len(test):,} rows)"
    return FrozenSet(test, name, where, found, excluded)


def held_out_for(frozen: FrozenSet, name: str, manifest: Mapping[str, Any], owner: Mapping[str, Any]) -> None:
    """Warn when the rows may have been training rows of ``name`` (other data files or another seed)."""
    same_data = data_files(manifest) == data_files(owner)
    if not same_data or manifest.get("seed") != owner.get("seed"):
        print(
            f"warning: {name} was trained on other data or with another seed than {frozen.owner}: some of "
            f"these rows may have been its training rows, which flatters {name}",
            file=sys.stderr,
        )
