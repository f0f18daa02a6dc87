"""Load-test GET /api/events: a temp store with 100,000 synthetic events, uvicorn, an open-loop client.

    .venv/bin/python benchmarks/bench_api.py                     # 100k events, 200 req/s for 15 s
    .venv/bin/python benchmarks/bench_api.py --rate 400 --duration 10 --max-throughput 10

The store is filled through the Store interface (one save_results transaction
per 2,000 articles). The server runs in its own process (``uvicorn --factory
kilde.serve.app:create_app_from_env``) so the load generator does not share its
interpreter. Requests are sent on a fixed schedule (open loop) and latency is
measured from each request's scheduled time, so a stalled server shows up as
latency rather than as fewer requests. The query mix rotates through the
filters the map uses. Prints p50/p90/p99/max latency, achieved requests/s and
errors; with --max-throughput, also a closed-loop throughput figure.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import httpx

from kilde.serve.demo import ACTORS, PLACES, T0, TYPES, synthetic_results
from kilde.serve.server import free_port
from kilde.store import open_store


def fill_store(path: Path, n_events: int) -> float:
    started = time.perf_counter()
    results = synthetic_results(n_events)
    with open_store(path) as store:
        for i in range(0, len(results), 2000):
            batch = results[i:i + 2000]
            store.add_articles(r.article for r in batch)
            store.save_results(batch, "bench")
    return time.perf_counter() - started


FILTERS = ("none", "type", "actor", "place", "bbox", "dates", "offset", "verified", "historical")
INDEXED = ("none", "type", "bbox", "verified", "historical")  # answered from an index range


def query_mix(rng: random.Random, n: int = 200, filters: tuple[str, ...] = FILTERS) -> list[str]:
    """The map's and API clients' requests: no filter, each filter, later pages; few repeats."""
    mix = []
    for _ in range(n):
        kind = rng.choice(filters)
        if kind == "none":
            mix.append("/api/events")
        elif kind == "type":
            mix.append(f"/api/events?type={rng.choice(TYPES)[0]}")
        elif kind == "actor":
            mix.append(f"/api/events?actor={rng.choice(ACTORS).replace(' ', '%20')}")
        elif kind == "place":
            mix.append(f"/api/events?place={rng.choice(PLACES)[0].replace(' ', '%20')}")
        elif kind == "bbox":
            lat, lon = rng.uniform(-50, 50), rng.uniform(-150, 150)
            mix.append(f"/api/events?bbox={lon:.2f},{lat:.2f},{lon + 20:.2f},{lat + 15:.2f}")
        elif kind == "dates":
            start = T0 + timedelta(days=rng.randrange(0, 1400))
            mix.append(f"/api/events?since={start:%Y-%m-%d}&until={start + timedelta(days=30):%Y-%m-%d}")
        elif kind == "offset":
            mix.append(f"/api/events?offset={rng.randrange(0, 5000)}")
        elif kind == "verified":
            mix.append(f"/api/events?verified_only=true&type={rng.choice(TYPES)[0]}")
        else:
            mix.append(f"/api/events?include_historical=true&limit={rng.choice([10, 50, 100])}")
    return mix


def _filter_name(url: str) -> str:
    if "?" not in url:
        return "(no filter)"
    return "+".join(sorted(part.split("=")[0] for part in url.split("?", 1)[1].split("&")))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


async def open_loop(base: str, urls: list[str], rate: float, duration: float) -> dict:
    n = int(rate * duration)
    latencies: list[float] = [0.0] * n
    errors = 0
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        start = time.perf_counter() + 0.2

        async def one(i: int) -> None:
            nonlocal errors
            due = start + i / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            try:
                response = await client.get(urls[i % len(urls)])
                if response.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies[i] = time.perf_counter() - due

        await asyncio.gather(*(one(i) for i in range(n)))
        elapsed = time.perf_counter() - start
    return {"requests": n, "elapsed": elapsed, "latencies": latencies, "errors": errors,
            "urls": [urls[i % len(urls)] for i in range(n)]}


async def closed_loop(base: str, urls: list[str], workers: int, duration: float) -> dict:
    done = errors = 0
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        stop = time.perf_counter() + duration

        async def worker(w: int) -> None:
            nonlocal done, errors
            i = w
            while time.perf_counter() < stop:
                response = await client.get(urls[i % len(urls)])
                errors += response.status_code != 200
                done += 1
                i += workers

        started = time.perf_counter()
        await asyncio.gather(*(worker(w) for w in range(workers)))
        elapsed = time.perf_counter() - started
    return {"requests": done, "elapsed": elapsed, "errors": errors}


def server_cpu(process: subprocess.Popen) -> float:
    """CPU seconds used by the server and its worker processes."""
    import psutil

    root = psutil.Process(process.pid)
    total = 0.0
    for proc in [root, *root.children(recursive=True)]:
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "KILDE_DB": str(db)}
    env.pop("KILDE_WRITE_TOKEN", None)
    command = [sys.executable, "-m", "uvicorn", "--factory", "kilde.serve.app:create_app_from_env",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    if workers > 1:
        command += ["--workers", str(workers)]
    process = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/events?limit=1", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        if process.poll() is not None:
            raise SystemExit("the server exited during start-up")
        time.sleep(0.2)
    process.terminate()
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second (open loop)")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds of open-loop load")
    parser.add_argument("--max-throughput", type=float, default=0.0, metavar="SECONDS",
                        help="then run a closed loop this long to find the ceiling")
    parser.add_argument("--concurrency", type=int, default=16, help="closed-loop workers")
    parser.add_argument("--server-workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--db", type=Path, help="reuse (or create) this store instead of a temp one")
    parser.add_argument("--filters", default="all",
                        help="comma-separated request kinds (" + ",".join(FILTERS) + "), 'all' or 'indexed'")
    args = parser.parse_args()
    if args.filters == "all":
        filters = FILTERS
    elif args.filters == "indexed":
        filters = INDEXED
    else:
        filters = tuple(f.strip() for f in args.filters.split(","))
        unknown = set(filters) - set(FILTERS)
        if unknown:
            parser.error(f"unknown request kinds: {', '.join(sorted(unknown))}")

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            seconds = fill_store(db, args.events)
            print(f"store: {args.events:,} synthetic events written in {seconds:.1f} s -> {db}")
        with open_store(db) as store:
            from kilde.store import EventFilter

            total = store.count_events(EventFilter(include_historical=True))
        print(f"store: {total:,} events, {db.stat().st_size / 1e6:.0f} MB")
        load = os.getloadavg()
        print(f"machine: {os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} before the run"
              " (other processes share these cores; compare CPU per request across machines)")
        port = free_port()
        server = start_server(db, port, args.server_workers)
        base = f"http://127.0.0.1:{port}"
        try:
            warm_up = query_mix(random.Random(0), 100, filters)
            asyncio.run(open_loop(base, warm_up, rate=min(args.rate, 50), duration=2))
            urls = query_mix(random.Random(1), int(args.rate * args.duration), filters)
            cpu_before, client_before = server_cpu(server), time.process_time()
            result = asyncio.run(open_loop(base, urls, args.rate, args.duration))
            cpu_ms = (server_cpu(server) - cpu_before) * 1000 / result["requests"]
            client_ms = (time.process_time() - client_before) * 1000 / result["requests"]
            lat = [x * 1000 for x in result["latencies"]]
            print(f"open loop: {result['requests']} requests at {args.rate:.0f}/s target over {args.duration:.0f} s;"
                  f" achieved {result['requests'] / result['elapsed']:.1f} req/s, errors {result['errors']}")
            print(f"  request kinds: {', '.join(filters)}; server CPU {cpu_ms:.1f} ms per request"
                  f" (~{1000 / cpu_ms:.0f} req/s per free core); load generator CPU {client_ms:.1f} ms per request")
            print(f"  /api/events latency ms: p50 {percentile(lat, 50):.1f}  p90 {percentile(lat, 90):.1f}"
                  f"  p99 {percentile(lat, 99):.1f}  max {max(lat):.1f}  mean {statistics.fmean(lat):.1f}")
            verdict = "PASS" if percentile(lat, 99) < 200 and not result["errors"] else "FAIL"
            print(f"  target p99 < 200 ms at {args.rate:.0f} req/s: {verdict}")
            by_filter: dict[str, list[float]] = {}
            for url, ms in zip(result["urls"], lat, strict=True):
                by_filter.setdefault(_filter_name(url), []).append(ms)
            for name, values in sorted(by_filter.items()):
                print(f"    {name:<28} n={len(values):<5} p50 {percentile(values, 50):7.1f}"
                      f"  p99 {percentile(values, 99):7.1f}")
            if args.max_throughput:
                closed = asyncio.run(closed_loop(base, urls, args.concurrency, args.max_throughput))
                print(f"closed loop: {args.concurrency} workers, {closed['requests'] / closed['elapsed']:.1f} req/s,"
                      f" errors {closed['errors']}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
