"""Invariance: spelling noise commenters add (tatweel, diacritics, stretched letters, hamza spellings,
spaced-out letters) must not move any label's score by more than 0.05."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import Shipped, read_invariance
from .perturb import add_diacritics, add_tatweel, repeat_letters, space_out, swap_alef

pytestmark = pytest.mark.model

TOLERANCE = 0.05
ROWS = read_invariance()

PERTURBATIONS: dict[str, Callable[[str, str], str]] = {
    "tatweel": lambda text, target: add_tatweel(text),
    "diacritics": lambda text, target: add_diacritics(text),
    "repeated_letters": repeat_letters,
    "alef_variants": lambda text, target: swap_alef(text),
    "spaced_out_word": space_out,
}


def test_case_file_is_well_formed() -> None:
    assert len(ROWS) >= 30
    assert {row["kind"] for row in ROWS} == {"ordinary", "insult", "spam"}
    for row in ROWS:
        assert row["target"] in row["text"], row


@pytest.mark.parametrize("name", PERTURBATIONS)
def test_scores_do_not_move(shipped: Shipped, name: str) -> None:
    perturb = PERTURBATIONS[name]
    originals = [row["text"] for row in ROWS]
    variants = [perturb(row["text"], row["target"]) for row in ROWS]
    assert variants != originals  # the perturbation really changed the texts
    before, after = shipped.scores(originals), shipped.scores(variants)
    moved = []
    for label in before:
        for i, row in enumerate(ROWS):
            delta = after[label][i] - before[label][i]
            if abs(delta) > TOLERANCE:
                moved.append(
                    f"{label} {before[label][i]:.3f}->{after[label][i]:.3f} ({row['kind']}): {variants[i]}"
                )
    assert not moved, (
        f"{shipped.version}: {len(moved)} score(s) moved > {TOLERANCE} under {name}:\n" + "\n".join(moved)
    )
