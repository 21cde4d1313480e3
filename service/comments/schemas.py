"""Shapes of the comment API: the accepted fields and their limits, and the validated submission."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

REQUIRED_FIELDS: tuple[str, ...] = ("site", "author_name", "author_email", "body")
# One of these identifies the article; at least one must be present and not blank.
ARTICLE_FIELDS: tuple[str, ...] = ("article_id", "permalink")
OPTIONAL_FIELDS: tuple[str, ...] = (
    "author_url",
    "parent_id",
    "author_ip",
    "user_agent",
    "referrer",
    "lang",
    "submitted_at",
    # Spam signals the site's form gives (service.signals): a hidden field only bots fill in, and when the
    # site rendered the form. Neither is stored: only "filled" and the seconds between render and submit.
    "honeypot",
    "form_rendered_at",
)
ACCEPTED_FIELDS: frozenset[str] = frozenset(REQUIRED_FIELDS + ARTICLE_FIELDS + OPTIONAL_FIELDS)

# Lengths fixed by the table's columns; body and author name limits come from Settings.
MAX_CHARS: dict[str, int] = {
    "site": 200,
    "article_id": 500,
    "permalink": 2000,
    "author_email": 320,
    "author_url": 2000,
    "parent_id": 32,
    "author_ip": 64,
    "user_agent": 1000,
    "referrer": 2000,
    "lang": 20,
    "submitted_at": 64,
    "honeypot": 1000,
    "form_rendered_at": 64,
}
URL_FIELDS: frozenset[str] = frozenset({"permalink", "author_url", "referrer"})
# Only the body may span lines; every other field is a single line.
MULTILINE_FIELDS: frozenset[str] = frozenset({"body"})


@dataclass(frozen=True)
class CommentSubmission:
    """A validated, trimmed submission holding the CLEAR author e-mail: never store, log or queue it."""

    site: str
    author_name: str
    author_email: str
    body: str
    article_id: str | None = None
    permalink: str | None = None
    author_url: str | None = None
    parent_id: str | None = None
    author_ip: str | None = None
    user_agent: str | None = None
    referrer: str | None = None
    lang: str | None = None
    submitted_at: datetime | None = None
    honeypot: str | None = None
    form_rendered_at: datetime | None = None

    def __repr__(self) -> str:
        # A stray log of this object must not print the address.
        return f"CommentSubmission(site={self.site!r}, article_id={self.article_id!r}, author_email=<hidden>)"


@dataclass(frozen=True)
class Accepted:
    """What POST /v1/comments answers, and replays for a repeated Idempotency-Key."""

    id: str
    status: str
    replayed: bool = False
    # Sent as X-Raqib-Read-Token, it reads this comment's status (only its hash is stored).
    read_token: str = ""

    @property
    def status_url(self) -> str:
        return f"/v1/comments/{self.id}"

    def as_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "status": self.status,
            "status_url": self.status_url,
            "read_token": self.read_token,
        }
