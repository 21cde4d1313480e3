"""Near-duplicate texts: MinHash signatures (``datasketch``) of a comment's normalised text and their LSH
bands, the keys under which recent comments are found again (:mod:`service.signals.recent`).

The text compared is the normaliser's output, so tatweel, diacritics, letter variants and a changed phone
number or link (all one placeholder) make no difference; shingles are its character 3-grams, so a campaign
that edits a word or two per copy stays similar. Short texts never count: the same "شكرا" or "الله يرحمه"
from many readers is no campaign (:func:`long_enough`).
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE_CHARS = 3
# LSH finds candidates from a lower similarity than the one required, then each candidate's signature is
# compared: fewer near-duplicates are missed by the banding's chance.
CANDIDATE_MARGIN = 0.1
CONTACT_PLACEHOLDERS = frozenset({"_url_", "_email_", "_phone_"})


@dataclass(frozen=True)
class Fingerprint:
    """A comment's MinHash signature (uint32) and the hex digests of its LSH bands."""

    signature: np.ndarray
    bands: tuple[str, ...]

    def similarity(self, other: bytes) -> float:
        """Estimated Jaccard similarity with another stored signature (0 if it has another shape)."""
        theirs = np.frombuffer(other, dtype=np.uint32)
        return float(np.mean(theirs == self.signature)) if theirs.shape == self.signature.shape else 0.0


def long_enough(tokens: list[str], min_words: int, min_words_with_contact: int) -> bool:
    """Whether a normalised text is long enough to be a campaign: ``min_words`` words, or
    ``min_words_with_contact`` when it carries a link, an e-mail address or a phone number."""
    words = sum(1 for t in tokens if t.isalnum() or t in CONTACT_PLACEHOLDERS)
    if words >= min_words:
        return True
    return words >= min_words_with_contact and any(t in CONTACT_PLACEHOLDERS for t in tokens)


@lru_cache(maxsize=4)
def _bands(similarity: float) -> tuple[tuple[int, int], ...]:
    lsh = MinHashLSH(threshold=max(0.05, similarity - CANDIDATE_MARGIN), num_perm=NUM_PERM)
    return tuple(lsh.hashranges)


@lru_cache(maxsize=1)
def _template() -> MinHash:
    # Permutations are drawn once and copies reuse them; crc32 is stable across processes and cheap.
    return MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32)


def fingerprint(normalized: str, similarity: float) -> Fingerprint:
    """Signature and band keys of a normalised text."""
    shingles = {normalized[i : i + SHINGLE_CHARS] for i in range(max(1, len(normalized) - SHINGLE_CHARS + 1))}
    minhash = _template().copy()
    minhash.update_batch([s.encode() for s in shingles])
    signature = minhash.hashvalues.astype(np.uint32)
    bands = tuple(
        f"{i}:{hashlib.blake2b(signature[a:b].tobytes(), digest_size=8).hexdigest()}"
        for i, (a, b) in enumerate(_bands(similarity))
    )
    return Fingerprint(signature, bands)
