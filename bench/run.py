"""Latency, SQL statements per request and throughput on a synthetic organisation.

    python -m bench.run --size M|L|XL [--requests 50] [--skip-throughput]
                        [--rounds 5] [--seconds 5] [--concurrency 4]
    python -m bench.run --compare M,XL [--requests 20]

Builds the fixtures first if ``bench/out/bench-<size>.db`` is missing. Each GET endpoint is
measured in-process with the Flask test client (p50/p95 in ms, SQL statements per request),
as HR and as a director (who sees a subtree). Then the reviews: the launch of a cycle over
the whole organisation (``reviews.services.launch_cycle``, then its commit; removed again
afterwards), and the review page and API (``/reviews/<id>``, ``/api/v1/reviews/<id>``,
``/api/v1/reviews/<id>/history``) for reviews of the active cycle with six previous
reviews, as HR, the reviewer and the employee; a route not registered (yet) is skipped
with a message. Then ``bench.throughput`` (gunicorn, ApacheBench, interleaved rounds
against bare Flask and bare Flask + SQLAlchemy; read its docstring for the figures).

``--compare M,XL`` prints instead, for each page issue 17 names, the median latency at
both sizes measured alternately and the ratio XL ÷ M (``bench.compare``).
"""

import argparse
import itertools
import statistics
import time
from datetime import date, timedelta

import sqlalchemy as sa
from tqdm import tqdm

from bench import fixtures, throughput
from bench.common import SIZES, default_url, has_people, make_app
from bench.compare import ISSUE_PAGES, compare, parse_sizes, print_compare
from bench.signin import sign_in_client
from bench.targets import shared_reviews

WARMUP = 3
LAUNCH_TARGET_S = 5.0
REVIEW_PAGE_TARGET_MS = 200.0


class StatementCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, *args, **kwargs):
        self.count += 1


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


def _time_gets(client, engine, paths, headers: dict, requests: int, bar) -> dict:
    """GET ``paths`` in turn, ``WARMUP + requests`` times; p50/p95 ms, max statements."""
    timings, statements, status, size = [], [], set(), 0
    cycle = itertools.cycle(paths)
    for i in range(WARMUP + requests):
        counter = StatementCounter()
        sa.event.listen(engine, "before_cursor_execute", counter)
        started = time.perf_counter()
        response = client.get(next(cycle), headers=headers)
        elapsed = (time.perf_counter() - started) * 1000
        sa.event.remove(engine, "before_cursor_execute", counter)
        bar.update()
        if i >= WARMUP:
            timings.append(elapsed)
            statements.append(counter.count)
            status.add(response.status_code)
            size = max(size, len(response.data))
    return {
        "status": status.pop() if len(status) == 1 else min(status - {200} or {0}),
        "p50": statistics.median(timings),
        "p95": _percentile(timings, 95),
        "sql": max(statements),
        "bytes": size,
    }


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
        sign_in_client(client, login_id)
        headers = {"Authorization": f"Bearer {token}"}
        for kind, path in endpoints:
            result = _time_gets(
                client, engine, [path], headers if kind == "api" else {}, requests, bar
            )
            rows.append({"actor": role, "path": path, **result})
    bar.close()
    return rows


# -- reviews ---------------------------------------------------------------------------


def measure_launch(app) -> dict | None:
    """Launch a fresh draft cycle over everyone; time the launch and its commit, then
    remove the cycle, its reviews and its audit events again."""
    from core.audit import AuditEvent
    from core.extensions import db
    from people.models import User
    from reviews.enums import CycleStatus, PopulationKind
    from reviews.models import Review, ReviewCycle, ReviewTemplate
    from reviews.services import launch_cycle

    with app.app_context():
        template_id = db.session.scalar(sa.select(sa.func.min(ReviewTemplate.id)))
        if template_id is None:
            return None
        hr = db.session.scalar(sa.select(User).where(User.email == "hr@bench.example"))
        today = date.today()
        cycle = ReviewCycle(
            name=f"Bench launch {time.time_ns()}",
            period_start=today - timedelta(days=180),
            period_end=today,
            template_id=template_id,
            population=PopulationKind.everyone,
            department_ids=[],
            self_due_on=today + timedelta(days=14),
            manager_due_on=today + timedelta(days=28),
            signoff_due_on=today + timedelta(days=42),
            status=CycleStatus.draft,
        )
        db.session.add(cycle)
        db.session.commit()
        started = time.perf_counter()
        count = launch_cycle(hr, cycle)
        launched = time.perf_counter() - started
        db.session.commit()
        committed = time.perf_counter() - started
        db.session.execute(sa.delete(Review).where(Review.cycle_id == cycle.id))
        db.session.execute(
            sa.delete(AuditEvent).where(
                AuditEvent.object_type == "ReviewCycle",
                AuditEvent.object_id == cycle.id,
            )
        )
        db.session.delete(cycle)
        db.session.commit()
    return {"reviews": count, "launch": launched, "with_commit": committed}


