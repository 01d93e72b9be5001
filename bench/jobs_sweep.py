"""A full sweep of every scheduled job on fixture L: time, work done and peak memory.

    python -m bench.jobs_sweep [--size L] [--rebuild]

Builds ``bench/out/jobs-<size>.db`` once (``bench.fixtures`` in a subprocess, so its memory
does not count; rebuilt when it is not from today, because the fixture's reminders are
due relative to the day it was built), copies it, and on the copy runs every job in
``jobs.registry.job_specs()`` once at the current time, as the scheduler would (commit
after each), with anniversary reviews turned on so that job has work too. Prints each
job's time and processed count, the total, and the process's peak resident memory
(``ru_maxrss``: the whole interpreter, app and data). Targets: ≤ 30 s, ≤ 200 MB.
"""

import argparse
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, date, datetime

from bench.common import OUT, ROOT, make_app

TARGET_SECONDS = 30.0
TARGET_MB = 200.0


def _fixture(size: str, rebuild: bool):
    path = OUT / f"jobs-{size}.db"
    built = date.fromtimestamp(path.stat().st_mtime) if path.exists() else None
    if rebuild or built != date.today():
        print(f"Building fixture {size} in {path} …", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.fixtures",
                "--size",
                size,
                "--database-url",
                f"sqlite:///{path}",
                "--reset",
            ],
            cwd=ROOT,
            check=True,
        )
    with sqlite3.connect(path) as conn:  # fold the WAL in, so one file is the copy
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = OUT / f"jobs-{size}-sweep.db"
    for suffix in ("", "-wal", "-shm"):
        copy.with_name(copy.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(path, copy)
    return copy


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sweep(url: str, now: datetime) -> list[tuple[str, float, int]]:
    from core.extensions import db
    from jobs.registry import job_specs
    from reviews.models import ReviewSettings

    app = make_app(url)
    results = []
    with app.app_context():
        db.session.add(ReviewSettings(anniversary_reviews=True))
        db.session.commit()
        specs = job_specs()
        for number, spec in enumerate(specs, start=1):
            print(f"[{number}/{len(specs)}] {spec.id} …", end=" ", flush=True)
            started = time.perf_counter()
            processed = spec.func(now)
            db.session.commit()
            seconds = time.perf_counter() - started
            print(f"{seconds:6.2f} s  {processed:>6} processed", flush=True)
            results.append((spec.id, seconds, processed))
        db.session.remove()
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="L")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    copy = _fixture(args.size, args.rebuild)
    before = _peak_mb()
    now = datetime.now(UTC)
    print(f"Sweeping every job on {copy.name} at {now:%Y-%m-%d %H:%M} UTC", flush=True)
    started = time.perf_counter()
    results = sweep(f"sqlite:///{copy}", now)
    total = time.perf_counter() - started
    peak = _peak_mb()
    print(f"\n{'job':<40} {'seconds':>8} {'processed':>10}")
    for job_id, seconds, processed in results:
        print(f"{job_id:<40} {seconds:>8.2f} {processed:>10}")
    print(f"{'total':<40} {total:>8.2f} {sum(r[2] for r in results):>10}")
    print(f"peak memory (ru_maxrss) {peak:.0f} MB (before the sweep {before:.0f} MB)")
    ok = total <= TARGET_SECONDS and peak <= TARGET_MB
    print(
        f"targets ≤ {TARGET_SECONDS:.0f} s and ≤ {TARGET_MB:.0f} MB:",
        "met" if ok else "MISSED",
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
