"""Figures read at scrape time: the broker queue, the oldest queued comment, the model in service."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from service.comments.models import Comment, CommentStatus, utcnow
from service.comments.queue import queue_depth
from service.config import get_settings
from service.db import get_engine


@dataclass(frozen=True)
class QueueState:
    """Jobs waiting in Redis, comments waiting for a verdict in the database, and the oldest one's age."""

    broker_depth: int | None  # None: Redis did not answer
    queued: int | None  # None: the database did not answer
    oldest_age_seconds: float | None  # None: nothing queued, or the database did not answer


def queue_state() -> QueueState:
    """The pipeline's backlog now; a dependency that does not answer reads as None, never as an error."""
    queued: int | None = None
    oldest: datetime | None = None
    try:
        with get_engine().connect() as conn:
            row = conn.execute(
                select(func.count(), func.min(Comment.created_at)).where(
                    Comment.status == CommentStatus.QUEUED.value
                )
            ).one()
        queued, oldest = int(row[0]), row[1]
    except SQLAlchemyError:
        pass
    if isinstance(oldest, str):  # SQLite hands func.min back as text
        oldest = datetime.fromisoformat(oldest)
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    age = max(0.0, (utcnow() - oldest).total_seconds()) if oldest is not None else None
    return QueueState(queue_depth(), queued, age if queued else None)


def active_model_version() -> str | None:
    """The model version the workers serve (RAQIB_MODEL_VERSION, else models/CURRENT); None if unset."""
    from service.scoring.artifact import ArtifactError
    from service.scoring.registry import resolve_model_dir

    settings = get_settings()
    try:
        return resolve_model_dir(settings.models_dir, settings.model_version).name
    except (ArtifactError, OSError):
        return None


class PipelineCollector(Collector):
    """Gauges computed at scrape time (they describe state, so no process has to keep them up to date)."""

    def collect(self) -> Iterator[GaugeMetricFamily | InfoMetricFamily]:
        state = queue_state()
        if state.broker_depth is not None:
            yield GaugeMetricFamily(
                "raqib_queue_depth", "Scoring jobs waiting in the broker.", value=state.broker_depth
            )
        if state.queued is not None:
            yield GaugeMetricFamily(
                "raqib_queued_comments", "Stored comments waiting for a verdict.", value=state.queued
            )
            yield GaugeMetricFamily(
                "raqib_queue_oldest_age_seconds",
                "Age of the oldest comment waiting for a verdict (0 when none waits).",
                value=state.oldest_age_seconds or 0.0,
            )
        from service.scoring.registry import shadow_version

        version = active_model_version()
        model = InfoMetricFamily(
            "raqib_model", "The model versions in service: the active one and the one in shadow, if any."
        )
        if version:
            model.add_metric([], {"version": version, "role": "active"})
        shadow = shadow_version(get_settings().models_dir)
        if shadow:
            model.add_metric([], {"version": shadow, "role": "shadow"})
        yield model
