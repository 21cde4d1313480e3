"""comment-check, submit-spam and submit-ham over Raqib's own pipeline.

comment-check stores the comment like any other (validated, masked, queued for the worker) and waits, up
to akismet_verdict_wait_seconds, for the worker's verdict: the API process never loads the model, and an
Akismet site's comments are moderated exactly like the others. A verdict not ready in time is answered
503: Akismet clients retry later (WordPress re-checks), and the same fields find the stored comment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.akismet_api.forms import AKISMET_NAME, AkismetForm, AkismetRequestError, resend_key, submission
from service.comments.errors import ApiError
from service.comments.models import Comment, CommentStatus
from service.comments.submission import submit_comment
from service.config import Settings
from service.moderation.actions import ACTIONS, Conflict, append_entry
from service.moderation.labels_export import SITE_ACTOR_PREFIX

SUBMITTED = "Thanks for making the web a better place."
POLL_SECONDS = (0.01, 0.02, 0.05, 0.1)


@dataclass(frozen=True)
class Answer:
    """An Akismet answer: status, text body and headers."""

    body: str
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200


def verdict_answer(comment_id: str, status: str, decided_by: str | None) -> Answer | None:
    """The Akismet answer for a stored comment's state; None while it waits for the worker.

    Held comments answer ``true`` as well: Akismet has no "wait for a moderator", and ``true`` keeps them off
    the page (a site with a webhook learns the moderator's decision). Only the model's rejections, which
    the policy makes for clear spam alone, carry ``X-akismet-pro-tip: discard``.
    """
    if status == CommentStatus.QUEUED.value:
        return None
    headers = {"X-akismet-guid": comment_id, "X-Raqib-Comment-Id": comment_id, "X-Raqib-Status": status}
    if status == CommentStatus.PUBLISHED.value:
        return Answer("false", headers)
    if status == CommentStatus.REJECTED.value and (decided_by or "").startswith("model:"):
        headers["X-akismet-pro-tip"] = "discard"
    return Answer("true", headers)


def store_comment(
    form: AkismetForm, site: str, *, db_session: Session, settings: Settings, client_ip: str | None
) -> str:
    """Store (or find, when sent again) the comment a request carries; its id. Validation problems are
    answered in Akismet's way, naming the Akismet field."""
    data = submission(form, site)
    try:
        accepted = submit_comment(
            data,
            db_session=db_session,
            settings=settings,
            idempotency_key=resend_key(data),
            site_key=form.get("api_key"),
            client_ip=client_ip,
        )
    except ApiError as exc:
        raise _protocol_error(exc) from None
    return accepted.id


def _protocol_error(exc: ApiError) -> AkismetRequestError | ApiError:
    if exc.status == 422:
        problems = [f"{AKISMET_NAME.get(e.field or '', e.field)}: {e.code}" for e in exc.errors]
        first = AKISMET_NAME.get(exc.errors[0].field or "", exc.errors[0].field) if exc.errors else "request"
        return AkismetRequestError(f"Invalid field: {first}.", "; ".join(problems))
    return exc  # 429 rate limited, 503 database: answered by the app like every other API


def current_answer(comment_id: str, *, db_session: Session) -> Answer | None:
    """The answer for the comment now (None while it is queued)."""
    row = db_session.execute(
        select(Comment.status, Comment.decided_by).where(Comment.id == comment_id)
    ).one_or_none()
    db_session.rollback()  # end the read: the next poll must see the worker's commit
    return None if row is None else verdict_answer(comment_id, row.status, row.decided_by)


def not_ready(comment_id: str) -> Answer:
    return Answer(
        "Verdict not ready; retry later.",
        {
            "Retry-After": "5",
            "X-akismet-guid": comment_id,
            "X-Raqib-Comment-Id": comment_id,
            "X-akismet-debug-help": "Stored and queued; send the same fields again for its verdict",
        },
        503,
    )


def report(
    form: AkismetForm,
    site: str,
    *,
    spam: bool,
    db_session: Session,
    settings: Settings,
    client_ip: str | None,
) -> str:
    """submit-spam / submit-ham: the site's moderator labels the comment, as a moderator of Raqib would.

    Spam is rejected and labelled spam; ham is labelled not spam and keeps its status (Akismet's ham says
    nothing about toxicity, so it publishes nothing by itself). A comment never checked is stored first.
    The label is audited as ``site:<name>`` and exported with the moderators' labels (raqib labels export).
    """
    comment_id = store_comment(form, site, db_session=db_session, settings=settings, client_ip=client_ip)
    action = "spam" if spam else "not_spam"
    for _attempt in range(3):  # a moderator acting at the same moment: take the new state and go again
        comment = db_session.get(Comment, comment_id, with_for_update=True, populate_existing=True)
        if comment is None or comment.site != site:
            raise AkismetRequestError("Not found.", "The comment could not be found", 404)
        status = ACTIONS[action][0] or comment.status
        try:
            append_entry(
                db_session, comment, actor_id=None, actor=f"{SITE_ACTOR_PREFIX}{site}", action=action,
                after_status=status,
            )  # fmt: skip
        except Conflict:
            db_session.rollback()
            continue
        db_session.commit()
        return comment_id
    raise AkismetRequestError("Conflict; retry.", "The comment was being changed by a moderator", 409)
