"""Stored text masked again with today's masker: for rows written before the masker learned a spelling.
Site names are brought to their one spelling (:func:`service.inputs.normalize_site`) on the way.

Run by migration 0004 (report reasons, moderator notes, permalinks and clear Idempotency-Keys were stored
unmasked before it) and by ``raqib db remask`` whenever the masker learns more. Idempotent: masking a masked
text changes nothing, and only changed rows are written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, Table, column, delete, select, table, text, update
from sqlalchemy.exc import IntegrityError

from service.comments.storage import idempotency_digest, mask_link
from service.inputs import normalize_site
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
            values["site"] = normalize_site(row.site)
            values = {k: v for k, v in values.items() if v != getattr(row, k)}
            key = row.idempotency_key
            if key and not _DIGEST.match(key):
                values["idempotency_key"] = idempotency_digest(values.get("site", row.site), key, secret)
            if "body" in values:
                values["body_normalized"] = normalize(values["body"])
            if values:
                _update_comment(conn, comments, row.id, values)
                changed += 1
    return changed


def _update_comment(conn: Connection, comments: Table, comment_id: str, values: dict[str, Any]) -> None:
    try:
        with conn.begin_nested():
            conn.execute(update(comments).where(comments.c.id == comment_id).values(**values))
    except IntegrityError:
        # Two spellings of one site used the same Idempotency-Key: the later row keeps no key (no replay).
        conn.execute(
            update(comments).where(comments.c.id == comment_id).values(**values, idempotency_key=None)
        )


def _user_sites(conn: Connection) -> int:
    """Moderators' site assignments in the one spelling; a duplicate that appears is dropped."""
    sites = table("moderation_user_sites", column("user_id"), column("site"))
    rows = list(conn.execute(select(sites.c.user_id, sites.c.site)))
    have = {(u, s) for u, s in rows}
    changed = 0
    for user_id, site in rows:
        wanted = normalize_site(site)
        if wanted == site:
            continue
        where = (sites.c.user_id == user_id) & (sites.c.site == site)
        if (user_id, wanted) in have:
            conn.execute(delete(sites).where(where))
        else:
            conn.execute(update(sites).where(where).values(site=wanted))
            have.add((user_id, wanted))
        changed += 1
    return changed


def _audit_sites(conn: Connection) -> int:
    actions = table("moderation_actions", column("id"), column("site"))
    changed = 0
    for site in list(conn.scalars(select(actions.c.site).distinct())):
        if normalize_site(site) != site:
            conn.execute(update(actions).where(actions.c.site == site).values(site=normalize_site(site)))
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
        "moderation_user_sites": _user_sites(conn),
    }
    postgres = conn.dialect.name == "postgresql"
    # The audit log is append-only (a trigger on PostgreSQL); privacy is the one reason to rewrite a note.
    if postgres:
        conn.execute(text("ALTER TABLE moderation_actions DISABLE TRIGGER moderation_actions_append_only"))
    try:
        counts["moderation_actions"] = _free_text(conn, "moderation_actions", "note") + _audit_sites(conn)
    finally:
        if postgres:
            conn.execute(text("ALTER TABLE moderation_actions ENABLE TRIGGER moderation_actions_append_only"))
    return counts
