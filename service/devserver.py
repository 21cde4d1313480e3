"""``make run``: the whole service on the embedded default — migrations, Redis, API, worker and beat.

Redis is taken from REDIS_URL when it answers; otherwise a private ``redis-server`` from PATH is started on a
free port (install one with ``apt-get install redis-server`` or ``brew install redis``). Ctrl-C stops all.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import redis

from service.config import PROJECT_ROOT, get_settings
from service.migrations_cli import upgrade

VAR = PROJECT_ROOT / "var"
STOP_GRACE_SECONDS = 10.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def redis_answers(url: str, timeout: float = 0.5) -> bool:
    """Whether a Redis server answers PING at ``url``."""
    client = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()


def start_redis(directory: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start a private redis-server on a free port; return it and its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit(
            "No Redis answers at REDIS_URL and no `redis-server` is on PATH.\n"
            "Install one (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`)\n"
            "or point REDIS_URL at a running Redis, then run `make run` again."
        )
    port = free_port()
    directory.mkdir(parents=True, exist_ok=True)
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    proc = subprocess.Popen(
        [*args, "--dir", str(directory)], stdout=subprocess.DEVNULL, start_new_session=True
    )
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(100):
        if redis_answers(url):
            return proc, url
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"redis-server did not start on port {port}")


def service_commands(port: int) -> dict[str, list[str]]:
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
            str(VAR / "celerybeat-schedule"),
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
    VAR.mkdir(parents=True, exist_ok=True)
    print(f"raqib: database {settings.database_url}", flush=True)
    upgrade()
    children: dict[str, subprocess.Popen[bytes]] = {}
    env = dict(os.environ)
    if redis_answers(settings.redis_url):
        print(f"raqib: using Redis at {settings.redis_url}", flush=True)
    else:
        children["redis"], env["REDIS_URL"] = start_redis(VAR / "redis")
        print(
            f"raqib: no Redis at {settings.redis_url}; started redis-server at {env['REDIS_URL']}", flush=True
        )

    stopping = False

    def _on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    # Children get their own session: Ctrl-C reaches this process only, which stops them in order.
    for name, cmd in service_commands(port).items():
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
