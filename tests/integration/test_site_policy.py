"""A site's policy decides its comments in a running worker, and a change applies to the next comment with no
restart: PostgreSQL, Redis, the real API and Celery worker."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from service.commenters.standing import AuthorActionKind, act_on_author
from service.comments.models import Comment, utcnow
from service.db import get_sessionmaker
from service.moderation.accounts import Principal, create_user
from service.moderation.admin_audit import AdminChange
from service.site_policy.overdue import DECIDED_BY, publish_overdue
from service.site_policy.rules import Mode, Reason, SitePolicy, UnscoredAction
from service.site_policy.store import save_policy

from .helpers import comment, submit, wait_decided
from .procs import Stack

INSULT = "انت حمار وغبي ووسخ يا كلب، اخرس"
CLEAN = "شكرًا على هذا المقال المفيد"


@pytest.fixture
def site() -> str:
    return f"policy-{uuid.uuid4().hex[:8]}.example"


@pytest.fixture
def db(stack: Stack) -> Iterator[Session]:
    with get_sessionmaker(stack.database_url)() as session:
        yield session


def set_policy(db: Session, site: str, policy: SitePolicy) -> None:
    save_policy(db, site=site, policy=policy, actor="admin@raqib.test", actor_id=None)
    db.commit()


def decided(stack: Stack, site: str, body: str, email: str = "reader@example.com") -> tuple[str, list[str]]:
    answer = submit(stack.base, comment(site=site, body=body, author_email=email))
    assert answer.status_code == 202, answer.text
    detail = wait_decided(stack.base, answer.json()["id"])
    return detail["status"], detail["scores"][0]["reasons"]


def test_the_mode_changes_for_the_next_comment_without_a_restart(
    stack: Stack, db: Session, site: str
) -> None:
    assert decided(stack, site, CLEAN)[0] == "published"
    status, reasons = decided(stack, site, INSULT)
    assert status == "held" and reasons, "the insult this test relies on must be held by the model"

    set_policy(db, site, SitePolicy(mode=Mode.PREMODERATE))
    assert decided(stack, site, CLEAN) == ("held", [Reason.PREMODERATION])

    set_policy(db, site, SitePolicy(mode=Mode.POSTMODERATE))
    status, post_reasons = decided(stack, site, INSULT)
    assert status == "published" and post_reasons == reasons  # published, and its reasons keep it flagged

    set_policy(db, site, SitePolicy())
    assert decided(stack, site, INSULT)[0] == "held"


def test_a_sites_lines_and_heads_decide_its_comments_only(stack: Stack, db: Session, site: str) -> None:
    set_policy(db, site, SitePolicy(holding_heads=["spam"]))
    status, reasons = decided(stack, site, INSULT)
    assert status == "published" and reasons and all(r.endswith("(report)") for r in reasons)
    set_policy(db, site, SitePolicy(hold={"toxicity": 1.01, "hate": 1.01, "vulgar": 1.01}))
    assert decided(stack, site, INSULT)[0] == "published"
    assert decided(stack, f"other-{site}", INSULT)[0] == "held"

    set_policy(db, site, SitePolicy(reject={"toxicity": 0.05}))
    assert decided(stack, site, INSULT) == ("rejected", ["toxicity>=0.05"])


def test_a_new_authors_first_comments_are_held(stack: Stack, db: Session, site: str) -> None:
    set_policy(db, site, SitePolicy(new_author_holds=1, hold_links=True))
    email = f"new-{uuid.uuid4().hex[:6]}@example.com"
    assert decided(stack, site, CLEAN, email) == ("held", [Reason.NEW_AUTHOR])
    assert decided(stack, site, CLEAN + " مرة أخرى", email)[0] == "published"
    link = "قرأت تقريرا مشابها على https://news.example/2026/economy وهو يؤكد ما جاء في المقال"
    status, reasons = decided(stack, site, link, email)
    assert status == "held" and reasons[-1] == Reason.LINKS


def test_each_change_is_logged_with_before_and_after(db: Session, site: str) -> None:
    set_policy(db, site, SitePolicy(mode=Mode.PREMODERATE))
    set_policy(db, site, SitePolicy(mode=Mode.PREMODERATE))  # no change: no entry
    set_policy(db, site, SitePolicy(hold={"spam": 0.7}))
    entries = db.query(AdminChange).filter(AdminChange.site == site).order_by(AdminChange.id).all()
    assert [(e.before, e.after) for e in entries] == [
        ({"mode": "flagged"}, {"mode": "premoderate"}),
        ({"mode": "premoderate", "hold": {}}, {"mode": "flagged", "hold": {"spam": 0.7}}),
    ]
    assert {e.action for e in entries} == {"policy.update"}


def test_comments_left_unscored_too_long_are_published_where_the_site_says_so(
    stack: Stack, db: Session, site: str
) -> None:
    waiting_site = f"wait-{site}"
    set_policy(db, site, SitePolicy(unscored_after_seconds=30, unscored_action=UnscoredAction.PUBLISH))
    set_policy(db, waiting_site, SitePolicy(unscored_after_seconds=30))
    ids = {}
    for name in (site, waiting_site):
        row = Comment(
            site=name,
            author_name="قارئ",
            author_email_masked="r***@example.com",
            author_email_hash="0" * 64,
            body=CLEAN,
            body_normalized=CLEAN,
            created_at=utcnow() - timedelta(seconds=60),
        )
        copied = (
            "site",
            "author_name",
            "author_email_masked",
            "author_email_hash",
            "body",
            "body_normalized",
        )
        fresh = Comment(**{column: getattr(row, column) for column in copied})
        db.add_all([row, fresh])
        db.flush()
        ids[name] = (row.id, fresh.id)
    db.commit()
    assert publish_overdue(db_session=db) == {site: 1}
    db.commit()
    db.expire_all()
    old, fresh_id = ids[site]
    assert db.get(Comment, old).status == "published" and db.get(Comment, old).decided_by == DECIDED_BY  # type: ignore[union-attr]
    assert db.get(Comment, fresh_id).status == "queued"  # type: ignore[union-attr]
    assert {db.get(Comment, i).status for i in ids[waiting_site]} == {"queued"}  # type: ignore[union-attr]
    db.execute(update(Comment).where(Comment.site.in_([site, waiting_site])).values(status="rejected"))
    db.commit()


def test_bans_suspensions_and_trust_decide_the_next_comment(stack: Stack, db: Session, site: str) -> None:
    user = create_user(
        db, email=f"admin-{site}@raqib.test", password="a long password 1", role="admin", sites=[]
    )
    admin = Principal(user_id=user.id, email=user.email, role="admin", sites=None)
    email = f"person-{uuid.uuid4().hex[:6]}@example.com"
    first = submit(stack.base, comment(site=site, body=CLEAN, author_email=email)).json()["id"]
    assert wait_decided(stack.base, first)["status"] == "published"
    author = db.get(Comment, first).author_email_hash  # type: ignore[union-attr]

    def standing(kind: AuthorActionKind, **more: object) -> None:
        act_on_author(db, admin, site=site, author_hash=author, kind=kind, **more)  # type: ignore[arg-type]
        db.commit()

    standing(AuthorActionKind.BAN)
    assert decided(stack, site, CLEAN, email) == ("rejected", [Reason.BANNED])
    assert decided(stack, f"other-{site}", CLEAN, email)[0] == "published"  # a ban is per site
    standing(AuthorActionKind.UNBAN)
    standing(AuthorActionKind.SUSPEND, until=utcnow() + timedelta(days=1))
    assert decided(stack, site, CLEAN, email) == ("held", [Reason.SUSPENDED])
    standing(AuthorActionKind.UNSUSPEND)

    set_policy(db, site, SitePolicy(trusted_margin=1.0))
    status, reasons = decided(stack, site, INSULT, email)
    assert status == "held"
    standing(AuthorActionKind.TRUST)
    status, reasons = decided(stack, site, INSULT, email)
    assert status == "published" and reasons[-1] == Reason.TRUSTED


def test_a_site_sets_its_own_action_for_a_signal(stack: Stack, db: Session, site: str) -> None:
    bot = {"body": CLEAN, "honeypot": "http://bot.example/offer"}
    first = submit(stack.base, comment(site=site, **bot)).json()["id"]
    assert wait_decided(stack.base, first)["status"] == "rejected"  # the deployment's action
    set_policy(db, site, SitePolicy(signals={"honeypot": "hold"}))
    second = submit(stack.base, comment(site=site, **bot, article_id="another")).json()["id"]
    detail = wait_decided(stack.base, second)
    assert detail["status"] == "held" and "honeypot" in detail["scores"][0]["reasons"]
