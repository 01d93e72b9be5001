"""Latency and SQL statements of every report on a synthetic organisation.

    python -m bench.reports --size L [--requests 10] [--database-url URL]
    python -m bench.reports --compare M,XL [--requests 10]

Builds the fixtures first if the database has no people. Each report is fetched as HR
(the whole organisation) and as the first director (a subtree): the HTML page, the API
and the CSV download, ``WARMUP`` + ``--requests`` times; p50/p95 in ms and the largest
statement count. The decision-evidence CSV as HR is one row per person (5,000 on L).

``--compare M,XL``: instead, the reports dashboard and every report's page as HR at both
sizes, requested alternately, with each size's median and the ratio XL ÷ M
(``bench.compare``).
"""

import argparse
import statistics
import time
from datetime import timedelta

import sqlalchemy as sa

from bench import fixtures
from bench.common import SIZES, default_url, make_app
from bench.compare import Page, compare, parse_sizes, print_compare
from bench.run import StatementCounter
from bench.signin import sign_in_client

WARMUP = 2
TARGETS = {"training-gaps": "<= 250 ms at XL"}  # issue 17


def _actors(app) -> dict:
    from auth.tokens import issue_token
    from core.extensions import db
    from people.models import Employee, User

    with app.app_context():
        hr = db.session.scalar(sa.select(User).where(User.email == "hr@bench.example"))
        director = db.session.scalar(
            sa.select(User)
            .join(Employee, User.employee_id == Employee.id)
            .where(Employee.job_title == "Director")
            .order_by(Employee.id)
            .limit(1)
        )
        out = {}
        for role, user in (("hr", hr), ("director", director)):
            token, _ = issue_token(user, timedelta(hours=2))
            out[role] = (user.get_id(), token)
        db.session.commit()
    return out


def _time(client, engine, url, headers, requests) -> dict:
    timings, statements, rows = [], [], 0
    for i in range(WARMUP + requests):
        counter = StatementCounter()
        sa.event.listen(engine, "before_cursor_execute", counter)
        started = time.perf_counter()
        response = client.get(url, headers=headers)
        elapsed = (time.perf_counter() - started) * 1000
        sa.event.remove(engine, "before_cursor_execute", counter)
        assert response.status_code == 200, (url, response.status_code)
        if i >= WARMUP:
            timings.append(elapsed)
            statements.append(counter.count)
        if url.endswith(".csv"):
            rows = response.get_data(as_text=True).count("\n") - 1
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return {
        "p50": statistics.median(timings),
        "p95": p95,
        "sql": max(statements),
        "rows": rows,
    }


def main(argv=None) -> None:
    from core.extensions import db
    from people.models import Employee
    from reports.registry import REPORTS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="L")
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--database-url")
    parser.add_argument(
        "--compare", metavar="M,XL", help="report pages at two sizes, alternately"
    )
    args = parser.parse_args(argv)
    if args.compare:
        try:
            sizes = parse_sizes(args.compare)
        except ValueError as err:
            parser.error(str(err))
        pages = [Page("reports dashboard", "hr", "/reports", "<= 500 ms at XL")]
        pages += [
            Page(slug, "hr", f"/reports/{slug}", TARGETS.get(slug, ""))
            for slug in REPORTS
        ]
        print_compare(compare(sizes, pages, args.requests), sizes, args.requests)
        return
    url = args.database_url or default_url(args.size)
    app = make_app(url)
    with app.app_context():
        db.create_all()
        empty = not db.session.scalar(sa.select(sa.func.count()).select_from(Employee))
    if empty:
        fixtures.build(args.size, url)
    actors = _actors(app)
    with app.app_context():
        engine = db.engine
    print(
        f"{'report':<20} {'as':<9} {'kind':<5} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'SQL':>4} {'CSV rows':>8}"
    )
    for role, (login_id, token) in actors.items():
        client = app.test_client()
        sign_in_client(client, login_id)
        headers = {"Authorization": f"Bearer {token}"}
        for slug in REPORTS:
            for kind, path, hdrs in (
                ("html", f"/reports/{slug}", {}),
                ("api", f"/api/v1/reports/{slug}?page_size=5000", headers),
                ("csv", f"/reports/{slug}.csv", {}),
            ):
                r = _time(client, engine, path, hdrs, args.requests)
                print(
                    f"{slug:<20} {role:<9} {kind:<5} {r['p50']:>8.0f} "
                    f"{r['p95']:>8.0f} {r['sql']:>4} {r['rows'] or '':>8}"
                )


if __name__ == "__main__":
    main()
