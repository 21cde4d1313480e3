"""The figures of the admin status page: what /metrics says, plus the last hour minute by minute from the
database (comments stored and decided), drawn as a small server-side SVG."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from prometheus_client import Metric
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from service.comments.models import Comment, utcnow
from service.observability.collectors import active_model_version, queue_state
from service.observability.http import scrape_registry

MINUTES = 60


@dataclass
class Histogram:
    """Count, mean and an upper bound of the median and the 95th percentile (from bucket edges)."""

    count: float = 0.0
    mean_ms: float | None = None
    p50_ms: float | None = None
    p95_ms: float | None = None


@dataclass
class Figures:
    """Everything the page shows."""

    broker_depth: int | None
    queued: int | None
    oldest_age_seconds: float | None
    model_version: str | None
    requests: list[tuple[str, str, str, float]] = field(default_factory=list)  # method, route, status, n
    decisions: list[tuple[str, str, str, float]] = field(default_factory=list)  # decision, reason, site, n
    scoring: Histogram = field(default_factory=Histogram)
    counters: dict[str, float] = field(default_factory=dict)  # retries, time limits, publish failures, sweep
    plot: dict[str, Any] = field(default_factory=dict)


def _quantile(buckets: list[tuple[float, float]], count: float, q: float) -> float | None:
    """The smallest bucket edge holding ``q`` of the observations (cumulative buckets)."""
    if not count:
        return None
    for edge, cumulative in sorted(buckets):
        if cumulative >= q * count:
            return edge
    return None


def _histogram(metric: Metric) -> Histogram:
    buckets: dict[float, float] = defaultdict(float)
    total = count = 0.0
    for sample in metric.samples:
        if sample.name.endswith("_bucket"):
            buckets[float(sample.labels["le"])] += sample.value
        elif sample.name.endswith("_count"):
            count += sample.value
        elif sample.name.endswith("_sum"):
            total += sample.value
    pairs = list(buckets.items())
    to_ms = 1000.0

    def _ms(value: float | None) -> float | None:
        return None if value is None or value == float("inf") else value * to_ms

    return Histogram(
        count=count,
        mean_ms=(total / count * to_ms) if count else None,
        p50_ms=_ms(_quantile(pairs, count, 0.5)),
        p95_ms=_ms(_quantile(pairs, count, 0.95)),
    )


def _metric_figures(figures: Figures) -> None:
    counters: dict[str, float] = defaultdict(float)
    for metric in scrape_registry().collect():
        if metric.name == "raqib_http_requests":
            for s in metric.samples:
                if s.name.endswith("_total"):
                    labels = s.labels
                    figures.requests.append((labels["method"], labels["route"], labels["status"], s.value))
        elif metric.name == "raqib_decisions":
            for s in metric.samples:
                if s.name.endswith("_total"):
                    labels = s.labels
                    figures.decisions.append((labels["decision"], labels["reason"], labels["site"], s.value))
        elif metric.name == "raqib_scoring_duration_seconds":
            figures.scoring = _histogram(metric)
        elif metric.name in (
            "raqib_task_retries",
            "raqib_task_time_limits",
            "raqib_publish_failures",
            "raqib_sweep_requeued",
        ):
            for s in metric.samples:
                if s.name.endswith("_total"):
                    suffix = next(iter(s.labels.values()), "")
                    counters[f"{metric.name}{':' + suffix if suffix else ''}"] += s.value
    figures.requests.sort(key=lambda r: -r[3])
    figures.decisions.sort(key=lambda r: -r[3])
    figures.counters = dict(sorted(counters.items()))


def _minute(db_session: Session, column: Any) -> ColumnElement[Any]:
    if db_session.get_bind().dialect.name == "postgresql":
        utc = func.timezone("UTC", column)  # timestamptz -> UTC wall time, whatever the session's zone
        return func.to_char(func.date_trunc("minute", utc), "YYYY-MM-DD HH24:MI")
    return func.strftime("%Y-%m-%d %H:%M", column)


def per_minute(db_session: Session, column: Any, since: datetime) -> dict[str, int]:
    """How many comments have ``column`` in each minute since ``since`` (UTC minute -> count)."""
    bucket = _minute(db_session, column)
    rows = db_session.execute(select(bucket, func.count()).where(column >= since).group_by(bucket))
    return {str(minute): int(n) for minute, n in rows}


def last_hour(db_session: Session, now: datetime | None = None) -> dict[str, Any]:
    """Comments stored and decided per minute over the last hour, as points of a 600x160 SVG plot."""
    now = (now or utcnow()).astimezone(UTC).replace(second=0, microsecond=0)
    since = now - timedelta(minutes=MINUTES - 1)
    minutes = [(since + timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M") for i in range(MINUTES)]
    stored = per_minute(db_session, Comment.created_at, since)
    decided = per_minute(db_session, Comment.decided_at, since)
    series = {"stored": [stored.get(m, 0) for m in minutes], "decided": [decided.get(m, 0) for m in minutes]}
    peak = max([1, *series["stored"], *series["decided"]])
    width, height, pad = 600, 160, 4

    def _points(values: list[int]) -> str:
        step = (width - 2 * pad) / (MINUTES - 1)
        scale = (height - 2 * pad) / peak
        return " ".join(f"{pad + i * step:.1f},{height - pad - v * scale:.1f}" for i, v in enumerate(values))

    return {
        "width": width,
        "height": height,
        "peak": peak,
        "start": minutes[0][11:],
        "end": minutes[-1][11:],
        "stored_points": _points(series["stored"]),
        "decided_points": _points(series["decided"]),
        "stored_total": sum(series["stored"]),
        "decided_total": sum(series["decided"]),
    }


def status_figures(db_session: Session) -> Figures:
    """The pipeline's state now, the counters of every process, and the last hour."""
    state = queue_state()
    figures = Figures(state.broker_depth, state.queued, state.oldest_age_seconds, active_model_version())
    _metric_figures(figures)
    figures.plot = last_hour(db_session)
    return figures
