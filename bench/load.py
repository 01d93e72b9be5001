"""Throughput under gunicorn: Trellis vs a bare Flask endpoint, load generated from Python.

A thread pool of keep-alive ``http.client`` connections to 127.0.0.1 hammers one URL for
``seconds`` (or until ``max_requests``); the result is requests per second.
"""

import http.client
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from bench.common import gunicorn


def hammer(
    port: int,
    path: str,
    headers: dict,
    *,
    seconds: float,
    threads: int,
    max_requests: int = 1_000_000,
) -> tuple[float, int, int]:
    """Return (requests per second, successes, errors)."""
    lock = threading.Lock()
    counts = {"sent": 0, "ok": 0, "errors": 0}
    deadline = time.monotonic() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            while time.monotonic() < deadline:
                with lock:
                    if counts["sent"] >= max_requests:
                        return
                    counts["sent"] += 1
                try:
                    conn.request("GET", path, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    ok = response.status == 200
                    if response.will_close:
                        conn.close()
                except (OSError, http.client.HTTPException):
                    ok = False
                    conn.close()
                with lock:
                    counts["ok" if ok else "errors"] += 1
        finally:
            conn.close()

    started = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(worker) for _ in range(threads)]:
            future.result()
    elapsed = time.monotonic() - started
    return counts["ok"] / elapsed, counts["ok"], counts["errors"]


def throughput(
    url: str, person_id: int, token: str, *, workers=3, seconds=8.0, threads=6
) -> dict:
    """Requests/s of GET /api/v1/people/<id> on Trellis and on bench.bare_app."""
    path = f"/api/v1/people/{person_id}"
    auth = {"Authorization": f"Bearer {token}"}
    results = {}
    runs: tuple[tuple[str, str, dict[str, str], dict[str, str]], ...] = (
        ("trellis", "app:create_app()", {"DATABASE_URL": url}, auth),
        ("bare flask", "bench.bare_app:app", {}, {}),
    )
    for name, spec, env, headers in runs:
        print(
            f"  gunicorn -w {workers} {spec}: {threads} client threads, {seconds:g} s …"
        )
        with gunicorn(spec, workers=workers, env=env) as port:
            hammer(port, path, headers, seconds=1.0, threads=threads)  # warm up
            rps, ok, errors = hammer(
                port, path, headers, seconds=seconds, threads=threads
            )
        results[name] = rps
        print(f"    {rps:8.1f} requests/s ({ok} ok, {errors} errors)")
        if errors or not ok:
            raise SystemExit(f"{name}: {errors} failed requests, {ok} ok")
    return results
