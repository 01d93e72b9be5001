import hashlib
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.audit import AuditEvent
from core.errors import NotFound, PermissionDenied, ValidationFailed
from development.enums import ActivityKind
from development.models import EvidenceBlob
from development.services import activities
from development.services.evidence_files import attach_evidence_file, get_evidence_file

PDF = b"%PDF-1.4\n" + b"0" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


def _activity(org, private=False):
    return activities.create_activity(
        org.employee,
        {
            "kind": ActivityKind.certification,
            "title": "AWS",
            "is_private": private,
        },
    )


def test_a_real_pdf_is_stored_in_the_database_and_served_to_the_manager(app, db, org):
    activity = _activity(org)
    attach_evidence_file(org.employee, activity, "cert.pdf", PDF)
    blob = get_evidence_file(org.manager, activity)
    assert blob.data == PDF
    assert blob.content_type == "application/pdf"
    assert blob.size == len(PDF)
    assert blob.sha256 == hashlib.sha256(PDF).hexdigest()
    assert not (Path(app.instance_path) / "evidence").exists()


def test_a_new_file_replaces_the_old_blob(db, org):
    activity = _activity(org)
    attach_evidence_file(org.employee, activity, "cert.pdf", PDF)
    attach_evidence_file(org.employee, activity, "photo.png", PNG)
    assert db.session.scalar(sa.select(sa.func.count(EvidenceBlob.id))) == 1
    blob = get_evidence_file(org.employee, activity)
    assert (blob.data, blob.content_type) == (PNG, "image/png")
    assert activity.evidence_file_name == "photo.png"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cert.exe", PDF, "PDF, PNG or JPEG"),
        ("cert.png", PDF, "not a real PNG"),
        ("cert.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "larger than 5 MB"),
        ("cert.pdf", b"", "empty"),
    ],
)
def test_bad_uploads_are_refused(db, org, name, data, message):
    activity = _activity(org)
    with pytest.raises(ValidationFailed) as err:
        attach_evidence_file(org.employee, activity, name, data)
    assert message in err.value.errors["evidence_file"]
    assert not activity.has_evidence_file
    assert db.session.scalar(sa.select(sa.func.count(EvidenceBlob.id))) == 0


def test_a_private_activitys_file_is_the_owners_alone(db, org):
    activity = _activity(org, private=True)
    attach_evidence_file(org.employee, activity, "cert.pdf", PDF)
    assert get_evidence_file(org.employee, activity).data == PDF
    for reader in (org.manager, org.hr):
        with pytest.raises(NotFound):
            get_evidence_file(reader, activity)


def test_only_the_owner_uploads(db, org):
    activity = _activity(org)
    with pytest.raises(PermissionDenied):
        attach_evidence_file(org.manager, activity, "cert.pdf", PDF)


def test_the_audit_event_names_no_private_file(db, org):
    activity = _activity(org, private=True)
    attach_evidence_file(org.employee, activity, "therapy-invoice.pdf", PDF)
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "evidence_file_added")
    ).one()
    assert "therapy" not in str(event.changes)
    assert event.changes["sha256"] == hashlib.sha256(PDF).hexdigest()
