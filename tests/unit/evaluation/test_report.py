"""REPORT.md written for a tiny real model on invented rows."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from training.metrics import binary_metrics
from training.report import task_metrics, task_threshold, write_report
from training.tables import fmt, markdown_table

THRESHOLDS = {"spam_hold": 0.5, "spam_reject": 0.9, "toxicity_hold": 0.4}


def test_task_threshold_accepts_manifest_and_bare_keys() -> None:
    assert task_threshold(THRESHOLDS, "toxicity") == 0.4
    assert task_threshold({"spam": 0.3}, "spam") == 0.3
    with pytest.raises(KeyError, match="hate"):
        task_threshold(THRESHOLDS, "hate")


def test_task_metrics_skips_unlabelled_rows_and_slices(tiny_model, test_frame: pd.DataFrame) -> None:
    proba = tiny_model.predict_proba(test_frame["text"].tolist())["toxicity"]
    result = task_metrics(test_frame, proba, "toxicity", 0.4)
    labelled = test_frame["toxic"].notna().to_numpy()
    expected = binary_metrics(test_frame.loc[labelled, "toxic"], proba[labelled], 0.4)
    assert result["overall"]["n"] == 5
    assert result["overall"]["confusion"] == expected["confusion"]
    assert set(result["by_source"]) == {"news", "tweets"}
    assert result["by_source"]["tweets"]["n"] == 3
    assert set(result["by_dialect"]) == {"MSA", "EGY", "GLF"}
    spam = task_metrics(test_frame, proba, "spam", 0.5)
    assert spam["by_dialect"]["unknown"]["n"] == 3


def test_write_report_writes_markdown_and_linked_pngs(tiny_model, test_frame, tmp_path: Path) -> None:
    version_dir = tmp_path / "v-test"
    version_dir.mkdir()
    path = write_report(version_dir, tiny_model, test_frame, THRESHOLDS)
    assert path == version_dir / "REPORT.md"
    text = path.read_text(encoding="utf-8")
    assert "## toxicity (column `toxic`, threshold 0.400)" in text
    assert "## spam (column `spam`, threshold 0.500)" in text
    assert "### Per source" in text and "### Per dialect" in text
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(links) == 6
    for link in links:
        png = version_dir / link
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size < 60_000
    # The headline confusion counts in the Markdown are the model's real ones.
    proba = tiny_model.predict_proba(test_frame["text"].tolist())["spam"]
    mask = test_frame["spam"].notna().to_numpy()
    cm = binary_metrics(test_frame.loc[mask, "spam"], proba[mask], 0.5)["confusion"]
    assert f"| not spam | {cm['tn']} | {cm['fp']} |" in text
    assert f"| spam | {cm['fn']} | {cm['tp']} |" in text


def test_report_prints_progress_on_big_frames(
    tiny_model, test_frame, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setattr("training.report.BATCH", 3)
    write_report(tmp_path, tiny_model, test_frame, THRESHOLDS)
    err = capsys.readouterr().err
    assert "report: scored 3/8 texts" in err and "report: scored 8/8 texts" in err


def test_formatting() -> None:
    assert fmt(float("nan")) == "–"
    assert fmt(1234) == "1,234"
    assert fmt(np.float64(0.12345)) == "0.123"
    assert markdown_table(["a", "b"], [["x", 1]]) == "| a | b |\n|---|---|\n| x | 1 |"


def test_task_without_threshold_is_noted_not_crashed(tiny_model, test_frame, tmp_path: Path) -> None:
    text = write_report(tmp_path, tiny_model, test_frame, {"spam_hold": 0.5}).read_text(encoding="utf-8")
    assert "## toxicity\n\nNot evaluated: no threshold for 'toxicity'" in text
    assert "## spam (column `spam`, threshold 0.500)" in text
