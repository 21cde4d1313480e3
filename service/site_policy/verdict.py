"""The verdict for one comment under its site's policy: the one call the worker makes to decide."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from service.scoring.policy import Decision, Thresholds, Verdict, decide
from service.signals.findings import Finding, with_findings
from service.site_policy.facts import author_facts
from service.site_policy.rules import Reason, SitePolicy, apply_site_rules, effective_thresholds
from service.site_policy.store import load_policy


def decide_for_site(
    conn: Connection,
    *,
    site: str,
    comment_id: str,
    author_hash: str,
    normalized_body: str,
    probabilities: dict[str, float],
    spam_beyond_contact: float | None,
    thresholds: Thresholds,
    findings: Sequence[Finding] = (),
    policy: SitePolicy | None = None,
) -> Decision:
    """The model's lines as the site set them, then the signals' and term lists' findings, then the site's
    hold rules and mode."""
    policy = load_policy(conn, site) if policy is None else policy
    facts = author_facts(
        conn,
        policy=policy,
        site=site,
        author_hash=author_hash,
        comment_id=comment_id,
        normalized_body=normalized_body,
    )
    lines = effective_thresholds(thresholds, policy, trusted=facts.trusted)
    decision = decide(probabilities, lines, spam_beyond_contact)
    if facts.trusted and decision.status is Verdict.PUBLISHED:
        untrusted = decide(probabilities, effective_thresholds(thresholds, policy), spam_beyond_contact)
        if untrusted.status is Verdict.HELD:
            decision = Decision(decision.status, (*decision.reasons, Reason.TRUSTED))
    return apply_site_rules(with_findings(decision, findings), policy, facts)
