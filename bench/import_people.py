"""Time ``flask people import`` on a generated CSV against a fresh SQLite file.

    python -m bench.import_people --rows 5000 [--keep]

Writes ``bench/out/import-<rows>.csv`` (email, name, job_title, department, manager_email,
hired_on; every manager is another row's email, reports listed before their managers half of
the time), migrates a fresh ``bench/out/import.db`` with ``flask db upgrade``, then times the
import, and a second import of the same file (every row an update). Target: ≤ 10 s.
"""

import argparse
import csv
import os
import random
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from bench.common import OUT, ROOT
from bench.fixtures import FIRST, LAST, TITLES

TARGET_SECONDS = 10.0


def write_csv(path: Path, rows: int, seed: int = 2026) -> int:
    """Write ``rows`` people in a 5-level tree; return the number of departments."""
    rng = random.Random(seed)
    people = []
    for i in range(1, rows + 1):
        if i == 1:
            manager = None
        elif i <= 6:
            manager = 1
        else:
            manager = rng.randint(max(2, i // 8), max(2, i // 6))  # earlier row
        people.append({"n": i, "manager": manager})
    departments = max(1, rows // 60)
    for p in people:
        if p["manager"] is None:
            p["department"] = "Company"
        elif p["n"] <= 6 + departments:
            p["department"] = f"Department {p['n'] % departments + 1}"
        else:
            p["department"] = people[p["manager"] - 1]["department"]
    order = people[:]
    rng.shuffle(order)  # managers may come after their reports in a real file
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            ["email", "name", "job_title", "department", "manager_email", "hired_on"]
        )
        for p in order:
            manager = p["manager"]
            hired = date(2012, 1, 1) + timedelta(days=rng.randrange(4000))
            writer.writerow(
                [
                    f"person{p['n']}@import.example",
                    f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    "CEO" if manager is None else rng.choice(TITLES),
                    p["department"],
                    f"person{manager}@import.example" if manager else "",
                    hired.isoformat(),
                ]
            )
    return len({p["department"] for p in people})


def flask(args: list[str], env: dict) -> tuple[float, subprocess.CompletedProcess]:
    command = [sys.executable, "-m", "flask", "--app", "app", *args]
    print("+ " + " ".join(command[1:]))
    started = time.perf_counter()
    result = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        text=True,
        capture_output=True,
    )
    elapsed = time.perf_counter() - started
    out = result.stdout.strip().splitlines()[-3:]
    if result.returncode != 0:
        out += result.stderr.strip().splitlines()[-10:]
    for line in out:
        print(f"    {line[-160:]}")
    if result.returncode != 0:
        raise SystemExit(
            f"flask {' '.join(args)} failed with status {result.returncode}"
        )
    return elapsed, result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args(argv)

    OUT.mkdir(parents=True, exist_ok=True)
    csv_path = OUT / f"import-{args.rows}.csv"
    departments = write_csv(csv_path, args.rows)
    print(f"Wrote {csv_path} ({args.rows:,} rows, {departments} departments)")

    db_path = OUT / "import.db"
    for suffix in ("", "-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}"}
    flask(["db", "upgrade"], env)

    first, _ = flask(["people", "import", str(csv_path)], env)
    second, _ = flask(["people", "import", str(csv_path)], env)
    with sqlite3.connect(db_path) as conn:
        stored = conn.execute("SELECT COUNT(*) FROM employees").fetchone()[0]
    print(f"employees in the database: {stored:,}")
    if stored != args.rows:
        raise SystemExit(f"expected {args.rows:,} employees, found {stored:,}")
    print(
        f"\nImport of {args.rows:,} new people: {first:.1f} s (target ≤ {TARGET_SECONDS:g} s)"
    )
    print(f"Re-import of the same file (all updates): {second:.1f} s")
    print("(each figure includes starting the flask process)")
    if first > TARGET_SECONDS:
        raise SystemExit(
            f"import took {first:.1f} s, over the {TARGET_SECONDS:g} s target"
        )


if __name__ == "__main__":
    main()
