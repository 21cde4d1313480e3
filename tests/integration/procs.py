"""What a running test stack is made of; the processes themselves are started by service.processes."""

from __future__ import annotations

from dataclasses import dataclass

from service.processes import RedisServer, Service


@dataclass
class Stack:
    """A running API and worker, and where they keep their data."""

    base: str
    database_url: str
    redis: RedisServer
    redis_db: int
    api: Service
    worker: Service
