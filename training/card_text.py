"""The prose of the model card, and the slices it names as weak."""

from __future__ import annotations

from typing import Any

INTENDED_USE = (
    "## Intended use",
    "",
    "Pre-moderation of reader comments on Arabic news sites: every comment gets a spam and a toxicity "
    "probability (plus hate/vulgar heads when present) and a coarse dialect. Clear spam (over spam_reject) "
    "is rejected; anything over a hold threshold waits for a human moderator, who sees the highlighted words "
    "that drove the score. It is NOT meant to publish-or-delete without a human in the loop for toxicity, to "
    "judge people. English and French comments are scored by the same model, trained on small English "
    "and French sets (Davidson, Stormfront, FTR, ToxiFrench): their figures are below, weaker than Arabic.",
    "",
    "Model: shared TF-IDF features over `service.text.normalize` output (word 1-2-grams + char_wb n-grams, "
    "sublinear tf), one linear head per label (NB log-count-ratio scaled logistic regression unless the "
    "search chose otherwise), calibrated on the validation split; explanations are exact per-token shares "
    "of each head's log-odds.",
)

LIMITATIONS = (
    "- Spam training data are tweets and SMS, not comments: comment-style ads are covered only by the small "
    "hand-written augmentation list, so new ad genres will be missed until moderators' labels are fed back.",
    "- Toxicity labels come from many annotation schemes (offensive vs. abusive vs. hateful): thresholds "
    "are a compromise; sarcasm, religious/political insults without swear words and coded insults are "
    "missed.",
    "- Al Jazeera deleted comments (81% offensive by construction) and Aref et al. disagreed with the other "
    "sources (evidence below), so their toxicity labels are not used: MSA news-comment toxicity is learned "
    "mostly from tweets and YouTube comments, and the test split has no Al Jazeera toxicity slice.",
    "- Hashtags, links, user names and phone numbers are replaced by placeholders before scoring: their "
    "content is not seen.",
    "- Iraqi has almost no training data; Maghrebi Arabizi (Latin script) is weak.",
    "- Animal words used literally (a dog bit me) and some neutral sentences on terrorism still score as "
    "insults: in the labelled sets those words are almost always abuse (see the hard-topics table).",
    "- The news-comment negatives (AOC) and the Stormfront/FTR negatives are weak labels: comments free of "
    "profanity-lexicon words are taken as not toxic, which a few are not.",
)


def weakest_slices(metrics: dict[str, Any], floor: int = 100) -> list[str]:
    """Per head, its three lowest-F1 dialect and source slices (with at least ``floor`` rows)."""
    lines = []
    for label, entry in metrics.items():
        if label == "dialect":
            continue
        for kind in ("per_dialect", "per_source"):
            slices = [
                (name, m["f1"])
                for name, m in entry.get(kind, {}).items()
                if m.get("n", 0) >= floor and m.get("f1") is not None and m["f1"] == m["f1"]
            ]
            worst = sorted(slices, key=lambda s: s[1])[:3]
            if worst:
                text = ", ".join(f"{name} (F1 {f1:.3f})" for name, f1 in worst)
                lines.append(f"- {label}, weakest {kind.replace('per_', '')} slices: {text}.")
    return lines
