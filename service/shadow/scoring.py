"""Scoring a comment with the version in shadow, after its verdict is stored; it decides nothing."""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.comments.models import Comment, utcnow
from service.config import get_settings
from service.scoring.policy import decide
from service.scoring.registry import resolve_model_dir, shadow_version
from service.scoring.scorer import Scorer, load_scorer
from service.shadow.models import ShadowScore

log = logging.getLogger(__name__)
RECHECK_SECONDS = 2.0
_lock = threading.Lock()
_state: dict[str, object] = {"scorer": None, "version": None, "checked_at": float("-inf")}


def current_shadow() -> str | None:
    """The version in shadow, read from the registry at most every RECHECK_SECONDS per process."""
    now = time.monotonic()
    if now - float(_state["checked_at"]) >= RECHECK_SECONDS:  # type: ignore[arg-type]
        _state["version"], _state["checked_at"] = shadow_version(get_settings().models_dir), now
    return _state["version"]  # type: ignore[return-value]


def get_shadow_scorer(version: str) -> Scorer:
    """The shadow version's scorer, loaded once per process (verified like the active one)."""
    with _lock:
        scorer = _state["scorer"]
        if not isinstance(scorer, Scorer) or scorer.version != version:
            settings = get_settings()
            scorer = load_scorer(settings, resolve_model_dir(settings.models_dir, version))
            _state["scorer"] = scorer
            log.info("shadow model %s loaded", version)
        return scorer


def score_in_shadow(comment_id: str, *, db_session: Session, scorer: Scorer) -> str:
    """Store what ``scorer`` would decide about the comment; idempotent per (comment, version)."""
    body = db_session.scalar(select(Comment.body).where(Comment.id == comment_id))
    if body is None:
        return "missing"
    done = select(ShadowScore.id).where(
        ShadowScore.comment_id == comment_id, ShadowScore.model_version == scorer.version
    )
    if db_session.scalar(done) is not None:
        return "unchanged"
    result = scorer.score([body], explain=False)[0]
    decision = decide(result.probabilities, scorer.thresholds, result.spam_beyond_contact)
    row = ShadowScore(
        comment_id=comment_id,
        model_version=scorer.version,
        probabilities=result.probabilities,
        decision=decision.status.value,
        reasons=list(decision.reasons),
        created_at=utcnow(),
    )
    try:
        with db_session.begin_nested():
            db_session.add(row)
    except IntegrityError:
        return "unchanged"  # another delivery of the same job stored it first
    return decision.status.value
