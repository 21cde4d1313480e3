"""The OSACT2020 benchmark: the test set rebuilt from ID5, and its texts never reach training."""

from __future__ import annotations

import shutil
from pathlib import Path

from training.data import load_corpus, load_osact2020_benchmark, osact2020_test_keys
from training.data.keys import dedup_key
from training.data.sources import EXTRA_SOURCES

from . import tiny_data


def test_test_set_is_id5_minus_train_and_dev_copy_for_copy(tiny_dir: Path) -> None:
    bench = load_osact2020_benchmark(tiny_dir)
    assert len(bench.train) == len(tiny_data.OSACT_TRAIN) + len(tiny_data.OSACT_DEV)
    expected = [t for t, _ in tiny_data.TEST_TEXTS] + [tiny_data.TEST_DUPLICATE]
    # Quoted train tweets match their unquoted ID5 copies; the repeated train tweet counts once as test.
    assert sorted(bench.test["text"]) == sorted(expected)
    assert bench.test["toxic"].sum() == sum(off for _, off in tiny_data.TEST_TEXTS)


def test_test_keys_are_the_normalised_test_texts(tiny_dir: Path) -> None:
    expected = {dedup_key(t) for t, _ in tiny_data.TEST_TEXTS} | {dedup_key(tiny_data.TEST_DUPLICATE)}
    assert osact2020_test_keys(tiny_dir) == expected


def test_load_corpus_excludes_test_texts_from_every_source(tiny_dir: Path) -> None:
    corpus = load_corpus(tiny_dir, progress=False)
    keys = {dedup_key(t) for t in corpus.rows["text"]}
    assert not keys & osact2020_test_keys(tiny_dir)
    assert corpus.counts["omcd"]["benchmark_excluded"] == 1
    assert corpus.counts["aoc_zaidan2011"]["benchmark_excluded"] == 1
    assert corpus.counts["osact2020"]["benchmark_excluded"] == 1  # the train copy of TEST_DUPLICATE


def test_without_id5_nothing_is_excluded_and_a_warning_is_printed(
    tiny_dir: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "data"
    shutil.copytree(tiny_dir, copy)
    (copy / EXTRA_SOURCES["osact2020_test"].path).unlink()
    assert osact2020_test_keys(copy) == set()
    assert "OSACT2020 test set not rebuilt" in capsys.readouterr().err
