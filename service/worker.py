"""The Celery app (``celery -A service.worker worker|beat``), configured from Settings on first use."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cached_property, partial
from typing import Any

from celery import Celery
from celery.signals import setup_logging, task_postrun, task_prerun, worker_init
from celery.worker.consumer import Consumer as CeleryConsumer
from kombu.transport import redis as kombu_redis
from kombu.transport import virtual as kombu_virtual

from service.config import Settings, get_settings


class _QoS(kombu_redis.QoS):
    """kombu's Redis acknowledgement emulation, able to acknowledge several messages in one round trip.

    Stock kombu sends one MULTI/EXEC pipeline per acknowledgement. Inside ``acks_together()`` (on the
    thread that acknowledges a batch of scoring jobs) the removals from the unacked index go into one
    pipeline, sent when the block ends. Should that send fail, the messages stay in the index and Redis
    delivers them again after the visibility timeout, as for any lost acknowledgement: the jobs are
    idempotent.
    """

    _batch = threading.local()

    def ack(self, delivery_tag: str) -> None:
        pipe = getattr(self._batch, "pipe", None)
        if pipe is None:
            super().ack(delivery_tag)
            return
        self._remove_from_indices(delivery_tag, pipe)
        kombu_virtual.QoS.ack(self, delivery_tag)

    @contextmanager
    def acks_together(self) -> Iterator[None]:
        with self.pipe_or_acquire() as pipe:
            self._batch.pipe = pipe
            try:
                yield
            finally:
                self._batch.pipe = None
                pipe.execute()


class _Channel(kombu_redis.Channel):
    """kombu's Redis channel, keeping one client for its publishes and acknowledgements.

    Stock kombu builds a new redis client object (response-callback tables included) for every publish,
    delivery bookkeeping and ack: a measurable share of the CPU per comment. The client is only a front on
    the channel's connection pool (thread-safe; each pipeline takes its own connection), so reusing it
    changes nothing else: timeouts, reconnects and failures behave as before.
    """

    QoS = _QoS

    def _create_client(self, asynchronous: bool = False) -> Any:
        if asynchronous:
            return super()._create_client(asynchronous=True)
        client = self.__dict__.get("_sync_client")
        if client is None:
            client = self.__dict__["_sync_client"] = super()._create_client()
        return client


class Transport(kombu_redis.Transport):
    """The Redis transport with the channel above (``broker_transport``; the URL stays redis://...)."""

    Channel = _Channel


class Consumer(CeleryConsumer):
    """Celery's consumer, retrying a lost broker every ``broker_reconnect_max_seconds`` at most.

    Stock Celery waits 2, 4, 6 … up to 30 s between attempts, so after a minute's Redis outage the worker
    could sit idle for half a minute while the backlog waits. Retries are cheap (a refused connect).
    """

    def ensure_connected(self, conn: Any) -> Any:
        ceiling = float(get_settings().broker_reconnect_max_seconds)
        conn.ensure_connection = partial(
            conn.ensure_connection, interval_start=0, interval_step=ceiling / 2, interval_max=ceiling
        )
        return super().ensure_connected(conn)


def celery_config(settings: Settings) -> dict[str, Any]:
    """Celery settings for the scoring pipeline."""
    transport = {
        # Unacknowledged jobs of a dead worker come back after this long (acks_late).
        "visibility_timeout": settings.broker_visibility_timeout_seconds,
        # ...and are looked for every 5 s. kombu's default scans only every 10th 10-second tick, so a job
        # whose timeout ran out just after a scan could wait 100 s more (one cheap ZRANGE per scan).
        "unacked_restore_interval": 5,
        "unacked_restore_throttle": 1,
        # Fail fast when Redis is down: the API must not hang; the sweep catches up.
        "socket_connect_timeout": settings.broker_timeout_seconds,
        "socket_timeout": settings.broker_timeout_seconds,
        "max_retries": 0,
    }
    plain_redis = settings.redis_url.startswith("redis://")
    return {
        "broker_url": settings.redis_url,
        "broker_transport": "service.worker:Transport" if plain_redis else None,
        "broker_transport_options": transport,
        "broker_connection_timeout": settings.broker_timeout_seconds,
        "broker_connection_retry_on_startup": True,
        "broker_connection_max_retries": None,  # a long outage must not end the worker: retry until it ends
        "worker_consumer": "service.worker:Consumer",
        "task_ignore_result": True,  # verdicts live in the database, not in a result backend
        "task_acks_late": True,
        "task_soft_time_limit": settings.task_soft_time_limit_seconds,
        "task_time_limit": settings.task_time_limit_seconds,
        "task_reject_on_worker_lost": True,
        "task_serializer": "json",
        "accept_content": ["json"],
        # One queue per deployment: workers of another deployment on the same Redis never see these jobs.
        "task_default_queue": settings.queue_name,
        "worker_prefetch_multiplier": settings.worker_prefetch_multiplier,
        "worker_hijack_root_logger": False,
        "worker_send_task_events": False,
        "worker_disable_rate_limits": True,
        "task_send_sent_event": False,
        "broker_pool_limit": 10,
        "beat_schedule": {
            "sweep-unscored": {
                "task": "raqib.sweep_unscored",
                "schedule": settings.sweep_interval_seconds,
                "options": {"expires": settings.sweep_interval_seconds},
            },
            "publish-overdue": {
                "task": "raqib.publish_overdue",
                "schedule": settings.sweep_interval_seconds,
                "options": {"expires": settings.sweep_interval_seconds},
            },
            "send-due-webhooks": {
                "task": "raqib.sweep_webhooks",
                "schedule": settings.webhook_sweep_interval_seconds,
                "options": {"expires": settings.webhook_sweep_interval_seconds},
            },
            "drop-client-details": {
                "task": "raqib.drop_client_details",
                "schedule": settings.retention_interval_seconds,
                "options": {"expires": settings.retention_interval_seconds},
            },
        },
    }


class _LazyConfig(Mapping[str, Any]):
    """Settings are read when Celery first needs its configuration, not when this module is imported."""

    @cached_property
    def _data(self) -> dict[str, Any]:
        return celery_config(get_settings())

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


app = Celery(
    "raqib",
    include=[
        "service.comments.tasks",
        "service.comments.retention",
        "service.site_policy.tasks",
        "service.webhooks.tasks",
        "service.comments.rescore_task",
        "service.shadow.tasks",
    ],
)
app.config_from_object(_LazyConfig())


@setup_logging.connect
def _setup_logging(**_: Any) -> None:
    from service.logging_config import configure_logging

    configure_logging(get_settings().log_level)


@worker_init.connect
def _warm_scorer(**_: Any) -> None:
    # Load the model before the first job, before the pool forks (children inherit it); a bad artifact is
    # logged, not fatal: jobs then fail loudly and their comments stay queued for the sweep.
    from service.comments.scoring_service import warm_scorer

    warm_scorer()


@task_prerun.connect
def _bind_request_id(task: Any = None, **_: Any) -> None:
    # The id of the HTTP request that stored the comment (a message header), on every log line of the job.
    from service.observability.logs import REQUEST_ID_HEADER, request_id_var

    request = getattr(task, "request", None)
    rid = getattr(request, REQUEST_ID_HEADER, None) or (getattr(request, "headers", None) or {}).get(
        REQUEST_ID_HEADER
    )
    request_id_var.set(rid if isinstance(rid, str) else None)


@task_postrun.connect
def _unbind_request_id(**_: Any) -> None:
    from service.observability.logs import request_id_var

    request_id_var.set(None)
