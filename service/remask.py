"""Stored text masked again with today's masker: for rows written before the masker learned a spelling.

Run by migration 0004 (report reasons, moderator notes, permalinks and clear Idempotency-Keys were stored
unmasked before it) and by ``raqib db remask`` whenever the masker learns more. Idempotent: masking a masked
text changes nothing, and only changed rows are written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, Table, column, select, table, text, update

from service.comments.storage import idempotency_digest, mask_link
from service.text import mask_emails, normalize

BATCH = 1000
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


def _opt(fn: Callable[[str], str | None]) -> Callable[[Any], Any]:
    return lambda value: fn(value) if isinstance(value, str) and value else value


_COMMENT_FIELDS: dict[str, Callable[[Any], Any]] = {
    "article_id": _opt(mask_emails),
    "permalink": _opt(mask_link),
    "author_name": _opt(mask_emails),
    "author_url": _opt(mask_link),
    "user_agent": _opt(mask_emails),
    "referrer": _opt(mask_link),
    "body": _opt(mask_emails),
}


def _batches(conn: Connection, tbl: Table, columns: list[str]) -> Iterator[list[Any]]:
    last: Any = None
    while True:
        query = select(*(tbl.c[name] for name in ["id", *columns])).order_by(tbl.c.id).limit(BATCH)
        if last is not None:
            query = query.where(tbl.c.id > last)
        rows = list(conn.execute(query))
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _comments(conn: Connection, secret: str) -> int:
    names = [*_COMMENT_FIELDS, "site", "idempotency_key"]
    comments = table("comments", *(column(n) for n in ["id", *names, "body_normalized"]))
    changed = 0
    for rows in _batches(conn, comments, names):
        for row in rows:
            values = {name: fn(getattr(row, name)) for name, fn in _COMMENT_FIELDS.items()}
            values = {k: v for k, v in values.items() if v != getattr(row, k)}
            key = row.idempotency_key
            if key and not _DIGEST.match(key):
                values["idempotency_key"] = idempotency_digest(row.site, key, secret)
            if "body" in values:
                values["body_normalized"] = normalize(values["body"])
            if values:
                conn.execute(update(comments).where(comments.c.id == row.id).values(**values))
                changed += 1
    return changed


def _free_text(conn: Connection, name: str, field: str) -> int:
    tbl = table(name, column("id"), column(field))
    changed = 0
    for rows in _batches(conn, tbl, [field]):
        for row_id, value in rows:
            masked = mask_emails(value) if value else value
            if masked != value:
                conn.execute(update(tbl).where(tbl.c.id == row_id).values({field: masked}))
                changed += 1
    return changed


def remask_stored(conn: Connection, secret: str) -> dict[str, int]:
    """Mask every stored free-text field again; returns the changed rows per table. The caller commits."""
    counts = {
        "comments": _comments(conn, secret),
        "moderation_reports": _free_text(conn, "moderation_reports", "reason"),
    }
    postgres = conn.dialect.name == "postgresql"
    # The audit log is append-only (a trigger on PostgreSQL); privacy is the one reason to rewrite a note.
    if postgres:
        conn.execute(text("ALTER TABLE moderation_actions DISABLE TRIGGER moderation_actions_append_only"))
    try:
        counts["moderation_actions"] = _free_text(conn, "moderation_actions", "note")
    finally:
        if postgres:
            conn.execute(text("ALTER TABLE moderation_actions ENABLE TRIGGER moderation_actions_append_only"))
    return counts
