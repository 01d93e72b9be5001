"""Shared fixtures: the app on SQLite (or ``TEST_DATABASE_URL``), a clean database per
test, clients signed in as any user, bearer tokens, the standard org and a query counter.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import has_app_context
from flask.testing import FlaskClient

import tests.environment  # noqa: F401  (first: sets the environment the app reads)
from app import create_app
from auth.tokens import issue_token
from core.config import TestConfig
from core.db import utcnow
from core.extensions import db as _db
from people import org_tree
from tests import factories


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, so ``g``, the signed-in user and the
    database session are fresh per request — as in production — even though the test
    itself holds an app context. The test's session is expired afterwards so it reads
    what the request committed.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            _db.session.commit()  # the request's own session must see the arranged rows
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        if has_app_context():
            _db.session.expire_all()
        return response


@pytest.fixture(scope="session")
def app():
    app = create_app(TestConfig)
    app.test_client_class = IsolatedClient
    with app.app_context():
        _db.drop_all()
        _db.create_all()
    return app


@pytest.fixture
def db(app):
    """The database, emptied after the test."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        _db.session.remove()
        with _db.engine.begin() as conn:
            # Every test is also a check that the reporting lines followed the managers.
            drifted = org_tree.drift(conn)
            assert not drifted, f"reporting lines out of step: {drifted[:5]}"
            if conn.dialect.name == "postgresql":
                _empty_postgres(conn)
                return
            for table in reversed(_db.metadata.sorted_tables):
                # Self-references (department parents) would block the DELETE.
                for fk in table.foreign_keys:
                    if fk.column.table is table and fk.parent.nullable:
                        conn.execute(table.update().values({fk.parent.name: None}))
                conn.execute(table.delete())


def _empty_postgres(conn) -> None:
    """One round trip: every DELETE in one script, foreign-key triggers off for it (the
    test server runs as a superuser), so self-references need no UPDATE first."""
    script = "SET LOCAL session_replication_role = replica; " + "".join(
        f'DELETE FROM "{t.name}"; ' for t in reversed(_db.metadata.sorted_tables)
    )
    conn.exec_driver_sql(script)


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def runner(app, db):
    return app.test_cli_runner()


def sign_in(client, user) -> None:
    """Put ``user`` in the test client's session (no password round trip)."""
    now = utcnow().isoformat()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["login_at"] = now
        session["seen_at"] = now


@pytest.fixture
def login_as(client):
    def _login(user):
        if user is not None:
            sign_in(client, user)
        return client

    return _login


def bearer(user) -> dict:
    token, _ = issue_token(user, timedelta(hours=1))
    _db.session.commit()
    return {"Authorization": f"Bearer {token}"}


def personal_bearer(user, scope: str = "read") -> dict:
    """Headers with a new personal access token of ``user`` (``read`` or ``write``)."""
    from auth.personal_tokens import issue_personal_token
    from people.enums import TokenScope

    data = {"name": f"{scope} token", "scope": TokenScope(scope)}
    token, _ = issue_personal_token(user, data)
    _db.session.commit()
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def token_headers(db):
    return bearer


@dataclass
class Org:
    """The standard cast of the authorization matrix (see tests/gates)."""

    ceo: object  # indirect manager of employee
    manager: object  # direct manager of employee and peer
    employee: object
    peer: object
    other_manager: object  # manages other_report in another department
    other_report: object
    hr: object
    admin: object
    department: object
    other_department: object

    def actor(self, name):
        return None if name == "anonymous" else getattr(self, name)


@pytest.fixture
def org(db) -> Org:
    f = factories
    dept = f.make_department(name="Engineering")
    other = f.make_department(name="Sales")
    ceo = f.make_person(name="Cora Chief", job_title="CEO", department_id=dept.id)
    manager = f.make_person(
        name="Max Manager",
        job_title="Engineering Manager",
        department_id=dept.id,
        manager_id=ceo.employee_id,
    )
    employee = f.make_person(
        name="Emma Employee", department_id=dept.id, manager_id=manager.employee_id
    )
    peer = f.make_person(
        name="Piet Peer", department_id=dept.id, manager_id=manager.employee_id
    )
    other_manager = f.make_person(
        name="Olga Other", job_title="Sales Manager", department_id=other.id
    )
    other_report = f.make_person(
        name="Rita Report",
        job_title="Account Executive",
        department_id=other.id,
        manager_id=other_manager.employee_id,
    )
    hr = f.make_person(name="Hana HR", job_title="HR Partner", is_hr=True)
    admin = f.make_user(email="admin@example.com", is_admin=True)
    _db.session.commit()
    return Org(
        ceo,
        manager,
        employee,
        peer,
        other_manager,
        other_report,
        hr,
        admin,
        dept,
        other,
    )


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(db):
    """Context manager counting SQL statements sent to the database."""

    @contextmanager
    def _count():
        counter = QueryCounter()
        engine = _db.engine
        sa.event.listen(engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            sa.event.remove(engine, "before_cursor_execute", counter)

    return _count


@contextmanager
def executed_statements(db):
    """The statement objects the session executes inside the block (the prebuilt-
    statement tests compare their identity from one request to the next)."""
    seen: list = []

    def grab(state):
        seen.append(state.statement)

    sa.event.listen(db.session, "do_orm_execute", grab)
    try:
        yield seen
    finally:
        sa.event.remove(db.session, "do_orm_execute", grab)
