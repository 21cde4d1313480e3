"""The decision policy: hold lines at a precision floor, report-only lines, contact details never reject."""

from __future__ import annotations

from service.scoring.policy import CONTACT_ONLY, Thresholds, Verdict, decide

LINES = Thresholds(
    spam_hold=0.5, spam_reject=0.9, toxicity_hold=0.6, extra_hold={"hate": 0.7}, report={"hate": 0.3}
)


def test_a_head_over_its_report_line_only_is_named_but_does_not_hold() -> None:
    d = decide({"spam": 0.0, "toxicity": 0.1, "hate": 0.4}, LINES)
    assert d.status is Verdict.PUBLISHED
    assert d.reasons == ("hate>=0.30 (report)",)


def test_a_head_over_its_hold_line_holds() -> None:
    d = decide({"spam": 0.0, "toxicity": 0.65, "hate": 0.75}, LINES)
    assert d.status is Verdict.HELD
    assert d.reasons == ("toxicity>=0.60", "hate>=0.70")


def test_report_lines_follow_hold_reasons() -> None:
    d = decide({"spam": 0.0, "toxicity": 0.65, "hate": 0.4}, LINES)
    assert d.status is Verdict.HELD and d.reasons == ("toxicity>=0.60", "hate>=0.30 (report)")


def test_clear_spam_is_rejected_when_the_text_itself_is_spam() -> None:
    assert decide({"spam": 0.95}, LINES).status is Verdict.REJECTED  # no contact details
    assert decide({"spam": 0.95}, LINES, spam_beyond_contact=0.92).status is Verdict.REJECTED


def test_contact_details_alone_never_reject() -> None:
    d = decide({"spam": 0.99, "toxicity": 0.0}, LINES, spam_beyond_contact=0.2)
    assert d.status is Verdict.HELD  # the spam head may still hold it for a moderator
    assert d.reasons == (CONTACT_ONLY, "spam>=0.50")


def test_a_switched_off_head_never_holds() -> None:
    off = Thresholds(spam_hold=0.5, spam_reject=0.9, toxicity_hold=0.6, extra_hold={"hate": 1.01})
    assert decide({"hate": 1.0}, off).status is Verdict.PUBLISHED
