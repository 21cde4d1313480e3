"""Where the API's CPU per POST goes: the submission path profiled with pyinstrument, in this process.

    .venv/bin/python scripts/profile_submit.py [N]     # N submissions (default 2000)

Runs the function behind ``POST /v1/comments`` (validation, masking, the INSERT, the commit and the publish of
the scoring job) N times against a scratch PostgreSQL database and a private redis-server, prints the CPU
milliseconds per submission and pyinstrument's call tree (wall time: waits on PostgreSQL and Redis show as
psycopg's and redis' waits). The HTTP layer (uvicorn, middleware, the hop to the
thread pool) is not in it: `scripts/bench_cpu.py` gives the whole API process's CPU per comment.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pyinstrument import Profiler

from scripts.bench_load import payload
from service.processes import RedisServer
from service.scratch_db import ScratchDatabase

ADMIN_DSN = os.environ.get("RAQIB_BENCH_PG_ADMIN_DSN", "host=127.0.0.1 port=5432 dbname=test user=postgres")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    db = ScratchDatabase.create("raqib_profile", ADMIN_DSN)
    broker = RedisServer(Path(os.environ.get("TMPDIR", "/tmp")) / db.name / "redis")
    broker.start()
    os.environ.update(DATABASE_URL=db.url, REDIS_URL=broker.url(), RAQIB_RATE_LIMITS_ENABLED="false")
    from sqlalchemy.orm import Session

    from service.comments.storage import autocommit_engine
    from service.comments.submission import submit_comment
    from service.config import get_settings
    from service.db import get_engine

    get_settings.cache_clear()  # the URLs above, not the ones settings were first read with

    def submit_once(n: int, article: str) -> None:
        # As the route does: statements committed one by one (service.comments.routes).
        with Session(bind=autocommit_engine(get_engine()), expire_on_commit=False) as session:
            submit_comment(
                payload(n, article), db_session=session, settings=get_settings(), client_ip="127.0.0.1"
            )

    try:
        for i in range(100):  # warm: connections, compiled statements, caches
            submit_once(i, "warm-up")
        started = time.process_time()
        for i in range(n):
            submit_once(i, "timed")
        cpu_ms = (time.process_time() - started) * 1000 / n
        profiler = Profiler(interval=0.0005)
        with profiler:
            for i in range(n):
                submit_once(i, "profiled")
        print(f"profile: {cpu_ms:.3f} ms CPU per submission (without the HTTP layer), {n} submissions")
        print(profiler.output_text(color=False, show_all=False))
    finally:
        broker.stop()
        db.drop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
