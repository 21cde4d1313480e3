"""A minimal HTTP/1.1 keep-alive client for the benchmark: a few raw asyncio connections, no httpx.

The load generator shares the 2 CPUs with the API and the worker, so every millisecond it spends is one the
service does not get. This client writes pre-encoded requests and reads answers by Content-Length, costing
a small fraction of what a full-featured client does per request. It speaks only to our own API.
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urlsplit


class HttpError(Exception):
    """The connection broke or the answer was not HTTP/1.1 we understand."""


class Connection:
    """One keep-alive connection sending one request at a time."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._reader is None or self._writer is None or self._writer.is_closing():
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        return self._reader, self._writer

    async def request(self, raw: bytes) -> tuple[int, bytes]:
        """Send one pre-encoded request; the status code and body of its answer."""
        try:
            reader, writer = await self._open()
            writer.write(raw)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n")[1:]:
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            body = await reader.readexactly(length) if length else b""
        except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
            self.close()
            raise HttpError(str(exc)) from exc
        return status, body

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None


class Pool:
    """Up to ``size`` connections to ``base``; a request waits for a free one."""

    def __init__(self, base: str, size: int) -> None:
        parts = urlsplit(base)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self._free: asyncio.Queue[Connection] = asyncio.Queue()
        for _ in range(size):
            self._free.put_nowait(Connection(self.host, self.port))
        self._all = list(self._free._queue)  # type: ignore[attr-defined]

    def post_json(self, path: str, payload: object) -> bytes:
        """A POST request with a JSON body, encoded once."""
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        return head.encode() + body

    async def request(self, raw: bytes) -> tuple[int, bytes]:
        conn = await self._free.get()
        try:
            return await conn.request(raw)
        finally:
            self._free.put_nowait(conn)

    async def __aenter__(self) -> Pool:
        return self

    async def __aexit__(self, *_: object) -> None:
        for conn in self._all:
            conn.close()
