"""Shared text features: word 1-2-gram and char_wb n-gram TF-IDF over NORMALISED text.

One ``TextFeatures`` is fitted per model and shared by every head, so a comment is vectorised once however
many labels are scored. ``token_features`` splits a text's n-grams by the token they came from, which is what
lets a linear head's score be divided exactly among the words of the original comment.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import partial
from itertools import repeat
from operator import ne

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

# Normalised text is space-joined tokens, so a token is exactly a run of non-spaces.
_TOKEN_PATTERN = r"\S+"
# Distinct words whose char n-gram columns are cached per process (cleared when full).
_CACHE_WORDS = 100_000
_FOUND = partial(ne, -1)  # vocabulary lookups default to -1 for unknown n-grams


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
            # Plain ints, not numpy scalars: smaller pickle, less memory, faster lookups.
            vec.vocabulary_ = {gram: int(col) for gram, col in vec.vocabulary_.items()}
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
        word_cols: list[int] = []
        char_cols: list[int] = []
        word_counts, char_counts = [], []
        for text in normalized:
            words = text.split()
            grams = [" ".join(words[i : i + n]) for n in range(lo, hi + 1) for i in range(len(words) - n + 1)]
            before = len(word_cols)
            word_cols += filter(_FOUND, map(word_vocab.get, grams, repeat(-1)))
            word_counts.append(len(word_cols) - before)
            before = len(char_cols)
            for word in words:
                char_cols += self._char_cols(word)
            char_counts.append(len(char_cols) - before)
        row_ids = np.arange(len(normalized), dtype=np.int64)
        rows = np.concatenate([np.repeat(row_ids, word_counts), np.repeat(row_ids, char_counts)])
        cols = np.concatenate(
            [np.array(word_cols, dtype=np.int64), np.array(char_cols, dtype=np.int64) + self.n_word_]
        )
        return self._tfidf(len(normalized), rows, cols)

    def _tfidf(self, n_rows: int, rows: np.ndarray, cols: np.ndarray) -> sp.csr_matrix:
        """Sublinear tf * idf, L2-normalised per row and block, from one (row, column) pair per n-gram."""
        keys, tf = np.unique(rows * self.n_features_ + cols, return_counts=True)
        rows, cols = np.divmod(keys, self.n_features_)
        values = (1.0 + np.log(tf)) * self._idf()[cols]
        block = rows * 2 + (cols >= self.n_word_)
        norms = np.sqrt(np.bincount(block, weights=values**2, minlength=2 * n_rows))
        values /= norms[block]
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n_rows))])
        return sp.csr_matrix((values.astype(np.float32), cols, indptr), shape=(n_rows, self.n_features_))

    def _idf(self) -> np.ndarray:
        idf = self.__dict__.get("_idf_cache")
        if idf is None:
            idf = self.__dict__["_idf_cache"] = np.concatenate([self.word_idf_, self.char_idf_])
        return idf

    def _char_cols(self, word: str) -> list[int]:
        """Char-block column indices (with repeats) of a word's char_wb n-grams; cached per distinct word."""
        cache = self.__dict__.setdefault("_word_cache", {})
        cols = cache.get(word)
        if cols is None:
            grams = char_wb_ngrams(word, *self.char_ngrams)
            cols = list(filter(_FOUND, map(self.char_.vocabulary_.get, grams, repeat(-1))))
            if len(cache) >= _CACHE_WORDS:
                cache.clear()
            cache[word] = cols
        return cols

    def clear_cache(self) -> None:
        """Forget the per-word cache (benchmarks use it to measure the cold path)."""
        self.__dict__.pop("_word_cache", None)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        for cache in ("_word_cache", "_idf_cache"):  # per-process caches, not part of the model
            state.pop(cache, None)
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
        per_token = [Counter(col + self.n_word_ for col in self._char_cols(norm)) for norm in norms]
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
        grams += [padded[i : i + n] for i in range(size - n + 1)]
    return grams
