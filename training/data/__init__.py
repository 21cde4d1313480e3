"""The training data layer: every dataset under the data dir read in place into one clean labelled table.

Public API: SOURCES, load_corpus, Corpus, dedupe, split_corpus, Split, load_osact2020_benchmark, Benchmark,
osact2020_test_keys, load_dialect_corpus. Column and dialect codes: see training.data.schema.
"""

from training.data.benchmark import Benchmark, load_osact2020_benchmark, osact2020_test_keys
from training.data.corpus import Corpus, load_corpus
from training.data.dedupe import dedupe
from training.data.dialect import load_dialect_corpus
from training.data.schema import COLUMNS, DIALECTS, LABELS
from training.data.sources import EXTRA_SOURCES, SOURCES, SourceInfo
from training.data.split import Split, split_corpus

__all__ = [
    "COLUMNS",
    "DIALECTS",
    "EXTRA_SOURCES",
    "LABELS",
    "SOURCES",
    "Benchmark",
    "Corpus",
    "SourceInfo",
    "Split",
    "dedupe",
    "load_corpus",
    "load_dialect_corpus",
    "load_osact2020_benchmark",
    "osact2020_test_keys",
    "split_corpus",
]
