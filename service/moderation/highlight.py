"""Highlighting the spans that drove a score, safely: every piece of text is escaped before it is wrapped,
and bidi controls and invisible characters in it are shown (:mod:`service.moderation.visible_text`)."""

from __future__ import annotations

import itertools
from typing import Any

from markupsafe import Markup, escape

from service.moderation.visible_text import show_hidden


def _clean_spans(body: str, spans: dict[str, Any]) -> list[tuple[int, int, str, float]]:
    """Valid (start, end, label, weight) spans: offsets clamped, text mismatches relocated or dropped."""
    out: list[tuple[int, int, str, float]] = []
    for label, items in (spans or {}).items():
        for item in items or []:
            try:
                start, end = int(item["start"]), int(item["end"])
                weight = float(item.get("weight", 0.0))
            except (KeyError, TypeError, ValueError):
                continue
            start, end = max(0, start), min(len(body), end)
            text = item.get("text")
            if text and body[start:end] != text:
                found = body.find(text)  # offsets from a different text version: trust the words, not numbers
                if found < 0:
                    continue
                start, end = found, found + len(text)
            if start < end:
                out.append((start, end, str(label), weight))
    return out


def highlight(body: str, spans: dict[str, Any]) -> Markup:
    """The body as HTML with each scored span in a <mark>; overlapping spans of several labels are merged."""
    clean = _clean_spans(body, spans)
    cuts = sorted({0, len(body), *(s for s, _, _, _ in clean), *(e for _, e, _, _ in clean)})
    pieces: list[str] = []
    for left, right in itertools.pairwise(cuts):
        segment = show_hidden(body[left:right])  # escaped, bidi and invisible characters shown as tokens
        covering = [(label, w) for s, e, label, w in clean if s <= left and right <= e]
        if not covering:
            pieces.append(str(segment))
            continue
        labels = sorted({label for label, _ in covering})
        title = ", ".join(f"{label} {max(w for lab, w in covering if lab == label):.2f}" for label in labels)
        classes = " ".join(f"span-{label}" for label in labels)
        pieces.append(f'<mark class="{escape(classes)}" title="{escape(title)}">{segment}</mark>')
    return Markup("".join(pieces))
