"""The hand-written behavioural suites, scored with the decision policy as moderators see it.

Case files live in ``tests/model_behaviour/`` (never edited to suit a model):
- bias: ``bias_templates.tsv`` (neutral and toxic templates, MSA and dialects) x ``bias_terms.tsv`` (identity
  terms), in the style of Dixon et al. 2018, plus ``topic_cases.tsv`` (neutral sentences on hard topics and
  animal words used literally). Per term: false-hold rate on neutral templates, catch rate on toxic ones, and
  the Jigsaw unintended-bias AUCs on the toxicity score (subgroup AUC, BPSN, BNSP; Borkan et al. 2019);
- languages: ``languages.tsv`` (English, French, Arabizi, code-switched insults and neutral comments);
- contact sharing: ``contact_cases.tsv`` (genuine comments sharing an e-mail or phone, and comment spam).

"Held" means not published: held for a moderator or rejected.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from service.scoring.scorer import Scorer

CASES_DIR = Path(__file__).resolve().parent.parent / "tests" / "model_behaviour"

# Targets of the decisions a newsroom sees (issue: trustworthy decisions).
TARGETS: dict[str, tuple[str, float]] = {
    "bias_neutral_held": ("<=", 0.02),
    "bias_neutral_held_worst_term": ("<=", 0.05),
    "bias_toxic_caught": (">=", 0.95),
    "topic_neutral_held": ("<=", 0.02),
    "insults_held_en": (">=", 0.95),
    "insults_held_fr": (">=", 0.95),
    "insults_held_arabizi": (">=", 0.95),
    "insults_held_mixed": (">=", 0.95),
    "neutral_held_en": ("<=", 0.03),
    "neutral_held_fr": ("<=", 0.03),
    "contact_genuine_rejected": ("<=", 0.0),
    "contact_spam_not_published": (">=", 0.95),
}


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def bias_cases(cases_dir: Path = CASES_DIR) -> pd.DataFrame:
    """Every template filled with every term: text, template_id, dialect, toxic (0/1), term, category."""
    terms = _tsv(cases_dir / "bias_terms.tsv")
    rows = []
    for template in _tsv(cases_dir / "bias_templates.tsv"):
        for term in terms:
            text = template["template"].replace("{nom}", term["nom"]).replace("{obl}", term["obl"])
            rows.append(
                {
                    "text": text,
                    "template_id": template["template_id"],
                    "dialect": template["dialect"],
                    "toxic": int(template["label"] == "toxic"),
                    "term": term["term_id"],
                    "category": term["category"],
                }
            )
    return pd.DataFrame(rows)


def topic_cases(cases_dir: Path = CASES_DIR) -> pd.DataFrame:
    return pd.DataFrame(_tsv(cases_dir / "topic_cases.tsv"))


def language_cases(cases_dir: Path = CASES_DIR) -> pd.DataFrame:
    return pd.DataFrame(_tsv(cases_dir / "languages.tsv"))


def contact_cases(cases_dir: Path = CASES_DIR) -> pd.DataFrame:
    return pd.DataFrame(_tsv(cases_dir / "contact_cases.tsv"))


@dataclass
class Scored:
    """Verdicts and toxicity scores for a list of texts."""

    held: np.ndarray  # not published
    rejected: np.ndarray
    toxicity: np.ndarray


def score_cases(scorer: Scorer, texts: list[str]) -> Scored:
    decided = scorer.decide(texts)
    return Scored(
        held=np.array([d.status.value != "published" for _, d in decided]),
        rejected=np.array([d.status.value == "rejected" for _, d in decided]),
        toxicity=np.array([r.probabilities.get("toxicity", 0.0) for r, _ in decided]),
    )


def _auc(y: np.ndarray, p: np.ndarray) -> float | None:
    return float(roc_auc_score(y, p)) if len(set(y.tolist())) == 2 else None


def bias_metrics(cases: pd.DataFrame, scored: Scored) -> dict[str, Any]:
    """Per term: neutral held, toxic caught, subgroup AUC, BPSN AUC, BNSP AUC; and overall figures."""
    y, p, held = cases["toxic"].to_numpy(), scored.toxicity, scored.held
    neutral, toxic = y == 0, y == 1
    per_term: dict[str, dict[str, Any]] = {}
    for term in sorted(set(cases["term"])):
        sub = (cases["term"] == term).to_numpy()
        bpsn = (sub & neutral) | (~sub & toxic)
        bnsp = (sub & toxic) | (~sub & neutral)
        per_term[term] = {
            "n": int(sub.sum()),
            "neutral_held": float(held[sub & neutral].mean()),
            "toxic_caught": float(held[sub & toxic].mean()),
            "subgroup_auc": _auc(y[sub], p[sub]),
            "bpsn_auc": _auc(y[bpsn], p[bpsn]),
            "bnsp_auc": _auc(y[bnsp], p[bnsp]),
        }
    per_dialect = {
        d: {
            "neutral_held": float(held[(cases["dialect"] == d).to_numpy() & neutral].mean()),
            "toxic_caught": float(held[(cases["dialect"] == d).to_numpy() & toxic].mean()),
        }
        for d in sorted(set(cases["dialect"]))
    }
    worst = max(per_term, key=lambda t: per_term[t]["neutral_held"])
    return {
        "n": len(cases),
        "neutral_held": float(held[neutral].mean()),
        "toxic_caught": float(held[toxic].mean()),
        "worst_term": worst,
        "worst_term_neutral_held": per_term[worst]["neutral_held"],
        "per_term": per_term,
        "per_dialect": per_dialect,
        "held_neutral_examples": cases.loc[held & neutral, "text"].head(10).tolist(),
        "missed_toxic_examples": cases.loc[~held & toxic, "text"].head(10).tolist(),
    }


def _rates(frame: pd.DataFrame, flags: np.ndarray, by: str) -> dict[str, dict[str, Any]]:
    return {
        str(key): {"n": len(idx), "rate": float(flags[idx].mean())}
        for key, idx in frame.groupby(by).indices.items()
    }


def run_suites(scorer: Scorer, cases_dir: Path = CASES_DIR) -> dict[str, Any]:
    """All suites with this scorer's policy: the dict the manifest, the report and the tests read."""
    bias = bias_cases(cases_dir)
    topics, languages, contact = topic_cases(cases_dir), language_cases(cases_dir), contact_cases(cases_dir)
    b = score_cases(scorer, bias["text"].tolist())
    t = score_cases(scorer, topics["text"].tolist())
    lang = score_cases(scorer, languages["text"].tolist())
    c = score_cases(scorer, contact["text"].tolist())
    genuine, spam = (contact["kind"] == "genuine").to_numpy(), (contact["kind"] == "spam").to_numpy()
    language_rates = {
        f"{label}_{lang_code}": {"n": len(idx), "held": float(lang.held[idx].mean())}
        for (lang_code, label), idx in languages.groupby(["lang", "label"]).indices.items()
    }
    out: dict[str, Any] = {
        "bias": bias_metrics(bias, b),
        "topics": {
            "n": len(topics),
            "neutral_held": float(t.held.mean()),
            "per_topic": _rates(topics, t.held, "topic"),
            "held_examples": topics.loc[t.held, "text"].head(10).tolist(),
        },
        "languages": language_rates,
        "languages_wrong_examples": languages.loc[
            (languages["label"] == "insult").to_numpy() != lang.held, ["lang", "label", "text"]
        ]
        .groupby(["lang", "label"])
        .head(5)
        .to_dict("records"),
        "contact": {
            "genuine_n": int(genuine.sum()),
            "genuine_rejected": int(c.rejected[genuine].sum()),
            "genuine_held": float(c.held[genuine].mean()),
            "spam_n": int(spam.sum()),
            "spam_not_published": float(c.held[spam].mean()),
            "spam_published_examples": contact.loc[spam & ~c.held, "text"].tolist(),
        },
    }
    out["figures"] = headline(out)
    return out


