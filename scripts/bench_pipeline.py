"""`make bench`: throughput and latency of the comment pipeline on local PostgreSQL + Redis.

Starts its own API (uvicorn, 1 process) and worker (Celery, 1 process, threads pool) on a fresh PostgreSQL
database and a private redis-server, sends traffic to 127.0.0.1 only, and prints:

1. submit throughput (closed loop, worker stopped) and the scoring worker's throughput on that backlog;
2. end-to-end throughput: 8 clients POSTing for a fixed time, from the first POST to the last stored decision;
3. submit p50/p99 at 300 requests/s with the worker scoring alongside;
4. POST-to-stored-decision p50/p99 at a steady low rate;
5. CPU milliseconds per comment (API + worker processes, from /proc).

The load generator (scripts/bench_http.py: raw HTTP/1.1 keep-alive connections, ~0.1 ms CPU per request) runs
on the same (2-core) machine and competes with the API and the worker for CPU; its own CPU is printed per
phase and is NOT part of cpu_ms_per_comment. Its garbage collector is paused during each run (as timeit
does): a collection pass stalled its event loop by ~50 ms and showed up as API latency. Open-loop
latencies run from each request's due time, so requests that wait for a free connection count their wait.
The load average is printed at the start and the end.
Ends with ONE JSON line. Every phase is bounded; the whole run takes about two minutes.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from datetime import datetime
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench_load import Sent, closed_loop, open_loop, percentile
from service.processes import RedisServer, Service, service_env, start_api, start_worker
from service.scratch_db import ScratchDatabase

ADMIN_DSN = os.environ.get("RAQIB_BENCH_PG_ADMIN_DSN", "host=127.0.0.1 port=5432 dbname=test user=postgres")
E2E_CLIENTS = int(os.environ.get("RAQIB_BENCH_E2E_CLIENTS", "8"))
PHASE_SECONDS = float(os.environ.get("RAQIB_BENCH_SECONDS", "10"))
# One worker process; a threads pool overlaps its waits on PostgreSQL commits and Redis acknowledgements.
WORKER_POOL = os.environ.get("RAQIB_BENCH_WORKER_POOL", "threads")
WORKER_THREADS = int(os.environ.get("RAQIB_BENCH_WORKER_THREADS", "4"))
# The worker's CPU priority (nice). 0: API and worker share the CPUs as equals.
WORKER_NICE = int(os.environ.get("RAQIB_BENCH_WORKER_NICE", "0"))
CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_ms(pid: int) -> float:
    """User + system CPU time of a process and its waited-for children, in milliseconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) * 1000 / CLK_TCK


def decided_at(dsn: str, ids: list[str]) -> dict[str, datetime]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute("SELECT id, decided_at FROM comments WHERE id = ANY(%s)", (ids,)).fetchall()
    return {i: t for i, t in rows if t is not None}


def wait_all_decided(dsn: str, ids: list[str], timeout: float) -> dict[str, datetime]:
    deadline = time.monotonic() + timeout
    while True:
        done = decided_at(dsn, ids)
        if len(done) == len(ids) or time.monotonic() > deadline:
            return done
        time.sleep(0.2)


def _loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def report(name: str, sent: Sent) -> None:
    lat = sent.latencies_ms
    print(
        f"{name}: {len(sent.ids)} accepted, {sent.failures} failed in {sent.elapsed_s:.1f}s "
        f"= {len(sent.ids) / sent.elapsed_s:.0f}/s; latency p50 {percentile(lat, 50):.1f} ms, "
        f"p99 {percentile(lat, 99):.1f} ms, max {max(lat, default=0):.1f} ms; "
        f"client lag max {sent.max_lag_ms:.0f} ms; load generator CPU "
        f"{sent.client_cpu_s * 1000 / max(1, len(sent.ids) + sent.failures):.2f} ms per request",
        flush=True,
    )


