"""A light HTTP/1.1 load generator for benchmarks/service.py: one asyncio event loop, raw
keep-alive sockets, pre-built requests (no HTTP library per request), so the generator takes
a small share of the 2 cores the service needs.

Two modes, both over ``clients`` keep-alive connections, each connection one request at a time:

* **closed loop** (``rate=None``): every connection sends its next request as soon as the answer
  to the previous one is in. Shows the most the service answers per second; latency is from send
  to the last byte of the answer. With ``clients`` connections, Little's law ties the two:
  mean latency = clients / throughput (50 clients at 500/s wait 100 ms on average).
* **open loop** (``rate=R``): requests are *scheduled* at a constant total rate R, spread evenly
  over the connections (connection k sends its j-th request at ``start + (k + j * clients) / R``).
  Latency is measured **from the scheduled time**, so when the service falls behind, the waiting
  for a free connection counts (no coordinated omission, as in wrk2): p99 is what a caller sending
  R requests per second would see.
"""

from __future__ import annotations

import asyncio
import random
import re
import resource
import time
from typing import Optional

TIMEOUT = 30.0  # seconds after the end an answer may still take
_LENGTH = re.compile(rb"\r\ncontent-length:\s*(\d+)")


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


class _Conn(asyncio.Protocol):
    """One keep-alive connection; ``ask(request)`` → status code (0: failed)."""

    def __init__(self):
        self.transport = None
        self.buf = bytearray()
        self.fut: Optional[asyncio.Future] = None
        self.need = -1  # bytes of the whole answer once its head is read
        self.status = 0
        self.chunked = False

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.buf += data
        if self.need < 0:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buf[:end]).lower()
            self.status = int(head[9:12])
            self.chunked = b"transfer-encoding: chunked" in head
            match = _LENGTH.search(head)
            self.need = end + 4 + (int(match.group(1)) if match else 0)
        if self.chunked:
            done = self.buf.endswith(b"0\r\n\r\n")
        else:
            done = len(self.buf) >= self.need
        if done:
            self._finish(self.status)

    def _finish(self, status):
        self.buf.clear()
        self.need = -1
        fut, self.fut = self.fut, None
        if fut is not None and not fut.done():
            fut.set_result(status)

    def connection_lost(self, exc):
        self.transport = None
        self._finish(0)

    def ask(self, request: bytes) -> asyncio.Future:
        self.fut = asyncio.get_running_loop().create_future()
        if self.transport is None or self.transport.is_closing():
            self.fut.set_result(0)
        else:
            self.transport.write(request)
        return self.fut


async def _run(port, requests, clients, seconds, rate, seed):
    loop = asyncio.get_running_loop()
    conns = []
    for _ in range(clients):
        _, conn = await loop.create_connection(_Conn, "127.0.0.1", port)
        conns.append(conn)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    start = time.perf_counter() + 0.05
    stop = start + seconds

    async def drive(k: int, conn: _Conn):
        rng = random.Random(seed * 1000 + k)
        j = 0
        while True:
            if rate is None:
                t = time.perf_counter()
                if t >= stop:
                    return
            else:
                t = start + (k + j * clients) / rate
                if t >= stop:
                    return
                wait = t - time.perf_counter()
                if wait > 0:
                    await asyncio.sleep(wait)
            j += 1
            if conn.transport is None:  # reconnect after a failure
                try:
                    _, conn = await loop.create_connection(_Conn, "127.0.0.1", port)
                except OSError:
                    statuses[0] = statuses.get(0, 0) + 1
                    continue
            pending[k] = t  # no timer per request (it would cost the generator CPU): an
            status = await conn.ask(rng.choice(requests))  # answer still out at the end fails
            pending[k] = None
            latencies.append(time.perf_counter() - t)
            statuses[status] = statuses.get(status, 0) + 1

    pending: list = [None] * clients
    t0 = time.perf_counter()
    try:
        await asyncio.wait_for(
            asyncio.gather(*(drive(k, c) for k, c in enumerate(conns))), seconds + TIMEOUT
        )
    except asyncio.TimeoutError:  # answers not in TIMEOUT s after the end: errors
        for sent in pending:
            if sent is not None:
                latencies.append(time.perf_counter() - sent)
                statuses[0] = statuses.get(0, 0) + 1
    wall = time.perf_counter() - t0
    for conn in conns:
        if conn.transport is not None:
            conn.transport.close()
    return latencies, statuses, wall


def run(
    port: int,
    paths: list[str],
    key: str,
    clients: int,
    seconds: float,
    rate: Optional[float] = None,
    seed: int = 1,
) -> dict:
    """Load ``paths`` (random picks) for ``seconds``; closed loop, or open loop at ``rate``/s.
    Returns requests, rate (answers/s), p50/p99/max ms, errors (non-200), generator CPU s."""
    requests = [
        (
            f"GET {p} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Authorization: Bearer {key}\r\nUser-Agent: ymt-bench\r\n\r\n"
        ).encode()
        for p in paths
    ]
    cpu0 = _cpu()
    latencies, statuses, wall = asyncio.run(_run(port, requests, clients, seconds, rate, seed))
    cpu = _cpu() - cpu0
    lat = sorted(x * 1000 for x in latencies)
    n = len(lat)
    return {
        "requests": n,
        "rate": n / wall,
        "p50": lat[n // 2] if n else float("nan"),
        "p99": lat[max(0, -(-n * 99 // 100) - 1)] if n else float("nan"),
        "max": lat[-1] if n else float("nan"),
        "errors": n - statuses.get(200, 0),
        "statuses": statuses,
        "client_cpu": cpu,
        "wall": wall,
    }
