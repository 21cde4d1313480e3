"""Scoring stored comments: the plain function behind the Celery task, and the per-process scorer."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence

from sqlalchemy import bindparam, exists, insert, select, update
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentScore, CommentStatus, utcnow
from service.config import get_settings
from service.observability.metrics import get_metrics
from service.scoring.registry import resolve_model_dir, serving_version
from service.scoring.scorer import Scorer, load_scorer
from service.signals.findings import comment_findings
from service.site_policy.store import load_policy
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
# Statements built once with named parameters: a batch only binds values (no per-job statement building).
_FIND = select(
    _COMMENTS.c.id,
    _COMMENTS.c.body,
    _COMMENTS.c.body_normalized,
    _COMMENTS.c.status,
    _COMMENTS.c.site,
    _COMMENTS.c.author_email_hash,
    _COMMENTS.c.signals,
    exists()
    .where(_SCORES.c.comment_id == _COMMENTS.c.id, _SCORES.c.model_version == bindparam("version"))
    .label("scored"),
).where(_COMMENTS.c.id.in_(bindparam("comment_ids", expanding=True)))
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


def score_stored_comment(comment_id: str, *, db_session: Session, scorer: Scorer) -> str:
    """Score one comment and record the verdict (:func:`score_stored_comments`); the caller commits."""
    return score_stored_comments([comment_id], db_session=db_session, scorer=scorer)[comment_id]


def score_stored_comments(
    comment_ids: Sequence[str], *, db_session: Session, scorer: Scorer
) -> dict[str, str]:
    """Score comments with ``scorer`` and record their verdicts; the caller commits. Outcome per id.

    Idempotent: a comment already scored by this model version is left as it is ("unchanged"). Only a
    comment still waiting for its verdict changes status; one a moderator decided keeps that decision
    ("scored": a score row only). The comments are scored together from the normalised text stored with
    them (normalised once, at submission) and written by two statements for the whole batch, in the
    caller's transaction: a duplicate score row (another delivery of a job was first) fails all of it.
    """
    conn = db_session.connection()  # Core on the connection: no ORM work per comment
    rows = conn.execute(_FIND, {"comment_ids": list(comment_ids), "version": scorer.version}).all()
    outcomes = dict.fromkeys(comment_ids, "missing")
    todo = []
    for row in rows:
        if row.scored:  # by this model version
            outcomes[row.id] = "unchanged"
        else:
            todo.append(row)
    if not todo:
        return outcomes
    started = time.perf_counter()
    results = scorer.score_normalized([r.body for r in todo], [r.body_normalized for r in todo])
    now = utcnow()
    scores, verdicts, decided = [], [], []
    settings = get_settings()
    # Read once per site and batch: a change applies from the next batch on, without a restart.
    policies = {site: load_policy(conn, site) for site in {row.site for row in todo}}
    for row, result in zip(todo, results, strict=True):
        policy = policies[row.site]
        findings = comment_findings(
            row.body,
            row.site,
            row.signals,
            db_session=db_session,
            settings=settings,
            site_overrides=policy.signals,
        )
        decision = decide_for_site(
            conn,
            site=row.site,
            comment_id=row.id,
            author_hash=row.author_email_hash,
            normalized_body=row.body_normalized,
            probabilities=result.probabilities,
            spam_beyond_contact=result.spam_beyond_contact,
            thresholds=scorer.thresholds,
            findings=findings,
            policy=policy,
        )
        scores.append(
            {
                "s_comment_id": row.id,
                "s_model_version": scorer.version,
                "s_probabilities": result.probabilities,
                "s_spans": result.spans_as_json(),
                "s_dialect": result.dialect,
                "s_decision": decision.status.value,
                "s_reasons": list(decision.reasons),
                "s_findings": [f.as_json() for f in findings] or None,
                "s_created_at": now,
            }
        )
        if row.status != _QUEUED:
            outcomes[row.id] = "scored"
            continue
        outcomes[row.id] = decision.status.value
        verdicts.append(
            {
                "s_comment_id": row.id,
                "v_status": decision.status.value,
                "v_model_version": scorer.version,
                "v_decided_by": f"model:{scorer.version}",
                "v_scored_at": now,
                "v_decided_at": now,
                "v_updated_at": now,
            }
        )
        decided.append((row.id, decision, row.site))
    # Each comment's share of the batch's scoring time (what one comment costs the model).
    latency_ms = (time.perf_counter() - started) * 1000 / len(todo)
    for score in scores:
        score["s_latency_ms"] = round(latency_ms, 3)
    conn.execute(_INSERT_SCORE, scores)
    if verdicts:
        conn.execute(_VERDICT, verdicts)
    metrics = get_metrics()
    for _, decision, site in decided:
        metrics.scoring_latency.observe(latency_ms / 1000)
        metrics.record_decision(decision.status.value, list(decision.reasons), site)
    # comment.decided for the sites with a webhook: written in this transaction, sent once it commits.
    queue_decided(db_session, {comment_id: (site, scorer.version) for comment_id, _, site in decided})
    return outcomes
