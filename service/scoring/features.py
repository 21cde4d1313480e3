"""Shared text features: word 1-2-gram and char_wb n-gram TF-IDF over NORMALISED text.

One ``TextFeatures`` is fitted per model and shared by every head, so a comment is vectorised once however
many labels are scored. ``token_features`` splits a text's n-grams by the token they came from, which is what
lets a linear head's score be divided exactly among the words of the original comment.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

# Normalised text is space-joined tokens, so a token is exactly a run of non-spaces.
_TOKEN_PATTERN = r"\S+"
# Distinct words whose char n-gram columns are cached per process (cleared when full).
_CACHE_WORDS = 200_000


class TextFeatures:
    """Word + char_wb TF-IDF (sublinear tf, float32); learned attributes end in ``_``."""

    def __init__(
        self,
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] = (2, 5),
        word_max_features: int = 60_000,
        char_max_features: int = 140_000,
        min_df: int = 2,
    ) -> None:
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.word_max_features = word_max_features
        self.char_max_features = char_max_features
        self.min_df = min_df

    def fit(self, normalized: Sequence[str]) -> TextFeatures:
        """Learn vocabularies and idf weights from normalised texts."""
        self.fit_transform(normalized)
        return self

    def fit_transform(self, normalized: Sequence[str]) -> sp.csr_matrix:
        """Fit, and return the training matrix from the same pass over the texts."""
        common = {"sublinear_tf": True, "min_df": self.min_df, "dtype": np.float32, "lowercase": False}
        self.word_ = TfidfVectorizer(
            analyzer="word",
            token_pattern=_TOKEN_PATTERN,
            ngram_range=self.word_ngrams,
            max_features=self.word_max_features,
            **common,
        )
        self.char_ = TfidfVectorizer(
            analyzer="char_wb", ngram_range=self.char_ngrams, max_features=self.char_max_features, **common
        )
        blocks = [self.word_.fit_transform(normalized), self.char_.fit_transform(normalized)]
        for vec in (self.word_, self.char_):
            # The pruned-term set is only for inspection and would triple the artifact's size.
            if hasattr(vec, "stop_words_"):
                del vec.stop_words_
        self.word_idf_ = np.asarray(self.word_.idf_, dtype=np.float64)
        self.char_idf_ = np.asarray(self.char_.idf_, dtype=np.float64)
        self.n_word_ = len(self.word_.vocabulary_)
        self.n_features_ = self.n_word_ + len(self.char_.vocabulary_)
        return sp.hstack(blocks, format="csr", dtype=np.float32)

    def transform(self, normalized: Sequence[str]) -> sp.csr_matrix:
        """One row per text: word block then char block, each L2-normalised on its own.

        Same numbers as the fitted TfidfVectorizers' ``transform`` (a unit test checks it), but char_wb
        n-grams never cross words, so each distinct word's columns are looked up once and cached: scoring
        one comment is then mostly a few array operations instead of a Python loop over every n-gram.
        """
        word_vocab, (lo, hi) = self.word_.vocabulary_, self.word_ngrams
        indptr, indices, data = [0], [], []
        for text in normalized:
            row_nnz = 0
            words = text.split()
            grams = [" ".join(words[i : i + n]) for n in range(lo, hi + 1) for i in range(len(words) - n + 1)]
            word_cols = np.fromiter((c for c in map(word_vocab.get, grams) if c is not None), dtype=np.int64)
            char_cols = np.concatenate([self._char_cols(w) for w in words]) if words else word_cols[:0]
            for cols, idf, offset in (
                (word_cols, self.word_idf_, 0),
                (char_cols, self.char_idf_, self.n_word_),
            ):
                if not len(cols):
                    continue
                cols, tf = np.unique(cols, return_counts=True)
                values = (1.0 + np.log(tf)) * idf[cols]
                indices.append(cols + offset)
                data.append(values / np.sqrt(values @ values))
                row_nnz += len(cols)
            indptr.append(indptr[-1] + row_nnz)
        if not indices:
            return sp.csr_matrix((len(indptr) - 1, self.n_features_), dtype=np.float32)
        return sp.csr_matrix(
            (np.concatenate(data).astype(np.float32), np.concatenate(indices), np.asarray(indptr)),
            shape=(len(indptr) - 1, self.n_features_),
        )

    def _char_cols(self, word: str) -> np.ndarray:
        """Column indices (with repeats) of a word's char_wb n-grams; cached per distinct word."""
        cache = self.__dict__.setdefault("_word_cache", {})
        cols = cache.get(word)
        if cols is None:
            vocab = self.char_.vocabulary_
            cols = np.fromiter(
                (c for c in map(vocab.get, char_wb_ngrams(word, *self.char_ngrams)) if c is not None),
                dtype=np.int64,
            )
            if len(cache) >= _CACHE_WORDS:
                cache.clear()
            cache[word] = cols
        return cols

    def clear_cache(self) -> None:
        """Forget the per-word cache (benchmarks use it to measure the cold path)."""
        self.__dict__.pop("_word_cache", None)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_word_cache", None)  # a per-process cache, not part of the model
        return state

    def transform_sklearn(self, normalized: Sequence[str]) -> sp.csr_matrix:
        """The reference: the fitted vectorizers' own transform (slow per call; for tests and checks)."""
        return sp.hstack(
            [self.word_.transform(normalized), self.char_.transform(normalized)],
            format="csr",
            dtype=np.float32,
        )

    def token_features(self, norms: Sequence[str]) -> list[Counter[int]]:
        """For each token, the column indices (with counts) of the n-grams it contributes to the text.

        Word bigrams go to both of their tokens, so callers divide a column's weight by its total count.
        """
        word_vocab, (lo, hi) = self.word_.vocabulary_, self.word_ngrams
        per_token = [Counter((self._char_cols(norm) + self.n_word_).tolist()) for norm in norms]
        for i in range(len(norms)):
            for n in range(lo, hi + 1):
                if i + n > len(norms):
                    break
                col = word_vocab.get(" ".join(norms[i : i + n]))
                if col is not None:
                    for j in range(i, i + n):
                        per_token[j][col] += 1
        return per_token


def char_wb_ngrams(word: str, lo: int, hi: int) -> list[str]:
    """scikit-learn's ``char_wb`` n-grams of ONE whitespace-free word, in the same order and multiplicity."""
    padded = f" {word} "
    size = len(padded)
    grams: list[str] = []
    for n in range(lo, hi + 1):
        if n >= size:  # a short word counts once, whole, and longer n-grams are not produced
            grams.append(padded)
            break
        grams.extend(padded[i : i + n] for i in range(size - n + 1))
    return grams
