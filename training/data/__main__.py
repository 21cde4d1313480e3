"""`python -m training.data [DATA_DIR]`: load everything once and print what was read (for the model card)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from training.data.benchmark import load_osact2020_benchmark
from training.data.corpus import load_corpus
from training.data.dialect import load_dialect_corpus
from training.data.schema import LABELS
from training.data.split import split_corpus


def main(argv: list[str]) -> int:
    """Print per-source counts, label balances, the benchmark size, the dialect corpus and timings."""
    data_dir = Path(argv[0]) if argv else Path("../shared/data")
    started = time.perf_counter()
    corpus = load_corpus(data_dir)
    loaded = time.perf_counter() - started
    rows = corpus.rows
    print(
        f"{'source':26}{'loaded':>8}{'bench':>7}{'dup':>7}{'confl':>6}{'voided':>7}{'kept':>8}  label balance"
    )
    for name, c in corpus.counts.items():
        part = rows[rows["source"] == name]
        balance = " ".join(
            f"{label}={part[label].mean():.3f}/{part[label].notna().sum()}"
            for label in LABELS
            if part[label].notna().any()
        )
        print(
            f"{name:26}{c['loaded']:>8}{c['benchmark_excluded']:>7}{c['duplicate']:>7}{c['conflicting']:>6}"
            f"{c['voided']:>7}{c['kept']:>8}  {balance}"
        )
    print(f"total rows {len(rows)}; files read {len(corpus.files)}; load_corpus {loaded:.1f} s")
    for label in LABELS:
        known = rows[label].dropna()
        print(f"{label}: {int(known.sum())} positive of {len(known)} labelled ({known.mean():.3f})")
    split = split_corpus(rows, seed=0)
    print(f"split seed 0: train {len(split.train)}, val {len(split.val)}, test {len(split.test)}")
    bench = load_osact2020_benchmark(data_dir)
    print(
        f"OSACT2020 benchmark: train {len(bench.train)} ({int(bench.train['toxic'].sum())} offensive), "
        f"test {len(bench.test)} ({int(bench.test['toxic'].sum())} offensive)"
    )
    t0 = time.perf_counter()
    dialects = load_dialect_corpus(data_dir)
    print(f"dialect corpus ({time.perf_counter() - t0:.1f} s):")
    print(dialects.groupby(["split", "dialect"]).size().unstack(fill_value=0).to_string())
    print(f"total {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
