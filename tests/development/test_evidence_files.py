import pytest

from core.errors import NotFound, PermissionDenied, ValidationFailed
from development.enums import ActivityKind
from development.services import activities
from development.services.evidence_files import attach_evidence_file, evidence_file_path

PDF = b"%PDF-1.4\n" + b"0" * 100


def _activity(org, private=False):
    return activities.create_activity(org.employee, {
        "kind": ActivityKind.certification, "title": "AWS", "is_private": private,
    })  # fmt: skip


def test_a_real_pdf_is_stored_outside_static_and_served_to_the_manager(app, db, org):
    activity = _activity(org)
    attach_evidence_file(org.employee, activity, "cert.pdf", PDF)
    path = evidence_file_path(org.manager, activity)
    assert path.read_bytes() == PDF
    assert "static" not in path.parts


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
    assert activity.evidence_file == ""


def test_a_private_activitys_file_is_the_owners_alone(db, org):
    activity = _activity(org, private=True)
    attach_evidence_file(org.employee, activity, "cert.pdf", PDF)
    assert evidence_file_path(org.employee, activity)
    for reader in (org.manager, org.hr):
        with pytest.raises(NotFound):
            evidence_file_path(reader, activity)


def test_only_the_owner_uploads(db, org):
    activity = _activity(org)
    with pytest.raises(PermissionDenied):
        attach_evidence_file(org.manager, activity, "cert.pdf", PDF)
