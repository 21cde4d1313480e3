"""Scoring one stored comment: the plain function behind the Celery task, and the per-process scorer."""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy import bindparam, exists, insert, select, update
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentScore, CommentStatus, utcnow
from service.config import get_settings
from service.observability.metrics import get_metrics
from service.scoring.registry import resolve_model_dir, serving_version
from service.scoring.scorer import Scorer, load_scorer
from service.signals.findings import comment_findings
from service.site_policy.verdict import decide_for_site
from service.webhooks.events import queue_decided

log = logging.getLogger(__name__)
_lock = threading.Lock()
_scorer: Scorer | None = None
_loaded_for: str | None = None  # the version name that was asked for when _scorer was loaded
_checked_at = float("-inf")
# How often a worker asks the registry for a promoted or rolled-back version.
RECHECK_SECONDS = 2.0


def get_scorer() -> Scorer:
    """The model in service, loaded once per process and again only when the registry names another version.

    Called at the start of each job, so a job is scored by one version from start to end. A version that
    fails its checksum or version check is refused and logged, and the one loaded before keeps serving (the
    load is tried again at the next check); with nothing loaded yet the job fails loudly and the comment
    stays queued for the sweep.
    """
    global _scorer, _loaded_for, _checked_at
    now = time.monotonic()
    if _scorer is not None and now - _checked_at < RECHECK_SECONDS:
        return _scorer
    with _lock:
        settings = get_settings()
        wanted = serving_version(settings)
        if _scorer is None or wanted != _loaded_for:
            try:
                directory = resolve_model_dir(settings.models_dir, wanted)
                _scorer, _loaded_for = load_scorer(settings, directory), wanted
                log.info("model %s loaded", _scorer.version)
            except Exception:
                if _scorer is None:
                    raise
                log.exception("model %s refused; %s keeps serving", wanted, _scorer.version)
        _checked_at = now
        return _scorer


def warm_scorer() -> None:
    """Load the model ahead of the first job; log a bad artifact loudly instead of crashing the process."""
    try:
        get_scorer()
    except Exception:
        log.exception("model could not be loaded; scoring jobs will fail and comments stay queued")


_COMMENTS = Comment.__table__
_SCORES = CommentScore.__table__
_QUEUED = CommentStatus.QUEUED.value
# Statements built once with named parameters: a job only binds values (no per-job statement building).
_FIND = select(
    _COMMENTS.c.body,
    _COMMENTS.c.status,
    _COMMENTS.c.site,
    _COMMENTS.c.author_email_hash,
    _COMMENTS.c.body_normalized,
    _COMMENTS.c.signals,
    exists().where(_SCORES.c.comment_id == _COMMENTS.c.id, _SCORES.c.model_version == bindparam("version")),
).where(_COMMENTS.c.id == bindparam("comment_id"))
_INSERT_SCORE = insert(_SCORES).values(
    {name: bindparam(f"s_{name}") for name in ("comment_id", "model_version", "probabilities", "spans",
                                               "dialect", "decision", "reasons", "findings", "latency_ms",
                                               "created_at")}
)  # fmt: skip
# The status guard keeps a moderator's decision taken while the model was scoring.
_VERDICT = (
    update(_COMMENTS)
    .where(_COMMENTS.c.id == bindparam("s_comment_id"), _COMMENTS.c.status == _QUEUED)
    .values(
        {name: bindparam(f"v_{name}") for name in ("status", "model_version", "decided_by", "scored_at",
                                                   "decided_at", "updated_at")}
    )
)  # fmt: skip
# PostgreSQL: a data-modifying CTE writes both in one round trip; a duplicate score row aborts the verdict.
_SCORE_AND_VERDICT = _VERDICT.add_cte(_INSERT_SCORE.returning(_SCORES.c.id).cte("new_score"))


def score_stored_comment(comment_id: str, *, db_session: Session, scorer: Scorer) -> str:
    """Score a comment with ``scorer`` and record the verdict; the caller commits.

    Idempotent: a comment already scored by this model version is left as it is ("unchanged"). Only a
    comment still waiting for its verdict changes status; one a moderator decided keeps that decision.
    On PostgreSQL the score row and the verdict are written by ONE statement (atomic on its own, so the
    caller may run in autocommit mode); elsewhere by two statements in the caller's transaction.
    """
    conn = db_session.connection()  # Core on the connection: no ORM work per job
    found = conn.execute(_FIND, {"comment_id": comment_id, "version": scorer.version}).one_or_none()
    if found is None:
        return "missing"
    body, status, site, author_hash, normalized, signals, scored = found
    if scored:
        return "unchanged"
    started = time.perf_counter()
    result = scorer.score([body], explain=True)[0]
    findings = comment_findings(body, site, signals, db_session=db_session, settings=get_settings())
    decision = decide_for_site(
        conn,
        site=site,
        comment_id=comment_id,
        author_hash=author_hash,
        normalized_body=normalized,
        probabilities=result.probabilities,
        spam_beyond_contact=result.spam_beyond_contact,
        thresholds=scorer.thresholds,
        findings=findings,
    )
    latency_ms = (time.perf_counter() - started) * 1000
    now = utcnow()
    score = {
        "s_comment_id": comment_id,
        "s_model_version": scorer.version,
        "s_probabilities": result.probabilities,
        "s_spans": result.spans_as_json(),
        "s_dialect": result.dialect,
        "s_decision": decision.status.value,
        "s_reasons": list(decision.reasons),
        "s_findings": [f.as_json() for f in findings] or None,
        "s_latency_ms": round(latency_ms, 3),
        "s_created_at": now,
    }
    if status != _QUEUED:
        conn.execute(_INSERT_SCORE, score)
        return "scored"
    verdict = {
        "v_status": decision.status.value,
        "v_model_version": scorer.version,
        "v_decided_by": f"model:{scorer.version}",
        "v_scored_at": now,
        "v_decided_at": now,
        "v_updated_at": now,
    }
    if conn.dialect.name == "postgresql":
        conn.execute(_SCORE_AND_VERDICT, score | verdict)
    else:
        conn.execute(_INSERT_SCORE, score)
        conn.execute(_VERDICT, score | verdict)
    queue_decided(db_session, {comment_id: (site, scorer.version)})  # sent to the site once committed
    metrics = get_metrics()
    metrics.scoring_latency.observe(latency_ms / 1000)
    metrics.record_decision(decision.status.value, list(decision.reasons), site)
    return decision.status.value
