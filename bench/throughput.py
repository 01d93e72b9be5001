"""Throughput under gunicorn: Trellis against two floors, interleaved, with ApacheBench.

    python -m bench.throughput [--size M|L|XL] [--rounds 5] [--seconds 5]
                               [--concurrency 4] [--database-url URL]

One run starts three gunicorn servers side by side (2 sync workers each by default):
Trellis (``app:create_app()`` on the fixture database), ``bench.bare_app`` (bare Flask,
no database) and ``bench.bare_sqla_app`` (bare Flask + Flask-SQLAlchemy, one select on
the same database). Each round drives, one after the other, ``ab -k -c N -t S``
against: the Trellis API (``GET /api/v1/people/<id>`` as HR, bearer token), the bare
Flask app, the bare Flask + SQLAlchemy app, the Trellis home page and a review page (as
the team lead who reviews it, session cookie from a real sign-in at the start of each
round). Any failed or non-2xx request fails the bench.

How to read it. Absolute requests/s on a shared two-core machine move with everything
else running on it (``ab`` itself takes CPU from the servers too), so the figures that
mean something are the ratios *within a round*: both sides ran seconds apart under the
same load. Each ratio is printed as its median over the rounds and its range (min–max);
a wide range says the machine was busy, not that the code changed. Worker CPU per
request (user + system time of the workers, from ``/proc``, divided by the requests) is
the steadier figure: it does not count time spent waiting for a core; the ratios are
printed that way too (the floor's CPU per request ÷ Trellis's), beside the requests/s
ones the issue's targets are written in. Peak resident memory per worker (``VmHWM``) is
read at the end. Fewer than 5 rounds is a smoke run, not a figure. On PostgreSQL the
worker CPU leaves out the database server's own (another process), so there the
requests/s ratios are the whole story and the CPU ones only the Python side.

PostgreSQL (the fixtures are built there first if the database is empty)::

    scripts/with-postgres.sh sh -c \\
        '.venv/bin/python -m bench.throughput --size L --database-url "$TEST_DATABASE_URL"'

(``sh -c`` and single quotes: ``with-postgres.sh`` exports ``TEST_DATABASE_URL`` for the
command it runs, so the calling shell must not expand it first.)
"""

import argparse
import os
import statistics
from contextlib import ExitStack
from dataclasses import dataclass

from bench import ab, fixtures
from bench.common import (
    PASSWORD,
    SIZES,
    cpu_seconds,
    default_url,
    gunicorn,
    has_people,
    make_app,
    peak_rss_mb,
)
from bench.signin import sign_in
from bench.targets import api_token, find_targets

WARMUP_SECONDS = 1


@dataclass(frozen=True)
class Load:
    name: str
    server: str  # key in the servers dict
    path: str
    as_who: str
    api: bool = False  # bearer token; else the session cookie (Trellis pages)


@dataclass(frozen=True)
class Ratio:
    label: str
    top: str
    bottom: str
    target: float  # issue 17's target for the ratio


RATIOS = (
    Ratio("API ÷ bare Flask", "trellis api", "bare flask", 0.5),
    Ratio("API ÷ bare Flask + SQLAlchemy", "trellis api", "bare flask+sqla", 0.9),
    Ratio("home page ÷ bare Flask", "trellis home", "bare flask", 0.10),
    Ratio("review page ÷ bare Flask", "trellis review", "bare flask", 0.10),
)


def _loads(person_id: int, review_id: int) -> list[Load]:
    api = f"/api/v1/people/{person_id}"
    return [
        Load("trellis api", "trellis", api, "HR", api=True),
        Load("bare flask", "bare", api, "-"),
        Load("bare flask+sqla", "sqla", api, "-"),
        Load("trellis home", "trellis", "/", "team lead"),
        Load("trellis review", "trellis", f"/reviews/{review_id}", "team lead"),
    ]


def _spread(values: list[float], fmt: str) -> str:
    return (
        f"{statistics.median(values):{fmt}} ({min(values):{fmt}}–{max(values):{fmt}})"
    )


def _prepare(url: str, size: str):
    """Fixtures (built if missing), the targets and an HR bearer token."""
    if not has_people(url):
        print(f"No fixtures for {size} in {url} yet: building them.")
        fixtures.main(["--size", size, "--database-url", url])
    app = make_app(url)
    targets = find_targets(app)
    token = api_token(app, targets.hr.email)
    with app.app_context():
        from core.extensions import db

        db.engine.dispose()  # the servers are the only clients while they run
    return targets, token


