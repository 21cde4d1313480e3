"""The signals taken when the API accepts a comment: what must be read before masking (links, phone
numbers, e-mail addresses), what only the request knows (honeypot, time to submit), and what Redis
remembers of recent comments (posting rate, near-duplicates). Stored with the comment as numbers and codes.
"""

from __future__ import annotations

from typing import Any

from service.comments.models import utcnow
from service.comments.schemas import CommentSubmission
from service.config import Settings
from service.signals.actions import Action, signal_actions
from service.signals.near_duplicates import fingerprint, long_enough
from service.signals.recent import look_back
from service.text.emails import count_emails
from service.text.phones import count_phone_numbers


def submission_signals(sub: CommentSubmission, row: dict[str, Any], *, settings: Settings) -> dict[str, Any]:
    """The signals of a comment about to be stored as ``row`` (its id, hash and normalised body are used).

    A signal switched off for the site is not computed. The reader's address counts only when the site
    sends it (``author_ip``): the address that connects may be the site's own server, shared by every reader.
    """
    on = {name for name, action in signal_actions(sub.site, settings).items() if action is not Action.OFF}
    signals: dict[str, Any] = {}
    if "honeypot" in on and sub.honeypot:
        signals["honeypot"] = 1
    if "too_fast" in on and sub.form_rendered_at is not None:
        elapsed_ms = int((utcnow() - sub.form_rendered_at).total_seconds() * 1000)
        if elapsed_ms >= 0:  # a render time ahead of our clock says nothing
            signals["submit_ms"] = elapsed_ms
    tokens = row["body_normalized"].split()
    if "many_links" in on:
        signals["links"] = tokens.count("_url_")
    if "many_contacts" in on:
        signals["phones"] = count_phone_numbers(sub.body, settings.phone_regions)
        signals["emails"] = count_emails(sub.body)
    campaign_sized = long_enough(
        tokens, settings.near_duplicate_min_words, settings.near_duplicate_min_words_with_contact
    )
    recent = look_back(
        comment_id=row["id"],
        author=row["author_email_hash"] if "author_rate" in on else None,
        ip=sub.author_ip if "ip_rate" in on else None,
        fingerprint=fingerprint(row["body_normalized"], settings.near_duplicate_similarity)
        if "near_duplicate" in on and campaign_sized
        else None,
        settings=settings,
    )
    if recent.author_count is not None:
        signals["author_rate"] = recent.author_count
    if recent.ip_count is not None:
        signals["ip_rate"] = recent.ip_count
    if recent.duplicate_of is not None:
        signals["near_duplicate_of"] = recent.duplicate_of
        signals["near_duplicate_s"] = recent.duplicate_age_s
    return signals
