"""Revision c11e0f1e5b10 moves evidence files from ``instance/evidence/`` into
``evidence_blobs``: a file on disk becomes bytes in the database, a missing one is
logged and leaves its activity without a file, and the old path column is gone."""

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from app import create_app
from core.config import TestConfig
from core.extensions import db
from tests.scratch_databases import drop_database, new_database

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 4
NOW = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture
def old_app(tmp_path):
    """An app on a new database at the revision before, its instance folder in tmp."""
    url = new_database(tmp_path, "evidence_migration")
    config = type("Old", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url})
    app = create_app(config)
    app.instance_path = str(tmp_path / "instance")
    with app.app_context():
        upgrade(revision="0ab3d89c2441")
        yield app
        db.session.remove()
        db.engine.dispose()
    drop_database(url)


def _old_activity(conn, activity_id, stored, mime, name):
    conn.execute(
        sa.text(
            "INSERT INTO development_activities (id, employee_id, kind, title, "
            "provider, hours, status, evidence_url, evidence_note, evidence_file, "
            "evidence_file_name, evidence_mime, reflection, is_private, version, "
            "created_at, updated_at) VALUES (:id, 1, 'certification', 'AWS', '', 0, "
            "'completed', '', '', :stored, :name, :mime, '', false, 1, :now, :now)"
        ),
        {"id": activity_id, "stored": stored, "name": name, "mime": mime, "now": NOW},
    )


def _arrange(app):
    evidence = app.instance_path + "/evidence"
    with db.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO employees (id, name, email, job_title, is_active, "
                "version, created_at, updated_at) VALUES (1, 'Emma', 'e@x.example', "
                "'Engineer', true, 1, :now, :now)"
            ),
            {"now": NOW},
        )
        _old_activity(conn, 1, "0a1b2c.pdf", "application/pdf", "cert.pdf")
        _old_activity(conn, 2, "gone.png", "image/png", "lost.png")
        _old_activity(conn, 3, "", "", "")
    Path(evidence).mkdir(parents=True)
    (Path(evidence) / "0a1b2c.pdf").write_bytes(PDF)


def test_upgrade_moves_an_old_file_from_disk_into_the_database(old_app, capfd):
    _arrange(old_app)
    upgrade()
    with db.engine.connect() as conn:
        blobs = conn.execute(sa.text("SELECT * FROM evidence_blobs")).mappings().all()
        names = dict(
            conn.execute(
                sa.text("SELECT id, evidence_file_name FROM development_activities")
            ).all()
        )
    assert len(blobs) == 1
    blob = blobs[0]
    assert blob["activity_id"] == 1
    assert bytes(blob["data"]) == PDF
    assert blob["content_type"] == "application/pdf"
    assert blob["size"] == len(PDF)
    assert blob["sha256"] == hashlib.sha256(PDF).hexdigest()
    # The missing file is logged, not fatal, and its activity offers no download.
    assert names == {1: "cert.pdf", 2: "", 3: ""}
    assert "gone.png of activity 2 is missing" in capfd.readouterr().err
    columns = {
        c["name"] for c in sa.inspect(db.engine).get_columns("development_activities")
    }
    assert not {"evidence_file", "evidence_mime"} & columns


def test_the_moved_file_is_served_from_the_database(old_app):
    from development.models import DevelopmentActivity
    from development.services.evidence_files import get_evidence_file
    from tests import factories

    _arrange(old_app)
    upgrade()
    activity = db.session.get(DevelopmentActivity, 1)
    owner = factories.make_user(email="owner@x.example", employee_id=1)
    db.session.flush()
    assert get_evidence_file(owner, activity).data == PDF


def test_downgrade_writes_the_files_back(old_app, tmp_path):
    _arrange(old_app)
    upgrade(revision="c11e0f1e5b10")
    (tmp_path / "instance" / "evidence" / "0a1b2c.pdf").unlink()
    downgrade(revision="0ab3d89c2441")
    with db.engine.connect() as conn:
        stored, mime = conn.execute(
            sa.text(
                "SELECT evidence_file, evidence_mime FROM development_activities "
                "WHERE id = 1"
            )
        ).one()
    assert mime == "application/pdf"
    assert (tmp_path / "instance" / "evidence" / stored).read_bytes() == PDF
