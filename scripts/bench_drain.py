"""Recovery after a broker outage: how long the backlog of a Redis outage takes to be decided.

Starts its own API, worker (one process, threads pool as in `make bench`) and beat on a fresh PostgreSQL
database and a private redis-server, with the service's default sweep settings. Then:

1. stops Redis and POSTs at RATE comments/s for OUTAGE seconds (every one is accepted and stored as queued);
2. starts Redis again (empty, as after a crash without persistence: the jobs exist only in the database) and
   keeps POSTing at RATE for TAIL seconds, as the news sites do;
3. prints the drain time: from Redis's return to the last stored decision on a comment of the outage.

Traffic goes to 127.0.0.1 only; every phase is bounded (DRAIN_TIMEOUT). Ends with ONE JSON line.
Environment: RAQIB_BENCH_RATE (100), RAQIB_BENCH_OUTAGE_SECONDS (60), RAQIB_BENCH_TAIL_SECONDS (30),
RAQIB_BENCH_DRAIN_TIMEOUT (900), RAQIB_BENCH_PG_ADMIN_DSN.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench_load import Sent, open_loop
from service.processes import RedisServer, Service, service_env, start_api, start_beat, start_worker
from service.scratch_db import ScratchDatabase

ADMIN_DSN = os.environ.get("RAQIB_BENCH_PG_ADMIN_DSN", "host=127.0.0.1 port=5432 dbname=test user=postgres")
RATE = float(os.environ.get("RAQIB_BENCH_RATE", "100"))
OUTAGE_SECONDS = float(os.environ.get("RAQIB_BENCH_OUTAGE_SECONDS", "60"))
TAIL_SECONDS = float(os.environ.get("RAQIB_BENCH_TAIL_SECONDS", "30"))
DRAIN_TIMEOUT = float(os.environ.get("RAQIB_BENCH_DRAIN_TIMEOUT", "900"))


def undecided(dsn: str, ids: list[str]) -> int:
    with psycopg.connect(dsn) as conn:
        row = conn.execute(
            "SELECT count(*) FROM comments WHERE id = ANY(%s) AND status = 'queued'", (ids,)
        ).fetchone()
    return int(row[0]) if row else len(ids)


def counts(dsn: str) -> dict[str, int]:
    with psycopg.connect(dsn) as conn:
        stored, decided, scores, attempts = conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE status <> 'queued'), "
            "(SELECT count(*) FROM comment_scores), coalesce(sum(enqueue_attempts), 0) FROM comments"
        ).fetchone()  # type: ignore[misc]
    return {"stored": stored, "decided": decided, "score_rows": scores, "publish_attempts": attempts}


def _loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> int:
    db = ScratchDatabase.create("raqib_drain", ADMIN_DSN)
    name, dsn, url = db.name, db.dsn, db.url
    workdir = Path(os.environ.get("TMPDIR", "/tmp")) / name
    workdir.mkdir(parents=True, exist_ok=True)
    broker = RedisServer(workdir / "redis")
    broker.start()
    env = service_env(url, broker.url())
    services: list[Service] = []
    try:
        services.append(start_worker(env, workdir / "worker.log", "threads", 4))
        api, base = start_api(env, workdir / "api.log", ["--no-access-log", "--log-level", "warning"])
        services += [api, start_beat(env, workdir / "beat.log", workdir / "beat-schedule")]
        print(f"drain: API {base}, PostgreSQL {name}, logs in {workdir}", flush=True)
        print(f"drain: load average {_loadavg()} at start (2-core machine)", flush=True)
        time.sleep(2)

        broker.stop()
        print(f"drain: Redis stopped; {RATE:.0f} comments/s for {OUTAGE_SECONDS:.0f}s", flush=True)
        outage = asyncio.run(open_loop(base, RATE, OUTAGE_SECONDS))
        print(f"drain: {len(outage.ids)} accepted during the outage, {outage.failures} failed", flush=True)

        broker.start()
        returned = time.monotonic()
        tail = Sent()

        def _tail() -> None:
            nonlocal tail
            tail = asyncio.run(open_loop(base, RATE, TAIL_SECONDS))

        stream = threading.Thread(target=_tail, daemon=True)
        stream.start()
        print(f"drain: Redis back; stream goes on at {RATE:.0f}/s for {TAIL_SECONDS:.0f}s", flush=True)
        drain_s: float | None = None
        last_report = 0.0
        while time.monotonic() - returned < DRAIN_TIMEOUT:
            left = undecided(dsn, outage.ids)
            elapsed = time.monotonic() - returned
            if left == 0:
                drain_s = elapsed
                break
            if elapsed - last_report >= 10:
                print(f"drain: {elapsed:5.0f}s after Redis returned, {left} still queued", flush=True)
                last_report = elapsed
            time.sleep(0.2)
        stream.join(TAIL_SECONDS * 3)
        everything = outage.ids + tail.ids
        deadline = time.monotonic() + 120
        while undecided(dsn, everything) and time.monotonic() < deadline:
            time.sleep(0.5)
        totals = counts(dsn)
        submitted = len(outage.ids) + len(tail.ids)
        if drain_s is None:
            print(f"drain: NOT drained {DRAIN_TIMEOUT:.0f}s after Redis returned", flush=True)
        else:
            print(f"drain: outage backlog fully decided {drain_s:.1f}s after Redis returned", flush=True)
        print(
            f"drain: submitted {submitted}, stored {totals['stored']}, decided {totals['decided']}, "
            f"score rows {totals['score_rows']}, publish attempts {totals['publish_attempts']}",
            flush=True,
        )
        summary = {
            "rate_per_s": RATE,
            "outage_s": OUTAGE_SECONDS,
            "outage_backlog": len(outage.ids),
            "drain_s": None if drain_s is None else round(drain_s, 1),
            "submitted": submitted,
            **totals,
        }
        print(f"drain: load average {_loadavg()} at end", flush=True)
        print(json.dumps(summary))
        return 0 if drain_s is not None else 1
    finally:
        for service in services:
            service.stop()
        broker.stop()
        db.drop()


if __name__ == "__main__":
    raise SystemExit(main())
