"""The promotion gate and `raqib evaluate --compare` share one frozen evaluation set: the candidate's test
split, on which its figures are exactly its manifest's; a deliberately worse candidate is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from training.evaluate import cli as evaluate_cli
from training.evaluate import load_version
from training.frozen_set import frozen_set
from training.gate import compare_figures, run_gate

from ..training_data.tiny_versions import tiny_data, train_version, worse_copy


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str, str]:
    root = tmp_path_factory.mktemp("gate")
    data, models = tiny_data(root), root / "models"
    good = train_version(data, models)
    return data, models, good, worse_copy(models, good, "worse")


def test_frozen_set_is_the_manifests_test_split(versions) -> None:
    data, models, good, _ = versions
    version = load_version(models, good)
    frozen = frozen_set(version.manifest, good, data)
    assert frozen.fingerprint == version.manifest["evaluation_set"]["sha256"]
    assert len(frozen.frame) == version.manifest["split_rows"]["test"]


def test_compare_figures_equal_the_manifest_and_cover_every_head(versions, capsys) -> None:
    data, models, good, worse = versions
    argv = ["--compare", worse, good, "--models-dir", str(models), "--data-dir", str(data)]
    assert evaluate_cli(argv) == 0
    out = capsys.readouterr().out
    records = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    manifest = load_version(models, good).manifest
    assert {r["task"] for r in records} == set(manifest["labels"])  # every head, hate and vulgar too
    for record in records:
        m = manifest["metrics"][record["task"]]["overall"]
        assert record["n"] == m["n"]
        for key in ("f1", "macro_f1", "pr_auc", "fpr"):
            assert record[f"{key}_b"] == pytest.approx(m[key], abs=1e-6), (record["task"], key)
        assert f"== task {record['task']} (column" in out
        assert f"{record['task']}: metric" in out


def test_gate_refuses_a_worse_candidate_on_the_head_it_broke(versions) -> None:
    data, models, good, worse = versions
    a, b = load_version(models, good), load_version(models, worse)
    result = run_gate(a, b, frozen_set(b.manifest, worse, data), {"toxicity_hold": None})
    assert "toxicity.pr_auc" in result.refused_on and "toxicity.f1" in result.refused_on
    assert not any(f.startswith("spam.") for f in result.refused_on)  # the spam head is the same one
    assert any(r["threshold"] == "toxicity_hold" for r in result.threshold_changes)
    same = run_gate(a, a, frozen_set(a.manifest, good, data), {})
    assert same.refused_on == []


def test_compare_figures_directions_and_lost_heads() -> None:
    rows = compare_figures(
        {"spam.f1": (0.959, "higher"), "spam.fpr": (0.0018, "lower"), "hate.f1": (0.4, "higher")},
        {"spam.f1": (0.955, "higher"), "spam.fpr": (0.0025, "lower")},
    )
    verdicts = {r["figure"]: r["verdict"] for r in rows}
    assert verdicts == {"spam.f1": "worse", "spam.fpr": "worse", "hate.f1": "worse"}
    nan = float("nan")
    rows = compare_figures(
        {"spam.f1": (0.9, "higher"), "hate.f1": (nan, "higher"), "vulgar.f1": (0.5, "higher")},
        {
            "spam.f1": (0.9002, "higher"),
            "x": (1.0, "lower"),
            "hate.f1": (0.5, "higher"),
            "vulgar.f1": (nan, "higher"),
        },
    )
    verdicts = {r["figure"]: r["verdict"] for r in rows}
    assert verdicts == {"spam.f1": "same", "x": "new", "hate.f1": "new", "vulgar.f1": "worse"}
