"""Site policies: validation, the lines they put in force, and the verdict they make of the model's."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from service.scoring.policy import OFF_LINE, Decision, Thresholds, Verdict, decide
from service.site_policy.rules import (
    DEFAULT_POLICY,
    AuthorFacts,
    Mode,
    Reason,
    SitePolicy,
    apply_site_rules,
    effective_thresholds,
    policy_diff,
)

MODEL = Thresholds(
    spam_hold=0.5,
    spam_reject=0.9,
    toxicity_hold=0.6,
    extra_hold={"hate": 0.4, "vulgar": 0.7},
    report={"hate": 0.25},
)
OLD_AUTHOR = AuthorFacts(prior_comments=10, has_link=False)


def verdict(policy: SitePolicy, probs: dict[str, float], facts: AuthorFacts = OLD_AUTHOR) -> Decision:
    return apply_site_rules(decide(probs, effective_thresholds(MODEL, policy)), policy, facts)


def test_the_default_policy_is_the_models_decision() -> None:
    assert effective_thresholds(MODEL, DEFAULT_POLICY) == MODEL
    for probs in ({"toxicity": 0.7}, {"spam": 0.95}, {"hate": 0.3}, {"toxicity": 0.1}):
        assert verdict(DEFAULT_POLICY, probs) == decide(probs, MODEL)


def test_a_sites_own_lines_replace_the_models() -> None:
    strict = SitePolicy(hold={"toxicity": 0.3})
    assert verdict(strict, {"toxicity": 0.4}).status is Verdict.HELD
    assert verdict(DEFAULT_POLICY, {"toxicity": 0.4}).status is Verdict.PUBLISHED
    lenient = SitePolicy(hold={"toxicity": 0.8}, reject={"spam": 0.99})
    assert verdict(lenient, {"toxicity": 0.7}).status is Verdict.PUBLISHED
    assert verdict(lenient, {"spam": 0.95}).status is Verdict.HELD  # held at the model's 0.5, not rejected


def test_a_reject_line_on_toxicity_rejects() -> None:
    policy = SitePolicy(reject={"toxicity": 0.95})
    assert verdict(policy, {"toxicity": 0.97}) == Decision(Verdict.REJECTED, ("toxicity>=0.95",))
    assert verdict(policy, {"toxicity": 0.9}).status is Verdict.HELD


def test_a_head_that_may_not_hold_is_still_named() -> None:
    policy = SitePolicy(holding_heads=["spam", "toxicity"])
    lines = effective_thresholds(MODEL, policy)
    assert lines.extra_hold == {"hate": OFF_LINE, "vulgar": OFF_LINE}
    assert lines.report["hate"] == 0.25 and lines.report["vulgar"] == 0.7
    decision = verdict(policy, {"hate": 0.5})
    assert decision == Decision(Verdict.PUBLISHED, ("hate>=0.25 (report)",))


def test_premoderation_holds_everything_but_rejections() -> None:
    policy = SitePolicy(mode=Mode.PREMODERATE)
    assert verdict(policy, {"toxicity": 0.1}) == Decision(Verdict.HELD, (Reason.PREMODERATION,))
    assert verdict(policy, {"spam": 0.95}).status is Verdict.REJECTED


def test_postmoderation_publishes_what_would_be_held_and_keeps_its_reasons() -> None:
    policy = SitePolicy(mode=Mode.POSTMODERATE)
    assert verdict(policy, {"toxicity": 0.7}) == Decision(Verdict.PUBLISHED, ("toxicity>=0.60",))
    assert verdict(policy, {"spam": 0.95}).status is Verdict.REJECTED


def test_new_authors_first_comments_are_held_in_every_mode() -> None:
    for mode in Mode:
        policy = SitePolicy(mode=mode, new_author_holds=2)
        for prior, held in ((0, True), (1, True), (2, mode is Mode.PREMODERATE)):
            decision = verdict(policy, {"toxicity": 0.1}, AuthorFacts(prior_comments=prior, has_link=False))
            assert (decision.status is Verdict.HELD) is held, (mode, prior)
            assert (Reason.NEW_AUTHOR in decision.reasons) is (prior < 2)


def test_links_are_held_only_when_the_site_says_so() -> None:
    with_link = AuthorFacts(prior_comments=5, has_link=True)
    assert verdict(DEFAULT_POLICY, {}, with_link).status is Verdict.PUBLISHED
    decision = verdict(SitePolicy(hold_links=True, mode=Mode.POSTMODERATE), {}, with_link)
    assert decision == Decision(Verdict.HELD, (Reason.LINKS,))


@pytest.mark.parametrize(
    "raw",
    [
        {"hold": {"toxcity": 0.5}},
        {"hold": {"toxicity": 1.5}},
        {"hold": {"toxicity": -0.1}},
        {"reject": {"toxicity": 0.5}, "hold": {"toxicity": 0.7}},
        {"holding_heads": ["spam", "nudity"]},
        {"mode": "lenient"},
        {"new_author_holds": -1},
        {"unscored_action": "publish"},
        {"unscored_after_seconds": 0, "unscored_action": "publish"},
        {"colour": "red"},
    ],
)
def test_a_mistaken_policy_is_refused(raw: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        SitePolicy.model_validate(raw)


def test_the_diff_names_each_changed_field_with_before_and_after() -> None:
    after = SitePolicy(mode=Mode.PREMODERATE, hold={"toxicity": 0.3})
    assert policy_diff(DEFAULT_POLICY, after) == {
        "mode": {"before": "flagged", "after": "premoderate"},
        "hold": {"before": {}, "after": {"toxicity": 0.3}},
    }
    assert policy_diff(after, after) == {}


def test_a_banned_author_is_rejected_whatever_the_scores() -> None:
    banned = AuthorFacts(prior_comments=3, has_link=False, banned=True)
    for mode in Mode:
        assert verdict(SitePolicy(mode=mode), {"toxicity": 0.0}, banned).status is Verdict.REJECTED
    assert verdict(DEFAULT_POLICY, {}, banned).reasons == (Reason.BANNED,)


def test_a_suspended_author_is_held_even_after_postmoderation() -> None:
    suspended = AuthorFacts(prior_comments=3, has_link=False, suspended=True)
    decision = verdict(SitePolicy(mode=Mode.POSTMODERATE), {}, suspended)
    assert decision == Decision(Verdict.HELD, (Reason.SUSPENDED,))


def test_a_high_recent_rejection_rate_holds_only_when_the_site_sets_a_trigger() -> None:
    often_rejected = AuthorFacts(prior_comments=9, has_link=False, recent_rejection_rate=0.6)
    assert verdict(DEFAULT_POLICY, {}, often_rejected).status is Verdict.PUBLISHED
    assert verdict(SitePolicy(premoderate_rejection_rate=0.5), {}, often_rejected).reasons == (
        Reason.REJECTION_RATE,
    )
    assert verdict(SitePolicy(premoderate_rejection_rate=0.7), {}, often_rejected).status is Verdict.PUBLISHED


def test_trusted_authors_lines_move_up_by_the_margin_and_still_name_the_head() -> None:
    policy = SitePolicy(trusted_margin=0.1)
    lines = effective_thresholds(MODEL, policy, trusted=True)
    assert lines.toxicity_hold == pytest.approx(0.7) and lines.report["toxicity"] == 0.6
    assert lines.spam_reject == MODEL.spam_reject  # rejection is not softened
    assert decide({"toxicity": 0.65}, lines) == Decision(Verdict.PUBLISHED, ("toxicity>=0.60 (report)",))
    assert decide({"toxicity": 0.75}, lines).status is Verdict.HELD


def test_a_sites_signal_actions_are_checked_and_win_over_the_settings() -> None:
    from service.config import Settings
    from service.signals.actions import Action, signal_actions

    with pytest.raises(ValidationError):
        SitePolicy.model_validate({"signals": {"telepathy": "hold"}})
    with pytest.raises(ValidationError):
        SitePolicy.model_validate({"signals": {"honeypot": "maybe"}})
    policy = SitePolicy.model_validate({"signals": {"honeypot": "hold", "near_duplicate": "off"}})
    actions = signal_actions("x.example", Settings(), policy.signals)
    assert actions["honeypot"] is Action.HOLD and actions["near_duplicate"] is Action.OFF
    assert signal_actions("x.example", Settings())["honeypot"] is Action.REJECT