def headline(suites: dict[str, Any]) -> dict[str, float]:
    """The figures that have targets (TARGETS), flat."""
    langs = suites["languages"]
    figures = {
        "bias_neutral_held": suites["bias"]["neutral_held"],
        "bias_neutral_held_worst_term": suites["bias"]["worst_term_neutral_held"],
        "bias_toxic_caught": suites["bias"]["toxic_caught"],
        "topic_neutral_held": suites["topics"]["neutral_held"],
        "contact_genuine_rejected": float(suites["contact"]["genuine_rejected"]),
        "contact_spam_not_published": suites["contact"]["spam_not_published"],
    }
    for code in ("en", "fr", "arabizi", "mixed"):
        if f"insult_{code}" in langs:
            figures[f"insults_held_{code}"] = langs[f"insult_{code}"]["held"]
        if f"neutral_{code}" in langs:
            figures[f"neutral_held_{code}"] = langs[f"neutral_{code}"]["held"]
    return figures


def meets(name: str, value: float) -> bool | None:
    """Whether a headline figure meets its target (None when it has none)."""
    if name not in TARGETS:
        return None
    op, target = TARGETS[name]
    return value <= target + 1e-12 if op == "<=" else value >= target - 1e-12


def targets_table(figures: dict[str, float]) -> list[list[Any]]:
    """Rows of figure, value, target, met? for printing."""
    rows = []
    for name, value in figures.items():
        ok = meets(name, value)
        op, target = TARGETS.get(name, ("", float("nan")))
        rows.append(
            [
                name,
                round(value, 4),
                f"{op} {target:g}" if op else "",
                {None: "", True: "yes", False: "NO"}[ok],
            ]
        )
    return rows
