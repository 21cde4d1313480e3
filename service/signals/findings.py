"""At decision time: what the stored signals and the site's term lists say about a comment (findings), and
the verdict once they are applied after the model's decision (:func:`with_findings`, a pure function).

Thresholds are read here, when the worker decides, so a changed setting applies to the next comment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from service.config import Settings
from service.scoring.policy import Decision, Verdict
from service.signals.actions import Action, signal_actions
from service.terms.lists import site_term_index
from service.terms.matching import find_terms


@dataclass(frozen=True)
class Finding:
    """One signal that fired: its code, what it does, and what a moderator is told (numbers, a term)."""

    code: str
    action: Action
    detail: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "action": self.action.value, **self.detail}


def fired_signals(signals: dict[str, Any], settings: Settings) -> list[tuple[str, dict[str, Any]]]:
    """(code, detail) of each stored submission signal over its line in ``settings``."""
    fired: list[tuple[str, dict[str, Any]]] = []
    if signals.get("honeypot"):
        fired.append(("honeypot", {}))
    submit_ms = signals.get("submit_ms")
    if submit_ms is not None and submit_ms < settings.signal_min_submit_seconds * 1000:
        fired.append(("too_fast", {"seconds": round(submit_ms / 1000, 1)}))
    if signals.get("links", 0) >= settings.signal_max_links:
        fired.append(("many_links", {"count": signals["links"]}))
    contacts = signals.get("phones", 0) + signals.get("emails", 0)
    if contacts >= settings.signal_max_contacts:
        fired.append(("many_contacts", {"count": contacts}))
    if signals.get("near_duplicate_of"):
        detail = {
            "of": signals["near_duplicate_of"],
            "minutes": round(signals.get("near_duplicate_s", 0) / 60),
        }
        fired.append(("near_duplicate", detail))
    if signals.get("author_rate", 0) > settings.signal_rate_per_author:
        fired.append(
            ("author_rate", {"count": signals["author_rate"], "seconds": settings.signal_rate_window_seconds})
        )
    if signals.get("ip_rate", 0) > settings.signal_rate_per_ip:
        fired.append(
            ("ip_rate", {"count": signals["ip_rate"], "seconds": settings.signal_rate_window_seconds})
        )
    return fired


def comment_findings(
    body: str,
    site: str,
    signals: dict[str, Any] | None,
    *,
    db_session: Session,
    settings: Settings,
    site_overrides: Mapping[str, str] | None = None,
) -> list[Finding]:
    """The findings of one stored comment: its submission signals, then the site's terms found in it."""
    actions = signal_actions(site, settings, site_overrides)
    fired = fired_signals(signals or {}, settings)
    index = site_term_index(site, db_session=db_session, max_age_seconds=settings.term_lists_cache_seconds)
    for match in find_terms(body, index):
        detail = {"term": match.term, "start": match.start, "end": match.end}
        fired.append((f"{match.kind}_term", detail))
    return [Finding(code, actions[code], detail) for code, detail in fired if actions[code] is not Action.OFF]


_RANK = {Verdict.PUBLISHED: 0, Verdict.HELD: 1, Verdict.REJECTED: 2}


def with_findings(decision: Decision, findings: Sequence[Finding]) -> Decision:
    """The model's decision with the findings applied: the strictest of them all wins; the reasons name the
    findings' codes (each once) first when they changed the verdict, after the model's reasons otherwise."""
    if not findings:
        return decision
    strictest = Verdict.REJECTED if any(f.action is Action.REJECT for f in findings) else Verdict.HELD
    codes = tuple(dict.fromkeys(f.code for f in findings))
    if _RANK[strictest] > _RANK[decision.status]:
        return Decision(strictest, (*codes, *decision.reasons))
    return Decision(decision.status, (*decision.reasons, *codes))
