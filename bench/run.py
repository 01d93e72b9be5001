"""Latency, SQL statements per request and throughput on a synthetic organisation.

    python -m bench.run --size M|L|XL [--requests 50] [--seconds 8] [--skip-throughput]

Builds the fixtures first if ``bench/out/bench-<size>.db`` is missing. Each GET endpoint is
measured in-process with the Flask test client (p50/p95 in ms, SQL statements per request),
as HR and as a director (who sees a subtree). Then GET /api/v1/people/<id> under gunicorn
with 3 workers, as requests/s and as a ratio to a bare Flask JSON endpoint.
"""

import argparse
import statistics
import time
from datetime import timedelta

import sqlalchemy as sa
from tqdm import tqdm

from bench import fixtures
from bench.common import SIZES, default_url, make_app, sqlite_path
from bench.load import throughput

WARMUP = 3


class StatementCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, *args, **kwargs):
        self.count += 1


def _sign_in(client, login_id: str) -> None:
    """Put a login in the session as a login does (as tests/conftest.py sign_in)."""
    from core.db import utcnow

    now = utcnow().isoformat()
    with client.session_transaction() as session:
        session["_user_id"] = login_id
        session["_fresh"] = True
        session["login_at"] = now
        session["seen_at"] = now


def _targets(app) -> dict:
    """Actors, their bearer tokens, and the people to look at."""
    from auth.tokens import issue_token
    from core.extensions import db
    from people.models import Employee, User
    from people.permissions import report_ids_select

    with app.app_context():
        actors = {}
        for role, email in (("hr", "hr@bench.example"), ("director", None)):
            stmt = sa.select(User).where(User.email == email)
            if email is None:  # first director: a manager of managers
                stmt = (
                    sa.select(User)
                    .join(Employee, User.employee_id == Employee.id)
                    .where(Employee.job_title == "Director")
                    .order_by(Employee.id)
                    .limit(1)
                )
            user = db.session.scalar(stmt)
            token, _ = issue_token(user, timedelta(hours=2))
            actors[role] = (user.get_id(), token)
            if role == "director":
                # Someone in the director's subtree: both actors may see their skills.
                person_id = max(db.session.scalars(report_ids_select(user.employee_id)))
        db.session.commit()
    return {"actors": actors, "person_id": person_id}


def _endpoints(person_id: int) -> list[tuple[str, str]]:
    return [
        ("api", "/api/v1/people"),
        ("api", f"/api/v1/people/{person_id}"),
        ("api", f"/api/v1/people/{person_id}/skill-levels"),
        ("api", "/api/v1/departments"),
        ("api", "/api/v1/skills"),
        ("api", "/api/v1/role-profiles"),
        ("api", "/api/v1/me"),
        ("html", "/"),
        ("html", "/people"),
        ("html", f"/people/{person_id}"),
    ]


def measure(app, requests: int) -> list[dict]:
    from core.extensions import db

    targets = _targets(app)
    endpoints = _endpoints(targets["person_id"])
    rows = []
    total = len(endpoints) * len(targets["actors"]) * (requests + WARMUP)
    with app.app_context():
        engine = db.engine
    bar = tqdm(total=total, desc="requests", unit="req")
    for role, (login_id, token) in targets["actors"].items():
        client = app.test_client()
        _sign_in(client, login_id)
        headers = {"Authorization": f"Bearer {token}"}
        for kind, path in endpoints:
            timings, statements, status = [], [], None
            for i in range(WARMUP + requests):
                counter = StatementCounter()
                sa.event.listen(engine, "before_cursor_execute", counter)
                started = time.perf_counter()
                response = client.get(path, headers=headers if kind == "api" else {})
                elapsed = (time.perf_counter() - started) * 1000
                sa.event.remove(engine, "before_cursor_execute", counter)
                status = response.status_code
                bar.update()
                if i >= WARMUP:
                    timings.append(elapsed)
                    statements.append(counter.count)
            rows.append(
                {
                    "actor": role,
                    "path": path,
                    "status": status,
                    "p50": statistics.median(timings),
                    "p95": _percentile(timings, 95),
                    "sql": max(statements),
                    "bytes": len(response.data),
                }
            )
    bar.close()
    return rows


def _has_people(url: str) -> bool:
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return False
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("employees"):
                return False
            return bool(conn.scalar(sa.text("SELECT COUNT(*) FROM employees")))
    finally:
        engine.dispose()


def _percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def print_table(rows: list[dict]) -> None:
    print(
        f"\n{'actor':<9} {'endpoint':<34} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'SQL/req':>7} {'bytes':>7}"
    )
    for r in rows:
        flag = "" if r["status"] == 200 else "  <-- not 200"
        print(
            f"{r['actor']:<9} {r['path']:<34} {r['status']:>6} {r['p50']:>8.1f} "
            f"{r['p95']:>8.1f} {r['sql']:>7} {r['bytes']:>7}{flag}"
        )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="L")
    parser.add_argument(
        "--requests", type=int, default=50, help="per endpoint and actor"
    )
    parser.add_argument("--seconds", type=float, default=8.0, help="per throughput run")
    parser.add_argument("--threads", type=int, default=6, help="load generator threads")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--database-url", help="default: bench/out/bench-<size>.db")
    args = parser.parse_args(argv)

    url = args.database_url or default_url(args.size)
    if not _has_people(url):
        print(f"No fixtures for {args.size} in {url} yet: building them.")
        fixtures.main(["--size", args.size, "--database-url", url])
    print(
        f"\nLatency and SQL statements per request on {url.split(':')[0]} ({args.size}: "
        f"{SIZES[args.size]:,} people; {args.requests} requests each, Flask test client)"
    )
    app = make_app(url)
    rows = measure(app, args.requests)
    print_table(rows)
    failed = [r for r in rows if r["status"] != 200]

    if not args.skip_throughput:
        print("\nThroughput of GET /api/v1/people/<id> (gunicorn, 3 sync workers)")
        targets = _targets(app)
        token = targets["actors"]["hr"][1]
        rps = throughput(
            url, targets["person_id"], token, seconds=args.seconds, threads=args.threads
        )
        ratio = rps["trellis"] / rps["bare flask"]
        print(
            f"\nTrellis {rps['trellis']:.0f} req/s; bare Flask {rps['bare flask']:.0f} "
            f"req/s; ratio {ratio:.2f}"
        )
    if failed:
        raise SystemExit(f"{len(failed)} endpoint(s) did not answer 200")


if __name__ == "__main__":
    main()
