"""The verdict for one comment under its site's policy: the one call the worker makes to decide."""

from __future__ import annotations

from sqlalchemy import Connection

from service.scoring.policy import Decision, Thresholds, decide
from service.site_policy.rules import AuthorFacts, apply_site_rules, effective_thresholds
from service.site_policy.store import load_policy, prior_comments

LINK_PLACEHOLDER = "_url_"  # what the shared normaliser puts for a link (service.text.entities)


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
) -> Decision:
    """The model's lines as the site set them, then the site's hold rules and mode."""
    policy = load_policy(conn, site)
    decision = decide(probabilities, effective_thresholds(thresholds, policy), spam_beyond_contact)
    prior = (
        prior_comments(conn, site=site, author_hash=author_hash, before_id=comment_id)
        if policy.new_author_holds
        else 0
    )
    facts = AuthorFacts(prior_comments=prior, has_link=LINK_PLACEHOLDER in normalized_body)
    return apply_site_rules(decision, policy, facts)
