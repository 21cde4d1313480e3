"""The line suggested from a site's decisions, on fixtures whose answer is worked out by hand."""

from __future__ import annotations

import pytest

from service.site_policy.suggest import suggest_line

# score, was it the label (moderators)
PAIRS = [(0.9, True), (0.8, True), (0.7, False), (0.6, True), (0.5, False), (0.4, False), (0.3, True)]


def test_the_lowest_line_that_reaches_the_precision() -> None:
    # At 0.6: 3 of the 4 comments at or above are the label (0.75); lower lines fall below 0.75.
    s = suggest_line(PAIRS, head="toxicity", target_precision=0.75)
    assert (s.line, s.precision, s.recall) == (0.6, 0.75, 0.75)
    assert (s.decisions, s.positives) == (7, 4)
    strict = suggest_line(PAIRS, head="toxicity", target_precision=0.9)
    assert (strict.line, strict.precision, strict.recall) == (0.8, 1.0, 0.5)


def test_equal_scores_are_never_split() -> None:
    tied = [(0.7, True), (0.7, False), (0.5, True)]
    s = suggest_line(tied, head="spam", target_precision=0.6)
    assert s.line == 0.5 and s.precision == pytest.approx(2 / 3)
    assert suggest_line(tied, head="spam", target_precision=0.7).line is None


def test_no_line_when_no_score_reaches_the_target() -> None:
    s = suggest_line([(0.9, False), (0.2, True)], head="spam", target_precision=0.9)
    assert s.line is None and s.decisions == 2 and s.positives == 1
