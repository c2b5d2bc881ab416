"""Web speed: latency percentiles and requests per second of the workbench's main pages and an API list,
next to /healthz of the same server in the same run (the ceiling: routing, middleware, one `SELECT 1`).

Datasets: the district (the demo: the bundled Jiangcheng report, 25 tasks, a year of reports) and a
generated province (bench/store.py's generator: plans × tasks × 12 months of approved reports; the
newest plan's pages are fetched). The server is `uvicorn` with one worker in its own process on
127.0.0.1. Latencies are of requests sent one at a time (no queueing); req/s is of as many requests
sent from --threads client threads at once; --requests bounds both.

Run: `python bench/web.py` (both datasets on SQLite), or with `--postgresql URL` (district on
SQLite as `make run` serves it, province on PostgreSQL in a database created beside URL and dropped).
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.passwords import hash_password
from luoshi.services.operations.demo import DEMO_DATE, load_demo
from luoshi.storage import make_engine, session_factory, transaction
from luoshi.storage.models import User
from luoshi.vocabulary import UserRole

sys.path.insert(0, str(Path(__file__).parent))
from store import AS_OF, database, generate

PASSWORD = "bench-password-1"


@dataclass(frozen=True)
class Result:
    """Latencies of one endpoint on one dataset."""

    dataset: str
    endpoint: str
    p50: float
    p95: float
    p99: float
    rps: float


def free_port() -> int:
    """A port nobody listens on, on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(url: str, as_of: str) -> Iterator[str]:
    """uvicorn serving the app on `url`'s database in its own process; yields the base address."""
    port = free_port()
    env = {
        **os.environ,
        "LUOSHI_DATABASE_URL": url,
        "LUOSHI_SECRET_KEY": "bench-secret-key-0123456789",
        "LUOSHI_AS_OF": as_of,
    }
    command = [sys.executable, "-m", "uvicorn", "luoshi.web.main:app_from_environment", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    server = subprocess.Popen(command, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(10)


def signed_in(base: str, username: str, password: str) -> httpx.Client:
    """A client with a session cookie, signed in through the login form."""
    client = httpx.Client(base_url=base, timeout=30)
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token, "the login page has no CSRF field"
    form = {"username": username, "password": password, "csrf_token": token.group(1), "next": "/"}
    answer = client.post("/login", data=form)
    assert answer.status_code in (200, 303), answer.text
    return client


def measure(clients: list[httpx.Client], path: str, requests: int) -> tuple[list[float], float]:
    """Latencies (ms) of `requests` GETs one at a time, then req/s of as many spread over the clients' threads."""
    for client in clients:  # warm-up: templates compiled, caches filled
        assert client.get(path).status_code == 200, path

    def one(i: int) -> float:
        start = time.perf_counter()
        answer = clients[i % len(clients)].get(path)
        elapsed = (time.perf_counter() - start) * 1000
        assert answer.status_code == 200, (path, answer.status_code)
        return elapsed

    # Latency without queueing: one request at a time, as a user meets it on a quiet server.
    latencies = [one(i) for i in range(requests)]
    start = time.perf_counter()
    with ThreadPoolExecutor(len(clients)) as pool:
        list(pool.map(one, range(requests)))
    return latencies, requests / (time.perf_counter() - start)


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile (0–1) of the values."""
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[min(98, max(0, round(share * 100) - 1))]


def bench(
    dataset: str, url: str, as_of: str, username: str, password: str, requests: int, threads: int
) -> list[Result]:
    """Every endpoint of one dataset on one server."""
    with served(url, as_of) as base:
        clients = [signed_in(base, username, password) for _ in range(threads)]
        plan_id, task_id = _newest(clients[0])
        paths = {
            "/healthz (ceiling)": "/healthz",
            "dashboard": f"/plans/{plan_id}",
            "task list": f"/plans/{plan_id}/tasks",
            "task page": f"/tasks/{task_id}",
            "API task list": f"/api/v1/plans/{plan_id}/tasks",
        }
        results = []
        for name, path in paths.items():
            latencies, rate = measure(clients, path, requests)
            results.append(
                Result(
                    dataset,
                    name,
                    percentile(latencies, 0.50),
                    percentile(latencies, 0.95),
                    percentile(latencies, 0.99),
                    rate,
                )
            )
        for client in clients:
            client.close()
        return results


def _newest(client: httpx.Client) -> tuple[int, int]:
    """The newest plan's id and its first task's id, from the API."""
    plan_id = int(client.get("/api/v1/plans").json()[0]["id"])
    tasks = client.get(f"/api/v1/plans/{plan_id}/tasks").json()
    return plan_id, int(tasks[0]["id"])


def district(folder: Path) -> str:
    """The demo in a new SQLite file; its URL."""
    with database("sqlite", None, folder) as url:
        engine = make_engine(url)
        load_demo(sessions=session_factory(engine))
        engine.dispose()
        return url


def add_admin(sessions: sessionmaker[Session]) -> None:
    """The account the benchmark signs in as."""
    with transaction(sessions) as session:
        session.add(User(username="bench", role=UserRole.ADMIN, password_hash=hash_password(PASSWORD)))


def print_table(results: list[Result]) -> None:
    """A Markdown table; the ratio is p50 over the same dataset's /healthz p50."""
    print("| dataset | endpoint | p50 ms | p95 ms | p99 ms | req/s | p50 ÷ healthz |")
    print("|---|---|---:|---:|---:|---:|---:|")
    ceiling = {r.dataset: r.p50 for r in results if r.endpoint.startswith("/healthz")}
    for r in results:
        ratio = r.p50 / ceiling[r.dataset]
        print(f"| {r.dataset} | {r.endpoint} | {r.p50:.1f} | {r.p95:.1f} | {r.p99:.1f} | {r.rps:.0f} | {ratio:.1f} |")


def main(argv: list[str] | None = None) -> int:
    """Build the datasets, serve each, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgresql", help="a PostgreSQL server URL for the province (a database is made and dropped)"
    )
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint (default 300)")
    parser.add_argument("--threads", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--plans", type=int, default=100, help="province plans (default 100)")
    parser.add_argument("--tasks", type=int, default=300, help="tasks per province plan (default 300)")
    args = parser.parse_args(argv)
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as folder:
        url = district(Path(folder))
        results += bench(
            "district (SQLite)", url, DEMO_DATE.isoformat(), "admin", "demo-admin", args.requests, args.threads
        )
        backend = "postgresql" if args.postgresql else "sqlite"
        with database(backend, args.postgresql, Path(folder)) as province:
            engine = make_engine(province)
            sessions = session_factory(engine)
            generate(sessions, args.plans, args.tasks, 12)
            add_admin(sessions)
            engine.dispose()
            label = f"province {args.plans}×{args.tasks} ({'PostgreSQL' if args.postgresql else 'SQLite'})"
            results += bench(label, province, AS_OF.isoformat(), "bench", PASSWORD, args.requests, args.threads)
    print_table(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
