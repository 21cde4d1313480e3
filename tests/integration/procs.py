"""Real processes for integration tests: private redis-servers, uvicorn APIs and Celery workers/beats."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import redis

from service.config import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], object], timeout: float, what: str, interval: float = 0.05) -> object:
    """Poll ``condition`` until it returns something truthy; fail the test with ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


class RedisServer:
    """A private redis-server on a free port, which a test may stop and start again (same port)."""

    def __init__(self, workdir: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not on PATH (apt-get install redis-server)")
        self.binary = binary
        self.port = free_port()
        self.workdir = workdir
        self.proc: subprocess.Popen[bytes] | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def client(self, db: int = 0) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, db=db, socket_timeout=5)

    def start(self) -> None:
        args = [
            self.binary,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ]
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen([*args, "--dir", str(self.workdir)], stdout=subprocess.DEVNULL)
        wait_for(self._answers, 10, f"redis-server on port {self.port}")

    def _answers(self) -> bool:
        try:
            return bool(self.client().ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None


class Service:
    """A subprocess of the service (API, worker or beat) whose output is kept in a log file."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], log_path: Path) -> None:
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
    """The environment of a service subprocess: the test's database and Redis, test-speed settings."""
    # The caller's RAQIB_* settings are dropped, except which model to serve (a CI may point at another).
    keep = {"RAQIB_MODELS_DIR", "RAQIB_MODEL_VERSION"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_") or k in keep}
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        RAQIB_EMAIL_HASH_SECRET="integration-test-secret",
        RAQIB_LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def start_api(
    env: dict[str, str], log_path: Path, extra_args: list[str] | None = None
) -> tuple[Service, str]:
    """A uvicorn API subprocess, once it answers /healthz; returns it and its base URL."""
    port = free_port()
    args = [sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory",
            "--host", "127.0.0.1", "--port", str(port), *(extra_args or [])]  # fmt: skip
    api = Service("api", args, env, log_path)
    base = f"http://127.0.0.1:{port}"

    def _up() -> bool:
        if not api.alive():
            raise AssertionError(f"API exited:\n{api.log_text()[-3000:]}")
        try:
            return httpx.get(f"{base}/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    wait_for(_up, 30, "the API to answer /healthz", interval=0.1)
    return api, base


def start_worker(env: dict[str, str], log_path: Path, pool: str = "solo", concurrency: int = 1) -> Service:
    """A real Celery worker subprocess, once it says it is ready."""
    args = [sys.executable, "-m", "celery", "-A", "service.worker", "worker", f"--pool={pool}",
            f"--concurrency={concurrency}", "--loglevel=INFO", "--without-gossip", "--without-mingle",
            "-n", f"it-{log_path.stem}-{os.getpid()}@%h"]  # fmt: skip
    worker = Service("worker", args, env, log_path)

    def _ready() -> bool:
        if not worker.alive():
            raise AssertionError(f"worker exited:\n{worker.log_text()[-3000:]}")
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


@dataclass
class Stack:
    """A running API and worker, and where they keep their data."""

    base: str
    database_url: str
    redis: RedisServer
    redis_db: int
    api: Service
    worker: Service
