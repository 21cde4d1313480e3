"""load_corpus on the tiny data dir: schema, file hashes, counts, missing sources, progress lines."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from training.data import SOURCES, load_corpus
from training.data.schema import COLUMNS


def test_corpus_schema_hashes_and_counts(tiny_dir: Path) -> None:
    corpus = load_corpus(tiny_dir, progress=False)
    assert list(corpus.rows.columns) == list(COLUMNS)
    assert set(corpus.counts) == set(SOURCES)
    for rel, digest in corpus.files.items():
        assert hashlib.sha256((tiny_dir / rel).read_bytes()).hexdigest() == digest
    assert "raw/spam_ham_tweets_dib2023/Augmented_SpamHamTweets.xlsx" in corpus.files
    for name, entry in corpus.counts.items():
        assert entry["loaded"] == entry["read"] + entry["benchmark_excluded"], name
        assert entry["read"] == entry["duplicate"] + entry["conflicting"] + entry["kept"], name
        assert (corpus.rows["source"] == name).sum() == entry["kept"], name
    assert corpus.rows["text"].is_unique


def test_label_coverage_by_kind_of_source(tiny_dir: Path) -> None:
    rows = load_corpus(tiny_dir, progress=False).rows
    toxicity = rows[rows["toxic"].notna()]
    assert (toxicity["spam"] == 0).all()
    aoc = rows[rows["source"] == "aoc_zaidan2011"]
    assert aoc["toxic"].isna().all() and (aoc["spam"] == 0).all()
    assert rows["spam"].notna().all()


def test_sources_filter_and_missing_folders(
    tiny_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    only = load_corpus(tiny_dir, sources=["omcd", "aoc_zaidan2011"], progress=False)
    assert set(only.rows["source"]) == {"omcd", "aoc_zaidan2011"}
    copy = tmp_path / "data"
    shutil.copytree(tiny_dir, copy)
    shutil.rmtree(copy / SOURCES["omcd"].path)
    partial = load_corpus(copy, sources=["omcd", "aoc_zaidan2011"], progress=True)
    err = capsys.readouterr().err
    assert "source omcd skipped" in err
    assert "aoc_zaidan2011: 58 rows" in err
    assert set(partial.counts) == {"aoc_zaidan2011"}


def test_unknown_source_is_an_error(tiny_dir: Path) -> None:
    with pytest.raises(ValueError, match="unknown sources"):
        load_corpus(tiny_dir, sources=["nope"], progress=False)
