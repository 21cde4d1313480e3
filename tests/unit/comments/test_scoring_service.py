"""Scoring a stored comment: decision from the policy, idempotent per model version, moderators win."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.comments.models import Comment, CommentScore
from service.comments.scoring_service import score_stored_comment
from service.comments.submission import submit_comment
from service.comments.sweep import find_unscored, requeue_unscored
from service.config import get_settings
from service.scoring.policy import Thresholds
from service.scoring.types import ScoreResult, Span


class FixedScorer:
    """A hand-written scorer returning the same probabilities for every text, and counting its calls."""

    def __init__(self, version: str, spam: float, toxicity: float) -> None:
        self.version = version
        self.thresholds = Thresholds(spam_hold=0.5, spam_reject=0.9, toxicity_hold=0.6)
        self.probabilities = {"spam": spam, "toxicity": toxicity}
        self.calls = 0

    def score(self, texts: Sequence[str], *, explain: bool = True) -> list[ScoreResult]:
        self.calls += 1
        spans = {"spam": [Span(0, 3, texts[0][:3], 1.0)]} if explain else {}
        return [ScoreResult(self.version, self.probabilities, spans, "msa") for _ in texts]


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


def test_missing_comment(session: Session) -> None:
    assert score_stored_comment("0" * 32, db_session=session, scorer=FixedScorer("v1", 0, 0)) == "missing"  # type: ignore[arg-type]


def test_sweep_sends_only_stale_unscored_comments(session: Session) -> None:
    stale, fresh, scored = (_new_comment(session) for _ in range(3))
    score_stored_comment(scored, db_session=session, scorer=FixedScorer("v1", 0, 0))  # type: ignore[arg-type]
    session.commit()
    assert find_unscored(session, older_than_seconds=3600, limit=10) == []
    sent: list[str] = []
    assert requeue_unscored(db_session=session, older_than_seconds=-1, limit=10, publish=sent.append) == 2
    session.commit()
    assert sorted(sent) == sorted([stale, fresh])
    assert session.get(Comment, stale).enqueue_attempts == 2  # type: ignore[union-attr]
    # Just re-sent: not stale any more.
    assert find_unscored(session, older_than_seconds=30, limit=10) == []


def test_sweep_stops_while_the_broker_is_down(session: Session) -> None:
    for _ in range(3):
        _new_comment(session)

    def down(_: str) -> None:
        raise ConnectionError("broker down")

    assert requeue_unscored(db_session=session, older_than_seconds=-1, limit=10, publish=down) == 0
    session.commit()
    assert len(find_unscored(session, older_than_seconds=-1, limit=10)) == 3
