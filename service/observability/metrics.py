"""Prometheus metrics of the API and the worker (the prometheus-client library).

Counters and histograms live in one ``Metrics`` object per process, made on first use from the settings. With
``PROMETHEUS_MULTIPROC_DIR`` set, every process (uvicorn workers, Celery's prefork children) writes its values
to files in that directory and the API's ``/metrics`` adds them all up, so one scrape shows the API and the
worker alike; files are named by host and pid, so containers may share the directory. Without it, each process
counts in memory and ``/metrics`` shows the API's own figures only.

Figures that are state rather than events (queue depth, age of the oldest queued comment, the model in
service) are read when ``/metrics`` is scraped (service.observability.collectors), not counted here.
"""

from __future__ import annotations

import os
import socket
from functools import lru_cache

from prometheus_client import CollectorRegistry, Counter, Histogram, values

from service.config import get_settings

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
SCORING_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1.0)
# Open sites can be named by anyone: past this many distinct names a process counts the rest as "other".
MAX_SITE_LABELS = 50


def _process_identifier() -> str:
    """Host and pid: distinct across the containers that share one metrics directory."""
    host = socket.gethostname().replace("_", "-")
    return f"{host}-{os.getpid()}"


class Metrics:
    """Every counter and histogram of the service, on a registry of its own."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        self.http_requests = Counter(
            "raqib_http_requests",
            "HTTP requests answered, by method, route template and status code.",
            ["method", "route", "status"],
            registry=registry,
        )
        self.http_latency = Histogram(
            "raqib_http_request_duration_seconds",
            "Time to answer an HTTP request, by method and route template.",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.scoring_latency = Histogram(
            "raqib_scoring_duration_seconds",
            "Model time per comment (normalisation, every head, explanation, policy).",
            buckets=SCORING_BUCKETS,
            registry=registry,
        )
        self.job_latency = Histogram(
            "raqib_job_duration_seconds",
            "Time of one scoring job in the worker, database reads and writes included.",
            ["outcome"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.decisions = Counter(
            "raqib_decisions",
            "Model decisions stored, by decision, reason (one sample per reason; 'none') and site.",
            ["decision", "reason", "site"],
            registry=registry,
        )
        self.task_retries = Counter(
            "raqib_task_retries",
            "Scoring jobs sent back for a later try, by reason (database, time_limit).",
            ["reason"],
            registry=registry,
        )
        self.task_time_limits = Counter(
            "raqib_task_time_limits",
            "Scoring jobs that ran past a time limit (soft: retried; hard: process replaced, comment swept).",
            ["limit"],
            registry=registry,
        )
        self.publish_failures = Counter(
            "raqib_publish_failures",
            "Comments stored while their job could not be published (the sweep sends them).",
            registry=registry,
        )
        self.swept = Counter(
            "raqib_sweep_requeued",
            "Jobs the sweep published again (a failed publish, a lost job).",
            registry=registry,
        )
        self._sites: set[str] = set()

    def site_label(self, site: str) -> str:
        """The site as a label value; a registered site always, an open one while few have been seen."""
        from service.sites.keys import known_sites  # reads the registry; not needed to import metrics

        if site in self._sites or site in known_sites():
            return site
        if len(self._sites) < MAX_SITE_LABELS:
            self._sites.add(site)
            return site
        return "other"

    def record_decision(self, decision: str, reasons: list[str], site: str) -> None:
        label = self.site_label(site)
        for reason in reasons or ["none"]:
            self.decisions.labels(decision, reason_label(reason), label).inc()


def reason_label(reason: str) -> str:
    """A policy reason without its threshold (``spam>=0.90`` → ``spam``): the label set stays small."""
    for sep in (">=", ">", "<", "="):
        if sep in reason:
            return reason.split(sep, 1)[0]
    return reason


def multiprocess_dir() -> str | None:
    """The shared metrics directory, when one is configured."""
    directory = get_settings().metrics_dir
    return str(directory) if directory else None


@lru_cache(maxsize=1)
def get_metrics() -> Metrics:
    """This process's metrics, made on first use (multiprocess files when a directory is configured)."""
    directory = multiprocess_dir()
    if directory:
        os.makedirs(directory, exist_ok=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory  # where the library writes and reads
        values.ValueClass = values.MultiProcessValue(_process_identifier)
    return Metrics(CollectorRegistry(auto_describe=True))
