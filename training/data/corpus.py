"""load_corpus: every training source read in place, cleaned, benchmark-filtered and deduplicated.

Pipeline: each source's loader reads its files (hashing each one) and returns cleaned rows (cleaning.py)
with the corpus columns (schema.py); rows whose normalised text is an OSACT2020 test text are dropped
(benchmark.py), then all sources are deduplicated together (dedupe.py). Split with split_corpus after this.

rows: text (raw text with source artefacts reduced), source, toxic/spam/hate/vulgar (1.0, 0.0 or NaN when the
source does not label it), dialect (schema.DIALECTS or None), domain (tweet, comment, sms).
counts per source: loaded (rows the loader returned), benchmark_excluded, then dedupe's read (= loaded -
benchmark_excluded), duplicate, conflicting, kept (rows of this source in `rows`), voided.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from training.data import comment_sets, latin_sets, spam_sets, toxicity_sets, vanetik_sets
from training.data.benchmark import in_benchmark, osact2020_test_keys
from training.data.dedupe import dedupe
from training.data.files import FileLog, exists
from training.data.keys import dedup_keys
from training.data.schema import concat
from training.data.sources import SOURCES, SourceInfo

Loader = Callable[[FileLog, SourceInfo], pd.DataFrame]

LOADERS: dict[str, Loader] = {
    "osact2020": toxicity_sets.load_osact2020,
    "osact2022": toxicity_sets.load_osact2022,
    "lhsab": toxicity_sets.load_lhsab,
    "thsab": toxicity_sets.load_thsab,
    "egyptian_tweets": toxicity_sets.load_egyptian_tweets,
    "mlma": toxicity_sets.load_mlma,
    "omcd": toxicity_sets.load_omcd,
    "alakrot_youtube": vanetik_sets.load_alakrot,
    "darija_ibrahimi": vanetik_sets.load_darija,
    "aref": vanetik_sets.load_aref,
    "letmi": vanetik_sets.load_letmi,
    "saudi_hate": vanetik_sets.load_saudi_hate,
    "aljazeera": toxicity_sets.load_aljazeera,
    "spam_ham_tweets_dib2023": spam_sets.load_dib2023,
    "alharthi_lowquality": spam_sets.load_alharthi,
    "syrian_sms": spam_sets.load_syrian_sms,
    "davidson_en": latin_sets.load_davidson,
    "stormfront_en": latin_sets.load_stormfront,
    "ftr_fr": latin_sets.load_ftr,
    "toxifrench_fr": latin_sets.load_toxifrench,
    "aoc_zaidan2011": comment_sets.load_aoc_zaidan,
    "aoc_cotterell2014": comment_sets.load_aoc_cotterell,
    "dart": comment_sets.load_dart,
    "shami": comment_sets.load_shami,
}


@dataclass
class Corpus:
    """The labelled table, the SHA-256 of every file read, and per-source row counts."""

    rows: pd.DataFrame
    files: dict[str, str] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


def _say(progress: bool, message: str) -> None:
    if progress:
        print(message, file=sys.stderr, flush=True)


def load_corpus(data_dir: Path, *, sources: Iterable[str] | None = None, progress: bool = True) -> Corpus:
    """Read the chosen sources (default: all), drop OSACT2020 test texts, deduplicate; see the module docs."""
    data_dir = Path(data_dir)
    names = list(SOURCES) if sources is None else list(sources)
    unknown = [name for name in names if name not in LOADERS]
    if unknown:
        raise ValueError(f"unknown sources: {', '.join(unknown)}")
    files = FileLog(data_dir)
    started, cpu = time.perf_counter(), time.process_time()
    test_keys = osact2020_test_keys(data_dir, files)
    _say(progress, f"osact2020 benchmark test: {len(test_keys)} texts excluded from training")

    frames: list[pd.DataFrame] = []
    keys: list[str] = []
    counts: dict[str, dict[str, int]] = {}
    for name in names:
        info = SOURCES[name]
        if not exists(data_dir, info.path):
            print(f"warning: source {name} skipped, {info.path} not found in {data_dir}", file=sys.stderr)
            continue
        t0 = time.perf_counter()
        frame = LOADERS[name](files, info)
        frame_keys = pd.Series(dedup_keys(frame["text"].tolist()), index=frame.index)
        in_test = in_benchmark(frame["text"], frame_keys, test_keys)
        counts[name] = {"loaded": len(frame), "benchmark_excluded": int(in_test.sum())}
        frames.append(frame[~in_test])
        keys += frame_keys[~in_test].tolist()
        _say(
            progress,
            f"{name}: {len(frame)} rows, {int(in_test.sum())} benchmark texts excluded "
            f"({time.perf_counter() - t0:.1f} s)",
        )

    rows, stats = dedupe(concat(frames), keys)
    for name, entry in counts.items():
        entry.update(stats.get(name, {"read": 0, "duplicate": 0, "conflicting": 0, "kept": 0, "voided": 0}))
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    _say(progress, f"corpus: {len(rows)} rows after dedupe ({wall:.1f} s, {cpu:.1f} s CPU)")
    return Corpus(rows=rows, files=dict(sorted(files.hashes.items())), counts=counts)
