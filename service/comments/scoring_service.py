"""Scoring one stored comment: the plain function behind the Celery task, and the per-process scorer."""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentScore, CommentStatus, utcnow
from service.config import get_settings
from service.scoring.artifact import CURRENT_FILE
from service.scoring.policy import decide
from service.scoring.scorer import Scorer, load_scorer

log = logging.getLogger(__name__)
_lock = threading.Lock()
_scorer: Scorer | None = None
_loaded_for: str | None = None  # the version name that was asked for when _scorer was loaded
_checked_at = float("-inf")
# How often a worker looks at models/CURRENT for a promoted or rolled-back version.
RECHECK_SECONDS = 2.0


def _wanted_version() -> str | None:
    settings = get_settings()
    if settings.model_version:
        return settings.model_version
    try:
        return (settings.models_dir / CURRENT_FILE).read_text().strip()
    except OSError:
        return None  # load_scorer will raise ArtifactError naming the problem


def get_scorer() -> Scorer:
    """The model in service, loaded once per process and again only when models/CURRENT names another version.

    A failed load is not cached: the job fails loudly and a later job (from the sweep) tries again.
    """
    global _scorer, _loaded_for, _checked_at
    now = time.monotonic()
    if _scorer is not None and now - _checked_at < RECHECK_SECONDS:
        return _scorer
    with _lock:
        wanted = _wanted_version()
        if _scorer is None or wanted != _loaded_for:
            _scorer, _loaded_for = load_scorer(), wanted
            log.info("model %s loaded", _scorer.version)
        _checked_at = now
        return _scorer


def warm_scorer() -> None:
    """Load the model ahead of the first job; log a bad artifact loudly instead of crashing the process."""
    try:
        get_scorer()
    except Exception:
        log.exception("model could not be loaded; scoring jobs will fail and comments stay queued")


def score_stored_comment(comment_id: str, *, db_session: Session, scorer: Scorer) -> str:
    """Score a comment with ``scorer`` and record the verdict; the caller commits.

    Idempotent: a comment already scored by this model version is left as it is ("unchanged"). Only a
    comment still waiting for its verdict changes status; one a moderator decided keeps that decision.
    """
    already = (
        select(CommentScore.id)
        .where(CommentScore.comment_id == Comment.id, CommentScore.model_version == scorer.version)
        .exists()
    )
    found = db_session.execute(
        select(Comment.body, Comment.status, already).where(Comment.id == comment_id)
    ).one_or_none()
    if found is None:
        return "missing"
    body, status, scored = found
    if scored:
        return "unchanged"
    started = time.perf_counter()
    result = scorer.score([body], explain=True)[0]
    decision = decide(result.probabilities, scorer.thresholds)
    latency_ms = (time.perf_counter() - started) * 1000
    db_session.execute(
        insert(CommentScore).values(
            comment_id=comment_id,
            model_version=scorer.version,
            probabilities=result.probabilities,
            spans=result.spans_as_json(),
            dialect=result.dialect,
            decision=decision.status.value,
            reasons=list(decision.reasons),
            latency_ms=round(latency_ms, 3),
        )
    )
    if status != CommentStatus.QUEUED.value:
        return "scored"
    now = utcnow()
    db_session.execute(
        update(Comment)
        # The status guard keeps a moderator's decision taken while the model was scoring.
        .where(Comment.id == comment_id, Comment.status == CommentStatus.QUEUED.value)
        .values(
            status=decision.status.value,
            model_version=scorer.version,
            decided_by=f"model:{scorer.version}",
            scored_at=now,
            decided_at=now,
            updated_at=now,
        )
    )
    return decision.status.value