def _review_targets(app) -> dict | None:
    """Shared reviews of the active cycle whose employee has six previous shared
    reviews; the actors who may read them (HR, the reviewer, the employee)."""
    from auth.tokens import issue_token
    from core.extensions import db
    from people.models import User

    with app.app_context():
        rows = shared_reviews()
        if not rows:
            return None
        reviewer = rows[0].reviewer_id
        picks = {
            "hr": [r.id for r in rows[:5]],
            "reviewer": [r.id for r in rows if r.reviewer_id == reviewer][:5],
            "employee": [rows[0].id],
        }
        emails = {
            "hr": "hr@bench.example",
            "reviewer": f"person{reviewer}@bench.example",
            "employee": f"person{rows[0].employee_id}@bench.example",
        }
        actors = {}
        for role, email in emails.items():
            user = db.session.scalar(sa.select(User).where(User.email == email))
            token, _ = issue_token(user, timedelta(hours=2))
            actors[role] = (user.get_id(), token, picks[role])
        db.session.commit()
    return actors


REVIEW_ENDPOINTS = [
    ("html", "/reviews/{id}"),
    ("api", "/api/v1/reviews/{id}"),
    ("api", "/api/v1/reviews/{id}/history"),
]


def _registered(app, path: str) -> bool:
    from werkzeug.exceptions import MethodNotAllowed, NotFound

    try:
        app.url_map.bind("localhost").match(path, method="GET")
    except (NotFound, MethodNotAllowed):
        return False
    return True


def measure_reviews(app, requests: int) -> tuple[list[dict], list[str]]:
    """Review page and API latency; returns (rows, messages about skipped routes)."""
    from core.extensions import db

    actors = _review_targets(app)
    if actors is None:
        return [], ["no shared review with six previous reviews: rebuild the fixtures"]
    endpoints, skipped = [], []
    for kind, pattern in REVIEW_ENDPOINTS:
        if _registered(app, pattern.format(id=1)):
            endpoints.append((kind, pattern))
        else:
            skipped.append(f"GET {pattern} is not registered yet: skipped")
    with app.app_context():
        engine = db.engine
    rows = []
    total = len(endpoints) * len(actors) * (requests + WARMUP)
    bar = tqdm(total=total, desc="review requests", unit="req")
    for role, (login_id, token, review_ids) in actors.items():
        client = app.test_client()
        sign_in_client(client, login_id)
        headers = {"Authorization": f"Bearer {token}"}
        for kind, pattern in endpoints:
            paths = [pattern.format(id=i) for i in review_ids]
            result = _time_gets(
                client, engine, paths, headers if kind == "api" else {}, requests, bar
            )
            rows.append({"actor": role, "path": pattern, **result})
    bar.close()
    return rows, skipped


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
    parser.add_argument("--rounds", type=int, default=5, help="throughput rounds")
    parser.add_argument("--seconds", type=int, default=5, help="per ab run")
    parser.add_argument("--concurrency", type=int, default=4, help="ab -c")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--database-url", help="default: bench/out/bench-<size>.db")
    parser.add_argument(
        "--compare",
        metavar="M,XL",
        help="only the pages issue 17 names, at two sizes alternately, and the ratio",
    )
    args = parser.parse_args(argv)

    if args.compare:
        try:
            sizes = parse_sizes(args.compare)
        except ValueError as err:
            parser.error(str(err))
        rows = compare(sizes, ISSUE_PAGES, args.requests)
        print_compare(rows, sizes, args.requests)
        return
    url = args.database_url or default_url(args.size)
    if not has_people(url):
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

    launch = measure_launch(app)
    if launch is None:
        print("\nCycle launch: no review template in the fixtures; skipped")
    else:
        verdict = "ok" if launch["with_commit"] <= LAUNCH_TARGET_S else "OVER TARGET"
        print(
            f"\nCycle launch (reviews.services.launch_cycle, {launch['reviews']:,} "
            f"reviews): {launch['launch']:.2f} s; with commit {launch['with_commit']:.2f} s "
            f"(target <= {LAUNCH_TARGET_S:.0f} s: {verdict})"
        )
    print("\nReview page and API, reviews with 6 previous reviews")
    review_rows, skipped = measure_reviews(app, args.requests)
    for message in skipped:
        print(f"  {message}")
    if review_rows:
        print_table(review_rows)
        worst = max(r["p95"] for r in review_rows)
        verdict = "ok" if worst <= REVIEW_PAGE_TARGET_MS else "OVER TARGET"
        print(
            f"worst p95 {worst:.1f} ms (target <= {REVIEW_PAGE_TARGET_MS:.0f} ms: "
            f"{verdict})"
        )
    failed += [r for r in review_rows if r["status"] != 200]

    if not args.skip_throughput:
        with app.app_context():
            from core.extensions import db

            db.engine.dispose()  # the gunicorn servers are the clients now
        throughput.main(
            [
                *("--size", args.size, "--database-url", url),
                *("--rounds", str(args.rounds), "--seconds", str(args.seconds)),
                *("--concurrency", str(args.concurrency)),
            ]
        )
    if failed:
        raise SystemExit(f"{len(failed)} endpoint(s) did not answer 200")


if __name__ == "__main__":
    main()
