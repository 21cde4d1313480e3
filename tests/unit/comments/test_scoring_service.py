"""Scoring a stored comment: decision from the policy, idempotent per model version, moderators win."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentScore
from service.comments.scoring_service import score_stored_comment, score_stored_comments
from service.comments.submission import submit_comment
from service.comments.sweep import find_unscored, requeue_unscored
from service.config import get_settings
from service.scoring.policy import Thresholds
from service.scoring.types import ScoreResult, Span

from .conftest import RecordingQueue


class FixedScorer:
    """A hand-written scorer returning the same probabilities for every text, and counting its calls."""

    def __init__(self, version: str, spam: float, toxicity: float) -> None:
        self.version = version
        self.thresholds = Thresholds(spam_hold=0.5, spam_reject=0.9, toxicity_hold=0.6)
        self.probabilities = {"spam": spam, "toxicity": toxicity}
        self.calls = 0

    def score_normalized(
        self, texts: Sequence[str], norms: Sequence[str], *, explain: bool = True
    ) -> list[ScoreResult]:
        self.calls += 1
        self.norms = list(norms)
        return [
            ScoreResult(self.version, self.probabilities, {"spam": [Span(0, 3, t[:3], 1.0)]}, "msa")
            for t in texts
        ]


def _new_comment(session: Session, body: str = "نص") -> str:
    data = {
        "site": "s.example",
        "article_id": "a",
        "author_name": "n",
        "author_email": "n@example.com",
        "body": body,
    }
    return submit_comment(data, db_session=session, settings=get_settings()).id


def test_decision_and_score_are_stored(session: Session) -> None:
    comment_id = _new_comment(session)
    outcome = score_stored_comment(comment_id, db_session=session, scorer=FixedScorer("v1", 0.95, 0.1))  # type: ignore[arg-type]
    session.commit()
    comment = session.get(Comment, comment_id)
    assert outcome == "rejected" and comment is not None
    assert (comment.status, comment.decided_by, comment.model_version) == ("rejected", "model:v1", "v1")
    assert comment.scored_at is not None
    [score] = comment.scores
    assert score.probabilities == {"spam": 0.95, "toxicity": 0.1}
    assert score.reasons == ["spam>=0.90"]
    assert score.spans["spam"][0]["text"] == "نص"


def test_same_model_version_changes_nothing(session: Session) -> None:
    comment_id = _new_comment(session)
    scorer = FixedScorer("v1", 0.1, 0.7)
    assert score_stored_comment(comment_id, db_session=session, scorer=scorer) == "held"  # type: ignore[arg-type]
    session.commit()
    before = session.get(Comment, comment_id).updated_at  # type: ignore[union-attr]
    assert score_stored_comment(comment_id, db_session=session, scorer=scorer) == "unchanged"  # type: ignore[arg-type]
    session.commit()
    assert scorer.calls == 1
    assert session.get(Comment, comment_id).updated_at == before  # type: ignore[union-attr]
    assert len(session.scalars(select(CommentScore)).all()) == 1


def test_new_model_version_adds_a_score_but_keeps_the_decision(session: Session) -> None:
    comment_id = _new_comment(session)
    score_stored_comment(comment_id, db_session=session, scorer=FixedScorer("v1", 0.1, 0.1))  # type: ignore[arg-type]
    session.commit()
    assert (
        score_stored_comment(comment_id, db_session=session, scorer=FixedScorer("v2", 0.99, 0.1)) == "scored"
    )  # type: ignore[arg-type]
    session.commit()
    comment = session.get(Comment, comment_id)
    assert comment is not None and comment.status == "published" and comment.decided_by == "model:v1"
    assert sorted(s.model_version for s in comment.scores) == ["v1", "v2"]


def test_a_batch_is_scored_in_one_pass_from_the_normalised_texts_stored_at_submission(
    session: Session,
) -> None:
    queued = [_new_comment(session, body=f"تعليق رقم {n} مع a.b@example.com") for n in range(3)]
    moderated, scored = _new_comment(session), _new_comment(session)
    score_stored_comment(scored, db_session=session, scorer=FixedScorer("v1", 0.1, 0.1))  # type: ignore[arg-type]
    row = session.get(Comment, moderated)
    assert row is not None
    row.status, row.decided_by = "published", "moderator:1"
    session.commit()

    scorer = FixedScorer("v1", 0.1, 0.7)
    missing = "0" * 32
    ids = [*queued, moderated, scored, missing, queued[0]]  # a job delivered twice in the same batch
    outcomes = score_stored_comments(ids, db_session=session, scorer=scorer)  # type: ignore[arg-type]
    session.commit()
    assert outcomes == {
        **dict.fromkeys(queued, "held"),
        moderated: "scored",
        scored: "unchanged",
        missing: "missing",
    }
    assert scorer.calls == 1  # one pass for the batch, from the stored normalised form (e-mail placeholder)
    stored = {c.id: c for c in session.scalars(select(Comment).where(Comment.id.in_(ids)))}
    assert sorted(scorer.norms) == sorted(stored[i].body_normalized for i in [*queued, moderated])
    assert sum("_email_" in norm for norm in scorer.norms) == 3
    assert [stored[i].status for i in queued] == ["held"] * 3 and stored[moderated].status == "published"
    assert stored[moderated].decided_by == "moderator:1"
    assert session.scalar(select(func.count()).select_from(CommentScore)) == 5


def test_missing_comment(session: Session) -> None:
    assert score_stored_comment("0" * 32, db_session=session, scorer=FixedScorer("v1", 0, 0)) == "missing"  # type: ignore[arg-type]


def test_sweep_sends_only_stale_unscored_comments(session: Session, queue: RecordingQueue) -> None:
    # Published at submission (the default of the fake): the sweep waits for older_than_seconds.
    stale, fresh, scored = (_new_comment(session) for _ in range(3))
    score_stored_comment(scored, db_session=session, scorer=FixedScorer("v1", 0, 0))  # type: ignore[arg-type]
    session.commit()
    assert find_unscored(session, older_than_seconds=3600, limit=10) == []
    sent: list[str] = []
    assert requeue_unscored(db_session=session, older_than_seconds=-1, limit=10, publish=sent.extend) == 2
    assert sorted(sent) == sorted([stale, fresh])
    assert session.get(Comment, stale).enqueue_attempts == 2  # type: ignore[union-attr]
    # Just re-sent: not stale any more.
    assert find_unscored(session, older_than_seconds=30, limit=10) == []


def test_comment_whose_publish_failed_is_sent_by_the_next_sweep_at_once(
    session: Session, queue: RecordingQueue
) -> None:
    queue.accepts = False  # Redis down at submission
    unsent = _new_comment(session)
    queue.accepts = True
    _new_comment(session)  # published: left alone for older_than_seconds
    assert find_unscored(session, older_than_seconds=3600, limit=10) == [unsent]
    sent: list[str] = []
    assert requeue_unscored(db_session=session, older_than_seconds=3600, limit=10, publish=sent.extend) == 1
    assert sent == [unsent]
    assert find_unscored(session, older_than_seconds=3600, limit=10) == []


def test_one_sweep_sends_every_batch_until_nothing_is_left(session: Session, queue: RecordingQueue) -> None:
    queue.accepts = False
    ids = {_new_comment(session) for _ in range(7)}  # all unsent
    batches: list[list[str]] = []
    sent = requeue_unscored(
        db_session=session, older_than_seconds=60, limit=3, publish=lambda b: batches.append(list(b))
    )
    assert sent == 7 and [len(b) for b in batches] == [3, 3, 1]
    assert {i for b in batches for i in b} == ids


def test_sweep_pauses_while_the_broker_queue_is_full(session: Session, queue: RecordingQueue) -> None:
    queue.accepts = False
    for _ in range(4):
        _new_comment(session)
    sent: list[str] = []
    depth = iter([0, 2, 5])  # the worker falls behind after the second batch
    assert (
        requeue_unscored(
            db_session=session,
            older_than_seconds=60,
            limit=2,
            max_queue_depth=4,
            publish=sent.extend,
            depth=lambda: next(depth),
        )
        == 4
    )
    assert len(sent) == 4
    for _ in range(3):
        _new_comment(session)
    assert requeue_unscored(
        db_session=session, older_than_seconds=60, limit=2, max_queue_depth=4, publish=sent.extend,
        depth=lambda: 4,
    ) == 0  # fmt: skip
    assert len(find_unscored(session, older_than_seconds=60, limit=10)) == 3


def test_sweep_stops_while_the_broker_is_down(session: Session) -> None:
    for _ in range(3):
        _new_comment(session)

    def down(_: Sequence[str]) -> None:
        raise ConnectionError("broker down")

    assert requeue_unscored(db_session=session, older_than_seconds=-1, limit=10, publish=down) == 0
    # Marked unsent again: the next sweep sends them at once, whatever their age.
    assert len(find_unscored(session, older_than_seconds=3600, limit=10)) == 3
