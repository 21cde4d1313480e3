"""Load generation for bench_pipeline.py: open-loop (fixed rate) and closed-loop (fixed concurrency) POSTs."""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from scripts.bench_http import HttpError, Pool

BODIES = [
    "مقال ممتاز، شكرًا للكاتب على هذا التحليل الدقيق",
    "والله كلام صحيح بس الحكومة ما راح تسوي شي",
    "اربح 5000 دولار يوميا من البيت اضغط هنا واتساب 0501234567",
    "راسلني على reader.one@example.com للتفاصيل",
    "شو هالحكي الفاضي، الكاتب ما بيفهم شي",
    "أتفق مع الرأي الأخير، التعليم أولًا",
]
PATH = "/v1/comments"


@dataclass
class Sent:
    """What one load run did: comment ids with their send time (wall clock), latencies, failures."""

    ids: list[str] = field(default_factory=list)
    sent_at: list[float] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    failures: int = 0
    max_lag_ms: float = 0.0
    elapsed_s: float = 0.0
    client_cpu_s: float = 0.0  # CPU the load generator itself used during the run


def payload(n: int, article: str) -> dict[str, str]:
    return {
        "site": "bench.example",
        "article_id": article,
        "author_name": f"قارئ {n}",
        "author_email": f"reader{n}@example.com",
        "body": f"{BODIES[n % len(BODIES)]} #{n}",
    }


async def _post(pool: Pool, raw: bytes, out: Sent, wall: float, started: float) -> None:
    """One POST; latency runs from ``started`` (when it was due), so waiting for a connection counts."""
    try:
        status, body = await pool.request(raw)
    except HttpError:
        out.failures += 1
        return
    out.latencies_ms.append((time.perf_counter() - started) * 1000)
    if status == 202:
        out.ids.append(json.loads(body)["id"])
        out.sent_at.append(wall)
    else:
        out.failures += 1


@contextmanager
def _no_client_gc() -> Iterator[None]:
    """The load generator's own garbage collection paused during a run, as timeit does: a collection pass
    over the bench process's objects stalls its event loop for tens of milliseconds, which would then be
    counted as the API's latency. The API and worker processes collect as usual."""
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


async def open_loop(base: str, rate: float, seconds: float, connections: int = 64) -> Sent:
    """POST at a fixed rate for ``seconds`` whatever the answers' speed (latency includes queueing)."""
    with _no_client_gc():
        return await _open_loop(base, rate, seconds, connections)


async def _open_loop(base: str, rate: float, seconds: float, connections: int) -> Sent:
    out, article = Sent(), uuid.uuid4().hex[:10]
    cpu0 = time.process_time()
    async with Pool(base, connections) as pool:
        requests = [pool.post_json(PATH, payload(i, article)) for i in range(int(rate * seconds))]
        tasks = []
        t0 = time.perf_counter()
        wall0 = time.time()
        for i, raw in enumerate(requests):
            due = t0 + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            else:
                out.max_lag_ms = max(out.max_lag_ms, -delay * 1000)
            tasks.append(asyncio.create_task(_post(pool, raw, out, wall0 + i / rate, due)))
        # Bounded: answers still missing after twice the phase's length count as failures.
        _, late = await asyncio.wait(tasks, timeout=max(5.0, seconds * 2))
        for task in late:
            task.cancel()
        out.failures += len(late)
        out.elapsed_s = time.perf_counter() - t0
    out.client_cpu_s = time.process_time() - cpu0
    return out


async def closed_loop(base: str, concurrency: int, seconds: float) -> Sent:
    """``concurrency`` clients POSTing back to back for ``seconds``: the API's throughput ceiling."""
    with _no_client_gc():
        return await _closed_loop(base, concurrency, seconds)


async def _closed_loop(base: str, concurrency: int, seconds: float) -> Sent:
    out, article, counter = Sent(), uuid.uuid4().hex[:10], itertools.count()
    cpu0 = time.process_time()
    async with Pool(base, concurrency) as pool:
        t0 = time.perf_counter()
        deadline = t0 + seconds

        async def _one_client() -> None:
            while time.perf_counter() < deadline:
                raw = pool.post_json(PATH, payload(next(counter), article))
                await _post(pool, raw, out, time.time(), time.perf_counter())

        await asyncio.gather(*(_one_client() for _ in range(concurrency)))
        out.elapsed_s = time.perf_counter() - t0
    out.client_cpu_s = time.process_time() - cpu0
    return out


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of ``values``; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]
