"""`raqib train` end to end on the tiny fixture data: a loadable, verified version folder that scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.config import get_settings
from service.scoring.artifact import load_artifact
from service.scoring.registry import active_version, list_versions
from training import train

from ..training_data.tiny_data import build_tiny_data_dir


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    root = tmp_path_factory.mktemp("train")
    data = build_tiny_data_dir(root / "data")
    out = root / "models"
    get_settings.cache_clear()
    labels = root / "labels.csv"  # the shape `raqib labels export` writes
    labels.write_text(
        "comment_id,text,spam,toxic,site,decided_at\n"
        "a1,تابعونا على قناة التداول واربحوا يوميا,1,,s,2026-11-01T10:00:00+00:00\n"
        "a2,كلام قليل الادب من معلق حاقد,,1,s,2026-11-02T10:00:00+00:00\n"
        "a3,,1,,s,2026-11-03T10:00:00+00:00\n"
        "a4,قروض فورية بدون كفيل تواصل واتساب,1,0,s,2026-12-01T10:00:00+00:00\n"
        "a5,يا حمار يا غبي اسكت,0,1,s,2026-12-01T11:00:00+00:00\n",
        encoding="utf-8",
    )
    args = ["--data", str(data), "--out", str(out), "--seed", "3", "--benchmark", "osact2020"]
    assert train.cli([*args, "--moderator-labels", str(labels), "--recent-share", "0.5"]) == 0
    (info,) = list_versions(out)
    return data, out, info.version


def test_version_is_a_candidate_that_loads(trained) -> None:
    _, out, version = trained
    assert active_version(out) is None  # training never puts a model in service
    loaded = load_artifact(out / version)
    assert {"spam", "toxicity"} <= set(loaded.model.labels)
    toxic, spam = loaded.model.predict_proba(
        ["يا حمار يا غبي اسكت", "قروض فورية بدون كفيل تواصل واتساب"]
    ).values()
    assert len(toxic) == len(spam) == 2


def test_manifest_records_provenance_metrics_and_thresholds(trained) -> None:
    data, out, version = trained
    manifest = json.loads((out / version / "manifest.json").read_text())
    assert manifest["version"] == version and manifest["seed"] == 3
    assert manifest["data_dir"] == data.name
    assert manifest["data_files"] and all(len(h) == 64 for h in manifest["data_files"].values())
    assert not any(str(data) in key for key in manifest["data_files"])
    assert set(manifest["thresholds"]) >= {"spam_hold", "spam_reject", "toxicity_hold"}
    assert manifest["thresholds"]["spam_reject"] >= manifest["thresholds"]["spam_hold"]
    for label in ("spam", "toxicity"):
        assert manifest["metrics"][label]["overall"]["n"] > 0
    assert manifest["benchmark"]["test_rows"] > 0
    assert {"python", "scikit_learn", "numpy", "joblib"} <= set(manifest["versions"])
    # the row without text is dropped; of the four left the latest two are held out by time
    assert manifest["moderator_rows"] == 2
    recent = manifest["moderator_recent"]
    assert recent["n"] == 2 and recent["since"].startswith("2026-12-01")
    assert recent["per_label"]["spam"]["n"] == 2 and recent["per_label"]["toxicity"]["n"] == 2
    assert manifest["evaluation_set"]["rows"] == manifest["split_rows"]["test"]
    card = (out / version / "CARD.md").read_text()
    assert version in card and "OSACT2020" in card


def test_every_run_measures_what_moderators_see(trained) -> None:
    _, out, version = trained
    manifest = json.loads((out / version / "manifest.json").read_text())
    evaluation = manifest["evaluation"]
    figures = evaluation["suites"]["figures"]
    assert {"bias_neutral_held", "bias_toxic_caught", "insults_held_en", "contact_genuine_rejected"} <= set(
        figures
    )
    assert evaluation["suites"]["bias"]["per_term"]["jews"]["bpsn_auc"] is not None
    assert "genuine_news_comments" in evaluation["moderator_load"]
    oos = evaluation["out_of_source"]["per_source"]
    assert "omcd" in oos and oos["omcd"]["n"] > 0  # trained without OMCD, tested on all its rows
    # hold lines never below the precision floor's: a weak head only reports
    thresholds = manifest["thresholds"]
    for label in ("toxicity", "hate", "vulgar"):
        if f"{label}_report" in thresholds:
            assert thresholds[f"{label}_report"] < thresholds[f"{label}_hold"]
    report = (out / version / "REPORT.md").read_text()
    assert "What moderators see" in report and "plots/bias_terms.png" in report
    assert "Recent moderator decisions (held out by time, never trained on)" in report
    assert (out / version / "plots" / "bias_terms.png").is_file()


def test_same_seed_gives_the_same_metrics(trained, tmp_path: Path) -> None:
    data, out, version = trained
    assert train.cli(["--data", str(data), "--out", str(tmp_path), "--seed", "3"]) == 0
    (again,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    first = json.loads((out / version / "manifest.json").read_text())["metrics"]
    second = json.loads((again / "manifest.json").read_text())["metrics"]
    assert first == second
    assert not (tmp_path / "CURRENT").exists()
