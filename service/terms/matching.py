"""Finding a site's terms in a comment: on the normaliser's tokens, whole words only.

A term's words and a comment's words are compared by their match keys
(:func:`service.text.normalizer.match_key`: tatweel, diacritics, letter variants, repeated and spaced-out
letters are already gone), a comment's word also without one leading proclitic ("والحمار"); an Arabizi word
of the comment ("7mar") by its consonant skeletons against the skeleton of an Arabic-script term word. A
term is never found inside a longer word ("زب" is not in "زبون"), and a multi-word term needs its words in a
row. Each match carries the span of the original text, which is what moderators see highlighted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from service.text.normalizer import (
    ARABIC_LETTER,
    arabic_skeleton,
    arabizi_skeletons,
    match_key,
    normalize_tokens,
    word_keys,
)

MAX_MATCHES = 20


@dataclass(frozen=True)
class Term:
    kind: str  # "banned" or "suspect"
    text: str  # as the admin wrote it
    keys: tuple[str, ...]  # one match key per word
    skeletons: tuple[str | None, ...]  # per word: its skeleton if written in Arabic script


@dataclass(frozen=True)
class TermMatch:
    kind: str
    term: str
    start: int
    end: int


@dataclass
class TermIndex:
    """A site's terms, indexed by their first word's key and skeleton."""

    by_key: dict[str, list[Term]] = field(default_factory=dict)
    by_skeleton: dict[str, list[Term]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.by_key)


def term_keys(text: str) -> tuple[str, ...]:
    """The match keys of a term's words (punctuation dropped); empty if it has no word."""
    return tuple(match_key(t.norm) for t in normalize_tokens(text) if t.norm.isalnum())


def build_index(terms: Iterable[tuple[str, str]]) -> TermIndex:
    """An index of ``(kind, text)`` pairs."""
    index = TermIndex()
    for kind, text in terms:
        keys = term_keys(text)
        if not keys:
            continue
        skeletons = tuple(arabic_skeleton(k) if ARABIC_LETTER.match(k) else None for k in keys)
        term = Term(kind, text, keys, skeletons)
        index.by_key.setdefault(keys[0], []).append(term)
        if skeletons[0] and len(skeletons[0]) >= 2:
            index.by_skeleton.setdefault(skeletons[0], []).append(term)
    return index


def _word_matches(term: Term, i: int, keys: frozenset[str], skeletons: frozenset[str]) -> bool:
    skeleton = term.skeletons[i]
    return term.keys[i] in keys or (skeleton is not None and skeleton in skeletons)


def find_terms(text: str, index: TermIndex) -> list[TermMatch]:
    """Every occurrence of an indexed term in ``text``, left to right (at most ``MAX_MATCHES``)."""
    if not index:
        return []
    tokens = normalize_tokens(text)
    keys = [word_keys(t.norm) for t in tokens]
    skeletons = [arabizi_skeletons(t.norm) for t in tokens]
    found: list[TermMatch] = []
    for i in range(len(tokens)):
        candidates = [term for k in keys[i] for term in index.by_key.get(k, ())]
        candidates += [term for s in skeletons[i] for term in index.by_skeleton.get(s, ())]
        for term in dict.fromkeys(candidates):  # each term once, in a stable order
            n = len(term.keys)
            if i + n <= len(tokens) and all(
                _word_matches(term, j, keys[i + j], skeletons[i + j]) for j in range(n)
            ):
                found.append(TermMatch(term.kind, term.text, tokens[i].start, tokens[i + n - 1].end))
                break
        if len(found) >= MAX_MATCHES:
            break
    return found
