"""Source-weighting evidence for the toxicity head: does each noisy source help or hurt the others?

For every candidate source S and weight w, the toxicity head is trained with S's rows weighted w (1 = as is,
0 = dropped) and scored on VALIDATION: macro-F1 at the best threshold on the other sources' rows, and on S's
own rows. A source whose removal raises the others' score is label noise for them. Run it with
``python -m training.source_study`` (about 10 minutes); it writes training/evidence/source_weights.json,
which `raqib train` copies into the manifest and the model card, beside the weights TrainConfig uses.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from service.scoring.features import TextFeatures
from training.data import load_corpus, split_corpus
from training.fit import TrainConfig, with_norm
from training.modelling import best_f1_threshold, fit_calibrator, fit_head
from training.settings import get_training_settings

EVIDENCE_FILE = Path(__file__).resolve().parent / "evidence" / "source_weights.json"
CANDIDATES: dict[str, tuple[float, ...]] = {
    "aljazeera": (0.0, 0.3),
    "mlma": (0.0,),
    "aref": (0.0,),
    "egyptian_tweets": (0.0,),
    "osact2022": (0.0,),
    "thsab": (0.0,),
}


def _macro(y: np.ndarray, p: np.ndarray) -> float:
    return round(best_f1_threshold(y, p, macro=True)[1], 4) if 0 < y.sum() < len(y) else float("nan")


def run_study(data_dir: Path, seed: int, log=print) -> dict[str, Any]:
    """Train the toxicity head once per (source, weight) setting; return the evidence table."""
    corpus = load_corpus(data_dir, progress=False)
    split = split_corpus(corpus.rows, seed)
    train = with_norm(split.train[split.train["toxic"].notna()])
    val = with_norm(split.val[split.val["toxic"].notna()])
    config = TrainConfig()
    features = TextFeatures(**config.features)
    x_train = features.fit_transform(train["norm"].tolist())
    x_val = features.transform(val["norm"].tolist())
    y_train, y_val = train["toxic"].to_numpy(int), val["toxic"].to_numpy(int)
    params = config.heads["toxicity"]
    sources = val["source"].to_numpy()

    def scores(weight_of: dict[str, float]) -> np.ndarray:
        w = train["source"].map(lambda s: weight_of.get(s, 1.0)).to_numpy(dtype=float)
        keep = w > 0
        head = fit_head(x_train[keep], y_train[keep], w[keep], params, seed)
        z = head.log_odds(x_val)
        return fit_calibrator(z, y_val)(z)

    base = scores({})
    rows = [{"source": "(all at 1.0)", "weight": 1.0, "val_macro_f1_all": _macro(y_val, base)}]
    for source, weights in CANDIDATES.items():
        own = sources == source
        for weight in weights:
            t0 = time.perf_counter()
            p = scores({source: weight})
            rows.append(
                {
                    "source": source,
                    "weight": weight,
                    "others_at_1": _macro(y_val[~own], base[~own]),
                    "others": _macro(y_val[~own], p[~own]),
                    "own_at_1": _macro(y_val[own], base[own]),
                    "own": _macro(y_val[own], p[own]),
                    "all": _macro(y_val, p),
                }
            )
            log(f"{source:<16} w={weight:<4} {rows[-1]} ({time.perf_counter() - t0:.0f} s)")
    return {"seed": seed, "params": params.as_dict(), "val_rows": len(val), "rows": rows}


def main(argv: list[str] | None = None) -> int:
    """python -m training.source_study [--data DIR] [--seed N]."""
    parser = argparse.ArgumentParser(prog="python -m training.source_study")
    parser.add_argument("--data", type=Path)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    evidence = run_study(
        args.data or get_training_settings().data_dir, args.seed, log=lambda m: print(m, file=sys.stderr)
    )
    EVIDENCE_FILE.parent.mkdir(exist_ok=True)
    EVIDENCE_FILE.write_text(json.dumps(evidence, indent=2) + "\n")
    print(f"wrote {EVIDENCE_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
