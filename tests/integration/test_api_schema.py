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
# The readiness probe answers 503 by design when Redis is away, as it is here.
SKIPPED = {("GET", "/readyz")}


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, dict[str, str]]]:
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
            session.commit()
        from service.app import create_app

        yield create_app(), {"Authorization": f"Bearer {plain}"}
    get_settings.cache_clear()
    dispose_engines()


def _run(operation: Any, mode: GenerationMode, auth: dict[str, str], statuses: list[int]) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
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


def test_no_500_and_no_schema_violation(api: tuple[Any, dict[str, str]]) -> None:
    app, auth = api
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: list[str] = []
    ran = 0
    statuses: list[int] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIPPED:
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _run(operation, mode, auth, statuses)
            except Unsatisfiable:
                pass  # nothing to make invalid (an operation without parameters or body)
            except Exception as exc:  # collect every operation's failure, then report them all
                failures.append(f"{operation.method.upper()} {operation.path} [{mode.value}]: {exc}"[:3000])
            ran += 1
    assert ran >= 30, ran  # the public and the moderation operations were all reached
    assert not failures, "\n\n".join(failures)
    assert any(200 <= s < 300 for s in statuses) and any(400 <= s < 500 for s in statuses), statuses
