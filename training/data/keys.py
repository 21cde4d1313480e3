"""Deduplication keys: the shared normaliser's output, so dedup agrees with what the model sees."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

_SPACES = re.compile(r"\s+")


def _normaliser() -> Callable[[str], str]:
    try:
        from service.text import normalize
    except ImportError:  # the normaliser is written in parallel; fall back until it lands
        return _fallback
    # service.text.normalize may be the function or the module that holds it.
    return getattr(normalize, "normalize", normalize)


def _fallback(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().lower()


def dedup_key(text: str) -> str:
    """The normalised form of `text` used to detect copies."""
    return _normaliser()(text)


def dedup_keys(texts: Iterable[str]) -> list[str]:
    """Normalised forms of many texts (the normaliser is looked up once)."""
    normalise = _normaliser()
    return [normalise(text) for text in texts]