def main() -> int:
    db = ScratchDatabase.create("raqib_bench", ADMIN_DSN)
    name, dsn, url = db.name, db.dsn, db.url
    workdir = Path(os.environ.get("TMPDIR", "/tmp")) / name
    workdir.mkdir(parents=True, exist_ok=True)
    redis_server = RedisServer(workdir / "redis")
    redis_server.start()
    redis_url = redis_server.url()
    # Every spam signal on (the test services switch the history-based ones off), and INFO: the worker
    # says "ready" at INFO; per-job lines stay on.
    env = service_env(url, redis_url, RAQIB_SIGNAL_ACTIONS="{}")
    services: list[Service] = []
    try:
        api, base = start_api(
            env, workdir / "api.log", extra_args=["--no-access-log", "--log-level", "warning"]
        )
        services.append(api)
        print(f"bench: load average {_loadavg()} at start", flush=True)
        print(f"bench: API {base} (pid {api.proc.pid}), PostgreSQL {name}, Redis {redis_url}", flush=True)
        print(
            f"bench: worker pool {WORKER_POOL} x{WORKER_THREADS} (one process); "
            "the load generator shares the CPUs"
        )
        asyncio.run(closed_loop(base, 8, 2))  # warm-up

        # 1. Submit ceiling with the worker stopped; the backlog then measures the worker alone.
        backlog = asyncio.run(closed_loop(base, 16, PHASE_SECONDS))
        report("submit (closed loop, 16 clients, worker stopped)", backlog)
        submit_per_s = len(backlog.ids) / backlog.elapsed_s
        worker = start_worker(env, workdir / "worker.log", WORKER_POOL, WORKER_THREADS, nice=WORKER_NICE)
        services.append(worker)
        done = wait_all_decided(dsn, backlog.ids, 120)
        times = sorted(done.values())
        worker_per_s = (
            (len(times) - 1) / max(1e-9, (times[-1] - times[0]).total_seconds()) if len(times) > 1 else 0.0
        )
        print(
            f"worker: scored a backlog of {len(done)}/{len(backlog.ids)} at {worker_per_s:.0f}/s", flush=True
        )

        # 2. End to end, API and worker both busy: 8 clients POST back to back (a load the API can take
        # without queueing thousands of requests), then wait until every comment has its stored decision.
        api_before, worker_before = cpu_ms(api.proc.pid), cpu_ms(worker.proc.pid)
        e2e = asyncio.run(closed_loop(base, E2E_CLIENTS, PHASE_SECONDS))
        report(f"e2e load ({E2E_CLIENTS} clients for {PHASE_SECONDS:.0f}s, worker running)", e2e)
        done = wait_all_decided(dsn, e2e.ids, 120)
        api_cpu = (cpu_ms(api.proc.pid) - api_before) / max(1, len(done))
        worker_cpu = (cpu_ms(worker.proc.pid) - worker_before) / max(1, len(done))
        cpu_per_comment = api_cpu + worker_cpu
        last = max(done.values()).timestamp() if done else time.time()
        e2e_per_s = len(done) / (last - min(e2e.sent_at))
        print(
            f"e2e: {len(done)}/{len(e2e.ids)} decided, "
            f"{e2e_per_s:.0f} comments/s from first POST to last decision"
        )
        print(
            f"cpu: {cpu_per_comment:.2f} ms per comment (API {api_cpu:.2f} + worker {worker_cpu:.2f}; "
            f"PostgreSQL, Redis and the load generator not included)",
            flush=True,
        )

        # 3. Submit latency at 300/s, worker scoring alongside.
        at300 = asyncio.run(open_loop(base, 300, PHASE_SECONDS))
        report("submit at 300/s (worker running)", at300)
        wait_all_decided(dsn, at300.ids, 60)

        # 4. POST-to-decision latency at a steady low rate.
        low = asyncio.run(open_loop(base, 20, PHASE_SECONDS))
        done = wait_all_decided(dsn, low.ids, 30)
        sent_at = dict(zip(low.ids, low.sent_at, strict=True))
        e2e_ms = [(done[i].timestamp() - sent_at[i]) * 1000 for i in done]
        print(
            f"post-to-decision at 20/s: {len(done)} comments, p50 {percentile(e2e_ms, 50):.1f} ms, "
            f"p99 {percentile(e2e_ms, 99):.1f} ms, max {max(e2e_ms, default=0):.1f} ms",
            flush=True,
        )
        summary = {
            "e2e_per_s": round(e2e_per_s, 1),
            "post_to_decision_p50_ms": round(percentile(e2e_ms, 50), 2),
            "post_to_decision_p99_ms": round(percentile(e2e_ms, 99), 2),
            "submit_per_s": round(submit_per_s, 1),
            "submit_p99_ms": round(percentile(at300.latencies_ms, 99), 2),
            "cpu_ms_per_comment": round(cpu_per_comment, 2),
        }
        print(
            f"(worker alone: {worker_per_s:.0f}/s; "
            f"submit p50 at 300/s: {percentile(at300.latencies_ms, 50):.1f} ms)"
        )
        print(f"bench: load average {_loadavg()} at end", flush=True)
        print(json.dumps(summary))
        return 0
    finally:
        for service in services:
            service.stop()
        redis_server.stop()
        db.drop()


if __name__ == "__main__":
    raise SystemExit(main())
