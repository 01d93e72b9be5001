"""The test environment, set before the app is imported (``core.config`` reads it).

- ``TRELLIS_LAZY=raise``: a relationship that was not eagerly loaded raises (N+1 guard).
- Under pytest-xdist each worker gets its own PostgreSQL database; SQLite runs in memory
  per process anyway.
"""

import os

os.environ.setdefault("TRELLIS_LAZY", "raise")  # before any model is imported


def _per_worker_database() -> None:
    """Under pytest-xdist each worker gets its own PostgreSQL database (SQLite runs in
    memory per process anyway)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not worker or not url.startswith("postgresql"):
        return
    import sqlalchemy as sa

    base = sa.make_url(url)
    name = f"{base.database}_{worker}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        )
        if not exists:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    os.environ["TEST_DATABASE_URL"] = base.set(database=name).render_as_string(
        hide_password=False
    )


_per_worker_database()  # before core.config reads TEST_DATABASE_URL
