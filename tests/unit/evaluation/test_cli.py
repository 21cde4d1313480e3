"""`raqib evaluate` and `raqib score` end to end on real (tiny) model artifacts written to a temp models/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from training.evaluate import cli as evaluate_cli
from training.metrics import binary_metrics
from training.score_cli import cli as score_cli

CASES = [
    ("يا حمار يا غبي", 1),
    ("انت كلب حقير", 1),
    ("كلامك زبالة", 1),
    ("شكرا على المقال المفيد", 0),
    ("الحكومة مطالبة بالشفافية", 0),
    ("نتمنى الشفاء للمصابين", 0),
    ("المباراة كانت جميلة", 0),
]


@pytest.fixture()
def cases_csv(tmp_path: Path) -> Path:
    path = tmp_path / "cases.csv"
    lines = ["text,label"] + [f"{t},{y}" for t, y in CASES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _model(models_dir: Path, version: str):
    from service.scoring.artifact import load_artifact

    return load_artifact(models_dir / version).model


def test_evaluate_ends_with_one_json_line_matching_the_model(models_dir, cases_csv, capsys) -> None:
    code = evaluate_cli(["--data", str(cases_csv), "--task", "toxicity", "--models-dir", str(models_dir)])
    assert code == 0
    out = capsys.readouterr().out.strip().splitlines()
    summary = json.loads(out[-1])
    keys = [
        "task",
        "model",
        "n",
        "threshold",
        "precision",
        "recall",
        "f1",
        "macro_f1",
        "roc_auc",
        "pr_auc",
        "fpr",
    ]
    assert list(summary) == keys
    assert summary["model"] == "v1" and summary["task"] == "toxicity" and summary["threshold"] == 0.4
    proba = _model(models_dir, "v1").predict_proba([t for t, _ in CASES])["toxicity"]
    expected = binary_metrics([y for _, y in CASES], proba, 0.4)
    for key in keys[2:]:
        assert summary[key] == pytest.approx(expected[key], abs=1e-6)
    assert any(line.startswith("confusion matrix") for line in out)


def test_evaluate_reports_bad_input_without_traceback(models_dir, tmp_path, capsys) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("text,toxic\nx,1\n", encoding="utf-8")
    code = evaluate_cli(["--data", str(bad), "--task", "spam", "--models-dir", str(models_dir)])
    err = capsys.readouterr().err
    assert code == 2
    assert "bad.csv: missing column(s) label" in err
    code = evaluate_cli(
        ["--data", str(bad), "--task", "spam", "--model", "v9", "--models-dir", str(models_dir)]
    )
    assert code == 2 and "v9" in capsys.readouterr().err


def test_compare_on_a_file_prints_tables_and_verdicts(models_dir, cases_csv, capsys) -> None:
    argv = [
        "--compare",
        "v1",
        "v2",
        "--data",
        str(cases_csv),
        "--task",
        "toxicity",
        "--models-dir",
        str(models_dir),
    ]
    assert evaluate_cli(argv) == 0
    out = capsys.readouterr().out.strip().splitlines()
    verdict = json.loads(out[-1])
    assert verdict["task"] == "toxicity" and verdict["a"] == "v1" and verdict["b"] == "v2"
    assert verdict["verdict"] in {"a_better", "b_better", "no_clear_difference"}
    texts = [t for t, _ in CASES]
    ys = [y for _, y in CASES]
    for side, version in (("a", "v1"), ("b", "v2")):
        proba = _model(models_dir, version).predict_proba(texts)["toxicity"]
        assert verdict[f"pr_auc_{side}"] == pytest.approx(binary_metrics(ys, proba, 0.4)["pr_auc"], abs=1e-6)
    assert any(line.startswith("toxicity: metric") and "v1" in line and "v2" in line for line in out)
    assert "== task toxicity (column toxic)" in "\n".join(out)


def test_compare_without_the_data_folder_says_so(models_dir, capsys, tmp_path) -> None:
    argv = ["--compare", "v1", "v3", "--models-dir", str(models_dir), "--data-dir", str(tmp_path / "none")]
    assert evaluate_cli(argv) == 2
    assert "data folder not found" in capsys.readouterr().err


def test_score_prints_one_json_line_per_text(models_dir, capsys, monkeypatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("قرض فوري واتساب الآن\n"))
    texts = ["يا كلب يا حقير", "-"]
    assert score_cli([*texts, "--models-dir", str(models_dir), "--model", "v2"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["text"] for r in records] == ["يا كلب يا حقير", "قرض فوري واتساب الآن"]
    model = _model(models_dir, "v2")
    for record in records:
        proba = model.predict_proba([record["text"]])
        assert record["model"] == "v2"
        assert record["probabilities"]["spam"] == pytest.approx(float(proba["spam"][0]), abs=1e-6)
        assert record["decision"]["status"] in {"published", "held", "rejected"}
        for spans in record["spans"].values():
            for span in spans:
                assert record["text"][span["start"] : span["end"]] == span["text"]
    assert records[0]["spans"]["toxicity"], "an insult has words pushing toxicity up"


def test_trust_prints_the_suite_figures_for_any_version(models_dir, capsys, tmp_path) -> None:
    code = evaluate_cli(
        ["--trust", "--model", "v2", "--models-dir", str(models_dir), "--data-dir", str(tmp_path / "none")]
    )
    assert code == 0
    out = capsys.readouterr().out
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["model"] == "v2"
    for figure in ("bias_neutral_held", "bias_toxic_caught", "insults_held_fr", "contact_genuine_rejected"):
        assert 0.0 <= summary[figure] <= 40.0  # a rate, or the count of genuine comments rejected
    assert "bias suite per term" in out and "jews" in out
