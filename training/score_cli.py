"""``raqib score TEXT... [--model VERSION] [--top-k N]``: one JSON line per text.

Each line holds the text, the probability of every label, the decision the service would take at the
model's default thresholds, the dialect, and the words that pushed each label up, as spans of the original
text. ``-`` reads further texts from stdin, one per line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from training.tables import json_safe


def read_texts(args: Iterable[str], stdin: Iterable[str]) -> list[str]:
    """The texts to score: arguments in order, with ``-`` replaced by the non-empty lines of stdin."""
    texts: list[str] = []
    for arg in args:
        if arg == "-":
            texts += [line.rstrip("\r\n") for line in stdin if line.strip()]
        else:
            texts.append(arg)
    return texts


def explain_all(model: Any, text: str, labels: tuple[str, ...], top_k: int) -> dict[str, list[Any]]:
    """Spans per label, in one pass when the model can (TextModel.explain_many)."""
    if hasattr(model, "explain_many"):
        return model.explain_many(text, labels, top_k)
    return {label: model.explain(text, label, top_k) for label in labels}


def score_lines(scorer: Any, texts: list[str], top_k: int = 5) -> list[dict[str, Any]]:
    """One JSON-ready record per text: probabilities, decision, dialect, spans for every label."""
    from service.scoring.policy import decide

    results = scorer.score(texts, explain=False)
    labels = tuple(scorer.model.labels)
    records = []
    for text, result in zip(texts, results, strict=True):
        decision = decide(result.probabilities, scorer.thresholds, result.spam_beyond_contact)
        spans = explain_all(scorer.model, text, labels, top_k)
        records.append(
            {
                "text": text,
                "model": result.model_version,
                "probabilities": result.probabilities,
                "decision": {"status": decision.status.value, "reasons": list(decision.reasons)},
                "dialect": result.dialect,
                "spans": {label: [asdict(s) for s in spans[label]] for label in labels},
            }
        )
    return records


def cli(argv: list[str]) -> int:
    """Entry point of ``raqib score``; returns the exit code."""
    parser = argparse.ArgumentParser(prog="raqib score", description=__doc__.split("\n")[0])
    parser.add_argument("texts", nargs="+", metavar="TEXT", help="texts to score; '-' reads lines from stdin")
    parser.add_argument("--model", help="model version (default: the one in service, models/CURRENT)")
    parser.add_argument("--models-dir", type=Path, help="folder of model versions (default: settings)")
    parser.add_argument("--top-k", type=int, default=5, help="spans per label (default 5)")
    args = parser.parse_args(argv)

    from service.config import get_settings
    from service.scoring.artifact import ArtifactError
    from service.scoring.registry import resolve_model_dir
    from service.scoring.scorer import load_scorer

    settings = get_settings()
    texts = read_texts(args.texts, sys.stdin)
    if not texts:
        print("raqib score: error: no texts to score", file=sys.stderr)
        return 2
    try:
        model_dir = resolve_model_dir(
            args.models_dir or settings.models_dir, args.model or settings.model_version
        )
        scorer = load_scorer(settings, model_dir=model_dir)
    except (ArtifactError, ValueError) as exc:
        print(f"raqib score: error: {exc}", file=sys.stderr)
        return 2
    for record in score_lines(scorer, texts, args.top_k):
        print(json.dumps(json_safe(record), ensure_ascii=False), flush=True)
    return 0
