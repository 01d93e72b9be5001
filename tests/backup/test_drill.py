"""The backup drill, on SQLite and (with ``TEST_DATABASE_URL``) PostgreSQL: data with an
evidence file and a private interview note → ``flask backup create`` while another
thread keeps writing → ``flask backup restore`` into a new empty database → the schema
matches the models (``flask db check``), the app serves from it, the counts are those of
one moment, and the private note and the evidence bytes are the same."""

import threading

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from app import create_app
from core.audit import AuditEvent
from core.config import TestConfig
from core.db import utcnow
from core.extensions import db
from development.enums import ActivityKind
from development.models import EvidenceBlob, InformationalInterview
from development.services import activities, interviews
from development.services.evidence_files import attach_evidence_file
from people.models import User
from tests import factories
from tests.conftest import sign_in
from tests.scratch_databases import drop_database, new_database, on_postgres

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 64
NOTE = "PRIVATE-BACKUP-NOTE-5c1e: she said the reorg is coming"
MAIN_TABLES = (
    "employees",
    "users",
    "development_activities",
    "informational_interviews",
    "evidence_blobs",
    "audit_events",
)


def _app(url):
    return create_app(type("Drill", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url}))


@pytest.fixture
def databases(tmp_path):
    urls = [new_database(tmp_path, "source"), new_database(tmp_path, "restored")]
    yield urls
    for url in urls:
        drop_database(url)


def _arrange() -> dict:
    owner = factories.make_person(name="Emma Owner")
    activity = activities.create_activity(
        owner, {"kind": ActivityKind.certification, "title": "AWS"}
    )
    attach_evidence_file(owner, activity, "cert.pdf", PDF)
    interview = interviews.create_interview(owner, {"private_notes": NOTE})
    db.session.commit()
    return {"owner_id": owner.id, "activity": activity.id, "interview": interview.id}


class Writer(threading.Thread):
    """Commits pairs of audit events until told to stop: a consistent copy holds an
    even number of them."""

    def __init__(self, app):
        super().__init__(daemon=True)
        self.app, self.stop, self.commits = app, threading.Event(), 0
        self.started_writing = threading.Event()
        self.error = None

    def run(self):
        try:
            with self.app.app_context():
                while not self.stop.is_set():
                    for _ in range(2):
                        db.session.add(
                            AuditEvent(
                                at=utcnow(),
                                object_type="Drill",
                                object_id=self.commits,
                                action="write",
                                changes={},
                            )
                        )
                    db.session.commit()
                    self.commits += 1
                    self.started_writing.set()
                db.session.remove()
        except Exception as error:  # reported by the test
            self.error = error
            self.started_writing.set()


def _counts(names=MAIN_TABLES) -> dict:
    return {
        name: db.session.scalar(sa.select(sa.func.count()).select_from(sa.table(name)))
        for name in names
    }


def test_backup_while_writing_then_restore_into_an_empty_database(databases, tmp_path):
    source_url, restored_url = databases
    path = tmp_path / "trellis.backup"
    source = _app(source_url)
    with source.app_context():
        upgrade()
        ids = _arrange()
        before = _counts()
        writer = Writer(source)
        writer.start()
        assert writer.started_writing.wait(10)
        created = source.test_cli_runner().invoke(args=["backup", "create", str(path)])
        writer.stop.set()
        writer.join(10)
        assert writer.error is None, writer.error
        assert created.exit_code == 0, created.output
        assert "Wrote" in created.output
        assert ("pg_dump" if on_postgres() else "online backup") in created.output
        after = _counts()
        db.session.remove()
        db.engine.dispose()

    restored = _app(restored_url)
    with restored.app_context():
        result = restored.test_cli_runner().invoke(
            args=["backup", "restore", str(path)]
        )
        assert result.exit_code == 0, result.output
        assert "Restored" in result.output
        # `flask db check`: the restored schema is exactly the models'.
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "render_as_batch": True}
            )
            assert compare_metadata(context, db.metadata) == []
        # The counts of one moment between the start and the end of the backup.
        counts = _counts()
        for name in MAIN_TABLES:
            assert before[name] <= counts[name] <= after[name], name
        assert counts["audit_events"] > before["audit_events"]  # written during it
        drill = db.session.scalar(
            sa.select(sa.func.count(AuditEvent.id)).where(
                AuditEvent.object_type == "Drill"
            )
        )
        assert drill % 2 == 0  # no half of a transaction
        # The private note and the evidence bytes are the same.
        note = db.session.get(InformationalInterview, ids["interview"]).private_notes
        assert note == NOTE
        blob = db.session.scalar(
            sa.select(EvidenceBlob).where(EvidenceBlob.activity_id == ids["activity"])
        )
        assert blob.data == PDF
        owner = db.session.get(User, ids["owner_id"])
        client = restored.test_client()
        sign_in(client, owner)
        page = client.get("/development")
        assert page.status_code == 200 and "AWS" in page.get_data(as_text=True)
        download = client.get(f"/development/activities/{ids['activity']}/evidence")
        assert download.status_code == 200 and download.data == PDF
        db.session.remove()
        db.engine.dispose()


def test_restore_refuses_a_database_that_is_not_empty(databases, tmp_path):
    source_url, _ = databases
    path = tmp_path / "trellis.backup"
    source = _app(source_url)
    with source.app_context():
        db.create_all()
        factories.make_person(name="Kept Safe")
        db.session.commit()
        runner = source.test_cli_runner()
        assert runner.invoke(args=["backup", "create", str(path)]).exit_code == 0
        result = runner.invoke(args=["backup", "restore", str(path)])
        assert result.exit_code == 1
        assert "is not empty" in result.output
        assert _counts(["employees"]) == {"employees": 1}
        db.session.remove()
        db.engine.dispose()


def test_create_will_not_overwrite_a_file_without_being_told(databases, tmp_path):
    source = _app(databases[0])
    path = tmp_path / "old.backup"
    path.write_bytes(b"an older backup")
    with source.app_context():
        db.create_all()
        runner = source.test_cli_runner()
        refused = runner.invoke(args=["backup", "create", str(path)])
        assert refused.exit_code == 1 and "--overwrite" in refused.output
        assert path.read_bytes() == b"an older backup"
        replaced = runner.invoke(args=["backup", "create", str(path), "--overwrite"])
        assert replaced.exit_code == 0, replaced.output
        db.engine.dispose()


def test_a_file_that_is_not_a_backup_is_refused(databases, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    restored = _app(databases[1])
    with restored.app_context():
        result = restored.test_cli_runner().invoke(
            args=["backup", "restore", str(path)]
        )
        assert result.exit_code == 1
        assert "is not a Trellis backup" in result.output
        db.engine.dispose()
