"""Schemathesis against the public and moderation APIs on PostgreSQL: no 500, no answer outside the OpenAPI
document (status codes, content types, response shapes), for schema-valid and schema-violating requests.

Bounded (a few dozen examples per operation and mode) so the whole suite stays within minutes. The API runs
in-process (ASGI) on its own scratch database; Redis points at a closed port, so comments stay queued.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from service.config import get_settings
from service.db import dispose_engines, get_sessionmaker
from service.moderation.accounts import create_user
from service.moderation.tokens import create_token

from .pg import migrated_database

pytestmark = pytest.mark.integration

EXAMPLES = 20
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]
# The readiness probe answers 503 by design when Redis is away, as it is here (not_a_server_error).
SKIPPED = {("GET", "/readyz")}


def _seed_comment(session: Any) -> str:
    """A scored, published comment with a report and a moderator's action: real ids for the detail routes."""
    from service.comments.models import Comment, CommentScore
    from service.moderation.actions import append_entry
    from service.moderation.reports import report_comment

    comment = Comment(
        site="schema.example",
        article_id="a-1",
        permalink="https://schema.example/a-1",
        author_name="قارئ",
        author_email_masked="r***@e***.org",
        author_email_hash="0" * 64,
        body="تعليق",
        body_normalized="تعليق",
        status="published",
        model_version="schema-v1",
        report_count=0,
        enqueue_attempts=1,
    )
    session.add(comment)
    session.flush()
    session.add(
        CommentScore(
            comment_id=comment.id,
            model_version="schema-v1",
            probabilities={"spam": 0.1, "toxicity": 0.2},
            spans={"toxicity": []},
            dialect="msa",
            decision="published",
            reasons=[],
            latency_ms=1.0,
        )
    )
    session.flush()
    append_entry(
        session, comment, actor_id=None, actor="system:test", action="approve", after_status="published"
    )
    report_comment(session, comment.id, "سبب", site=comment.site)
    return str(comment.id)


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, dict[str, str], str]]:
    with migrated_database("raqib_schema") as url:
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("RAQIB_DATABASE_URL", url)
        monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:9/0")
        monkeypatch.setenv("RAQIB_EMAIL_HASH_SECRET", "schema-test-secret")
        get_settings.cache_clear()
        dispose_engines()
        with get_sessionmaker()() as session:
            admin = create_user(
                session, email="fuzz-admin@raqib.test", password="a long password", role="admin", sites=[]
            )
            plain, _ = create_token(session, admin.id, "schemathesis")
            comment_id = _seed_comment(session)
            session.commit()
        from service.app import create_app

        yield create_app(), {"Authorization": f"Bearer {plain}"}, comment_id
    get_settings.cache_clear()
    dispose_engines()


def _run(
    operation: Any,
    mode: GenerationMode,
    auth: dict[str, str],
    statuses: list[int],
    path_parameters: dict[str, Any] | None = None,
) -> None:
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        headers = dict(case.headers or {})
        headers.update(auth)
        statuses.append(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

    check()


def test_no_500_and_no_schema_violation(api: tuple[Any, dict[str, str], str]) -> None:
    app, auth, comment_id = api
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: list[str] = []
    ran = 0
    statuses: list[int] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIPPED:
            continue
        runs: list[tuple[GenerationMode, dict[str, Any] | None]] = [
            (GenerationMode.POSITIVE, None),
            (GenerationMode.NEGATIVE, None),
        ]
        if "{comment_id}" in operation.path:  # random ids only meet 404s: once more with a real one
            runs.append((GenerationMode.POSITIVE, {"comment_id": comment_id}))
        for mode, fixed in runs:
            try:
                _run(operation, mode, auth, statuses, fixed)
            except Unsatisfiable:
                pass  # nothing to make invalid (an operation without parameters or body)
            except Exception as exc:  # collect every operation's failure, then report them all
                failures.append(f"{operation.method.upper()} {operation.path} [{mode.value}]: {exc}"[:3000])
            ran += 1
    assert ran >= 30, ran  # the public and the moderation operations were all reached
    assert not failures, "\n\n".join(failures)
    assert any(200 <= s < 300 for s in statuses) and any(400 <= s < 500 for s in statuses), statuses
    assert statuses.count(200) >= EXAMPLES, "the detail routes answered with a real comment"
