"""Fresh, empty databases beside the test database, for tests that need a database of
their own (migrations from an old revision, a restore target): a SQLite file under
``tmp_path``, or on PostgreSQL (``TEST_DATABASE_URL``) a new database on the same server,
dropped again by the caller with ``drop_database``.
"""

import os
import uuid

import sqlalchemy as sa


def on_postgres() -> bool:
    return os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")


def new_database(tmp_path, label: str) -> str:
    """The URL of a new empty database."""
    if not on_postgres():
        return f"sqlite:///{tmp_path}/{label}.db"
    base = sa.make_url(os.environ["TEST_DATABASE_URL"])
    name = f"{base.database}_{label}_{uuid.uuid4().hex[:8]}"
    _admin(base, f'CREATE DATABASE "{name}"')
    return base.set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    if not url.startswith("postgresql"):
        return
    target = sa.make_url(url)
    base = sa.make_url(os.environ["TEST_DATABASE_URL"])
    _admin(base, f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)')


def _admin(base, statement: str) -> None:
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(statement)
    finally:
        engine.dispose()