def _drive(servers, loads, token, manager_email, args) -> dict[str, list[dict]]:
    """Every load once per round, in order; requests/s and CPU ms per request."""
    results: dict[str, list[dict]] = {load.name: [] for load in loads}
    options = {"seconds": args.seconds, "concurrency": args.concurrency}
    for round_no in range(-1, args.rounds):  # round -1: warm-up, not counted
        # A fresh sign-in each round: the idle timeout (30 min) never ends it mid-run.
        cookie = sign_in(servers["trellis"], manager_email, PASSWORD)
        line = []
        for load in loads:
            server = servers[load.server]
            extra: dict = {}
            if load.server == "trellis" and load.api:
                extra = {"headers": {"Authorization": f"Bearer {token}"}}
            elif load.server == "trellis":
                extra = {"cookie": cookie}
            if round_no < 0:
                ab.run_ab(
                    server.url(load.path),
                    **{**options, "seconds": WARMUP_SECONDS},
                    **extra,
                )
                continue
            pids = server.workers()
            before = cpu_seconds(pids)
            result = ab.run_ab(server.url(load.path), **options, **extra)
            cpu_ms = (cpu_seconds(pids) - before) * 1000 / result.complete
            results[load.name].append(
                {"rps": result.requests_per_second, "cpu_ms": cpu_ms, "ab": result}
            )
            line.append(f"{load.name} {result.requests_per_second:,.0f}")
        if round_no >= 0:
            print(f"  round {round_no + 1}: " + " | ".join(line) + " req/s", flush=True)
    return results


def report(results, loads, memory) -> None:
    print(
        f"\n{'load':<16} {'path':<22} {'as':<9} {'req/s median (range)':>22} "
        f"{'worker CPU ms/req':>20}"
    )
    for load in loads:
        runs = results[load.name]
        lengths = sum(r["ab"].length_failures for r in runs)
        note = f"  ({lengths} responses of another length)" if lengths else ""
        print(
            f"{load.name:<16} {load.path:<22} {load.as_who:<9} "
            f"{_spread([r['rps'] for r in runs], ',.0f'):>22} "
            f"{_spread([r['cpu_ms'] for r in runs], '.2f'):>20}{note}"
        )
    print(
        f"\n{'ratio, per round':<30} {'req/s: median (range)':>22} "
        f"{'CPU/req: median (range)':>24}   target (req/s)"
    )
    for ratio in RATIOS:
        pairs = list(zip(results[ratio.top], results[ratio.bottom], strict=True))
        by_rps = [top["rps"] / bottom["rps"] for top, bottom in pairs]
        by_cpu = [bottom["cpu_ms"] / max(top["cpu_ms"], 1e-9) for top, bottom in pairs]
        verdict = "met" if statistics.median(by_rps) >= ratio.target else "not met"
        print(
            f"{ratio.label:<30} {_spread(by_rps, '.3f'):>22} "
            f"{_spread(by_cpu, '.3f'):>24}   >= {ratio.target:g} ({verdict})"
        )
    print("\nPeak resident memory per worker (VmHWM, MiB)")
    for name, sizes in memory.items():
        print(f"  {name:<8} " + ", ".join(f"{mb:.0f}" for mb in sizes))
    load_avg = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nLoad average at the end: {load_avg} ({os.cpu_count()} cores)")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="M")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5, help="per ab run (whole s)")
    parser.add_argument("--concurrency", type=int, default=4, help="ab -c")
    parser.add_argument("--workers", type=int, default=2, help="per server")
    parser.add_argument("--threads", type=int, default=1, help="per worker")
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument(
        "--gunicorn-config", help="a gunicorn config file for Trellis only (-c)"
    )
    parser.add_argument("--database-url", help="default: bench/out/bench-<size>.db")
    args = parser.parse_args(argv)
    if args.database_url == "":
        parser.error(
            "--database-url is empty: did the shell expand $TEST_DATABASE_URL before "
            "scripts/with-postgres.sh set it? Wrap the command in sh -c '…'."
        )
    if args.rounds < 1 or args.seconds < 1:
        parser.error("--rounds and --seconds must be at least 1")
    url = args.database_url or default_url(args.size)
    if args.rounds < 5:
        print(f"{args.rounds} round(s): a smoke run, not a figure (take 5 or more)")
    targets, token = _prepare(url, args.size)
    loads = _loads(targets.person_id, targets.review_id)
    print(
        f"\nThroughput on {url.split(':')[0]} ({args.size}); gunicorn -w "
        f"{args.workers} --threads {args.threads} -k {args.worker_class} per server; "
        f"ab -k -c {args.concurrency} -t {args.seconds}; {args.rounds} rounds, "
        f"interleaved; load average at the start: "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    shape = {
        "workers": args.workers,
        "threads": args.threads,
        "worker_class": args.worker_class,
    }
    with ExitStack() as stack:
        servers = {
            "trellis": stack.enter_context(
                gunicorn(
                    "app:create_app()",
                    env={"DATABASE_URL": url},
                    config=args.gunicorn_config,
                    **shape,
                )
            ),
            "bare": stack.enter_context(gunicorn("bench.bare_app:app", **shape)),
            "sqla": stack.enter_context(
                gunicorn(
                    "bench.bare_sqla_app:create_app()",
                    env={"DATABASE_URL": url},
                    **shape,
                )
            ),
        }
        try:
            results = _drive(servers, loads, token, targets.manager.email, args)
        except RuntimeError as err:
            raise SystemExit(f"bench failed: {err}") from err
        memory = {
            name: [peak_rss_mb(pid) for pid in server.workers()]
            for name, server in servers.items()
        }
    report(results, loads, memory)


if __name__ == "__main__":
    main()
