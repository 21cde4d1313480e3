"""The data team's loop against a running API and Celery worker, with toy model versions trained in seconds:
moderator decisions → labels export → train with them → gated promote (a worse candidate refused, then forced
and recorded) → the running worker scores with the new version → rollback → the old version again → rescore
never overturns a moderator → shadow scores stored beside the verdict → a tampered version refused while the
previous one keeps serving."""

from __future__ import annotations

import csv
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from unit.training_data.tiny_versions import tiny_data, train_version, worse_copy

from service.cli import main
from service.comments.models import Comment
from service.comments.scoring_service import RECHECK_SECONDS
from service.db import get_sessionmaker
from service.moderation.accounts import create_user
from service.moderation.models import ModerationAction
from service.moderation.tokens import create_token
from service.processes import RedisServer, Service, service_env, start_api, start_worker, wait_for
from service.scoring.registry import active_version
from service.scoring.registry_record import ModelChange
from service.shadow.models import ShadowScore

from .helpers import comment, submit, wait_decided
from .pg import migrated_database

SITE = "loop.example"
REDIS_DB = 9


@pytest.fixture(scope="module")
def loop_db() -> Iterator[str]:
    """A database of this module's own: `raqib rescore --since` must not touch other tests' comments."""
    with migrated_database("raqib_loop") as url:
        yield url


def _decided(base: str, body: str) -> dict:
    answer = submit(base, comment(site=SITE, body=body))
    assert answer.status_code == 202, answer.text
    return wait_decided(base, answer.json()["id"], timeout=60)


def _models(*args: str | Path) -> int:
    code = main(["models", *map(str, args)])
    time.sleep(RECHECK_SECONDS + 0.5)  # workers look at the registry between jobs, at most this often
    return code


def test_the_loop_in_a_running_worker(
    loop_db: str, redis_server: RedisServer, artifacts: Path, tmp_path: Path, services: list[Service]
) -> None:
    data, models = tiny_data(tmp_path), tmp_path / "models"
    common = ("--models", models, "--database-url", loop_db, "--by", "data-team@raqib.test")
    v1 = train_version(data, models)
    assert _models("promote", v1, *common) == 0  # nothing active yet: nothing to gate against

    redis_server.client(REDIS_DB).flushdb()
    env = service_env(loop_db, redis_server.url(REDIS_DB), RAQIB_MODELS_DIR=str(models))
    worker = start_worker(env, artifacts / "loop-worker.log")
    services.append(worker)
    api, base = start_api(env, artifacts / "loop-api.log")
    services.append(api)

    # Moderators decide; their decisions become labels.
    with get_sessionmaker(loop_db)() as session:
        user = create_user(
            session, email="mod@loop.test", password="a long passphrase", role="moderator", sites=[SITE]
        )
        plain, _ = create_token(session, user.id, "loop")
        session.commit()
    bearer = {"Authorization": f"Bearer {plain}"}
    decided = [
        _decided(base, body) for body in ("يا حمار يا غبي اسكت", "مقال ممتاز شكرا", "قروض فورية واتساب")
    ]
    assert {d["model_version"] for d in decided} == {v1}
    for detail, action in zip(decided, ("toxic", "approve", "spam"), strict=True):
        url = f"{base}/v1/moderation/comments/{detail['id']}/{action}"
        assert httpx.post(url, headers=bearer, timeout=10).status_code == 200
    labels = tmp_path / "labels.csv"
    assert main(["labels", "export", "--out", str(labels), "--site", SITE, "--database-url", loop_db]) == 0
    with labels.open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 3

    v2 = train_version(data, models, "--moderator-labels", str(labels))
    assert active_version(models) == v1  # training writes a candidate, never promotes it

    # A worse candidate is refused; forced, it is recorded as forced.
    bad = worse_copy(models, v2, "bad-toy")
    assert _models("promote", bad, "--data-dir", data, *common) == 1
    assert active_version(models) == v1
    assert _models("promote", bad, "--data-dir", data, "--force", *common) == 0
    with get_sessionmaker(loop_db)() as session:
        change = session.scalars(select(ModelChange).order_by(ModelChange.id.desc())).first()
        assert change is not None
        assert (change.from_version, change.to_version, change.forced) == (v1, bad, True)
        assert change.actor == "data-team@raqib.test"
        assert any(f.startswith("toxicity.") for f in change.details["refused_on"])
        audit = session.scalars(
            select(ModerationAction).where(ModerationAction.action == "model_promote")
        ).all()
        assert [a.model_version for a in audit] == [v1, bad]

    # The running worker picks the promotion up between jobs, and the rollback too.
    by_bad = _decided(base, "تعليق بعد الترقية")
    assert by_bad["model_version"] == bad
    assert _models("rollback", *common) == 0
    assert _decided(base, "تعليق بعد العودة")["model_version"] == v1

    # Rescore: the comment the bad model decided gets v1's verdict; the moderators' decisions stay.
    since = (datetime.now(UTC) - timedelta(hours=1)).date().isoformat()
    broker = redis_server.url(REDIS_DB)
    assert (
        main(["rescore", "--since", since, "--site", SITE, "--database-url", loop_db, "--redis-url", broker])
        == 0
    )

    def _rescored() -> bool:
        with get_sessionmaker(loop_db)() as session:
            return session.get(Comment, by_bad["id"]).decided_by == f"model:{v1}"

    wait_for(_rescored, 30, "the rescore of the bad model's comment")
    with get_sessionmaker(loop_db)() as session:
        for detail, status in zip(decided, ("rejected", "published", "rejected"), strict=True):
            row = session.get(Comment, detail["id"])
            assert (row.status, row.decided_by) == (status, f"moderator:{user.id}")

    # Shadow: v2 scores each new comment after the verdict, which stays v1's.
    assert _models("shadow", v2, *common) == 0
    in_shadow = _decided(base, "تعليق في وضع الظل")
    assert in_shadow["model_version"] == v1

    def _shadow_row() -> ShadowScore | None:
        with get_sessionmaker(loop_db)() as session:
            return session.scalars(
                select(ShadowScore).where(ShadowScore.comment_id == in_shadow["id"])
            ).first()

    shadow = wait_for(_shadow_row, 30, "the shadow score")
    assert shadow.model_version == v2 and shadow.decision in {"published", "held", "rejected"}

    # A version failing its checksum is refused by the CLI, and by the worker if CURRENT names it anyway.
    shutil.copytree(models / v2, models / "tampered")
    (models / "tampered" / "model.joblib").write_bytes(b"not the model")
    assert _models("promote", "tampered", *common) == 1
    (models / "CURRENT").write_text("tampered\n")
    time.sleep(RECHECK_SECONDS + 0.5)
    assert _decided(base, "تعليق والنموذج تالف")["model_version"] == v1
    assert "model tampered refused" in worker.log_text() and f"{v1} keeps serving" in worker.log_text()
