"""Load and soak: a steady stream of comments through API, worker and beat, with each process's memory.

    .venv/bin/python scripts/bench_soak.py                          # 10 minutes at 200 comments/s
    .venv/bin/python scripts/bench_soak.py --minutes 2 --warmup 30  # a short run

Starts the processes as docker-compose.yml runs them (service.processes: one uvicorn API, a Celery worker with
a prefork pool of 2, beat) on a scratch PostgreSQL database and a private redis-server, POSTs at ``--rate``
comments/s (open loop from 127.0.0.1, scripts/bench_load.py) for ``--minutes``, samples the resident memory
(RSS) of every process of the API's, the worker's and beat's process groups every ``--sample-seconds``, waits
until every comment has its stored decision, then prints:

- accepted/s, decided/s, errors; p50/p99 submit latency and POST-to-decision latency;
- final counts: submitted, stored, decided and score rows (must all be equal);
- per process: RSS after the warm-up (median of the next minute), at the end (median of the last minute) and
  the growth between them (target: at most 10 %); a PNG plot of memory (and throughput) over time.

The load generator runs on the same machine and shares its CPUs. Ends with ONE JSON line; exit status 1 when
the counts differ or a process grew by more than 10 %.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench_drain import counts
from scripts.bench_load import Sent, open_loop, percentile
from service.processes import RedisServer, Service, service_env, start_api, start_beat, start_worker
from service.scratch_db import ScratchDatabase

ADMIN_DSN = os.environ.get("RAQIB_BENCH_PG_ADMIN_DSN", "host=127.0.0.1 port=5432 dbname=test user=postgres")
CHUNK_SECONDS = 10.0  # the stream is sent in chunks; each waits for its last answers (a few ms)
GROWTH_LIMIT = 0.10
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def group_rss_mb(pgid: int) -> dict[int, float]:
    """Resident memory (MB) of every live process in process group ``pgid``, by pid."""
    found: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) != pgid:
                continue
            rss_pages = int((entry / "statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):  # gone meanwhile
            continue
        found[int(entry.name)] = rss_pages * PAGE_BYTES / 1e6
    return found


@dataclass
class Samples:
    """Memory of each process and the decided count, sampled from a thread while the stream runs."""

    services: list[Service]
    dsn: str
    every: float
    started: float = field(default_factory=time.monotonic)
    rss: dict[str, list[tuple[float, float]]] = field(default_factory=dict)  # label -> [(t, MB)]
    decided: list[tuple[float, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def label(self, service: Service, pid: int, children: list[int]) -> str:
        if pid == service.proc.pid:
            return f"{service.name} (parent)" if children else service.name
        return f"{service.name} pool process {children.index(pid) + 1} (pid {pid})"

    def sample(self) -> None:
        t = time.monotonic() - self.started
        for service in self.services:
            by_pid = group_rss_mb(service.proc.pid)
            children = sorted(p for p in by_pid if p != service.proc.pid)
            for pid, mb in by_pid.items():
                self.rss.setdefault(self.label(service, pid, children), []).append((t, mb))
        with psycopg.connect(self.dsn) as conn:
            row = conn.execute("SELECT count(*) FROM comments WHERE status <> 'queued'").fetchone()
        self.decided.append((t, int(row[0]) if row else 0))

    def run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def start(self) -> threading.Thread:
        self.sample()
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        return thread

    def stop(self, thread: threading.Thread) -> None:
        self._stop.set()
        thread.join(30)
        self.sample()


def growth(points: list[tuple[float, float]], warmup: float, window: float) -> dict[str, float] | None:
    """RSS after the warm-up and at the end (medians over ``window`` seconds) and the growth between."""
    after = [mb for t, mb in points if warmup <= t < warmup + window]
    end_t = points[-1][0] if points else 0.0
    last = [mb for t, mb in points if t >= end_t - window and t >= warmup]
    if not after or not last:
        return None
    start_mb, end_mb = statistics.median(after), statistics.median(last)
    return {
        "after_warmup_mb": round(start_mb, 1),
        "end_mb": round(end_mb, 1),
        "max_mb": round(max(mb for t, mb in points if t >= warmup), 1),
        "growth": round((end_mb - start_mb) / start_mb, 4),
    }


def post_to_decision_ms(dsn: str, sent: Sent) -> list[float]:
    sent_at = dict(zip(sent.ids, sent.sent_at, strict=True))
    out: list[float] = []
    with psycopg.connect(dsn) as conn:
        for i in range(0, len(sent.ids), 10_000):
            rows = conn.execute(
                "SELECT id, decided_at FROM comments WHERE id = ANY(%s) AND decided_at IS NOT NULL",
                (sent.ids[i : i + 10_000],),
            ).fetchall()
            out += [(decided.timestamp() - sent_at[cid]) * 1000 for cid, decided in rows]
    return out


def plot(samples: Samples, warmup: float, path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (mem, rate) = plt.subplots(2, 1, figsize=(10, 7), sharex=True, height_ratios=[3, 1])
    for label, points in sorted(samples.rss.items()):
        mem.plot([t / 60 for t, _ in points], [mb for _, mb in points], label=label)
    for axis in (mem, rate):
        axis.axvline(warmup / 60, color="grey", linestyle="--", linewidth=1)
    mem.set_ylabel("RSS (MB)")
    mem.set_title(title)
    mem.legend(fontsize=8, loc="lower right")
    points = samples.decided
    rate.plot(
        [t / 60 for (t, _), _ in zip(points[1:], points, strict=False)],
        [(n - m) / max(1e-9, t - s) for (t, n), (s, m) in zip(points[1:], points, strict=False)],
        color="black",
    )
    rate.set_ylabel("decided/s")
    rate.set_xlabel("minutes (dashed: end of warm-up)")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def stream(base: str, rate: float, seconds: float) -> Sent:
    """``rate`` POSTs/s for ``seconds``, in chunks (a long run would hold every request in memory at once)."""
    total = Sent()
    started = time.perf_counter()
    while (left := seconds - (time.perf_counter() - started)) > 0.5:
        part = asyncio.run(open_loop(base, rate, min(CHUNK_SECONDS, left)))
        total.ids += part.ids
        total.sent_at += part.sent_at
        total.latencies_ms += part.latencies_ms
        total.failures += part.failures
        total.max_lag_ms = max(total.max_lag_ms, part.max_lag_ms)
    total.elapsed_s = time.perf_counter() - started
    return total


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=200.0, help="comments per second")
    parser.add_argument("--warmup", type=float, default=60.0, help="seconds before memory is compared")
    parser.add_argument("--sample-seconds", type=float, default=5.0)
    parser.add_argument("--plot", type=Path, default=Path("var/bench/soak-memory.png"))
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for the last decisions")
    args = parser.parse_args()

    db = ScratchDatabase.create("raqib_soak", ADMIN_DSN)
    workdir = Path(os.environ.get("TMPDIR", "/tmp")) / db.name
    workdir.mkdir(parents=True, exist_ok=True)
    broker = RedisServer(workdir / "redis")
    broker.start()
    # As in docker-compose.yml: the worker's and the API's metrics in one multiprocess directory.
    env = service_env(db.url, broker.url(), PROMETHEUS_MULTIPROC_DIR=str(workdir / "metrics"))
    (workdir / "metrics").mkdir(exist_ok=True)
    services: list[Service] = []
    try:
        worker = start_worker(env, workdir / "worker.log", "prefork", 2)
        api, base = start_api(env, workdir / "api.log", ["--no-access-log", "--log-level", "warning"])
        beat = start_beat(env, workdir / "beat.log", workdir / "beat-schedule")
        services += [api, worker, beat]
        load = Path("/proc/loadavg").read_text().split()[0]
        print(f"soak: {args.rate:.0f} comments/s for {args.minutes:.1f} min; PostgreSQL {db.name}, logs in "
              f"{workdir}; load average {load}", flush=True)  # fmt: skip
        samples = Samples([api, worker, beat], db.dsn, args.sample_seconds)
        sampler = samples.start()
        sent = stream(base, args.rate, args.minutes * 60)
        stream_s = sent.elapsed_s
        deadline = time.monotonic() + args.timeout
        while counts(db.dsn)["decided"] < len(sent.ids) and time.monotonic() < deadline:
            time.sleep(0.5)
        drained_s = time.monotonic() - samples.started
        samples.stop(sampler)
        totals = counts(db.dsn)
        e2e = post_to_decision_ms(db.dsn, sent)
        memory = {label: growth(points, args.warmup, 60.0) for label, points in samples.rss.items()}
        title = (f"Raqib soak: {args.rate:.0f} comments/s for {args.minutes:.1f} min "
                 f"(API, worker prefork x2, beat; PostgreSQL + Redis)")  # fmt: skip
        plot(samples, args.warmup, args.plot, title)
    finally:
        for service in services:
            service.stop()
        broker.stop()
        db.drop()

    submitted = len(sent.ids) + sent.failures
    print(f"soak: submitted {submitted}, accepted {len(sent.ids)} ({len(sent.ids) / stream_s:.1f}/s), "
          f"errors {sent.failures}; decided {totals['decided']} ({totals['decided'] / drained_s:.1f}/s from "
          f"the first POST to the last decision)")  # fmt: skip
    print(f"soak: submit latency p50 {percentile(sent.latencies_ms, 50):.1f} ms, p99 "
          f"{percentile(sent.latencies_ms, 99):.1f} ms; POST to decision p50 {percentile(e2e, 50):.1f} ms, "
          f"p99 {percentile(e2e, 99):.1f} ms; client lag max {sent.max_lag_ms:.0f} ms")  # fmt: skip
    print(f"soak: stored {totals['stored']}, decided {totals['decided']}, score rows {totals['score_rows']}")
    ok = submitted == totals["stored"] == totals["decided"] == totals["score_rows"]
    for label, figures in sorted(memory.items()):
        if figures is None:
            print(f"soak: memory {label}: not enough samples after the warm-up")
            continue
        grew = figures["growth"] > GROWTH_LIMIT
        ok = ok and not grew
        print(f"soak: memory {label}: {figures['after_warmup_mb']} MB after warm-up, {figures['end_mb']} MB "
              f"at the end (max {figures['max_mb']}), growth {figures['growth']:+.1%}"
              f"{'  OVER 10 %' if grew else ''}")  # fmt: skip
    print(f"soak: plot {args.plot}")
    summary = {
        "rate_per_s": args.rate,
        "minutes": args.minutes,
        "submitted": submitted,
        "accepted_per_s": round(len(sent.ids) / stream_s, 1),
        "decided_per_s": round(totals["decided"] / drained_s, 1),
        "errors": sent.failures,
        "submit_p50_ms": round(percentile(sent.latencies_ms, 50), 2),
        "submit_p99_ms": round(percentile(sent.latencies_ms, 99), 2),
        "post_to_decision_p50_ms": round(percentile(e2e, 50), 2),
        "post_to_decision_p99_ms": round(percentile(e2e, 99), 2),
        **totals,
        "max_growth": max((f["growth"] for f in memory.values() if f), default=None),
        "ok": ok,
    }
    print(json.dumps(summary))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
